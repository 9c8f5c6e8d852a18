"""What the class got wrong, in plain sentences, with the attribute behind each confusion.

A misconception is a wrong answer that several students gave to the same question. For an
answer on a ladder the report asks the library why: each student's own attribute dict is read
as a case (the key, with the attributes the student gave put in), :func:`ladderlib.place` places
it, and where that reading leads to the student's answer, its reasons name the step where the
student's reading left the case's. Where students
gave no attributes that explain the answer, the attribute named by the library's own feedback
(:func:`ladderlib.check_rung` / :func:`ladderlib.check_model`) stands in. Nothing is written per
case: the sentences come from the data, and never name a student.

Examples
--------
>>> from ladderlib.cases import Case
>>> key = Case(name="A bakery", framework_control="firm", consumer_reach="customization")
>>> misread(key, "rung", {"consumer_reach": "production_logistics_labor"})
('consumer_reach', 'production_logistics_labor')
>>> misread(key, "rung", {"consumer_reach": "choice"}, given="DIY") is None
True
>>> feedback_attribute(key, "rung", "DIY")
'consumer_reach'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ...cases import Case
from ...checks import check_model, check_rung
from ...distinctions import distinguish
from ...placement import place
from ...vocabulary import ATTRIBUTES, DECIDING_ATTRIBUTES
from .gradebook import ClassData
from .normalize import attribute_readings, is_slip, ladder_text
from .table import AnswerRow

__all__ = ["Misconception", "feedback_attribute", "find_misconceptions", "misread"]

_LENS = {"rung": "direct_economy", "model": "peer_production"}
_LONGEST_NAME = 80
_NAMED = re.compile(r"\b(" + "|".join(ATTRIBUTES) + r")\b")


@dataclass(frozen=True)
class Misconception:
    """One wrong answer shared by several students, and what it says about the class."""

    question: str
    given: str
    count: int
    of: int
    attribute: str | None
    sentence: str


def misread(
    key: Case, kind: str, attributes: Any, given: str | None = None
) -> tuple[str, str] | None:
    """The attribute (and value) where a student's own reading of the case leads away from it.

    The student's attribute values replace the key's (only for the attributes the key knows and
    the procedure reads); the decision procedure then places that reading, and the last of its
    steps whose value differs from the case's names the attribute misread. ``None`` when the
    student's attributes agree with the case on every step, or (with ``given``) when the
    reading does not lead to the answer the student gave.
    """
    readings = attribute_readings(attributes)
    changes = {
        a: v
        for a, v in readings.items()
        if a in DECIDING_ATTRIBUTES and getattr(key, a) is not None and getattr(key, a) != v
    }
    if not changes:
        return None
    placement = place(key.replace(**changes))
    placed = ladder_text(placement.rung if kind == "rung" else placement.model)
    if given is not None and placed != given:
        return None
    steps = placement.steps_for(_LENS[kind])  # type: ignore[arg-type]
    differing = [s for s in steps if s.value is not None and s.value != getattr(key, s.attribute)]
    if not differing:
        return None
    return differing[-1].attribute, str(differing[-1].value)


def feedback_attribute(key: Case, kind: str, given: str) -> str | None:
    """The attribute the library's feedback on a wrong answer tells the student to look at."""
    answer = "not applicable" if given == "not applicable" else given
    check = check_rung if kind == "rung" else check_model
    found = _NAMED.search(check(key, answer).message)
    return found.group(1) if found else None


def _where(kind: str, case: str, given: str) -> str:
    if kind == "rung":
        if given == "not applicable":
            return f"set the direct-economy ladder aside for {case}"
        return f"put {case} at {given}"
    if given == "not applicable":
        return f"set the peer-production lens aside for {case}"
    return f"put {case} in model {given}"


