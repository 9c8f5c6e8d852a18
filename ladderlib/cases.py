"""A case: one business or community, described in the course's attribute vocabulary.

A :class:`Case` is a frozen record. Every attribute is optional (``None`` means unknown);
what is given is checked against the vocabulary and stored in its canonical spelling, so
``Case(name="x", value_type="Use Value")`` stores ``value_type="use"``.

Examples
--------
>>> ikea = Case(name="IKEA", framework_control="firm", consumer_reach="production logistics labor")
>>> ikea.consumer_reach
'production_logistics_labor'
>>> Case(name="x", framwork_control="firm")
Traceback (most recent call last):
    ...
ValueError: unknown attribute of a case 'framwork_control'. Valid attributes: name, framework_control, consumer_reach, value_type, producers, output, monetization, platform_ownership, institution_type, initiator, demand_direction, as_of, description. Did you mean 'framework_control'?
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Self

from .vocabulary import ATTRIBUTES, describe_type, match_name

__all__ = ["Case"]


@dataclass(frozen=True)
class Case:
    """A case to place on the ladders.

    Parameters
    ----------
    name
        What the case is called ("IKEA", "Wikipedia").
    framework_control, consumer_reach, value_type, producers, output, monetization, \
platform_ownership, institution_type, initiator, demand_direction
        One canonical value each from the attribute vocabulary (see
        :data:`ladderlib.ATTRIBUTES`), a spelling of one (case, spaces and hyphens are
        forgiven), or ``None`` for unknown. The string ``"unknown"`` also means ``None``.
    as_of
        The year or period the description refers to, for cases that changed over time.
    description
        A short description in plain words; not used by :func:`ladderlib.place`.

    Raises
    ------
    ValueError
        For an unknown attribute name or value; the message lists the valid ones and
        suggests the closest.
    TypeError
        For a value that is not a string (or, for ``as_of``, not an int or string).
    """

    name: str
    framework_control: str | None = None
    consumer_reach: str | None = None
    value_type: str | None = None
    producers: str | None = None
    output: str | None = None
    monetization: str | None = None
    platform_ownership: str | None = None
    institution_type: str | None = None
    initiator: str | None = None
    demand_direction: str | None = None
    as_of: int | str | None = None
    description: str = field(default="", compare=False, repr=False)

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        # Unknown keywords would otherwise be a bare TypeError from the generated __init__;
        # students mistype attribute names, so they get the valid names and a suggestion.
        for key in kwargs:
            if key not in _FIELD_NAMES:
                match_name(key, _FIELD_NAMES, kind="attribute of a case", plural="attributes")
        return super().__new__(cls)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise TypeError(f"'name' must be a non-empty str (got {describe_type(self.name)})")
        for attribute in ATTRIBUTES.values():
            value = getattr(self, attribute.name)
            if value is None:
                continue
            if not isinstance(value, str):
                raise TypeError(
                    f"{attribute.name!r} must be a str or None (got {describe_type(value)})"
                )
            canonical = None if value.strip().lower() == "unknown" else attribute.parse(value)
            object.__setattr__(self, attribute.name, canonical)
        if self.as_of is not None and (
            isinstance(self.as_of, bool) or not isinstance(self.as_of, int | str)
        ):
            raise TypeError(
                f"'as_of' must be an int, a str or None (got {describe_type(self.as_of)})"
            )

    def attributes(self) -> dict[str, str | None]:
        """The vocabulary attributes as a dict, unknown ones as ``None``.

        Examples
        --------
        >>> Case(name="x", value_type="use").attributes()["value_type"]
        'use'
        """
        return {name: getattr(self, name) for name in ATTRIBUTES}

    def known(self) -> dict[str, str]:
        """Only the attributes whose value is known."""
        return {k: v for k, v in self.attributes().items() if v is not None}

    def replace(self, **changes: Any) -> Case:
        """A copy with some attributes changed (validated like the constructor).

        Examples
        --------
        >>> Case(name="x", value_type="use").replace(value_type="exchange").value_type
        'exchange'
        """
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Case:
        """Build a case from a mapping such as a row of a table or a TOML table."""
        return cls(**dict(data))


_FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Case))
