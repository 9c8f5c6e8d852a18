"""The judge: the instructor's test cells, run on a student's answers in a process of our own.

The judge never sees student code. It runs, in order, the instructor's own code cells of a
notebook (the locked cells nbgrader restores from the gradebook, such as the setup cell) and
its test cells, visible checks and hidden tests alike. Before each test cell it sets the
variables that cell reads to the plain data the student's kernel sent
(:mod:`ladderlib.instructor.engine.answers`). A variable that was not plain data makes the cell fail with
``NotReadable``: 0 points and a message that says what was received.

Each test cell's outputs are made the way IPython makes them (stdout, stderr, the value of the
last expression, an error), so nbgrader scores them exactly as it scores a kernel's: an error
or stderr gives 0, a number is partial credit.

Examples
--------
>>> namespace = {}
>>> run_cell("x = 2\\nprint('two')\\nx * 1.5", namespace)[-1]["data"]["text/plain"]
'3.0'
>>> run_cell("1 / 0", namespace)[0]["ename"]
'ZeroDivisionError'
"""

from __future__ import annotations

import ast
import contextlib
import io
import warnings
from collections.abc import Mapping
from typing import Any

from nbformat.notebooknode import NotebookNode, from_dict

from .answers import NotReadable, decode_value

__all__ = ["ANSWER_RULE", "error_output", "node", "not_readable_error", "run_cell", "set_answers"]

ANSWER_RULE = "an answer must be text, a number, True, False, None, or a list or dict of these"


def node(data: dict[str, Any]) -> NotebookNode:
    """``data`` as a notebook node (nbformat's ``from_dict``, typed)."""
    return from_dict(data)  # type: ignore[no-any-return,no-untyped-call]


def error_output(ename: str, evalue: str) -> NotebookNode:
    """An error output as nbgrader records it: the last line of the traceback only."""
    return node(
        {
            "output_type": "error",
            "ename": ename,
            "evalue": evalue,
            "traceback": [f"{ename}: {evalue}"],
        }
    )


def not_readable_error(name: str, value: NotReadable) -> NotebookNode:
    """The output of a test cell whose answer ``name`` was not plain data."""
    return error_output(
        "NotReadable",
        f"{name} could not be read for grading: it holds {value.description}; {ANSWER_RULE}.",
    )


def _stream(name: str, text: str) -> NotebookNode:
    return node({"output_type": "stream", "name": name, "text": text})


def run_cell(source: str, namespace: dict[str, Any]) -> list[NotebookNode]:
    """Run one cell of the instructor's code in ``namespace``; return its outputs."""
    out, err = io.StringIO(), io.StringIO()
    outputs: list[NotebookNode] = []
    result: Any = None
    failure: BaseException | None = None
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("default")
        try:
            tree = ast.parse(source)
            last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            if last is not None:
                tree.body.pop()
            exec(compile(tree, "<test cell>", "exec"), namespace)
            if last is not None:
                expression = ast.Expression(last.value)
                result = eval(compile(expression, "<test cell>", "eval"), namespace)
        except Exception as error:  # an error is the cell's output, as in IPython
            failure = error
    if out.getvalue():
        outputs.append(_stream("stdout", out.getvalue()))
    if err.getvalue():
        outputs.append(_stream("stderr", err.getvalue()))
    if failure is not None:
        outputs.append(error_output(type(failure).__name__, str(failure)))
    elif result is not None:
        outputs.append(
            node(
                {
                    "output_type": "execute_result",
                    "data": {"text/plain": repr(result)},
                    "metadata": {},
                    "execution_count": None,
                }
            )
        )
    return outputs


def set_answers(
    namespace: dict[str, Any], names: set[str], captured: Mapping[str, Any] | None
) -> NotebookNode | None:
    """Put the captured answers ``names`` into ``namespace``.

    Returns the error output to record instead of running the cell when one of them is not
    plain data. A name the student never defined is removed, so the cell fails as it would
    have in the student's kernel (``NameError``).
    """
    for name in sorted(names):
        namespace.pop(name, None)
        if captured is None or name not in captured:
            continue
        value = decode_value(captured[name])
        unreadable = _first_unreadable(value)
        if unreadable is not None:
            return not_readable_error(name, unreadable)
        namespace[name] = value
    return None


def _first_unreadable(value: Any) -> NotReadable | None:
    if isinstance(value, NotReadable):
        return value
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for item in items:
        found = _first_unreadable(item)
        if found is not None:
            return found
    return None
