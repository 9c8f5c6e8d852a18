"""``ladder-lite build <folder>``: the course as a static site that runs in the browser, offline.

The site is a JupyterLite build: JupyterLab in the browser with a Pyodide kernel. Everything it
needs ships inside the folder: the Pyodide runtime from the pinned npm package, every wheel the
kernel loads (IPython and friends, ipywidgets, comm, jupyterlab_widgets, the course library),
and the lessons. PyPI fallback is off, so nothing is fetched from a CDN or an index at run time.
Any static web server can host the folder (GitHub Pages, ``python -m http.server``).

A learner waits for the kernel, so the build does at once what Pyodide would do at every start:
the kernel's packages are all preloaded in one batch, and the standard library and every wheel
ship compiled to bytecode (:mod:`.bytecode`). Measured with ``benchmarks/lite_site.py``: a lesson's
first widget 11.6 s after page load, against 17.6 s for a site of sources only.

The build is clean every time: JupyterLite's incremental rebuilds once dropped ``pyodideUrl``
from the site's configuration, sending the kernel to a CDN. Source maps are left out.

Lesson 8 works with pandas, which cannot be had for the browser offline: its browser copy opens
with a note that says so and links to the Binder and JupyterLab editions.

Examples
--------
>>> note = pandas_note()
>>> "pandas" in "".join(note["source"]) and note["cell_type"]
'markdown'
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from . import pyodide_dist
from .bytecode import record_line
from .moved import MOVES

__all__ = [
    "KERNEL_PLUGIN",
    "NEEDS_PANDAS",
    "build_site",
    "library_wheel",
    "main",
    "pandas_note",
    "site_config",
    "without_pandas",
]

KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"

#: Lessons that need pandas: their browser copies say so at the top.
NEEDS_PANDAS = ("08_the_catalog_with_pandas.ipynb",)

#: Wheels bundled from PyPI at the versions installed where the site is built (the widget
#: front end copied into the site comes from the same installation, so the two always match).
_WIDGET_DISTS = {"ipywidgets": ["ipywidgets"], "jupyterlab_widgets": ["jupyterlab_widgets"],
                 "comm": ["comm"]}  # fmt: skip

BINDER_LINK = "https://mybinder.org"


def pandas_note() -> dict[str, Any]:
    """The Markdown cell that opens a pandas lesson in the browser edition."""
    text = (
        "**This lesson needs JupyterLab or Binder for its tables and chart.** The browser edition "
        "runs Python inside your web browser, with no server and nothing downloaded, and pandas "
        "is not available there: the cells that need it are shown below as code only. The "
        "self-check exercises at the end work here. To run the whole lesson, open it in "
        "JupyterLab (the course's README gives the one command that installs and starts it) or "
        f"on [Binder]({BINDER_LINK})."
    )
    return {
        "cell_type": "markdown",
        "id": "browser-edition-pandas",
        "metadata": {"tags": ["browser-edition"]},
        "source": [text],
    }


def site_config(preload: Sequence[str]) -> dict[str, Any]:
    """The lite dir's ``jupyter-lite.json``: local Pyodide, preloaded wheels, no PyPI fallback."""
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Peer-production business models (browser edition)",
            "disabledExtensions": ["@jupyter/nbgrader"],
            "litePluginSettings": {
                KERNEL_PLUGIN: {
                    "pyodideUrl": "./static/pyodide/pyodide.mjs",
                    "disablePyPIFallback": True,
                    "loadPyodideOptions": {"packages": list(preload)},
                }
            },
        },
    }


