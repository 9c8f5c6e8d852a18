"""The catalog browser: count the course's cases by one attribute, as a table and a bar chart."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from ..catalog import catalog_frame
from ..diagram import Picture
from ..vocabulary import ATTRIBUTES
from .panel import Panel, dropdown

__all__ = ["CatalogBrowser"]

_COLUMNS = ("rung", "model", *ATTRIBUTES)


class CatalogBrowser(Panel):
    """Choose a column of :func:`ladderlib.catalog_frame` and see how many examples take each value.

    Examples
    --------
    >>> browser = CatalogBrowser()
    >>> browser.column.value = "value_type"
    >>> print(browser.shown_text.splitlines()[0])
    ### The essay's examples by value_type
    """

    def __init__(self, **kwargs: Any) -> None:
        self.frame = catalog_frame()
        self.column = dropdown("Count the examples by", [(c, c) for c in _COLUMNS])
        super().__init__([self.column], **kwargs)
        self.column.observe(self._update, names="value")
        self._update()

    def counts(self) -> Any:
        """How many examples take each value of the chosen column (a pandas Series)."""
        column = self.frame[self.column.value]
        counts = column.value_counts(sort=False, dropna=False)
        if not isinstance(column.dtype, pd.CategoricalDtype):
            counts = counts.sort_index()  # model numbers; categoricals keep the ladder's order
        counts.index = ["(none)" if pd.isna(value) else str(value) for value in counts.index]
        return counts

    def _update(self, change: object = None) -> None:
        name = self.column.value
        counts = self.counts()
        figure = Figure(figsize=(7, 3.2), layout="constrained")
        ax = figure.subplots()
        ax.barh([str(v) for v in counts.index], counts.to_numpy(), color="#6baed6")
        ax.set_xlabel("number of the essay's examples")
        ax.invert_yaxis()
        words = "; ".join(f"{value}: {n}" for value, n in counts.items())
        alt = f"Bar chart of the essay's {len(self.frame)} examples by {name}. {words}."
        self.show(
            f"### The essay's examples by {name}\n\n"
            + "\n".join(f"- `{value}`: {n}" for value, n in counts.items()),
            Picture.from_figure(figure, alt),
        )
