"""Fixtures for the browser-edition tests: one built site, one server, one Chromium per session.

Building the site (npm, pip downloads, ``jupyter lite build``) takes about 30 s and each kernel
start in the browser 9-12 s, so the site is built once and shared. The browser tests reuse the
JupyterLab harness of ``tests/browser`` (Chromium from Debian, the same page helpers).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))

from browser_requirements import find_chromium, find_npm, require
from browser_session import REPO, headless_chromium


@pytest.fixture(scope="session")
def lite_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The browser edition, built once with ``ladder-lite build`` (npm is required to build it)."""
    require("npm", find_npm())
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
    executable = require("chromium", find_chromium())
    with headless_chromium(executable, "ladderlib-lite-chromium-") as chromium:
        yield chromium
