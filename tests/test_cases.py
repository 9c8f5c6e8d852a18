"""Cases over the attribute vocabulary: canonical values, unknowns, and actionable errors."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from ladderlib import ATTRIBUTES, Case


def test_every_attribute_of_the_design_notes_is_a_field_with_its_values() -> None:
    expected = {
        "framework_control": "firm firm_platform_owner community_with_for_benefit_foundation "
        "nonprofit_or_academic cooperative_members mixed",
        "consumer_reach": "none choice transaction_labor production_logistics_labor "
        "customization creation not_applicable",
        "value_type": "use exchange mixed not_applicable",
        "producers": "firm individuals groups individuals_and_groups",
        "output": "firm_product commons individual_sharing proprietary_user_content "
        "market_goods_services gift_or_hospitality",
        "monetization": "firm_sale none producer_controlled_equitable commons_business_ecology "
        "attention_sold_by_platform cooperative_market_sale individual_market_sale",
        "platform_ownership": "none firm_own_channel proprietary_for_profit "
        "nonprofit_or_foundation cooperative federated_open",
        "institution_type": "for_profit for_benefit cooperative public_or_regulated_monopoly",
        "initiator": "firm community nonprofit_foundation academic_institution cooperative "
        "social_enterprise community_then_firm firm_then_community founders_project_then_firm",
        "demand_direction": "push pull mixed not_applicable",
    }
    assert {name: " ".join(a.values) for name, a in ATTRIBUTES.items()} == expected
    fields = {f.name for f in dataclasses.fields(Case)}
    assert fields == {"name", "as_of", "description", *expected}


def test_every_value_is_accepted_and_unknown_is_allowed() -> None:
    for name, attribute in ATTRIBUTES.items():
        for value in attribute.values:
            assert getattr(Case(name="x", **{name: value}), name) == value
        assert getattr(Case(name="x"), name) is None
        assert getattr(Case(name="x", **{name: "unknown"}), name) is None


def test_friendly_spellings_are_stored_canonically() -> None:
    case = Case(
        name="x",
        framework_control="Firm Platform Owner",
        consumer_reach="production-logistics labor",
        value_type="Use value",
        producers="individual",
    )
    assert case.known() == {
        "framework_control": "firm_platform_owner",
        "consumer_reach": "production_logistics_labor",
        "value_type": "use",
        "producers": "individuals",
    }


def test_unknown_attribute_name_is_a_value_error_with_suggestion() -> None:
    with pytest.raises(ValueError) as info:
        Case(name="x", monetisation="none")
    assert str(info.value) == (
        "unknown attribute of a case 'monetisation'. Valid attributes: name, framework_control, "
        "consumer_reach, value_type, producers, output, monetization, platform_ownership, "
        "institution_type, initiator, demand_direction, as_of, description. "
        "Did you mean 'monetization'?"
    )


def test_unknown_value_lists_the_allowed_values_and_suggests_closest() -> None:
    with pytest.raises(ValueError) as info:
        Case(name="x", output="comons")
    assert str(info.value) == (
        "unknown value for attribute 'output': 'comons'. Valid values: firm_product, commons, "
        "individual_sharing, proprietary_user_content, market_goods_services, "
        "gift_or_hospitality. Did you mean 'commons'?"
    )


def test_wrong_types_are_type_errors() -> None:
    with pytest.raises(TypeError) as info:
        Case(name="x", producers=2)  # type: ignore[arg-type]
    assert str(info.value) == "'producers' must be a str or None (got int 2)"
    with pytest.raises(TypeError) as info:
        Case(name="")
    assert str(info.value) == "'name' must be a non-empty str (got str '')"
    with pytest.raises(TypeError) as info:
        Case(name="x", as_of=[2020])  # type: ignore[arg-type]
    assert str(info.value) == "'as_of' must be an int, a str or None (got list [2020])"


def test_cases_are_frozen_comparable_and_picklable() -> None:
    case = Case(name="x", value_type="use", as_of=2020, description="first")
    with pytest.raises(dataclasses.FrozenInstanceError):
        case.value_type = "exchange"  # type: ignore[misc]
    assert case == Case(name="x", value_type="use", as_of=2020, description="other words")
    assert pickle.loads(pickle.dumps(case)) == case
    assert case.replace(value_type="Exchange").value_type == "exchange"
    with pytest.raises(ValueError):
        case.replace(value_type="sold")
    assert Case.from_mapping({"name": "y", "output": "commons"}).output == "commons"
