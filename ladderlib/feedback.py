"""The result of checking an answer, and how a student's justification is read.

A :class:`Feedback` says whether an answer is right, what credit it earns and what to do
next; it renders as text and as notebook Markdown. :func:`names_attribute` reads a
justification (prose, attribute names, or attribute -> value) for the attribute an accepted
alternative must be argued from. The checks themselves live in :mod:`ladderlib.checks`.

Examples
--------
>>> fb = Feedback("IKEA: direct-economy rung", False, 0.5, "Move up.")
>>> fb.verdict
'Partly right'
>>> print(fb)
IKEA: direct-economy rung: Partly right (score 0.50). Move up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from .cases import Case
from .vocabulary import ATTRIBUTES, normalize

__all__ = ["Feedback", "Justification", "is_unanswered", "names_attribute"]

Justification: TypeAlias = str | Mapping[str, Any] | Iterable[str] | None
"""What a student offers as justification: prose, attribute names, or attribute -> value."""


@dataclass(frozen=True)
class Feedback:
    """The result of checking one answer.

    Attributes
    ----------
    question
        What was checked ("IKEA: direct-economy rung").
    correct
        Whether the answer earns full credit.
    score
        Credit between 0.0 and 1.0.
    message
        What to do next, in plain words; never the expected answer.
    attempted
        ``False`` when the answer was left untouched.
    parts
        For checks of several attributes: each attribute and whether it was right.
    """

    question: str
    correct: bool
    score: float
    message: str
    attempted: bool = True
    parts: tuple[tuple[str, bool], ...] = ()

    @property
    def verdict(self) -> str:
        """A one-word verdict: ``Correct``, ``Partly right``, ``Not yet`` or ``Not attempted``."""
        if not self.attempted:
            return "Not attempted"
        if self.correct:
            return "Correct"
        return "Partly right" if self.score > 0 else "Not yet"

    def __str__(self) -> str:
        return f"{self.question}: {self.verdict} (score {self.score:.2f}). {self.message}"

    def _repr_markdown_(self) -> str:
        icon = {"Correct": "✅", "Partly right": "🟡", "Not yet": "❌", "Not attempted": "⬜"}
        head = f"{icon[self.verdict]} **{self.verdict}** (score {self.score:.2f}): {self.question}"
        return f"{head}\n\n{self.message}"

    @classmethod
    def not_attempted(cls, question: str, wanted: str) -> Feedback:
        """Feedback for an untouched answer: say what kind of answer is wanted."""
        return cls(question, False, 0.0, f"Replace the placeholder with {wanted}.", attempted=False)

    @classmethod
    def uncheckable(cls, question: str, missing: Iterable[str]) -> Feedback:
        """Feedback for a case that leaves unknown an attribute the answer depends on."""
        return cls(
            question,
            False,
            0.0,
            f"This case leaves {', '.join(missing)} unknown, so the answer cannot be checked. "
            "Give the case a value for it first.",
        )


def is_unanswered(answer: object) -> bool:
    """``True`` for the untouched stubs of an exercise: ``None``, ``...`` or a blank string."""
    return answer is None or answer is Ellipsis or (isinstance(answer, str) and not answer.strip())


def names_attribute(justification: Justification, attribute: str, case: Case) -> bool:
    """Whether a justification names ``attribute`` (and, if it gives a value, the case's value).

    Examples
    --------
    >>> c = Case(name="x", consumer_reach="creation")
    >>> names_attribute("Users write it: consumer reach is creation", "consumer_reach", c)
    True
    >>> names_attribute({"consumer_reach": "customization"}, "consumer_reach", c)
    False
    """
    if justification is None:
        return False
    if isinstance(justification, str):
        return attribute in normalize(justification)
    if isinstance(justification, Mapping):
        for key, value in justification.items():
            if isinstance(key, str) and normalize(key) == attribute:
                if value is None or value is Ellipsis:
                    return True
                try:
                    return bool(ATTRIBUTES[attribute].parse(str(value)) == getattr(case, attribute))
                except ValueError:
                    return False
        return False
    return any(isinstance(item, str) and normalize(item) == attribute for item in justification)
