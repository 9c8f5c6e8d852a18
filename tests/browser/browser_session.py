"""Paths and the timings record shared by the browser tests' fixtures and tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

TIMINGS: dict[str, Any] = {}
"""Measured seconds, printed at the end of the run and saved in test-artifacts (never asserted)."""
