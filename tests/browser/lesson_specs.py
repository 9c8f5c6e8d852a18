"""What a student does in each lesson, and the feedback they must then see.

Two sources, one row per lesson each; a lesson missing from either fails its browser test:

* the main widget: the machine-readable table in ``course/README.md`` that the lessons keep
  (control label, option text, button text or ``-``, feedback text);
* a self-check typed into a code cell: ``self_checks.toml`` here (the variable to fill, what the
  student types, the feedback the check then shows).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from browser_session import REPO

README = REPO / "course" / "README.md"
SELF_CHECKS = Path(__file__).with_name("self_checks.toml")
TABLE_HEADER = ["lesson", "widget", "control", "option", "button", "feedback"]


@dataclass(frozen=True)
class WidgetSpec:
    """Choose ``option`` in the control labelled ``control``, click ``button`` (if any), see ``feedback``."""

    lesson: str
    widget: str
    control: str
    option: str
    button: str | None
    feedback: str


@dataclass(frozen=True)
class SelfCheck:
    """Replace ``variable = ...`` by ``variable = typed``, run the cell, see ``feedback``."""

    lesson: str
    variable: str
    typed: str
    feedback: str


def _cells(line: str) -> list[str]:
    return [cell.strip().strip("`").strip() for cell in line.strip().strip("|").split("|")]


def widget_specs(readme: Path = README) -> dict[str, WidgetSpec]:
    """The main-widget table of ``course/README.md``, keyed by notebook file name.

    Examples
    --------
    >>> import tempfile
    >>> text = '''| lesson | widget | control | option | button | feedback |
    ... |---|---|---|---|---|---|
    ... | 02_x.ipynb | LadderExplorer() | Rung | 3. DIY | - | A firm-run case sits here |
    ... '''
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "README.md").write_text(text)
    ...     specs = widget_specs(Path(tmp) / "README.md")
    >>> specs["02_x.ipynb"].button is None, specs["02_x.ipynb"].option
    (True, '3. DIY')
    """
    lines = readme.read_text().splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if _cells(line) == TABLE_HEADER)
    except StopIteration:
        raise ValueError(f"{readme} has no table with the columns {TABLE_HEADER}") from None
    specs = {}
    for line in lines[start + 2 :]:
        if not line.strip().startswith("|"):
            break
        lesson, widget, control, option, button, feedback = _cells(line)
        specs[lesson] = WidgetSpec(
            lesson, widget, control, option, None if button in {"-", ""} else button, feedback
        )
    return specs


def self_checks(path: Path = SELF_CHECKS) -> dict[str, SelfCheck]:
    """The typed self-check of each lesson, keyed by notebook file name."""
    data = tomllib.loads(path.read_text())
    return {
        lesson: SelfCheck(lesson, row["variable"], row["typed"], row["feedback"])
        for lesson, row in data.items()
    }
