"""Broken submissions get a grade and a message, never a crashed run or a lost submission.

One class of ``direct-economy`` submissions, graded with ``ladder-autograde`` (the command of
docs/instructor-guide.md) on a temporary copy of the course: a solved notebook next to a
truncated file, a copy-pasted test cell, a deleted test cell, a cell calling ``os._exit``, a
notebook renamed by a browser download, and a student whose regrade fails.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from course_copy import (
    api_for,
    copy_course,
    file_digests,
    grade_id,
    notebook_path,
    solved_answers,
    submit,
    venv_on_path,
)
from nbgrader.api import Gradebook

pytestmark = pytest.mark.nbgrader

DE = "direct-economy"
COMMAND = str(Path(sys.executable).parent / "ladder-autograde")
KERNEL_DIED = (
    "Not graded: the notebook stopped Python while it ran (a call such as os._exit(), a crash "
    "or running out of memory); ask the student to run Kernel > Restart Kernel and Run All "
    "Cells, remove what stops the kernel, and resubmit."
)
EXPECTED_LINES = [
    "deleted: 24 of 30 points. Graded. Deleted cell 'tesla-rung' was put back and graded.",
    "duplicated: 24 of 30 points. Graded. Cell 'tesla-rung' appears 2 times: the last copy "
    "was graded.",
    f"exits: 0 of 30 points. {KERNEL_DIED}",
    "good: 24 of 30 points. Graded.",
    "renamed: 24 of 30 points. Graded. The notebook came as 'direct-economy (1).ipynb': ask "
    "the student to keep its name.",
    "resubmits: 24 of 30 points. Graded.",
    "truncated: 0 of 30 points. Not graded: direct-economy.ipynb is not valid notebook JSON "
    "(line 13, column 1): the file is cut short or was edited outside Jupyter; ask the student "
    "to download the notebook again from JupyterLab and resubmit it.",
]
SCORES = {"deleted": 24, "duplicated": 24, "exits": 0, "good": 24, "renamed": 24, "truncated": 0}


def _class(course: Path) -> None:
    solved = solved_answers(course, DE)
    submit(course, "good", DE, solved)
    submit(course, "resubmits", DE, solved)

    truncated = submit(course, "truncated", DE, solved)
    lines = truncated.read_text("utf-8").splitlines(keepends=True)
    truncated.write_text("".join(lines[:12]), "utf-8")

    duplicated = submit(course, "duplicated", DE, solved)
    notebook = nbformat.read(duplicated, as_version=4)
    (index,) = [i for i, cell in enumerate(notebook.cells) if grade_id(cell) == "tesla-rung"]
    copy = nbformat.from_dict(json.loads(json.dumps(notebook.cells[index])))
    copy.id = "pasted-copy"
    notebook.cells.insert(index + 1, copy)
    nbformat.write(notebook, duplicated)

    deleted = submit(course, "deleted", DE, solved)
    notebook = nbformat.read(deleted, as_version=4)
    notebook.cells = [cell for cell in notebook.cells if grade_id(cell) != "tesla-rung"]
    nbformat.write(notebook, deleted)

    exits = dict(solved)
    exits["tesla-answer"] += "\nimport os\nos._exit(1)"
    submit(course, "exits", DE, exits)

    renamed = submit(course, "renamed", DE, solved)
    renamed.rename(renamed.with_name("direct-economy (1).ipynb"))


def _grades(course: Path, student: str) -> dict[str, tuple[Any, ...]]:
    with Gradebook(api_for(course).coursedir.db_url) as gradebook:
        (notebook,) = gradebook.find_submission(DE, student).notebooks
        return {
            grade.name: (grade.auto_score, grade.manual_score, grade.needs_manual_grade)
            for grade in notebook.grades
        }


def _autograde(course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [COMMAND, DE, *args], cwd=course, capture_output=True, text=True, check=False
    )


class Run:
    def __init__(self, course: Path) -> None:
        self.course = course
        self.submitted_before = file_digests(course / "submitted")
        self.first = _autograde(course)
        self.submitted_after = file_digests(course / "submitted")
        self.grades = {student: _grades(course, student) for student in SCORES}

        # "resubmits" sends a new notebook that stops the kernel; the regrade fails.
        self.previous_copy = file_digests(course / "autograded" / "resubmits")
        self.previous_grades = _grades(course, "resubmits")
        resubmission = notebook_path(course, "submitted/exits", DE).read_bytes()
        notebook_path(course, "submitted/resubmits", DE).write_bytes(resubmission)
        self.resubmitted = file_digests(course / "submitted")
        self.regrade = _autograde(course, "--student", "resubmits")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    venv_on_path()  # the command and nbgrader find this environment's `alembic`
    course = copy_course(tmp_path_factory.mktemp("class"))
    recorded = api_for(course).generate_assignment(DE, force=True)
    assert recorded["success"], recorded.get("error")
    _class(course)
    return Run(course)


def test_the_run_finishes_with_one_line_per_student(run: Run) -> None:
    assert run.first.stdout.splitlines() == EXPECTED_LINES, run.first.stderr
    # Two notebooks could not be graded: the exit status says so, after every student.
    assert run.first.returncode == 1


def test_every_student_has_the_score_the_line_gives_and_nothing_left_pending(run: Run) -> None:
    for student, expected in SCORES.items():
        grades = run.grades[student]
        assert sum(auto for auto, _, _ in grades.values()) == expected, student
        # A failed notebook is scored 0 cell by cell, not left "needing a manual grade" that
        # the formgrader could not show.
        assert not any(pending for _, _, pending in grades.values()), student


def test_submitted_files_are_byte_identical(run: Run) -> None:
    assert run.submitted_after == run.submitted_before
    assert "renamed/direct-economy/direct-economy (1).ipynb" in run.submitted_after
    assert "renamed/direct-economy/direct-economy.ipynb" not in run.submitted_after
    assert file_digests(run.course / "submitted") == run.resubmitted


def test_graded_students_have_an_autograded_copy_and_no_backup_is_left(run: Run) -> None:
    for student in SCORES:
        copy = notebook_path(run.course, f"autograded/{student}", DE)
        assert copy.exists() == (student not in {"exits", "truncated"}), student
    assert not list((run.course / "autograded").glob(".previous-*"))


def test_a_failed_regrade_keeps_the_previous_copy_and_scores(run: Run) -> None:
    assert run.regrade.stdout.splitlines() == [
        f"resubmits: 24 of 30 points. {KERNEL_DIED} Kept the previous autograded copy and its "
        "score."
    ]
    assert run.regrade.returncode == 1
    assert "Kernel died" in run.regrade.stderr  # nbgrader's own log, for the instructor
    assert file_digests(run.course / "autograded" / "resubmits") == run.previous_copy
    assert _grades(run.course, "resubmits") == run.previous_grades
    assert sum(auto for auto, _, _ in run.previous_grades.values()) == 24


def test_an_unknown_student_is_refused_before_anything_runs(run: Run) -> None:
    refused = _autograde(run.course, "--student", "nobody")
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert refused.stderr.splitlines()[-1] == (
        "ladder-autograde: error: no submitted/<student>/direct-economy/ for: nobody"
    )