def _run(command: Sequence[str], what: str, cwd: Path | None = None) -> None:
    result = subprocess.run(list(command), cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")


def _wheels(repo: Path, dest: Path) -> dict[Path, list[str]]:
    """The course library's wheel, built from ``repo``, and the widget wheels from PyPI."""
    pip = [sys.executable, "-m", "pip"]
    dest.mkdir(parents=True, exist_ok=True)
    library_wheel(repo / "ladderlib", dest)
    pins = [f"{name}=={metadata.version(name)}" for name in _WIDGET_DISTS]
    _run([*pip, "download", "-q", "--no-deps", "--only-binary", ":all:", "-d", str(dest), *pins],
         "downloading the widget wheels")  # fmt: skip
    found: dict[Path, list[str]] = {}
    for wheel in sorted(dest.glob("*.whl")):
        dist = pyodide_dist.normalize(wheel.name.split("-")[0]).replace("-", "_")
        found[wheel] = _WIDGET_DISTS.get(dist, [dist])
    return found


def library_wheel(package: Path, dest: Path) -> Path:
    """A pure-Python wheel of the student-side library in ``package`` (instructor tools left out).

    Built directly (a wheel is a zip with a RECORD), so the build needs no network and writes
    nothing into the repository. Every entry is deflated.
    """
    version = metadata.version("ladderlib")
    dist_info = f"ladderlib-{version}.dist-info"
    # the instructor side and the old paths that forward to it never reach a learner's browser
    left_out = {"instructor", *(old.split(".")[-1] for old in MOVES)}
    files = {
        f"ladderlib/{path.relative_to(package).as_posix()}": path.read_bytes()
        for path in sorted(package.rglob("*"))
        if path.is_file()
        and path.suffix in {".py", ".toml", ".typed"}
        and path.relative_to(package).parts[0] not in left_out
        and "__pycache__" not in path.parts
    }
    files[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: ladderlib\nVersion: {version}\n".encode()
    )
    files[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: ladder-lite\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    record = [record_line(name, data) for name, data in files.items()]
    files[f"{dist_info}/RECORD"] = ("\n".join([*record, f"{dist_info}/RECORD,,"]) + "\n").encode()
    wheel = dest / f"ladderlib-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            entry = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            archive.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
    return wheel


def without_pandas(cells: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A pandas lesson's cells for the browser: the note first, then ``import ladderlib as ll``
    (so its self-checks run), and every cell that needs pandas or matplotlib shown as code only.

    Examples
    --------
    >>> cells = [{"cell_type": "code", "id": "2", "metadata": {}, "source": ["df = ll.catalog_frame()"]},
    ...          {"cell_type": "code", "id": "3", "metadata": {}, "source": ["ll.check_rung(c, a)"]}]
    >>> [c["cell_type"] for c in without_pandas(cells)]
    ['markdown', 'code', 'markdown', 'code']
    """
    result = [pandas_note(), _code_cell("browser-edition-import", "import ladderlib as ll")]
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and _NEEDS_PANDAS.search(source):
            text = f"*Runs in JupyterLab or on Binder (needs pandas):*\n\n```python\n{source}\n```"
            cell = {"cell_type": "markdown", "id": cell["id"], "metadata": {}, "source": [text]}
        result.append(cell)
    return result


_NEEDS_PANDAS = re.compile(r"\b(pd|df|pandas|catalog_frame|Figure|CatalogBrowser)\b")


def _code_cell(cell_id: str, source: str) -> dict[str, Any]:
    return {"cell_type": "code", "id": cell_id, "metadata": {}, "source": [source],
            "outputs": [], "execution_count": None}  # fmt: skip


def _contents(course: Path, dest: Path) -> None:
    dest.mkdir(parents=True)
    for notebook in sorted(course.glob("*.ipynb")):
        nb = json.loads(notebook.read_text())
        if notebook.name in NEEDS_PANDAS:
            nb["cells"][1:] = without_pandas(nb["cells"][1:])
        (dest / notebook.name).write_text(json.dumps(nb, indent=1) + "\n")


def build_site(output: Path, repo: Path, *, precompile: bool = True) -> Path:
    """Build the browser edition of the course in ``repo`` into ``output`` (replaced).

    ``precompile=False`` ships Python sources only: a smaller site whose kernel starts slower.

    Raises
    ------
    FileNotFoundError
        When ``repo`` has no ``course/`` folder.
    RuntimeError
        When a build step fails (npm, pip or ``jupyter lite build``), with its output.
    """
    course = repo / "course"
    if not (course / "index.ipynb").exists():
        raise FileNotFoundError(f"{repo} has no course/index.ipynb: give the repository's root")
    output = output.resolve()
    with tempfile.TemporaryDirectory(prefix="ladder-lite-") as tmp:
        work = Path(tmp)
        lite = work / "lite"
        lite.mkdir()
        wheels = work / "wheels"
        course_wheels = _wheels(repo, wheels)
        preload = pyodide_dist.assemble(
            lite / "static" / "pyodide",
            work,
            {**course_wheels, **pyodide_dist.kernel_wheels()},
            precompile=precompile,
        )
        (lite / "jupyter-lite.json").write_text(json.dumps(site_config(preload), indent=2))
        _contents(course, work / "contents")
        staging = work / "site"
        jupyter = Path(sys.executable).with_name("jupyter")
        _run(
            [str(jupyter) if jupyter.exists() else "jupyter", "lite", "build",
             "--lite-dir", str(lite), "--output-dir", str(staging),
             "--contents", str(work / "contents"), "--no-sourcemaps",
             *[arg for wheel in sorted(wheels.glob("*.whl"))
               for arg in ("--piplite-wheels", str(wheel))]],
            "jupyter lite build", cwd=lite,
        )  # fmt: skip
        for source_map in staging.rglob("*.map"):
            source_map.unlink()
        _verify(staging)
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(staging, output)
    return output


def _verify(site: Path) -> None:
    config = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    settings = config["litePluginSettings"][KERNEL_PLUGIN]
    if settings.get("pyodideUrl") != "./static/pyodide/pyodide.mjs":
        raise RuntimeError(f"the built site does not point at its own Pyodide: {settings}")
    if settings.get("disablePyPIFallback") is not True:
        raise RuntimeError("the built site would fall back to PyPI")


def main(argv: Sequence[str] | None = None) -> int:
    """Console script ``ladder-lite``."""
    parser = argparse.ArgumentParser(
        prog="ladder-lite", description="Build the course's browser edition (JupyterLite)."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the static site into FOLDER (replaced)")
    build.add_argument("folder", type=Path)
    build.add_argument(
        "--repo", type=Path, default=Path.cwd(), help="the course repository (default: here)"
    )
    build.add_argument(
        "--source-only", action="store_true",
        help="ship Python sources without bytecode (about 11 MB smaller; the kernel starts"
             " about 1.5 times slower)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    try:
        site = build_site(args.folder, args.repo.resolve(), precompile=not args.source_only)
    except (FileNotFoundError, RuntimeError) as error:
        print(f"ladder-lite: {error}", file=sys.stderr)
        return 1
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 1e6
    print(f"Built the browser edition in {site} ({size:.1f} MB). Serve it with:")
    print(f"    python -m http.server --directory {site} 8000   # then open http://127.0.0.1:8000")
    return 0
