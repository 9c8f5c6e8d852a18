"""A self-check must ask about a case its lesson has not already answered above it.

The rule (issue 11): a self-check that checks a rung, a model, a distinction or an attribute asks
about a case that the lesson has not shown or offered for lookup above the question: not in
markdown (the question's own prompt excepted), not in any output, picture, text alternative or
widget option. Lessons teach with the essay's examples and test transfer with other cases.

The test executes every lesson on a fresh kernel (the shared ``executed`` fixture), finds each
self-check cell and the case it asks about, then scans everything a learner sees above it after
Run All: markdown, printed and displayed outputs (text, Markdown, HTML with its ``alt`` text)
and every string held by the widgets displayed there (dropdown options, labels, tooltips, the
outputs inside them). Takes as long as the shared lesson run (about a minute) plus a second.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import nbformat
import pytest
from lesson_runner import lessons

import ladderlib as ll
from ladderlib.practice import practice_case

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

# Lesson 8 teaches looking things up in a table: its self-checks ask the learner to filter the
# catalog shown above, so finding the answer there is the skill being tested.
LOOKUP_LESSONS = {"08_the_catalog_with_pandas.ipynb"}

# Short forms by which a lesson may name a case, beyond its full name.
ALIASES: Mapping[str, tuple[str, ...]] = {
    "Supermarket self-checkout": ("self-checkout",),
    "Chinese group-buying companies": ("group-buying", "group buying", "tuangou"),
    "Priceline Name Your Own Price": ("Priceline",),
    "Arizmendi bakeries": ("Arizmendi",),
    "Vendor Relationship Management": ("VRM",),
    "Procter & Gamble Connect and Develop": ("P&G", "Procter"),
}
# First words too common to stand for a case on their own.
_COMMON_FIRST_WORDS = {"Open", "Supermarket", "Distributed", "User-ownership", "Vendor", "Chinese"}

_CASE_FINDERS = {"example": ll.example, "practice_case": practice_case}


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _defined_case(name: str, sources: Sequence[str]) -> str | None:
    """The name given to ``name = ll.Case(name="...", ...)`` in the last of ``sources`` that
    binds it, or None."""
    found = None
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
                and isinstance(node.value, ast.Call)
                and _name(node.value.func) == "Case"
            ):
                given = [k.value for k in node.value.keywords if k.arg == "name"]
                if given and isinstance(given[0], ast.Constant) and isinstance(given[0].value, str):
                    found = given[0].value
    return found


def asked_case(source: str, earlier: Sequence[str] = ()) -> str | None:
    """The case a self-check cell asks about, or None when the cell is not a self-check.

    A self-check cell ends with a call to one of ``ll.check_*`` whose first argument names the
    case with ``ll.example("...")`` or ``practice_case("...")``, or is a variable that an
    ``earlier`` code cell (or this one) binds to ``ll.Case(name="...", ...)``.

    Raises
    ------
    AssertionError
        For a check whose case cannot be told from its source (the rule could not be checked).
    """
    tree = ast.parse(source)
    if not tree.body or not isinstance(tree.body[-1], ast.Expr):
        return None
    call = tree.body[-1].value
    if not (isinstance(call, ast.Call) and (_name(call.func) or "").startswith("check_")):
        return None
    first = call.args[0] if call.args else None
    if (
        isinstance(first, ast.Call)
        and _name(first.func) in _CASE_FINDERS
        and len(first.args) == 1
        and isinstance(first.args[0], ast.Constant)
        and isinstance(first.args[0].value, str)
    ):
        return _CASE_FINDERS[_name(first.func) or ""](first.args[0].value).name
    if isinstance(first, ast.Name):
        defined = _defined_case(first.id, [*earlier, source])
        if defined is not None:
            return defined
    raise AssertionError(f"cannot tell which case this self-check asks about:\n{source}")


def names_for(case_name: str) -> list[str]:
    """The ways a lesson may name the case: full name, without its parenthesis, short forms."""
    names = {case_name, re.sub(r"\s*\(.*?\)", "", case_name).strip()}
    first = case_name.split()[0]
    if " " in case_name and first not in _COMMON_FIRST_WORDS and len(first) > 3:
        names.add(first)
    names.update(ALIASES.get(case_name, ()))
    return sorted(names)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _widget_texts(model_id: str, state: Mapping[str, Any]) -> Iterator[str]:
    """Every string held by a displayed widget and the widgets it contains."""
    seen: set[str] = set()
    todo = [model_id]
    while todo:
        current = todo.pop()
        if current in seen or current not in state:
            continue
        seen.add(current)
        for text in _strings(state[current].get("state", {})):
            if text.startswith("IPY_MODEL_"):
                todo.append(text.removeprefix("IPY_MODEL_"))
            else:
                yield text
                todo += re.findall(r'"model_id": "([0-9a-f]+)"', text)


def _output_texts(output: Mapping[str, Any], state: Mapping[str, Any]) -> Iterator[str]:
    if output.get("output_type") == "stream":
        yield output.get("text", "")
    data = output.get("data", {})
    for kind in ("text/plain", "text/markdown", "text/html", "image/svg+xml"):
        if kind in data:
            yield "".join(data[kind]) if isinstance(data[kind], list) else data[kind]
    if WIDGET_VIEW in data:
        yield from _widget_texts(data[WIDGET_VIEW]["model_id"], state)


def _checks_same_case(cell: Any, case: str, before: Sequence[Any]) -> bool:
    earlier = [c.source for c in before if c.cell_type == "code"]
    try:
        return asked_case(cell.source, earlier) == case
    except AssertionError:
        return False


def leaks(notebook: nbformat.NotebookNode) -> list[str]:
    """Each self-check of an executed notebook whose case is shown or offered above it."""
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    found = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        earlier = [c.source for c in notebook.cells[:index] if c.cell_type == "code"]
        case = asked_case(cell.source, earlier)
        if case is None:
            continue
        prompt = index - 1 if index and notebook.cells[index - 1].cell_type == "markdown" else None
        for above in range(index):
            shown = notebook.cells[above]
            if shown.cell_type == "markdown":
                texts = [] if above == prompt else [shown.source]
            elif _checks_same_case(shown, case, notebook.cells[:above]):
                texts = []  # an earlier check on this case: its feedback names the case only
            else:
                texts = [t for o in shown.get("outputs", []) for t in _output_texts(o, state)]
            for name in names_for(case):
                pattern = rf"(?<![\w-]){re.escape(name)}(?![\w-])"
                flags = re.IGNORECASE if name == case else 0
                if any(re.search(pattern, text, flags) for text in texts):
                    found.append(f"cell {index} asks about {case}; cell {above} shows {name!r}")
                    break
    return found


@pytest.mark.notebooks
@pytest.mark.parametrize(
    "path",
    [p for p in lessons()[1:] if p.name not in LOOKUP_LESSONS],
    ids=lambda p: p.name,
)
def test_self_checks_ask_about_cases_not_shown_above(executed, path: Path):
    out, run = executed
    notebook = nbformat.read(out / path.name, as_version=4)
    code = [c.source for c in notebook.cells if c.cell_type == "code"]
    asked = [s for i, s in enumerate(code) if asked_case(s, code[:i])]
    assert len(asked) >= 2, f"{path.name}: {run.stdout}{run.stderr}"
    assert notebook.metadata.get("widgets"), "the executed lesson keeps its widgets' state"
    assert leaks(notebook) == []


def _book(*cells: nbformat.NotebookNode, widgets: dict[str, Any] | None = None):
    book = nbformat.v4.new_notebook(cells=list(cells))
    if widgets is not None:
        book.metadata["widgets"] = {WIDGET_STATE: {"state": widgets}}
    return book


CHECK = 'll.check_model(practice_case("Etsy"), answer)'


def test_the_rule_finds_a_case_named_in_markdown_or_printed_above():
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    printed = code("print(1)", outputs=[nbformat.v4.new_output("stream", text="Etsy: model 6\n")])
    assert leaks(_book(md("**1.** Etsy, which model?"), code(CHECK))) == []
    assert leaks(_book(md("Etsy is model 6."), md("**1.** Which model?"), code(CHECK))) == [
        "cell 2 asks about Etsy; cell 0 shows 'Etsy'"
    ]
    assert leaks(_book(printed, md("**1.** Which model?"), code(CHECK)))
    html = nbformat.v4.new_output("display_data", data={"text/html": '<img alt="6: Etsy" src="">'})
    assert leaks(_book(code("pic", outputs=[html]), code(CHECK)))


def test_the_rule_finds_a_case_offered_by_a_widget_above():
    view = nbformat.v4.new_output(
        "display_data", data={WIDGET_VIEW: {"model_id": "box", "version_major": 2}}
    )
    widgets = {
        "box": {"state": {"children": ["IPY_MODEL_menu"]}},
        "menu": {"state": {"_options_labels": ["IKEA", "Etsy (as of 2020)"]}},
    }
    book = _book(nbformat.v4.new_code_cell("W()", outputs=[view]), nbformat.v4.new_code_cell(CHECK))
    assert leaks(_book(*book.cells, widgets=widgets)) == [
        "cell 1 asks about Etsy; cell 0 shows 'Etsy'"
    ]
    widgets["menu"]["state"]["_options_labels"] = ["IKEA"]
    assert leaks(_book(*book.cells, widgets=widgets)) == []


def test_the_rule_knows_short_names_and_refuses_an_unreadable_check():
    assert names_for("Dell build-to-order") == ["Dell", "Dell build-to-order"]
    assert "LEGO" in names_for("LEGO Ideas")
    assert names_for("Open source (developers)") == ["Open source", "Open source (developers)"]
    with pytest.raises(AssertionError, match="cannot tell which case"):
        asked_case("ll.check_rung(my_case, answer)")
    assert asked_case("x = 1") is None
