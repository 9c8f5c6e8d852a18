"""Python bytecode for the browser edition, compiled when the site is built instead of at every start.

Pyodide ships its standard library as source (``python_stdlib.zip`` holds ``.py`` files only), the
wheels from PyPI hold no bytecode, and the browser's interpreter runs with
``sys.dont_write_bytecode``: so every module a kernel imports is compiled in the browser, at every
kernel start. Measured here, that was most of the kernel's start: ``loadPyodide`` took 3.1-3.8 s
and ``import IPython`` 3.1-3.5 s from source, 1.5 s and 0.65 s from bytecode.

:func:`precompile` compiles every module once, at build time, with the browser's own interpreter:
Pyodide from the same npm package, run by Node.js (``bytecode_node.mjs``), so the bytecode always
matches the interpreter that loads it. The ``.pyc`` files are unchecked-hash ones (PEP 552): they
are used without comparing them to the source, so the file times that unpacking gives do not
matter. The sources ship too, so tracebacks and ``inspect`` still show code.

* the standard library's zip gets ``name.pyc`` beside each ``name.py`` (zipimport's layout);
* each wheel gets ``__pycache__/name.<cache tag>.pyc`` beside each module, listed in its RECORD.

:func:`compile_tree` is the part that runs inside Pyodide; it uses the standard library only, so the
Node runner executes this file's source there, and tests run it on the host's Python.

Examples
--------
>>> wheel_pyc_name("pkg/sub/mod.py", "cpython-314")
'pkg/sub/__pycache__/mod.cpython-314.pyc'
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import py_compile
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

__all__ = ["Compiled", "compile_tree", "precompile", "record_line", "wheel_pyc_name"]

#: The jobs file :func:`compile_tree` reads at the top of its tree.
JOBS = "jobs.json"


@dataclass(frozen=True)
class Compiled:
    """What one compile run did: the interpreter's cache tag, and the files compiled or not."""

    cache_tag: str
    compiled: int
    failed: tuple[str, ...]


def compile_tree(root: str) -> str:
    """Compile every ``.py`` under ``root``'s job folders to ``.pyc`` beside it; return a JSON summary.

    Runs in the interpreter the bytecode is for. ``root/jobs.json`` lists ``{"dir": ..., "kind":
    "stdlib" | "site"}``: the folder holds what unpacks into the standard library's zip or into
    site-packages, and each code object is given the path its file has there at run time. A file
    that does not compile (a test fixture with a deliberate syntax error, say) keeps its source only.
    """
    import sysconfig

    runtime = {
        "stdlib": next(entry for entry in sys.path if entry.endswith(".zip")),
        "site": sysconfig.get_paths()["purelib"],
    }
    compiled, failed = 0, []
    mode = py_compile.PycInvalidationMode.UNCHECKED_HASH
    for job in json.loads(Path(root, JOBS).read_text()):
        top = Path(root, job["dir"])
        for folder, _dirs, files in os.walk(top):
            for name in sorted(files):
                if not name.endswith(".py"):
                    continue
                source = Path(folder, name)
                shown = PurePosixPath(runtime[job["kind"]], source.relative_to(top).as_posix())
                try:
                    py_compile.compile(str(source), cfile=f"{source}c", dfile=str(shown),
                                       doraise=True, invalidation_mode=mode)  # fmt: skip
                    compiled += 1
                except py_compile.PyCompileError:
                    failed.append(str(shown))
    tag = sys.implementation.cache_tag
    return json.dumps({"cache_tag": tag, "compiled": compiled, "failed": failed})


def wheel_pyc_name(module: str, cache_tag: str) -> str:
    """Where the bytecode of ``module`` (a path inside a wheel) goes: its ``__pycache__``."""
    path = PurePosixPath(module)
    return str(path.parent / "__pycache__" / f"{path.stem}.{cache_tag}.pyc")


def record_line(name: str, data: bytes) -> str:
    """A wheel RECORD line for the file ``name`` holding ``data`` (PEP 376 digest)."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def precompile(pyodide: Path, stdlib_zip: Path, wheels: list[Path], work: Path) -> Compiled:
    """Add bytecode to ``stdlib_zip`` and to each of ``wheels`` (rewritten in place).

    Parameters
    ----------
    pyodide
        The npm ``pyodide`` package folder: its interpreter compiles, under Node.js.
    stdlib_zip, wheels
        The files to give bytecode.
    work
        A scratch folder.

    Raises
    ------
    RuntimeError
        When Node.js is missing or the compile run fails, with its output.
    """
    tree = work / "bytecode"
    if tree.exists():
        shutil.rmtree(tree)
    archives = [stdlib_zip, *wheels]
    jobs = []
    for index, archive in enumerate(archives):
        with zipfile.ZipFile(archive) as source:
            modules = [name for name in source.namelist() if name.endswith(".py")]
            source.extractall(tree / str(index), members=modules)
        jobs.append({"dir": str(index), "kind": "stdlib" if index == 0 else "site"})
    (tree / JOBS).write_text(json.dumps(jobs))
    result = _run_in_pyodide(pyodide, tree)
    _add_to_archive(stdlib_zip, tree / "0", lambda name: f"{name}c")
    for index, wheel in enumerate(wheels, start=1):
        _add_to_archive(
            wheel, tree / str(index), lambda name: wheel_pyc_name(name, result.cache_tag)
        )
    return result


def _run_in_pyodide(pyodide: Path, tree: Path) -> Compiled:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        raise RuntimeError("Node.js is needed to build the browser edition: apt-get install npm")
    this = Path(__file__)
    command = [node, str(this.with_name("bytecode_node.mjs")), str(pyodide), str(tree), str(this)]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"compiling bytecode with Pyodide failed:\n{run.stderr[-3000:]}")
    summary = json.loads(run.stdout.strip().splitlines()[-1])
    return Compiled(summary["cache_tag"], summary["compiled"], tuple(summary["failed"]))


def _add_to_archive(archive: Path, compiled: Path, pyc_name: Callable[[str], str]) -> None:
    """Rewrite ``archive`` with each compiled module's ``.pyc`` added (and listed, for a wheel)."""
    rewritten = archive.with_name(archive.name + ".new")
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(rewritten, "w") as target:
        added: list[tuple[str, bytes]] = []
        record = None
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith(".dist-info/RECORD"):
                record = (info, data)
                continue
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
            pyc = compiled / f"{info.filename}c"
            if info.filename.endswith(".py") and pyc.is_file():
                name, code = pyc_name(info.filename), pyc.read_bytes()
                entry = zipfile.ZipInfo(name, date_time=info.date_time)
                target.writestr(entry, code, compress_type=zipfile.ZIP_DEFLATED)
                added.append((name, code))
        if record is not None:
            info, data = record
            lines = "".join(f"{record_line(name, code)}\n" for name, code in added)
            text = data.decode().rstrip("\n") + "\n" + lines
            target.writestr(info, text.encode(), compress_type=zipfile.ZIP_DEFLATED)
    rewritten.replace(archive)
