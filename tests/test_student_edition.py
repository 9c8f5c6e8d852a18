"""The student edition holds no hidden test and no model answer, and still installs on Binder.

``ladder-student-edition`` is run for real on this repository; the copy is then scanned, file by
file, for every line of every solution and hidden test in ``solutions/`` and for every model
answer and rubric. About 5 s (most of it building the package that Binder's postBuild installs).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from ladderlib.instructor.edition import STUDENT_README, main

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
MARKERS = ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "**Model answer", "**Rubric")
# In a notebook, a call to a grader shows a hidden test (the library itself defines them).
NOTEBOOK_MARKERS = ("_points(", "_key = ll.Case(")


def _flat(text: str) -> str:
    return " ".join(text.split())


def secrets(solutions: Path) -> set[str]:
    """What only the instructor may see: solution lines, whole hidden tests, model answers.

    A solution line counts only if the student-visible part of the notebook does not show the
    same text (``ryanair_rung,`` is in a visible check too). Hidden tests count as whole blocks,
    whitespace folded: their single lines (``framework_control="firm",``) are ordinary code.
    """
    found = set()
    for path in solutions.glob("*/*.ipynb"):
        hidden, visible = set(), []
        for cell in json.loads(path.read_text("utf-8"))["cells"]:
            lines = "".join(cell["source"]).splitlines()
            if cell["cell_type"] == "markdown":
                if lines and lines[0].startswith("**Model answer"):
                    hidden.update(line.strip() for line in lines if len(line.strip()) > 30)
                else:
                    visible += lines
                continue
            block, kind = [], None
            for line in lines:
                if "### BEGIN" in line:
                    block, kind = [], "tests" if "HIDDEN TESTS" in line else "solution"
                elif "### END" in line:
                    if kind == "tests":
                        found.add(_flat("\n".join(block)))
                    else:
                        hidden.update(x.strip() for x in block if len(x.strip()) > 12)
                    kind = None
                elif kind:
                    block.append(line)
                else:
                    visible.append(line)
        shown = "\n".join(visible)
        found |= {line for line in hidden if line not in shown}
    return found


def leaks(folder: Path, hidden: set[str]) -> list[str]:
    """Files under ``folder`` that show a marker or a piece of ``hidden``, with what they show."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        text = path.read_text("utf-8", errors="replace")
        if path.suffix == ".ipynb":  # JSON escapes quotes: compare the cells' text
            text = "\n".join("".join(c["source"]) for c in json.loads(text)["cells"])
        flat = _flat(text)
        markers = MARKERS + (NOTEBOOK_MARKERS if path.suffix == ".ipynb" else ())
        shown = [m for m in markers if m in text] + [s for s in hidden if _flat(s) in flat]
        if shown:
            found.append(f"{path.relative_to(folder)}: {shown[:3]}")
    return found


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("edition") / "student-course"
    run = subprocess.run(
        [str(BIN / "ladder-student-edition"), str(target), "--course", str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Wrote ")
    return target


def test_the_scan_finds_what_the_instructor_repository_holds() -> None:
    hidden = secrets(ROOT / "solutions")
    assert len(hidden) > 100
    assert "mastodon_model = 1" in hidden and "ryanair_rung," not in hidden
    assert any(s.startswith('_key = ll.Case( name="Mastodon, 2023"') for s in hidden)
    assert len(leaks(ROOT / "solutions", hidden)) == 3, "each assignment's source shows them"
    assert leaks(ROOT / "assignments", hidden) == [], "nbgrader's release has none"


def test_edition_holds_no_hidden_test_and_no_model_answer(edition: Path) -> None:
    assert leaks(edition, secrets(ROOT / "solutions")) == []
    for left_out in ("solutions", "tests", "benchmarks", "docs", "nbgrader_config.py"):
        assert not (edition / left_out).exists(), left_out


def test_edition_has_the_course_a_readme_of_its_own_and_working_binder_files(
    edition: Path, tmp_path: Path
) -> None:
    assert (edition / "course" / "index.ipynb").is_file()
    lessons = sorted(p.name for p in (edition / "course").glob("*.ipynb"))
    assert lessons == sorted(p.name for p in (ROOT / "course").glob("*.ipynb"))
    for assignment in ("direct-economy", "hybrid-models", "distinctions"):
        assert (edition / "assignments" / assignment / f"{assignment}.ipynb").is_file()
    assert (edition / "README.md").read_text("utf-8") == STUDENT_README
    requirements = (edition / "binder" / "requirements.txt").read_text("utf-8")
    assert "-c ../constraints.txt" in requirements and (edition / "constraints.txt").is_file()
    assert (
        "pip install --no-cache-dir --no-deps ." in (edition / "binder" / "postBuild").read_text()
    )
    # What Binder's postBuild installs must still build: the source distribution of the copy.
    build = f"from setuptools import build_meta as b; print(b.build_sdist(r'{tmp_path}'))"
    subprocess.run(
        [sys.executable, "-W", "ignore", "-c", build], cwd=edition, check=True, capture_output=True
    )
    (sdist,) = tmp_path.glob("ladderlib-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
    for data in ("catalog", "practice", "glossary"):
        assert f"ladderlib-0.1.0/ladderlib/data/{data}.toml" in names


def test_edition_refuses_a_folder_in_use_and_a_folder_that_is_not_the_course(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine")
    assert main([str(tmp_path / "used"), "--course", str(ROOT)]) == 2
    assert "is not empty: give a new or empty folder" in capsys.readouterr().err
    assert (tmp_path / "used" / "notes.txt").read_text() == "mine"
    assert main([str(tmp_path / "new"), "--course", str(tmp_path)]) == 2
    assert "is not the course: it needs course/ and assignments/" in capsys.readouterr().err
