"""The essay's examples: every one present, and every essay placement reproduced by place()."""

from __future__ import annotations

import pytest

import ladderlib as ll
from ladderlib import DirectEconomyRung as R
from ladderlib import HybridModel as M

# Design notes, section 6: the essay's examples and where the essay puts them.
ESSAY = {
    "IKEA": (R.DIY, None),
    "Dell build-to-order": (R.CO_DESIGN, None),
    "Open source (developers)": (R.CO_CREATION, M.COMMONS_BUSINESS_ECOLOGY),
    "Wikipedia": (R.CO_CREATION, M.USE_VALUE_NO_MONETIZATION),
    "Procter & Gamble Connect and Develop": (R.CO_CREATION, None),
    "Couchsurfing": (None, M.USE_VALUE_NO_MONETIZATION),
    "Craigslist": (None, M.USE_VALUE_NO_MONETIZATION),
    "Austrian OS Alliance": (None, M.USE_VALUE_EQUITABLE_MONETIZATION),
    "Indian developers' initiative": (None, M.USE_VALUE_EQUITABLE_MONETIZATION),
    "IANG ecopyleft licence": (None, M.USE_VALUE_EQUITABLE_MONETIZATION),
    "User-ownership GPL derivative": (None, M.USE_VALUE_EQUITABLE_MONETIZATION),
    "Linux": (None, M.COMMONS_BUSINESS_ECOLOGY),
    "YouTube": (None, M.ATTENTION_PLATFORM),  # the procedure adds co-creation (procedure_note)
    "Mondragon": (None, M.COOPERATIVE_PRODUCTION),
    "Distributed manufacturing micro-agencies": (None, M.INDIVIDUAL_EXCHANGE_VALUE),
    "eBay": (None, M.INDIVIDUAL_EXCHANGE_VALUE),
}


def test_catalog_holds_every_example_of_the_essay_with_its_placement() -> None:
    recorded = {e.case.name: (e.essay_rung, e.essay_model) for e in ll.entries()}
    for name, placement in ESSAY.items():
        assert recorded[name] == placement, name


@pytest.mark.parametrize("entry", ll.entries(), ids=lambda e: e.case.name)
def test_place_reproduces_the_essays_placement(entry: ll.CatalogEntry) -> None:
    placement = ll.place(entry.case)
    accepted_rungs = {placement.rung} | {
        a.answer for a in placement.alternatives_for("direct_economy")
    }
    accepted_models = {placement.model} | {
        a.answer for a in placement.alternatives_for("peer_production")
    }
    if entry.procedure_note:  # the essay leaves it off the ladder; the procedure places it
        assert entry.essay_rung is None and placement.rung is not None
    else:
        assert entry.essay_rung in accepted_rungs
    assert entry.essay_model in accepted_models
    assert placement.missing == ()
    assert entry.case.description and entry.essay_says and entry.case.as_of == 2007


@pytest.mark.parametrize("entry", ll.entries(), ids=lambda e: e.case.name)
def test_checks_accept_the_essays_placement(entry: ll.CatalogEntry) -> None:
    argued = {"consumer_reach": entry.case.consumer_reach}
    rung = (
        entry.essay_rung or ll.place(entry.case).rung if entry.procedure_note else entry.essay_rung
    )
    assert ll.check_rung(entry.case, rung or "not applicable", argued).correct
    # Craigslist's model 1 is an accepted alternative, earned by arguing from monetization.
    argued_model = {"monetization": entry.case.monetization}
    assert ll.check_model(entry.case, entry.essay_model or "not applicable", argued_model).correct


def test_example_lookup_forgives_spelling_and_suggests() -> None:
    assert ll.example("dell").name == "Dell build-to-order"
    assert ll.example("MONDRAGON").name == "Mondragon"
    with pytest.raises(ValueError, match=r"Did you mean 'Wikipedia'\?$"):
        ll.example("Wikipedai")


def test_catalog_frame() -> None:
    df = ll.catalog_frame()
    assert len(df) == len(ll.catalog())
    assert list(df.columns[:3]) == ["name", "description", "framework_control"]
    assert set(ll.ATTRIBUTES) <= set(df.columns)
    by_name = df.set_index("name")
    assert by_name.loc["IKEA", "rung"] == "DIY"
    assert by_name.loc["Linux", "model"] == 3
    assert df["rung"].cat.ordered
    assert df.groupby("model").size().to_dict() == {1: 2, 2: 4, 3: 2, 4: 1, 5: 1, 6: 2}
    placed = df[df["essay_model"].notna()]
    differ = placed[placed["essay_model"] != placed["model"].fillna(0)]
    assert list(differ["name"]) == ["Craigslist"]  # the essay's model 1 is an alternative
