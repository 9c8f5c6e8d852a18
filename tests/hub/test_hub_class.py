"""A real class on JupyterHub: one instructor, three students, nbgrader's exchange, end to end.

Real system users log in through PAM; each runs their own server (LocalProcessSpawner) from the
shared environment. The instructor releases ``direct-economy``; two students fetch, answer,
validate and submit it in headless Chromium from the Assignments tab of their JupyterLab, the
third on the command line; the instructor collects, autogrades (through the course's
``nbgrader_config.py``, so through the sandboxed grading engine, as an unprivileged user),
generates and releases feedback; each student fetches their own. Then what students must not
be able to do. The tests run in order and share one hub (module scope); about 3-4 minutes,
most of it building the shared environment.
"""

from __future__ import annotations

import json
import re
import shlex
import sys
import time
from pathlib import Path
from typing import Any

import nbformat
import pytest
from hub_harness import COURSE_ID, REPO, CourseHub
from hub_pages import (
    answer_code,
    answer_prose,
    fetch_assignment,
    fetch_feedback,
    log_in,
    nbgrader_menu_items,
    open_notebook,
    save,
    submit_assignment,
    validate,
)

sys.path.insert(0, str(REPO / "tests" / "nbgrader"))
from course_copy import solved_answers

pytestmark = pytest.mark.hub

ASSIGNMENT = "direct-economy"
ANSWERS = solved_answers(REPO, ASSIGNMENT)  # grade id -> the solved answer cell
CASES = [gid.removesuffix("-answer") for gid in ANSWERS]
POINTS_PER_CASE = 4.0  # the rung (2) and two attributes (1 each), autograded
STATE: dict[str, Any] = {}


def nbgrader(hub: CourseHub, user: str, args: str, cwd: str = "~") -> str:
    done = hub.as_user(user, f"cd {cwd} && nbgrader {args} 2>&1")
    assert done.returncode == 0, f"nbgrader {args} as {user} failed:\n{done.stdout}{done.stderr}"
    return done.stdout


def test_setup_set_the_machine_up_and_a_second_run_changes_nothing(course_hub: CourseHub) -> None:
    hub = course_hub
    assert "changed: " in hub.setup_output
    assert hub.setup().strip() == "nothing to change: the course hub is set up"
    modes = {
        hub.exchange_root: 0o1777,
        hub.exchange_root / COURSE_ID / "inbound": 0o3733,
        hub.exchange_root / COURSE_ID / "feedback": 0o711,
        hub.course_root: 0o700,
        **{Path("/home") / user: 0o700 for user in hub.users},
    }
    for path, mode in modes.items():
        assert path.stat().st_mode & 0o7777 == mode, f"{path}: {path.stat().st_mode & 0o7777:o}"


def test_the_instructor_logs_in_through_pam_and_gets_the_formgrader(
    course_hub: CourseHub, browser: Any
) -> None:
    hub = course_hub
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        log_in(page, hub, hub.instructor)
        assert "Formgrader" in nbgrader_menu_items(page)
        reply = page.request.get(f"{hub.url}/user/{hub.instructor}/formgrader/")
        assert reply.status == 200 and "Manage Assignments" in reply.text()
    finally:
        context.close()
    # generate_assignment records the assignment and its graded cells in the gradebook.
    root = str(hub.course_root)
    nbgrader(hub, hub.instructor, f"generate_assignment {ASSIGNMENT} --force", cwd=root)
    out = nbgrader(hub, hub.instructor, f"release_assignment {ASSIGNMENT}", cwd=root)
    assert f"Released as: {COURSE_ID} {ASSIGNMENT}" in out
    assert (
        hub.exchange_root / COURSE_ID / "outbound" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    ).is_file()


