"""The two ladders: order, labels, parsing what students type, and errors they can act on."""

from __future__ import annotations

import pytest

from ladderlib import DirectEconomyRung, HybridModel

R, M = DirectEconomyRung, HybridModel


def test_rungs_are_ordered_by_level() -> None:
    assert [r.level for r in R] == [1, 2, 3, 4, 5]
    assert [r.name for r in R] == [
        "PASSIVE_CONSUMPTION",
        "SELF_SERVICE",
        "DIY",
        "CO_DESIGN",
        "CO_CREATION",
    ]
    assert R.PASSIVE_CONSUMPTION < R.SELF_SERVICE < R.DIY < R.CO_DESIGN < R.CO_CREATION
    assert max(R) is R.CO_CREATION
    assert sorted([R.CO_DESIGN, R.DIY]) == [R.DIY, R.CO_DESIGN]
    assert R(3) is R.DIY


def test_models_are_numbered_in_the_essays_order() -> None:
    assert [m.number for m in M] == [1, 2, 3, 4, 5, 6]
    assert [m.produces for m in M] == ["use"] * 4 + ["exchange"] * 2
    assert all(m.label and m.description for m in M)
    assert all(r.label and r.description for r in R)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("co-design", R.CO_DESIGN),
        ("Co Design", R.CO_DESIGN),
        ("CO_DESIGN", R.CO_DESIGN),
        ("codesign", R.CO_DESIGN),
        ("DIY", R.DIY),
        ("do it yourself", R.DIY),
        ("Do-It-Yourself", R.DIY),
        ("self-service", R.SELF_SERVICE),
        ("Self Service", R.SELF_SERVICE),
        ("passive consumption", R.PASSIVE_CONSUMPTION),
        ("co-creation", R.CO_CREATION),
        (5, R.CO_CREATION),
        ("1", R.PASSIVE_CONSUMPTION),
        (R.DIY, R.DIY),
    ],
)
def test_rung_parse_accepts_what_students_type(typed: object, expected: R) -> None:
    assert R.parse(typed) is expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (3, M.COMMONS_BUSINESS_ECOLOGY),
        ("3", M.COMMONS_BUSINESS_ECOLOGY),
        ("model 4", M.ATTENTION_PLATFORM),
        ("Model-6", M.INDIVIDUAL_EXCHANGE_VALUE),
        ("cooperative", M.COOPERATIVE_PRODUCTION),
        ("co-operative", M.COOPERATIVE_PRODUCTION),
        ("Linux model", M.COMMONS_BUSINESS_ECOLOGY),
        ("web 2.0", M.ATTENTION_PLATFORM),
        ("commons with a business ecology", M.COMMONS_BUSINESS_ECOLOGY),
        ("use_value_no_monetization", M.USE_VALUE_NO_MONETIZATION),
    ],
)
def test_model_parse_accepts_numbers_and_names(typed: object, expected: M) -> None:
    assert M.parse(typed) is expected  # type: ignore[arg-type]


@pytest.mark.parametrize("typed", ["not applicable", "N/A", "none", "no rung", "Neither"])
def test_parse_answer_reads_not_applicable(typed: str) -> None:
    assert R.parse_answer(typed) is None
    assert M.parse_answer(typed) is None


def test_unknown_rung_name_lists_valid_names_and_suggests_closest() -> None:
    with pytest.raises(ValueError) as info:
        R.parse("co-desgin")
    assert str(info.value) == (
        "unknown direct-economy rung 'co-desgin'. Valid rungs: passive_consumption, "
        "self_service, diy, co_design, co_creation. Did you mean 'co_design'?"
    )


def test_unknown_answer_mentions_not_applicable_as_valid() -> None:
    with pytest.raises(ValueError) as info:
        M.parse_answer("coperative")
    assert str(info.value) == (
        "unknown hybrid model 'coperative'. Valid models: use_value_no_monetization, "
        "use_value_equitable_monetization, commons_business_ecology, attention_platform, "
        "cooperative_production, individual_exchange_value, not_applicable. "
        "Did you mean 'cooperative_production'?"
    )


def test_name_far_from_every_rung_gets_no_suggestion() -> None:
    with pytest.raises(ValueError) as info:
        R.parse("banana")
    assert str(info.value) == (
        "unknown direct-economy rung 'banana'. Valid rungs: passive_consumption, "
        "self_service, diy, co_design, co_creation."
    )


def test_out_of_range_number() -> None:
    with pytest.raises(ValueError) as info:
        M.parse(7)
    assert str(info.value) == "there is no hybrid model number 7: the models are numbered 1 to 6"


def test_wrong_type_is_a_type_error_saying_what_is_expected() -> None:
    with pytest.raises(TypeError) as info:
        R.parse([3])  # type: ignore[arg-type]
    assert str(info.value) == (
        "a direct-economy rung must be given as a DirectEconomyRung, a name (str) or a "
        "number 1-5 (int) (got list [3])"
    )
    with pytest.raises(TypeError):
        R.parse(True)  # type: ignore[arg-type]


def test_member_of_the_other_ladder_is_a_type_error() -> None:
    with pytest.raises(TypeError) as info:
        R.parse(M.ATTENTION_PLATFORM)  # type: ignore[arg-type]
    assert str(info.value) == (
        "expected a direct-economy rung (got HybridModel.ATTENTION_PLATFORM, which belongs "
        "to the other ladder)"
    )


@pytest.mark.parametrize("op", ["<", "<=", ">", ">=", "==", "!="])
def test_comparing_across_ladders_is_a_type_error(op: str) -> None:
    with pytest.raises(TypeError):
        eval(f"a {op} b", {"a": R.DIY, "b": M.COOPERATIVE_PRODUCTION})


def test_members_are_hashable_and_equal_only_to_themselves() -> None:
    assert {R.DIY: 1}[R.DIY] == 1
    assert R.DIY == R.DIY
    assert R.DIY != R.CO_DESIGN
    assert R.DIY != "diy"
    assert str(R.CO_DESIGN) == "co-design"
