"""Grading fails closed without the sandbox, says so when it is turned off, and shows progress.

- With bubblewrap missing (here: a PATH without it), ``ladder-autograde`` and ``nbgrader
  autograde`` grade nothing and say what is missing and how to install it.
- With ``c.GradeInSandbox.sandbox = False`` in ``nbgrader_config.py``, grading runs, and every
  line and the feedback say the notebook was graded without the sandbox.
- On a terminal, ``ladder-autograde`` shows a progress bar with the count.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from course_copy import api_for, copy_course, notebook_path, solved_answers, submit, venv_on_path

pytestmark = pytest.mark.nbgrader

DE = "direct-economy"
BIN = Path(sys.executable).parent


@pytest.fixture
def course(tmp_path: Path) -> Path:
    venv_on_path()
    course = copy_course(tmp_path / "course")
    recorded = api_for(course).generate_assignment(DE, force=True)
    assert recorded["success"], recorded.get("error")
    submit(course, "ada", DE, solved_answers(course, DE))
    return course


def _without_bubblewrap(tmp_path: Path) -> dict[str, str]:
    """An environment whose PATH has this venv's commands and coreutils, but no bwrap."""
    tools = tmp_path / "bin"
    tools.mkdir()
    for name in ("nbgrader", "ladder-autograde", "python", "alembic"):
        (tools / name).symlink_to(BIN / name)
    for name in ("sh", "ls", "cat"):
        found = shutil.which(name)
        assert found is not None
        (tools / name).symlink_to(found)
    return {**os.environ, "PATH": str(tools)}


def test_without_bubblewrap_ladder_autograde_grades_nothing_and_says_what_to_install(
    course: Path, tmp_path: Path
) -> None:
    done = subprocess.run(
        ["ladder-autograde", DE],
        cwd=course,
        env=_without_bubblewrap(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "The grading sandbox cannot start: bwrap (apt package bubblewrap)" in done.stderr
    assert "apt-get install bubblewrap" in done.stderr
    assert not (course / "autograded").exists()


def test_without_bubblewrap_nbgrader_autograde_grades_nothing_and_says_why(
    course: Path, tmp_path: Path
) -> None:
    done = subprocess.run(
        ["nbgrader", "autograde", DE],
        cwd=course,
        env=_without_bubblewrap(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "SandboxUnavailable: The grading sandbox cannot start" in done.stderr
    assert "apt-get install bubblewrap" in done.stderr
    assert not notebook_path(course, "autograded/ada", DE).exists()


def test_with_the_sandbox_turned_off_every_line_and_the_feedback_say_so(course: Path) -> None:
    with (course / "nbgrader_config.py").open("a") as config:
        config.write("\nc.GradeInSandbox.sandbox = False\n")
    done = subprocess.run(
        [BIN / "ladder-autograde", DE], cwd=course, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.splitlines() == [
        "ada: 24 of 30 points. Graded. It was graded WITHOUT the sandbox: the instructor turned "
        "it off, so this notebook's code ran with the instructor's rights."
    ]
    feedback = api_for(course).generate_feedback(DE, "ada", force=True)
    assert feedback["success"], feedback.get("log")
    html = (course / "feedback" / "ada" / DE / f"{DE}.html").read_text("utf-8")
    assert "graded WITHOUT the sandbox" in html


def test_on_a_terminal_ladder_autograde_shows_progress(course: Path) -> None:
    script = shutil.which("script")
    assert script is not None, "script (util-linux) runs a command on a pseudo-terminal"
    # A pseudo-terminal of a real size: tqdm draws nothing on one that reports 0 columns.
    command = f"stty cols 100 rows 40; {BIN / 'ladder-autograde'} {DE} --jobs 1"
    done = subprocess.run(
        [script, "-qec", command, "/dev/null"],
        stdin=subprocess.DEVNULL,
        cwd=course,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert "Autograding: 100%" in done.stdout
    assert "1/1" in done.stdout
    assert "ada: 24 of 30 points. Graded.\r\n" in done.stdout
