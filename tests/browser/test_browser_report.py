"""The misconception report's page in headless Chromium: it loads nothing from the network,
every picture shows, and axe-core finds no violation at all. A screenshot goes to
``test-artifacts/screenshots/report.png``. About 10 s.

The page is rendered from a documented synthetic class of 24 students (``tests/report_class.py``;
the end-to-end run through nbgrader is in ``tests/nbgrader/test_report_pipeline.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from axe_check import run_axe
from browser_session import REPO, SCREENSHOTS

sys.path.insert(0, str(REPO / "tests"))
from report_class import build_class, synthetic_answers

from ladderlib.instructor.report.misconceptions import find_misconceptions
from ladderlib.instructor.report.page import Report, render
from ladderlib.instructor.report.table import answer_rows

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    answers = synthetic_answers(24)
    scored = frozenset(list(answers)[:15])
    data = build_class(
        answers, scored=scored, audit={"student007": ("started a process (os.system)",)}
    )
    rows = answer_rows(data)
    path = tmp_path_factory.mktemp("report") / "index.html"
    path.write_text(render(Report(data, rows, find_misconceptions(data, rows))), encoding="utf-8")
    return path


def test_the_report_passes_axe_and_loads_nothing_from_the_network(
    browser: Any, axe_script: Path, report_page: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        page.goto(report_page.as_uri())
        assert page.title() == "What the class got wrong: direct-economy"
        images = page.locator("img")
        assert images.count() == 3
        for i in range(images.count()):
            image = images.nth(i)
            assert image.evaluate("img => img.complete && img.naturalWidth > 0")
            assert image.get_attribute("alt")
            # The same numbers, as a table, right next to the picture.
            assert image.evaluate("img => img.parentElement.nextElementSibling.tagName") == "TABLE"
        first = page.locator("ol.misconceptions li").first
        assert first.inner_text().endswith(
            "at DIY; all of them read consumer_reach as production_logistics_labor, and the "
            "case says customization."
        )
        assert run_axe(page, axe_script) == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "report.png"), full_page=True)
    finally:
        context.close()
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
