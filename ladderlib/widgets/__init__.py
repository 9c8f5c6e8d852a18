"""Widgets for the lessons: thin ipywidgets composites over the pure modules.

Each widget is a ``VBox`` built once: labelled controls (every one has a visible label, which
is also its accessible name), and an ``Output`` that shows the feedback. Controls react through
``observe(names="value")`` or a button's ``on_click``, so each widget works headless: set a
control's ``.value``, call a button's ``.click()`` and read :attr:`~Panel.shown_text`.

Widgets never hold graded answers: those live in plain variables checked with
:func:`ladderlib.check_rung` and friends, because nbgrader re-runs notebooks without a browser.

Examples
--------
>>> from ladderlib.widgets import LadderExplorer
>>> explorer = LadderExplorer()
>>> explorer.choice.value = explorer.choice.options[2][1]
>>> "IKEA" in explorer.shown_text
True
"""

from __future__ import annotations

from typing import Any

from .builder import CaseBuilder
from .explorers import LadderExplorer, TwoLenses
from .panel import Panel
from .progress_panel import ProgressPanel
from .sorting import DistinctionSorter, SortingExercise

__all__ = [
    "CaseBuilder",
    "CatalogBrowser",
    "DistinctionSorter",
    "LadderExplorer",
    "Panel",
    "ProgressPanel",
    "SortingExercise",
    "TwoLenses",
]


def __getattr__(name: str) -> Any:
    # The catalog browser needs pandas and matplotlib: imported on first use, so that the other
    # widgets also work where pandas is missing (the course's browser edition).
    if name == "CatalogBrowser":
        from .catalog_browser import CatalogBrowser

        return CatalogBrowser
    raise AttributeError(f"module 'ladderlib.widgets' has no attribute {name!r}")