@pytest.mark.parametrize("who", [0, 1], ids=["student-1-answers-all", "student-2-answers-half"])
def test_a_student_fetches_answers_validates_and_submits_in_the_browser(
    course_hub: CourseHub, browser: Any, who: int
) -> None:
    hub = course_hub
    student = hub.students[who]
    cases = CASES if who == 0 else CASES[: len(CASES) // 2]
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        log_in(page, hub, student)
        assert nbgrader_menu_items(page) == ["Assignment List"]
        fetch_assignment(page, ASSIGNMENT)
        open_notebook(page, f"{hub.url}/user/{student}/lab/tree/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
        for case in cases:
            answer_code(page, f"{case}_rung = ...", ANSWERS[f"{case}-answer"])
            if who == 0:
                answer_prose(page, f"The deciding fact for {case} is who controls the framework.")
        save(page)
        result = validate(page)
        if who == 0:
            assert "Success! Your notebook passes all the tests." in result, result
        else:
            assert "The following cell failed:" in result, result
        submit_assignment(page, ASSIGNMENT)
    finally:
        context.close()


def test_the_third_student_works_on_the_command_line(course_hub: CourseHub) -> None:
    hub = course_hub
    student = hub.students[2]
    assert "Fetched as:" in nbgrader(hub, student, f"fetch_assignment {ASSIGNMENT}")
    fill = (
        "import json, sys, nbformat\n"
        f"path = '{ASSIGNMENT}/{ASSIGNMENT}.ipynb'\n"
        "answers = json.load(sys.stdin)\n"
        "nb = nbformat.read(path, as_version=4)\n"
        "for cell in nb.cells:\n"
        "    gid = cell.metadata.get('nbgrader', {}).get('grade_id')\n"
        "    if gid in answers: cell.source = answers[gid]\n"
        "    elif cell.source.strip() == 'YOUR ANSWER HERE': cell.source = 'Who runs the framework.'\n"
        "nbformat.write(nb, path)\n"
    )
    done = hub.as_user(student, f"python -c {shlex.quote(fill)}", stdin=json.dumps(ANSWERS))
    assert done.returncode == 0, done.stderr
    assert "Success! Your notebook passes all the tests." in nbgrader(
        hub, student, f"validate {ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    )
    nbgrader(hub, student, f"submit {ASSIGNMENT}")


def submission_of(hub: CourseHub, student: str) -> Path:
    found = sorted((hub.exchange_root / COURSE_ID / "inbound").glob(f"{student}+{ASSIGNMENT}+*"))
    assert found, f"no submission of {student} in inbound"
    return found[-1]


def test_students_cannot_touch_each_others_submissions(course_hub: CourseHub) -> None:
    hub = course_hub
    first, second, _ = hub.students
    inbound = hub.exchange_root / COURSE_ID / "inbound"
    theirs = submission_of(hub, first)
    assert theirs.stat().st_mode & 0o777 == 0o770  # sealed (nbgrader leaves 0777)
    attempts = {
        "list inbound": f"ls {inbound}",
        "read a submission": f"cat '{theirs}/{ASSIGNMENT}.ipynb'",
        "write into a submission": f"touch '{theirs}/planted.txt'",
        "rename a submission": f"mv '{theirs}' '{inbound}/renamed'",
        "remove a submission": f"rm -rf '{theirs}'",
    }
    for what, script in attempts.items():
        done = hub.as_user(second, script)
        assert done.returncode != 0, f"{second} could {what}: {done.stdout}"
    assert (theirs / f"{ASSIGNMENT}.ipynb").is_file()
    # A submission planted under a classmate's name, later than theirs: collect must skip it.
    planted = hub.as_user(
        second,
        f"mkdir '{inbound}/{first}+{ASSIGNMENT}+2999-01-01 00:00:00.000000 UTC+planted'"
        f" && cp {ASSIGNMENT}/{ASSIGNMENT}.ipynb '{inbound}/{first}+{ASSIGNMENT}+2999-01-01 00:00:00.000000 UTC+planted/'"
        f" && echo '2999-01-01 00:00:00.000000 UTC' > '{inbound}/{first}+{ASSIGNMENT}+2999-01-01 00:00:00.000000 UTC+planted/timestamp.txt'",
    )
    assert planted.returncode == 0, planted.stderr
    STATE["first_submission"] = (theirs / f"{ASSIGNMENT}.ipynb").read_bytes()


def test_the_instructor_collects_autogrades_and_releases_feedback(course_hub: CourseHub) -> None:
    hub = course_hub
    root = str(hub.course_root)
    collected = nbgrader(hub, hub.instructor, f"collect {ASSIGNMENT}", cwd=root)
    assert "belongs to" in collected and "Skipped" in collected, collected
    first = hub.course_root / "submitted" / hub.students[0] / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert first.read_bytes() == STATE["first_submission"]
    began = time.monotonic()
    nbgrader(hub, hub.instructor, f"autograde {ASSIGNMENT}", cwd=root)
    STATE["autograde_s"] = time.monotonic() - began
    for student in hub.students:
        graded = hub.course_root / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        engine = nbformat.read(graded, as_version=4).metadata.get("ladderlib", {})
        assert engine.get("sandbox") == "bubblewrap", (student, engine)
    nbgrader(hub, hub.instructor, f"generate_feedback {ASSIGNMENT}", cwd=root)
    nbgrader(hub, hub.instructor, f"release_feedback {ASSIGNMENT}", cwd=root)
    scores = scores_in_gradebook(hub)
    expected = [
        len(CASES) * POINTS_PER_CASE,
        len(CASES) // 2 * POINTS_PER_CASE,
        len(CASES) * POINTS_PER_CASE,
    ]
    assert [scores[s] for s in hub.students] == expected
    STATE["scores"] = scores


def scores_in_gradebook(hub: CourseHub) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{hub.course_root / 'gradebook.db'}", COURSE_ID) as gradebook:
        return {s: gradebook.find_submission(ASSIGNMENT, s).score for s in hub.students}


def feedback_files(hub: CourseHub, student: str) -> list[Path]:
    return sorted((Path("/home") / student / ASSIGNMENT / "feedback").glob(f"*/{ASSIGNMENT}.html"))


def shown_score(html: str) -> float:
    found = re.search(r"Score:\s*([\d.]+)\s*/\s*([\d.]+)", html)
    assert found, html[:2000]
    return float(found.group(1))


@pytest.mark.parametrize("who", [0, 1, 2], ids=["student-1", "student-2", "student-3-cli"])
def test_each_student_fetches_their_own_feedback(
    course_hub: CourseHub, browser: Any, who: int
) -> None:
    hub = course_hub
    student = hub.students[who]
    if who == 2:
        nbgrader(hub, student, f"fetch_feedback {ASSIGNMENT}")
    else:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            log_in(page, hub, student)
            fetch_feedback(page, ASSIGNMENT)
            files = feedback_files(hub, student)
            assert len(files) == 1, files
            relative = files[0].relative_to(Path("/home") / student)
            page.goto(f"{hub.url}/user/{student}/files/{relative}")
            assert shown_score(page.content()) == STATE["scores"][student]
        finally:
            context.close()
    files = feedback_files(hub, student)
    assert len(files) == 1, files
    html = files[0].read_text()
    assert shown_score(html) == STATE["scores"][student]
    for other in hub.users:
        assert other not in html, f"{student}'s feedback names {other}"


def test_students_cannot_reach_other_homes_the_gradebook_or_the_formgrader(
    course_hub: CourseHub,
) -> None:
    hub = course_hub
    first, second, _ = hub.students
    their_feedback = feedback_files(hub, first)[0]
    exchange_feedback = hub.exchange_root / COURSE_ID / "feedback"
    attempts = {
        "list a classmate's home": f"ls /home/{first}",
        "read a classmate's notebook": f"cat /home/{first}/{ASSIGNMENT}/{ASSIGNMENT}.ipynb",
        "read a classmate's feedback": f"cat '{their_feedback}'",
        "list the released feedback": f"ls {exchange_feedback}",
        "read the gradebook": f"cat {hub.course_root}/gradebook.db",
        "read the instructor's submitted copies": f"ls {hub.course_root}/submitted",
    }
    for what, script in attempts.items():
        done = hub.as_user(second, script)
        assert done.returncode != 0, f"{second} could {what}: {done.stdout[:300]}"

    token = hub.user_token(second)
    hub.spawn(hub.instructor)
    hub.spawn(first)
    hub.spawn(second)
    assert hub.request("GET", f"/user/{second}/api/contents", token)[0] == 200  # the token works
    own = hub.follow(f"/user/{second}/formgrader/", token)
    assert own[-1][0] == 404, f"a student's own server serves the formgrader: {own}"
    for path in (f"/user/{hub.instructor}/formgrader/", f"/user/{first}/api/contents"):
        chain = hub.follow(path, token)
        assert chain[-1][0] in (403, 404), f"{second} reached {path}: {chain}"
        assert all(status != 200 for status, _ in chain), chain
    status, _ = hub.api("DELETE", f"users/{first}/server", token=token)
    assert status in (403, 404), f"{second} could stop {first}'s server: {status}"
    _, info = hub.api("GET", f"users/{first}")
    assert info["servers"][""]["ready"], f"{first}'s server is not running any more"


def test_the_hub_stops_cleanly_with_no_user_process_left(course_hub: CourseHub) -> None:
    hub = course_hub
    assert hub.stop() == 0, hub.log_tail()
    deadline = time.monotonic() + 20
    while hub.user_processes() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert hub.user_processes() == {}
