"""Fixtures for the browser-edition tests: one built site, one server, one Chromium per session.

Building the site (npm, pip downloads, ``jupyter lite build``) takes about 30 s and each kernel
start in the browser 9-12 s, so the site is built once and shared. The browser tests reuse the
JupyterLab harness of ``tests/browser`` (Chromium from Debian, the same page helpers).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))

from browser_requirements import browser_required, decide, find_chromium, find_npm
from browser_session import REPO, chromium_launch_options, playwright_driver


def _require(tool: str, found: str | None) -> str:
    decision = decide(tool, found, required=browser_required())
    if decision.action == "skip":
        pytest.skip(decision.detail)
    if decision.action == "fail":
        pytest.fail(decision.detail, pytrace=False)
    return decision.detail


@pytest.fixture(scope="session")
def lite_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The browser edition, built once with ``ladder-lite build`` (npm is required to build it)."""
    _require("npm", find_npm())
    from ladderlib.instructor.lite import build_site

    return build_site(tmp_path_factory.mktemp("lite") / "site", REPO)


@pytest.fixture(scope="session")
def lite_base(lite_site: Path) -> Iterator[str]:
    """The site served on 127.0.0.1 (a plain static server, as any host would be)."""
    from lite_site import serve

    with serve(lite_site) as base:
        yield base


@pytest.fixture(scope="session")
def lite_browser() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright."""
    executable = _require("chromium", find_chromium())
    home = Path(tempfile.mkdtemp(prefix="ladderlib-lite-chromium-"))
    chromium = playwright_driver().chromium.launch(**chromium_launch_options(executable, home))
    try:
        yield chromium
    finally:
        chromium.close()
        shutil.rmtree(home, ignore_errors=True)
