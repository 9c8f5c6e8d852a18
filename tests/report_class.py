"""Classes for the misconception report, built without running any notebook.

The answer keys come from the committed solutions' test cells (as the report reads them from the
gradebook); answers are written in the grading engine's metadata format and read back with
``load_answers``; points come from the course's own graders, as the hidden tests would give
them. Used by ``tests/test_report.py``, the report's browser test and
``benchmarks/class_report.py``.

``synthetic_answers`` draws a documented class for ``direct-economy``: every student solves it,
except that, with a fixed seed, about 40 % put Tesla's design studio at DIY (reading
consumer_reach as production_logistics_labor), 25 % put HelloFresh at self service (reading it
as transaction_labor), 15 % put Threadless at co-design without changing their attributes,
10 % leave NBC untouched, and 5 % misspell a rung.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ladderlib import grading
from ladderlib.instructor.engine.answers import load_answers
from ladderlib.instructor.report.gradebook import ClassData, Grade, StudentRecord, TextQuestion
from ladderlib.instructor.report.keys import AnswerKey, answer_keys

ROOT = Path(__file__).resolve().parents[1]
ELLIPSIS = {"__ellipsis__": True}
SOLVED = {
    "nbc": ("passive consumption", "none"),
    "ryanair": ("self service", "transaction_labor"),
    "hellofresh": ("DIY", "production_logistics_labor"),
    "tesla": ("co-design", "customization"),
    "threadless": ("co-creation", "creation"),
    "starbucks": ("co-creation", "creation"),
}


def graded_cells(assignment: str) -> tuple[dict[str, str], dict[str, float], list[TextQuestion]]:
    """The test cells' sources, every grade cell's points, and the text questions."""
    notebook = json.loads((ROOT / "solutions" / assignment / f"{assignment}.ipynb").read_text())
    sources, points, texts = {}, {}, []
    for cell in notebook["cells"]:
        nbg = cell["metadata"].get("nbgrader", {})
        if nbg.get("grade"):
            points[nbg["grade_id"]] = float(nbg["points"])
            if cell["cell_type"] == "markdown":
                texts.append(TextQuestion(nbg["grade_id"], float(nbg["points"])))
            else:
                sources[nbg["grade_id"]] = "".join(cell["source"])
    return sources, points, texts


def points_for(key: AnswerKey, answers: Mapping[str, Any]) -> float:
    """What the course's grader gives (its printed line swallowed), as the hidden test would."""
    args: dict[str, Any] = {k: v for k, v in key.options.items() if k != "question"}
    value, extra = answers.get(key.answer), answers.get(key.justification or "")
    with contextlib.redirect_stdout(io.StringIO()):
        if key.kind == "rung":
            return grading.rung_points(key.case, value, extra, **args)
        if key.kind == "model":
            return grading.model_points(key.case, value, extra, **args)
        if key.kind == "attribute":
            attribute = args.pop("attribute")
            return grading.attribute_points(key.case, value, attribute, **args)
        if key.kind == "distinction":
            return grading.distinction_points(key.case, args.pop("distinction"), value, **args)
        return grading.selection_points(args.pop("expected"), value, **args)


def direct_economy(**changes: tuple[Any, Any]) -> dict[str, Any]:
    """A direct-economy submission in the engine's JSON format: solved, with ``changes``."""
    encoded: dict[str, Any] = {}
    for case, (rung, reach) in {**SOLVED, **changes}.items():
        encoded[f"{case}_rung"] = rung
        encoded[f"{case}_attributes"] = {"framework_control": "firm", "consumer_reach": reach}
    return encoded


def synthetic_answers(students: int, seed: int = 9) -> dict[str, dict[str, Any]]:
    """A documented class of ``students`` (see the module's docstring), by student id."""
    draw = random.Random(seed)
    lures = (
        (0.40, "tesla", ("DIY", "production_logistics_labor")),
        (0.25, "hellofresh", ("self service", "transaction_labor")),
        (0.15, "threadless", ("co-design", "creation")),
        (0.10, "nbc", (ELLIPSIS, ELLIPSIS)),
        (0.05, "ryanair", ("self servise", "transaction_labor")),
    )
    answers = {}
    for i in range(students):
        changes = {case: wrong for share, case, wrong in lures if draw.random() < share}
        answers[f"student{i + 1:03d}"] = direct_economy(**changes)
    return answers


def engine_metadata(keys: Mapping[str, AnswerKey], encoded: Mapping[str, Any]) -> dict[str, Any]:
    """``metadata["ladderlib"]`` as the engine writes it: each test cell's variables."""
    answers = {
        gid: {n: encoded[n] for n in (k.answer, k.justification) if n and n in encoded}
        for gid, k in keys.items()
    }
    return {"engine": 1, "sandbox": "bubblewrap", "answers": answers, "audit": []}


def build_class(
    answers: Mapping[str, Mapping[str, Any]],
    *,
    scored: frozenset[str] = frozenset(),
    audit: Mapping[str, tuple[str, ...]] | None = None,
) -> ClassData:
    """A direct-economy class in memory: ``scored`` students have full manual grades."""
    sources, points, texts = graded_cells("direct-economy")
    keys = answer_keys(sources)
    students = []
    for student, encoded in answers.items():
        recorded = load_answers({"metadata": {"ladderlib": engine_metadata(keys, encoded)}})
        flat = {n: v for names in recorded.values() for n, v in names.items()}
        grades = {gid: Grade(points_for(k, flat), points[gid]) for gid, k in keys.items()}
        for text in texts:
            done = student in scored
            grades[text.grade_id] = Grade(
                text.max_score if done else 0.0, text.max_score, True,
                text.max_score if done else None,
            )  # fmt: skip
        flags = (audit or {}).get(student, ())
        students.append(StudentRecord(student, student.title(), grades, recorded, flags))
    return ClassData("direct-economy", keys, points, tuple(texts), tuple(students))
