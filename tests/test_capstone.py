"""The capstone's pure part: the rubric is the assignments', the assessment reads the argument,
and the shared Markdown holds the case, both placements with reasons and the argument."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ladderlib as ll
from ladderlib.capstone import PLACEHOLDER, RUBRIC, assess, export

ROOT = Path(__file__).resolve().parents[1]
CASE = ll.example("Mondragon")


def test_rubric_is_the_one_the_hand_graded_cells_use() -> None:
    rubrics = [
        "".join(cell["source"])
        for notebook in sorted((ROOT / "solutions").rglob("*.ipynb"))
        for cell in json.loads(notebook.read_text())["cells"]
        if "**Rubric (1 point).**" in "".join(cell["source"])
    ]
    assert rubrics
    for text in rubrics:
        assert RUBRIC[0] in text
        for part in RUBRIC[1:]:
            assert part in text


def test_assessment_follows_the_rubric() -> None:
    deciding = ll.place(CASE).deciding_attribute("peer_production")
    named = assess(CASE, f"It turns on {deciding}.", ties_to_idea=True)
    assert [a.level for a in named][1] == "full"
    assert [a.level for a in assess(CASE, f"It turns on {deciding}.", ties_to_idea=False)][
        1
    ] == "half"
    assert [a.level for a in assess(CASE, "It is a co-op.", ties_to_idea=False)] == ["nothing"] * 2
    with pytest.raises(TypeError, match=r"assess\(\) needs your Case first"):
        assess("Mondragon", "x", ties_to_idea=True)  # type: ignore[arg-type]


def test_export_writes_case_placements_and_argument(tmp_path: Path) -> None:
    path = export(CASE, "Members own it: framework_control.", tmp_path / "mine.md")
    assert path is not None
    text = path.read_text()
    for reason in ll.place(CASE).reasons:
        assert reason in text
    assert "Members own it: framework_control." in text and "| monetization |" in text


def test_export_saves_nothing_for_the_placeholder_and_wants_markdown(tmp_path: Path) -> None:
    assert export(CASE, f"\n{PLACEHOLDER}\n", tmp_path / "mine.md") is None
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match=r"ending in \.md \(got 'mine.txt'\)"):
        export(CASE, "x", tmp_path / "mine.txt")
