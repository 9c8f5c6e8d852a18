"""What a student does with each lesson's main widget, and the feedback they must then see.

The specs live in ``lesson_interactions.toml`` (taken from ``course/README.md``, where the lessons
document their widgets), one table per notebook in ``course/``:

.. code-block:: toml

    ["course/01-two-ladders.ipynb"]
    widget = "LadderExplorer"
    [[ "course/01-two-ladders.ipynb".steps ]]
    select = { label = "Rung", option = "3. DIY" }   # choose an option of a labelled dropdown
    expect = "IKEA"                                  # feedback text that must appear

A step's actions are any of ``select`` (label, option), ``type`` (label, text), ``check``
(a checkbox's label) and ``click`` (a button's text), done in that order; ``expect`` is text that
must be absent before the actions and visible in an output area after them. ``nth`` picks the
n-th (0-based) control with that label when a lesson shows the same widget twice.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SPEC_PATH = Path(__file__).with_name("lesson_interactions.toml")

ACTIONS = ("select", "type", "check", "click")


@dataclass(frozen=True)
class Step:
    """Controls to operate, then the feedback text the student must see."""

    actions: tuple[tuple[str, dict[str, Any]], ...]
    expect: str


@dataclass(frozen=True)
class LessonSpec:
    notebook: str
    widget: str
    steps: tuple[Step, ...] = field(default=())
    expect_after_run: tuple[str, ...] = field(default=())


def _step(raw: dict[str, Any], where: str) -> Step:
    unknown = set(raw) - {*ACTIONS, "expect"}
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}; use {[*ACTIONS, 'expect']}")
    if "expect" not in raw or not str(raw["expect"]).strip():
        raise ValueError(f"{where}: every step needs the feedback text to expect ('expect')")
    actions = []
    for kind in ACTIONS:
        if kind not in raw:
            continue
        value = raw[kind]
        if kind == "click" and isinstance(value, str):
            value = {"button": value}
        if kind == "check" and isinstance(value, str):
            value = {"label": value}
        actions.append((kind, dict(value)))
    if not actions:
        raise ValueError(f"{where}: a step must do something ({', '.join(ACTIONS)})")
    return Step(actions=tuple(actions), expect=str(raw["expect"]))


def load_specs(path: Path = SPEC_PATH) -> dict[str, LessonSpec]:
    """Every lesson's spec, keyed by its path relative to the repository root."""
    data = tomllib.loads(path.read_text())
    specs = {}
    for notebook, raw in data.items():
        steps = tuple(
            _step(step, f"{notebook} step {i + 1}") for i, step in enumerate(raw.get("steps", []))
        )
        specs[notebook] = LessonSpec(
            notebook=notebook,
            widget=str(raw["widget"]),
            steps=steps,
            expect_after_run=tuple(raw.get("expect_after_run", ())),
        )
    return specs
