"""A student at work in their own JupyterLab on the hub: log in, the Assignments tab, a notebook.

Selectors come from nbgrader 0.9's JupyterLab extension: the Assignments tab (Nbgrader menu,
"Assignment List") holds ``#released_assignments_list``, ``#fetched_assignments_list`` and
``#submitted_assignments_list``, whose rows are ``.list_item`` with "Fetch", "Submit" and
"Fetch Feedback" buttons; the notebook toolbar has nbgrader's "Validate" button.
"""

from __future__ import annotations

import re
from typing import Any

from lab_page import KERNEL_IDLE
from playwright.sync_api import Page, expect

LAB_TIMEOUT_MS = 90_000
VALIDATE_TIMEOUT_MS = 120_000


def log_in(page: Page, hub: Any, user: str) -> None:
    """The hub's login form with the user's system password (PAM), until JupyterLab is up."""
    page.goto(f"{hub.url}/hub/login")
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill(hub.passwords[user])
    page.locator("#login_submit").click()
    page.wait_for_url(re.compile(rf"/user/{re.escape(user)}/lab"), timeout=LAB_TIMEOUT_MS)
    expect(page.locator("#jp-menu-panel")).to_be_visible(timeout=LAB_TIMEOUT_MS)


def nbgrader_menu_items(page: Page) -> list[str]:
    page.locator("#jp-menu-panel").get_by_role("menuitem", name="Nbgrader", exact=True).click()
    menu = page.locator(".lm-Menu:visible")
    expect(menu).to_be_visible()
    items = [text.strip() for text in menu.get_by_role("menuitem").all_inner_texts()]
    page.keyboard.press("Escape")
    return items


def open_assignments_tab(page: Page) -> None:
    page.locator("#jp-menu-panel").get_by_role("menuitem", name="Nbgrader", exact=True).click()
    page.locator(".lm-Menu:visible").get_by_role("menuitem", name="Assignment List").click()
    expect(page.locator("#released_assignments_list")).to_be_visible()


def fetch_assignment(page: Page, assignment: str) -> None:
    open_assignments_tab(page)
    released = page.locator("#released_assignments_list .list_item", has_text=assignment)
    expect(released).to_be_visible(timeout=30_000)
    released.get_by_role("button", name="Fetch", exact=True).click()
    fetched = page.locator(
        "#fetched_assignments_list .list_item:not(.nested_list_item)", has_text=assignment
    )
    expect(fetched).to_be_visible(timeout=30_000)


def open_notebook(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(".jp-NotebookPanel:visible .jp-Notebook")).to_be_visible(
        timeout=LAB_TIMEOUT_MS
    )
    expect(page.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE)).to_be_visible(
        timeout=LAB_TIMEOUT_MS
    )


def _replace_cell_text(page: Page, cell: Any, text: str) -> None:
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)


def answer_code(page: Page, marker: str, text: str) -> None:
    """Replace the code cell holding ``marker`` with ``text`` (typed as one insertion)."""
    cell = page.locator(".jp-NotebookPanel:visible .jp-CodeCell", has_text=marker)
    expect(cell).to_have_count(1)
    _replace_cell_text(page, cell, text)
    expect(cell.locator(".cm-content")).to_contain_text(text.splitlines()[0])


def answer_prose(page: Page, text: str) -> None:
    """Write ``text`` into the first written-answer cell still reading YOUR ANSWER HERE."""
    cell = page.locator(
        ".jp-NotebookPanel:visible .jp-MarkdownCell", has_text="YOUR ANSWER HERE"
    ).first
    cell.dblclick()
    _replace_cell_text(page, cell, text)
    page.keyboard.press("Shift+Enter")


def save(page: Page) -> None:
    page.keyboard.press("Control+s")
    expect(page.locator(".jp-mod-dirty")).to_have_count(0, timeout=30_000)


def validate(page: Page) -> str:
    """Click nbgrader's Validate; return the dialog's text once results show (dialog closed)."""
    page.locator(".jp-NotebookPanel:visible").get_by_role(
        "button", name="Validate", exact=True
    ).click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog.get_by_text("Validation Results")).to_be_visible(timeout=VALIDATE_TIMEOUT_MS)
    expect(dialog.locator(".validation-failed, .validation-success")).to_have_count(
        1, timeout=VALIDATE_TIMEOUT_MS
    )
    text = dialog.inner_text()
    dialog.get_by_role("button", name="Ok").click()
    return text


def submit_assignment(page: Page, assignment: str) -> None:
    open_assignments_tab(page)
    fetched = page.locator(
        "#fetched_assignments_list .list_item:not(.nested_list_item)", has_text=assignment
    )
    fetched.get_by_role("button", name="Submit", exact=True).click()
    submitted = page.locator(
        "#submitted_assignments_list .list_item:not(.nested_list_item)", has_text=assignment
    )
    expect(submitted).to_be_visible(timeout=60_000)


def fetch_feedback(page: Page, assignment: str) -> None:
    open_assignments_tab(page)
    page.locator("#refresh_assignments_list").click()
    submitted = page.locator(
        "#submitted_assignments_list .list_item:not(.nested_list_item)", has_text=assignment
    )
    button = submitted.get_by_role("button", name="Fetch Feedback", exact=True)
    expect(button).to_be_visible(timeout=30_000)
    button.click()
    expect(submitted.get_by_text("(view feedback)")).to_be_visible(timeout=60_000)
