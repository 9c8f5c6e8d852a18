"""ladderlib.grading: what nbgrader's test cells rely on, checked without nbgrader.

nbgrader scores a test cell 0 on any error or any stderr output, and reads a final numeric
value as partial credit. So form checks must fail with actionable messages, graders must
never raise for what a student typed, must stay within [0, points] and must write nothing to
stderr.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import pytest

import ladderlib as ll
from ladderlib import grading

SHOP = ll.Case(name="A bike shop", framework_control="firm", consumer_reach="customization")
COMMONS = ll.Case(
    name="A commons",
    framework_control="community_with_for_benefit_foundation",
    consumer_reach="creation",
    value_type="use",
    producers="individuals",
    output="commons",
    monetization="none",
)


def test_form_checks_accept_readable_answers() -> None:
    assert grading.check_rung_form("Co Design", name="r") is None
    assert grading.check_model_form("model 3", name="m") is None
    assert grading.check_model_form(6, name="m") is None
    assert grading.check_attribute_form({"Consumer Reach": "choice"}, "consumer_reach") is None
    assert grading.check_distinction_form("economy", "Commons", name="e") is None
    assert grading.check_argument_form({"consumer_reach": "creation"}) is None
    assert grading.check_names_form(("a",), valid=["a", "b"]) is None


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: grading.check_rung_form(..., name="x_rung"),
            "x_rung is not answered yet: replace the ... with a rung name, such as "
            "'self service', or 'not applicable'.",
        ),
        (
            lambda: grading.check_model_form(None, name="x_model"),
            "x_model is not answered yet: replace the ... with a model number from 1 to 6, "
            "or 'not applicable'.",
        ),
        (
            lambda: grading.check_attribute_form({"value_type": ...}, "value_type", name="a"),
            "a['value_type'] is not answered yet: replace the ... with one of: use, exchange, "
            "mixed, not_applicable.",
        ),
        (
            lambda: grading.check_names_form(..., valid=["a"], name="rows"),
            "rows is not answered yet: replace the ... with a list of names.",
        ),
    ],
)
def test_untouched_answers_read_as_not_implemented(call: Any, message: str) -> None:
    with pytest.raises(NotImplementedError) as caught:
        call()
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: grading.check_rung_form(["diy"], name="r"),
            "r: a direct-economy rung must be given as a DirectEconomyRung, a name (str), "
            "'not applicable' or a number 1-5 (int) (got list ['diy'])",
        ),
        (
            lambda: grading.check_attribute_form("firm", "framework_control", name="a"),
            "a must be a dict of attribute -> value (got str 'firm').",
        ),
        (
            lambda: grading.check_attribute_form({"value_type": 1}, "value_type", name="a"),
            "a['value_type'] must be a str (got int 1).",
        ),
        (
            lambda: grading.check_attribute_form({}, "value_type", name="a"),
            "a has no entry for 'value_type': add \"value_type\": <value> to the dict.",
        ),
        (
            lambda: grading.check_argument_form({}, name="arg"),
            "arg names no attribute: add at least one, with its value.",
        ),
        (
            lambda: grading.check_distinction_form("value", 3, name="v"),
            "v must be a str (got int 3).",
        ),
        (
            lambda: grading.check_names_form("a", valid=["a"], name="rows"),
            "rows must be a list of names (str), such as ['First case', 'Second case'] "
            "(got str 'a').",
        ),
        (
            lambda: grading.check_names_form(["A"], valid=["a"], name="rows"),
            "rows: 'A' is not spelled as in the table.",
        ),
    ],
)
def test_malformed_answers_fail_with_actionable_assertions(call: Any, message: str) -> None:
    with pytest.raises(AssertionError) as caught:
        call()
    assert str(caught.value) == message


BAD_INPUTS = ["co-desing", ["diy"], {"a": 1}, 3.5, object(), "", None, ..., "model 9", 0]


@pytest.mark.parametrize("answer", BAD_INPUTS, ids=repr)
def test_graders_never_raise_and_never_write_to_stderr(
    answer: object, capsys: pytest.CaptureFixture[str]
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scores = [
            grading.rung_points(SHOP, answer, answer, points=2),  # type: ignore[arg-type]
            grading.model_points(COMMONS, answer, points=2),
            grading.distinction_points(COMMONS, "value", answer, points=1),
            grading.attribute_points(SHOP, answer, "consumer_reach", points=1),
            grading.attribute_points(SHOP, {"consumer_reach": answer}, "consumer_reach", points=1),
            grading.selection_points(["a"], answer, points=3),
        ]
    assert all(type(score) is float and score == 0.0 for score in scores)
    captured = capsys.readouterr()
    assert captured.err == ""
    assert len(captured.out.splitlines()) == len(scores)


def test_a_typo_is_graded_zero_with_the_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert grading.rung_points(SHOP, "co-desing", points=2) == 0.0
    assert capsys.readouterr().out == (
        "A bike shop: direct-economy rung: Not readable, 0 of 2 points. unknown "
        "direct-economy rung 'co-desing'. Valid rungs: passive_consumption, self_service, diy, "
        "co_design, co_creation, not_applicable. Did you mean 'co_design'?\n"
    )


@pytest.mark.parametrize(
    ("answer", "points", "expected"),
    [("co-design", 2, 2.0), ("DIY", 2, 1.0), ("self service", 2, 0.5), ("passive", 2, 0.0)],
)
def test_rung_points_are_ladder_aware(answer: str, points: int, expected: float) -> None:
    assert grading.rung_points(SHOP, answer, points=points) == expected


def test_an_alternative_earns_only_when_the_attributes_name_its_deciding_one() -> None:
    argued = {"consumer_reach": "creation"}
    assert grading.rung_points(COMMONS, "co-creation", argued, points=2) == 2.0
    assert (
        grading.rung_points(COMMONS, "co-creation", {"framework_control": "mixed"}, points=2) == 0
    )
    # A placeholder or a wrong value names nothing.
    assert grading.rung_points(COMMONS, "co-creation", {"consumer_reach": ...}, points=2) == 0
    assert grading.rung_points(COMMONS, "co-creation", {"consumer_reach": "choice"}, points=2) == 0
    assert grading.rung_points(COMMONS, "not applicable", {}, points=2) == 2.0


def test_attribute_points_take_instructor_accepted_readings() -> None:
    case = ll.Case(name="x", value_type="use")
    mixed = {"value_type": "Mixed"}
    assert grading.attribute_points(case, mixed, "value_type", points=1) == 0.0
    assert grading.attribute_points(case, mixed, "value_type", points=1, also=["mixed"]) == 1.0


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (["a", "b"], 3.0),
        (["a"], 1.5),
        (["a", "b", "c"], 1.5),
        (["c", "d"], 0.0),  # never below zero
        ([], 0.0),
    ],
)
def test_selection_points_reward_right_rows_and_charge_wrong_ones(
    given: list[str], expected: float
) -> None:
    assert grading.selection_points(["a", "b"], given, points=3) == expected


@pytest.mark.parametrize("points", [0, -1, math.nan, "2", True])
def test_points_must_be_a_positive_number(points: object) -> None:
    with pytest.raises(ValueError, match="points must be a positive number"):
        grading.rung_points(SHOP, "diy", points=points)  # type: ignore[arg-type]


def test_a_bad_answer_key_is_loud() -> None:
    with pytest.raises(TypeError, match="a grader needs the answer key as a Case"):
        grading.rung_points("A bike shop", "diy", points=2)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="leaves 'value_type' unknown"):
        grading.attribute_points(SHOP, {"value_type": "use"}, "value_type", points=1)


@pytest.mark.parametrize(
    ("raw", "expected"), [(7.0, 2.0), (-3.0, 0.0), (1.25, 1.25), (math.inf, 0.0), (math.nan, 0.0)]
)
def test_scores_are_clamped_to_the_cells_points(raw: float, expected: float) -> None:
    assert grading.points._clamp(raw, 2.0) == expected
