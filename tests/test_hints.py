"""Hints and worked solutions: generated from the library, in order, and never in an assignment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ladderlib as ll
from ladderlib.hints import QUESTIONS
from ladderlib.practice import practice_case

ROOT = Path(__file__).resolve().parents[1]


def test_hints_come_in_order_then_the_solution_gives_the_chain() -> None:
    case = practice_case("Nike By You")
    first, second = ll.hint(case, "rung"), ll.hint(case, "rung")
    assert (first.level, second.level) == (1, 2)
    assert first.text.startswith("look at consumer_reach, ")
    assert f"consumer_reach = {case.consumer_reach!r}" in second.text
    answer = ll.place(case)
    worked = ll.solution(case, "rung")
    assert worked.level == 3 and worked.text.startswith(f"{answer.rung.label}.")  # type: ignore[union-attr]
    for reason in answer.reasons[:2]:
        assert reason in worked.text
    assert ll.hint(case, "rung").level == 2  # asking again after the solution stays at hint 2


def test_hints_name_the_attribute_of_every_kind_of_question() -> None:
    case = ll.example("eBay")
    assert "value_type" in ll.hint(case, "value", level=1).text
    assert f"monetization = {case.monetization!r}" in ll.hint(case, "model", level=2).text
    assert ll.distinguish(case, "value").reason in ll.solution(case, "value").text
    assert repr(case.monetization) in ll.solution(case, "monetization").text
    assert set(QUESTIONS) >= {"rung", "model", "polarity", "producers"}


def test_hint_for_a_mistyped_question_lists_them_and_suggests_one() -> None:
    with pytest.raises(ValueError, match=r"unknown question 'modle'.*Did you mean 'model'\?"):
        ll.hint(ll.example("IKEA"), "modle")
    with pytest.raises(TypeError, match=r"hint\(\) needs a Case first \(got str 'IKEA'\)"):
        ll.hint("IKEA", "rung")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a hint's level is 1 or 2"):
        ll.hint(ll.example("IKEA"), "rung", level=3)


def test_no_graded_assignment_asks_for_hints_or_solutions() -> None:
    notebooks = sorted((ROOT / "assignments").rglob("*.ipynb"))
    assert notebooks, "assignments/ holds no notebook"
    for notebook in notebooks:
        for cell in json.loads(notebook.read_text())["cells"]:
            source = "".join(cell["source"])
            for call in ("hint(", "solution(", "ladderlib.hints"):
                assert call not in source, f"{notebook.name} calls {call}"
