"""The grade export with the engine's audit flags: nbgrader's CSV plus an ``audit`` column.

``nbgrader export`` writes one row per student and assignment; with this plugin (named in the
course's ``nbgrader_config.py``) each row also says what that submission tried, read from the
autograded notebooks' ``metadata["ladderlib"]["audit"]``. An empty cell means no flag.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from nbgrader.plugins.export import CsvExportPlugin

__all__ = ["AuditedCsvExport", "audit_of", "engine_records"]


def engine_records(folder: Path) -> list[dict[str, Any]]:
    """What the engine recorded in each autograded notebook of ``folder``."""
    records = []
    for path in sorted(folder.glob("*.ipynb")):
        try:
            meta = json.loads(path.read_text("utf-8")).get("metadata", {}).get("ladderlib", {})
        except (OSError, ValueError):
            continue
        if isinstance(meta, dict):
            records.append(meta)
    return records


def audit_of(folder: Path) -> list[str]:
    """The audit flags of every autograded notebook in ``folder``, in order, without repeats."""
    found: list[str] = []
    for record in engine_records(folder):
        found += [flag for flag in record.get("audit", []) if flag not in found]
    return found


class AuditedCsvExport(CsvExportPlugin):  # type: ignore[misc]
    """nbgrader's CSV export, with an ``audit`` column from the autograded notebooks."""

    def export(self, gradebook: Any) -> None:
        super().export(gradebook)
        destination = Path(self.to or "grades.csv")
        coursedir = self.parent.coursedir
        with destination.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        fields = [*(rows[0].keys() if rows else []), "audit"]
        for row in rows:
            folder = Path(
                coursedir.format_path(
                    coursedir.autograded_directory, row["student_id"], row["assignment"]
                )
            )
            row["audit"] = "; ".join(audit_of(folder))
        with destination.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
