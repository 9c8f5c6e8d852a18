"""The lessons' widgets, driven headless: set a control's value, click, read the feedback shown.

Every callback of every widget runs here, with exact texts where the learner relies on them.
"""

from __future__ import annotations

import ipywidgets as w
import pytest

import ladderlib as ll
from ladderlib.practice import practice_case, practice_cases
from ladderlib.widgets import (
    CaseBuilder,
    CatalogBrowser,
    DistinctionSorter,
    LadderExplorer,
    SortingExercise,
    TwoLenses,
)


def _controls(widget: w.Widget) -> list[w.Widget]:
    found = []
    for child in getattr(widget, "children", ()):
        found.append(child)
        found += _controls(child)
    return found


ALL_WIDGETS = [
    LadderExplorer,
    lambda: LadderExplorer(ll.HybridModel),
    CaseBuilder,
    SortingExercise,
    DistinctionSorter,
    TwoLenses,
    CatalogBrowser,
]


@pytest.mark.parametrize("make", ALL_WIDGETS)
def test_every_control_has_a_visible_label(make):
    widget = make()
    assert isinstance(widget, w.VBox)
    controls = [c for c in _controls(widget) if isinstance(c, w.Dropdown | w.Button)]
    assert controls
    for control in controls:
        assert control.description.strip(), f"unlabelled {type(control).__name__}"
    # No stock control that lacks an accessible name in the browser.
    unsafe = (w.IntSlider, w.FloatSlider, w.Play, w.ColorPicker, w.Select, w.SelectMultiple)
    assert not [c for c in _controls(widget) if isinstance(c, unsafe)]


@pytest.mark.parametrize("make", ALL_WIDGETS)
def test_labels_are_unique_within_a_widget(make):
    labels = [c.description for c in _controls(make()) if isinstance(c, w.Dropdown | w.Button)]
    assert len(labels) == len(set(labels))


def test_ladder_explorer_shows_each_rung_with_the_essay_example():
    explorer = LadderExplorer()
    assert explorer.choice.description == "Rung"
    assert "The essay names no example here." in explorer.shown_text  # passive consumption
    shown = {}
    for _, rung in explorer.choice.options:
        explorer.choice.value = rung
        shown[rung] = explorer.shown_text
        assert shown[rung].startswith(f"### {rung.level}. {rung.label}")
        assert rung.description in shown[rung]
    assert "**IKEA**" in shown[ll.DirectEconomyRung.DIY]
    assert "**Dell build-to-order**" in shown[ll.DirectEconomyRung.CO_DESIGN]
    assert (
        "`consumer_reach` is `choice` or `transaction_labor`"
        in shown[ll.DirectEconomyRung.SELF_SERVICE]
    )
    # The practice cases are the lessons' self-checks: the explorer must not give them away.
    assert not any("Supermarket self-checkout" in text or "Nike" in text for text in shown.values())
    for name in ("Wikipedia", "Procter & Gamble Connect and Develop", "Open source (developers)"):
        assert f"**{name}**" in shown[ll.DirectEconomyRung.CO_CREATION]


def test_model_explorer_shows_each_model():
    explorer = LadderExplorer(ll.HybridModel)
    assert explorer.choice.description == "Model"
    explorer.choice.value = ll.HybridModel.INDIVIDUAL_EXCHANGE_VALUE
    assert "It produces **exchange value**." in explorer.shown_text
    assert "**eBay**" in explorer.shown_text and "Etsy" not in explorer.shown_text


def test_ladder_explorer_refuses_other_enums():
    with pytest.raises(TypeError, match="LadderExplorer shows DirectEconomyRung or HybridModel"):
        LadderExplorer(ll.Distinction)


def test_case_builder_places_live_on_both_lenses():
    builder = CaseBuilder()
    assert "Unknown but needed: framework_control" in builder.shown_text
    builder.attribute["framework_control"].value = "firm"
    builder.attribute["consumer_reach"].value = "production_logistics_labor"
    assert "**Direct-economy lens (Comtesse, the firm's polarity): DIY**" in builder.shown_text
    assert "consumer_reach = 'production_logistics_labor'" in builder.shown_text
    assert "**Peer-production lens (Bauwens, the community's polarity): not applicable**" in (
        builder.shown_text
    )
    assert "a firm runs the framework for its own product" in builder.shown_text


def test_case_builder_loads_a_case_and_reacts_to_each_change():
    builder = CaseBuilder()
    builder.start.value = ll.example("Mondragon")
    assert builder.case == ll.example("Mondragon")
    assert "model 5, cooperative production for the market" in builder.shown_text
    builder.attribute["monetization"].value = "individual_market_sale"
    builder.attribute["platform_ownership"].value = "proprietary_for_profit"
    assert "model 6, individuals producing for the market" in builder.shown_text
    builder.start.value = ll.example("Wikipedia")
    assert "Also accepted: co-creation." in builder.shown_text
    builder.start.value = None
    assert all(c.value == "unknown" for c in builder.attribute.values())


def test_sorting_exercise_gives_feedback_per_placement():
    exercise = SortingExercise()
    names = [c.name for c in exercise.cases]
    assert names == [c.name for c in ll.catalog()], "the essay's examples only"
    assert "click **Check placements**" in exercise.shown_text
    exercise.rung["IKEA"].value = "diy"
    exercise.model["IKEA"].value = "not_applicable"
    exercise.rung["Dell build-to-order"].value = "diy"
    exercise.model["eBay"].value = "4"
    exercise.rung["Wikipedia"].value = "co_creation"
    assert exercise.check.description == "Check placements"
    exercise.check.click()
    text = exercise.shown_text
    total = 2 * len(exercise.cases)
    assert text.startswith(f"**2 of {total} placements right** (5 attempted).")
    assert (
        "  - rung: Correct. Right: customers carry out part of the firm's production or logistics, so the rung is DIY."
        in text
    )
    assert (
        "  - rung: Partly right. Close, but too low on the ladder: move up. "
        "Look again at consumer_reach" in text
    )
    assert "  - model: Not yet. Not this model. Look again at value_type" in text
    assert "lesson 5 shows how" in text
    assert "- **Mondragon (as of 2007)**" in text


