"""The built browser edition as files: self-contained, offline by configuration, small."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from ladderlib.instructor.bytecode import record_line, wheel_pyc_name
from ladderlib.instructor.lite import KERNEL_PLUGIN, NEEDS_PANDAS
from ladderlib.instructor.pyodide_dist import KERNEL_PRELOAD

pytestmark = pytest.mark.lite

REPO = Path(__file__).resolve().parents[2]
SIZE_LIMIT_MB = 60
UNCHECKED_HASH = (1).to_bytes(4, "little")  # PEP 552 flags of a .pyc used without its source


def test_site_points_at_its_own_pyodide_with_no_pypi_fallback(lite_site: Path) -> None:
    config = json.loads((lite_site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    settings = config["litePluginSettings"][KERNEL_PLUGIN]
    assert settings["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    assert settings["disablePyPIFallback"] is True
    assert (lite_site / "static" / "pyodide" / "pyodide.mjs").is_file()
    preload = settings["loadPyodideOptions"]["packages"]
    assert {"ladderlib", "ipywidgets", "comm", "jupyterlab-widgets"} <= set(preload)


def test_the_kernel_preloads_its_own_packages_all_from_the_lock(lite_site: Path) -> None:
    """Preloaded, the kernel skips installing micropip, piplite, ipykernel and pyodide-kernel
    one after another; each name must be in the site's lock or Pyodide cannot load it."""
    config = json.loads((lite_site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    preload = set(config["litePluginSettings"][KERNEL_PLUGIN]["loadPyodideOptions"]["packages"])
    assert set(KERNEL_PRELOAD) <= preload
    lock = json.loads((lite_site / "static" / "pyodide" / "pyodide-lock.json").read_text())
    assert preload <= set(lock["packages"])


def test_the_standard_library_and_every_wheel_ship_with_bytecode(lite_site: Path) -> None:
    """One interpreter's unchecked-hash .pyc beside every module: in the stdlib zip as name.pyc,
    in each wheel in __pycache__ and listed in its RECORD with its digest."""
    pyodide = lite_site / "static" / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text())
    major, minor = lock["info"]["python"].split(".")[:2]
    tag = f"cpython-{major}{minor}"
    with zipfile.ZipFile(pyodide / "python_stdlib.zip") as stdlib:
        names = set(stdlib.namelist())
        modules = sorted(name for name in names if name.endswith(".py"))
        assert len(modules) > 400
        assert [m for m in modules if f"{m}c" not in names] == []
        headers = {stdlib.read(f"{module}c")[:8] for module in modules}
    assert len(headers) == 1, "the stdlib's bytecode comes from more than one interpreter"
    (header,) = headers
    assert header[4:8] == UNCHECKED_HASH
    for entry in lock["packages"].values():
        with zipfile.ZipFile(pyodide / entry["file_name"]) as wheel:
            names = set(wheel.namelist())
            record = next(n for n in names if n.endswith(".dist-info/RECORD"))
            listed = set(wheel.read(record).decode().splitlines())
            for module in (name for name in names if name.endswith(".py")):
                pyc = wheel_pyc_name(module, tag)
                assert pyc in names, f"{entry['file_name']}: no bytecode for {module}"
                code = wheel.read(pyc)
                assert code[:8] == header, f"{entry['file_name']}: {pyc} is for another Python"
                assert record_line(pyc, code) in listed, (
                    f"{entry['file_name']}: {pyc} not in RECORD"
                )


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
