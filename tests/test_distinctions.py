"""The essay's distinctions as questions a case answers, with reasons."""

from __future__ import annotations

import pytest

import ladderlib as ll
from ladderlib import Case, Distinction, distinguish


@pytest.mark.parametrize(
    ("case", "distinction", "answer"),
    [
        ("YouTube", "economy", "sharing"),
        ("Wikipedia", "economy", "commons"),
        ("Linux", "economy", "commons"),
        ("IKEA", "value", "exchange"),
        ("Couchsurfing", "value", "use"),
        ("Wikipedia", "institution", "for_benefit"),
        ("eBay", "institution", "for_profit"),
        ("Mondragon", "institution", "cooperative"),
        ("IKEA", "polarity", "company"),
        ("Linux", "polarity", "community"),
        ("Vendor Relationship Management", "demand", "pull"),
        ("Chinese group-buying companies", "demand", "pull"),
        ("IKEA", "demand", "push"),
    ],
)
def test_essay_examples_answer_the_distinctions(case: str, distinction: str, answer: str) -> None:
    judgement = distinguish(ll.example(case), distinction)
    assert judgement.answer == answer
    attribute = Distinction.parse(distinction).attribute
    assert judgement.reason.startswith(f"{attribute} = ")


def test_every_attribute_value_has_an_answer() -> None:
    for d in Distinction:
        for value in ll.ATTRIBUTES[d.attribute].values:
            assert distinguish(Case(name="x", **{d.attribute: value}), d).answer in d.answers


def test_unknown_attribute_gives_no_answer_but_a_reason() -> None:
    j = distinguish(Case(name="x"), Distinction.DEMAND)
    assert (j.answer, j.reason) == (
        None,
        "demand_direction = unknown: without it, push vs pull cannot be told.",
    )


def test_bad_distinction_names_and_types() -> None:
    with pytest.raises(ValueError) as info:
        Distinction.parse("ecnomy")
    assert str(info.value) == (
        "unknown distinction 'ecnomy'. Valid distinctions: value, economy, institution, polarity, "
        "demand. Did you mean 'economy'?"
    )
    with pytest.raises(TypeError):
        distinguish("YouTube", "economy")  # type: ignore[arg-type]
