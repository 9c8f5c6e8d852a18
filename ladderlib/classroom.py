"""ladderlib.classroom: autograde a class student by student, one line of result per student.

``nbgrader autograde <id>`` grades a whole class in one run. When a notebook cannot be graded
it logs a traceback, leaves that student's gradebook entry waiting for a manual grade that the
formgrader cannot show, and ends the run with an error; ``--force`` deletes a student's
previous autograded copy before regrading, so a failed regrade loses it. ``ladder-autograde``
runs the same nbgrader autograding (with the course's ``nbgrader_config.py``) one student at a
time and keeps the rule "bad input gets a clear error and loses nothing":

- one student's broken notebook never stops the others;
- nothing in ``submitted/`` is changed or deleted;
- a student whose notebook cannot be graded gets 0 points in the gradebook and a message
  saying what is wrong and what to do, unless an earlier autograded copy exists: then that
  copy and its scores stay in place;
- a notebook saved under another name (``direct-economy (1).ipynb``) is graded anyway, and a
  copied or deleted graded cell is named in the student's line.

Run it from the course root, where ``nbgrader_config.py`` lives::

    ladder-autograde direct-economy                  # every student in submitted/
    ladder-autograde direct-economy --student ada    # one student (again)

Examples
--------
>>> print(Outcome("ada", 22.0, 30.0, "Graded.", graded=True))
ada: 22 of 30 points. Graded.
>>> print(json_problem('{"cells": [\\n'))
is not valid notebook JSON (line 2, column 1)
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from traitlets.config.loader import PyFileConfigLoader

__all__ = [
    "Outcome",
    "api_in",
    "autograde_class",
    "autograde_student",
    "cell_notes",
    "error_of",
    "json_problem",
    "main",
    "submitted_students",
]

RESUBMIT = "ask the student to download the notebook again from JupyterLab and resubmit it"
KERNEL_DIED = (
    "the notebook stopped Python while it ran (a call such as os._exit(), a crash or running "
    "out of memory); ask the student to run Kernel > Restart Kernel and Run All Cells, remove "
    "what stops the kernel, and resubmit"
)
KEPT = "Kept the previous autograded copy and its score."

Scores = dict[tuple[str, str], tuple[Any, Any, Any, Any]]


@dataclass(frozen=True)
class Outcome:
    """One student's result: the points in the gradebook now, and what to do about it."""

    student: str
    score: float
    max_score: float
    message: str
    graded: bool
    log: str = field(default="", repr=False, compare=False)

    def __str__(self) -> str:
        return f"{self.student}: {self.score:g} of {self.max_score:g} points. {self.message}"


def json_problem(text: str) -> str | None:
    """Why ``text`` is not notebook JSON, or None when it parses.

    >>> json_problem('{"cells": []}') is None
    True
    """
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return f"is not valid notebook JSON (line {error.lineno}, column {error.colno})"
    return None


def cell_notes(cells: list[Any], graded: set[str], answers: set[str]) -> list[str]:
    """Graded cells a student copied or deleted, as sentences for their line.

    ``graded`` holds the grade ids of test and text cells (nbgrader puts deleted ones back),
    ``answers`` those of the code cells students answer in (not put back).

    >>> cell = {"metadata": {"nbgrader": {"grade_id": "a", "grade": True}}}
    >>> cell_notes([cell, cell], {"a", "b"}, set())
    ["Cell 'a' appears 2 times: the last copy was graded.", "Deleted cell 'b' was put back and graded."]
    """
    ids = []
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader", {}) if isinstance(cell, dict) else {}
        if meta.get("grade_id") and any(meta.get(k) for k in ("grade", "solution", "locked")):
            ids.append(meta.get("grade_id"))
    counts = Counter(ids)
    notes = [
        f"Cell {gid!r} appears {n} times: the last copy was graded."
        for gid, n in sorted(counts.items())
        if n > 1
    ]
    notes += [f"Deleted cell {gid!r} was put back and graded." for gid in sorted(graded - set(ids))]
    notes += [
        f"Deleted answer cell {gid!r}: the tests that read it score 0."
        for gid in sorted(answers - graded - set(ids))
    ]
    return notes


def error_of(log: str) -> str:
    """The last exception line in nbgrader's log (``NotJSONError: ...``)."""
    found = re.findall(r"^\s*([\w.]+(?:Error|Exception|Exit)\b.*)$", log, flags=re.MULTILINE)
    return found[-1].strip() if found else "no error message in the log"


def api_in(root: Path) -> Any:
    """An NbGraderAPI configured by the course's ``nbgrader_config.py`` in ``root``."""
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def submitted_students(api: Any, assignment: str) -> list[str]:
    """Every student with a folder ``submitted/<student>/<assignment>/``."""
    pattern = api.coursedir.format_path(api.coursedir.submitted_directory, "*", assignment)
    return sorted(Path(path).parent.name for path in glob.glob(pattern) if Path(path).is_dir())


def _scores(gradebook: Any, assignment: str, student: str) -> Scores:
    submission = gradebook.update_or_create_submission(assignment, student)
    return {
        (notebook.name, grade.name): (
            grade.auto_score,
            grade.manual_score,
            grade.extra_credit,
            grade.needs_manual_grade,
        )
        for notebook in submission.notebooks
        for grade in notebook.grades
    }


