"""The decision procedure of the design notes, section 4, step by step, and its properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ladderlib import ATTRIBUTES, Case, DirectEconomyRung, HybridModel, place

R, M = DirectEconomyRung, HybridModel

FIRM = {"framework_control": "firm", "producers": "firm", "output": "firm_product"}
PEERS = {
    "framework_control": "community_with_for_benefit_foundation",
    "producers": "individuals",
    "output": "commons",
}


@pytest.mark.parametrize(
    ("reach", "rung"),
    [
        ("none", R.PASSIVE_CONSUMPTION),
        ("choice", R.SELF_SERVICE),
        ("transaction_labor", R.SELF_SERVICE),
        ("production_logistics_labor", R.DIY),
        ("customization", R.CO_DESIGN),
        ("creation", R.CO_CREATION),
        ("not_applicable", None),
    ],
)
@pytest.mark.parametrize("control", ["firm", "firm_platform_owner"])
def test_rung_follows_consumer_reach_when_a_firm_controls(
    reach: str, rung: R | None, control: str
) -> None:
    p = place(Case(name="x", framework_control=control, consumer_reach=reach))
    assert p.rung is rung
    assert p.steps_for("direct_economy")[-1].attribute == "consumer_reach"
    assert p.deciding_attribute("direct_economy") == "consumer_reach"


@pytest.mark.parametrize(
    "control",
    [
        "community_with_for_benefit_foundation",
        "nonprofit_or_academic",
        "cooperative_members",
        "mixed",
    ],
)
def test_no_rung_when_no_firm_controls_the_framework(control: str) -> None:
    p = place(Case(name="x", framework_control=control, consumer_reach="customization"))
    assert p.rung is None
    assert p.missing == ("producers", "output")
    (step,) = p.steps_for("direct_economy")
    assert (step.attribute, step.value) == ("framework_control", control)
    assert "does not apply" in step.explanation


@pytest.mark.parametrize(
    ("changes", "deciding"),
    [
        ({"producers": "firm"}, "producers"),
        ({"output": "firm_product"}, "output"),
        ({"framework_control": "firm"}, "framework_control"),
    ],
)
def test_no_model_when_a_firm_produces_or_controls(changes: dict[str, str], deciding: str) -> None:
    case = Case(name="x", **{**PEERS, "value_type": "use", "monetization": "none", **changes})
    p = place(case)
    assert p.model is None
    assert p.deciding_attribute("peer_production") == deciding
    assert "not peer production" in p.steps_for("peer_production")[-1].explanation


@pytest.mark.parametrize(
    ("value_type", "monetization", "platform", "model"),
    [
        ("use", "none", None, M.USE_VALUE_NO_MONETIZATION),
        ("use", "producer_controlled_equitable", None, M.USE_VALUE_EQUITABLE_MONETIZATION),
        ("use", "commons_business_ecology", None, M.COMMONS_BUSINESS_ECOLOGY),
        ("use", "attention_sold_by_platform", None, M.ATTENTION_PLATFORM),
        ("mixed", "none", None, M.USE_VALUE_NO_MONETIZATION),
        ("exchange", "cooperative_market_sale", None, M.COOPERATIVE_PRODUCTION),
        ("exchange", "individual_market_sale", "cooperative", M.COOPERATIVE_PRODUCTION),
        (
            "exchange",
            "individual_market_sale",
            "proprietary_for_profit",
            M.INDIVIDUAL_EXCHANGE_VALUE,
        ),
        ("mixed", "individual_market_sale", "federated_open", M.INDIVIDUAL_EXCHANGE_VALUE),
        ("mixed", "cooperative_market_sale", None, M.COOPERATIVE_PRODUCTION),
        ("exchange", "none", None, None),
        ("use", "firm_sale", None, None),
        ("use", "cooperative_market_sale", None, None),
        ("not_applicable", "none", None, None),
    ],
)
def test_model_follows_value_type_monetization_and_platform(
    value_type: str, monetization: str, platform: str | None, model: M | None
) -> None:
    case = Case(
        name="x",
        **PEERS,
        value_type=value_type,
        monetization=monetization,
        platform_ownership=platform,
    )
    p = place(case)
    assert p.model is model
    assert p.missing == ()


def test_five_vs_six_needs_platform_ownership_and_says_so() -> None:
    case = Case(name="x", **PEERS, value_type="exchange", monetization="individual_market_sale")
    p = place(case)
    assert p.model is None
    assert p.missing == ("platform_ownership",)
    assert p.reasons[-1].startswith("platform_ownership = unknown: ")


def test_missing_attributes_are_named() -> None:
    p = place(Case(name="blank"))
    assert p.rung is None and p.model is None
    assert p.missing == ("framework_control", "producers", "output")
    p = place(Case(name="half", **PEERS))
    assert p.missing == ("value_type", "monetization")


def test_reasons_name_attribute_value_and_concept() -> None:
    case = Case(name="x", **PEERS, value_type="use", monetization="commons_business_ecology")
    assert place(case).reasons == (
        "framework_control = 'community_with_for_benefit_foundation': no firm sets the framework "
        "of participation, so Comtesse's ladder, drawn from the firm's polarity, does not apply; "
        "no rung.",
        "producers = 'individuals': individuals produce outside a firm's hierarchy and no firm "
        "runs the framework for its own product, so the peer-production lens (Bauwens) applies.",
        "value_type = 'use': made for direct use, not for sale: use value.",
        "monetization = 'commons_business_ecology': outside firms earn by selling scarce services "
        "around an abundant commons, so the model is 3.",
    )


def test_community_commons_with_creation_earns_the_co_creation_alternative() -> None:
    case = Case(name="x", **PEERS, consumer_reach="creation", value_type="use", monetization="none")
    p = place(case)
    assert p.rung is None
    (alt,) = p.alternatives
    assert (alt.lens, alt.answer, alt.deciding_attribute) == (
        "direct_economy",
        R.CO_CREATION,
        "consumer_reach",
    )
    assert "open source and Wikipedia" in alt.argument
    # Not for a firm's framework (the procedure already answers there), nor for non-commons.
    assert place(case.replace(framework_control="firm")).alternatives == ()
    assert place(case.replace(output="individual_sharing")).alternatives == ()


def test_place_rejects_what_is_not_a_case() -> None:
    with pytest.raises(TypeError) as info:
        place({"name": "x"})  # type: ignore[arg-type]
    assert str(info.value) == "place() needs a Case (got dict {'name': 'x'})"


ATTRIBUTE_VALUES = {
    name: st.one_of(st.none(), st.sampled_from(a.values)) for name, a in ATTRIBUTES.items()
}


@settings(max_examples=600, deadline=None)
@given(st.fixed_dictionaries(ATTRIBUTE_VALUES))
def test_place_never_raises_and_always_gives_reasons(attributes: dict[str, str | None]) -> None:
    p = place(Case(name="any", **attributes))
    assert p.steps, "every placement carries at least one reason"
    for step in p.steps:
        assert step.attribute in ATTRIBUTES
        assert step.value == attributes[step.attribute]
    for reason in p.reasons:
        assert reason.split(" = ")[0] in ATTRIBUTES
    assert set(p.missing) <= {a for a, v in attributes.items() if v is None}
    if p.rung is not None:
        assert attributes["framework_control"] in ("firm", "firm_platform_owner")
    if p.model is not None:
        assert attributes["producers"] != "firm" and attributes["framework_control"] != "firm"
        assert all(step.value is not None for step in p.steps_for("peer_production"))
