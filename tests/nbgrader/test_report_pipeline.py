"""ladder-report end to end: a class with known answers, graded by real nbgrader, then reported.

A temporary copy of the course records ``direct-economy``; six students submit, three of them
with the planted confusion (Tesla's design studio at DIY, reading consumer_reach as
production_logistics_labor); nbgrader autogrades them through the grading engine, which records
the answers in each autograded notebook; one student's text answers get manual grades; then the
console script ``ladder-report`` runs from the course root. About 25 s.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from course_copy import api_for, copy_course, prose_ids, solved_answers, submit, venv_on_path
from nbgrader.api import Gradebook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from report_class import SOLVED  # the direct-economy key, shared with the synthetic class

pytestmark = [
    pytest.mark.nbgrader,
    pytest.mark.filterwarnings("ignore:Object of type <Submitted:sqlalchemy.exc.SAWarning"),
]

ASSIGNMENT = "direct-economy"
CASES = ("nbc", "ryanair", "hellofresh", "tesla", "threadless", "starbucks")
TESLA_AT_DIY = (
    'tesla_rung = "DIY"',
    'tesla_attributes["consumer_reach"] = "production_logistics_labor"',
)
# Each student's changes to a solved notebook: answer cell -> extra lines.
CLASS: dict[str, dict[str, tuple[str, ...]]] = {
    "amara": {},
    "bruno": {"tesla": TESLA_AT_DIY},
    "chen": {"tesla": TESLA_AT_DIY},
    "dana": {"tesla": TESLA_AT_DIY, "nbc": ('nbc_rung = "Passive Consumption"',)},
    "emil": {"ryanair": ('ryanair_rung = "co-design"',)},
    "farah": {
        "tesla": ('tesla_rung = "co design"',),
        "threadless": ("threadless_rung = ...",),
        # Peeking outside the submission's folder: the engine flags it, the report shows it.
        "nbc": ("try:\n    open('/srv/answer-key.txt').close()\nexcept OSError:\n    pass",),
    },
}
RUNG_POINTS = {0: 2.0, 1: 1.0, 2: 0.5}
LEVEL = {"passive consumption": 1, "self service": 2, "DIY": 3, "co-design": 4, "co-creation": 5}


def _given(student: str) -> dict[str, tuple[str, str]]:
    """What each student answered, normalized as the report spells it: case -> (rung, reach)."""
    given = dict(SOLVED)
    changes = CLASS[student]
    if "tesla" in changes:
        reach = (
            "production_logistics_labor" if changes["tesla"] == TESLA_AT_DIY else "customization"
        )
        given["tesla"] = ("DIY" if reach != "customization" else "co-design", reach)
    if "ryanair" in changes:
        given["ryanair"] = ("co-design", "transaction_labor")
    if "threadless" in changes:
        given["threadless"] = ("", "creation")
    return given


def expected_rows() -> list[dict[str, str]]:
    """The CSV the report must write, worked out here from the planted answers."""
    rows = []
    for student in sorted(CLASS):
        given = _given(student)
        for case in CASES:
            rung, reach = given[case]
            want_rung, want_reach = SOLVED[case]
            off = abs(LEVEL[rung] - LEVEL[want_rung]) if rung else None
            rung_points = RUNG_POINTS.get(off, 0.0) if off is not None else 0.0
            for question, answer, expected, points, top in (
                (f"{case}-rung", rung, want_rung, rung_points, 2.0),
                (f"{case}-framework-control", "firm", "firm", 1.0, 1.0),
                (f"{case}-consumer-reach", reach, want_reach, float(reach == want_reach), 1.0),
            ):
                rows.append(
                    {"student": student, "question": question, "given": answer,
                     "expected": expected, "points": str(points), "max_points": str(top)}
                )  # fmt: skip
    return rows


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv_on_path()
    course = copy_course(tmp_path_factory.mktemp("report-course"))
    api = api_for(course)
    assert api.generate_assignment(ASSIGNMENT, force=True)["success"]
    solved = solved_answers(course, ASSIGNMENT)
    for student, changes in CLASS.items():
        answers = dict(solved)
        for case, lines in changes.items():
            answers[f"{case}-answer"] += "\n" + "\n".join(lines)
        prose = dict.fromkeys(prose_ids(course, ASSIGNMENT), "The deciding fact, and why.")
        submit(course, student, ASSIGNMENT, answers, prose)
    result = api.autograde(ASSIGNMENT, "*")
    assert result["success"], result.get("log")
    with Gradebook(api.coursedir.db_url) as gradebook:
        for gid in prose_ids(course, ASSIGNMENT):
            grade = gradebook.find_grade(gid, ASSIGNMENT, ASSIGNMENT, "amara")
            grade.manual_score = 0.5
        gradebook.db.commit()
    return course


def _run(course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["ladder-report", *args], cwd=course, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def report(course: Path) -> dict[str, Any]:
    result = _run(course, ASSIGNMENT)
    assert result.returncode == 0, result.stderr
    folder = course / "reports" / ASSIGNMENT
    with (folder / "answers.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {"stdout": result.stdout, "rows": rows, "html": (folder / "index.html").read_text()}


def test_the_csv_holds_exactly_the_answers_given(report: dict[str, Any]) -> None:
    head = ("student", "question", "given", "expected", "points", "max_points")
    assert tuple(report["rows"][0])[:6] == head
    assert [{k: row[k] for k in head} for row in report["rows"]] == expected_rows()
    assert report["stdout"] == (
        f"Wrote reports/{ASSIGNMENT}/answers.csv and reports/{ASSIGNMENT}/index.html\n"
    )


def test_the_planted_confusion_is_the_first_misconception(report: dict[str, Any]) -> None:
    html = report["html"]
    first = (
        "<li>3 of 6 put Tesla Model S design studio, 2013 at DIY; all of them read consumer_reach "
        "as production_logistics_labor, and the case says customization.</li>"
    )
    second = (
        "<li>3 of 6 read consumer_reach of Tesla Model S design studio, 2013 as "
        "production_logistics_labor; the case says customization.</li>"
    )
    assert f'<ol class="misconceptions">{first}{second}</ol>' in html
    assert (
        "3 of the 3 wrong answers to Tesla Model S design studio, 2013 (tesla-rung) came with a "
        "wrong consumer_reach, most often production_logistics_labor: the class misread "
        "consumer_reach." in html
    )


def test_hand_grades_and_names_appear_only_where_they_belong(
    course: Path, report: dict[str, Any]
) -> None:
    html = report["html"]
    # nbc-why: amara's 0.5 is the only score so far; five students still wait.
    assert '<th scope="row">nbc-why</th><td class="n">1</td><td class="n">1</td>' in html
    assert '<td class="n">0.5</td><td class="n">5</td>' in html
    assert '<th scope="row">amara</th>' in html
    result = _run(course, ASSIGNMENT, "--anonymous")
    assert result.returncode == 0, result.stderr
    anonymous = (course / "reports" / ASSIGNMENT / "index.html").read_text()
    anonymous = re.sub(r"base64,[^\"]+", "", anonymous)  # pictures' base64 may spell anything
    assert not any(student in anonymous for student in CLASS)
    assert "3 of 6 put Tesla Model S design studio, 2013 at DIY" in anonymous


def test_the_engine_audit_flag_is_counted_and_shown_for_its_student(
    report: dict[str, Any],
) -> None:
    html = report["html"]
    flag = "read outside its folder (/srv/answer-key.txt)"
    assert f'<th scope="row">{flag}</th><td class="n">1</td>' in html
    row = re.search(r'<tr><th scope="row">farah</th>.*?</tr>', html)
    assert row is not None and flag in row.group(0)


def test_an_unknown_assignment_is_named_with_the_ones_there_are(course: Path) -> None:
    result = _run(course, "direct-econmy")
    assert result.returncode == 2
    assert result.stderr == (
        "ladder-report: the gradebook has no assignment 'direct-econmy'. "
        "Assignments: direct-economy. Did you mean 'direct-economy'?\n"
    )
