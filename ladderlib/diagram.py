"""Pictures of the two ladders with cases placed on them, each with a text alternative.

:func:`picture` draws Comtesse's direct-economy ladder and Bauwens's six hybrid models side by
side (matplotlib), puts each case where :func:`ladderlib.place` puts it, and returns a
:class:`Picture`: the figure, and a text alternative that says the same in words. In a notebook
a Picture shows as an ``<img>`` whose ``alt`` is that text, with the text also in a caption.

Only :class:`matplotlib.figure.Figure` is used, never ``pyplot``: drawing changes no global
matplotlib state. Where matplotlib cannot be imported (the course's browser edition), a
Picture is its text alternative alone, shown as text.

Examples
--------
>>> from ladderlib.catalog import example
>>> pic = picture([example("IKEA"), example("Mondragon")])
>>> print(pic.alt)  # doctest: +NORMALIZE_WHITESPACE
Two ladders side by side. Left, Comtesse's direct-economy ladder (the firm's polarity), from
passive consumption at the bottom to co-creation at the top: DIY: IKEA. Right, Bauwens's six
hybrid models (the community's polarity): model 5, cooperative production for the market:
Mondragon. Not on the direct-economy ladder: Mondragon. Not among the hybrid models: IKEA.
>>> pic.html().startswith('<figure class="ladderlib-picture"><img alt="Two ladders')
True
"""

from __future__ import annotations

import base64
import html
import io
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from .cases import Case
from .ladders import DirectEconomyRung, HybridModel, Ladder
from .placement import place

__all__ = ["Picture", "describe", "draw", "picture"]

_FIRM_COLOUR = "#c6dbef"  # light blue: the firm's polarity
_COMMUNITY_COLOUR = "#c7e9c0"  # light green: the community's polarity


@dataclass(frozen=True)
class Picture:
    """A matplotlib figure with its text alternative; shows as an ``<img alt=...>`` in notebooks.

    Use :meth:`from_figure` to give any figure (a pandas plot, say) the same treatment.
    """

    figure: Figure | None
    alt: str

    @classmethod
    def from_figure(cls, figure: Figure, alt: str) -> Picture:
        """Wrap a figure drawn elsewhere; ``alt`` must say in words what the figure shows.

        Raises
        ------
        ValueError
            When ``alt`` is blank: a picture without a text alternative is unreadable to some.
        """
        if not isinstance(alt, str) or not alt.strip():
            raise ValueError("a picture needs a text alternative: pass alt='what the figure shows'")
        return cls(figure, alt.strip())

    def png(self) -> bytes:
        """The figure as PNG bytes."""
        if self.figure is None:
            raise ValueError("this picture is text only: matplotlib is not available here")
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
        return buffer.getvalue()

    def html(self) -> str:
        """An ``<img>`` with the text alternative as ``alt``, and the same text as a caption."""
        if self.figure is None:
            return (
                f'<figure class="ladderlib-picture"><p>{html.escape(self.alt)}</p>'
                "<figcaption>(A text picture: drawing needs matplotlib, which is not available "
                "here.)</figcaption></figure>"
            )
        data = base64.b64encode(self.png()).decode("ascii")
        alt = html.escape(self.alt, quote=True)
        return (
            f'<figure class="ladderlib-picture"><img alt="{alt}" '
            f'src="data:image/png;base64,{data}" style="max-width:100%"/>'
            f"<figcaption><details><summary>Text description of the picture</summary>"
            f"<p>{html.escape(self.alt)}</p></details></figcaption></figure>"
        )

    def _repr_html_(self) -> str:
        return self.html()

    def __str__(self) -> str:
        return self.alt


def _rows(cases: Sequence[Case]) -> tuple[dict[Ladder, list[str]], list[str], list[str]]:
    placed: dict[Ladder, list[str]] = {rung: [] for rung in DirectEconomyRung}
    placed.update({model: [] for model in HybridModel})
    no_rung: list[str] = []
    no_model: list[str] = []
    for case in cases:
        p = place(case)
        for answer, missing in ((p.rung, no_rung), (p.model, no_model)):
            if answer is None:
                missing.append(case.name)
            else:
                placed[answer].append(case.name)
    return placed, no_rung, no_model


