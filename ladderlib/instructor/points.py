"""Where an assignment's points are set: the nbgrader metadata of its cells in ``solutions/``.

Each graded cell of an instructor notebook carries its points in ``metadata.nbgrader.points``:
that is the one source of truth. The graders' ``points=`` arguments, the rubric headings, the
assignment's intro, the instructor guide's totals and the pipeline tests must agree with it;
``tests/test_points.py`` checks each against :func:`cell_points`.

Examples
--------
>>> from pathlib import Path
>>> root = Path(__file__).resolve().parents[2]
>>> total = totals(root / "solutions" / "hybrid-models" / "hybrid-models.ipynb")
>>> total.autograded, total.by_hand, total.maximum
(35.0, 7.0, 42.0)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CellPoints", "Totals", "cell_points", "totals"]


@dataclass(frozen=True)
class CellPoints:
    """One graded cell: its id, its points, and whether a hidden test scores it."""

    grade_id: str
    points: float
    autograded: bool
    source: str


@dataclass(frozen=True)
class Totals:
    """An assignment's points: scored by its hidden tests, graded by hand, and both."""

    autograded: float
    by_hand: float

    @property
    def maximum(self) -> float:
        """Everything a student can earn."""
        return self.autograded + self.by_hand


def cell_points(notebook: Path) -> tuple[CellPoints, ...]:
    """The graded cells of an instructor notebook, in order, with the points their metadata sets.

    Raises
    ------
    ValueError
        For a graded cell without positive points (the message names its ``grade_id``).
    """
    cells = json.loads(notebook.read_text("utf-8"))["cells"]
    found = []
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if not meta.get("grade"):
            continue
        points = meta.get("points")
        if not isinstance(points, int | float) or isinstance(points, bool) or points <= 0:
            raise ValueError(f"{notebook.name}: cell {meta.get('grade_id')!r} has no points")
        found.append(
            CellPoints(
                grade_id=str(meta["grade_id"]),
                points=float(points),
                autograded=cell["cell_type"] == "code",
                source="".join(cell["source"]),
            )
        )
    return tuple(found)


def totals(notebook: Path) -> Totals:
    """The points of an instructor notebook: autograded (test cells) and by hand (text cells)."""
    cells = cell_points(notebook)
    return Totals(
        autograded=sum(c.points for c in cells if c.autograded),
        by_hand=sum(c.points for c in cells if not c.autograded),
    )
