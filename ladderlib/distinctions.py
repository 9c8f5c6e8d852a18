"""The essay's distinctions, as questions a case can be asked.

Besides the two ladders, the course teaches five contrasts from Michel Bauwens's "Business
models for peer production": use vs exchange value, the sharing vs the commons economy,
for-profit vs for-benefit institutions, the firm's vs the community's polarity, and push vs
pull. Each :class:`Distinction` reads one attribute of a case; :func:`distinguish` answers it
with a reason.

Examples
--------
>>> from ladderlib.cases import Case
>>> yt = Case(name="YouTube", output="proprietary_user_content", value_type="use")
>>> distinguish(yt, "economy").answer
'sharing'
>>> print(distinguish(yt, Distinction.VALUE).reason)
value_type = 'use': made for direct use, not for sale, so this is use value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Self

from .cases import Case
from .vocabulary import describe_type, match_name

__all__ = ["Distinction", "Judgement", "distinguish"]


class Distinction(Enum):
    """One contrast of the essay: which attribute it reads and which answers it allows."""

    VALUE = "value"
    ECONOMY = "economy"
    INSTITUTION = "institution"
    POLARITY = "polarity"
    DEMAND = "demand"

    @property
    def key(self) -> str:
        """The short name used to ask for it: ``"value"``, ``"economy"``..."""
        return str(self.value)

    @property
    def label(self) -> str:
        """What the distinction contrasts, in words."""
        return _INFO[self.value][0]

    @property
    def attribute(self) -> str:
        """The attribute of a case that answers it."""
        return _INFO[self.value][1]

    @property
    def answers(self) -> tuple[str, ...]:
        """The answers this distinction allows, poles first.

        Examples
        --------
        >>> Distinction.DEMAND.answers
        ('push', 'pull', 'mixed', 'neither')
        """
        return tuple(dict.fromkeys(answer for answer, _ in _RULES[self].values()))

    @classmethod
    def parse(cls, name: Self | str) -> Self:
        """The distinction ``name`` names ("value", "economy", ...), forgiving spelling."""
        if isinstance(name, cls):
            return name
        if not isinstance(name, str):
            raise TypeError(
                f"a distinction must be a Distinction or its name (str) (got {describe_type(name)})"
            )
        key = match_name(name, [m.key for m in cls], kind="distinction", plural="distinctions")
        return cls(key)

    def parse_answer(self, answer: str) -> str:
        """The canonical answer ``answer`` spells, or ``ValueError`` listing the valid ones.

        Examples
        --------
        >>> Distinction.INSTITUTION.parse_answer("For-Benefit")
        'for_benefit'
        """
        return match_name(
            answer,
            self.answers,
            kind=f"answer for {self.label}",
            plural="answers",
            aliases=_ANSWER_ALIASES.get(self, {}),
        )


_INFO: Mapping[str, tuple[str, str]] = {
    "value": ("use value vs exchange value", "value_type"),
    "economy": ("sharing economy vs commons economy", "output"),
    "institution": ("for-profit vs for-benefit institution", "institution_type"),
    "polarity": ("the firm's vs the community's polarity", "framework_control"),
    "demand": ("push vs pull", "demand_direction"),
}

# For each distinction: attribute value -> (answer, why).
_RULES: Mapping[Distinction, Mapping[str, tuple[str, str]]] = {
    Distinction.VALUE: {
        "use": ("use", "made for direct use, not for sale, so this is use value"),
        "exchange": ("exchange", "made to be sold, so this is exchange value"),
        "mixed": ("mixed", "made both for direct use and for sale"),
        "not_applicable": ("neither", "nothing is produced here in the essay's sense"),
    },
    Distinction.ECONOMY: {
        "commons": ("commons", "many contributors build one shared product: a commons economy"),
        "individual_sharing": (
            "sharing",
            "individuals share their own creative expression: "
            "the sharing economy in the essay's sense",
        ),
        "proprietary_user_content": (
            "sharing",
            "individuals share their own expression, "
            "hosted on someone else's platform: the sharing economy",
        ),
        "firm_product": (
            "neither",
            "a firm's own product is neither shared expression nor a commons",
        ),
        "market_goods_services": (
            "neither",
            "goods and services made for sale are neither shared expression nor a commons",
        ),
        "gift_or_hospitality": (
            "neither",
            "a gift between people is neither shared creative expression nor a common product",
        ),
    },
    Distinction.INSTITUTION: {
        "for_profit": ("for_profit", "the institution exists to earn a profit for its owners"),
        "for_benefit": (
            "for_benefit",
            "the institution serves the community and its commons, not owners' profit",
        ),
        "cooperative": (
            "cooperative",
            "the institution is owned by its members, who share what it earns",
        ),
        "public_or_regulated_monopoly": (
            "public",
            "the institution is public or a regulated monopoly",
        ),
    },
    Distinction.POLARITY: {
        "firm": ("company", "a firm sets the rules of participation: the company's polarity"),
        "firm_platform_owner": (
            "company",
            "the firm that owns the platform sets the rules: the company's polarity",
        ),
        "community_with_for_benefit_foundation": (
            "community",
            "the community, with its for-benefit foundation, sets the rules",
        ),
        "nonprofit_or_academic": (
            "community",
            "a non-profit or academic body, not a firm, sets the rules",
        ),
        "cooperative_members": ("community", "the members of a cooperative set the rules"),
        "mixed": ("mixed", "firms and communities share control of the rules"),
    },
    Distinction.DEMAND: {
        "push": ("push", "producers decide what to offer and push it to buyers"),
        "pull": ("pull", "buyers' stated intentions pull offers towards them"),
        "mixed": ("mixed", "offers are partly pushed by producers, partly pulled by buyers"),
        "not_applicable": ("neither", "nothing is offered to buyers here"),
    },
}

_ANSWER_ALIASES: Mapping[Distinction, Mapping[str, str]] = {
    Distinction.VALUE: {"use_value": "use", "exchange_value": "exchange"},
    Distinction.ECONOMY: {"sharing_economy": "sharing", "commons_economy": "commons"},
    Distinction.INSTITUTION: {
        "forprofit": "for_profit",
        "forbenefit": "for_benefit",
        "nonprofit": "for_benefit",
    },
    Distinction.POLARITY: {"firm": "company", "corporation": "company"},
    Distinction.DEMAND: {"push_model": "push", "pull_model": "pull"},
}


@dataclass(frozen=True)
class Judgement:
    """The answer a case gives to one distinction, or ``None`` when the attribute is unknown."""

    distinction: Distinction
    answer: str | None
    reason: str


def distinguish(case: Case, distinction: Distinction | str) -> Judgement:
    """Answer one of the essay's distinctions for a case, with the reason.

    Raises
    ------
    TypeError
        When ``case`` is not a :class:`~ladderlib.cases.Case`.
    ValueError
        For an unknown distinction name (the message lists the valid ones).
    """
    if not isinstance(case, Case):
        raise TypeError(f"distinguish() needs a Case (got {describe_type(case)})")
    d = Distinction.parse(distinction)
    value = getattr(case, d.attribute)
    if value is None:
        return Judgement(d, None, f"{d.attribute} = unknown: without it, {d.label} cannot be told.")
    answer, why = _RULES[d][value]
    return Judgement(d, answer, f"{d.attribute} = {value!r}: {why}.")
