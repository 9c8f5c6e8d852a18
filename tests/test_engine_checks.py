"""The engine's faster metadata check agrees with nbgrader's on valid and broken notebooks."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest
from jsonschema import ValidationError
from nbgrader.nbgraderformat.common import SchemaMismatchError
from nbgrader.preprocessors import CheckCellMetadata

from ladderlib.instructor.engine.steps import CheckCellMetadataFast

REPO = Path(__file__).resolve().parents[1]
SOURCES = sorted(REPO.glob("solutions/*/*.ipynb"))


def _breakages() -> list[tuple[str, dict[str, object]]]:
    return [
        ("points of the wrong type", {"points": "lots"}),
        ("no grade id on a locked cell", {"grade_id": None}),
        ("an unknown schema version", {"schema_version": 9}),
        ("grade of the wrong type", {"grade": "yes"}),
    ]


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_both_accept_the_course_notebooks(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    CheckCellMetadata().preprocess(copy.deepcopy(notebook), {})
    CheckCellMetadataFast().preprocess(copy.deepcopy(notebook), {})


@pytest.mark.parametrize("broken", _breakages(), ids=[name for name, _ in _breakages()])
def test_both_refuse_the_same_broken_metadata(broken: tuple[str, dict[str, object]]) -> None:
    notebook = nbformat.read(SOURCES[0], as_version=4)
    (cell,) = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")][:1]
    for key, value in broken[1].items():
        if value is None:
            del cell.metadata.nbgrader[key]
        else:
            cell.metadata.nbgrader[key] = value
    outcomes = []
    for check in (CheckCellMetadata(), CheckCellMetadataFast()):
        with pytest.raises((ValidationError, SchemaMismatchError)) as raised:
            check.preprocess(copy.deepcopy(notebook), {})
        outcomes.append((type(raised.value), str(raised.value)))
    assert outcomes[0] == outcomes[1]
