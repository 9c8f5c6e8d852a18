"""Dishonest submissions gain nothing, damage nobody, and are flagged; honest ones are not.

A class of ``direct-economy`` submissions is graded for real, twice: once by ``nbgrader
autograde`` and once, on a second copy of the course, by ``ladder-autograde --jobs 2``. In it:
honest students graded before and after the attackers, a ``victim`` whose submission one
attacker tries to overwrite, a ``baseline`` student with the same wrong answers every attacker
has, and one student per attack in :mod:`attacks`. For every attack:

- its points are at most the baseline's (no gain over the same answers without the trick);
- the audit flag names what it tried; honest submissions raise no flag;
- the gradebook rows of the students graded before it, every submitted file, and the installed
  library are unchanged afterwards, and no process it started is still running.
"""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import nbformat
import pytest
from attacks import ATTACKS, Attack
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

import ladderlib

pytestmark = pytest.mark.nbgrader

DE = "direct-economy"
WRONG_RUNG = 'rung = "DIY"'
HONEST_FIRST = ("aa-honest", "victim")  # graded before the attackers
HONEST_AFTER = "zz-honest"  # graded after them
MARK = f"ladder-attack-{uuid.uuid4().hex[:8]}"
SITE = Path(nbformat.__file__).resolve().parent.parent  # this environment's site-packages


def _wrong(course: Path) -> dict[str, str]:
    """Every case at DIY, with the attributes of DIY: right for one case, wrong for five."""
    wrong = {}
    for gid, source in solved_answers(course, DE).items():
        case = gid.removesuffix("-answer")
        wrong[gid] = (
            f'{case}_{WRONG_RUNG}\n{case}_attributes = {{"framework_control": "firm", '
            '"consumer_reach": "production_logistics_labor"}'
        )
        assert f"{case}_rung" in source
    return wrong


def _attack_code(attack: Attack, course: Path) -> str:
    victim = notebook_path(course, "submitted/victim", DE)
    return (
        attack.code.replace("{ROOT}", str(course))
        .replace("{VICTIM}", str(victim))
        .replace("{MARK}", MARK)
    )


def _submit_attacker(course: Path, attack: Attack, wrong: dict[str, str]) -> None:
    student = f"x-{attack.name}"
    code = _attack_code(attack, course)
    answers = dict(wrong)
    if attack.where == "answers":
        answers = {gid: f"{source}\n{code}" for gid, source in wrong.items()}
    path = submit(course, student, DE, answers)
    if attack.where == "cell":
        notebook = nbformat.read(path, as_version=4)
        (setup,) = [i for i, cell in enumerate(notebook.cells) if grade_id(cell) == "setup"]
        cell = nbformat.v4.new_code_cell(code)
        if attack.metadata is not None:
            cell.metadata["nbgrader"] = dict(attack.metadata)
        notebook.cells.insert(setup + 1, cell)
        nbformat.write(notebook, path)


def _build_class(course: Path) -> None:
    solved, wrong = solved_answers(course, DE), _wrong(course)
    for student in (*HONEST_FIRST, HONEST_AFTER):
        submit(course, student, DE, solved)
    submit(course, "baseline", DE, wrong)
    for attack in ATTACKS:
        _submit_attacker(course, attack, wrong)
    # Keep the endless loop short: a cell may run 5 s here (60 s in the course).
    with (course / "nbgrader_config.py").open("a") as config:
        config.write("\nc.GradeInSandbox.timeout = 5\nc.GradeInSandbox.notebook_timeout = 30\n")


