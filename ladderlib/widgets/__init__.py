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

from .builder import CaseBuilder
from .catalog_browser import CatalogBrowser
from .explorers import LadderExplorer, TwoLenses
from .panel import Panel
from .sorting import DistinctionSorter, SortingExercise

__all__ = [
    "CaseBuilder",
    "CatalogBrowser",
    "DistinctionSorter",
    "LadderExplorer",
    "Panel",
    "SortingExercise",
    "TwoLenses",
]
