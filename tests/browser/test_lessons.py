"""Every lesson in a real browser: open it, Run All, use its main widget, see the feedback.

Parametrized over the notebooks found in ``course/``: a new lesson is tested as soon as it
exists, and fails until ``lesson_interactions.toml`` says what a student does with it.
After the interaction, axe-core checks the page: the course's own content (markdown, outputs,
widgets) must have no violation; anything else must be a known JupyterLab finding.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from axe_check import load_known_issues, run_axe
from browser_session import REPO, SCREENSHOTS, TIMINGS
from lab_page import (
    COURSE_CONTENT_SELECTORS,
    error_outputs,
    open_notebook,
    run_all,
    screenshot_notebook,
)
from lesson_specs import LessonSpec, Step, load_specs
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

LESSONS = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "course").glob("*.ipynb"))
NO_LESSONS = "course/ holds no notebook"


def _control(panel: Locator, label: str, nth: int | None) -> Locator:
    found = panel.get_by_label(label, exact=True)
    return found.nth(nth) if nth is not None else found


def perform(page: Page, step: Step) -> float:
    """Do a step's actions like a student; return the seconds from the last action to the feedback."""
    panel = page.locator(".jp-NotebookPanel:visible")
    feedback = panel.locator(".jp-OutputArea-output").get_by_text(step.expect)
    expect(feedback, f"{step.expect!r} shown before the student acted").to_have_count(0)
    for kind, args in step.actions:
        began = time.monotonic()
        nth = args.get("nth")
        if kind == "select":
            _control(panel, args["label"], nth).select_option(label=args["option"])
        elif kind == "type":
            _control(panel, args["label"], nth).fill(args["text"])
        elif kind == "check":
            _control(panel, args["label"], nth).check()
        else:
            button = panel.get_by_role("button", name=args["button"], exact=True)
            (button.nth(nth) if nth is not None else button).click()
    expect(feedback.first).to_be_visible()
    return time.monotonic() - began


def check_accessibility(page: Page, axe_script: Path) -> list[str]:
    """Problems found by axe: any in the course's content, and unknown ones elsewhere."""
    problems = [
        f"course content: {finding}"
        for finding in run_axe(page, axe_script, include=list(COURSE_CONTENT_SELECTORS))
    ]
    known = load_known_issues()
    chrome = run_axe(page, axe_script, exclude=list(COURSE_CONTENT_SELECTORS))
    problems += [f"not in axe_known_issues.json: {f}" for f in chrome if f.key not in known]
    return problems


@pytest.mark.parametrize("notebook", LESSONS or [NO_LESSONS])
def test_lesson_in_the_browser(page: Page, lab: Any, axe_script: Path, notebook: str) -> None:
    assert notebook != NO_LESSONS, "no lesson to test: course/*.ipynb is empty"
    specs = load_specs()
    assert notebook in specs, (
        f"{notebook} has no interaction spec: add a table to tests/browser/lesson_interactions.toml "
        "saying which control a student changes, which button they click and what feedback they see"
    )
    spec: LessonSpec = specs[notebook]

    opened = open_notebook(page, lab.lab_url(notebook, workspace=Path(notebook).stem))
    ran = run_all(page)
    assert error_outputs(page) == [], f"{notebook} shows errors after Run All"
    for text in spec.expect_after_run:
        expect(page.locator(".jp-NotebookPanel:visible").get_by_text(text).first).to_be_visible()
    assert spec.steps, f"{notebook}: the spec names no interaction with {spec.widget}"
    feedback_s = [perform(page, step) for step in spec.steps]

    TIMINGS[f"{notebook}: kernel idle after page load (s)"] = round(opened.kernel_idle_s, 2)
    TIMINGS[f"{notebook}: Run All to done (s)"] = round(ran, 2)
    TIMINGS[f"{notebook}: action to feedback (s)"] = [round(s, 2) for s in feedback_s]

    problems = check_accessibility(page, axe_script)
    screenshot_notebook(page, SCREENSHOTS / f"{Path(notebook).stem}.png")
    assert problems == [], "\n".join(problems)
