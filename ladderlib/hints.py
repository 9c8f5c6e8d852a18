"""Hints and worked solutions for the lessons' self-checks, generated from the decision procedure.

A learner asks for them, in order, with the same case and question as the check:

1. ``hint(case, question)`` names the attribute to look at;
2. ``hint(case, question)`` again says what the case says about it (its value);
3. ``solution(case, question)`` gives the answer with the full chain of reasons of
   :func:`ladderlib.place` (or of :func:`ladderlib.distinguish`).

``question`` is ``"rung"``, ``"model"``, a distinction (``"polarity"``, ``"value"``,
``"economy"``, ``"institution"``, ``"demand"``) or an attribute name (``"producers"``). Nothing
here is written per question: every sentence comes from the library's vocabulary and
reasons. Nothing is ever shown unasked, and the graded assignments never call these functions.

Examples
--------
>>> from ladderlib.catalog import example
>>> ikea = example("IKEA")
>>> print(hint(ikea, "rung", level=1))
Hint 1 of 2 (IKEA: direct-economy rung): look at consumer_reach, how far the customer reaches into the firm's value chain.
>>> print(hint(ikea, "rung", level=2))
Hint 2 of 2 (IKEA: direct-economy rung): for IKEA, consumer_reach = 'production_logistics_labor'. Which answer does that give?
>>> print(solution(ikea, "rung"))  # doctest: +NORMALIZE_WHITESPACE
Solution (IKEA: direct-economy rung): DIY.
1. framework_control = 'firm': a firm sets the framework of participation, so Comtesse's direct-economy ladder applies.
2. consumer_reach = 'production_logistics_labor': customers carry out part of the firm's production or logistics, so the rung is DIY.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cases import Case
from .distinctions import Distinction, distinguish
from .ladders import HybridModel
from .placement import Lens, place
from .vocabulary import ATTRIBUTES, describe_type, match_name

__all__ = ["QUESTIONS", "Hint", "hint", "solution"]

_LENSES: dict[str, tuple[Lens, str]] = {
    "rung": ("direct_economy", "direct-economy rung"),
    "model": ("peer_production", "hybrid model"),
}

QUESTIONS: tuple[str, ...] = (
    *_LENSES,
    *(d.key for d in Distinction),
    *ATTRIBUTES,
)
"""Every question a hint can be asked for."""

_asked: dict[tuple[str, str], int] = {}


@dataclass(frozen=True)
class Hint:
    """One hint (``level`` 1 or 2) or the worked solution (``level`` 3)."""

    question: str
    level: int
    text: str

    @property
    def heading(self) -> str:
        return f"Hint {self.level} of 2" if self.level < 3 else "Solution"

    def __str__(self) -> str:
        return f"{self.heading} ({self.question}): {self.text}"

    def _repr_markdown_(self) -> str:
        return f"💡 **{self.heading}** ({self.question}): {self.text}".replace("\n", "  \n")


def _question(case: object, question: str, function: str) -> str:
    if not isinstance(case, Case):
        raise TypeError(f"{function}() needs a Case first (got {describe_type(case)})")
    if not isinstance(question, str):
        raise TypeError(
            f"{function}() needs the question as a string (got {describe_type(question)})"
        )
    return match_name(question, QUESTIONS, kind="question", plural="questions")


def _meaning(attribute: str) -> str:
    return ATTRIBUTES[attribute].meaning


def _levels(case: Case, question: str) -> tuple[str, str, str, str]:
    """The question's title, the two hints and the solution, all from the library."""
    if question in _LENSES:
        lens, topic = _LENSES[question]
        placement = place(case)
        steps = placement.steps_for(lens)
        attribute = steps[-1].attribute
        answer = placement.rung if lens == "direct_economy" else placement.model
        shown = "not applicable" if answer is None else answer.label
        if isinstance(answer, HybridModel):
            shown = f"model {answer.number}, {answer.label}"
        chain = [f"{i}. {step}" for i, step in enumerate(steps, start=1)]
        chain += [
            f"Also accepted when argued from {alt.deciding_attribute}: {alt.argument}"
            for alt in placement.alternatives_for(lens)
        ]
        solution = f"{shown}.\n" + "\n".join(chain)
        value = steps[-1].value
        return f"{case.name}: {topic}", attribute, repr(value), solution
    if question in {d.key for d in Distinction}:
        judgement = distinguish(case, question)
        attribute = judgement.distinction.attribute
        value = getattr(case, attribute)
        shown = "cannot be told" if judgement.answer is None else repr(judgement.answer)
        solution = f"{shown}.\n1. {judgement.reason}"
        return f"{case.name}: {judgement.distinction.label}", attribute, repr(value), solution
    value = getattr(case, question)
    said = case.description.rstrip(".") or "it gives no description: reason from its name"
    solution = f"{value!r}: {question} is {_meaning(question)}, and the case says: {said}"
    return f"{case.name}: {question}", question, f"what the case says: {said}", solution


def hint(case: Case, question: str, level: int | None = None) -> Hint:
    """The next hint for a self-check (or hint ``level`` 1 or 2).

    Raises
    ------
    ValueError
        For an unknown question (the message lists them and suggests the closest) or level.
    TypeError
        When ``case`` is not a :class:`~ladderlib.cases.Case`.
    """
    key = _question(case, question, "hint")
    title, attribute, value, _ = _levels(case, key)
    asked = _asked.get((case.name, key), 0)
    if level is None:
        level = min(asked + 1, 2)
    if level not in (1, 2):
        raise ValueError(f"a hint's level is 1 or 2 (got {level!r}); solution() gives the answer")
    _asked[(case.name, key)] = max(asked, level)
    if level == 1:
        text = f"look at {attribute}, {_meaning(attribute)}."
    elif value.startswith("what the case says"):
        text = f"{value}. Which value of {attribute} fits?"
    else:
        text = f"for {case.name}, {attribute} = {value}. Which answer does that give?"
    return Hint(title, level, text)


def solution(case: Case, question: str) -> Hint:
    """The worked solution of a self-check: the answer and the full chain of reasons.

    Raises
    ------
    ValueError
        For an unknown question (the message lists them and suggests the closest).
    """
    key = _question(case, question, "solution")
    title, _, _, text = _levels(case, key)
    _asked[(case.name, key)] = 3
    return Hint(title, 3, text)
