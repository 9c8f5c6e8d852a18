"""Every lesson in a real browser: open it, Run All, use it as a student, see the feedback.

Parametrized over the notebooks found in ``course/``: a new lesson is tested as soon as it exists,
and fails until ``course/README.md`` (its main widget) and ``self_checks.toml`` (a typed answer)
say what a student does with it. After the interaction, axe-core checks the page: the course's
own content (markdown, outputs, widgets) must have no violation, and anything else must be a
known finding of JupyterLab or an extension, listed in ``axe_known_issues.json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_check import load_known_issues, run_axe
from browser_session import KNOWN_SEEN, REPO, SCREENSHOTS, TIMINGS
from lab_page import (
    COURSE_CONTENT_SELECTORS,
    error_outputs,
    notebook_panel,
    open_notebook,
    run_all,
    screenshot_notebook,
    type_self_check,
    use_main_widget,
)
from lesson_specs import self_checks, widget_specs
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

START_PAGE = "index.ipynb"
NOTEBOOKS = sorted(p.name for p in (REPO / "course").glob("*.ipynb"))
LESSONS = [name for name in NOTEBOOKS if name != START_PAGE]


def accessibility_problems(page: Page, axe_script: Path) -> list[str]:
    """Any axe finding in the course's content, and findings elsewhere not known to belong to JupyterLab."""
    problems = [
        f"course content: {finding}"
        for finding in run_axe(page, axe_script, include=list(COURSE_CONTENT_SELECTORS))
    ]
    known = load_known_issues()
    chrome = run_axe(page, axe_script, exclude=list(COURSE_CONTENT_SELECTORS))
    problems += [f"not in axe_known_issues.json: {f}" for f in chrome if f.key not in known]
    KNOWN_SEEN.update(f.key for f in chrome if f.key in known)
    return problems


def open_and_run(page: Page, lab: Any, notebook: str) -> None:
    opened = open_notebook(page, lab.lab_url(f"course/{notebook}", workspace=Path(notebook).stem))
    ran = run_all(page)
    assert error_outputs(page) == [], f"{notebook} shows errors after Run All"
    TIMINGS[f"{notebook}: page load to kernel idle (s)"] = round(opened.kernel_idle_s, 2)
    TIMINGS[f"{notebook}: Run All to done (s)"] = round(ran, 2)


@pytest.mark.parametrize("notebook", LESSONS or ["(no lesson in course/)"])
def test_lesson(page: Page, lab: Any, axe_script: Path, notebook: str) -> None:
    assert LESSONS, "course/ holds no lesson notebook"
    widget = widget_specs().get(notebook)
    assert widget is not None, f"course/README.md's widget table has no row for {notebook}"
    check = self_checks().get(notebook)
    assert check is not None, f"tests/browser/self_checks.toml has no row for {notebook}"

    open_and_run(page, lab, notebook)
    TIMINGS[f"{notebook}: {widget.widget} act to feedback (s)"] = round(
        use_main_widget(page, widget), 2
    )
    TIMINGS[f"{notebook}: typed self-check to feedback (s)"] = round(
        type_self_check(page, check), 2
    )
    problems = accessibility_problems(page, axe_script)
    screenshot_notebook(page, SCREENSHOTS / f"{Path(notebook).stem}.png")
    assert problems == [], "\n".join(problems)


def test_start_page(page: Page, lab: Any, axe_script: Path) -> None:
    """The start page shows its picture with a text alternative, links every lesson, and opens one."""
    assert START_PAGE in NOTEBOOKS, f"course/{START_PAGE} is missing"
    open_and_run(page, lab, START_PAGE)
    panel = notebook_panel(page)
    picture = panel.locator(".jp-OutputArea-output figure.ladderlib-picture img")
    expect(picture).to_have_count(1)
    assert (picture.get_attribute("alt") or "").strip(), "the picture has no text alternative"
    for lesson in LESSONS:
        expect(panel.locator(f".jp-RenderedMarkdown a[href*='{lesson}']").first).to_be_visible()

    problems = accessibility_problems(page, axe_script)
    screenshot_notebook(page, SCREENSHOTS / "index.png")
    assert problems == [], "\n".join(problems)

    first = LESSONS[0]
    panel.locator(f".jp-RenderedMarkdown a[href*='{first}']").last.click()
    expect(
        page.locator(".jp-mod-current .lm-TabBar-tabLabel, .lm-TabBar-tab.lm-mod-current")
        .filter(has_text=first)
        .first
    ).to_be_visible()