def _check(cases: Iterable[Case]) -> list[Case]:
    result = list(cases)
    for case in result:
        if not isinstance(case, Case):
            raise TypeError(f"the ladders show Case objects (got {type(case).__name__} {case!r})")
    return result


def describe(cases: Iterable[Case]) -> str:
    """The text alternative of :func:`draw`: the same placements, in words."""
    cases = _check(cases)
    placed, no_rung, no_model = _rows(cases)
    rungs = [f"{r.label}: {', '.join(placed[r])}" for r in reversed(DirectEconomyRung) if placed[r]]
    models = [
        f"model {m.number}, {m.label}: {', '.join(placed[m])}" for m in HybridModel if placed[m]
    ]
    text = (
        "Two ladders side by side. Left, Comtesse's direct-economy ladder (the firm's polarity), "
        "from passive consumption at the bottom to co-creation at the top: "
        f"{'; '.join(rungs) or 'no case'}. Right, Bauwens's six hybrid models (the community's "
        f"polarity): {'; '.join(models) or 'no case'}."
    )
    if no_rung:
        text += f" Not on the direct-economy ladder: {', '.join(no_rung)}."
    if no_model:
        text += f" Not among the hybrid models: {', '.join(no_model)}."
    return text


def _panel(ax: object, title: str, rows: Sequence[tuple[str, list[str]]], colour: str) -> None:
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes)
    ax.set_title(title, fontsize=11, loc="left")
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.5, len(rows) - 0.5)
    ax.axis("off")
    for y, (label, names) in enumerate(rows):
        ax.barh(y, 1, height=0.86, color=colour, edgecolor="#444444")
        ax.text(0.02, y + 0.26, label, fontsize=9, fontweight="bold", va="center")
        shown = textwrap.fill(", ".join(names), width=80) if names else "-"
        ax.text(0.04, y + 0.1, shown, fontsize=8.5, va="top", color="#111111")


def draw(cases: Iterable[Case], title: str | None = None) -> Figure:
    """Draw both ladders side by side with each case on its rung and model.

    Cases that sit on neither rung or model are listed under the ladder concerned.

    Raises
    ------
    TypeError
        When an item is not a :class:`~ladderlib.cases.Case`.
    """
    from matplotlib.figure import Figure

    cases = _check(cases)
    placed, no_rung, no_model = _rows(cases)
    figure = Figure(figsize=(12, 5.6), layout="constrained")
    left, right = figure.subplots(1, 2)
    _panel(
        left,
        "Direct economy (Comtesse): the firm's polarity",
        [(f"{r.level}. {r.label}", placed[r]) for r in DirectEconomyRung],
        _FIRM_COLOUR,
    )
    _panel(
        right,
        "Hybrid models (Bauwens): the community's polarity",
        [(f"model {m.number}: {m.label}", placed[m]) for m in HybridModel],
        _COMMUNITY_COLOUR,
    )
    for ax, missing, what in ((left, no_rung, "rung"), (right, no_model, "model")):
        if missing:
            note = textwrap.fill(f"No {what}: {', '.join(missing)}", width=70)
            ax.text(0, -0.62, note, fontsize=8, va="top", color="#333333", style="italic")
    if title:
        figure.suptitle(title, fontsize=12)
    return figure


def picture(cases: Iterable[Case], title: str | None = None) -> Picture:
    """Both ladders with the cases placed, and the matching text alternative.

    Examples
    --------
    >>> from ladderlib.catalog import example
    >>> pic = picture([example("YouTube")], title="YouTube")
    >>> "co-creation: YouTube" in pic.alt and "model 4" in pic.alt
    True
    """
    cases = _check(cases)
    try:
        import matplotlib  # noqa: F401
    except ImportError:  # the browser edition: the text alternative alone
        return Picture(None, describe(cases))
    return Picture(draw(cases, title), describe(cases))
