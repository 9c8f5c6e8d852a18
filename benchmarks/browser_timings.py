"""How long does a student wait in the browser, and what does the browser add?

Starts JupyterLab on a copy of the repository and drives one lesson in headless Chromium a few
times, measuring what a student waits for: the server to answer, the kernel to be ready after the
page loads, and the feedback after they act on the lesson's main widget. Each figure is printed
next to its obvious alternative measured in the same run:

* server start vs the bare import of JupyterLab (``jupyter lab --version``);
* page load to kernel idle vs starting a bare kernel with jupyter_client and waiting for it;
* act to feedback in the browser vs the same widget driven headless in this process
  (set the dropdown's value, click the button), i.e. what the kernel round trip and
  rendering add.

Needs Debian's chromium. Run from the repository root:

    PATH="$PWD/.venv/bin:$PATH" python benchmarks/browser_timings.py [lesson.ipynb] [repeats]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from browser_requirements import find_chromium
from browser_session import chromium_launch_options, copy_repo
from jupyter_client.manager import start_new_kernel
from lab_page import open_notebook, run_all, use_main_widget
from lab_server import start_lab
from lesson_specs import WidgetSpec, widget_specs
from playwright.sync_api import sync_playwright


def median(values: list[float]) -> float:
    return statistics.median(values)


def headless_act(spec: WidgetSpec) -> float:
    """The same interaction on the widget built in this process: no kernel, no browser."""
    import ladderlib.widgets as widgets

    widget = eval(spec.widget, vars(widgets))  # the README names a constructor call
    controls = [c for c in _walk(widget) if getattr(c, "description", None) == spec.control]
    (control,) = [c for c in controls if hasattr(c, "options")]
    value = dict(control.options)[spec.option]
    began = time.perf_counter()
    control.value = value
    if spec.button is not None:
        (button,) = [c for c in _walk(widget) if getattr(c, "description", None) == spec.button]
        button.click()
    elapsed = time.perf_counter() - began
    if spec.feedback not in widget.shown_text.replace("`", "").replace("**", ""):
        raise SystemExit(f"headless {spec.widget} did not show {spec.feedback!r}")
    return elapsed


def _walk(widget: Any) -> list[Any]:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += _walk(child)
    return found


def bare_kernel_start() -> float:
    began = time.perf_counter()
    manager, client = start_new_kernel(
        kernel_name="python3", startup_timeout=60, stderr=subprocess.DEVNULL
    )
    elapsed = time.perf_counter() - began
    client.stop_channels()
    manager.shutdown_kernel(now=True)
    return elapsed


def main() -> None:
    lesson = sys.argv[1] if len(sys.argv) > 1 else "07_sorting_practice.ipynb"
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("install Debian's chromium: apt-get install chromium")
    spec = widget_specs()[lesson]

    scratch = Path(tempfile.mkdtemp(prefix="ladderlib-bench-"))
    root = copy_repo(scratch / "repo")
    imports = []
    for _ in range(repeats):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "jupyter", "lab", "--version"], check=True,
                       capture_output=True)  # fmt: skip
        imports.append(time.perf_counter() - began)

    starts, kernel_idle, acts = [], [], []
    server = None
    try:
        for i in range(repeats):
            server = start_lab(root, scratch / f"jupyter-{i}")
            starts.append(server.started_in_s)
            if i < repeats - 1:
                server.stop()
        assert server is not None
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**chromium_launch_options(chromium, scratch))
            for i in range(repeats):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                opened = open_notebook(page, server.lab_url(f"course/{lesson}", workspace=f"b{i}"))
                kernel_idle.append(opened.kernel_idle_s)
                run_all(page)
                acts.append(use_main_widget(page, spec))
                context.close()
                server.shutdown_kernels()
            browser.close()
    finally:
        if server is not None:
            left = server.stop()
            if left:
                print(f"warning: kernel processes left: {left}")
        shutil.rmtree(scratch, ignore_errors=True)

    bare = [bare_kernel_start() for _ in range(repeats)]
    headless = [headless_act(spec) for _ in range(repeats)]

    rows = [
        ("server start (to /api/status and /lab 200)", median(starts),
         "jupyter lab --version", median(imports)),
        ("page load to kernel idle", median(kernel_idle),
         "bare kernel start (jupyter_client)", median(bare)),
        (f"{spec.widget}: act to feedback in the browser", median(acts),
         "same widget headless in-process", median(headless)),
    ]  # fmt: skip
    print(f"lesson {lesson}, median of {repeats} runs")
    for name, seconds, alt_name, alt_seconds in rows:
        print(f"{name:52} {seconds:7.3f} s   vs {alt_name:36} {alt_seconds:7.4f} s   "
              f"ratio {seconds / alt_seconds:7.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