def _library() -> dict[str, str]:
    """The installed library and what Python runs at start-up (.pth files, sitecustomize)."""
    state = file_digests(Path(ladderlib.__file__).parent)
    for path in sorted(SITE.glob("*.pth")) + sorted(SITE.glob("*customize.py")):
        state[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def _rows(course: Path, student: str) -> dict[str, tuple[Any, ...]]:
    with Gradebook(api_for(course).coursedir.db_url) as gradebook:
        (notebook,) = gradebook.find_submission(DE, student).notebooks
        return {
            grade.name: (
                grade.auto_score,
                grade.manual_score,
                grade.extra_credit,
                grade.needs_manual_grade,
            )
            for grade in notebook.grades
        }


def _score(course: Path, student: str) -> float:
    return sum(auto or 0.0 for auto, *_ in _rows(course, student).values())


def _flagged(course: Path, student: str) -> bool:
    with Gradebook(api_for(course).coursedir.db_url) as gradebook:
        (notebook,) = gradebook.find_submission(DE, student).notebooks
        return bool(notebook.flagged)


def _audit(course: Path, student: str) -> list[str]:
    path = notebook_path(course, f"autograded/{student}", DE)
    return list(json.loads(path.read_text("utf-8"))["metadata"]["ladderlib"]["audit"])


def _leftovers() -> list[str]:
    listing = subprocess.run(
        ["ps", "-eo", "uid=,args="], capture_output=True, text=True, check=True
    ).stdout
    return [
        line
        for line in listing.splitlines()
        if MARK in line or (line.split()[0].isdigit() and int(line.split()[0]) >= 1_500_000_000)
    ]


class Graded:
    """One class graded by ``command`` after the honest first students were graded alone."""

    def __init__(self, course: Path, command: list[str], first: list[str]) -> None:
        self.course = course
        graded_first = subprocess.run(
            [*first], cwd=course, capture_output=True, text=True, check=False
        )
        assert graded_first.returncode == 0, graded_first.stderr[-3000:]
        self.rows_before = {student: _rows(course, student) for student in HONEST_FIRST}
        self.submitted_before = file_digests(course / "submitted")
        self.library_before = _library()
        self.run = subprocess.run(command, cwd=course, capture_output=True, text=True, check=False)
        self.submitted_after = file_digests(course / "submitted")
        self.library_after = _library()
        self.leftovers = _leftovers()
        export = subprocess.run(
            [str(Path(sys.executable).parent / "nbgrader"), "export", "--to", "grades.csv"],
            cwd=course,
            capture_output=True,
            text=True,
            check=False,
        )
        assert export.returncode == 0, export.stderr[-3000:]
        with (course / "grades.csv").open(newline="") as handle:
            self.export = {row["student_id"]: row for row in csv.DictReader(handle)}


def _course(factory: pytest.TempPathFactory, name: str) -> Path:
    venv_on_path()
    course = copy_course(factory.mktemp(name))
    recorded = api_for(course).generate_assignment(DE, force=True)
    assert recorded["success"], recorded.get("error")
    _build_class(course)
    return course


NBGRADER = str(Path(sys.executable).parent / "nbgrader")
LADDER = str(Path(sys.executable).parent / "ladder-autograde")


@pytest.fixture(scope="module")
def by_nbgrader(tmp_path_factory: pytest.TempPathFactory) -> Graded:
    course = _course(tmp_path_factory, "nbgrader-class")
    # nbgrader takes one --student, a glob: "[av]*" is aa-honest and victim.
    first = [NBGRADER, "autograde", DE, "--student=[av]*"]
    return Graded(course, [NBGRADER, "autograde", DE], first)


@pytest.fixture(scope="module")
def by_ladder(tmp_path_factory: pytest.TempPathFactory) -> Graded:
    course = _course(tmp_path_factory, "ladder-class")
    first = [LADDER, DE, *[arg for s in HONEST_FIRST for arg in ("--student", s)]]
    return Graded(course, [LADDER, DE, "--jobs", "2"], first)


GRADERS = ["by_nbgrader", "by_ladder"]


@pytest.mark.parametrize("grader", GRADERS)
def test_honest_students_keep_their_exact_scores_and_raise_no_flag(
    grader: str, request: pytest.FixtureRequest
) -> None:
    graded: Graded = request.getfixturevalue(grader)
    for student in (*HONEST_FIRST, HONEST_AFTER):
        assert _score(graded.course, student) == 24, (student, graded.run.stdout)
        assert _audit(graded.course, student) == [], student
        assert not _flagged(graded.course, student), student
        assert graded.export[student]["audit"] == "", student
    assert _audit(graded.course, "baseline") == []
    # HelloFresh right (4); Ryanair's second reading, DIY argued from production logistics
    # labour (4); NBC, Threadless and Starbucks two rungs off (0.5 + 1 for firm each); Tesla one
    # rung off (1 + 1).
    assert _score(graded.course, "baseline") == 14.5


@pytest.mark.parametrize("grader", GRADERS)
@pytest.mark.parametrize("attack", ATTACKS, ids=[a.name for a in ATTACKS])
def test_an_attack_gains_nothing_and_is_flagged(
    grader: str, attack: Attack, request: pytest.FixtureRequest
) -> None:
    graded: Graded = request.getfixturevalue(grader)
    student = f"x-{attack.name}"
    baseline = _score(graded.course, "baseline")
    assert _score(graded.course, student) <= baseline, graded.run.stdout
    graded_copy = notebook_path(graded.course, f"autograded/{student}", DE)
    assert graded_copy.exists() == attack.graded, graded.run.stdout[-3000:]
    if not attack.graded:
        return
    audit = _audit(graded.course, student)
    if attack.flag is None:
        assert not any("outside" in flag or "library" in flag for flag in audit), audit
    else:
        assert any(attack.flag in flag for flag in audit), audit
        assert _flagged(graded.course, student)
        assert attack.flag in graded.export[student]["audit"]


@pytest.mark.parametrize("grader", GRADERS)
def test_nothing_outside_a_submission_changed(grader: str, request: pytest.FixtureRequest) -> None:
    graded: Graded = request.getfixturevalue(grader)
    for student in HONEST_FIRST:
        assert _rows(graded.course, student) == graded.rows_before[student], student
    assert graded.submitted_after == graded.submitted_before
    assert graded.library_after == graded.library_before
    assert graded.leftovers == [], "processes left running after grading"


def test_ladder_autograde_names_the_flags_in_each_line(by_ladder: Graded) -> None:
    lines = {line.split(":", 1)[0]: line for line in by_ladder.run.stdout.splitlines()}
    assert "Flagged:" not in lines[HONEST_AFTER]
    assert "Flagged: read outside its folder (/etc/shadow)" in lines["x-read-shadow"]
    assert "Flagged: started a process" in lines["x-background-writer"]
    # The flood is cut, and the answers after it still reach the judge.
    assert lines["x-output-flood"] == (
        "x-output-flood: 14.5 of 30 points. Graded. Its output was cut: it printed more than "
        "the grading limit."
    )


def test_an_answer_that_is_not_plain_data_scores_0_and_says_what_was_received(
    by_nbgrader: Graded,
) -> None:
    path = notebook_path(by_nbgrader.course, "autograded/x-always-equal-answers", DE)
    notebook = json.loads(path.read_text("utf-8"))
    (cell,) = [c for c in notebook["cells"] if grade_id(c) == "tesla-rung"]
    (error,) = cell["outputs"]
    assert (error["ename"], error["evalue"]) == (
        "NotReadable",
        "tesla_rung could not be read for grading: it holds a _Yes (a class defined in the "
        "notebook); an answer must be text, a number, True, False, None, or a list or dict of "
        "these.",
    )
