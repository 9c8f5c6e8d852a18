"""Progress outlives the kernel: recorded in one fresh kernel, tallied in the next."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

RUNNER = Path(__file__).parent / "lesson_runner.py"

pytestmark = pytest.mark.notebooks


def _notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nbformat.write(nb, path)
    return path


def execute(path: Path, store: Path) -> nbformat.NotebookNode:
    """Run ``path`` on a fresh kernel, in its own process (as the lesson tests do)."""
    out = path.parent / "out"
    out.mkdir(exist_ok=True)
    env = dict(os.environ, LADDERLIB_PROGRESS_FILE=str(store))
    run = subprocess.run(
        [sys.executable, str(RUNNER), "--out", str(out), str(path)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    return nbformat.read(out / path.name, as_version=4)


def _text(cell: nbformat.NotebookNode) -> str:
    return "".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in cell["outputs"]
    )


def test_self_checks_are_tallied_after_a_kernel_restart(tmp_path: Path) -> None:
    store = tmp_path / "data" / "progress.json"
    first = _notebook(
        tmp_path / "first.ipynb",
        'import ladderlib as ll\nfrom ladderlib.progress import track\ntrack("02_x")',
        'll.check_rung(ll.example("IKEA"), ...)',
        'll.check_rung(ll.example("IKEA"), "co-design")',
        'll.check_model(ll.example("Mondragon"), 5)',
    )
    ran = execute(first, store)
    assert str(store) in _text(ran.cells[0])
    second = _notebook(
        tmp_path / "second.ipynb", 'from ladderlib.progress import tally\nprint(tally("02_x"))'
    )
    ran = execute(second, store)
    assert _text(ran.cells[0]).strip() == (
        "Your self-checks in this lesson: 2 attempted, 1 right, 1 to revisit "
        "(IKEA: direct-economy rung)."
    )
