"""Fixtures shared by every test folder.

Playwright's synchronous API runs one event loop per thread: a second ``sync_playwright()``
started while another is alive fails ("using Playwright Sync API inside the asyncio loop").
The browser, hub and lite tests run in one pytest session, so they share this one driver and
each launches its own Chromium from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Any]:
    """The session's one Playwright driver (started on first use, stopped at the end)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright
