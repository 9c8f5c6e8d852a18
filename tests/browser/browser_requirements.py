"""What the browser tests need from the machine, and what to do when it is missing.

On a developer machine a missing Chromium or npm skips the browser tests with a message that says
how to install it. In CI (``LADDERLIB_REQUIRE_BROWSER=1``, set by ``.ci/run``) the same gap fails
the run: a suite that silently skips there would prove nothing.

Examples
--------
>>> decide("chromium", None, required=False)
Decision(action='skip', detail="install Debian's chromium: apt-get install chromium")
>>> decide("chromium", None, required=True).action
'fail'
>>> decide("chromium", "/usr/bin/chromium", required=True)
Decision(action='run', detail='/usr/bin/chromium')
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from typing import Literal

REQUIRE_ENV = "LADDERLIB_REQUIRE_BROWSER"
"""Set to 1 (by ``.ci/run``) to turn every missing browser-test requirement into a failure."""

INSTALL_HINTS = {
    "chromium": "install Debian's chromium: apt-get install chromium",
    "npm": "install Node.js and npm (Debian: apt-get install nodejs npm); the tests fetch axe-core with npm",
}
"""How to install each thing the browser tests look for."""

DEBIAN_CHROMIUM = "/usr/bin/chromium"


@dataclass(frozen=True)
class Decision:
    """Whether the browser tests run, skip or fail, and why (or with which executable)."""

    action: Literal["run", "skip", "fail"]
    detail: str


def decide(tool: str, found: str | None, *, required: bool) -> Decision:
    """Decide what a test needing ``tool`` does, given where (if anywhere) it was found.

    Parameters
    ----------
    tool
        A key of :data:`INSTALL_HINTS` ("chromium" or "npm").
    found
        The executable's path, or ``None`` when it is missing.
    required
        Whether a missing tool must fail the run (CI) instead of skipping (a developer machine).

    Examples
    --------
    >>> print(decide("npm", None, required=True).detail)
    npm is missing and LADDERLIB_REQUIRE_BROWSER=1 makes the browser tests mandatory: install Node.js and npm (Debian: apt-get install nodejs npm); the tests fetch axe-core with npm
    """
    if found is not None:
        return Decision("run", found)
    hint = INSTALL_HINTS[tool]
    if required:
        return Decision(
            "fail",
            f"{tool} is missing and {REQUIRE_ENV}=1 makes the browser tests mandatory: {hint}",
        )
    return Decision("skip", hint)


def browser_required(environ: dict[str, str] | None = None) -> bool:
    """Whether the environment makes the browser tests mandatory (``LADDERLIB_REQUIRE_BROWSER=1``).

    Examples
    --------
    >>> browser_required({"LADDERLIB_REQUIRE_BROWSER": "1"}), browser_required({})
    (True, False)
    """
    env = os.environ if environ is None else environ
    return env.get(REQUIRE_ENV, "").strip() not in {"", "0"}


def find_chromium() -> str | None:
    """Debian's Chromium at ``/usr/bin/chromium``, else ``chromium`` on PATH, else ``None``."""
    if os.access(DEBIAN_CHROMIUM, os.X_OK):
        return DEBIAN_CHROMIUM
    return shutil.which("chromium")


def find_npm() -> str | None:
    """``npm`` on PATH, or ``None``."""
    return shutil.which("npm")


def require(tool: str, found: str | None) -> str:
    """In a test or fixture: ``found`` if there is one, else skip (developer) or fail (CI)."""
    import pytest

    decision = decide(tool, found, required=browser_required())
    if decision.action == "skip":
        pytest.skip(decision.detail)
    if decision.action == "fail":
        pytest.fail(decision.detail, pytrace=False)
    return decision.detail
