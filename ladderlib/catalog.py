"""The essay's own examples, as data.

The examples of Michel Bauwens's "Business models for peer production" live in
``ladderlib/data/catalog.toml``: each with its attributes, a short description in the course's
own words, and where the essay itself places it. :func:`catalog` gives them as
:class:`~ladderlib.cases.Case` objects, :func:`entries` with the essay's placement, and
:func:`catalog_frame` as a pandas DataFrame (pandas is imported only then).

Examples
--------
>>> [c.name for c in catalog()][:3]
['IKEA', 'Dell build-to-order', 'Procter & Gamble Connect and Develop']
>>> example("ikea").consumer_reach
'production_logistics_labor'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from .cases import Case
from .ladders import DirectEconomyRung, HybridModel
from .placement import place
from .vocabulary import ATTRIBUTES, match_name, normalize

if TYPE_CHECKING:
    import pandas

__all__ = ["CatalogEntry", "catalog", "catalog_frame", "entries", "example"]


@dataclass(frozen=True)
class CatalogEntry:
    """One example of the essay: the case, what the essay says of it, and its placement there."""

    case: Case
    essay_says: str
    essay_rung: DirectEconomyRung | None
    essay_model: HybridModel | None
    procedure_note: str = ""
    """Set where the decision procedure places the case on a ladder the essay leaves it off."""


@cache
def entries() -> tuple[CatalogEntry, ...]:
    """Every example of the essay with the essay's own placement, in the essay's order."""
    import tomllib  # read once, on first use, so that ``import ladderlib`` stays light
    from importlib.resources import files

    raw = tomllib.loads(files("ladderlib").joinpath("data/catalog.toml").read_text("utf-8"))
    result = []
    for row in raw["case"]:
        row = dict(row)
        essay_says = row.pop("essay_says")
        procedure_note = row.pop("procedure_note", "")
        rung, model = row.pop("essay_rung"), row.pop("essay_model")
        result.append(
            CatalogEntry(
                case=Case.from_mapping(row),
                essay_says=essay_says,
                essay_rung=DirectEconomyRung.parse(rung) if rung else None,
                essay_model=HybridModel.parse(model) if model else None,
                procedure_note=procedure_note,
            )
        )
    return tuple(result)


def catalog() -> tuple[Case, ...]:
    """The essay's examples as :class:`~ladderlib.cases.Case` objects."""
    return tuple(entry.case for entry in entries())


def example(name: str) -> Case:
    """The catalog case called ``name`` (case and spacing forgiven).

    Raises
    ------
    ValueError
        For a name not in the catalog: the message lists the names and suggests the closest.
    """
    by_name = {case.name: case for case in catalog()}
    aliases = {normalize(n.split(" ")[0]): n for n in by_name}
    return by_name[match_name(name, by_name, kind="catalog case", plural="names", aliases=aliases)]


def catalog_frame() -> pandas.DataFrame:
    """The catalog as a pandas DataFrame: one row per example.

    Columns: ``name``, ``description``, every attribute of the vocabulary, ``as_of``, the
    essay's placement (``essay_rung``, ``essay_model``) and the procedure's (``rung``,
    ``model``), rungs as their labels and models as their numbers (missing as ``<NA>``).

    Examples
    --------
    >>> df = catalog_frame()
    >>> print(df.set_index("name").loc["Mondragon", "model"])
    5
    """
    import pandas as pd

    rows = []
    for entry in entries():
        placement = place(entry.case)
        rows.append(
            {
                "name": entry.case.name,
                "description": entry.case.description,
                **entry.case.attributes(),
                "as_of": entry.case.as_of,
                "essay_rung": entry.essay_rung.label if entry.essay_rung else None,
                "essay_model": entry.essay_model.number if entry.essay_model else None,
                "rung": placement.rung.label if placement.rung else None,
                "model": placement.model.number if placement.model else None,
            }
        )
    frame = pd.DataFrame(rows)
    for column in ("essay_model", "model"):
        frame[column] = frame[column].astype("Int64")
    rung_order = [rung.label for rung in DirectEconomyRung]
    for column in ("essay_rung", "rung"):
        frame[column] = pd.Categorical(frame[column], categories=rung_order, ordered=True)
    for attribute in ATTRIBUTES.values():
        frame[attribute.name] = pd.Categorical(frame[attribute.name], categories=attribute.values)
    return frame
