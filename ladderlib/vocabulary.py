"""The controlled vocabulary of a case, and the matching of what people type to it.

Every attribute of a :class:`~ladderlib.cases.Case` takes one of a fixed set of canonical
strings (the course's design notes, section 3). This module holds that vocabulary and the
one matcher that turns what a student types ("Co Design", "co-design") into a canonical
name, or into an error that lists the valid names and suggests the closest one.

Examples
--------
>>> normalize("  Co-Design ")
'co_design'
>>> ATTRIBUTES["value_type"].values
('use', 'exchange', 'mixed', 'not_applicable')
>>> match_name("frim", ("firm", "mixed"), kind="value for 'framework_control'", plural="values")
Traceback (most recent call last):
    ...
ValueError: unknown value for 'framework_control' 'frim'. Valid values: firm, mixed. Did you mean 'firm'?
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "ATTRIBUTES",
    "DECIDING_ATTRIBUTES",
    "Attribute",
    "describe_type",
    "match_name",
    "normalize",
]

_SEPARATORS = re.compile(r"[\s\-_/]+")
_STRIP = re.compile(r"[\"'`.,;:!?()]")


def normalize(text: str) -> str:
    """Fold case, punctuation and separators so that spellings a person types compare equal.

    Examples
    --------
    >>> normalize("Do it yourself!")
    'do_it_yourself'
    """
    return _SEPARATORS.sub("_", _STRIP.sub("", text.strip().lower())).strip("_")


def describe_type(value: object) -> str:
    """Name a received value and its type for an error message: ``list [1, 2]``."""
    return f"{type(value).__name__} {value!r}"


def match_name(
    received: str,
    valid: Iterable[str],
    *,
    kind: str,
    plural: str,
    aliases: Mapping[str, str] | None = None,
) -> str:
    """Return the canonical name in ``valid`` that ``received`` spells, or raise ``ValueError``.

    Parameters
    ----------
    received
        What the person typed.
    valid
        The canonical names, in the order an error message should list them.
    kind
        What is being named, for the message ("direct-economy rung").
    plural
        How the message calls the list of valid names ("rungs").
    aliases
        Extra spellings, already normalized, mapped to canonical names.

    Raises
    ------
    ValueError
        Naming what was received, listing the valid names and suggesting the closest one.
    """
    names = tuple(valid)
    lookup = {normalize(name): name for name in names}
    lookup.update(aliases or {})
    key = normalize(received)
    if key in lookup:
        return lookup[key]
    message = f"unknown {kind} {received!r}. Valid {plural}: {', '.join(names)}."
    close = difflib.get_close_matches(key, list(lookup), n=1, cutoff=0.6)
    if close:
        message += f" Did you mean {lookup[close[0]]!r}?"
    raise ValueError(message)


@dataclass(frozen=True)
class Attribute:
    """One attribute of a case: its name, its canonical values and what it means."""

    name: str
    values: tuple[str, ...]
    meaning: str
    aliases: Mapping[str, str]

    def parse(self, value: str) -> str:
        """Return the canonical value ``value`` spells, or raise ``ValueError`` with the valid ones.

        Examples
        --------
        >>> ATTRIBUTES["demand_direction"].parse("Pull")
        'pull'
        """
        if value in self.values:  # the common case: already canonical
            return value
        return match_name(
            value,
            self.values,
            kind=f"value for attribute {self.name!r}:",
            plural="values",
            aliases=self.aliases,
        )


def _attribute(
    name: str, values: str, meaning: str, aliases: Mapping[str, str] | None = None
) -> Attribute:
    return Attribute(name, tuple(values.split()), meaning, dict(aliases or {}))


ATTRIBUTES: Mapping[str, Attribute] = {
    a.name: a
    for a in (
        _attribute(
            "framework_control",
            "firm firm_platform_owner community_with_for_benefit_foundation"
            " nonprofit_or_academic cooperative_members mixed",
            "who sets the rules of participation: the polarity of the case",
            {"company": "firm", "corporation": "firm", "platform_owner": "firm_platform_owner"},
        ),
        _attribute(
            "consumer_reach",
            "none choice transaction_labor production_logistics_labor customization creation"
            " not_applicable",
            "how far the customer reaches into the firm's value chain",
            {"n_a": "not_applicable", "na": "not_applicable"},
        ),
        _attribute(
            "value_type",
            "use exchange mixed not_applicable",
            "why the thing is produced: for direct use, or for sale",
            {"use_value": "use", "exchange_value": "exchange", "n_a": "not_applicable"},
        ),
        _attribute(
            "producers",
            "firm individuals groups individuals_and_groups",
            "who produces",
            {"company": "firm", "individual": "individuals", "group": "groups"},
        ),
        _attribute(
            "output",
            "firm_product commons individual_sharing proprietary_user_content"
            " market_goods_services gift_or_hospitality",
            "what is produced: a firm's product, a commons, individual sharing, goods for sale",
        ),
        _attribute(
            "monetization",
            "firm_sale none producer_controlled_equitable commons_business_ecology"
            " attention_sold_by_platform cooperative_market_sale individual_market_sale",
            "who earns money from the work, and how",
        ),
        _attribute(
            "platform_ownership",
            "none firm_own_channel proprietary_for_profit nonprofit_or_foundation cooperative"
            " federated_open",
            "who owns the platform the exchange runs on",
        ),
        _attribute(
            "institution_type",
            "for_profit for_benefit cooperative public_or_regulated_monopoly",
            "the kind of institution at the centre: for-profit or for-benefit",
        ),
        _attribute(
            "initiator",
            "firm community nonprofit_foundation academic_institution cooperative"
            " social_enterprise community_then_firm firm_then_community founders_project_then_firm",
            "who started it (cases drift over time)",
        ),
        _attribute(
            "demand_direction",
            "push pull mixed not_applicable",
            "whether producers push offers or customers' intentions pull them",
            {"n_a": "not_applicable"},
        ),
    )
}
"""The attribute vocabulary, by attribute name, in the order of the design notes."""

DECIDING_ATTRIBUTES: tuple[str, ...] = (
    "framework_control",
    "consumer_reach",
    "value_type",
    "producers",
    "output",
    "monetization",
    "platform_ownership",
)
"""The attributes the decision procedure reads; the others are descriptive."""
