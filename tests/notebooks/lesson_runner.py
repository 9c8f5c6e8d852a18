"""Execute the course's notebooks on fresh kernels and report what a learner would see go wrong.

Used by the notebook tests, by the Binder test (run with a fresh virtual environment's Python:
``python tests/notebooks/lesson_runner.py course/*.ipynb``) and by the course benchmark. Needs only
what the course itself installs (nbclient comes with nbconvert), not pytest.

A notebook fails on any error, and on any output to stderr: in a kernel, warnings are written to
stderr, and the kernel runs with ``PYTHONWARNINGS=default`` so that none is hidden.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

COURSE = Path(__file__).resolve().parents[2] / "course"


def lessons() -> list[Path]:
    """The start page and every lesson, in course order."""
    return [COURSE / "index.ipynb", *sorted(COURSE.glob("[0-9][0-9]_*.ipynb"))]


def problems(notebook: nbformat.NotebookNode) -> list[str]:
    """Errors and stderr output of an executed notebook, one line per cell concerned."""
    found = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {index}: {output['ename']}: {output['evalue']}")
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                found.append(f"cell {index}: stderr: {output['text'].strip()[:500]}")
    return found


def execute(path: Path, timeout: int = 120) -> tuple[nbformat.NotebookNode, list[str]]:
    """Run ``path`` top to bottom on a fresh kernel (in the course folder, as JupyterLab would)."""
    notebook = nbformat.read(path, as_version=4)
    os.environ["PYTHONWARNINGS"] = "default"  # inherited by the kernel process
    with tempfile.TemporaryDirectory(prefix="lr") as sockets:
        # Lessons record self-check results (ladderlib.progress): into a throw-away file here,
        # unless the caller chose one.
        chosen = "LADDERLIB_PROGRESS_FILE" in os.environ
        if not chosen:
            os.environ["LADDERLIB_PROGRESS_FILE"] = f"{sockets}/progress.json"
        # IPC sockets in a short temp path: no TCP ports to clash, no plain-text TCP warning.
        manager = KernelManager(kernel_name="python3", transport="ipc", ip=f"{sockets}/k")
        client = NotebookClient(
            notebook,
            km=manager,
            timeout=timeout,
            resources={"metadata": {"path": str(path.parent)}},
        )
        try:
            client.execute()
        except CellExecutionError as error:
            return notebook, [*problems(notebook), f"execution stopped: {str(error)[:300]}"]
        finally:
            if not chosen:
                del os.environ["LADDERLIB_PROGRESS_FILE"]
    return notebook, problems(notebook)


def main(arguments: list[str]) -> int:
    """Execute each notebook given (default: the whole course); print one line each.

    ``--out DIR`` saves each executed notebook there, under its own name, for inspection.
    """
    out = None
    if arguments[:1] == ["--out"]:
        out, arguments = Path(arguments[1]), arguments[2:]
    failed = 0
    started = time.perf_counter()
    for path in [Path(p) for p in arguments] or lessons():
        begin = time.perf_counter()
        notebook, found = execute(path)
        if out is not None:
            nbformat.write(notebook, out / path.name)
        failed += bool(found)
        status = "ok" if not found else "FAILED\n  " + "\n  ".join(found)
        print(f"{path.name}: {status} ({time.perf_counter() - begin:.1f} s)", flush=True)
    print(f"total: {time.perf_counter() - started:.1f} s, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
