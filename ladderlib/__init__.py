"""ladderlib: the helper library of the course on Michel Bauwens's "Business models for peer production".

It models Comtesse's direct-economy ladder and Bauwens's six hybrid models, places a case on
both with reasons, holds the essay's examples as a catalog, checks students' answers with
feedback they can act on, and offers widgets for the lessons.

``import ladderlib`` is light: pandas is imported only by :func:`catalog_frame` and
:func:`glossary_frame`, and
ipywidgets only when ``ladderlib.widgets`` is used.

Examples
--------
>>> import ladderlib as ll
>>> ll.place(ll.example("Mondragon")).model
<HybridModel.COOPERATIVE_PRODUCTION: 5>
"""

from __future__ import annotations

import importlib
from typing import Any

from .cases import Case
from .catalog import CatalogEntry, catalog, catalog_frame, entries, example
from .checks import RUNG_CREDIT, check_attributes, check_distinction, check_model, check_rung
from .distinctions import Distinction, Judgement, distinguish
from .feedback import Feedback, is_unanswered, names_attribute
from .glossary import Glossary, GlossaryEntry, glossary, glossary_frame
from .hints import Hint, hint, solution
from .ladders import NOT_APPLICABLE, DirectEconomyRung, HybridModel
from .placement import Alternative, Placement, Step, place
from .vocabulary import ATTRIBUTES, DECIDING_ATTRIBUTES, Attribute

__version__ = "0.1.0"

__all__ = [
    "ATTRIBUTES",
    "DECIDING_ATTRIBUTES",
    "NOT_APPLICABLE",
    "RUNG_CREDIT",
    "Alternative",
    "Attribute",
    "Case",
    "CatalogEntry",
    "DirectEconomyRung",
    "Distinction",
    "Feedback",
    "Glossary",
    "GlossaryEntry",
    "Hint",
    "HybridModel",
    "Judgement",
    "Placement",
    "Step",
    "__version__",
    "catalog",
    "catalog_frame",
    "check_attributes",
    "check_distinction",
    "check_model",
    "check_rung",
    "diagram",
    "distinguish",
    "entries",
    "example",
    "glossary",
    "glossary_frame",
    "grading",
    "hint",
    "is_unanswered",
    "names_attribute",
    "place",
    "solution",
    "widgets",
]


# Submodules that pull in heavy dependencies (ipywidgets, matplotlib) or serve only one audience
# (nbgrader test cells) load on first attribute access: ``ll.widgets.LadderExplorer()``.
_LAZY_SUBMODULES = frozenset({"widgets", "diagram", "grading"})


def __getattr__(name: str) -> Any:
    if name in _LAZY_SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'ladderlib' has no attribute {name!r}")
