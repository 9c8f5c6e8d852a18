"""The browser edition: how big is the site, and how long does a learner wait for it?

Builds the site with ``ladder-lite build`` (clean), then measures:

* the site's size (no source map ships) against the 60 MB target, and the Pyodide runtime's part;
* page load to kernel ready (the status bar reads Idle), cold: a fresh browser profile each time;
* page load to the first widget of lesson 2 rendered after Run All, cold, against the 15 s target.

Each browser figure is printed next to the obvious alternative measured in the same run: the same
lesson in JupyterLab served by a local Jupyter server (the course's usual edition). Every request
outside 127.0.0.1 is aborted while the browser edition runs.

Needs Debian's chromium and npm, and ``.[lite]``. Run from the repository root:

    PATH="$PWD/.venv/bin:$PATH" python benchmarks/lite_site.py [repeats]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "browser"), str(ROOT / "tests" / "lite")]
import lab_page  # noqa: E402
from browser_requirements import find_chromium  # noqa: E402
from browser_session import chromium_launch_options, copy_repo  # noqa: E402
from lab_page import open_notebook, run_all  # noqa: E402
from lab_server import start_lab  # noqa: E402
from lite_site import lab_url, offline_context, serve  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from ladderlib.instructor.lite import build_site  # noqa: E402

LESSON = "02_the_direct_economy_ladder.ipynb"


def size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def first_widget(browser: Any, url: str, offline: bool) -> tuple[float, float]:
    """Seconds from navigation to kernel idle, and to the first widget shown after Run All."""
    if offline:
        context, record = offline_context(browser)
    else:
        context, record = browser.new_context(viewport={"width": 1280, "height": 900}), None
    try:
        page = context.new_page()
        began = time.monotonic()
        idle = open_notebook(page, url).kernel_idle_s
        run_all(page)
        expect(page.locator(".jp-NotebookPanel:visible .widget-dropdown").first).to_be_visible()
        widget = time.monotonic() - began
        if record is not None:
            assert record.outside() == [], record.outside()
        return idle, widget
    finally:
        context.close()


def main(repeats: int = 3) -> None:
    lab_page.NOTEBOOK_TIMEOUT_MS = 300_000
    chromium = find_chromium()
    assert chromium, "needs Debian's chromium"
    with tempfile.TemporaryDirectory(prefix="lite-bench-") as tmp:
        scratch = Path(tmp)
        began = time.monotonic()
        site = build_site(scratch / "site", ROOT)
        built = time.monotonic() - began
        total = size_mb(site)
        pyodide = size_mb(site / "static" / "pyodide")
        maps = len(list(site.rglob("*.map")))
        print(f"build (clean): {built:.1f} s")
        print(f"site size: {total:.1f} MB (target < 60 MB; Pyodide runtime and wheels "
              f"{pyodide:.1f} MB; {maps} source maps)")  # fmt: skip
        lite: list[tuple[float, float]] = []
        lab: list[tuple[float, float]] = []
        server = start_lab(copy_repo(scratch / "repo"), scratch / "jupyter")
        try:
            with serve(site) as base, sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    **chromium_launch_options(chromium, scratch / "chromium")
                )
                for _ in range(repeats):
                    lite.append(first_widget(browser, lab_url(base, LESSON), offline=True))
                    lab.append(first_widget(browser, server.lab_url(f"course/{LESSON}"), False))
                    server.shutdown_kernels()
                browser.close()
        finally:
            server.stop()
    for index, name in ((0, "page load to kernel ready"), (1, "page load to first widget")):
        lite_s = statistics.median(run[index] for run in lite)
        lab_s = statistics.median(run[index] for run in lab)
        print(f"{name} (cold, median of {repeats}): browser edition {lite_s:.1f} s, "
              f"JupyterLab with a local server {lab_s:.1f} s, ratio {lite_s / lab_s:.1f}x")  # fmt: skip
    print("target: first widget < 15 s cold")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
