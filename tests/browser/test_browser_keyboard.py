"""Every lesson's main widget, used with the keyboard alone, in JupyterLab in headless Chromium.

One test per row of ``course/README.md``'s widget table: open the lesson, Run All, then without the
mouse (and without focusing the control from script):

1. move JupyterLab's active cell to the widget's cell with ArrowUp/ArrowDown (command mode),
2. press Tab until the control with the row's label is ``document.activeElement``,
3. open the native ``<select>``'s list with Alt+ArrowDown, move to the row's option with the arrow
   keys, press Enter,
4. if the row has a button: Tab to it and press Enter or Space (alternating over the rows, so both
   activation keys are exercised),
5. see the row's feedback text in the widget's output.

Every step is bounded (key presses counted) and fails with what had the focus instead. After the
keys, the notebook must be as it was (same cells, same types, command mode, same active cell): a
JupyterLab shortcut that swallowed a key would show there.

Why the list is opened first (measured here, JupyterLab 4.6.6, ipywidgets 8.1.9, Chromium 156): on
a *closed* dropdown, JupyterLab's command-mode shortcuts take the keys a ``<select>`` uses. ArrowUp
and ArrowDown move the active cell (focus leaves the widget, the value does not change), and
type-ahead letters that are shortcuts (A B C D J K M O R V X Y Z) insert, copy, delete or convert
cells. Home, End, PageUp and PageDown, and everything inside the opened list (Alt+ArrowDown or
Space), reach the widget. Known upstream: jupyter-widgets/ipywidgets#3912.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from browser_session import REPO, TIMINGS
from lab_page import error_outputs, notebook_panel, open_notebook, run_all
from lesson_specs import WidgetSpec, widget_specs
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

SPECS = widget_specs()
ROWS = sorted(SPECS)
BUTTON_ROWS = [lesson for lesson in ROWS if SPECS[lesson].button is not None]
OPEN_LIST = "Alt+ArrowDown"  # Space opens it too; plain ArrowDown is taken by JupyterLab
SPARE_PRESSES = 2

_NOTEBOOK_STATE_JS = """
() => {
  const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  if (!nb) return null;
  const cells = [...nb.querySelectorAll(':scope .jp-Cell')];
  const active = cells.findIndex(c => c.classList.contains('jp-mod-active'));
  return {
    mode: nb.classList.contains('jp-mod-editMode') ? 'edit' : 'command',
    active: active,
    focusOnActiveCell: active >= 0 && document.activeElement === cells[active],
    cells: cells.map(c => c.classList.contains('jp-CodeCell') ? 'code'
                        : c.classList.contains('jp-MarkdownCell') ? 'markdown' : 'raw'),
  };
}
"""

# ipywidgets writes option texts with non-breaking spaces; the table uses plain ones.
OPTIONS_JS = "s => [[...s.options].map(o => o.text.replace(/\\u00a0/g, ' ')), s.selectedIndex]"

_DESCRIBE_FOCUS_JS = """
() => {
  const e = document.activeElement;
  if (!e || e === document.body) return '(nothing: body)';
  const name = e.getAttribute('aria-label') || (e.labels && e.labels[0]?.textContent)
    || (e.textContent || '').trim().slice(0, 40);
  return `<${e.tagName.toLowerCase()} class="${e.className}"> ${JSON.stringify(name)}`;
}
"""


def notebook_state(page: Page) -> dict[str, Any]:
    state = page.evaluate(_NOTEBOOK_STATE_JS)
    assert state is not None, "no notebook is open"
    return dict(state)


def focused(page: Page) -> str:
    """What has the keyboard focus now, for failure messages."""
    return str(page.evaluate(_DESCRIBE_FOCUS_JS))


def has_focus(target: Locator) -> bool:
    return bool(target.evaluate("el => el === document.activeElement"))


def cell_index_of(page: Page, control: Locator) -> int:
    """Index (among the notebook's cells) of the cell whose output holds ``control``."""
    index = control.evaluate(
        """el => [...document.querySelectorAll(
                 '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')]
               .findIndex(cell => cell.contains(el))"""
    )
    assert index >= 0, "the control is not inside a notebook cell"
    return int(index)


def go_to_cell(page: Page, index: int) -> int:
    """Make cell ``index`` the active, focused cell with Escape and ArrowUp/ArrowDown; return presses."""
    bound = 2 * len(notebook_state(page)["cells"]) + SPARE_PRESSES
    for presses in range(bound + 1):
        state = notebook_state(page)
        if state["mode"] == "command" and state["active"] == index and state["focusOnActiveCell"]:
            return presses
        if state["mode"] == "edit":
            key = "Escape"
        elif state["active"] > index or (state["active"] == index and index > 0):
            key = "ArrowUp"  # from the cell itself: up and back down focuses it
        else:
            key = "ArrowDown"
        page.keyboard.press(key)
    raise AssertionError(
        f"{bound} presses of Escape/ArrowUp/ArrowDown did not make cell {index} the active, "
        f"focused cell: {notebook_state(page)}; focus on {focused(page)}"
    )


def tab_to(page: Page, target: Locator, what: str, bound: int) -> int:
    """Press Tab until ``target`` is ``document.activeElement``; return the presses it took."""
    visited = []
    for presses in range(1, bound + 1):
        page.keyboard.press("Tab")
        if has_focus(target):
            return presses
        visited.append(focused(page))
    raise AssertionError(
        f"{bound} Tab presses did not reach {what}; the focus went to:\n  " + "\n  ".join(visited)
    )


def tabbable_in(cell: Locator) -> int:
    """How many elements in the cell's outputs take the focus with Tab (the bound for Tab)."""
    return int(
        cell.locator(".jp-OutputArea")
        .locator("select, button, input, textarea, a[href], [tabindex]:not([tabindex='-1'])")
        .count()
    )


def open_list_at(page: Page, control: Locator, option: str) -> None:
    """Open the focused ``<select>``'s list and arrow to ``option`` (Enter then chooses it)."""
    texts, selected = control.evaluate(OPTIONS_JS)
    assert option in texts, f"no option {option!r} in the control; it offers {texts}"
    steps = texts.index(option) - selected
    assert steps != 0, f"{option!r} is already chosen: choosing it again changes nothing"
    page.keyboard.press(OPEN_LIST)
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")


@pytest.mark.parametrize("lesson", ROWS or ["(no row in course/README.md's widget table)"])
def test_main_widget_by_keyboard(page: Page, lab: Any, lesson: str) -> None:
    assert ROWS, "course/README.md's widget table has no row"
    spec: WidgetSpec = SPECS[lesson]
    assert (REPO / "course" / lesson).is_file(), f"the widget table names a missing {lesson}"
    open_notebook(page, lab.lab_url(f"course/{lesson}", workspace=f"kbd-{Path(lesson).stem}"))
    run_all(page)
    assert error_outputs(page) == [], f"{lesson} shows errors after Run All"

    panel = notebook_panel(page)
    control = panel.get_by_label(spec.control, exact=True)
    expect(control, f"one control labelled {spec.control!r}").to_have_count(1)
    feedback = panel.locator(".widget-output").get_by_text(spec.feedback)
    expect(feedback, "feedback shown before the student acted").to_have_count(0)
    index = cell_index_of(page, control)
    cell = panel.locator(".jp-Cell").nth(index)
    bound = tabbable_in(cell) + SPARE_PRESSES

    to_cell = go_to_cell(page, index)
    before = notebook_state(page)
    tabs = tab_to(page, control, f"the control labelled {spec.control!r}", bound)
    open_list_at(page, control, spec.option)
    began = time.monotonic()
    page.keyboard.press("Enter")
    texts, selected = control.evaluate(OPTIONS_JS)
    chosen = texts[selected]
    assert chosen == spec.option, (
        f"after {OPEN_LIST}, arrows and Enter the control shows {chosen!r}, not {spec.option!r}"
    )
    assert has_focus(control), f"the focus left the control: it is on {focused(page)}"

    pressed = "Enter"
    if spec.button is not None:
        button = panel.get_by_role("button", name=spec.button, exact=True)
        expect(button, f"one button {spec.button!r}").to_have_count(1)
        tabs += tab_to(page, button, f"the button {spec.button!r}", bound)
        pressed = "Enter" if BUTTON_ROWS.index(lesson) % 2 == 0 else "Space"
        began = time.monotonic()
        page.keyboard.press(pressed)
    expect(feedback.first).to_be_visible()
    elapsed = time.monotonic() - began

    after = notebook_state(page)
    for key in ("mode", "active", "cells"):
        assert after[key] == before[key], (
            f"a key press reached JupyterLab instead of the widget: notebook {key} was "
            f"{before[key]!r}, is {after[key]!r}"
        )
    TIMINGS[f"{lesson}: keyboard {pressed} to feedback (s)"] = round(elapsed, 2)
    TIMINGS[f"{lesson}: keyboard presses (arrows to cell, Tab)"] = f"{to_cell}, {tabs}"
