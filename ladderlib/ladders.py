"""The two ladders of the course, as ordered enums.

* :class:`DirectEconomyRung`: Xavier Comtesse's direct-economy ladder, seen from the firm's
  side (the firm controls the framework of participation).
* :class:`HybridModel`: Michel Bauwens's six hybrid models of peer production, seen from the
  community's side ("Business models for peer production", P2P Foundation, 2007).

Members know their position, a short label and a description in the course's own words.
Members of one ladder compare by position; comparing members of two different ladders is a
``TypeError``, because the two ladders measure different things.

Examples
--------
>>> DirectEconomyRung.parse("co-design")
<DirectEconomyRung.CO_DESIGN: 4>
>>> DirectEconomyRung.DIY < DirectEconomyRung.CO_CREATION
True
>>> HybridModel.parse(3).label
'commons with a business ecology'
>>> HybridModel.parse("cooperative").number
5
"""

from __future__ import annotations

from enum import Enum
from typing import Self

from .vocabulary import describe_type, match_name, normalize

__all__ = ["NOT_APPLICABLE", "DirectEconomyRung", "HybridModel", "Ladder"]


class Ladder(Enum):
    """Shared behaviour of both ladders: position, label, description, ordering, parsing."""

    _kind: str
    _plural: str
    _aliases: dict[str, str]

    position: int
    label: str
    description: str

    def __new__(cls, position: int, label: str, description: str) -> Self:
        member = object.__new__(cls)
        member._value_ = position
        member.position = position
        member.label = label
        member.description = description
        return member

    def __str__(self) -> str:
        return self.label

    def _same_ladder(self, other: object, op: str) -> bool:
        if isinstance(other, Ladder) and type(other) is not type(self):
            raise TypeError(
                f"cannot compare a {type(self).__name__} with a {type(other).__name__} "
                f"using {op}: the two ladders measure different things"
            )
        return type(other) is type(self)

    def __eq__(self, other: object) -> bool:
        if self._same_ladder(other, "=="):
            return self is other
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        if self._same_ladder(other, "!="):
            return self is not other
        return NotImplemented

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.position))

    def __lt__(self, other: Self) -> bool:
        if self._same_ladder(other, "<"):
            return self.position < other.position
        return NotImplemented

    def __le__(self, other: Self) -> bool:
        if self._same_ladder(other, "<="):
            return self.position <= other.position
        return NotImplemented

    def __gt__(self, other: Self) -> bool:
        if self._same_ladder(other, ">"):
            return self.position > other.position
        return NotImplemented

    def __ge__(self, other: Self) -> bool:
        if self._same_ladder(other, ">="):
            return self.position >= other.position
        return NotImplemented

    @classmethod
    def parse(cls, answer: Self | str | int) -> Self:
        """Return the member that ``answer`` names.

        Accepts a member, its position as an int (or a digit string), its name in any case
        and with spaces, hyphens or underscores, its label, and common spellings.

        Raises
        ------
        ValueError
            For a name or position that is not on this ladder: the message lists the valid
            names and suggests the closest one.
        TypeError
            For anything that is not a member, a str or an int.
        """
        member = cls._lookup(answer, allow_not_applicable=False)
        assert member is not None  # only parse_answer lets "not applicable" through
        return member

    @classmethod
    def parse_answer(cls, answer: Self | str | int) -> Self | None:
        """Like :meth:`parse`, but a student may also answer "not applicable" (returns ``None``).

        Examples
        --------
        >>> DirectEconomyRung.parse_answer("n/a") is None
        True
        >>> DirectEconomyRung.parse_answer("Co Creation")
        <DirectEconomyRung.CO_CREATION: 5>
        """
        return cls._lookup(answer, allow_not_applicable=True)

    @classmethod
    def _lookup(cls, answer: Self | str | int, *, allow_not_applicable: bool) -> Self | None:
        if isinstance(answer, cls):
            return answer
        if isinstance(answer, Ladder):
            raise TypeError(
                f"expected a {cls._kind} (got {type(answer).__name__}.{answer.name}, "
                "which belongs to the other ladder)"
            )
        if isinstance(answer, bool) or not isinstance(answer, int | str):
            extra = ", 'not applicable'" if allow_not_applicable else ""
            raise TypeError(
                f"a {cls._kind} must be given as a {cls.__name__}, a name (str){extra} or a "
                f"number 1-{len(cls)} (int) (got {describe_type(answer)})"
            )
        if isinstance(answer, str) and normalize(answer).isdigit():
            answer = int(normalize(answer))
        if isinstance(answer, int):
            for member in cls:
                if member.position == answer:
                    return member
            raise ValueError(
                f"there is no {cls._kind} number {answer}: the {cls._plural} are numbered "
                f"1 to {len(cls)}"
            )
        names = [m.name.lower() for m in cls]
        aliases = {k: v.lower() for k, v in cls._aliases.items()}
        aliases |= {normalize(m.label): m.name.lower() for m in cls}
        if allow_not_applicable:
            names.append(NOT_APPLICABLE)
            aliases |= dict.fromkeys(_NOT_APPLICABLE_SPELLINGS, NOT_APPLICABLE)
        name = match_name(answer, names, kind=cls._kind, plural=cls._plural, aliases=aliases)
        return None if name == NOT_APPLICABLE else cls[name.upper()]


NOT_APPLICABLE = "not_applicable"
"""The answer that sets a ladder aside for a case (the lens does not apply)."""

_NOT_APPLICABLE_SPELLINGS = (
    "n_a",
    "na",
    "none",
    "no_rung",
    "no_model",
    "neither",
    "not_on_the_ladder",
    "does_not_apply",
)


