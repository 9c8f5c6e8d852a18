"""Fixtures for the hub tests: one real course hub per module, one headless Chromium per session.

The hub needs root (it creates system users and runs their servers), npm's
``configurable-http-proxy`` and Debian's ``chromium``. On a developer machine a missing piece
skips these tests with the way to install it; in CI (``LADDERLIB_REQUIRE_BROWSER=1``, set by
``.ci/run``, which also installs them) it fails the run.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))

from browser_requirements import browser_required, find_chromium
from browser_session import headless_chromium
from hub_harness import CourseHub

HINTS = {
    "root": "run the hub tests as root: they create system users (CI runs as root)",
    "configurable-http-proxy": "install JupyterHub's proxy: npm install -g configurable-http-proxy@5.3.0",
    "chromium": "install Debian's chromium: apt-get install chromium",
    "python3-venv": "install Debian's python3-venv: apt-get install python3-venv",
}


def _missing() -> list[str]:
    missing = []
    if os.geteuid() != 0:
        missing.append("root")
    if shutil.which("configurable-http-proxy") is None:
        missing.append("configurable-http-proxy")
    if find_chromium() is None:
        missing.append("chromium")
    if not list(Path("/usr/lib").glob("python3*/ensurepip")):
        missing.append("python3-venv")
    return missing


@pytest.fixture(scope="session")
def hub_requirements() -> str:
    """Debian's Chromium, once root, the proxy and python3-venv are all there."""
    missing = _missing()
    if missing:
        detail = "; ".join(HINTS[m] for m in missing)
        if browser_required():
            pytest.fail(
                f"the hub tests are mandatory here (LADDERLIB_REQUIRE_BROWSER=1): {detail}",
                pytrace=False,
            )
        pytest.skip(detail)
    chromium = find_chromium()
    assert chromium is not None
    return chromium


@pytest.fixture(scope="module")
def course_hub(hub_requirements: str) -> Iterator[CourseHub]:
    """A running course hub with an instructor and three students; removed afterwards."""
    hub = CourseHub.create(n_students=3)
    try:
        hub.start()
        yield hub
    finally:
        problems = hub.remove()
        assert problems == [], problems


@pytest.fixture(scope="session")
def browser(hub_requirements: str) -> Iterator[Any]:
    """Headless Chromium through Playwright, with its own XDG dirs."""
    with headless_chromium(hub_requirements, "ladderlib-hub-chromium-") as chromium:
        yield chromium
