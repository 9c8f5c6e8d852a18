"""One row per student per graded answer: the table behind every count in the report.

:func:`answer_rows` pairs each student's normalized answer with the key's expected answer and
the points the gradebook holds; :func:`answer_frame` makes it a pandas DataFrame, the one
written to ``reports/<assignment>/answers.csv``.

Columns: ``student``, ``question`` (the grade id), ``given`` (normalized; empty when not
attempted), ``expected``, ``points``, ``max_points``, then ``kind``, ``case``, ``attribute``
(attribute questions), ``accepted`` (other answers that earn credit, ``;``-separated) and
``correct`` (full points).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from .gradebook import ClassData
from .normalize import accepted_texts, expected_text, given_text

__all__ = ["COLUMNS", "AnswerRow", "answer_frame", "answer_rows", "spreadsheet_safe"]


@dataclass(frozen=True)
class AnswerRow:
    """One student's answer to one graded question."""

    student: str
    question: str
    given: str
    expected: str
    points: float
    max_points: float
    kind: str
    case: str
    attribute: str
    accepted: str
    correct: bool

    @property
    def attempted(self) -> bool:
        """Whether the student gave anything at all."""
        return self.given != ""

    @property
    def wrong(self) -> bool:
        """Attempted, and not earning full points."""
        return self.attempted and not self.correct


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(AnswerRow))
"""The CSV's columns, in order."""


def answer_rows(data: ClassData) -> list[AnswerRow]:
    """Every student's answer to every graded question, students in order, questions in order."""
    expected = {gid: expected_text(key) for gid, key in data.keys.items()}
    accepted = {gid: "; ".join(accepted_texts(key)) for gid, key in data.keys.items()}
    rows = []
    for record in data.students:
        for gid, key in data.keys.items():
            grade = record.grades.get(gid)
            points = grade.score if grade else 0.0
            max_points = data.max_points.get(gid, grade.max_score if grade else 0.0)
            rows.append(
                AnswerRow(
                    student=record.student,
                    question=gid,
                    given=given_text(key, record.value(gid, key.answer)),
                    expected=expected[gid],
                    points=points,
                    max_points=max_points,
                    kind=key.kind,
                    case=key.title,
                    attribute=key.attribute or "",
                    accepted=accepted[gid],
                    correct=max_points > 0 and points >= max_points,
                )
            )
    return rows


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet will show, not run: a leading ``=``, ``+``, ``-`` or ``@`` is quoted.

    Students' answers reach the CSV; one that starts like a formula would run when the
    instructor opens the file in a spreadsheet.

    Examples
    --------
    >>> print(spreadsheet_safe("=1+1"), spreadsheet_safe("DIY"))
    '=1+1 DIY
    """
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def answer_frame(rows: list[AnswerRow]) -> Any:
    """The rows as a pandas DataFrame with :data:`COLUMNS`, students' text spreadsheet-safe."""
    import pandas as pd

    table = [[getattr(row, c) for c in COLUMNS] for row in rows]
    given = COLUMNS.index("given")
    for line in table:
        line[given] = spreadsheet_safe(line[given])
    return pd.DataFrame(table, columns=list(COLUMNS))
