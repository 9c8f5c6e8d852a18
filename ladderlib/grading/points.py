"""Graders for the hidden test cells of the course's nbgrader assignments.

Each ``*_points`` grader never raises because of what a student wrote: it prints one line of
feedback to stdout and returns the points earned, a float clamped to ``[0, points]``; as the
test cell's last expression that float is what nbgrader records as partial credit. Scoring
follows the course's grading policy (:mod:`ladderlib.checks`). Nothing goes to stderr.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping

from ..cases import Case
from ..checks import check_distinction, check_model, check_rung
from ..distinctions import Distinction
from ..feedback import Feedback, Justification, is_unanswered
from ..vocabulary import ATTRIBUTES, describe_type
from .forms import answer_for, names_in

__all__ = [
    "_check_points",
    "attribute_points",
    "distinction_points",
    "model_points",
    "rung_points",
    "selection_points",
]


def _clamp(value: float, points: float) -> float:
    if not math.isfinite(value):
        return 0.0
    return round(min(max(value, 0.0), points), 4)


def _check_points(points: object) -> float:
    if isinstance(points, bool) or not isinstance(points, int | float) or not points > 0:
        raise ValueError(f"points must be a positive number (got {describe_type(points)})")
    return float(points)


def _report(question: str, earned: float, points: float, verdict: str, message: str) -> float:
    unit = "point" if points == 1 else "points"
    print(f"{question}: {verdict}, {earned:g} of {points:g} {unit}. {message}")
    return earned


def _grade(question: str, points: object, check: Callable[[], Feedback]) -> float:
    total = _check_points(points)
    try:
        feedback = check()
    except (ValueError, TypeError) as error:
        return _report(question, 0.0, total, "Not readable", f"{error}")
    earned = _clamp(feedback.score * total, total)
    return _report(question, earned, total, feedback.verdict, feedback.message)


def _require_case(case: object) -> Case:
    if not isinstance(case, Case):
        raise TypeError(f"a grader needs the answer key as a Case (got {describe_type(case)})")
    return case


def _answered_only(justification: Justification) -> Justification:
    """Drop placeholder values, so that ``{"consumer_reach": ...}`` names nothing."""
    if isinstance(justification, Mapping):
        return {k: v for k, v in justification.items() if not is_unanswered(v)}
    return justification


def rung_points(
    case: Case,
    answer: object,
    justification: Justification = None,
    *,
    points: float,
    readings: Mapping[str, Iterable[str]] | None = None,
) -> float:
    """Points for a direct-economy rung: ladder-aware partial credit (see ``RUNG_CREDIT``).

    An accepted alternative earns full points only when ``justification`` (prose, attribute
    names, or the student's attribute dict) names its deciding attribute with the case's value.
    ``readings`` works as in :func:`model_points`: a rung that follows from a reading of the
    case the instructor allows, taken in the student's attribute dict, earns full points.

    Examples
    --------
    >>> key = Case(name="Check-in", framework_control="firm", consumer_reach="transaction_labor")
    >>> mine = {"consumer_reach": "production_logistics_labor"}
    >>> rung_points(key, "DIY", mine, points=2,
    ...             readings={"consumer_reach": ["production_logistics_labor"]})
    Check-in: direct-economy rung: Correct, 2 of 2 points. Accepted: your attributes (consumer_reach) read the case in a way the course accepts, and your rung follows from them.
    2.0
    """
    key = _require_case(case)
    reading = _second_reading(key, justification, readings)
    return _grade(
        f"{key.name}: direct-economy rung",
        points,
        lambda: _accept_reading(
            check_rung(key, answer, _answered_only(justification)),
            key,
            reading,
            lambda other: check_rung(other, answer),
            "rung",
        ),
    )


def _accept_reading(
    feedback: Feedback,
    key: Case,
    reading: Case | None,
    follows: Callable[[Case], Feedback],
    what: str,
) -> Feedback:
    """``feedback``, or full credit where the answer follows from the student's allowed reading."""
    if feedback.correct or reading is None or not follows(reading).correct:
        return feedback
    named = ", ".join(a for a in ATTRIBUTES if getattr(reading, a) != getattr(key, a))
    return Feedback(
        feedback.question,
        True,
        1.0,
        f"Accepted: your attributes ({named}) read the case in a way the course accepts, "
        f"and your {what} follows from them.",
    )


def _second_reading(
    key: Case, justification: Justification, readings: Mapping[str, Iterable[str]] | None
) -> Case | None:
    """The key as the student's attributes read it, where they take a reading the instructor allows."""
    if not readings or not isinstance(justification, Mapping):
        return None
    changes = {}
    for attribute, values in readings.items():
        found, value = answer_for(justification, attribute)
        if not found or not isinstance(value, str):
            continue
        try:
            given = ATTRIBUTES[attribute].parse(value)
        except ValueError:
            continue
        if given in {ATTRIBUTES[attribute].parse(v) for v in values}:
            changes[attribute] = given
    return key.replace(**changes) if changes else None


def model_points(
    case: Case,
    answer: object,
    justification: Justification = None,
    *,
    points: float,
    readings: Mapping[str, Iterable[str]] | None = None,
) -> float:
    """Points for a hybrid model: full for the procedure's model or a justified alternative.

    ``readings`` lists, per attribute, further values the instructor accepts where a case's
    facts allow two readings (as ``also`` does in :func:`attribute_points`). A student whose
    attribute dict takes such a reading earns full points for the model the procedure gives
    *from that reading*: the alternative is earned by naming the attributes that decide it.

    Examples
    --------
    >>> key = Case(name="A co-op", framework_control="cooperative_members", producers="groups",
    ...            output="market_goods_services", value_type="exchange",
    ...            monetization="cooperative_market_sale")
    >>> model_points(key, "model 5", points=2)
    A co-op: hybrid model: Correct, 2 of 2 points. Right: the producers sell through an enterprise they own together, so the model is 5, cooperative production.
    2.0
    >>> commons = key.replace(output="commons", value_type="use",
    ...                       monetization="producer_controlled_equitable")
    >>> other = {"value_type": "mixed", "monetization": "cooperative_market_sale"}
    >>> allowed = {"value_type": ["mixed"], "monetization": ["cooperative_market_sale"]}
    >>> model_points(commons, 5, other, points=2, readings=allowed)
    A co-op: hybrid model: Correct, 2 of 2 points. Accepted: your attributes (value_type, monetization) read the case in a way the course accepts, and your model follows from them.
    2.0
    >>> model_points(commons, 5, {"value_type": "mixed"}, points=2, readings=allowed)
    A co-op: hybrid model: Not yet, 0 of 2 points. Not this model. Look again at value_type (why the thing is produced: for direct use, or for sale).
    0.0
    """
    key = _require_case(case)
    reading = _second_reading(key, justification, readings)
    return _grade(
        f"{key.name}: hybrid model",
        points,
        lambda: _accept_reading(
            check_model(key, answer, _answered_only(justification)),
            key,
            reading,
            lambda other: check_model(other, answer),
            "model",
        ),
    )


def distinction_points(
    case: Case, distinction: Distinction | str, answer: object, *, points: float
) -> float:
    """Points for one of the essay's distinctions: all or nothing, as for every label."""
    key = _require_case(case)
    label = Distinction.parse(distinction).label
    return _grade(
        f"{key.name}: {label}",
        points,
        lambda: check_distinction(key, distinction, answer),
    )


def attribute_points(
    case: Case,
    answers: object,
    attribute: str,
    *,
    points: float,
    also: Iterable[str] = (),
) -> float:
    """Points for one attribute of the student's attribute dict: all or nothing.

    ``also`` lists further values the instructor accepts where a case's facts allow two
    readings.

    Examples
    --------
    >>> key = Case(name="A shop", consumer_reach="choice")
    >>> attribute_points(key, {"consumer_reach": "Creation"}, "consumer_reach", points=1)
    A shop: consumer_reach: Not yet, 0 of 1 point. Look again at consumer_reach (how far the customer reaches into the firm's value chain).
    0.0
    """
    key = _require_case(case)
    spec = ATTRIBUTES[attribute]
    expected = getattr(key, attribute)
    if expected is None:
        raise ValueError(f"the answer key {key.name!r} leaves {attribute!r} unknown")
    accepted = {expected, *(spec.parse(value) for value in also)}

    def check() -> Feedback:
        question = f"{key.name}: {attribute}"
        found, value = (
            answer_for(answers, attribute) if isinstance(answers, Mapping) else (False, None)
        )
        if not found or is_unanswered(value):
            return Feedback(
                question, False, 0.0, f"No value given for {attribute}.", attempted=False
            )
        if not isinstance(value, str):
            raise TypeError(
                f"the value for {attribute!r} must be a str (got {describe_type(value)})"
            )
        if spec.parse(value) in accepted:
            return Feedback(question, True, 1.0, "Right.")
        return Feedback(question, False, 0.0, f"Look again at {attribute} ({spec.meaning}).")

    return _grade(f"{key.name}: {attribute}", points, check)


def selection_points(
    expected: Iterable[str], given: object, *, points: float, question: str = "rows found"
) -> float:
    """Points for picking rows out of a table: each right pick earns, each wrong pick costs.

    The score is ``(right picks - wrong picks) / len(expected)``, clamped to ``[0, 1]``.

    Examples
    --------
    >>> selection_points(["a", "b"], ["a", "c"], points=2)
    rows found: Not yet, 0 of 2 points. 1 of 2 right; 1 listed that should not be.
    0.0
    """
    wanted = set(expected)
    if not wanted:
        raise ValueError("selection_points() needs at least one expected name")

    def check() -> Feedback:
        items = names_in(given)
        if given is None or given is Ellipsis:
            return Feedback(question, False, 0.0, "No rows given.", attempted=False)
        if items is None:
            raise TypeError(f"expected a list of names (got {describe_type(given)})")
        picked = set(items)
        right, wrong = len(picked & wanted), len(picked - wanted)
        score = max(0.0, (right - wrong) / len(wanted))
        message = f"{right} of {len(wanted)} right"
        message += f"; {wrong} listed that should not be." if wrong else "."
        return Feedback(question, score == 1.0, score, message)

    return _grade(question, points, check)
