"""The glossary: what every value of the course's attribute vocabulary means, with examples.

Students are graded on these values, so each one is defined in one plain sentence (the data is
``ladderlib/data/glossary.toml``) and illustrated by the cases of the course that have it: the
essay's examples (the catalog) and the practice cases. Every attribute also has an ``unknown``
entry, for a case that leaves it open.

Examples
--------
>>> entry = glossary("platform_ownership")["cooperative"]
>>> entry.attribute, entry.value
('platform_ownership', 'cooperative')
>>> "Mondragon" in entry.examples
True
>>> print(glossary("value_type"))
value_type: why the thing is produced: for direct use, or for sale
  use: The thing is made to be used directly, not to be sold. (e.g. Open source (developers), Wikipedia, Couchsurfing)
  exchange: The thing is made to be sold on a market. (e.g. IKEA, Dell build-to-order, Procter & Gamble Connect and Develop)
  mixed: The thing is made both to be used directly and to be sold. (e.g. Craigslist)
  not_applicable: Nothing is produced in the essay's sense, so the question of use or sale does not arise. (e.g. Vendor Relationship Management)
  unknown: The case does not say why the thing is produced.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from .catalog import catalog
from .practice import practice_cases
from .vocabulary import ATTRIBUTES, match_name

if TYPE_CHECKING:
    import pandas

__all__ = ["UNKNOWN", "Glossary", "GlossaryEntry", "glossary", "glossary_frame"]

UNKNOWN = "unknown"
"""The glossary's name for an attribute a case leaves open."""

_SHOWN_EXAMPLES = 3


@dataclass(frozen=True)
class GlossaryEntry:
    """One value of one attribute: what it means and which cases of the course have it."""

    attribute: str
    value: str
    meaning: str
    examples: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.examples[:_SHOWN_EXAMPLES])
        return f"{self.value}: {self.meaning}" + (f" (e.g. {shown})" if shown else "")


@dataclass(frozen=True, repr=False)
class Glossary:
    """Glossary entries, in the vocabulary's order; prints as text, shows as Markdown."""

    entries: tuple[GlossaryEntry, ...]

    def __repr__(self) -> str:
        return str(self)

    def __iter__(self) -> Iterator[GlossaryEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, value: str) -> GlossaryEntry:
        """The entry for ``value`` (of a one-attribute glossary, or as ``"attribute.value"``)."""
        attribute, _, bare = value.rpartition(".")
        found = [e for e in self.entries if e.value == bare and attribute in ("", e.attribute)]
        if len(found) != 1:
            valid = sorted({e.value for e in self.entries})
            raise KeyError(f"no single glossary entry {value!r}; values: {', '.join(valid)}")
        return found[0]

    def _attributes(self) -> list[str]:
        return list(dict.fromkeys(e.attribute for e in self.entries))

    def __str__(self) -> str:
        lines = []
        for attribute in self._attributes():
            lines.append(f"{attribute}: {ATTRIBUTES[attribute].meaning}")
            lines += [f"  {e}" for e in self.entries if e.attribute == attribute]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        lines = []
        for attribute in self._attributes():
            lines += [f"**`{attribute}`**: {ATTRIBUTES[attribute].meaning}", ""]
            lines += [
                f"- `{e.value}`: {str(e).partition(': ')[2]}"
                for e in self
                if e.attribute == attribute
            ]
            lines.append("")
        return "\n".join(lines).rstrip()


@cache
def _meanings() -> dict[str, dict[str, str]]:
    import tomllib
    from importlib.resources import files

    raw = tomllib.loads(files("ladderlib").joinpath("data/glossary.toml").read_text("utf-8"))
    if set(raw) != set(ATTRIBUTES):
        raise ValueError(f"glossary.toml must define exactly the attributes {sorted(ATTRIBUTES)}")
    for name, attribute in ATTRIBUTES.items():
        expected = {*attribute.values, UNKNOWN}
        if set(raw[name]) != expected:
            raise ValueError(
                f"glossary.toml [{name}] must define exactly {sorted(expected)} "
                f"(got {sorted(raw[name])})"
            )
    return raw


@cache
def _all_entries(practice: bool) -> tuple[GlossaryEntry, ...]:
    cases = catalog() + (practice_cases() if practice else ())
    result = []
    for name, attribute in ATTRIBUTES.items():
        for value in (*attribute.values, UNKNOWN):
            have = tuple(c.name for c in cases if (getattr(c, name) or UNKNOWN) == value)
            result.append(GlossaryEntry(name, value, _meanings()[name][value], have))
    return tuple(result)


def glossary(*attributes: str, practice: bool = True) -> Glossary:
    """The glossary of the given attributes (spelling forgiven), or of the whole vocabulary.

    Parameters
    ----------
    *attributes
        Attribute names; none means every attribute of the vocabulary.
    practice
        Whether the examples include the practice cases. The lessons pass ``False``: their
        self-checks ask about the practice cases, and the glossary must not answer them.

    Raises
    ------
    ValueError
        For a name that is not an attribute: the message lists the attributes and suggests one.

    Examples
    --------
    >>> glossary("consumer_reach", practice=False)["choice"].examples
    ()
    >>> glossary("consumer_reach")["choice"].examples
    ('Spotify', 'Priceline Name Your Own Price')
    """
    wanted = [match_name(a, ATTRIBUTES, kind="attribute", plural="attributes") for a in attributes]
    return Glossary(tuple(e for e in _all_entries(practice) if not wanted or e.attribute in wanted))


def glossary_frame(*attributes: str) -> pandas.DataFrame:
    """The glossary as a pandas DataFrame: attribute, value, meaning, examples (pandas loaded now).

    Examples
    --------
    >>> df = glossary_frame("institution_type")
    >>> list(df.columns), len(df)
    (['attribute', 'value', 'meaning', 'examples'], 5)
    """
    import pandas as pd

    rows = [
        {
            "attribute": e.attribute,
            "value": e.value,
            "meaning": e.meaning,
            "examples": ", ".join(e.examples),
        }
        for e in glossary(*attributes)
    ]
    return pd.DataFrame(rows, columns=["attribute", "value", "meaning", "examples"])
