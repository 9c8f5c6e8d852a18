"""The Pyodide runtime of the browser edition, assembled for offline use.

The npm package ``pyodide`` holds the runtime (``pyodide.mjs``, the wasm, the standard library)
and a lock file listing several hundred packages, but no wheel. The kernel of JupyterLite loads
``micropip`` and IPython's pure-Python dependencies through that lock, so those wheels are
downloaded from PyPI at build time (exact versions from the lock). PyPI's files are not
byte-identical to Pyodide's own builds: their sha256 differ from the lock's, and Pyodide refuses
a wheel whose digest does not match. The lock is therefore rewritten to list only the bundled
wheels, with the digests of the files actually shipped, plus the course's own wheels and the
kernel's (piplite, the ipykernel shim, pyodide-kernel) so that the kernel preloads them all at
once instead of installing them one after another at every start. The standard library and the
wheels ship with bytecode (:mod:`.bytecode`).

Examples
--------
>>> wheel_entry("ladderlib", "0.1.0", "ladderlib-0.1.0-py3-none-any.whl", "ab" * 32, ["ladderlib"])[
...     "install_dir"
... ]
'site'
>>> closure({"a": {"depends": ["B_c"]}, "b-c": {"depends": []}, "d": {"depends": []}}, ["a"])
['a', 'b-c']
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from . import bytecode

__all__ = [
    "KERNEL_NEEDS",
    "KERNEL_PRELOAD",
    "KERNEL_WHEELS",
    "PYODIDE_NPM_VERSION",
    "RUNTIME_FILES",
    "assemble",
    "closure",
    "kernel_wheels",
    "normalize",
    "sha256_of",
    "wheel_entry",
]

#: The npm ``pyodide`` release that jupyterlite-pyodide-kernel 0.8.6 targets.
PYODIDE_NPM_VERSION = "314.0.6"

#: Runtime files copied from the npm package (source maps and the legacy ``pyodide.js`` left out).
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")

#: What the kernel loads from the lock: micropip first, then IPython and jedi through piplite.
KERNEL_NEEDS = ("micropip", "packaging", "ipython", "jedi", "python-dateutil", "pytz")

#: The kernel's own wheels, shipped by jupyterlite-pyodide-kernel in its labextension (the
#: top-level modules each provides). Unless they are preloaded, the kernel installs them one
#: after another at every start (micropip, then piplite, then the kernel through piplite).
KERNEL_WHEELS = {"piplite": ["piplite"], "ipykernel": ["ipykernel"],
                 "pyodide-kernel": ["pyodide_kernel"]}  # fmt: skip

#: The packages the kernel skips installing when they are preloaded (its ``initPackageManager``
#: and ``initKernel`` check these names).
KERNEL_PRELOAD = ("micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython")


def normalize(name: str) -> str:
    """A distribution name in PEP 503 form (``Prompt_Toolkit`` -> ``prompt-toolkit``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(packages: Mapping[str, Mapping[str, Any]], roots: Iterable[str]) -> list[str]:
    """The lock's packages needed by ``roots`` (their ``depends``, followed), sorted."""
    by_name = {normalize(name): name for name in packages}
    needed: set[str] = set()
    todo = [normalize(root) for root in roots]
    while todo:
        name = todo.pop()
        if name in needed:
            continue
        if name not in by_name:
            raise KeyError(f"{name!r} is not in Pyodide's lock file")
        needed.add(name)
        todo.extend(normalize(dep) for dep in packages[by_name[name]]["depends"])
    return sorted(by_name[name] for name in needed)


def sha256_of(path: Path) -> str:
    """The hex sha256 digest of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wheel_entry(
    name: str, version: str, file_name: str, sha256: str, imports: Sequence[str]
) -> dict[str, Any]:
    """A lock entry for a pure-Python wheel that ships next to ``pyodide.mjs``."""
    return {
        "name": name,
        "version": version,
        "file_name": file_name,
        "install_dir": "site",
        "sha256": sha256,
        "package_type": "package",
        "imports": list(imports),
        "depends": [],
        "unvendored_tests": False,
    }


def kernel_wheels() -> dict[Path, list[str]]:
    """The kernel's own wheels in the installed labextension (path -> top-level modules).

    Raises
    ------
    RuntimeError
        When jupyterlite-pyodide-kernel's labextension, or one of its wheels, is not installed.
    """
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path("labextensions"):
        pypi = Path(folder) / "@jupyterlite" / "pyodide-kernel-extension" / "static" / "pypi"
        if pypi.is_dir():
            break
    else:
        raise RuntimeError("jupyterlite-pyodide-kernel is not installed: pip install '.[lite]'")
    found: dict[Path, list[str]] = {}
    for name, imports in KERNEL_WHEELS.items():
        wheels = sorted(pypi.glob(f"{name.replace('-', '_')}-*.whl"))
        if not wheels:
            raise RuntimeError(f"{pypi} has no wheel of {name}")
        found[wheels[-1]] = imports
    return found


def _run(command: Sequence[str], what: str) -> None:
    result = subprocess.run(list(command), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed ({' '.join(command)}):\n{result.stderr[-2000:]}")


def _npm_pyodide(work: Path, npm: str) -> Path:
    _run(
        [npm, "install", "--prefix", str(work), "--no-audit", "--no-fund", "--silent",
         f"pyodide@{PYODIDE_NPM_VERSION}"],
        f"npm install pyodide@{PYODIDE_NPM_VERSION}",
    )  # fmt: skip
    return work / "node_modules" / "pyodide"


def _download(requirements: Sequence[str], dest: Path) -> None:
    _run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary", ":all:",
         "--python-version", "3.14", "-d", str(dest), *requirements],
        "pip download of the kernel's pure-Python wheels",
    )  # fmt: skip


def assemble(
    dest: Path, work: Path, preload: Mapping[Path, Sequence[str]], *, precompile: bool = True
) -> list[str]:
    """Put an offline Pyodide in ``dest``; return the names the kernel should preload.

    Parameters
    ----------
    dest
        The folder served as ``static/pyodide/`` (created).
    work
        A scratch folder for npm and pip downloads.
    preload
        Extra pure-Python wheels (path -> the top-level modules they provide) to list in the lock
        and preload into every kernel: the course library, the widget packages and the
        kernel's own wheels.
    precompile
        Ship the standard library and every wheel with bytecode (see :mod:`.bytecode`): the
        kernel starts about 1.5 times as fast, and the site is about 11 MB larger.
    """
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(
            "npm is needed to build the browser edition (it installs the pinned pyodide package):"
            " apt-get install npm"
        )
    package = _npm_pyodide(work, npm)
    dest.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copy2(package / name, dest / name)
    lock = json.loads((package / "pyodide-lock.json").read_text())
    needed = closure(lock["packages"], KERNEL_NEEDS)
    wheels = work / "lock-wheels"
    wheels.mkdir(exist_ok=True)
    entries = {name: lock["packages"][name] for name in needed}
    _download([f"{entry['name']}=={entry['version']}" for entry in entries.values()], wheels)
    for entry in entries.values():
        source = wheels / entry["file_name"]
        if not source.exists():
            raise RuntimeError(f"PyPI gave no {entry['file_name']} for {entry['name']}")
        shutil.copy2(source, dest / entry["file_name"])
    for wheel, imports in preload.items():
        dist, version = wheel.name.split("-")[:2]
        shutil.copy2(wheel, dest / wheel.name)
        name = normalize(dist)
        entries[name] = wheel_entry(name, version, wheel.name, "", imports)
    shipped = [dest / entry["file_name"] for entry in entries.values()]
    if precompile:
        bytecode.precompile(package, dest / "python_stdlib.zip", shipped, work)
    for entry, wheel in zip(entries.values(), shipped, strict=True):
        entry["sha256"] = sha256_of(wheel)
    lock["packages"] = entries
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, indent=1) + "\n")
    return sorted({*KERNEL_PRELOAD, *(normalize(wheel.name.split("-")[0]) for wheel in preload)})
