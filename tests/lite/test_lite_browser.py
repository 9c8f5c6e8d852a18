"""Every lesson of the browser edition in headless Chromium, with the network cut off.

Each notebook opens from the static site served on 127.0.0.1, starts its Pyodide kernel, runs
top to bottom without an error, answers through its main widget and a typed self-check (the
same rows as the JupyterLab browser tests), and no request ever leaves 127.0.0.1 (every other
one is aborted and recorded).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lab_page
import pytest
from browser_session import REPO, SCREENSHOTS, TIMINGS
from lab_page import (
    error_outputs,
    notebook_panel,
    open_notebook,
    run_all,
    screenshot_notebook,
    type_self_check,
    use_main_widget,
)
from lesson_specs import self_checks, widget_specs
from lite_site import lab_url, offline_context
from playwright.sync_api import Locator, Page, expect

from ladderlib.instructor.lite import NEEDS_PANDAS

pytestmark = pytest.mark.lite

NOTEBOOKS = sorted(p.name for p in (REPO / "course").glob("*.ipynb"))


#: A Pyodide kernel starts in 9-12 s on an idle machine, much later on a loaded one.
KERNEL_START_TIMEOUT_MS = 240_000


@pytest.fixture
def offline_page(lite_browser: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Page, Any]]:
    """A page in a fresh browser profile (JupyterLite restores a profile's open tabs: each
    restored notebook would start a kernel of its own)."""
    monkeypatch.setattr(lab_page, "NOTEBOOK_TIMEOUT_MS", KERNEL_START_TIMEOUT_MS)
    context, offline = offline_context(lite_browser)
    try:
        yield context.new_page(), offline
    finally:
        context.close()


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_lesson_runs_offline(offline_page: tuple[Page, Any], lite_base: str, notebook: str) -> None:
    page, offline = offline_page
    opened = open_notebook(page, lab_url(lite_base, notebook))
    TIMINGS[f"lite {notebook}: page load to kernel idle (s)"] = round(opened.kernel_idle_s, 2)
    TIMINGS[f"lite {notebook}: Run All (s)"] = round(run_all(page), 2)
    assert error_outputs(page) == [], f"{notebook} shows errors in the browser edition"
    panel = notebook_panel(page)
    if notebook == "index.ipynb":
        expect(panel.locator(".jp-OutputArea-output figure.ladderlib-picture")).to_have_count(1)
    elif notebook in NEEDS_PANDAS:
        note = panel.locator(".jp-RenderedMarkdown").filter(has_text="needs JupyterLab or Binder")
        expect(note.locator("a[href*='mybinder.org']")).to_be_visible()
    else:
        use_main_widget(page, widget_specs()[notebook])
    if notebook != "index.ipynb":
        type_self_check(page, self_checks()[notebook])
    screenshot_notebook(page, SCREENSHOTS / f"lite-{Path(notebook).stem}.png")
    assert offline.outside() == [], "requests left 127.0.0.1"


def test_progress_is_kept_across_a_page_reload(
    offline_page: tuple[Page, Any], lite_base: str
) -> None:
    """A self-check answered in lesson 2 shows on the start page after the page is reloaded."""
    page, offline = offline_page
    lesson = "02_the_direct_economy_ladder.ipynb"
    open_notebook(page, lab_url(lite_base, lesson))
    run_all(page)
    type_self_check(page, self_checks()[lesson])
    tally = notebook_panel(page).locator(".jp-CodeCell").filter(has_text='tally("')
    tally.locator(".cm-content").click()
    page.keyboard.press("Shift+Enter")
    expect(tally.locator(".jp-OutputArea-output")).to_contain_text("1 attempted")
    page.wait_for_timeout(2000)  # let JupyterLite store the file in the browser's database
    page.reload()
    open_notebook(page, lab_url(lite_base, "index.ipynb"))
    run_all(page)
    panel = notebook_panel(page).locator(".widget-output").filter(has_text="Your progress")
    expect(panel.first).to_contain_text(re.compile(r"02_the_direct_economy_ladder\s*1\s*1\s*0"))
    assert offline.outside() == [], "requests left 127.0.0.1"


#: Run in the browser's kernel: is the bytecode shipped with IPython, the course library and the
#: standard library made for the interpreter that loads it (its magic number, and the flags of a
#: .pyc used without checking its source)? If not, Python would quietly compile from source again.
#: A stdlib module imported from the zip's bytecode has the .pyc as its __file__.
BYTECODE_PROBE = (
    "import importlib.util as u, sys, zipfile, json, IPython, ladderlib; "
    "z = zipfile.ZipFile(next(p for p in sys.path if p.endswith('.zip'))); "
    "heads = [open(u.cache_from_source(m.__file__), 'rb').read(8) for m in (IPython, ladderlib)]"
    " + [z.read('json/__init__.pyc')[:8]]; "
    "print('bytecode fits:', [h == u.MAGIC_NUMBER + bytes([1, 0, 0, 0]) for h in heads], "
    "'stdlib from bytecode:', json.__file__.endswith('.pyc'))"
)


def run_in_new_first_cell(page: Page, code: str) -> Locator:
    """Insert a code cell above the first one, run ``code`` in it; return its output area."""
    first = notebook_panel(page).locator(".jp-Cell").first
    first.click()
    page.keyboard.press("Escape")
    page.keyboard.press("a")
    cell = notebook_panel(page).locator(".jp-Cell").first
    cell.locator(".cm-content").click()
    page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")
    return cell.locator(".jp-OutputArea-output")


def test_the_kernel_loads_bytecode_made_for_its_own_interpreter(
    offline_page: tuple[Page, Any], lite_base: str
) -> None:
    page, offline = offline_page
    open_notebook(page, lab_url(lite_base, "index.ipynb"))
    output = run_in_new_first_cell(page, BYTECODE_PROBE)
    expect(output).to_contain_text("bytecode fits: [True, True, True] stdlib from bytecode: True")
    assert offline.outside() == [], "requests left 127.0.0.1"
