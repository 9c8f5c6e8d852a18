"""``ladder-selfgrade``: a learner's copy graded with the course's keys, the notebook untouched."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ladderlib.instructor.selfgrade import NOT_AVAILABLE

pytestmark = pytest.mark.nbgrader

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ASSIGNMENT = "direct-economy"


def _points(notebook: Path) -> float:
    """The points of the auto-graded test cells, read from the instructor's source."""
    cells = json.loads(notebook.read_text())["cells"]
    return sum(
        c["metadata"]["nbgrader"]["points"]
        for c in cells
        if c["metadata"].get("nbgrader", {}).get("grade")
        and not c["metadata"]["nbgrader"].get("solution")
    )


def _selfgrade(notebook: Path, repo: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")
    return subprocess.run(
        [str(BIN / "ladder-selfgrade"), str(notebook), "--repo", str(repo)],
        capture_output=True, text=True, env=env, check=False, timeout=600,
    )  # fmt: skip


@pytest.mark.parametrize("copy_of", ["assignments", "solutions"])
def test_selfgrade_grades_a_copy_and_leaves_it_unchanged(tmp_path: Path, copy_of: str) -> None:
    source = ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    mine = tmp_path / "my work (1).ipynb"
    shutil.copy2(ROOT / copy_of / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", mine)
    before = mine.read_bytes()
    run = _selfgrade(mine, ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    total = _points(source)
    score = total if copy_of == "solutions" else 0
    assert (
        run.stdout.rstrip().splitlines()[-1] == f"Total: {score:g} of {total:g} auto-graded points"
    )
    assert re.search(r"^nbc-rung: \d+ of \d+ points?\.", run.stdout, re.M)
    assert "Graded by hand, not here: nbc-why" in run.stdout
    assert "Graded by the course's grading engine (sandbox: bubblewrap)." in run.stdout
    assert mine.read_bytes() == before
    page = tmp_path / "my work (1)-feedback.html"
    assert page.is_file() and "nbc" in page.read_text()


def test_student_edition_says_self_grading_is_not_available(tmp_path: Path) -> None:
    edition = tmp_path / "student-edition"
    shutil.copytree(ROOT / "assignments", edition / "assignments")
    shutil.copy2(ROOT / "nbgrader_config.py", edition / "nbgrader_config.py")
    mine = edition / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    run = _selfgrade(mine, edition)
    assert run.returncode == 0 and run.stderr == ""
    assert run.stdout.strip() == NOT_AVAILABLE
