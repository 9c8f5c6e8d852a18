"""``ladder-selfgrade <notebook>``: a learner grades their own copy of an assignment.

It grades with the same keys and the same grading path the instructor uses: a temporary nbgrader
course is made from the repository's ``nbgrader_config.py`` and ``solutions/``, the assignment is
generated from it, the learner's notebook is put in as a submission (a copy: the notebook itself
is never changed), then autograded and given feedback. It prints each auto-graded question's
score and messages, ends with ``Total: X of Y auto-graded points``, and writes the feedback page
next to the notebook (``<name>-feedback.html``). Questions graded by hand (the written "why"
answers) are listed as such, with the rubric in the assignment.

A student edition of the course has no ``solutions/`` (it holds the hidden tests): there,
self-grading says so plainly and stops.

Examples
--------
>>> print(Question("nbc-rung", 1.0, 1.0, ["Correct."]))
nbc-rung: 1 of 1 point. Correct.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["NOT_AVAILABLE", "Question", "assignment_of", "main", "selfgrade"]

NOT_AVAILABLE = (
    "Self-grading is not available in this copy of the course: it grades with the instructor's "
    "keys (the hidden tests in solutions/), and this edition leaves them out so that they stay "
    "hidden. Use a full copy of the course repository, or ask your instructor for feedback."
)
STUDENT = "self"


@dataclass(frozen=True)
class Question:
    """One auto-graded question: its score and what the tests said."""

    name: str
    score: float
    max_score: float
    messages: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        unit = "point" if self.max_score == 1 else "points"
        said = " ".join(m.strip() for m in self.messages if m.strip())
        return f"{self.name}: {self.score:g} of {self.max_score:g} {unit}." + (
            f" {said}" if said else ""
        )


def _grade_ids(notebook: dict[str, Any]) -> set[str]:
    return {
        str(cell["metadata"]["nbgrader"]["grade_id"])
        for cell in notebook.get("cells", [])
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    }


def assignment_of(notebook: dict[str, Any], solutions: Path) -> tuple[str, Path]:
    """The assignment (and its source notebook) whose graded cells the learner's notebook holds.

    Raises
    ------
    ValueError
        When no assignment in ``solutions`` matches (the message lists them).
    """
    mine = _grade_ids(notebook)
    best: tuple[int, str, Path] | None = None
    for source in sorted(solutions.glob("*/*.ipynb")):
        overlap = len(mine & _grade_ids(json.loads(source.read_text(encoding="utf-8"))))
        if overlap and (best is None or overlap > best[0]):
            best = (overlap, source.parent.name, source)
    if best is None:
        names = ", ".join(sorted(p.name for p in solutions.iterdir() if p.is_dir()))
        raise ValueError(
            f"this notebook holds no graded cell of any assignment ({names}): give your copy of "
            "an assignment notebook (from assignments/)"
        )
    return best[1], best[2]


def _messages(cell: dict[str, Any]) -> list[str]:
    said = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            said.append(str(output.get("text", "")))
        elif output.get("output_type") == "error":  # its last line only: never the hidden tests
            said.append(f"{output.get('ename')}: {output.get('evalue')}")
    return said


def selfgrade(notebook: Path, repo: Path) -> tuple[list[Question], list[str], Path, str]:
    """Grade ``notebook``: its auto-graded questions, the hand-graded ones, the feedback page, and
    how it was graded (the grading engine's sandbox, when the course has the engine).

    Raises
    ------
    FileNotFoundError
        When ``repo`` has no ``solutions/`` (a student edition) or the notebook is missing.
    ValueError
        When the notebook is not a copy of an assignment, or is not notebook JSON.
    """
    if not (repo / "solutions").is_dir() or not (repo / "nbgrader_config.py").is_file():
        raise FileNotFoundError(NOT_AVAILABLE)
    try:
        learner = json.loads(notebook.read_text(encoding="utf-8"))
    except ValueError as error:
        raise ValueError(f"{notebook.name} is not valid notebook JSON ({error})") from None
    assignment, source = assignment_of(learner, repo / "solutions")
    from nbgrader.api import Gradebook

    from .engine.classroom import api_in

    with tempfile.TemporaryDirectory(prefix="ladder-selfgrade-") as tmp:
        course = Path(tmp)
        shutil.copy2(repo / "nbgrader_config.py", course / "nbgrader_config.py")
        shutil.copytree(source.parent, course / "solutions" / assignment)
        here = Path.cwd()
        os.chdir(course)  # nbgrader resolves the course from the working folder
        try:
            api = api_in(course)
            _check(api.generate_assignment(assignment, force=True), "generating the assignment")
            submitted = course / "submitted" / STUDENT / assignment
            submitted.mkdir(parents=True)
            shutil.copy2(notebook, submitted / source.name)
            _check(api.autograde(assignment, STUDENT, force=True, create=True), "autograding")
            _check(api.generate_feedback(assignment, STUDENT, force=True), "making feedback")
            graded = course / "autograded" / STUDENT / assignment / source.name
            graded_nb = json.loads(graded.read_text(encoding="utf-8"))
            engine = graded_nb.get("metadata", {}).get("ladderlib", {})
            how = (
                f"Graded by the course's grading engine (sandbox: {engine.get('sandbox')})."
                if engine
                else "Graded by nbgrader with the course's configuration."
            )
            cells = {
                c["metadata"]["nbgrader"]["grade_id"]: c
                for c in graded_nb["cells"]
                if c.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            }
            questions, by_hand = [], []
            with Gradebook(api.coursedir.db_url) as gradebook:
                result = gradebook.find_submission_notebook(source.stem, assignment, STUDENT)
                for grade in sorted(result.grades, key=lambda g: list(cells).index(g.name)):
                    if cells[grade.name]["metadata"]["nbgrader"].get("solution"):
                        by_hand.append(f"{grade.name} ({grade.max_score:g} by hand)")
                    else:
                        questions.append(Question(grade.name, grade.auto_score, grade.max_score,
                                                  _messages(cells[grade.name])))  # fmt: skip
            page = notebook.with_name(f"{notebook.stem}-feedback.html")
            shutil.copy2(course / "feedback" / STUDENT / assignment / f"{source.stem}.html", page)
        finally:
            os.chdir(here)
    return questions, by_hand, page, how


def _check(result: dict[str, Any], what: str) -> None:
    if not result.get("success"):
        raise RuntimeError(f"{what} failed: {result.get('error') or result.get('log')}")


def main(argv: Sequence[str] | None = None) -> int:
    """Console script ``ladder-selfgrade``."""
    parser = argparse.ArgumentParser(
        prog="ladder-selfgrade",
        description="Grade your own copy of an assignment with the course's keys.",
    )
    parser.add_argument("notebook", type=Path, help="your copy of an assignment notebook")
    parser.add_argument(
        "--repo", type=Path, default=Path.cwd(), help="the course repository (default: here)"
    )
    args = parser.parse_args(argv)
    if not args.notebook.is_file():
        print(f"ladder-selfgrade: no notebook at {args.notebook}", file=sys.stderr)
        return 2
    try:
        questions, by_hand, page, how = selfgrade(args.notebook.resolve(), args.repo.resolve())
    except FileNotFoundError as error:
        print(str(error))
        return 0
    except (ValueError, RuntimeError) as error:
        print(f"ladder-selfgrade: {error}", file=sys.stderr)
        return 1
    for question in questions:
        print(question)
    if by_hand:
        print(f"Graded by hand, not here: {', '.join(by_hand)} (see each rubric in the notebook).")
    print(how)
    print(f"Feedback page: {page}")
    score = sum(q.score for q in questions)
    total = sum(q.max_score for q in questions)
    print(f"Total: {score:g} of {total:g} auto-graded points")
    return 0
