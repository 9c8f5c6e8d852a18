"""Answer checks: the grading policy of the design notes (section 5), with exact messages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ladderlib as ll
from ladderlib import Case, DirectEconomyRung, HybridModel, check_model, check_rung

REACH = "consumer_reach (how far the customer reaches into the firm's value chain)"
DELL = ll.example("Dell build-to-order")  # co-design
WIKI = ll.example("Wikipedia")  # no rung (community), co-creation accepted when argued


@pytest.mark.parametrize(
    "answer", ["co-design", "Co Design", "CO_DESIGN", 4, DirectEconomyRung.CO_DESIGN]
)
def test_expected_rung_in_any_spelling_earns_full_credit(answer: object) -> None:
    fb = check_rung(DELL, answer)
    assert (fb.correct, fb.score, fb.attempted) == (True, 1.0, True)
    assert fb.message == (
        "Right: customers configure the product from the firm's menu of options, so the rung "
        "is co-design."
    )


@pytest.mark.parametrize(
    ("answer", "score", "message"),
    [
        ("DIY", 0.5, f"Close, but too low on the ladder: move up. Look again at {REACH}."),
        (
            "co-creation",
            0.5,
            f"Close, but too high on the ladder: move down. Look again at {REACH}.",
        ),
        (
            "self service",
            0.25,
            f"More than one rung too low on the ladder: move up. Look again at {REACH}.",
        ),
        (
            "passive",
            0.0,
            f"More than one rung too low on the ladder: move up. Look again at {REACH}.",
        ),
    ],
)
def test_wrong_rung_credit_falls_with_distance_and_says_which_way(
    answer: str, score: float, message: str
) -> None:
    fb = check_rung(DELL, answer)
    assert (fb.correct, fb.score, fb.message) == (False, score, message)


def test_messages_never_state_the_expected_answer() -> None:
    for case in ll.catalog():
        placement = ll.place(case)
        for rung in DirectEconomyRung:
            if rung is not placement.rung:
                fb = check_rung(case, rung)
                if placement.rung is not None:
                    assert placement.rung.label not in fb.message, (case.name, rung)
        for model in HybridModel:
            if model is not placement.model:
                fb = check_model(case, model)
                if placement.model is not None:
                    assert placement.model.label not in fb.message
                    assert f"model is {placement.model.number}" not in fb.message


def test_setting_the_ladder_aside_wrongly() -> None:
    fb = check_rung(DELL, "not applicable")
    assert (fb.correct, fb.score) == (False, 0.0)
    assert fb.message == (
        "You set the direct-economy ladder aside for this case. Look again at framework_control "
        "and consumer_reach: who sets the rules of participation, and how far do customers reach "
        "into the firm's value chain?"
    )


def test_putting_a_community_case_on_the_firms_ladder() -> None:
    fb = check_rung(WIKI, "DIY")
    assert fb.message == (
        "'DIY' puts this case on the direct-economy ladder. Look again at framework_control "
        "(who sets the rules of participation: the polarity of the case): does this ladder apply "
        "here?"
    )


def test_not_applicable_is_right_for_a_community_case() -> None:
    assert check_rung(WIKI, "n/a").correct


@pytest.mark.parametrize(
    "justification",
    [
        {"consumer_reach": "creation"},
        {"consumer_reach": None},
        ["consumer_reach"],
        "Readers write the articles themselves: consumer reach is creation.",
    ],
)
def test_alternative_with_the_deciding_attribute_earns_full_credit(justification: object) -> None:
    fb = check_rung(WIKI, "co-creation", justification)  # type: ignore[arg-type]
    assert (fb.correct, fb.score) == (True, 1.0)
    assert fb.message == (
        "Accepted: the course takes this answer when it is argued from consumer_reach, and your "
        "justification does that. Compare it with what the decision procedure gives."
    )


@pytest.mark.parametrize(
    "justification",
    [None, "", {"consumer_reach": "customization"}, {"output": "commons"}, "It is a wiki."],
)
def test_alternative_without_the_deciding_attribute_earns_nothing(justification: object) -> None:
    fb = check_rung(WIKI, "co-creation", justification)  # type: ignore[arg-type]
    assert (fb.correct, fb.score) == (False, 0.0)
    assert fb.message == (
        "This answer can be defended, but only from the right attribute: say in your "
        "justification which attribute of the case argues for it, then check again."
    )


@pytest.mark.parametrize("stub", [None, ..., "", "   "])
def test_untouched_stub_is_not_attempted(stub: object) -> None:
    fb = check_rung(DELL, stub)
    assert (fb.attempted, fb.correct, fb.score, fb.verdict) == (False, False, 0.0, "Not attempted")
    assert fb.message == (
        "Replace the placeholder with a rung name, such as 'self service', or 'not applicable'."
    )
    fb = check_model(DELL, stub)
    assert (
        fb.message
        == "Replace the placeholder with a model number from 1 to 6, or 'not applicable'."
    )
    assert not ll.check_distinction(DELL, "value", stub).attempted
    assert not ll.check_attributes(DELL, {"value_type": stub}).attempted


def test_model_checks_name_the_attribute_where_the_answer_parts_ways() -> None:
    linux = ll.example("Linux")
    assert check_model(linux, "3").correct
    assert check_model(linux, "Linux model").score == 1.0
    assert check_model(linux, 4).message == (
        "Not this model. Look again at monetization (who earns money from the work, and how)."
    )
    assert check_model(linux, "cooperative").message == (
        "Not this model. Look again at value_type (why the thing is produced: for direct use, or "
        "for sale)."
    )
    assert check_model(ll.example("eBay"), 5).message == (
        "Not this model. Look again at platform_ownership (who owns the platform the exchange "
        "runs on)."
    )
    assert check_model(ll.example("IKEA"), 1).message == (
        "Check first whether the peer-production lens applies: look again at framework_control "
        "(who sets the rules of participation: the polarity of the case)."
    )
    assert check_model(linux, "none").message == (
        "You set the peer-production lens aside for this case. Look again at producers (who "
        "produces) and at who controls the framework: do peers produce here, outside a firm's "
        "hierarchy?"
    )


def test_unknown_attribute_makes_the_answer_uncheckable_not_wrong() -> None:
    fb = check_rung(Case(name="blank"), "diy")
    assert fb.message == (
        "This case leaves framework_control unknown, so the answer cannot be checked. Give the "
        "case a value for it first."
    )
    assert fb.score == 0.0


def test_unparseable_answers_raise_with_suggestions() -> None:
    with pytest.raises(ValueError, match=r"Did you mean 'co_design'\?$"):
        check_rung(DELL, "co-desing")
    with pytest.raises(ValueError, match="there is no hybrid model number 9"):
        check_model(DELL, 9)
    with pytest.raises(TypeError) as info:
        check_rung("Dell", "diy")  # type: ignore[arg-type]
    assert str(info.value) == "check_rung() needs a Case as its first argument (got str 'Dell')"


def test_distinction_checks() -> None:
    youtube, dell = ll.example("YouTube"), ll.example("Dell build-to-order")
    assert ll.check_distinction(youtube, "economy", "Sharing economy").correct
    fb = ll.check_distinction(youtube, "economy", "commons")
    assert (fb.score, fb.message) == (
        0.0,
        "Look again at output (what is produced: a firm's product, a commons, individual "
        "sharing, goods for sale).",
    )
    fb = ll.check_distinction(dell, "demand", "push")  # Dell is mixed: a label, so no half credit
    assert (fb.score, fb.verdict) == (0.0, "Not yet")
    assert fb.message == (
        "Look again at demand_direction (whether producers push offers or customers' intentions "
        "pull them): one pole, or both?"
    )
    with pytest.raises(ValueError) as info:
        ll.check_distinction(dell, "institution", "charity")
    assert str(info.value) == (
        "unknown answer for for-profit vs for-benefit institution 'charity'. Valid answers: "
        "for_profit, for_benefit, cooperative, public."
    )
    with pytest.raises(ValueError, match="Did you mean 'value'"):
        ll.check_distinction(dell, "valeu", "use")


def test_attributes_are_scored_one_by_one() -> None:
    fb = ll.check_attributes(
        DELL, {"framework_control": "firm", "consumer_reach": "creation", "producers": "firm"}
    )
    assert fb.score == pytest.approx(2 / 3)
    assert fb.parts == (("framework_control", True), ("consumer_reach", False), ("producers", True))
    assert fb.message == "2 of 3 attributes right. Look again at consumer_reach."
    asked = ll.check_attributes(
        DELL, {"framework_control": "firm"}, ["framework_control", "output"]
    )
    assert asked.parts == (("framework_control", True), ("output", False))
    with pytest.raises(ValueError, match="Did you mean 'consumer_reach'"):
        ll.check_attributes(DELL, {"consumer_rech": "creation"})


def test_feedback_renders_as_text_and_markdown_and_prints_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    fb = check_rung(DELL, "DIY")
    assert str(fb) == (
        "Dell build-to-order: direct-economy rung: Partly right (score 0.50). Close, but too low "
        f"on the ladder: move up. Look again at {REACH}."
    )
    assert fb._repr_markdown_() == (
        "🟡 **Partly right** (score 0.50): Dell build-to-order: direct-economy rung\n\n"
        f"Close, but too low on the ladder: move up. Look again at {REACH}."
    )
    assert capsys.readouterr() == ("", "")


ANY_CASE = st.fixed_dictionaries(
    {name: st.one_of(st.none(), st.sampled_from(a.values)) for name, a in ll.ATTRIBUTES.items()}
).map(lambda attributes: Case(name="any", **attributes))


@settings(max_examples=300, deadline=None)
@given(
    ANY_CASE,
    st.one_of(st.sampled_from(list(DirectEconomyRung)), st.just("not applicable")),
    st.one_of(st.sampled_from(list(HybridModel)), st.just("not applicable")),
)
def test_checks_are_total_and_consistent(case: Case, rung: object, model: object) -> None:
    placement = ll.place(case)
    for fb, expected in (
        (check_rung(case, rung), placement.rung),
        (check_model(case, model), placement.model),
    ):
        assert 0.0 <= fb.score <= 1.0
        assert fb.correct == (fb.score == 1.0)
        assert fb.message
        if expected is not None and not fb.correct:
            assert expected.label not in fb.message
