"""Binder: install from binder/ into a fresh virtual environment, as repo2docker would, and run
every lesson there. Docker is not available here, so this replays repo2docker's two steps:
``pip install -r binder/requirements.txt`` then ``binder/postBuild`` from the repository root."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BINDER = ROOT / "binder"
DEEP_LINK = "?urlpath=lab/tree/course/index.ipynb"


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=\[ ;]", r.strip(), maxsplit=1)[0].lower() for r in requirements}


def test_binder_installs_exactly_the_course_extra_pinned():
    lines = [
        line.strip()
        for line in (BINDER / "requirements.txt").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[0] == "-c ../constraints.txt"
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"][
        "optional-dependencies"
    ]["course"]
    assert _names(lines[1:]) == _names(extra)
    assert (BINDER / "runtime.txt").read_text("utf-8").strip() == "python-3.11"
    assert os.access(BINDER / "postBuild", os.X_OK)


def test_readme_badge_opens_the_start_page():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "https://mybinder.org/badge_logo.svg" in readme
    assert DEEP_LINK in readme
    assert (ROOT / "course" / "index.ipynb").exists()


@pytest.mark.notebooks
def test_a_fresh_binder_environment_runs_every_lesson(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("pyproject.toml", "README.md", "constraints.txt"):
        shutil.copy(ROOT / name, repo / name)
    for folder in ("ladderlib", "binder", "course"):
        shutil.copytree(ROOT / folder, repo / folder, ignore=shutil.ignore_patterns("__pycache__"))
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))},
        "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "JUPYTER_DATA_DIR": str(tmp_path / "jupyter-data"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
        "IPYTHONDIR": str(tmp_path / "ipython"),
        "MPLCONFIGDIR": str(tmp_path / "mpl"),
    }

    def run(*command: str | Path) -> str:
        done = subprocess.run(
            [str(c) for c in command],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        return done.stdout

    run(python, "-m", "pip", "install", "-q", "-r", "binder/requirements.txt")
    run("bash", "binder/postBuild")
    located = run(python, "-I", "-c", "import ladderlib; print(ladderlib.__file__)")
    assert located.startswith(str(env_dir)), "ladderlib comes from the Binder environment"
    runner = ROOT / "tests" / "notebooks" / "lesson_runner.py"
    shutil.copy(runner, repo / "lesson_runner.py")
    lessons = sorted((repo / "course").glob("*.ipynb"))
    report = run(python, repo / "lesson_runner.py", *lessons)
    assert report.count(": ok (") == len(lessons) == 10, report
