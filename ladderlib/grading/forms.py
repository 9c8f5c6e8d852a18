"""Form checks for the visible test cells of the course's nbgrader assignments.

Each ``check_*_form`` returns ``None`` when an answer has a form the graders can read. While an
answer is still the untouched placeholder ``...`` it raises ``NotImplementedError``, nbgrader's
own sign of "not attempted"; for anything else it raises ``AssertionError`` with a message that
names the answer, shows what was received and says what is wanted (never the answer itself).
None of them writes to stderr or warns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..distinctions import Distinction
from ..feedback import is_unanswered
from ..ladders import DirectEconomyRung, HybridModel
from ..vocabulary import ATTRIBUTES, describe_type, match_name, normalize

__all__ = [
    "answer_for",
    "check_argument_form",
    "check_attribute_form",
    "check_distinction_form",
    "check_model_form",
    "check_names_form",
    "check_rung_form",
    "names_in",
]


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


def answer_for(answers: Mapping[Any, Any], attribute: str) -> tuple[bool, Any]:
    """Whether a student's attribute dict has ``attribute`` (spelling forgiven), and its value."""
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
    found, value = answer_for(answers, attribute)
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


def names_in(names: object) -> list[str] | None:
    """The strings of a list-like answer (not a str or a dict), or ``None`` if it is not one."""
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
    items = names_in(names)
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
