"""Practice cases for the lessons: real cases the essay does not discuss, each with a date.

The essay's own examples live in the catalog (:mod:`ladderlib.catalog`); the lessons teach with
them. The lessons' self-checks ask about these later cases instead (Spotify, LEGO Ideas, Etsy,
Zooniverse...), described as they stood on the date in ``as_of``, to test whether what a
student learned carries over. No widget offers them. They are data, in
``ladderlib/data/practice.toml``, and are kept apart from the cases of the graded assignments.

Examples
--------
>>> [c.name for c in practice_cases()][:2]
['Spotify', 'Supermarket self-checkout']
>>> practice_case("etsy").as_of
2020
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files

from .cases import Case
from .vocabulary import match_name

__all__ = ["practice_case", "practice_cases"]


@cache
def practice_cases() -> tuple[Case, ...]:
    """The practice cases, in the order the lessons use them."""
    raw = tomllib.loads(files("ladderlib").joinpath("data/practice.toml").read_text("utf-8"))
    return tuple(Case.from_mapping(row) for row in raw["case"])


def practice_case(name: str) -> Case:
    """The practice case called ``name`` (case and spacing forgiven).

    Raises
    ------
    ValueError
        For a name that is not a practice case: the message lists the names and suggests one.
    """
    by_name = {case.name: case for case in practice_cases()}
    return by_name[match_name(name, by_name, kind="practice case", plural="names")]
