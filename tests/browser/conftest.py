"""Fixtures for the browser tests: one JupyterLab server and one headless Chromium per session.

The server serves a temporary copy of the repository (so nbgrader's gradebook and the notebooks'
checkpoints never land in the work tree) from its root, where it finds ``nbgrader_config.py``.
Each test gets a fresh browser context and page; its kernels are shut down afterwards.

Missing Chromium or npm: skipped with an install hint on a developer machine, failed in CI
(``LADDERLIB_REQUIRE_BROWSER=1``), see ``browser_requirements.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_requirements import find_chromium, find_npm, require
from browser_session import ARTIFACTS, KNOWN_SEEN, TIMINGS, copy_repo, headless_chromium


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Debian's Chromium; skips (developer machine) or fails (CI) when it is missing."""
    return require("chromium", find_chromium())


@pytest.fixture(scope="session")
def axe_script(chromium_executable: str) -> Path:
    """``axe.min.js`` of the pinned axe-core, installed with npm on first use."""
    from axe_check import install_axe

    return install_axe(require("npm", find_npm()))


@pytest.fixture(scope="session")
def repo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary copy of the repository for the server to serve and write into."""
    return copy_repo(tmp_path_factory.mktemp("repo") / "course-repo")


@pytest.fixture(scope="session")
def lab(
    chromium_executable: str, repo_copy: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    """JupyterLab serving the repository copy; stopped at the end, with no kernel process left."""
    from lab_server import start_lab

    server = start_lab(repo_copy, tmp_path_factory.mktemp("jupyter"))
    TIMINGS["server start (s)"] = round(server.started_in_s, 2)
    try:
        yield server
    finally:
        left = server.stop()
        assert left == [], f"kernel processes left after the server stopped: {left}"


@pytest.fixture(scope="session")
def browser(chromium_executable: str) -> Iterator[Any]:
    """Headless Chromium through Playwright, with its own XDG dirs (no crash folders in $HOME)."""
    with headless_chromium(chromium_executable, "ladderlib-chromium-") as chromium:
        yield chromium


@pytest.fixture
def page(browser: Any, lab: Any) -> Iterator[Any]:
    """A fresh page in its own browser context; the test's kernels are shut down afterwards."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    try:
        yield context.new_page()
    finally:
        context.close()
        lab.shutdown_kernels()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if TIMINGS:
        terminalreporter.section("browser timings (measured, not asserted)")
        for name, value in TIMINGS.items():
            terminalreporter.write_line(f"{name}: {value}")
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "browser-timings.json").write_text(json.dumps(TIMINGS, indent=2) + "\n")
    if KNOWN_SEEN:
        from axe_check import load_known_issues

        unseen = sorted(set(load_known_issues()) - KNOWN_SEEN)
        if unseen:
            terminalreporter.section("axe_known_issues.json entries not met in this run")
            for rule, element in unseen:
                terminalreporter.write_line(f"{rule} on {element} (fixed upstream? page not run?)")
