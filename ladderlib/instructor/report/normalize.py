"""Answers in one spelling: what a student gave and what the key expects, as report text.

Students write "Co Design", "co_design" or 4 for the same rung; the report counts them as one.
Rungs become their labels ("co-design"), models their numbers ("4"), attribute values and
distinction labels their canonical names, through the library's own parsers. "Not applicable"
is spelt ``not applicable``. An untouched answer is empty; one the parsers cannot read is kept
as typed, marked ``unreadable``.

Examples
--------
>>> from ladderlib.cases import Case
>>> from ladderlib.instructor.report.keys import AnswerKey
>>> key = AnswerKey("t-rung", "rung", Case(name="T", framework_control="firm",
...                 consumer_reach="customization"), "t_rung")
>>> given_text(key, "Co Design"), given_text(key, "n/a"), given_text(key, ...)
('co-design', 'not applicable', '')
>>> given_text(key, "co-desing"), expected_text(key)
('unreadable: co-desing', 'co-design')
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from ...distinctions import Distinction, distinguish
from ...feedback import is_unanswered
from ...grading.forms import answer_for, names_in
from ...ladders import DirectEconomyRung, HybridModel, Ladder
from ...placement import Lens, place
from ...vocabulary import ATTRIBUTES
from ..engine.answers import NotReadable
from .keys import AnswerKey

__all__ = [
    "NOT_APPLICABLE_TEXT",
    "UNREADABLE",
    "accepted_texts",
    "attribute_readings",
    "expected_text",
    "given_text",
    "is_slip",
    "ladder_text",
]

NOT_APPLICABLE_TEXT = "not applicable"
UNREADABLE = "unreadable: "
"""How an answer the parsers cannot read starts (a typo, a type the grader refuses)."""
NOT_READABLE = "not readable ("


def is_slip(text: str) -> bool:
    """Whether a normalized answer is one the graders could not read (a slip of form).

    Examples
    --------
    >>> is_slip("unreadable: co-desing"), is_slip("DIY")
    (True, False)
    """
    return text.startswith((UNREADABLE, NOT_READABLE))


def ladder_text(member: Ladder | None) -> str:
    """A rung's label, a model's number, or ``not applicable``."""
    if member is None:
        return NOT_APPLICABLE_TEXT
    if isinstance(member, HybridModel):
        return str(member.number)
    return member.label


def _raw(value: object) -> str:
    if isinstance(value, NotReadable):
        return f"{NOT_READABLE}{value.description})"
    return UNREADABLE + (value if isinstance(value, str) else repr(value))


def given_text(key: AnswerKey, value: Any) -> str:
    """The student's answer to ``key`` in the report's spelling; empty when not attempted."""
    if key.kind == "attribute":
        if not isinstance(value, Mapping):
            return "" if is_unanswered(value) else _raw(value)
        found, value = answer_for(value, str(key.attribute))
        if not found:
            return ""
    if is_unanswered(value):
        return ""
    option = str(key.attribute or key.options.get("distinction") or "")
    if isinstance(value, str | int) and not isinstance(value, bool):
        return _spelled(key.kind, option, value)  # a class repeats the same few spellings
    return _spelling(key.kind, option, value)


@functools.lru_cache(maxsize=4096)
def _spelled(kind: str, option: str, value: str | int) -> str:
    return _spelling(kind, option, value)


def _spelling(kind: str, option: str, value: Any) -> str:
    try:
        if kind == "rung":
            return ladder_text(DirectEconomyRung.parse_answer(value))
        if kind == "model":
            return ladder_text(HybridModel.parse_answer(value))
        if kind == "attribute" and isinstance(value, str):
            return ATTRIBUTES[option].parse(value)
        if kind == "distinction" and isinstance(value, str):
            return Distinction.parse(option).parse_answer(value)
        if kind == "selection":
            names = names_in(value)
            if names is not None:
                return "; ".join(sorted(set(names)))
    except (ValueError, TypeError):
        pass
    return _raw(value)


def expected_text(key: AnswerKey) -> str:
    """What the key expects, in the report's spelling (the procedure's answer on a ladder)."""
    if key.kind == "selection":
        return "; ".join(sorted(set(key.options.get("expected", ()))))
    assert key.case is not None
    if key.kind == "rung":
        return ladder_text(place(key.case).rung)
    if key.kind == "model":
        return ladder_text(place(key.case).model)
    if key.kind == "attribute":
        return str(getattr(key.case, str(key.attribute)))
    judgement = distinguish(key.case, Distinction.parse(key.options["distinction"]))
    return str(judgement.answer)


def accepted_texts(key: AnswerKey) -> tuple[str, ...]:
    """Other answers the key accepts: argued alternatives, ``also`` values, allowed readings."""
    if key.case is None:
        return ()
    if key.kind == "attribute":
        spec = ATTRIBUTES[str(key.attribute)]
        return tuple(spec.parse(str(value)) for value in key.options.get("also", ()))
    if key.kind not in ("rung", "model"):
        return ()
    lens: Lens = "direct_economy" if key.kind == "rung" else "peer_production"
    texts = [ladder_text(alt.answer) for alt in place(key.case).alternatives_for(lens)]
    readings: Mapping[str, Iterable[str]] = key.options.get("readings") or {}
    if readings:
        first = {a: ATTRIBUTES[a].parse(str(next(iter(v)))) for a, v in readings.items() if v}
        texts.append(ladder_text(place(key.case.replace(**first)).model))
    expected = expected_text(key)
    return tuple(dict.fromkeys(t for t in texts if t != expected))


def attribute_readings(value: Any) -> dict[str, str]:
    """The attribute values a student's attribute dict gives, canonical, the unreadable left out.

    Examples
    --------
    >>> attribute_readings({"Consumer Reach": "production logistics labor",
    ...                     "framework_control": ..., "value_type": "bogus"})
    {'consumer_reach': 'production_logistics_labor'}
    """
    if not isinstance(value, Mapping):
        return {}
    readings = {}
    for attribute, spec in ATTRIBUTES.items():
        found, given = answer_for(value, attribute)
        if found and isinstance(given, str) and not is_unanswered(given):
            try:
                readings[attribute] = spec.parse(given)
            except ValueError:
                continue
    return readings
