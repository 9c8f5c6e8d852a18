"""The grading kernel's start: an IPython kernel with the engine's watch installed.

This is the one part of the engine that runs *inside* a student's kernel, started as
``python -c "from ladderlib.instructor.engine.kernel_boot import main; main()" -f <connection file>``.
It uses the standard library and ipykernel only, and it does three things:

- before any student code runs, it installs an audit hook (:pep:`578`, which Python code
  cannot remove) that reports what code run from a notebook cell tries: files read or written
  outside its folder, processes, the network, signals, ctypes;
- :func:`baseline` records IPython's and the course library's state before the first cell, and
  every :func:`capture` compares against it (display, input transformers, builtins, the
  graders, the import system);
- :func:`capture` sends the answers a test cell needs out as one line of JSON plain data.

Reports go to a pipe whose other end the grading process reads (file descriptor
``$LADDER_AUDIT_FD``). Nothing here decides a score: a student who tampers with this module
can only lose the answers it would have sent. The score is decided outside the kernel.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import math
import os
import sys
from collections.abc import Iterator
from typing import Any

__all__ = ["baseline", "capture", "main", "plain"]

AUDIT_FD_ENV = "LADDER_AUDIT_FD"
ALLOWED_ENV = "LADDER_ALLOWED_ROOTS"  # os.pathsep-separated roots a cell may read
FOLDER_ENV = "LADDER_FOLDER"  # the notebook folder a cell may read and write

_MAX_REPORTS = 200
_MAX_DEPTH = 20
_MAX_ITEMS = 10_000

_state: dict[str, Any] = {"reports": 0, "inside": False, "baseline": None}

_PROCESS_EVENTS = {
    "subprocess.Popen",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "os.forkpty",
    "pty.spawn",
}
_NETWORK_EVENTS = {"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"}
_FILE_CHANGE_EVENTS = {
    "os.remove",
    "os.rename",
    "os.rmdir",
    "os.chmod",
    "os.chown",
    "os.truncate",
    "os.symlink",
    "os.link",
    "os.mkdir",
    "shutil.rmtree",
    "os.utime",
}
_READ_EVENTS = {"os.listdir", "os.scandir", "glob.glob", "sqlite3.connect"}
# ipykernel itself swaps these in for every cell (to forward input to the notebook).
_SWAPPED_BUILTINS = {"input", "raw_input"}
_DISPLAY_METHODS = (
    "__call__",
    "compute_format_data",
    "write_format_data",
    "write_output_prompt",
    "finish_displayhook",
)
_ERROR_METHODS = ("showtraceback", "_showtraceback", "showsyntaxerror", "run_cell", "run_ast_nodes")
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _report(kind: str, detail: str = "") -> None:
    """Write one report line to the audit pipe; never raise into the student's code."""
    seen = _state.setdefault("seen", set())
    if _state["reports"] >= _MAX_REPORTS or (kind, detail) in seen:
        return
    seen.add((kind, detail))
    _state["reports"] += 1
    fd = os.environ.get(AUDIT_FD_ENV)
    if not fd:
        return
    line = json.dumps({"kind": kind, "detail": detail[:300]}) + "\n"
    with contextlib.suppress(OSError, ValueError):
        os.write(int(fd), line.encode("utf-8", "replace"))


def _cell_prefixes() -> tuple[str, ...]:
    import tempfile

    return (
        os.path.join(tempfile.gettempdir(), f"ipykernel_{os.getpid()}") + os.sep,
        "<ipython-input-",
    )


def _from_cell(prefixes: tuple[str, ...]) -> bool:
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename.startswith(prefixes):
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


