"""nbgrader's pages in the browser: the Nbgrader menu, the formgrader's assignments, Validate.

The server runs in (a copy of) the repository root, so nbgrader reads the course's own
``nbgrader_config.py``: ``solutions/`` as the source folder, ``assignments/`` as the release.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from browser_session import REPO, SCREENSHOTS, TIMINGS
from lab_page import open_notebook
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
    expect(rows).to_have_count(len(ASSIGNMENT_IDS))
    page.set_viewport_size({"width": 1280, "height": 1200})  # every assignment row in the picture
    page.screenshot(path=str(SCREENSHOTS / "formgrader.png"))


def graded_cells(notebook: Path) -> list[tuple[str, str]]:
    """(cell type, source) of every graded cell: autograded tests and answers graded by hand."""
    graded = []
    for cell in json.loads(notebook.read_text())["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade"):
            source = cell["source"]
            graded.append(
                (cell["cell_type"], "".join(source) if isinstance(source, list) else source)
            )
    return graded


@pytest.mark.parametrize("notebook", RELEASED or [NONE_FOUND])
def test_validate_fails_every_graded_cell_of_an_untouched_assignment(
    page: Page, lab: Any, notebook: str
) -> None:
    """An untouched released notebook earns nothing, and Validate says so cell by cell.

    nbgrader counts an unchanged written answer as failed too; each autograded test fails
    with the course's "not answered yet" message rather than a NameError or a traceback
    from inside the library.
    """
    assert notebook != NONE_FOUND, "assignments/ holds no released notebook"
    graded = graded_cells(REPO / notebook)
    tests = [source for kind, source in graded if kind == "code"]
    assert tests, f"{notebook} has no autograded test cell"
    open_notebook(page, lab.lab_url(notebook, workspace=f"validate-{Path(notebook).stem}"))
    began = time.monotonic()
    page.get_by_role("button", name="Validate", exact=True).click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog.get_by_text("Validation Results")).to_be_visible(timeout=120_000)
    expect(dialog.locator(".validation-failed, .validation-success")).to_have_count(
        1, timeout=120_000
    )
    TIMINGS[f"{notebook}: Validate click to results (s)"] = round(time.monotonic() - began, 2)

    expect(dialog.locator(".validation-failed")).to_have_count(1)
    expect(dialog.get_by_text("Success! Your notebook passes all the tests.")).to_have_count(0)
    expect(dialog.get_by_text("The following cell failed:", exact=True)).to_have_count(len(graded))
    shown = dialog.locator("pre").all_inner_texts()
    for _, source in graded:
        assert any(source.strip() == text.strip() for text in shown), f"not listed:\n{source}"
    errors = [text for text in shown if "Traceback" in text]
    assert len(errors) == len(tests)
    not_answered = [text for text in errors if "is not answered yet" in text.splitlines()[-1]]
    assert len(not_answered) == len(tests), "\n\n".join(errors)
    page.screenshot(path=str(SCREENSHOTS / f"validate-{Path(notebook).stem}.png"))
    dialog.get_by_role("button", name="Ok").click()


def test_the_formgraders_autograde_grades_through_the_sandbox(lab: Any) -> None:
    """The formgrader's Autograde button (the request its page sends) uses the course's engine.

    The server process grades a submission through the course's ``nbgrader_config.py``: the
    student's code in the bubblewrap sandbox, the tests in the judge.
    """
    assignment = "direct-economy"
    generated = subprocess.run(
        [
            str(Path(sys.executable).parent / "nbgrader"),
            "generate_assignment",
            assignment,
            "--force",
        ],
        cwd=lab.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert generated.returncode == 0, generated.stderr[-2000:]
    submitted = lab.root / "submitted" / "ada" / assignment / f"{assignment}.ipynb"
    submitted.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(lab.root / "solutions" / assignment / f"{assignment}.ipynb", submitted)
    status, body = lab.request(
        f"formgrader/api/submission/{assignment}/ada/autograde", method="POST", timeout=300
    )
    assert status == 200 and json.loads(body)["success"], json.loads(body).get("log", body)[-3000:]
    graded = json.loads((lab.root / "autograded" / "ada" / assignment / submitted.name).read_text())
    assert graded["metadata"]["ladderlib"]["sandbox"] == "bubblewrap"
    assert graded["metadata"]["ladderlib"]["audit"] == []
    feedback = [
        "".join(output.get("text", ""))
        for cell in graded["cells"]
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade") and cell["cell_type"] == "code"
        for output in cell["outputs"]
    ]
    assert feedback and all("Correct" in text for text in feedback if text), feedback
