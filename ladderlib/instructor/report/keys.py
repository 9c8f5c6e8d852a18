"""The answer key of each graded question, read from a test cell's source without running it.

A hidden test of the course's assignments builds its key as a literal ``_key = ll.Case(...)`` and
calls one grader of :mod:`ladderlib.grading` on the student's variables. nbgrader keeps every
grade cell's source, hidden tests included, in the gradebook; :func:`answer_key` reads such a
source with :mod:`ast`: the grader's arguments are bound to its own signature, literals are read
with :func:`ast.literal_eval`, and nothing is executed.

Examples
--------
>>> source = '''grading.check_rung_form(bakery_rung, name="bakery_rung")
... _key = ll.Case(name="A bakery", framework_control="firm", consumer_reach="customization")
... grading.rung_points(_key, bakery_rung, bakery_attributes, points=2)'''
>>> key = answer_key("bakery-rung", source)
>>> key.kind, key.answer, key.justification, key.case.consumer_reach
('rung', 'bakery_rung', 'bakery_attributes', 'customization')
>>> answer_key("setup", "import ladderlib as ll") is None
True
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ...cases import Case
from ...grading import points as graders

__all__ = ["GRADERS", "AnswerKey", "Kind", "answer_key", "answer_keys"]

Kind = Literal["rung", "model", "attribute", "distinction", "selection"]

GRADERS: Mapping[str, tuple[Kind, Callable[..., float]]] = {
    "rung_points": ("rung", graders.rung_points),
    "model_points": ("model", graders.model_points),
    "attribute_points": ("attribute", graders.attribute_points),
    "distinction_points": ("distinction", graders.distinction_points),
    "selection_points": ("selection", graders.selection_points),
}
"""The graders a question can be read from: name -> (kind of question, the grader)."""

# For each grader: the parameter that holds the student's answer, and the one (if any) that holds
# the student's attribute dict or argument.
_ANSWER_PARAMETER = {
    "rung_points": ("answer", "justification"),
    "model_points": ("answer", "justification"),
    "attribute_points": ("answers", None),
    "distinction_points": ("answer", None),
    "selection_points": ("given", None),
}


@dataclass(frozen=True)
class AnswerKey:
    """What one graded question asks and what its hidden test expects.

    Attributes
    ----------
    grade_id
        The test cell's grade id (the question).
    kind
        ``"rung"``, ``"model"``, ``"attribute"``, ``"distinction"`` or ``"selection"``.
    case
        The key built by the hidden test (``None`` for a selection).
    answer
        The name of the student's variable the grader reads.
    justification
        The student's attribute dict or argument passed along (rung and model questions).
    options
        The grader's other literal arguments: ``attribute``, ``distinction``, ``also``,
        ``readings``, ``expected``, ``points``, ``question``.
    """

    grade_id: str
    kind: Kind
    case: Case | None
    answer: str
    justification: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def attribute(self) -> str | None:
        """The attribute asked for (attribute questions)."""
        value = self.options.get("attribute")
        return str(value) if value is not None else None

    @property
    def title(self) -> str:
        """The case's name, or the grader's question for a selection."""
        if self.case is not None:
            return self.case.name
        return str(self.options.get("question", self.grade_id))


def _grader_call(node: ast.AST) -> tuple[str, ast.Call] | None:
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        func = node.value.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name in GRADERS:
            return str(name), node.value
    return None


def _case_of(node: ast.AST) -> Case | None:
    """A ``Case(...)`` call made of literal keywords, as a Case (or None)."""
    if not isinstance(node, ast.Call) or node.args:
        return None
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name != "Case" or any(kw.arg is None for kw in node.keywords):
        return None
    return Case(**{str(kw.arg): ast.literal_eval(kw.value) for kw in node.keywords})


def answer_key(grade_id: str, source: str) -> AnswerKey | None:
    """The key of the question whose test cell has ``source``, or None when it calls no grader.

    Raises
    ------
    ValueError
        When the grader's call cannot be read without running code (the message names the cell).
    """
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError as error:
        raise ValueError(f"the test cell {grade_id!r} is not valid Python: {error}") from None
    cases: dict[str, Case | None] = {}
    found: AnswerKey | None = None
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                cases[target.id] = _case_of(statement.value)
        call = _grader_call(statement)
        if call is not None:
            found = _read_call(grade_id, *call, cases)
    return found


def _read_call(
    grade_id: str, name: str, call: ast.Call, cases: Mapping[str, Case | None]
) -> AnswerKey:
    kind, grader = GRADERS[name]
    try:
        bound = inspect.signature(grader).bind(
            *call.args, **{str(kw.arg): kw.value for kw in call.keywords}
        )
    except TypeError as error:
        raise ValueError(f"the test cell {grade_id!r} calls {name}() oddly: {error}") from None
    answer_parameter, justification_parameter = _ANSWER_PARAMETER[name]
    case: Case | None = None
    names: dict[str, str | None] = {"answer": None, "justification": None}
    options: dict[str, Any] = {}
    for parameter, node in bound.arguments.items():
        if parameter == "case":
            if not isinstance(node, ast.Name | ast.Call):
                raise ValueError(f"the test cell {grade_id!r} gives {name}() no readable key")
            case = _case_of(node) if isinstance(node, ast.Call) else cases.get(node.id)
            if case is None:
                raise ValueError(f"the test cell {grade_id!r} builds its key in a way not read")
        elif parameter in (answer_parameter, justification_parameter):
            role = "answer" if parameter == answer_parameter else "justification"
            if isinstance(node, ast.Name):
                names[role] = node.id
        else:
            try:
                options[parameter] = ast.literal_eval(node)
            except ValueError:
                raise ValueError(
                    f"the test cell {grade_id!r} passes {parameter} to {name}() as code, "
                    "not as a literal"
                ) from None
    if names["answer"] is None:
        raise ValueError(f"the test cell {grade_id!r} grades no student variable")
    return AnswerKey(grade_id, kind, case, names["answer"], names["justification"], options)


def answer_keys(sources: Mapping[str, str]) -> dict[str, AnswerKey]:
    """The keys of every graded question among ``{grade_id: source}``, in the given order."""
    keys = {}
    for grade_id, source in sources.items():
        key = answer_key(grade_id, source)
        if key is not None:
            keys[grade_id] = key
    return keys
