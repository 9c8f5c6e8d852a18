"""course/README.md tells the browser tests how to drive each lesson's main widget; check every row.

Each row is replayed headless: the widget is built as the lesson builds it, the control found by its
label, the option chosen by its visible text, the button clicked by its text, and the feedback read.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import ipywidgets as w
import pytest

import ladderlib.widgets as lw

COURSE = Path(__file__).resolve().parents[2] / "course"


def _rows() -> list[list[str]]:
    text = (COURSE / "README.md").read_text("utf-8")
    lines = [line for line in text.splitlines() if line.startswith("| ") and ".ipynb" in line]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def _controls(widget: w.Widget) -> list[w.Widget]:
    found = []
    for child in getattr(widget, "children", ()):
        found += [child, *_controls(child)]
    return found


def _plain(markdown: str) -> str:
    return re.sub(r"[`*]", "", markdown)


def test_the_table_covers_every_lesson():
    lessons = sorted(p.name for p in COURSE.glob("[0-9][0-9]_*.ipynb"))
    assert [row[0] for row in _rows()] == lessons


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row[0])
def test_each_row_drives_its_widget_headless(row):
    lesson, constructor, control_label, option, button_text, feedback = row
    source = "".join(
        "".join(cell["source"])
        for cell in json.loads((COURSE / lesson).read_text("utf-8"))["cells"]
        if cell["cell_type"] == "code"
    )
    assert constructor in source, f"{lesson} does not build {constructor}"
    name, _, args = constructor.partition("(")
    widget = getattr(lw, name)(*eval(f"[{args[:-1]}]"))
    controls = _controls(widget)
    [control] = [
        c for c in controls if isinstance(c, w.Dropdown) and c.description == control_label
    ]
    [value] = [v for label, v in control.options if label == option]
    control.value = value
    if button_text != "-":
        [button] = [c for c in controls if isinstance(c, w.Button) and c.description == button_text]
        button.click()
    assert feedback in _plain(widget.shown_text)
