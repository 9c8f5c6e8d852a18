"""``ladder-report <assignment> [--anonymous]``: write the misconception report of an assignment.

Run it from the course root (where ``nbgrader_config.py`` lives) after autograding. It writes
``reports/<assignment>/answers.csv`` (one row per student per graded answer) and
``reports/<assignment>/index.html`` (one self-contained page) and prints their paths.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .gradebook import read_class
from .misconceptions import find_misconceptions
from .page import Report, render
from .table import answer_frame, answer_rows

__all__ = ["main", "write_report"]


def write_report(root: Path, assignment: str, *, anonymous: bool = False) -> tuple[Path, Path]:
    """Read the autograded ``assignment`` of the course in ``root``; write the CSV and the page.

    Returns
    -------
    tuple of Path
        The CSV and the HTML page written, under ``root / "reports" / assignment``.
    """
    data = read_class(Path(root), assignment)
    rows = answer_rows(data)
    folder = Path(root) / "reports" / assignment
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / "answers.csv"
    answer_frame(rows).to_csv(csv_path, index=False)
    report = Report(data, rows, find_misconceptions(data, rows), anonymous=anonymous)
    html_path = folder / "index.html"
    html_path.write_text(render(report), encoding="utf-8")
    return csv_path, html_path


def main(argv: Sequence[str] | None = None) -> int:
    """The console script: parse the arguments, write the report, say where it went."""
    parser = argparse.ArgumentParser(
        prog="ladder-report",
        description="Write what the class got wrong on an autograded assignment: "
        "reports/<assignment>/answers.csv and reports/<assignment>/index.html.",
    )
    parser.add_argument("assignment", help="the assignment id, e.g. direct-economy")
    parser.add_argument(
        "--anonymous",
        action="store_true",
        help="leave out the per-student table (the only place names appear), to share the page",
    )
    args = parser.parse_args(argv)
    try:
        csv_path, html_path = write_report(Path.cwd(), args.assignment, anonymous=args.anonymous)
    except ValueError as error:
        print(f"ladder-report: {error}", file=sys.stderr)
        return 2
    print(f"Wrote {csv_path.relative_to(Path.cwd())} and {html_path.relative_to(Path.cwd())}")
    return 0
