"""The case builder: choose a case's attributes and watch place() answer on both lenses."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..cases import Case
from ..placement import Placement, place
from ..vocabulary import ATTRIBUTES, DECIDING_ATTRIBUTES
from .explorers import describe_lens
from .panel import Panel, case_label, course_cases, dropdown

__all__ = ["CaseBuilder"]

UNKNOWN = "unknown"


class CaseBuilder(Panel):
    """One dropdown per attribute that :func:`ladderlib.place` reads; the placement updates live.

    "Start from" loads one of the essay's examples into the dropdowns (the practice cases are
    left for the self-checks); then change any attribute.
    Each dropdown is labelled with the attribute's name and also offers "unknown".

    Examples
    --------
    >>> builder = CaseBuilder()
    >>> builder.attribute["framework_control"].value = "firm"
    >>> builder.attribute["consumer_reach"].value = "customization"
    >>> builder.placement.rung.label
    'co-design'
    >>> "so the rung is co-design" in builder.shown_text
    True
    """

    def __init__(self, **kwargs: Any) -> None:
        self.start = dropdown(
            "Start from", [("(a blank case)", None), *((case_label(c), c) for c in course_cases())]
        )
        self.attribute: dict[str, w.Dropdown] = {
            name: dropdown(name, [(UNKNOWN, UNKNOWN), *((v, v) for v in ATTRIBUTES[name].values)])
            for name in DECIDING_ATTRIBUTES
        }
        for name, control in self.attribute.items():
            control.tooltip = ATTRIBUTES[name].meaning
        self._loading = False
        hint = w.HTML("<p>Change any attribute below; the placement updates at once.</p>")
        super().__init__([self.start, hint, w.VBox(list(self.attribute.values()))], **kwargs)
        self.start.observe(self._load, names="value")
        for control in self.attribute.values():
            control.observe(self._update, names="value")
        self._update()

    @property
    def case(self) -> Case:
        """The case the dropdowns describe now."""
        start: Case | None = self.start.value
        values = {n: control.value for n, control in self.attribute.items()}
        return start.replace(**values) if start is not None else Case(name="Your case", **values)

    @property
    def placement(self) -> Placement:
        """:func:`ladderlib.place` of :attr:`case`."""
        return place(self.case)

    def _load(self, change: object = None) -> None:
        start: Case | None = self.start.value
        self._loading = True
        try:
            for name, control in self.attribute.items():
                value = getattr(start, name) if start is not None else None
                control.value = value if value is not None else UNKNOWN
        finally:
            self._loading = False
        self._update()

    def _update(self, change: object = None) -> None:
        if self._loading:
            return
        placement = self.placement
        parts = [
            describe_lens(placement, "direct_economy"),
            describe_lens(placement, "peer_production"),
        ]
        if placement.missing:
            parts.append(f"Unknown but needed: {', '.join(placement.missing)}.")
        self.show(*parts)