def _under(path: str, roots: tuple[str, ...]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _install_audit_hook() -> None:
    prefixes = _cell_prefixes()
    folder = os.environ.get(FOLDER_ENV, os.getcwd())
    import tempfile

    writable = (folder, tempfile.gettempdir(), "/dev/null")
    readable = (
        *writable,
        *(root for root in os.environ.get(ALLOWED_ENV, "").split(os.pathsep) if root),
        "/proc",
        "/dev",
    )
    library = tuple(
        root for root in readable if root not in writable and root not in ("/proc", "/dev")
    )

    def classify(path: object, writing: bool) -> None:
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if not isinstance(path, str):
            return  # a file descriptor
        full = os.path.normpath(os.path.join(folder, path))
        if writing and _under(full, library):  # first: the course may itself sit under /tmp
            _report("write-library", full)
        elif writing and not _under(full, writable):
            _report("write", full)
        elif not writing and not _under(full, readable):
            _report("read", full)

    check, shell_count = _check, _execution_count

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if _state["inside"]:
            return
        if event == "exec":
            # A cell starts: compare the kernel with its fair state before the cell runs, so
            # tampering shows even when the capture itself was replaced.
            code = args[0] if args else None
            filename = getattr(code, "co_filename", "")
            if isinstance(filename, str) and filename.startswith(prefixes):
                count = shell_count()
                if count != _state.get("checked_at"):
                    _state["checked_at"] = count
                    _state["inside"] = True
                    try:
                        check()
                    except Exception:  # the hook must never break the student's code
                        pass
                    finally:
                        _state["inside"] = False
            return
        watched = (
            event == "open"
            or event in _PROCESS_EVENTS
            or event in _NETWORK_EVENTS
            or event in _FILE_CHANGE_EVENTS
            or event in _READ_EVENTS
            or event.startswith(("ctypes.", "os.kill", "sys.addaudithook", "os.killpg"))
            or event in ("sys.settrace", "sys.setprofile")
        )
        if not watched:
            return
        _state["inside"] = True
        try:
            if not _from_cell(prefixes):
                return
            if event == "open":
                mode, flags = (args[1] if len(args) > 1 else "r"), (args[2] if len(args) > 2 else 0)
                writing = any(c in str(mode or "") for c in "wax+") or bool(
                    isinstance(flags, int) and flags & _WRITE_FLAGS
                )
                classify(args[0], writing)
            elif event in _READ_EVENTS:
                classify(args[0] if args else ".", writing=False)
            elif event in _FILE_CHANGE_EVENTS:
                classify(args[0] if args else "", writing=True)
            elif event in _PROCESS_EVENTS:
                _report("process", event)
            elif event in _NETWORK_EVENTS:
                _report("network", event)
            elif event.startswith("os.kill"):
                _report("signal", event)
            elif event.startswith("ctypes."):
                _report("ctypes", event)
            elif event == "sys.addaudithook":
                _report("audit-hook", event)
            else:
                _report("trace", event)
        except Exception:  # the hook must never break the student's code
            pass
        finally:
            _state["inside"] = False

    sys.addaudithook(hook)


def _execution_count() -> int:
    shell = _shell()
    return int(shell.execution_count) if shell is not None else -1


def _shell() -> Any:
    from IPython import get_ipython

    return get_ipython()


def _printers(formatter: object, name: str) -> tuple[tuple[str, int], ...]:
    table = getattr(formatter, name, None) or {}
    return tuple(sorted((repr(key), id(value)) for key, value in dict(table).items()))


def _snapshot() -> dict[str, Any]:
    """Identities of what a dishonest notebook would change to fake a grade."""
    shell = _shell()
    plain_text = shell.display_formatter.formatters.get("text/plain")
    library = {
        name: {key: id(value) for key, value in vars(module).items()}
        for name, module in list(sys.modules.items())
        if name == "ladderlib"
        or name.startswith(("ladderlib.grading", "ladderlib.checks", "ladderlib.instructor.engine"))
    }
    return {
        "display": (
            shell.ast_node_interactivity,
            id(sys.displayhook),
            id(shell.displayhook),
            id(plain_text),
            getattr(plain_text, "float_precision", None),
            _printers(plain_text, "type_printers"),
            _printers(plain_text, "deferred_printers"),
            _printers(plain_text, "singleton_printers"),
            tuple(sorted(shell.display_formatter.active_types)),
            id(shell.display_pub),
            tuple(sorted(vars(shell.displayhook))),
            tuple(id(getattr(type(shell.displayhook), name, None)) for name in _DISPLAY_METHODS),
            shell.display_formatter.plain_text_only
            if hasattr(shell.display_formatter, "plain_text_only")
            else None,
        ),
        "transformers": tuple(
            id(item)
            for group in (
                shell.input_transformers_cleanup,
                shell.input_transformers_post,
                shell.ast_transformers,
            )
            for item in group
        ),
        "builtins": {key: id(value) for key, value in vars(builtins).items()},
        "library": library,
        "import": (tuple(map(id, sys.meta_path)), tuple(map(id, sys.path_hooks))),
        "events": {key: len(value) for key, value in shell.events.callbacks.items()},
        "errors": tuple(id(getattr(type(shell), name, None)) for name in _ERROR_METHODS),
        "streams": (id(sys.stdout), id(sys.stderr)),
        "shell_overrides": tuple(sorted(k for k in vars(shell) if k.startswith(("run_", "show")))),
    }


def _differences(before: dict[str, Any], now: dict[str, Any]) -> Iterator[tuple[str, str]]:
    simple = {
        "display": "display",
        "transformers": "transformer",
        "import": "import",
        "events": "events",
        "errors": "errors",
        "streams": "streams",
        "shell_overrides": "display",
    }
    for key, kind in simple.items():
        if before[key] != now[key]:
            yield kind, ""
    for name, ident in before["builtins"].items():
        if name not in _SWAPPED_BUILTINS and now["builtins"].get(name) != ident:
            yield "builtin", name
    for module, names in before["library"].items():
        current = now["library"].get(module, {})
        for name, ident in names.items():
            if current.get(name) != ident:
                yield "library", f"{module}.{name}"
    user = _shell().user_ns
    for alias, module in (("grading", "ladderlib.grading"), ("ll", "ladderlib")):
        if alias in user and user[alias] is not sys.modules.get(module):
            yield "rebound", alias


def baseline() -> None:
    """Record the state a fair grading run starts from (run before the first student cell)."""
    import ladderlib.grading  # noqa: F401  (so that its graders are part of the baseline)

    # Also compare right after each cell (against the state right after this first cell, since
    # IPython swaps some hooks in only while a cell runs): a cell that breaks the kernel for
    # good is still seen.
    _shell().events.register("post_run_cell", _after_cell)
    _state["baseline"] = _snapshot()


def _after_cell(result: object) -> None:
    if _state.get("after") is None:
        _state["after"] = _snapshot()
    else:
        _check(_state["after"])


def _check(before: dict[str, Any] | None = None) -> None:
    before = before or _state["baseline"]
    if before is None:
        return
    for kind, detail in _differences(before, _snapshot()):
        _report(f"tamper-{kind}", detail)


def _describe(value: object) -> str:
    kind = type(value)
    module = kind.__module__.split(".")[0]
    name = kind.__qualname__
    article = "an" if name[:1].lower() in "aeiou" else "a"
    if module == "builtins":
        return f"{article} {name}"
    if module == "__main__":
        return f"{article} {name} (a class defined in the notebook)"
    return f"{article} {name} from {module}"


def plain(value: object, depth: int = 0) -> Any:
    """``value`` as JSON plain data, with markers for ``...`` and for what is not plain data.

    >>> plain({"a": [1, 2.5, None, ...]})
    {'a': [1, 2.5, None, {'__ellipsis__': True}]}
    >>> plain({1, 2})
    {'__not_readable__': 'a set'}
    """
    if value is ...:
        return {"__ellipsis__": True}
    if depth > _MAX_DEPTH:
        return {"__not_readable__": "data nested too deeply"}
    if value is None or type(value) in (str, bool, int):
        return value
    if type(value) is float:
        return value if math.isfinite(value) else {"__not_readable__": f"the number {value}"}
    if type(value) in (list, tuple):
        items = list(value)  # type: ignore[call-overload]
        if len(items) > _MAX_ITEMS:
            return {"__not_readable__": f"a list of {len(items)} items"}
        return [plain(item, depth + 1) for item in items]
    if type(value) is dict:
        if not all(type(key) is str for key in value):
            return {"__not_readable__": "a dict whose keys are not all text"}
        return {key: plain(item, depth + 1) for key, item in value.items()}
    return {"__not_readable__": _describe(value)}


def capture(marker: str, names: list[str]) -> None:
    """Print the answers ``names`` as one line: ``marker`` then a JSON object."""
    user = _shell().user_ns
    answers = {name: plain(user[name]) for name in names if name in user}
    try:
        text = json.dumps(answers, allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        text = json.dumps({name: {"__not_readable__": "data that is not JSON"} for name in answers})
    _check()
    sys.stdout.write(marker + text + "\n")
    sys.stdout.flush()


def main() -> None:
    """Install the watch, then start the IPython kernel (arguments as ipykernel's)."""
    os.environ.pop("JPY_PARENT_PID", None)  # a new PID namespace: the parent is not visible
    _install_audit_hook()
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()
