"""Answers as plain data: what leaves a student's kernel, and how the engine reads it back.

Only JSON plain data crosses the boundary: str, int, float, bool, None, and lists and dicts of
these (never pickle). Two markers stand for what JSON cannot say:

- ``{"__ellipsis__": true}`` is the untouched placeholder ``...``;
- ``{"__not_readable__": "<what was received>"}`` is a value that was not plain data (a pandas
  Series, a set, a function): it scores 0, with a message saying what was received.

A variable the student never defined is simply absent. Every autograded notebook keeps the
answers it was graded on in ``metadata["ladderlib"]["answers"]``, keyed by the grade id of the
test cell that read them.

Examples
--------
>>> decode_value({"framework_control": {"__ellipsis__": True}, "consumer_reach": "none"})
{'framework_control': Ellipsis, 'consumer_reach': 'none'}
>>> decode_value({"__not_readable__": "a Series from pandas"})
NotReadable('a Series from pandas')
>>> sorted(answer_names("grading.rung_points(_key, tesla_rung, tesla_attributes, points=2)\\n"
...                     "_key = 1", bound={"grading"}))
['tesla_attributes', 'tesla_rung']
"""

from __future__ import annotations

import ast
import builtins
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "ELLIPSIS",
    "METADATA_KEY",
    "NOT_READABLE",
    "NotReadable",
    "answer_names",
    "bound_names",
    "decode_value",
    "load_answers",
    "parse_capture",
]

METADATA_KEY = "ladderlib"
ELLIPSIS = "__ellipsis__"
NOT_READABLE = "__not_readable__"
#: The largest capture one test cell may send back; anything longer is not readable.
MAX_CAPTURE_BYTES = 1_000_000


@dataclass(frozen=True)
class NotReadable:
    """An answer that was not plain data; ``description`` says what was received."""

    description: str

    def __repr__(self) -> str:
        return f"NotReadable({self.description!r})"


def decode_value(value: Any) -> Any:
    """Turn decoded JSON back into an answer: markers become ``...`` or :class:`NotReadable`."""
    if isinstance(value, dict):
        if value.keys() == {ELLIPSIS}:
            return ...
        if value.keys() == {NOT_READABLE}:
            return NotReadable(str(value[NOT_READABLE]))
        return {str(key): decode_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode_value(item) for item in value]
    return value


def parse_capture(text: str, marker: str) -> dict[str, Any] | None:
    """The answers in a capture cell's output ``text``, or None when there are none to read.

    The capture is the one line that starts with ``marker``; it must be a JSON object, at most
    :data:`MAX_CAPTURE_BYTES` long. Values stay encoded (see :func:`decode_value`).

    >>> parse_capture('noise\\nM{"a": 1}\\n', "M")
    {'a': 1}
    >>> parse_capture('M[1, 2]', "M") is None
    True
    """
    lines = [line for line in text.splitlines() if line.startswith(marker)]
    if len(lines) != 1 or len(lines[0]) > MAX_CAPTURE_BYTES:
        return None
    try:
        data = json.loads(lines[0][len(marker) :])
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not all(isinstance(key, str) for key in data):
        return None
    return data


def load_answers(notebook: Mapping[str, Any] | str | Path) -> dict[str, dict[str, Any]]:
    """The answers an autograded notebook was graded on: ``{grade_id: {name: value}}``.

    ``notebook`` is a notebook (as read by nbformat or json) or the path of one. ``...`` and
    :class:`NotReadable` are restored; a notebook graded without the engine gives ``{}``.
    """
    data: Mapping[str, Any] = (
        json.loads(Path(notebook).read_text("utf-8"))
        if isinstance(notebook, str | Path)
        else notebook
    )
    recorded = data.get("metadata", {}).get(METADATA_KEY, {}).get("answers", {})
    return {
        str(grade_id): {str(name): decode_value(value) for name, value in names.items()}
        for grade_id, names in recorded.items()
        if isinstance(names, dict)
    }


def bound_names(sources: Iterable[str]) -> set[str]:
    """Every name that the code in ``sources`` binds (assignments, imports, defs, loops)."""
    names: set[str] = set()
    for source in sources:
        for node in ast.walk(_parse(source)):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
                names.add(node.id)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.alias):
                names.add((node.asname or node.name).split(".")[0])
    return names


def answer_names(source: str, bound: Iterable[str] = ()) -> set[str]:
    """The student's variables a test cell reads: names it loads but neither it, ``bound``
    (the names the instructor's own cells define) nor Python's builtins provide."""
    loaded = {
        node.id
        for node in ast.walk(_parse(source))
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }
    return loaded - bound_names([source]) - set(bound) - set(dir(builtins))


def _parse(source: str) -> ast.Module:
    # Instructor cells may hold IPython magics; they bind nothing the graders read.
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    return ast.parse("\n".join(lines))