def _ladder_reason(
    key: Case, kind: str, given: str, readings: Sequence[Any]
) -> tuple[str | None, str]:
    found = [misread(key, kind, attributes, given) for attributes in readings]
    counted = Counter(m for m in found if m is not None)
    if counted:
        (attribute, value), k = counted.most_common(1)[0]
        n = len(readings)
        who = "all of them" if k == n else "most of them" if 2 * k > n else f"{k} of them"
        case_says = getattr(key, attribute)
        return attribute, f"; {who} read {attribute} as {value}, and the case says {case_says}"
    named = feedback_attribute(key, kind, given)
    if named is None:
        return None, ""
    return named, (
        f"; the library's feedback sends them back to {named}, which the case gives as "
        f"{getattr(key, named)}"
    )


def _sentence(data: ClassData, row: AnswerRow, wrong: list[AnswerRow], of: int) -> Misconception:
    key = data.keys[row.question]
    n = len(wrong)
    head = f"{n} of {of}"
    case = key.case
    attribute: str | None = None
    if key.kind in _LENS and case is not None:
        by_student = {r.student: r for r in wrong}
        readings = [
            s.value(row.question, key.justification) if key.justification else None
            for s in data.students
            if s.student in by_student
        ]
        attribute, reason = _ladder_reason(case, key.kind, row.given, readings)
        text = f"{head} {_where(key.kind, key.title, row.given)}{reason}."
    elif key.kind == "attribute" and case is not None:
        attribute = key.attribute
        text = (
            f"{head} read {attribute} of {key.title} as {row.given}; the case says {row.expected}."
        )
    elif key.kind == "distinction" and case is not None:
        judgement = distinguish(case, key.options["distinction"])
        attribute = judgement.distinction.attribute
        text = (
            f"{head} answered {row.given} on {judgement.distinction.label} for {key.title}; the "
            f"case says {row.expected} ({judgement.reason.rstrip('.')})."
        )
    else:
        text = f"{head} answered {row.given} to {key.title}; the key is {row.expected}."
    return Misconception(row.question, row.given, n, of, attribute, text)


def _selection(
    data: ClassData, rows: Sequence[AnswerRow], of: int, least: int
) -> list[Misconception]:
    found = []
    for question, key in data.keys.items():
        if key.kind != "selection":
            continue
        answered = [r for r in rows if r.question == question and r.attempted]
        answered = [r for r in answered if not is_slip(r.given)]
        expected = set(filter(None, (key.options.get("expected") or ())))
        extra = Counter(n for r in answered for n in set(r.given.split("; ")) - expected)
        missed = Counter(n for r in answered for n in expected - set(r.given.split("; ")))
        for counter, what in ((extra, "listed"), (missed, "left out")):
            for name, n in counter.items():
                # Names typed by students reach a sentence only when short, like a row name.
                if n >= least and len(name) <= _LONGEST_NAME:
                    text = f"{n} of {of} {what} {name} in {key.title}."
                    found.append(Misconception(question, f"{what}: {name}", n, of, None, text))
    return found


def find_misconceptions(
    data: ClassData, rows: Sequence[AnswerRow], *, least: int = 2
) -> list[Misconception]:
    """Every wrong answer given by at least ``least`` students, most common first.

    Unreadable answers (typos) are left out: they are slips of form, not of understanding, and
    the per-question tables list them.
    """
    of = len(data.students)
    groups: dict[tuple[str, str], list[AnswerRow]] = {}
    for row in rows:
        key = data.keys[row.question]
        if key.kind == "selection" or not row.wrong or is_slip(row.given):
            continue
        if row.given in row.accepted.split("; "):
            continue
        groups.setdefault((row.question, row.given), []).append(row)
    order = {gid: i for i, gid in enumerate(data.keys)}
    found = [
        _sentence(data, wrong[0], wrong, of) for wrong in groups.values() if len(wrong) >= least
    ]
    found += _selection(data, rows, of, least)
    return sorted(found, key=lambda m: (-m.count, order[m.question], m.given))
