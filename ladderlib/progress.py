"""Progress without a server: what a learner has tried in each lesson, kept in a small JSON file.

A lesson calls :func:`track` once near its top; from then on every self-check result
(a :class:`~ladderlib.feedback.Feedback` shown as a cell's result) is recorded under that lesson.
:func:`tally` ends each lesson (attempted, right, to revisit), :func:`course_summary` shows the
whole course on the start page and :func:`reset` forgets everything.

Where the file lives (:func:`progress_file`):

- locally and on Binder: ``<Jupyter data folder>/ladderlib/progress.json``
  (``jupyter_core.paths.jupyter_data_dir()``), so it survives a kernel restart;
- in the browser edition (Pyodide, ``sys.platform == "emscripten"``): the kernel's data folder
  lives in memory and is lost on reload, so the file goes in the notebooks' own folder
  (``/drive``), which JupyterLite keeps in the browser's storage (IndexedDB);
- ``LADDERLIB_PROGRESS_FILE`` overrides both (the tests use it).

Examples
--------
>>> import os, tempfile
>>> from ladderlib.feedback import Feedback
>>> os.environ["LADDERLIB_PROGRESS_FILE"] = os.path.join(tempfile.mkdtemp(), "p.json")
>>> record("02_ladder", Feedback("IKEA: rung", False, 0.5, "Move up."))
>>> record("02_ladder", Feedback("Dell: rung", True, 1.0, "Right."))
>>> print(tally("02_ladder"))
Your self-checks in this lesson: 2 attempted, 1 right, 1 to revisit (IKEA: rung).
>>> reset()
>>> print(tally("02_ladder"))
Your self-checks in this lesson: 0 attempted, 0 right, 0 to revisit.
>>> del os.environ["LADDERLIB_PROGRESS_FILE"]
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .feedback import Feedback

__all__ = [
    "BROWSER_DRIVE",
    "CourseProgress",
    "LessonTally",
    "course_summary",
    "load",
    "progress_file",
    "record",
    "reset",
    "tally",
    "track",
]

BROWSER_DRIVE = Path("/drive")
"""Where JupyterLite mounts the learner's files (kept in browser storage) inside Pyodide."""


def progress_file() -> Path:
    """The JSON file that holds the learner's progress on this machine (or in this browser)."""
    override = os.environ.get("LADDERLIB_PROGRESS_FILE")
    if override:
        return Path(override)
    if sys.platform == "emscripten":
        return BROWSER_DRIVE / "ladderlib-progress.json"
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / "ladderlib" / "progress.json"


def load() -> dict[str, dict[str, dict[str, Any]]]:
    """Every lesson's recorded checks: ``{lesson: {question: {"attempts", "right", "verdict"}}}``.

    A missing or unreadable file reads as no progress (and is replaced on the next record).
    """
    try:
        data = json.loads(progress_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    lessons = data.get("lessons") if isinstance(data, dict) else None
    return lessons if isinstance(lessons, dict) else {}


def _save(lessons: dict[str, dict[str, dict[str, Any]]]) -> None:
    path = progress_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "lessons": lessons}, indent=1), encoding="utf-8")


def record(lesson: str, feedback: Feedback) -> None:
    """Record one self-check result under ``lesson`` (an untouched placeholder counts as seen)."""
    lessons = load()
    entry = lessons.setdefault(lesson, {}).setdefault(
        feedback.question, {"attempts": 0, "right": False, "verdict": "Not attempted"}
    )
    if feedback.attempted:
        entry["attempts"] = int(entry.get("attempts", 0)) + 1
        entry["right"] = feedback.correct
        entry["verdict"] = feedback.verdict
    _save(lessons)


@dataclass(frozen=True)
class LessonTally:
    """One lesson's self-checks: how many seen, attempted and right, and which to revisit."""

    lesson: str
    seen: int
    attempted: int
    right: int
    revisit: tuple[str, ...]

    def __str__(self) -> str:
        again = f" ({'; '.join(self.revisit)})" if self.revisit else ""
        return (
            f"Your self-checks in this lesson: {self.attempted} attempted, {self.right} right, "
            f"{len(self.revisit)} to revisit{again}."
        )

    def _repr_html_(self) -> str:
        # HTML, not Markdown: a tally is not a check's feedback, and shows apart from it.
        head = (
            f"<p><strong>Your self-checks in this lesson</strong>: {self.attempted} attempted "
            f"(of {self.seen} run), {self.right} right, {len(self.revisit)} to revisit.</p>"
        )
        items = "".join(f"<li>to revisit: {html.escape(q)}</li>" for q in self.revisit)
        return head + (f"<ul>{items}</ul>" if items else "")


def tally(lesson: str) -> LessonTally:
    """The tally of one lesson's self-checks, from the progress file."""
    checks = load().get(lesson, {})
    attempted = [q for q, e in checks.items() if e.get("attempts", 0) > 0]
    right = [q for q in attempted if checks[q].get("right")]
    revisit = tuple(q for q in attempted if not checks[q].get("right"))
    return LessonTally(lesson, len(checks), len(attempted), len(right), revisit)


@dataclass(frozen=True)
class CourseProgress:
    """Every lesson's tally, shown as a Markdown table on the start page."""

    tallies: tuple[LessonTally, ...]

    def __str__(self) -> str:
        rows = ["| lesson | attempted | right | to revisit |", "|---|---|---|---|"]
        rows += [f"| {t.lesson} | {t.attempted} | {t.right} | {len(t.revisit)} |"
                 for t in self.tallies]  # fmt: skip
        return "\n".join(rows)

    def _repr_markdown_(self) -> str:
        return f"**Your progress across the course** (kept in `{progress_file()}`)\n\n{self}"


def course_summary(lessons: list[str]) -> CourseProgress:
    """Every lesson's tally, in the order given."""
    return CourseProgress(tuple(tally(lesson) for lesson in lessons))


def reset() -> None:
    """Forget all progress (the file is removed)."""
    progress_file().unlink(missing_ok=True)


def _recorder(lesson: str) -> Any:
    def after_cell(result: Any) -> None:
        if isinstance(result.result, Feedback):
            # A read-only folder: the lesson goes on without a record.
            with contextlib.suppress(OSError):
                record(lesson, result.result)

    return after_cell


_tracking: dict[str, Any] = {}


def track(lesson: str) -> None:
    """Record every self-check result of this notebook under ``lesson`` from now on.

    Works in a kernel (IPython); prints a line that says where progress is kept.
    """
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        print("Progress is recorded only in a notebook.")
        return
    for callback in _tracking.values():
        shell.events.unregister("post_run_cell", callback)
    _tracking.clear()
    _tracking[lesson] = _recorder(lesson)
    shell.events.register("post_run_cell", _tracking[lesson])
    print(f"Your self-check results are kept in {progress_file()}, on this device only.")
