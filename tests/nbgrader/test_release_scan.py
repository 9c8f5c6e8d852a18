"""The release and the installed library hold no answer key: a scan of every file they contain.

The answer key lives only in ``solutions/``: inside the solution regions and hidden tests of
code cells, and in the model answers of text cells. Every such line of some substance must be
absent from every file under ``assignments/``; every case the hidden tests grade must be absent
from the installed ``ladderlib``. Also checked: each release matches its source cell for cell.
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]
SOLUTIONS, RELEASE = REPO / "solutions", REPO / "assignments"
MARKERS = re.compile(r"### (BEGIN|END) (SOLUTION|HIDDEN TESTS)")
# The brands of the graded cases and of Part D's invented table. A new case must be added here
# (test_every_graded_case_is_covered_by_the_library_scan says so).
CASE_BRANDS = (
    "NBC",
    "Ryanair",
    "HelloFresh",
    "Tesla",
    "Threadless",
    "Starbucks",
    "Mastodon",
    "Loomio",
    "Debian",
    "TikTok",
    "Stocksy",
    "Upwork",
    "Fairphone",
    "Gutenberg",
    "Fiverr",
    "Flickr",
    "Common Voice",
    "Signal",
    "WhatsApp",
    "Stack Overflow",
    "Blender",
    "Quill & Co.",
    "Loomcraft",
    "OpenAtlas",
    "SelfFix",
)


def _source_notebooks() -> list[Path]:
    found = sorted(SOLUTIONS.glob("*/*.ipynb"))
    assert found, "no source notebooks in solutions/"
    return found


def _secret_lines() -> set[str]:
    """Lines of solutions, hidden tests and model answers that would tell a student something.

    Code lines count when they carry a value (a string or a number); a line the source shows
    students anyway (outside every secret region) does not count.
    """
    secret, shown = set(), set()
    for path in _source_notebooks():
        for cell in nbformat.read(path, as_version=4).cells:
            prose = cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get(
                "solution", False
            )
            inside = prose
            for line in cell.source.splitlines():
                if MARKERS.search(line):
                    inside = line.strip().startswith("### BEGIN")
                    continue
                text = line.strip()
                if not inside:
                    shown.add(text)
                elif len(text) >= 12 and (prose or re.search(r"[\"'0-9]", text)):
                    secret.add(text)
    return secret - shown


def _graded_case_names() -> set[str]:
    names = set()
    for path in _source_notebooks():
        for cell in nbformat.read(path, as_version=4).cells:
            names |= set(re.findall(r'll\.Case\(\s*name="([^"]+)"', cell.source))
    return names


def test_the_scan_has_something_to_find() -> None:
    secrets = _secret_lines()
    assert 'nbc_rung = "passive consumption"' in secrets
    assert "grading.rung_points(_key, nbc_rung, nbc_attributes, points=2)" in secrets
    assert any(line.startswith("**Model answer.**") for line in secrets)
    assert len(_graded_case_names()) >= 20


def test_release_holds_no_solution_hidden_test_or_model_answer() -> None:
    secrets = _secret_lines()
    released = [p for p in RELEASE.rglob("*") if p.is_file()]
    assert released
    for path in released:
        text = path.read_text("utf-8")
        leaked = sorted(line for line in secrets if line in text)
        assert not leaked, f"{path.relative_to(REPO)} holds answer-key lines: {leaked[:5]}"
        assert "HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text


def test_release_holds_no_answer_key_in_its_metadata() -> None:
    for path in RELEASE.glob("*/*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            nbg = cell.metadata.get("nbgrader", {})
            assert set(nbg) <= {
                "grade",
                "grade_id",
                "locked",
                "points",
                "schema_version",
                "solution",
                "task",
                "checksum",
                "cell_type",
            }, path


def test_every_graded_case_is_covered_by_the_library_scan() -> None:
    for name in _graded_case_names():
        assert any(brand in name for brand in CASE_BRANDS), f"add {name!r}'s brand to CASE_BRANDS"


@pytest.mark.parametrize("brand", CASE_BRANDS)
def test_installed_library_holds_no_assignment_case(brand: str) -> None:
    pattern = re.compile(rf"(?<![\w]){re.escape(brand)}(?![\w])")
    package = files("ladderlib")
    stack = [package]
    checked = 0
    while stack:
        entry = stack.pop()
        if entry.is_dir():
            if entry.name != "__pycache__":
                stack.extend(entry.iterdir())
            continue
        if entry.name.endswith((".py", ".toml", ".json", ".csv", ".txt", ".md", ".typed")):
            checked += 1
            assert not pattern.search(entry.read_text("utf-8")), (
                f"ladderlib/{entry.name} names {brand!r}, an assignment case: the answer key "
                "belongs in the hidden tests of solutions/ only"
            )
    assert checked >= 10


def test_each_release_matches_its_source_cell_for_cell() -> None:
    for source_path in _source_notebooks():
        release_path = RELEASE / source_path.relative_to(SOLUTIONS)
        assert release_path.exists(), f"{release_path} missing: run generate_assignment"
        source = nbformat.read(source_path, as_version=4).cells
        release = nbformat.read(release_path, as_version=4).cells
        ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in source]
        assert ids == [c.metadata.get("nbgrader", {}).get("grade_id") for c in release]
        assert len(set(ids)) == len(ids)  # a duplicate grade_id would abort a whole batch