class DirectEconomyRung(Ladder):
    """A rung of Comtesse's direct-economy ladder: how far a firm lets its customers in.

    The ladder is drawn from the firm's polarity: the firm sets the framework of
    participation, and each rung lets the customer reach further into its value chain.
    Rungs are cumulative, and ``level`` runs from 1 (passive consumption) to 5 (co-creation).

    Examples
    --------
    >>> DirectEconomyRung.parse("Do it yourself").level
    3
    >>> [r.label for r in DirectEconomyRung][:2]
    ['passive consumption', 'self service']
    """

    PASSIVE_CONSUMPTION = (
        1,
        "passive consumption",
        "The customer takes what is offered: no say in it and nothing to choose between.",
    )
    SELF_SERVICE = (
        2,
        "self service",
        "The customer picks among many offers and does some of the transaction work, "
        "bypassing the seller's judgement.",
    )
    DIY = (
        3,
        "DIY",
        "The customer does part of the firm's production or logistics: carrying the flat "
        "pack home and assembling it.",
    )
    CO_DESIGN = (
        4,
        "co-design",
        "The customer configures the product from the firm's menu of options, so the "
        "customer's needs, not a product manager's guess, define what gets built.",
    )
    CO_CREATION = (
        5,
        "co-creation",
        "The customer helps design the product or service itself, contributing ideas "
        "or work that become part of what is offered.",
    )

    @property
    def level(self) -> int:
        """The rung's height, 1 (passive consumption) to 5 (co-creation)."""
        return self.position


DirectEconomyRung._kind = "direct-economy rung"
DirectEconomyRung._plural = "rungs"
DirectEconomyRung._aliases = {
    "passive": "PASSIVE_CONSUMPTION",
    "consumption": "PASSIVE_CONSUMPTION",
    "selfservice": "SELF_SERVICE",
    "do_it_yourself": "DIY",
    "codesign": "CO_DESIGN",
    "customization": "CO_DESIGN",
    "customisation": "CO_DESIGN",
    "cocreation": "CO_CREATION",
}


class HybridModel(Ladder):
    """One of Bauwens's six hybrid models of peer production, seen from the community's side.

    Models 1-4 produce use value (for direct use); models 5 and 6 produce exchange value
    (for sale) without a corporate intermediary owning the production process. ``number``
    is the model's place in the essay's list.

    Examples
    --------
    >>> HybridModel.parse("model 4") is HybridModel.ATTENTION_PLATFORM
    True
    >>> HybridModel.COOPERATIVE_PRODUCTION.produces
    'exchange'
    """

    USE_VALUE_NO_MONETIZATION = (
        1,
        "use value, no monetization",
        "Peers make something for direct use and deliberately keep money out of it: "
        "hospitality between strangers, an encyclopedia without ads.",
    )
    USE_VALUE_EQUITABLE_MONETIZATION = (
        2,
        "use value, monetized equitably by the producers",
        "Peers build a commons and earn from it themselves, through formats they own: "
        "cooperatives, equity arrangements, licences that require reciprocity.",
    )
    COMMONS_BUSINESS_ECOLOGY = (
        3,
        "commons with a business ecology",
        "A community, usually backed by a for-benefit foundation that keeps the "
        "infrastructure, builds a commons; outside firms earn by selling scarce services "
        "around it.",
    )
    ATTENTION_PLATFORM = (
        4,
        "sharing on an attention platform",
        "Individuals share their own creations on a platform owned by a for-profit company, "
        "which earns by selling the audience's attention.",
    )
    COOPERATIVE_PRODUCTION = (
        5,
        "cooperative production for the market",
        "Groups produce goods or services for sale and own the enterprise that sells them: "
        "producer cooperatives.",
    )
    INDIVIDUAL_EXCHANGE_VALUE = (
        6,
        "individuals producing for the market",
        "Independent individuals design, make and sell on shared infrastructure: "
        "distributed manufacturing, networked micro-agencies, universal marketplaces.",
    )

    @property
    def number(self) -> int:
        """The model's number in the essay's list, 1 to 6."""
        return self.position

    @property
    def produces(self) -> str:
        """``'use'`` for models 1-4 and ``'exchange'`` for models 5-6."""
        return "use" if self.position <= 4 else "exchange"


HybridModel._kind = "hybrid model"
HybridModel._plural = "models"
HybridModel._aliases = {
    "no_monetization": "USE_VALUE_NO_MONETIZATION",
    "non_monetized": "USE_VALUE_NO_MONETIZATION",
    "equitable_monetization": "USE_VALUE_EQUITABLE_MONETIZATION",
    "equitable": "USE_VALUE_EQUITABLE_MONETIZATION",
    "business_ecology": "COMMONS_BUSINESS_ECOLOGY",
    "linux_model": "COMMONS_BUSINESS_ECOLOGY",
    "attention": "ATTENTION_PLATFORM",
    "web_20": "ATTENTION_PLATFORM",
    "web_2": "ATTENTION_PLATFORM",
    "cooperative": "COOPERATIVE_PRODUCTION",
    "cooperative_production": "COOPERATIVE_PRODUCTION",
    "co_operative": "COOPERATIVE_PRODUCTION",
    "producer_cooperative": "COOPERATIVE_PRODUCTION",
    "distributed_manufacturing": "INDIVIDUAL_EXCHANGE_VALUE",
    "micro_agencies": "INDIVIDUAL_EXCHANGE_VALUE",
    "individual_exchange_value": "INDIVIDUAL_EXCHANGE_VALUE",
}
for _n in range(1, 7):
    HybridModel._aliases[f"model_{_n}"] = HybridModel.parse(_n).name
