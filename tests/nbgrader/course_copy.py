"""A temporary copy of the course for nbgrader tests, and students' submissions built from it.

The copy holds what an instructor's clone holds (``nbgrader_config.py``, ``solutions/``,
``assignments/``); the API is configured from that copy's ``nbgrader_config.py``, the way
``nbgrader`` run from the repository root configures itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import nbformat
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from traitlets.config.loader import PyFileConfigLoader

REPO = Path(__file__).resolve().parents[2]
ASSIGNMENTS = ("direct-economy", "hybrid-models", "distinctions")
COURSE_FILES = ("nbgrader_config.py", "solutions", "assignments")
STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def copy_course(destination: Path) -> Path:
    """Copy the course files an instructor works with into ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in COURSE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        else:
            shutil.copy2(source, destination / name)
    return destination


def venv_on_path() -> None:
    """nbgrader runs ``alembic`` by name when it creates a gradebook: put this venv first."""
    bin_dir = str(Path(sys.executable).parent)
    if os.environ.get("PATH", "").split(os.pathsep)[0] != bin_dir:
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def api_for(course: Path) -> NbGraderAPI:
    """An NbGraderAPI configured by the course's own ``nbgrader_config.py``."""
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, config=config)


def notebook_path(root: Path, folder: str, assignment: str) -> Path:
    return root / folder / assignment / f"{assignment}.ipynb"


def grade_id(cell: Any) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def solved_answers(course: Path, assignment: str) -> dict[str, str]:
    """Each answer cell as a student who solved it would leave it (template, then answers)."""
    source = nbformat.read(notebook_path(course, "solutions", assignment), as_version=4)
    answers = {}
    for cell in source.cells:
        nbg = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and nbg.get("solution"):
            lines = [line for line in cell.source.splitlines() if line.strip() not in MARKERS]
            answers[nbg["grade_id"]] = "\n".join(lines)
    return answers


def prose_ids(course: Path, assignment: str) -> list[str]:
    """The manually graded text cells of an assignment."""
    source = nbformat.read(notebook_path(course, "solutions", assignment), as_version=4)
    return [
        cell.metadata.nbgrader["grade_id"]
        for cell in source.cells
        if cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get("solution")
    ]


def submit(
    course: Path,
    student: str,
    assignment: str,
    answers: Mapping[str, str],
    prose: Mapping[str, str] | None = None,
) -> Path:
    """Put a submission where the guide says: ``submitted/<student>/<assignment>/``.

    Starts from the released notebook, as a student does. ``answers`` replaces the source of
    answer cells by grade id; ``prose`` replaces the "YOUR ANSWER HERE" of text cells.
    """
    notebook = nbformat.read(notebook_path(course, "assignments", assignment), as_version=4)
    unknown = set(answers) | set(prose or {})
    for cell in notebook.cells:
        gid = grade_id(cell)
        if gid in answers:
            cell.source = answers[gid]
            unknown.discard(gid)
        elif prose and gid in prose:
            cell.source = prose[gid]
            unknown.discard(gid)
    assert not unknown, f"no such cells in {assignment}: {sorted(unknown)}"
    target = notebook_path(course, f"submitted/{student}", assignment)
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return target


def template_only(course: Path, assignment: str, gid: str, *lines: str) -> str:
    """An answer cell with the release's template kept, the stub removed and ``lines`` added."""
    notebook = nbformat.read(notebook_path(course, "assignments", assignment), as_version=4)
    (cell,) = [c for c in notebook.cells if grade_id(c) == gid]
    kept = [line for line in cell.source.splitlines() if line not in STUB]
    return "\n".join([*kept, *lines])


def outputs_by_cell(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The outputs of every graded or answer code cell of an executed notebook, by grade id."""
    notebook = json.loads(path.read_text("utf-8"))
    return {
        grade_id(cell): cell.get("outputs", [])
        for cell in notebook["cells"]
        if cell["cell_type"] == "code" and grade_id(cell)
    }


def text_of(outputs: list[dict[str, Any]]) -> str:
    """Everything a cell printed or raised, as one string."""
    parts = []
    for output in outputs:
        if output["output_type"] == "stream":
            parts.append("".join(output["text"]))
        elif output["output_type"] == "error":
            parts.append(f"{output['ename']}: {output['evalue']}")
        elif output["output_type"] == "execute_result":
            parts.append("".join(output["data"].get("text/plain", "")))
    return "\n".join(parts)


def file_digests(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (bytecode caches left out) -> its sha256: to prove nothing changed."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