def _set_scores(gradebook: Any, assignment: str, student: str, scores: Scores | None) -> None:
    """Put ``scores`` back, or with None score every cell 0 with nothing left to grade."""
    submission = gradebook.update_or_create_submission(assignment, student)
    for notebook in submission.notebooks:
        for grade in notebook.grades:
            if scores is None:
                grade.auto_score, grade.needs_manual_grade = 0.0, False
            else:
                saved = scores[(notebook.name, grade.name)]
                grade.auto_score, grade.manual_score, grade.extra_credit = saved[:3]
                grade.needs_manual_grade = saved[3]
    gradebook.db.commit()


@contextmanager
def _named_as_released(folder: Path, names: list[str]) -> Iterator[list[str]]:
    """Copy a lone renamed notebook to its released name while grading; yield notes."""
    missing = [name for name in names if not (folder / name).exists()]
    others = sorted(p for p in folder.glob("*.ipynb") if p.name not in names)
    if len(missing) != 1 or len(others) != 1:
        yield []
        return
    copy = folder / missing[0]
    shutil.copy2(others[0], copy)
    try:
        yield [f"The notebook came as {others[0].name!r}: ask the student to keep its name."]
    finally:
        copy.unlink()


def autograde_student(api: Any, assignment: str, student: str) -> Outcome:
    """Autograde one student's submission; never raises for what the student submitted."""
    coursedir = api.coursedir
    folder = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
    autograded = Path(coursedir.format_path(coursedir.autograded_directory, student, assignment))
    if not folder.is_dir():
        raise ValueError(f"no submission from {student!r}: {folder} does not exist")
    with Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
        notebooks = gradebook.find_assignment(assignment).notebooks
        names = [f"{notebook.name}.ipynb" for notebook in notebooks]
        graded = {c.name for nb in notebooks for c in [*nb.grade_cells, *nb.task_cells]}
        answers = {c.name for nb in notebooks for c in nb.solution_cells}
        previous = _scores(gradebook, assignment, student) if autograded.exists() else None

    autograded.parent.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".previous-", dir=autograded.parent.parent) as keep:
        if previous is not None:
            shutil.copytree(autograded, Path(keep) / "copy")
        with _named_as_released(folder, names) as notes:
            problems = []
            for name in names:
                path = folder / name
                if not path.exists():
                    problems.append(f"no {name} in the submission; {RESUBMIT}")
                    continue
                text = path.read_text("utf-8", errors="replace")
                problem = json_problem(text)
                if problem:
                    problems.append(
                        f"{name} {problem}: the file is cut short or was edited outside Jupyter; {RESUBMIT}"
                    )
                else:
                    notes += cell_notes(json.loads(text).get("cells", []), graded, answers)
            result = api.autograde(assignment, student, force=True, create=True)

        with Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
            if result["success"]:
                message = " ".join(["Graded.", *notes])
            else:
                log = result.get("log", "")
                if not problems and "Kernel died" in log:
                    problems.append(KERNEL_DIED)
                if not problems:
                    problems.append(
                        f"nbgrader stopped with {error_of(log)}; fix the cause (its log is "
                        "on stderr) and run this again"
                    )
                message = f"Not graded: {'; '.join(problems)}."
                if previous is not None:
                    shutil.rmtree(autograded, ignore_errors=True)
                    shutil.copytree(Path(keep) / "copy", autograded)
                    message += " " + KEPT
                _set_scores(gradebook, assignment, student, previous)
            submission = gradebook.find_submission(assignment, student)
            if result["success"] and submission.needs_manual_grade:
                message += " Text answers wait for you in the formgrader."
            return Outcome(
                student,
                float(submission.score),
                float(submission.max_score),
                message,
                graded=bool(result["success"]),
                log="" if result["success"] else result.get("log", ""),
            )


def autograde_class(api: Any, assignment: str, students: Sequence[str] = ()) -> list[Outcome]:
    """Autograde ``students`` (default: every submission) one by one, in order."""
    return [
        autograde_student(api, assignment, student)
        for student in (students or submitted_students(api, assignment))
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """``ladder-autograde``: exit 0 when every submission was graded, 1 when some were not."""
    parser = argparse.ArgumentParser(
        prog="ladder-autograde",
        description="Autograde an assignment student by student: one line per student on "
        "stdout; a broken notebook stops nobody else and loses nothing.",
    )
    parser.add_argument("assignment", help="assignment id, such as direct-economy")
    parser.add_argument(
        "--student", action="append", default=[], help="grade only this student (repeatable)"
    )
    args = parser.parse_args(argv)
    root = Path.cwd()
    if not (root / "nbgrader_config.py").is_file():
        parser.error(f"no nbgrader_config.py in {root}: run this from the course root")
    # nbgrader runs `alembic` by name when it creates a gradebook: find this environment's.
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    api = api_in(root)
    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gradebook:
        try:
            gradebook.find_assignment(args.assignment)
        except MissingEntry:
            parser.error(
                f"assignment {args.assignment!r} is not in the gradebook: run "
                f"`nbgrader generate_assignment {args.assignment} --force` first"
            )
    students = args.student or submitted_students(api, args.assignment)
    if not students:
        parser.error(f"no submissions in submitted/*/{args.assignment}/")
    unknown = [s for s in students if s not in submitted_students(api, args.assignment)]
    if unknown:
        parser.error(f"no submitted/<student>/{args.assignment}/ for: {', '.join(unknown)}")
    outcomes = []
    for student in students:
        outcome = autograde_student(api, args.assignment, student)
        if outcome.log:
            print(f"nbgrader's log for {student}:\n{outcome.log}", file=sys.stderr, flush=True)
        print(outcome, flush=True)
        outcomes.append(outcome)
    return 0 if all(outcome.graded for outcome in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
