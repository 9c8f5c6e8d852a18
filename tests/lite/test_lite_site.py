"""The built browser edition as files: self-contained, offline by configuration, small."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ladderlib.instructor.lite import KERNEL_PLUGIN, NEEDS_PANDAS

pytestmark = pytest.mark.lite

REPO = Path(__file__).resolve().parents[2]
SIZE_LIMIT_MB = 60


def test_site_points_at_its_own_pyodide_with_no_pypi_fallback(lite_site: Path) -> None:
    config = json.loads((lite_site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    settings = config["litePluginSettings"][KERNEL_PLUGIN]
    assert settings["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    assert settings["disablePyPIFallback"] is True
    assert (lite_site / "static" / "pyodide" / "pyodide.mjs").is_file()
    preload = settings["loadPyodideOptions"]["packages"]
    assert {"ladderlib", "ipywidgets", "comm", "jupyterlab-widgets"} <= set(preload)


def test_every_locked_wheel_ships_with_the_digest_of_the_shipped_file(lite_site: Path) -> None:
    from ladderlib.instructor.pyodide_dist import sha256_of

    pyodide = lite_site / "static" / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text())
    assert "micropip" in lock["packages"] and "ipython" in lock["packages"]
    for name, entry in lock["packages"].items():
        wheel = pyodide / entry["file_name"]
        assert wheel.is_file(), f"{name}: {entry['file_name']} is not in the site"
        assert entry["sha256"] == sha256_of(wheel), name


def test_no_configuration_names_a_cdn_and_no_source_map_ships(lite_site: Path) -> None:
    assert list(lite_site.rglob("*.map")) == []
    for config in lite_site.rglob("jupyter-lite.json"):
        assert not re.search(r"https?://", config.read_text()), config


def test_site_is_under_the_size_target(lite_site: Path) -> None:
    size = sum(f.stat().st_size for f in lite_site.rglob("*") if f.is_file()) / 1e6
    assert size < SIZE_LIMIT_MB, f"the site is {size:.1f} MB"


def test_every_lesson_is_in_the_site_and_pandas_lessons_say_so(lite_site: Path) -> None:
    lessons = sorted(p.name for p in (REPO / "course").glob("*.ipynb"))
    shipped = sorted(p.name for p in (lite_site / "files").glob("*.ipynb"))
    assert shipped == lessons
    for name in NEEDS_PANDAS:
        nb = json.loads((lite_site / "files" / name).read_text())
        first = "".join(nb["cells"][1]["source"])
        assert "JupyterLab or Binder" in first and "mybinder.org" in first
        code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
        needs_pandas = re.compile(r"\bcatalog_frame\b|import pandas|\bpd\.|\bdf\b")
        assert not any(needs_pandas.search(source) for source in code)
