"""Audit flags: what a submission tried, in words an instructor reads at a glance.

The kernel's watch (:mod:`ladderlib.instructor.engine.kernel_boot`) reports events; this module turns them
into flags such as "read outside its folder (/course/solutions)". A flag is evidence for the
instructor, never a penalty: points are decided by the judge alone. An honest notebook raises
none; a dishonest one that also covers its tracks may raise none either, and still gains
nothing, because nothing in its kernel decides a score.

Examples
--------
>>> flags([{"kind": "read", "detail": "/course/gradebook.db"},
...        {"kind": "process", "detail": "subprocess.Popen"},
...        {"kind": "tamper-builtin", "detail": "abs"}])
['read outside its folder (/course/gradebook.db)', 'started a process (subprocess.Popen)', 'replaced a builtin (abs)']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

__all__ = ["FLAG_TEXT", "flags"]

#: Event kind -> the flag's words. Details (a path, a name) follow in brackets.
FLAG_TEXT: dict[str, str] = {
    "read": "read outside its folder",
    "write": "wrote outside its folder",
    "write-library": "tried to change the installed library",
    "process": "started a process",
    "network": "used the network",
    "signal": "signalled a process",
    "ctypes": "used ctypes to reach into memory",
    "audit-hook": "added an audit hook",
    "trace": "set a trace or profile function",
    "tamper-display": "changed IPython's display",
    "tamper-transformer": "added an input or AST transformer",
    "tamper-builtin": "replaced a builtin",
    "tamper-library": "changed the course library",
    "tamper-rebound": "rebound a library name",
    "tamper-import": "changed Python's import system",
    "tamper-events": "hooked IPython's cell events",
    "tamper-errors": "changed how errors are shown",
    "tamper-streams": "replaced sys.stdout or sys.stderr",
    "capture": "stopped its answers from being collected",
}
_MAX_DETAILS = 3


def flags(events: Iterable[Mapping[str, str]]) -> list[str]:
    """One flag per kind of event, in the order first seen, with up to three details."""
    details: dict[str, list[str]] = {}
    for event in events:
        kind = event.get("kind", "")
        if kind not in FLAG_TEXT:
            continue
        seen = details.setdefault(kind, [])
        detail = event.get("detail", "")
        if detail and detail not in seen and len(seen) < _MAX_DETAILS:
            seen.append(detail)
    return [
        FLAG_TEXT[kind] + (f" ({', '.join(found)})" if found else "")
        for kind, found in details.items()
    ]
