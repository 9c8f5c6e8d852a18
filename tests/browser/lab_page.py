"""Driving a notebook in JupyterLab 4.6 the way a student does, with the pitfalls of testing-notes.md.

* The kernel is ready when the status bar reads "<kernel> | Idle": the execution indicator says idle
  before any kernel exists, and a Run All issued then does nothing.
* Run All is the Run menu's item ``data-command='runmenu:run-all'`` (no default shortcut).
* Widgets render inside ``.jp-OutputArea-output``; find them by role and label.
* ``full_page`` screenshots miss the notebook's inner scroll: enlarge the viewport instead.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from lesson_specs import SelfCheck, WidgetSpec
from playwright.sync_api import Locator, Page, expect

KERNEL_IDLE = re.compile(r"\|\s*Idle$")
NOTEBOOK_TIMEOUT_MS = 60_000
RUN_TIMEOUT_MS = 120_000
NOT_ATTEMPTED = "Not attempted"

# The parts of a notebook that the course wrote: rendered markdown and everything in an output
# area (widgets, tables, figures). JupyterLab's own chrome (menus, toolbars, editors, prompts,
# file browser) is everything else.
COURSE_CONTENT_SELECTORS = (
    ".jp-Notebook .jp-MarkdownCell .jp-RenderedMarkdown",
    ".jp-Notebook .jp-OutputArea-output",
)


@dataclass
class OpenTimings:
    """Seconds from navigation to: the notebook visible, and its kernel reading Idle."""

    notebook_visible_s: float
    kernel_idle_s: float


def open_notebook(page: Page, url: str) -> OpenTimings:
    """Navigate to ``url`` (a ``lab/tree/...`` URL) and wait until its kernel reads Idle."""
    began = time.monotonic()
    page.goto(url)
    notebook = page.locator(".jp-NotebookPanel:visible .jp-Notebook")
    expect(notebook).to_be_visible(timeout=NOTEBOOK_TIMEOUT_MS)
    visible = time.monotonic() - began
    # A notebook without a kernelspec in its metadata asks for one; take the default.
    dialog_select = page.locator(".jp-Dialog").get_by_role("button", name="Select")
    status = page.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE)
    deadline = time.monotonic() + NOTEBOOK_TIMEOUT_MS / 1000
    while not status.is_visible():
        if dialog_select.is_visible():
            dialog_select.click()
        if time.monotonic() > deadline:
            expect(status).to_be_visible(timeout=1)  # fails with Playwright's own message
        page.wait_for_timeout(50)
    return OpenTimings(notebook_visible_s=visible, kernel_idle_s=time.monotonic() - began)


_UNFINISHED_CELLS_JS = """
() => {
  const cells = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')];
  const pending = [];
  cells.forEach((cell, i) => {
    const source = cell.querySelector('.cm-content')?.textContent ?? '';
    const prompt = cell.querySelector('.jp-InputPrompt')?.textContent ?? '';
    if (source.trim() !== '' && !/\\[\\d+\\]/.test(prompt)) pending.push(`cell ${i}: ${prompt.trim()}`);
  });
  return pending;
}
"""


def run_all(page: Page) -> float:
    """Run every cell from the Run menu; wait until each non-empty code cell has an execution count.

    Returns the seconds from the click to the last cell done and the kernel idle again.
    """
    page.locator("#jp-menu-panel").get_by_role("menuitem", name="Run", exact=True).click()
    item = page.locator("[data-command='runmenu:run-all']")
    began = time.monotonic()
    item.click()
    page.wait_for_function(f"({_UNFINISHED_CELLS_JS})().length === 0", timeout=RUN_TIMEOUT_MS)
    expect(page.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE)).to_be_visible(
        timeout=RUN_TIMEOUT_MS
    )
    return time.monotonic() - began


def error_outputs(page: Page) -> list[str]:
    """The text of every traceback or stderr output shown in the open notebook."""
    return page.locator(
        ".jp-NotebookPanel:visible .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
    ).all_inner_texts()


def screenshot_notebook(page: Page, path: Path, width: int = 1280) -> None:
    """Save what a student sees of the whole notebook: the viewport grows to the notebook's height."""
    height = page.evaluate(
        """() => {
          const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer')
            ?? document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
          const chrome = window.innerHeight - (panel ? panel.clientHeight : 0);
          return Math.ceil((panel ? panel.scrollHeight : 0) + chrome);
        }"""
    )
    page.set_viewport_size({"width": width, "height": max(800, min(int(height), 16_000))})
    page.evaluate(
        """() => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer')
              .forEach(panel => { panel.scrollTop = 0; })"""
    )
    page.wait_for_timeout(300)  # let the windowed notebook lay out the newly visible cells
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))


def notebook_panel(page: Page) -> Locator:
    return page.locator(".jp-NotebookPanel:visible")


def use_main_widget(page: Page, spec: WidgetSpec) -> float:
    """Choose the option and click the button (if any); return seconds from the last act to feedback."""
    panel = notebook_panel(page)
    feedback = panel.locator(".widget-output").get_by_text(spec.feedback)
    expect(feedback, "feedback shown before the student acted").to_have_count(0)
    control = panel.get_by_label(spec.control, exact=True)
    began = time.monotonic()
    control.select_option(label=spec.option)
    if spec.button is not None:
        button = panel.get_by_role("button", name=spec.button, exact=True)
        began = time.monotonic()
        button.click()
    expect(feedback.first).to_be_visible()
    return time.monotonic() - began


def type_self_check(page: Page, check: SelfCheck) -> float:
    """Type an answer over the ``...`` placeholder and run the cell with Shift+Enter."""
    panel = notebook_panel(page)
    placeholder = f"{check.variable} = ..."
    cells = panel.locator(".jp-CodeCell")
    sources = cells.evaluate_all(
        "cells => cells.map(c => [...c.querySelectorAll('.cm-line')].map(l => l.textContent))"
    )
    found = [(i, j) for i, lines in enumerate(sources) for j, text in enumerate(lines)
             if text.strip() == placeholder]  # fmt: skip
    assert len(found) == 1, f"expected one code line reading {placeholder!r}, found {len(found)}"
    cell = cells.nth(found[0][0])
    line = cell.locator(".cm-line").nth(found[0][1])  # stays put while the text changes
    output = cell.locator(".jp-OutputArea-output")
    expect(output).to_contain_text(NOT_ATTEMPTED)
    expect(output).not_to_contain_text(check.feedback)
    line.click()
    page.keyboard.press("End")
    for _ in "...":
        page.keyboard.press("Backspace")
    page.keyboard.type(check.typed)
    expect(line).to_have_text(f"{check.variable} = {check.typed}")
    began = time.monotonic()
    page.keyboard.press("Shift+Enter")
    expect(output).to_contain_text(check.feedback)
    elapsed = time.monotonic() - began
    expect(output).not_to_contain_text(NOT_ATTEMPTED)
    return elapsed
