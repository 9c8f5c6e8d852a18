"""ladderlib.instructor.report: what a class got wrong on an assignment, for the instructor.

An instructor-side tool (it never runs inside a student's kernel): after autograding,
``ladder-report <assignment>`` reads nbgrader's gradebook and the answers the grading engine
recorded, and writes ``reports/<assignment>/answers.csv`` and a self-contained
``reports/<assignment>/index.html``. One concept per module:

* :mod:`~ladderlib.instructor.report.keys`: answer keys read from the hidden tests' source (never run);
* :mod:`~ladderlib.instructor.report.gradebook`: reading the gradebook and the autograded notebooks;
* :mod:`~ladderlib.instructor.report.normalize`: answers in one spelling;
* :mod:`~ladderlib.instructor.report.table`: one row per student per graded answer;
* :mod:`~ladderlib.instructor.report.misconceptions`: shared wrong answers in sentences, with the attribute
  the library's reasons name;
* :mod:`~ladderlib.instructor.report.summaries`, :mod:`~ladderlib.instructor.report.plots`,
  :mod:`~ladderlib.instructor.report.page`: the counts, the pictures and the page;
* :mod:`~ladderlib.instructor.report.cli`: the console script.
"""

from __future__ import annotations

from .cli import main, write_report
from .gradebook import ClassData, Grade, StudentRecord, TextQuestion, read_class
from .keys import AnswerKey, answer_key, answer_keys
from .misconceptions import Misconception, find_misconceptions
from .table import AnswerRow, answer_frame, answer_rows

__all__ = [
    "AnswerKey",
    "AnswerRow",
    "ClassData",
    "Grade",
    "Misconception",
    "StudentRecord",
    "TextQuestion",
    "answer_frame",
    "answer_key",
    "answer_keys",
    "answer_rows",
    "find_misconceptions",
    "main",
    "read_class",
    "write_report",
]
