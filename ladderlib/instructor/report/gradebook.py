"""Reading a class after autograding: the gradebook's scores and keys, and the answers graded.

Everything the report knows comes from two trusted places, never from running a student's code:

* nbgrader's gradebook (``gradebook.db``): the students, each grade (autograded and manual
  scores, whether a manual grade is still awaited), and the source of every grade cell as the
  instructor wrote it, hidden tests included (the answer keys, read by
  :func:`~ladderlib.instructor.report.keys.answer_keys`);
* the autograded notebooks, ``autograded/<student>/<assignment>/<notebook>.ipynb``, whose
  ``metadata["ladderlib"]`` holds the answers as plain data the engine graded and its audit
  flags (read with :func:`ladderlib.instructor.engine.answers.load_answers`).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine.answers import METADATA_KEY, load_answers
from .keys import AnswerKey, answer_keys

__all__ = ["ClassData", "Grade", "StudentRecord", "TextQuestion", "read_class"]


@dataclass(frozen=True)
class Grade:
    """One student's grade on one graded cell."""

    score: float
    max_score: float
    needs_manual_grade: bool = False
    manual_score: float | None = None

    @property
    def waiting(self) -> bool:
        """Waiting for a manual grade: flagged for one, and none given yet."""
        return self.needs_manual_grade and self.manual_score is None


@dataclass(frozen=True)
class TextQuestion:
    """A graded text answer, scored by hand in the formgrader."""

    grade_id: str
    max_score: float


@dataclass(frozen=True)
class StudentRecord:
    """One student's submission: grades by grade id, the answers graded, the engine's flags."""

    student: str
    name: str
    grades: Mapping[str, Grade]
    answers: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    audit: tuple[str, ...] = ()

    @property
    def total(self) -> float:
        """The points earned on the assignment so far."""
        return sum(grade.score for grade in self.grades.values())

    @property
    def waiting(self) -> tuple[str, ...]:
        """Grade ids still waiting for a manual grade."""
        return tuple(gid for gid, grade in self.grades.items() if grade.waiting)

    def value(self, grade_id: str, name: str) -> Any:
        """The value of the student's variable ``name`` when the test cell ``grade_id`` ran.

        A variable the test cell did not record is looked up in the other test cells' records;
        one recorded nowhere is ``None`` (not attempted).
        """
        if name in self.answers.get(grade_id, {}):
            return self.answers[grade_id][name]
        for names in self.answers.values():
            if name in names:
                return names[name]
        return None


@dataclass(frozen=True)
class ClassData:
    """An assignment's questions and every submission to it."""

    assignment: str
    keys: Mapping[str, AnswerKey]
    max_points: Mapping[str, float]
    texts: tuple[TextQuestion, ...]
    students: tuple[StudentRecord, ...]

    @property
    def max_total(self) -> float:
        """The points the assignment is worth."""
        return sum(self.max_points.values())


def _autograded(root: Path, coursedir: Any, student: str, assignment: str, notebook: str) -> Path:
    folder = coursedir.format_path(coursedir.autograded_directory, student, assignment)
    return root / str(folder) / f"{notebook}.ipynb"


