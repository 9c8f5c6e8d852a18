"""Helpers for the test cells of the course's nbgrader assignments.

A graded test cell has a visible half, which checks the *form* of an answer while the student
works, and a hidden half, which checks that it is *right* when the instructor autogrades.
This module serves both halves.

Form checks (``check_*_form``) return ``None`` when an answer has a form the graders can read.
While an answer is still the untouched placeholder ``...`` they raise ``NotImplementedError``,
nbgrader's own sign of "not attempted"; for anything else they raise ``AssertionError`` with a
message that names the answer, shows what was received and says what is wanted (never the
answer itself).

Graders (``*_points``) never raise because of what a student wrote. Each prints one line of
feedback to stdout and returns the points earned, a float clamped to ``[0, points]``; as the
test cell's last expression that float is what nbgrader records as partial credit. The
scoring follows the course's grading policy (see :mod:`ladderlib.checks`).

Neither kind writes to stderr or warns: nbgrader scores any stderr output as a failed cell.

Examples
--------
>>> from ladderlib.cases import Case
>>> key = Case(name="A bakery", framework_control="firm", consumer_reach="customization")
>>> check_rung_form("co-design", name="bakery_rung")
>>> check_rung_form("co-desing", name="bakery_rung")
Traceback (most recent call last):
    ...
AssertionError: bakery_rung: unknown direct-economy rung 'co-desing'. Valid rungs: passive_consumption, self_service, diy, co_design, co_creation, not_applicable. Did you mean 'co_design'?
>>> rung_points(key, "diy", points=2)
A bakery: direct-economy rung: Partly right, 1 of 2 points. Close, but too low on the ladder: move up. Look again at consumer_reach (how far the customer reaches into the firm's value chain).
1.0
"""

from __future__ import annotations

from .forms import (
    check_argument_form,
    check_attribute_form,
    check_distinction_form,
    check_model_form,
    check_names_form,
    check_rung_form,
)
from .points import (
    _check_points,
    attribute_points,
    distinction_points,
    model_points,
    rung_points,
    selection_points,
)

__all__ = [
    "_check_points",
    "attribute_points",
    "check_argument_form",
    "check_attribute_form",
    "check_distinction_form",
    "check_model_form",
    "check_names_form",
    "check_rung_form",
    "distinction_points",
    "model_points",
    "rung_points",
    "selection_points",
]
