"""The start page's progress panel: every lesson's tally, refreshed on demand, and a reset."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as w

from .. import progress
from .panel import Panel

__all__ = ["ProgressPanel"]


class ProgressPanel(Panel):
    """A table of the learner's self-checks per lesson, a Refresh and a "Reset my progress" button.

    Resetting asks first: the button turns into a confirmation, and only a second click forgets.

    Examples
    --------
    >>> import os, tempfile
    >>> os.environ["LADDERLIB_PROGRESS_FILE"] = os.path.join(tempfile.mkdtemp(), "p.json")
    >>> panel = ProgressPanel(["01_the_p2p_dynamic"])
    >>> "| 01_the_p2p_dynamic | 0 | 0 | 0 |" in panel.shown_text
    True
    >>> panel.reset_button.click()
    >>> panel.reset_button.description
    'Yes, forget all my progress'
    >>> panel.reset_button.click()
    >>> "Your progress was reset" in panel.shown_text
    True
    >>> del os.environ["LADDERLIB_PROGRESS_FILE"]
    """

    def __init__(self, lessons: Sequence[str], **kwargs: Any) -> None:
        self.lessons = list(lessons)
        self.refresh_button = w.Button(description="Refresh my progress")
        self.reset_button = w.Button(description="Reset my progress", button_style="warning")
        self._confirming = False
        super().__init__([w.HBox([self.refresh_button, self.reset_button])], **kwargs)
        self.refresh_button.on_click(lambda _: self.refresh())
        self.reset_button.on_click(lambda _: self._reset())
        self.refresh()

    def refresh(self, note: str = "") -> None:
        """Show the tallies as they stand in the progress file now."""
        summary = progress.course_summary(self.lessons)
        self.show(*([note] if note else []), summary._repr_markdown_())

    def _reset(self) -> None:
        if not self._confirming:
            self._confirming = True
            self.reset_button.description = "Yes, forget all my progress"
            self.refresh("Click again to forget every self-check result you have recorded.")
            return
        self._confirming = False
        self.reset_button.description = "Reset my progress"
        progress.reset()
        self.refresh("Your progress was reset.")
