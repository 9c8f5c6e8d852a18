"""Helpers for the test cells of the course's nbgrader assignments.

A graded test cell has a visible half, which checks the *form* of an answer while the student
works, and a hidden half, which checks that it is *right* when the instructor autogrades.
This module serves both halves.

Form checks (``check_*_form``) return ``None`` when an answer has a form the graders can read.
While an answer is still the untouched placeholder ``...`` they raise ``NotImplementedError``,
nbgrader's own sign of "not attempted"; for anything else they raise ``AssertionError`` with a
message that names the answer, shows what was received and says what is wanted (never the
answer itself).

Graders (``*_points``) never raise because of what a student wrote. Each prints one line of
feedback to stdout and returns the points earned, a float clamped to ``[0, points]``; as the
test cell's last expression that float is what nbgrader records as partial credit. The
scoring follows the course's grading policy (see :mod:`ladderlib.checks`).

Neither kind writes to stderr or warns: nbgrader scores any stderr output as a failed cell.

Examples
--------
>>> from ladderlib.cases import Case
>>> key = Case(name="A bakery", framework_control="firm", consumer_reach="customization")
>>> check_rung_form("co-design", name="bakery_rung")
>>> check_rung_form("co-desing", name="bakery_rung")
Traceback (most recent call last):
    ...
AssertionError: bakery_rung: unknown direct-economy rung 'co-desing'. Valid rungs: passive_consumption, self_service, diy, co_design, co_creation, not_applicable. Did you mean 'co_design'?
>>> rung_points(key, "diy", points=2)
A bakery: direct-economy rung: Partly right, 1 of 2 points. Close, but too low on the ladder: move up. Look again at consumer_reach (how far the customer reaches into the firm's value chain).
1.0
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .cases import Case
from .checks import check_distinction, check_model, check_rung
from .distinctions import Distinction
from .feedback import Feedback, Justification, is_unanswered
from .ladders import DirectEconomyRung, HybridModel
from .vocabulary import ATTRIBUTES, describe_type, match_name, normalize

__all__ = [
    "attribute_points",
    "check_argument_form",
    "check_attribute_form",
    "check_distinction_form",
    "check_model_form",
    "check_names_form",
    "check_rung_form",
    "distinction_points",
    "model_points",
    "rung_points",
    "selection_points",
]


# --- form checks (visible tests) -------------------------------------------------------------


def _not_answered(name: str, wanted: str) -> NotImplementedError:
    return NotImplementedError(f"{name} is not answered yet: replace the ... with {wanted}.")


def _readable(name: str, parse: Callable[[], object]) -> None:
    try:
        parse()
    except (ValueError, TypeError) as error:
        raise AssertionError(f"{name}: {error}") from None


def check_rung_form(answer: object, name: str = "answer") -> None:
    """Check that ``answer`` names a direct-economy rung, or "not applicable".

    Examples
    --------
    >>> check_rung_form(...)
    Traceback (most recent call last):
        ...
    NotImplementedError: answer is not answered yet: replace the ... with a rung name, such as 'self service', or 'not applicable'.
    """
    if is_unanswered(answer):
        raise _not_answered(name, "a rung name, such as 'self service', or 'not applicable'")
    _readable(name, lambda: DirectEconomyRung.parse_answer(answer))  # type: ignore[arg-type]


def check_model_form(answer: object, name: str = "answer") -> None:
    """Check that ``answer`` names a hybrid model (a number 1-6 or a name), or "not applicable".

    Examples
    --------
    >>> check_model_form(7, name="m")
    Traceback (most recent call last):
        ...
    AssertionError: m: there is no hybrid model number 7: the models are numbered 1 to 6
    """
    if is_unanswered(answer):
        raise _not_answered(name, "a model number from 1 to 6, or 'not applicable'")
    _readable(name, lambda: HybridModel.parse_answer(answer))  # type: ignore[arg-type]


def check_distinction_form(distinction: Distinction | str, answer: object, name: str) -> None:
    """Check that ``answer`` is one of the answers a distinction allows ("use", "commons"...).

    Examples
    --------
    >>> check_distinction_form("value", "usevalue", name="v")
    Traceback (most recent call last):
        ...
    AssertionError: v: unknown answer for use value vs exchange value 'usevalue'. Valid answers: use, exchange, mixed, neither. Did you mean 'use'?
    """
    d = Distinction.parse(distinction)
    if is_unanswered(answer):
        raise _not_answered(name, "one of " + ", ".join(repr(a) for a in d.answers))
    if not isinstance(answer, str):
        raise AssertionError(f"{name} must be a str (got {describe_type(answer)}).")
    _readable(name, lambda: d.parse_answer(answer))


def _find_key(answers: Mapping[Any, Any], attribute: str) -> tuple[bool, Any]:
    for key, value in answers.items():
        if isinstance(key, str) and normalize(key) == attribute:
            return True, value
    return False, None


def check_attribute_form(answers: object, attribute: str, name: str = "attributes") -> None:
    """Check that the dict ``answers`` gives ``attribute`` a value from the vocabulary.

    Examples
    --------
    >>> check_attribute_form({"consumer_rech": "choice"}, "consumer_reach", name="a")
    Traceback (most recent call last):
        ...
    AssertionError: a has no entry for 'consumer_reach': add "consumer_reach": <value> to the dict (is 'consumer_rech' a misspelling of it?).
    >>> check_attribute_form({"consumer_reach": "choise"}, "consumer_reach", name="a")
    Traceback (most recent call last):
        ...
    AssertionError: a['consumer_reach']: unknown value for attribute 'consumer_reach': 'choise'. Valid values: none, choice, transaction_labor, production_logistics_labor, customization, creation, not_applicable. Did you mean 'choice'?
    """
    spec = ATTRIBUTES[attribute]
    if is_unanswered(answers):
        raise _not_answered(name, "a dict of attribute -> value")
    if not isinstance(answers, Mapping):
        raise AssertionError(
            f"{name} must be a dict of attribute -> value (got {describe_type(answers)})."
        )
    found, value = _find_key(answers, attribute)
    if not found:
        message = f'{name} has no entry for {attribute!r}: add "{attribute}": <value> to the dict'
        keys = [k for k in answers if isinstance(k, str)]
        try:
            match_name(attribute, keys, kind="key", plural="keys")
        except ValueError as error:
            close = str(error).rpartition("Did you mean ")[2].rstrip("?")
            if close != str(error):
                message += f" (is {close} a misspelling of it?)"
        raise AssertionError(message + ".")
    entry = f"{name}[{attribute!r}]"
    if is_unanswered(value):
        raise _not_answered(entry, "one of: " + ", ".join(spec.values))
    if not isinstance(value, str):
        raise AssertionError(f"{entry} must be a str (got {describe_type(value)}).")
    _readable(entry, lambda: spec.parse(value))


def check_argument_form(argument: object, name: str = "argument") -> None:
    """Check that ``argument`` is a dict naming at least one attribute, each with a valid value.

    Examples
    --------
    >>> check_argument_form({"consumer_reach": "creation"}, name="arg")
    >>> check_argument_form({"framework": "firm"}, name="arg")
    Traceback (most recent call last):
        ...
    AssertionError: arg: unknown attribute 'framework'. Valid attributes: framework_control, consumer_reach, value_type, producers, output, monetization, platform_ownership, institution_type, initiator, demand_direction. Did you mean 'framework_control'?
    """
    if is_unanswered(argument):
        raise _not_answered(name, 'a dict of attribute -> value, such as {"value_type": "use"}')
    if not isinstance(argument, Mapping):
        raise AssertionError(
            f"{name} must be a dict of attribute -> value (got {describe_type(argument)})."
        )
    if not argument:
        raise AssertionError(f"{name} names no attribute: add at least one, with its value.")
    for key in argument:
        if not isinstance(key, str):
            raise AssertionError(f"{name}: attribute names must be str (got {describe_type(key)}).")
        try:
            attribute = match_name(key, list(ATTRIBUTES), kind="attribute", plural="attributes")
        except ValueError as error:
            raise AssertionError(f"{name}: {error}") from None
        check_attribute_form(argument, attribute, name=name)


def _as_names(names: object) -> list[str] | None:
    if isinstance(names, str | bytes | Mapping) or not isinstance(names, Iterable):
        return None
    items = list(names)
    return items if all(isinstance(item, str) for item in items) else None


def check_names_form(names: object, valid: Iterable[str], name: str = "answer") -> None:
    """Check that ``names`` is a collection of names, each one of ``valid``.

    A list, tuple, set, pandas Index or Series of str is accepted.

    Examples
    --------
    >>> check_names_form(["Alpha", "Btea"], valid=["Alpha", "Beta"], name="rows")
    Traceback (most recent call last):
        ...
    AssertionError: rows: unknown name 'Btea'. Valid names: Alpha, Beta. Did you mean 'Beta'?
    """
    if names is None or names is Ellipsis:
        raise _not_answered(name, "a list of names")
    items = _as_names(names)
    if items is None:
        raise AssertionError(
            f"{name} must be a list of names (str), such as ['First case', 'Second case'] "
            f"(got {describe_type(names)})."
        )
    choices = list(valid)
    for item in items:
        if item not in choices:
            try:
                match_name(item, choices, kind="name", plural="names")
            except ValueError as error:
                raise AssertionError(f"{name}: {error}") from None
            raise AssertionError(f"{name}: {item!r} is not spelled as in the table.")


# --- graders (hidden tests) ------------------------------------------------------------------


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
    case: Case, answer: object, justification: Justification = None, *, points: float
) -> float:
    """Points for a direct-economy rung: ladder-aware partial credit (see ``RUNG_CREDIT``).

    An accepted alternative earns full points only when ``justification`` (prose, attribute
    names, or the student's attribute dict) names its deciding attribute with the case's value.
    """
    key = _require_case(case)
    return _grade(
        f"{key.name}: direct-economy rung",
        points,
        lambda: check_rung(key, answer, _answered_only(justification)),
    )


def _second_reading(
    key: Case, justification: Justification, readings: Mapping[str, Iterable[str]] | None
) -> Case | None:
    """The key as the student's attributes read it, where they take a reading the instructor allows."""
    if not readings or not isinstance(justification, Mapping):
        return None
    changes = {}
    for attribute, values in readings.items():
        found, value = _find_key(justification, attribute)
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

    def check() -> Feedback:
        feedback = check_model(key, answer, _answered_only(justification))
        if feedback.correct or reading is None or not check_model(reading, answer).correct:
            return feedback
        named = ", ".join(a for a in ATTRIBUTES if getattr(reading, a) != getattr(key, a))
        return Feedback(
            feedback.question,
            True,
            1.0,
            f"Accepted: your attributes ({named}) read the case in a way the course accepts, "
            "and your model follows from them.",
        )

    return _grade(f"{key.name}: hybrid model", points, check)


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
            _find_key(answers, attribute) if isinstance(answers, Mapping) else (False, None)
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
        items = _as_names(given)
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
