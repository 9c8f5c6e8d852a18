"""Paths and the timings record shared by the browser tests' fixtures and tests."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

TIMINGS: dict[str, Any] = {}
"""Measured seconds, printed at the end of the run and saved in test-artifacts (never asserted)."""

KNOWN_SEEN: set[tuple[str, str]] = set()
"""Known axe findings met in this run: entries never met are reported as possibly stale."""

# Left out of the server's copy of the repository: tooling and caches anywhere, and at the top
# nbgrader's working state (the server must start from a course with no gradebook).
IGNORED_ANYWHERE = shutil.ignore_patterns(
    ".venv", ".git", "node_modules", "__pycache__", ".pytest_cache", ".mypy_cache",
    ".ruff_cache", ".hypothesis", ".ipynb_checkpoints", "*.egg-info",
)  # fmt: skip
IGNORED_AT_TOP = {
    "test-artifacts", "build", "dist", "gradebook.db", "submitted", "autograded", "feedback",
    "release", "source",
}  # fmt: skip


def _ignore(folder: str, names: list[str]) -> set[str]:
    ignored = set(IGNORED_ANYWHERE(folder, names))
    if Path(folder) == REPO:
        ignored |= IGNORED_AT_TOP & set(names)
    return ignored


def copy_repo(destination: Path) -> Path:
    """Copy the repository (without tooling, caches or nbgrader state) for a server to work in."""
    shutil.copytree(REPO, destination, ignore=_ignore, symlinks=True)
    return destination


CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--disable-breakpad",
    "--no-first-run",
    "--no-default-browser-check",
    "--metrics-recording-only",
]


def chromium_launch_options(executable: str, home: Path) -> dict[str, Any]:
    """Playwright launch options: headless Debian Chromium with its own XDG dirs under ``home``
    (or it writes crash-report folders into ``$HOME``), and no sandbox when running as root."""
    args = list(CHROMIUM_ARGS)
    if os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium's sandbox refuses to run as root (CI runs as root)
    env = dict(os.environ, XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"))
    return {"executable_path": executable, "headless": True, "args": args, "env": env}


_DRIVER: dict[str, Any] = {}


def playwright_driver() -> Any:
    """The process's one Playwright driver, started on first use and stopped at exit.

    Playwright's synchronous API runs one event loop per thread: a second ``sync_playwright()``
    started while another is alive fails ("using Playwright Sync API inside the asyncio loop").
    The browser, hub and lite tests run in one pytest session, so they share this driver and
    each launches its own Chromium from it.
    """
    if "driver" not in _DRIVER:
        import atexit

        from playwright.sync_api import sync_playwright

        _DRIVER["driver"] = sync_playwright().start()
        atexit.register(_DRIVER["driver"].stop)
    return _DRIVER["driver"]


@contextmanager
def headless_chromium(executable: str, prefix: str) -> Iterator[Any]:
    """Headless Debian Chromium from the session's driver, with XDG dirs in a temporary home
    named ``prefix...`` (removed when the browser closes)."""
    home = Path(tempfile.mkdtemp(prefix=prefix))
    chromium = playwright_driver().chromium.launch(**chromium_launch_options(executable, home))
    try:
        yield chromium
    finally:
        chromium.close()
        shutil.rmtree(home, ignore_errors=True)
