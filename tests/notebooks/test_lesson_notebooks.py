"""The lessons: they run top to bottom on fresh kernels, are committed clean, link together, and
their self-checks answer "Correct" to the right answers and "Not attempted" to the placeholders."""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

import ladderlib as ll

sys.path.insert(0, str(Path(__file__).parent))
from lesson_runner import COURSE, lessons, problems

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

# The right answer to every self-check, by the variable the lesson asks the learner to fill in.
ANSWERS = {
    "answer_osm_polarity": "community",
    "answer_etsy_producers": "individuals",
    "answer_tool_library_model": 1,
    "answer_tool_library_rung": "not applicable",
    "answer_self_checkout": "self service",
    "answer_nike": "co-design",
    "answer_zooniverse_rung": "not applicable",
    "answer_arizmendi": 5,
    "answer_etsy": 6,
    "answer_nike_model": "not applicable",
    "answer_etsy_value": "exchange",
    "answer_instagram_economy": "sharing",
    "answer_osm_economy": "commons",
    "answer_zooniverse_institution": "for_benefit",
    "answer_osm_rung": "co-creation",
    "justification_osm": "Volunteers draw the map themselves: consumer_reach is creation.",
    "answer_shapeways_model": 6,
    "answer_priceline_demand": "pull",
    "answer_arizmendi_demand": "push",
    "answer_lego_rung": "co-creation",
    "answer_instagram_model": 4,
    "answer_spotify_rung": "self service",
    "answer_model_6_monetization": "individual_market_sale",
    "answer_models_1_to_4_value": "use",
}


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text("utf-8"))["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"])


@pytest.mark.notebooks
@pytest.mark.parametrize("path", lessons(), ids=lambda p: p.name)
def test_lesson_runs_top_to_bottom_without_errors_or_warnings(executed, path):
    out, run = executed
    assert f"{path.name}: ok" in run.stdout, run.stdout + run.stderr
    notebook = nbformat.read(out / path.name, as_version=4)
    assert problems(notebook) == []
    outputs = [o for cell in notebook["cells"] for o in cell.get("outputs", [])]
    pictures = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert all('<img alt="' in p for p in pictures if "<img" in p)
    if path.name == "index.ipynb":
        assert pictures, "the start page shows both ladders"
        return
    assert any(WIDGET_VIEW in o.get("data", {}) for o in outputs), "every lesson has a widget"
    checks = [c for c in notebook["cells"] if c["cell_type"] == "code" and ".check_" in c["source"]]
    feedback = [
        o["data"]["text/markdown"]
        for cell in checks
        for o in cell.get("outputs", [])
        if "text/markdown" in o.get("data", {})
    ]
    assert feedback and all("**Not attempted**" in text for text in feedback)


@pytest.mark.parametrize("path", lessons(), ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    book = json.loads(path.read_text("utf-8"))
    for cell in book["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
    assert "widgets" not in book["metadata"]


def _run_in_process(path: Path, answers: dict[str, object]) -> list[ll.Feedback]:
    """Run a lesson's code cells in this process with the given answers; collect the feedback."""
    namespace: dict[str, object] = {}
    shown = []
    for cell in _cells(path):
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse(_source(cell))
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Name) and target.id in answers:
                    node.value = ast.copy_location(ast.Constant(answers[target.id]), node.value)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, str(path), "exec"), namespace)
        if last is not None:
            expression = ast.fix_missing_locations(ast.Expression(last.value))
            result = eval(compile(expression, str(path), "eval"), namespace)
            if isinstance(result, ll.Feedback):
                shown.append(result)
    return shown


@pytest.mark.parametrize("path", lessons()[1:], ids=lambda p: p.name)
def test_self_checks_accept_the_right_answers(path):
    placeholders = _run_in_process(path, {})
    assert len(placeholders) >= 2, "each lesson has self-check exercises"
    assert not any(fb.attempted for fb in placeholders)
    answered = _run_in_process(path, ANSWERS)
    assert [(fb.question, fb.verdict) for fb in answered] == [
        (fb.question, "Correct") for fb in placeholders
    ]


@pytest.mark.parametrize("path", lessons()[1:], ids=lambda p: p.name)
def test_lesson_has_the_parts_of_a_lesson(path):
    text = "\n".join(_source(c) for c in _cells(path) if c["cell_type"] == "markdown")
    for part in ("**After this lesson you will be able to**", "## Self-check", "## Summary"):
        assert part in text
    assert 'Michel Bauwens, "Business models for peer production"' in text
    assert "[Course start page](index.ipynb)" in text


def test_start_page_links_every_lesson_in_order():
    text = "\n".join(_source(c) for c in _cells(COURSE / "index.ipynb"))
    linked = re.findall(r"\]\((\d\d_[a-z0-9_]+\.ipynb)\)", text)
    names = [p.name for p in lessons()[1:]]
    assert linked[: len(names)] == names
    assert len(re.findall(r"\| about \d+ min \|", text)) == len(names)


def test_lessons_hold_no_library_code():
    for path in lessons():
        for cell in _cells(path):
            source = _source(cell)
            if cell["cell_type"] == "code":
                assert not re.search(r"^\s*(def|class) ", source, re.M), f"{path.name}: {source}"


ESSAY = Path("/work/shared/source/bauwens-business-models-for-peer-production.txt")


@pytest.mark.skipif(not ESSAY.exists(), reason="the essay's text is not in this checkout")
def test_lessons_paste_no_sentence_of_the_essay():
    words = re.findall(r"[a-z']+", ESSAY.read_text("utf-8").lower())
    essay_runs = {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}
    for path in lessons():
        mine = re.findall(r"[a-z']+", "\n".join(_source(c) for c in _cells(path)).lower())
        runs = {" ".join(mine[i : i + 8]) for i in range(len(mine) - 7)}
        assert not runs & essay_runs, f"{path.name} repeats the essay word for word"