def test_sorting_exercise_rejects_bad_cases():
    with pytest.raises(TypeError, match="the exercise sorts Case objects"):
        SortingExercise(["IKEA"])
    with pytest.raises(ValueError, match="at least one case"):
        SortingExercise([])


def test_distinction_sorter_switches_distinction_and_checks_each_case():
    sorter = DistinctionSorter(["value", "economy", "institution", "demand"])
    assert [label for label, _ in sorter.distinction.options] == [
        "use value vs exchange value",
        "sharing economy vs commons economy",
        "for-profit vs for-benefit institution",
        "push vs pull",
    ]
    sorter.distinction.value = ll.Distinction.ECONOMY
    assert [v for _, v in sorter.answer["YouTube"].options] == [
        "choose...",
        "commons",
        "sharing",
        "neither",
    ]
    sorter.answer["YouTube"].value = "sharing"
    sorter.answer["Linux"].value = "sharing"
    sorter.check.click()
    text = sorter.shown_text
    assert "- **YouTube (as of 2007)**: Correct." in text
    assert "- **Linux (as of 2007)**: Not yet. Look again at output (what is produced" in text
    sorter.distinction.value = ll.Distinction.DEMAND
    assert sorter.answer["YouTube"].value == "choose..."
    assert sorter.shown_text == "Sort each case: **push vs pull**. Then click **Check my sorting**."


def test_two_lenses_shows_a_picture_with_a_text_alternative():
    two = TwoLenses()
    two.case.value = ll.example("YouTube")
    html_outputs = [o["data"]["text/html"] for o in two.output.outputs if "text/html" in o["data"]]
    assert len(html_outputs) == 1
    assert '<img alt="Two ladders side by side.' in html_outputs[0]
    assert "co-creation: YouTube" in html_outputs[0]
    assert "model 4, sharing on an attention platform" in two.shown_text


@pytest.mark.parametrize(
    "make",
    [CaseBuilder, TwoLenses, SortingExercise, lambda: DistinctionSorter(["value"])],
    ids=["CaseBuilder", "TwoLenses", "SortingExercise", "DistinctionSorter"],
)
def test_widgets_leave_out_the_practice_cases(make):
    """The self-checks ask about the practice cases: no widget may offer them for lookup."""
    widget = make()
    labels = [
        str(label)
        for control in _controls(widget)
        if isinstance(control, w.Dropdown)
        for label, _ in control.options
    ]
    assert len(labels) > 10
    practice = [c.name for c in practice_cases()]
    assert not [name for name in practice if any(name in label for label in labels)]
    assert not [name for name in practice if name in widget.shown_text]


def test_practice_cases_are_placed_as_the_lessons_say():
    placed = {c.name: (ll.place(c).rung, ll.place(c).model) for c in practice_cases()}
    r, m = ll.DirectEconomyRung, ll.HybridModel
    assert placed == {
        "Spotify": (r.SELF_SERVICE, None),
        "Supermarket self-checkout": (r.SELF_SERVICE, None),
        "LEGO Ideas": (r.CO_CREATION, None),
        "Nike By You": (r.CO_DESIGN, None),
        "OpenStreetMap": (None, m.COMMONS_BUSINESS_ECOLOGY),
        "Etsy": (None, m.INDIVIDUAL_EXCHANGE_VALUE),
        "Instagram": (r.CO_CREATION, m.ATTENTION_PLATFORM),
        "Zooniverse": (None, m.USE_VALUE_NO_MONETIZATION),
        "Arizmendi bakeries": (None, m.COOPERATIVE_PRODUCTION),
        "Shapeways": (None, m.INDIVIDUAL_EXCHANGE_VALUE),
        "Priceline Name Your Own Price": (r.SELF_SERVICE, None),
    }
    assert all(c.as_of is not None and c.description for c in practice_cases())
    catalog_names = {c.name for c in ll.catalog()}
    assert not catalog_names & set(placed)


def test_practice_case_lookup_suggests_a_name():
    with pytest.raises(ValueError, match="Did you mean 'Etsy'"):
        practice_case("Etsyy")


def test_picture_needs_a_text_alternative():
    from matplotlib.figure import Figure

    with pytest.raises(ValueError, match="a picture needs a text alternative"):
        ll.diagram.Picture.from_figure(Figure(), alt="  ")
    with pytest.raises(TypeError, match="the ladders show Case objects"):
        ll.diagram.picture(["IKEA"])


def test_catalog_browser_counts_by_the_chosen_column():
    browser = CatalogBrowser()
    assert browser.column.description == "Count the examples by"
    browser.column.value = "model"
    assert browser.counts().to_dict() == {
        "(none)": 6,
        "1": 2,
        "2": 4,
        "3": 2,
        "4": 1,
        "5": 1,
        "6": 2,
    }
    assert "- `2`: 4" in browser.shown_text
    assert '<img alt="Bar chart of the essay&#x27;s 18 examples by model. 1: 2; 2: 4;' in (
        browser.shown_text
    )
    browser.column.value = "rung"  # rungs in the ladder's order, empty rungs shown as 0
    assert list(browser.counts().items()) == [
        ("passive consumption", 0),
        ("self service", 0),
        ("DIY", 1),
        ("co-design", 1),
        ("co-creation", 2),
        ("(none)", 14),
    ]