def _cell_order(root: Path, coursedir: Any, assignment: str, notebook: str) -> dict[str, int]:
    """Grade ids in the order of the instructor's source notebook (the gradebook keeps none)."""
    folder = coursedir.format_path(coursedir.source_directory, ".", assignment)
    path = root / str(folder) / f"{notebook}.ipynb"
    if not path.is_file():
        return {}
    cells = json.loads(path.read_text("utf-8")).get("cells", [])
    ids = [cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") for cell in cells]
    return {str(gid): i for i, gid in enumerate(ids) if gid}


def _engine_record(path: Path) -> tuple[dict[str, dict[str, Any]], tuple[str, ...]]:
    if not path.is_file():
        return {}, ()
    notebook = json.loads(path.read_text("utf-8"))
    audit = notebook.get("metadata", {}).get(METADATA_KEY, {}).get("audit", [])
    flags = tuple(str(flag) for flag in audit) if isinstance(audit, list) else ()
    return load_answers(notebook), flags


def _scores(
    gradebook: Any, assignment_id: str, max_points: Mapping[str, float]
) -> tuple[list[tuple[str, str]], dict[str, dict[str, Grade]]]:
    """Every submission's student and grades, in two queries (not one per grade)."""
    from nbgrader.api import BaseCell, Student, SubmittedAssignment, SubmittedNotebook
    from nbgrader.api import Grade as Scored

    people = [
        (str(student), " ".join(part for part in (first, last) if part))
        for student, first, last in gradebook.db.query(
            Student.id, Student.first_name, Student.last_name
        )
        .join(SubmittedAssignment, SubmittedAssignment.student_id == Student.id)
        .filter(SubmittedAssignment.assignment_id == assignment_id)
        .order_by(Student.id)
    ]
    scores: dict[str, dict[str, Grade]] = {}
    rows = (
        gradebook.db.query(
            SubmittedAssignment.student_id,
            BaseCell.name,
            Scored.score,
            Scored.needs_manual_grade,
            Scored.manual_score,
        )
        .join(SubmittedNotebook, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
        .join(Scored, Scored.notebook_id == SubmittedNotebook.id)
        .join(BaseCell, Scored.cell_id == BaseCell.id)
        .filter(SubmittedAssignment.assignment_id == assignment_id)
    )
    for student, grade_id, score, needs_manual, manual in rows:
        scores.setdefault(str(student), {})[str(grade_id)] = Grade(
            float(score or 0.0), max_points.get(grade_id, 0.0), bool(needs_manual), manual
        )
    return people, scores


def read_class(root: Path, assignment: str) -> ClassData:
    """Read an autograded assignment from the course in ``root`` (where nbgrader_config.py is).

    Raises
    ------
    ValueError
        When the gradebook has no such assignment (the message lists the ones it has) or the
        assignment has no submission yet.
    """
    from nbgrader.api import Gradebook, MissingEntry

    from ..engine.classroom import api_in

    root = Path(root)
    if not (root / "nbgrader_config.py").is_file():
        raise ValueError(f"no nbgrader_config.py in {root}: run ladder-report from the course root")
    api = api_in(root)
    with Gradebook(api.coursedir.db_url) as gradebook:
        try:
            recorded = gradebook.find_assignment(assignment)
        except MissingEntry:
            names = [a.name for a in gradebook.assignments]
            message = f"the gradebook has no assignment {assignment!r}. "
            message += f"Assignments: {', '.join(names) or 'none'}."
            close = difflib.get_close_matches(assignment, names, n=1)
            raise ValueError(message + (f" Did you mean {close[0]!r}?" if close else "")) from None
        sources: dict[str, str] = {}
        max_points: dict[str, float] = {}
        texts = []
        for notebook in recorded.notebooks:
            by_name = {cell.name: cell.source for cell in notebook.source_cells}
            order = _cell_order(root, api.coursedir, assignment, notebook.name)
            cells = sorted(
                notebook.grade_cells, key=lambda c: (order.get(c.name, len(order)), c.name)
            )
            for cell in cells:
                max_points[cell.name] = float(cell.max_score)
                if cell.cell_type == "markdown":
                    texts.append(TextQuestion(cell.name, float(cell.max_score)))
                else:
                    sources[cell.name] = by_name.get(cell.name, "")
        notebooks = [notebook.name for notebook in recorded.notebooks]
        people, scores = _scores(gradebook, recorded.id, max_points)
    students = []
    for student, name in people:
        answers: dict[str, dict[str, Any]] = {}
        audit: list[str] = []
        for notebook_name in notebooks:
            found, flags = _engine_record(
                _autograded(root, api.coursedir, student, assignment, notebook_name)
            )
            answers.update(found)
            audit.extend(flags)
        grades = scores.get(student, {})
        students.append(StudentRecord(student, name, grades, answers, tuple(audit)))
    if not students:
        raise ValueError(
            f"no submission of {assignment!r} is in the gradebook yet: autograde it first "
            f"(ladder-autograde {assignment})"
        )
    return ClassData(assignment, answer_keys(sources), max_points, tuple(texts), tuple(students))
