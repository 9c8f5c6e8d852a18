"""The skip-or-fail decision for a missing browser, tested without a browser (not marked ``browser``)."""

from __future__ import annotations

import json

import pytest
from axe_check import KNOWN_ISSUES_PATH, load_known_issues
from browser_requirements import browser_required, decide


def test_a_developer_without_chromium_is_told_how_to_install_it() -> None:
    decision = decide("chromium", None, required=False)
    assert decision.action == "skip"
    assert decision.detail == "install Debian's chromium: apt-get install chromium"


@pytest.mark.parametrize("tool", ["chromium", "npm"])
def test_ci_fails_on_anything_missing(tool: str) -> None:
    decision = decide(tool, None, required=True)
    assert decision.action == "fail"
    assert decision.detail.startswith(f"{tool} is missing and LADDERLIB_REQUIRE_BROWSER=1")


def test_a_found_tool_runs_whatever_the_mode() -> None:
    for required in (False, True):
        assert decide("chromium", "/usr/bin/chromium", required=required).action == "run"


@pytest.mark.parametrize(
    ("value", "required"), [(None, False), ("", False), ("0", False), ("1", True), ("yes", True)]
)
def test_require_flag(value: str | None, required: bool) -> None:
    environ = {} if value is None else {"LADDERLIB_REQUIRE_BROWSER": value}
    assert browser_required(environ) is required


def test_known_issues_name_rule_element_owner_and_reason() -> None:
    entries = json.loads(KNOWN_ISSUES_PATH.read_text())["issues"]
    for entry in entries:
        assert set(entry) == {"rule", "element", "owner", "why"}, entry
        assert entry["owner"] in {"jupyterlab", "nbgrader", "jupyter-widgets"}, entry
    assert len(load_known_issues()) == len(entries)
