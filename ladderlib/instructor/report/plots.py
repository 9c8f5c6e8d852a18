"""The report's pictures, drawn with matplotlib and returned as base64 PNG for ``<img src=data:>``.

Figures are made with :class:`matplotlib.figure.Figure` and rendered by the Agg canvas, so no
window opens and pyplot's global state is never touched. Every picture here has its numbers in
a table next to it on the page.

Examples
--------
>>> png = histogram([3.0, 5.0, 5.0], 10.0)
>>> png.startswith("iVBORw0KGgo")  # the PNG signature, in base64
True
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from typing import Any

from .summaries import AttributeStat, Grid

__all__ = ["attribute_bars", "bin_counts", "bins", "heatmap", "histogram"]

_DPI = 96
_INK = "#1f3b5a"


def _png(figure: Any) -> str:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def bins(max_total: float, count: int = 10) -> list[tuple[float, float]]:
    """``count`` equal score bins from 0 to ``max_total`` (the last one closed).

    Examples
    --------
    >>> bins(10.0, 2)
    [(0.0, 5.0), (5.0, 10.0)]
    """
    width = max_total / count if max_total > 0 else 1.0
    return [(round(i * width, 2), round((i + 1) * width, 2)) for i in range(count)]


def bin_counts(totals: Sequence[float], edges: Sequence[tuple[float, float]]) -> list[int]:
    """How many totals fall in each bin (a total on the last upper edge counts in the last bin)."""
    counts = [0] * len(edges)
    for total in totals:
        for i, (low, high) in enumerate(edges):
            if low <= total < high or (i == len(edges) - 1 and total == high):
                counts[i] += 1
                break
    return counts


def histogram(totals: Sequence[float], max_total: float) -> str:
    """A bar chart of the class's totals in ten bins from 0 to ``max_total``."""
    edges = bins(max_total)
    counts = bin_counts(totals, edges)
    figure = _figure(6.4, 2.8)
    axes = figure.add_subplot()
    width = edges[0][1] - edges[0][0]
    axes.bar([low for low, _ in edges], counts, width=width, align="edge", color=_INK,
             edgecolor="white")  # fmt: skip
    axes.set_xlim(0, max(max_total, width))
    axes.set_xlabel("total points")
    axes.set_ylabel("submissions")
    axes.yaxis.get_major_locator().set_params(integer=True)
    return _png(figure)


def heatmap(table: Grid) -> str:
    """Expected (rows) against given (columns) answers, each cell showing its count."""
    import numpy as np

    counts = np.array(table.counts)
    size = len(table.labels)
    figure = _figure(1.0 + 0.85 * size, 0.9 + 0.6 * size)
    axes = figure.add_subplot()
    axes.imshow(counts, cmap="Blues", vmin=0, vmax=max(1, int(counts.max())))
    axes.set_xticks(range(size), table.labels, rotation=35, ha="right")
    axes.set_yticks(range(size), table.labels)
    axes.set_xlabel("answer given")
    axes.set_ylabel("answer expected")
    middle = counts.max() / 2
    for (row, column), value in np.ndenumerate(counts):
        if value:
            colour = "white" if value > middle else "black"
            axes.text(column, row, str(value), ha="center", va="center", color=colour)
    return _png(figure)


def attribute_bars(stats: Sequence[AttributeStat]) -> str:
    """Horizontal bars: the share of wrong answers for each attribute asked."""
    figure = _figure(6.4, 0.6 + 0.45 * max(1, len(stats)))
    axes = figure.add_subplot()
    names = [s.attribute for s in stats]
    shares = [100 * s.share for s in stats]
    axes.barh(names, shares, color=_INK)
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel("wrong answers (% of those given)")
    for y, share in enumerate(shares):
        axes.text(min(share + 1, 90), y, f"{share:.0f} %", va="center")
    return _png(figure)
