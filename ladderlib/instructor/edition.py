"""The student edition: a copy of the course that holds no solution and no hidden test.

The instructor's repository holds ``solutions/`` (model answers and hidden tests), the tests
that read them, and the instructor's guides. Anyone who can open that repository, or a Binder
built from it, can read the answers. ``ladder-student-edition <folder>`` writes a copy for
students to clone or launch on Binder instead: the lessons, the released assignments, the
library and the Binder files, with a README of its own.

Examples
--------
>>> from pathlib import Path
>>> [p for p in ("solutions/a/a.ipynb", "course/index.ipynb", "tests/x.py") if kept(Path(p))]
['course/index.ipynb']
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

__all__ = ["LEFT_OUT", "STUDENT_README", "course_files", "kept", "main", "write_edition"]

LEFT_OUT: tuple[str, ...] = (
    "solutions/",  # model answers and hidden tests
    "tests/",  # they read solutions/ and hold the expected scores
    "benchmarks/",
    "docs/",  # the instructor and authoring guides
    ".ci/",
    "nbgrader_config.py",  # points nbgrader at solutions/
    ".pre-commit-config.yaml",
    "README.md",  # replaced by STUDENT_README
)
"""Paths (a folder ends with ``/``) that the student edition leaves out."""

STUDENT_README = """\
# Peer-production business models: a Jupyter course (student edition)

Start the course in JupyterLab at its start page (Python 3.11+, run from this folder):

    python3 -m venv .venv && .venv/bin/pip install -c constraints.txt -e '.[course]' && \
PATH="$PWD/.venv/bin:$PATH" jupyter lab --LabApp.default_url=/lab/tree/course/index.ipynb

Or run it on Binder, nothing to install: give mybinder.org the address of this repository and
the URL `lab/tree/course/index.ipynb` (the `binder/` folder sets it up).

An open course on Michel Bauwens's essay *Business models for peer production* (P2P Foundation,
2007): Comtesse's direct-economy ladder, Bauwens's six hybrid models of peer production, use
value vs exchange value, the sharing economy vs the commons economy, for-profit vs for-benefit
institutions, and the shift from push to pull.

| folder | what it holds |
|---|---|
| `course/` | the lessons: start at `course/index.ipynb` and follow them in order |
| `assignments/` | the graded assignments: fill in each answer cell, run the checks under it, and hand the notebook in as your instructor tells you |
| `ladderlib/` | the course's helper library (checks, widgets, the essay's examples) |
| `binder/` | what a Binder launch installs |

The checks under each assignment answer look only at the *form* of an answer; your instructor
grades whether it is right.
"""


def kept(path: Path) -> bool:
    """Whether a repository path (relative, POSIX) belongs in the student edition."""
    text = path.as_posix()
    return not any(text == p or (p.endswith("/") and text.startswith(p)) for p in LEFT_OUT)


def course_files(root: Path) -> list[Path]:
    """The course's files, relative to ``root``: those git does not ignore, or all without git.

    Without git, caches, virtual environments and nbgrader's working folders are skipped.
    """
    listed = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode == 0 and listed.stdout:
        return sorted(Path(p) for p in listed.stdout.split("\0") if p and (root / p).is_file())
    skip = {".git", ".venv", "__pycache__", ".ipynb_checkpoints", "submitted", "autograded"}
    skip |= {"feedback", "release", "source", "node_modules", ".pytest_cache", ".mypy_cache"}
    return sorted(
        p.relative_to(root)
        for p in root.rglob("*")
        if p.is_file() and not skip & set(p.relative_to(root).parts) and p.name != "gradebook.db"
    )


def write_edition(root: Path, target: Path, files: Iterable[Path] | None = None) -> list[Path]:
    """Copy the student edition of the course at ``root`` into ``target``; return what was copied.

    Raises
    ------
    FileExistsError
        When ``target`` exists and is not empty: nothing is overwritten.
    FileNotFoundError
        When ``root`` is not a course (it has no ``course/`` and ``assignments/``).
    """
    if not (root / "course").is_dir() or not (root / "assignments").is_dir():
        raise FileNotFoundError(f"{root} is not the course: it needs course/ and assignments/")
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(f"{target} is not empty: give a new or empty folder")
    copied = [p for p in (course_files(root) if files is None else files) if kept(p)]
    for relative in copied:
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / relative, destination)
    (target / "README.md").write_text(STUDENT_README, encoding="utf-8")
    return [*copied, Path("README.md")]


def main(arguments: Sequence[str] | None = None) -> int:
    """``ladder-student-edition <folder>``: write the student edition of this course there."""
    parser = argparse.ArgumentParser(
        prog="ladder-student-edition",
        description="Write a copy of the course for students: no solutions/, no hidden tests, "
        "no instructor files, a README of its own, Binder files that still work.",
    )
    parser.add_argument("folder", type=Path, help="a new or empty folder for the copy")
    parser.add_argument(
        "--course", type=Path, default=Path.cwd(), help="the course's root (default: here)"
    )
    options = parser.parse_args(arguments)
    try:
        copied = write_edition(options.course.resolve(), options.folder)
    except (FileExistsError, FileNotFoundError) as error:
        print(f"ladder-student-edition: {error}", file=sys.stderr)
        return 2
    print(f"Wrote {len(copied)} files to {options.folder} (left out: {', '.join(LEFT_OUT)}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
