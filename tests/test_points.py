"""One place for points: the nbgrader metadata of solutions/. Everything else must agree with it.

The graders' ``points=`` arguments, the rubric headings, each assignment's own statement of what
its answers are worth, the instructor guide's totals and the nbgrader pipeline test's maxima are
checked against :func:`ladderlib.instructor.points.cell_points`. Under a second.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from ladderlib.instructor.points import cell_points, totals

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENTS = ("direct-economy", "hybrid-models", "distinctions")


def _notebook(assignment: str) -> Path:
    return ROOT / "solutions" / assignment / f"{assignment}.ipynb"


def _points(assignment: str, grade_ids: str) -> set[float]:
    """The metadata points of the cells whose grade_id matches ``grade_ids`` (a regex)."""
    found = {
        c.points for c in cell_points(_notebook(assignment)) if re.fullmatch(grade_ids, c.grade_id)
    }
    assert found, f"no cell of {assignment} matches {grade_ids}"
    return found


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_grader_call_gives_the_points_of_its_cell(assignment: str) -> None:
    for cell in cell_points(_notebook(assignment)):
        if not cell.autograded:
            continue
        given = [
            keyword.value
            for node in ast.walk(ast.parse(cell.source))
            if isinstance(node, ast.Call)
            for keyword in node.keywords
            if keyword.arg == "points"
        ]
        assert given, f"{cell.grade_id}: no grader with points="
        for value in given:
            assert isinstance(value, ast.Constant), f"{cell.grade_id}: points= must be a number"
            assert value.value == cell.points, cell.grade_id


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_rubric_heading_gives_the_points_of_its_text_cell(assignment: str) -> None:
    by_hand = [c for c in cell_points(_notebook(assignment)) if not c.autograded]
    assert by_hand
    for cell in by_hand:  # the text cell holds its model answer and rubric in solutions/
        heading = re.search(r"\*\*Rubric \((\d+) points?\)", cell.source)
        assert heading, f"{cell.grade_id}: no rubric heading"
        assert float(heading.group(1)) == cell.points, cell.grade_id


# What each assignment's text says its answers are worth: (statement, cells it speaks of).
STATEMENTS = {
    "direct-economy": [
        (r"The rung is worth (\d+) points", r".*-rung"),
        (r"Each attribute is worth (\d+) point", r".*-(framework-control|consumer-reach)"),
        (r"The text is worth\s+(\d+) point", r".*-why"),
    ],
    "hybrid-models": [
        (r"The model is worth (\d+) points", r".*-model"),
        (
            r"each attribute (\d+) point on its own",
            r".*-(value-type|monetization|platform-ownership)",
        ),
        (r"and the\s+text (\d+) point", r".*-why"),
    ],
    "distinctions": [
        (r"Each answer is worth (\d+) point", r".*-(value|economy|institution)"),
        (r"the text under each pair (\d+) point", r"(value|economy|institution)-why"),
        (r"The rung is worth (\d+) points", r"stackoverflow-rung"),
        (r"the model (\d+) points", r"stackoverflow-model"),
        (
            r"each attribute (\d+) point, the text",
            r"stackoverflow-(framework-control|consumer-reach|monetization)",
        ),
        (r"the text (\d+) point\.", r"stackoverflow-why"),
        (r"earns its\s+(\d+) points only", r"blender-rung"),
        (r"The text is worth\s+(\d+) points", r"blender-why"),
        (r"Worth (\d+) points: each right row", r"contradictions"),
    ],
}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_assignment_says_what_its_metadata_sets(assignment: str) -> None:
    cells = json.loads(_notebook(assignment).read_text("utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for statement, grade_ids in STATEMENTS[assignment]:
        said = re.search(statement, text)
        assert said, f"{assignment} no longer says {statement!r}"
        assert _points(assignment, grade_ids) == {float(said.group(1))}, statement


def test_the_instructor_guide_gives_the_metadata_totals() -> None:
    guide = (ROOT / "docs" / "instructor-guide.md").read_text("utf-8")
    maxima = []
    for assignment in ASSIGNMENTS:
        total = totals(_notebook(assignment))
        row = re.search(rf"^\| `{assignment}` \|.*$", guide, re.M)
        assert row, assignment
        numbers = re.findall(r"\| (\d+) points(?: of text)? ", row.group(0) + " ")
        assert [float(n) for n in numbers] == [total.autograded, total.by_hand], assignment
        maxima.append(total.maximum)
    said = re.search(r"the maximum per assignment is (\d+), (\d+) and (\d+) points", guide)
    assert said and [float(n) for n in said.groups()] == maxima


def test_the_pipeline_test_takes_its_maxima_from_the_metadata() -> None:
    pipeline = (ROOT / "tests" / "nbgrader" / "test_nbgrader_pipeline.py").read_text("utf-8")
    assert "AUTO_MAX = {a: totals(" in pipeline and "PROSE_MAX = {a: totals(" in pipeline


def test_a_graded_cell_without_points_is_refused(tmp_path: Path) -> None:
    cell = {
        "cell_type": "code",
        "source": "x",
        "metadata": {"nbgrader": {"grade": True, "grade_id": "q1"}},
    }
    bad = tmp_path / "bad.ipynb"
    bad.write_text(json.dumps({"cells": [cell]}))
    with pytest.raises(ValueError, match="cell 'q1' has no points"):
        cell_points(bad)
