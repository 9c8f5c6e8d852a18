"""Shared fixtures of the notebook tests: every lesson executed once per session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

RUNNER = Path(__file__).parent / "lesson_runner.py"


@pytest.fixture(scope="session")
def executed(tmp_path_factory):
    """Every lesson run once on a fresh kernel, in a child process (as a learner's Run All).

    Returns the folder of executed notebooks (outputs and widget state kept) and the run.
    """
    out = tmp_path_factory.mktemp("executed")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(
        [sys.executable, str(RUNNER), "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    return out, run
