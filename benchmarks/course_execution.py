"""How long does the whole course take to execute headless, and where does the time go?

Runs every notebook of course/ on a fresh kernel (as the notebook tests do) and compares the total
with the obvious floor: starting and stopping the same number of kernels that run nothing. The
ratio says how much of a course run is the lessons' own work rather than kernel start-up.

    PATH="$PWD/.venv/bin:$PATH" python benchmarks/course_execution.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "notebooks"))
from lesson_runner import execute, lessons


def main() -> None:
    paths = lessons()
    per_lesson = {}
    start = time.perf_counter()
    for path in paths:
        begin = time.perf_counter()
        _, found = execute(path)
        per_lesson[path.name] = time.perf_counter() - begin
        if found:
            raise SystemExit(f"{path.name} failed: {found}")
    course = time.perf_counter() - start

    empty = nbformat.v4.new_notebook()
    empty.cells = [nbformat.v4.new_code_cell("pass")]
    with tempfile.TemporaryDirectory() as folder:  # never a stray file in the work tree
        scratch = Path(folder) / "empty.ipynb"
        nbformat.write(empty, scratch)
        start = time.perf_counter()
        for _ in paths:
            execute(scratch)
        floor = time.perf_counter() - start

    for name, seconds in per_lesson.items():
        print(f"{name:42} {seconds:5.2f} s")
    print(f"whole course ({len(paths)} notebooks): {course:.1f} s")
    print(f"same number of empty kernels:          {floor:.1f} s")
    print(
        f"ratio course / empty kernels: {course / floor:.2f}x "
        f"(lessons' own work: {course - floor:.1f} s)"
    )


if __name__ == "__main__":
    main()
