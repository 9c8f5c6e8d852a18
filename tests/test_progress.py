"""Progress file: where it lives, what a tally says, and that a reset forgets."""

from __future__ import annotations

from pathlib import Path

import pytest

from ladderlib import progress
from ladderlib.feedback import Feedback


@pytest.fixture
def progress_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "progress.json"
    monkeypatch.setenv("LADDERLIB_PROGRESS_FILE", str(path))
    return path


def test_file_lives_in_the_jupyter_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("LADDERLIB_PROGRESS_FILE", raising=False)
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path))
    assert progress.progress_file() == tmp_path / "ladderlib" / "progress.json"


def test_browser_edition_keeps_it_in_the_drive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LADDERLIB_PROGRESS_FILE", raising=False)
    monkeypatch.setattr("sys.platform", "emscripten")
    assert progress.progress_file() == Path("/drive/ladderlib-progress.json")


def test_tally_counts_last_verdicts_and_lists_what_to_revisit(progress_path: Path) -> None:
    progress.record("01", Feedback("A: rung", False, 0.0, "x", attempted=False))
    assert str(progress.tally("01")) == (
        "Your self-checks in this lesson: 0 attempted, 0 right, 0 to revisit."
    )
    progress.record("01", Feedback("A: rung", False, 0.5, "x"))
    progress.record("01", Feedback("B: model", True, 1.0, "x"))
    progress.record("02", Feedback("C: rung", False, 0.0, "x"))
    progress.record("02", Feedback("C: rung", True, 1.0, "x"))
    assert progress.tally("01").revisit == ("A: rung",)
    assert (progress.tally("02").attempted, progress.tally("02").right) == (1, 1)
    table = str(progress.course_summary(["01", "02", "03"]))
    assert "| 01 | 2 | 1 | 1 |" in table and "| 03 | 0 | 0 | 0 |" in table
    progress.reset()
    assert not progress_path.exists() and progress.load() == {}


def test_a_damaged_file_reads_as_no_progress_and_is_replaced(progress_path: Path) -> None:
    progress_path.write_text("{not json")
    assert progress.load() == {}
    progress.record("01", Feedback("A: rung", True, 1.0, "x"))
    assert progress.tally("01").right == 1
