"""nbgrader's pages in the browser: the Nbgrader menu, the formgrader's assignments, Validate.

The server runs in (a copy of) the repository root, so nbgrader reads the course's own
``nbgrader_config.py``: ``solutions/`` as the source folder, ``assignments/`` as the release.
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_session import REPO, SCREENSHOTS
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

ASSIGNMENT_IDS = sorted(
    p.name for p in (REPO / "solutions").glob("*") if p.is_dir() and any(p.glob("*.ipynb"))
)
RELEASED = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "assignments").glob("*/*.ipynb"))
NONE_FOUND = "none found"

NBGRADER_MENU = ["Assignment List", "Course List", "Formgrader", "Create assignment"]


def open_nbgrader_menu(page: Page, lab: Any) -> Any:
    page.goto(lab.lab_url(workspace="nbgrader-menu"))
    page.locator("#jp-menu-panel").get_by_role("menuitem", name="Nbgrader", exact=True).click()
    menu = page.locator(".lm-Menu:visible")
    expect(menu).to_be_visible()
    return menu


def test_the_nbgrader_menu_offers_the_instructor_and_student_pages(page: Page, lab: Any) -> None:
    menu = open_nbgrader_menu(page, lab)
    items = [text.strip() for text in menu.get_by_role("menuitem").all_inner_texts()]
    assert items == NBGRADER_MENU


def test_the_formgrader_lists_the_course_assignments(page: Page, lab: Any) -> None:
    assert ASSIGNMENT_IDS, "solutions/ holds no assignment (a folder with a notebook)"
    menu = open_nbgrader_menu(page, lab)
    menu.get_by_role("menuitem", name="Formgrader", exact=True).click()
    expect(page.locator("iframe[src*='formgrader']")).to_be_visible()
    formgrader = page.frame_locator("iframe[src*='formgrader']")
    expect(formgrader.get_by_role("heading", name="Manage Assignments")).to_be_visible()
    rows = formgrader.locator("table tbody tr")
    for assignment in ASSIGNMENT_IDS:
        expect(rows.get_by_role("link", name=assignment, exact=True)).to_be_visible(timeout=30_000)
    expect(rows).to_have_count(len(ASSIGNMENT_IDS) + 1)  # + the "Add new assignment..." row
    page.screenshot(path=str(SCREENSHOTS / "formgrader.png"))
