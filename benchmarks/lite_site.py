"""The browser edition: how big is the site, and how long does a learner wait for it?

Builds the site with ``ladder-lite build`` (clean), then measures:

* the site's size (no source map ships) against the 60 MB target, and the Pyodide runtime's part;
* page load to kernel ready (the status bar reads Idle), cold: a fresh browser profile each time;
* page load to the first widget of lesson 2 rendered after Run All, cold, against the 15 s target.

Each browser figure is printed next to two alternatives measured in the same run, in turn:

* the same site built with ``--source-only`` (no bytecode: what JupyterLite does by default, the
  browser compiling every module it imports at every start);
* the same lesson in JupyterLab served by a local Jupyter server (the course's usual edition).

Every request outside 127.0.0.1 is aborted while a browser edition runs.

Needs Debian's chromium and npm, and ``.[lite]``. Run from the repository root:

    PATH="$PWD/.venv/bin:$PATH" python benchmarks/lite_site.py [repeats]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
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
        sites: dict[str, Path] = {}
        for name, precompile in (("browser edition", True), ("source-only build", False)):
            began = time.monotonic()
            sites[name] = build_site(scratch / name.replace(" ", "-"), ROOT, precompile=precompile)
            built = time.monotonic() - began
            size = size_mb(sites[name])
            pyodide = size_mb(sites[name] / "static" / "pyodide")
            maps = len(list(sites[name].rglob("*.map")))
            print(f"{name}: build (clean) {built:.1f} s, size {size:.1f} MB (target < 60 MB; "
                  f"Pyodide runtime and wheels {pyodide:.1f} MB; {maps} source maps)")  # fmt: skip
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in [*sites, "JupyterLab"]}
        server = start_lab(copy_repo(scratch / "repo"), scratch / "jupyter")
        try:
            with ExitStack() as stack, sync_playwright() as playwright:
                bases = {name: stack.enter_context(serve(site)) for name, site in sites.items()}
                browser = playwright.chromium.launch(
                    **chromium_launch_options(chromium, scratch / "chromium")
                )
                for _ in range(repeats):
                    for name, base in bases.items():
                        runs[name].append(
                            first_widget(browser, lab_url(base, LESSON), offline=True)
                        )
                    url = server.lab_url(f"course/{LESSON}")
                    runs["JupyterLab"].append(first_widget(browser, url, offline=False))
                    server.shutdown_kernels()
                browser.close()
        finally:
            server.stop()
    for index, what in ((0, "page load to kernel ready"), (1, "page load to first widget")):
        median = {name: statistics.median(run[index] for run in got) for name, got in runs.items()}
        ours = median["browser edition"]
        print(f"{what} (cold, median of {repeats}): browser edition {ours:.1f} s; "
              f"source-only build {median['source-only build']:.1f} s "
              f"({median['source-only build'] / ours:.1f}x slower); "
              f"JupyterLab with a local server {median['JupyterLab']:.1f} s "
              f"(ratio {ours / median['JupyterLab']:.1f}x)")  # fmt: skip
    print("target: first widget < 15 s cold")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
