"""Checking a student's answers on both ladders and the distinctions.

Every ``check_*`` function returns a :class:`Feedback` and never prints, asserts or reads the
caller's variables. The grading policy (design notes, section 5):

* the expected answer earns full credit;
* an accepted alternative earns full credit only when the justification names the attribute
  that argues for it;
* on the direct-economy ladder a wrong rung earns partial credit that falls with the distance,
  and the message says which way to move and which attribute to look at again;
* no message states the expected answer;
* an untouched answer (``None``, ``...`` or an empty string) is "not attempted", not wrong.

Examples
--------
>>> from ladderlib.cases import Case
>>> dell = Case(name="Dell", framework_control="firm", consumer_reach="customization")
>>> fb = check_rung(dell, "DIY")
>>> fb.correct, fb.score
(False, 0.5)
>>> print(fb.message)
Close, but too low on the ladder: move up. Look again at consumer_reach (how far the customer reaches into the firm's value chain).
>>> check_rung(dell, ...).attempted
False
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .cases import Case
from .distinctions import Distinction, distinguish
from .feedback import Feedback, Justification, is_unanswered, names_attribute
from .ladders import DirectEconomyRung, HybridModel, Ladder
from .placement import MARKET_SALE, Lens, Placement, place
from .vocabulary import ATTRIBUTES, describe_type, match_name

__all__ = ["RUNG_CREDIT", "check_attributes", "check_distinction", "check_model", "check_rung"]

RUNG_CREDIT: Mapping[int, float] = {0: 1.0, 1: 0.5, 2: 0.25}
"""Credit for a rung answer by its distance from the expected rung; further off earns 0."""

L = TypeVar("L", bound=Ladder)


def _require_case(case: object, function: str) -> Case:
    if not isinstance(case, Case):
        raise TypeError(
            f"{function}() needs a Case as its first argument (got {describe_type(case)})"
        )
    return case


def _meaning(attribute: str) -> str:
    return f"{attribute} ({ATTRIBUTES[attribute].meaning})"


@dataclass(frozen=True)
class _Miss(Generic[L]):
    """An answer on a ladder that is neither the expected one nor an earned alternative."""

    question: str
    given: L | None
    placement: Placement


def _judge_on_ladder(
    ladder: type[L],
    lens: Lens,
    case: object,
    answer: object,
    justification: Justification,
    *,
    function: str,
    topic: str,
    wanted: str,
) -> Feedback | _Miss[L]:
    """What both ladder checks share: parse, place, compare, and weigh accepted alternatives."""
    case = _require_case(case, function)
    question = f"{case.name}: {topic}"
    if is_unanswered(answer):
        return Feedback.not_attempted(question, wanted)
    given = ladder.parse_answer(answer)  # type: ignore[arg-type]
    placement = place(case)
    steps = placement.steps_for(lens)
    if missing := [step.attribute for step in steps if step.value is None]:
        return Feedback.uncheckable(question, missing)
    expected = placement.rung if lens == "direct_economy" else placement.model
    if given is expected:
        return Feedback(question, True, 1.0, "Right: " + steps[-1].explanation)
    for alt in placement.alternatives_for(lens):
        if alt.answer is given:
            if names_attribute(justification, alt.deciding_attribute, placement.case):
                return Feedback(
                    question,
                    True,
                    1.0,
                    f"Accepted: the course takes this answer when it is argued from "
                    f"{alt.deciding_attribute}, and your justification does that. "
                    "Compare it with what the decision procedure gives.",
                )
            return Feedback(
                question,
                False,
                0.0,
                "This answer can be defended, but only from the right attribute: say in your "
                "justification which attribute of the case argues for it, then check again.",
            )
    return _Miss(question, given, placement)


def check_rung(case: Case, answer: object, justification: Justification = None) -> Feedback:
    """Check a direct-economy rung given for ``case``.

    Parameters
    ----------
    case
        The case being classified.
    answer
        A :class:`~ladderlib.DirectEconomyRung`, a rung name as a student would type it
        ("co-design", "Co Design", "DIY", "do it yourself"), a level 1-5, or
        "not applicable" when the ladder does not apply.
    justification
        Needed only for accepted alternatives: prose, attribute names, or a mapping of
        attribute to value.

    Raises
    ------
    ValueError
        When ``answer`` is not a rung name (the message lists them and suggests one).
    TypeError
        When ``case`` is not a Case or ``answer`` is of the wrong type.
    """
    verdict = _judge_on_ladder(
        DirectEconomyRung,
        "direct_economy",
        case,
        answer,
        justification,
        function="check_rung",
        topic="direct-economy rung",
        wanted="a rung name, such as 'self service', or 'not applicable'",
    )
    if isinstance(verdict, Feedback):
        return verdict
    question, given, placement = verdict.question, verdict.given, verdict.placement
    expected = placement.rung
    if given is None:
        return Feedback(
            question,
            False,
            0.0,
            "You set the direct-economy ladder aside for this case. Look again at "
            "framework_control and consumer_reach: who sets the rules of participation, and "
            "how far do customers reach into the firm's value chain?",
        )
    if expected is None:
        deciding = placement.deciding_attribute("direct_economy")
        return Feedback(
            question,
            False,
            0.0,
            f"'{given.label}' puts this case on the direct-economy ladder. Look again at "
            f"{_meaning(deciding)}: does this ladder apply here?",
        )
    distance = given.level - expected.level
    way, move = ("high", "down") if distance > 0 else ("low", "up")
    how_far = "Close, but too" if abs(distance) == 1 else "More than one rung too"
    return Feedback(
        question,
        False,
        RUNG_CREDIT.get(abs(distance), 0.0),
        f"{how_far} {way} on the ladder: move {move}. Look again at {_meaning('consumer_reach')}.",
    )


def _model_requirements(model: HybridModel) -> tuple[tuple[str, frozenset[str]], ...]:
    """For each attribute the procedure reads, the values consistent with ``model``."""
    everything = {name: frozenset(ATTRIBUTES[name].values) for name in ATTRIBUTES}
    monetization = {
        1: {"none"},
        2: {"producer_controlled_equitable"},
        3: {"commons_business_ecology"},
        4: {"attention_sold_by_platform"},
        5: set(MARKET_SALE),
        6: {"individual_market_sale"},
    }[model.number]
    value_types = {"use", "mixed"} if model.produces == "use" else {"exchange", "mixed"}
    platform = everything["platform_ownership"]
    if model.number == 6:
        platform = platform - {"cooperative"}
    return (
        ("framework_control", everything["framework_control"] - {"firm"}),
        ("producers", everything["producers"] - {"firm"}),
        ("output", everything["output"] - {"firm_product"}),
        ("value_type", frozenset(value_types)),
        ("monetization", frozenset(monetization)),
        ("platform_ownership", platform),
    )


def _model_divergence(case: Case, given: HybridModel, expected: HybridModel | None) -> str:
    for attribute, allowed in _model_requirements(given):
        value = getattr(case, attribute)
        if value is not None and value not in allowed:
            return attribute
    # Consistent with every requirement but still not the procedure's answer: 5 vs 6 turns on
    # who owns the selling vehicle.
    return "platform_ownership" if expected is not None else "monetization"


def check_model(case: Case, answer: object, justification: Justification = None) -> Feedback:
    """Check a hybrid model (1-6, or "not applicable") given for ``case``.

    ``answer`` may be a :class:`~ladderlib.HybridModel`, its number (``3`` or ``"3"``), or a
    name ("cooperative", "Linux model", "model 4"). A wrong answer's message names the first
    attribute where the answer and the case part ways.

    Examples
    --------
    >>> c = Case(name="x", framework_control="cooperative_members", producers="groups",
    ...          output="market_goods_services", value_type="exchange",
    ...          monetization="cooperative_market_sale")
    >>> check_model(c, 5).correct
    True
    >>> print(check_model(c, 3).message)
    Not this model. Look again at value_type (why the thing is produced: for direct use, or for sale).
    """
    verdict = _judge_on_ladder(
        HybridModel,
        "peer_production",
        case,
        answer,
        justification,
        function="check_model",
        topic="hybrid model",
        wanted="a model number from 1 to 6, or 'not applicable'",
    )
    if isinstance(verdict, Feedback):
        return verdict
    question, given, placement = verdict.question, verdict.given, verdict.placement
    expected = placement.model
    if given is None:
        return Feedback(
            question,
            False,
            0.0,
            "You set the peer-production lens aside for this case. Look again at "
            f"{_meaning('producers')} and at who controls the framework: do peers produce here, "
            "outside a firm's hierarchy?",
        )
    attribute = _model_divergence(placement.case, given, expected)
    if expected is None:
        return Feedback(
            question,
            False,
            0.0,
            "Check first whether the peer-production lens applies: look again at "
            f"{_meaning(attribute)}.",
        )
    return Feedback(question, False, 0.0, f"Not this model. Look again at {_meaning(attribute)}.")


def check_distinction(case: Case, distinction: Distinction | str, answer: object) -> Feedback:
    """Check an answer to one of the essay's distinctions ("value", "economy", ...).

    Labels earn full credit or none (the grading policy: partial credit is for rung distance
    only). When the answer and the case differ on whether the case sits at one pole or across
    both ("mixed"), the message asks that question, without saying which way.

    Examples
    --------
    >>> c = Case(name="x", demand_direction="pull")
    >>> check_distinction(c, "demand", "Pull").correct
    True
    >>> print(check_distinction(c, "demand", "push").message)
    Look again at demand_direction (whether producers push offers or customers' intentions pull them).
    """
    case = _require_case(case, "check_distinction")
    d = Distinction.parse(distinction)
    question = f"{case.name}: {d.label}"
    if is_unanswered(answer):
        choices = ", ".join(repr(a) for a in d.answers)
        return Feedback.not_attempted(question, f"one of {choices}")
    if not isinstance(answer, str):
        raise TypeError(f"an answer for {d.label} must be a str (got {describe_type(answer)})")
    given = d.parse_answer(answer)
    judgement = distinguish(case, d)
    if judgement.answer is None:
        return Feedback(
            question,
            False,
            0.0,
            f"This case leaves {d.attribute} unknown, so the answer cannot be checked.",
        )
    if given == judgement.answer:
        return Feedback(question, True, 1.0, "Right: " + judgement.reason)
    question_to_ask = ": one pole, or both?" if "mixed" in (given, judgement.answer) else "."
    return Feedback(question, False, 0.0, f"Look again at {_meaning(d.attribute)}{question_to_ask}")


def check_attributes(
    case: Case, answers: Mapping[str, Any], attributes: Iterable[str] | None = None
) -> Feedback:
    """Check attribute values a student gives for a case, each scored on its own.

    Parameters
    ----------
    case
        The case, with its true attributes.
    answers
        Attribute name -> the student's value (spelling forgiven).
    attributes
        The attributes asked for; by default every attribute named in ``answers``. One asked
        for but missing from ``answers`` counts as wrong.

    Examples
    --------
    >>> c = Case(name="x", value_type="use", producers="groups")
    >>> fb = check_attributes(c, {"value_type": "Use", "producers": "individuals"})
    >>> fb.score, fb.parts
    (0.5, (('value_type', True), ('producers', False)))
    >>> print(fb.message)
    1 of 2 attributes right. Look again at producers.
    """
    case = _require_case(case, "check_attributes")
    if not isinstance(answers, Mapping):
        raise TypeError(
            f"answers must be a dict of attribute -> value (got {describe_type(answers)})"
        )
    names = list(ATTRIBUTES)
    given = {
        match_name(key, names, kind="attribute", plural="attributes"): value
        for key, value in answers.items()
    }
    asked = [
        match_name(a, names, kind="attribute", plural="attributes") for a in (attributes or given)
    ]
    question = f"{case.name}: attributes"
    if not asked or all(is_unanswered(given.get(a)) for a in asked):
        return Feedback.not_attempted(question, "a value for each attribute asked for")
    parts = []
    for attribute in asked:
        value = given.get(attribute)
        if is_unanswered(value):
            parts.append((attribute, False))
            continue
        if not isinstance(value, str):
            raise TypeError(
                f"the value given for {attribute!r} must be a str (got {describe_type(value)})"
            )
        parts.append((attribute, ATTRIBUTES[attribute].parse(value) == getattr(case, attribute)))
    right = sum(ok for _, ok in parts)
    wrong = [a for a, ok in parts if not ok]
    message = f"{right} of {len(parts)} attributes right."
    if wrong:
        message += f" Look again at {', '.join(wrong)}."
    return Feedback(question, not wrong, right / len(parts), message, parts=tuple(parts))
