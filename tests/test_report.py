"""The misconception report's logic on a class built in memory (no nbgrader run; about 3 s).

The answer keys are read from the committed solutions' test cells, as the report reads them from
the gradebook; each student's answers are written in the grading engine's metadata format and
read back with ``load_answers``; points come from the course's own graders. The end-to-end run
through real nbgrader is in ``tests/nbgrader/test_report_pipeline.py``.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from ladderlib import grading
from ladderlib.engine.answers import load_answers
from ladderlib.report.gradebook import ClassData, Grade, StudentRecord, TextQuestion
from ladderlib.report.keys import AnswerKey, answer_key, answer_keys
from ladderlib.report.misconceptions import find_misconceptions
from ladderlib.report.normalize import accepted_texts, expected_text
from ladderlib.report.page import Report, render
from ladderlib.report.table import COLUMNS, answer_frame, answer_rows

ROOT = Path(__file__).resolve().parents[1]
ELLIPSIS = {"__ellipsis__": True}


def _graded_cells(assignment: str) -> tuple[dict[str, str], dict[str, float], list[TextQuestion]]:
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


def _points(key: AnswerKey, answers: Mapping[str, Any]) -> float:
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


SOLVED = {
    "nbc": ("passive consumption", "none"),
    "ryanair": ("self service", "transaction_labor"),
    "hellofresh": ("DIY", "production_logistics_labor"),
    "tesla": ("co-design", "customization"),
    "threadless": ("co-creation", "creation"),
    "starbucks": ("co-creation", "creation"),
}


def _answers(**changes: tuple[Any, Any]) -> dict[str, Any]:
    """A direct-economy submission in the engine's JSON format: solved, with ``changes``."""
    encoded: dict[str, Any] = {}
    for case, (rung, reach) in {**SOLVED, **changes}.items():
        encoded[f"{case}_rung"] = rung
        encoded[f"{case}_attributes"] = {"framework_control": "firm", "consumer_reach": reach}
    return encoded


# The planted confusion: four of seven put Tesla at DIY and read consumer_reach as
# production_logistics_labor; two more put Ryanair at DIY with the right attributes.
CLASS = {
    "ada": _answers(),
    "ben": _answers(tesla=("DIY", "production_logistics_labor")),
    "cai": _answers(tesla=("diy", "production logistics labor")),
    "dee": _answers(
        tesla=("Do it yourself", "production_logistics_labor"), ryanair=("DIY", "transaction_labor")
    ),
    "eli": _answers(tesla=("DIY", "production_logistics_labor"), ryanair=("DIY", "choice")),
    "fay": _answers(tesla=("co-desing", "customization"), nbc=(ELLIPSIS, ELLIPSIS)),
    "gus": {},
}


@pytest.fixture(scope="module")
def data() -> ClassData:
    sources, points, texts = _graded_cells("direct-economy")
    keys = answer_keys(sources)
    students = []
    for student, encoded in CLASS.items():
        # Each test cell records the variables it reads, as the engine does.
        metadata = {
            gid: {n: encoded[n] for n in (k.answer, k.justification) if n and n in encoded}
            for gid, k in keys.items()
        }
        notebook = {"metadata": {"ladderlib": {"engine": 1, "answers": metadata}}}
        answers = load_answers(notebook)
        flat = {n: v for names in answers.values() for n, v in names.items()}
        grades = {gid: Grade(_points(k, flat), points[gid]) for gid, k in keys.items()}
        for text in texts:
            scored = student == "ada"
            grades[text.grade_id] = Grade(
                text.max_score if scored else 0.0, text.max_score, not scored,
                text.max_score if scored else None,
            )  # fmt: skip
        audit = ("read outside its folder",) if student == "gus" else ()
        students.append(StudentRecord(student, student.title(), grades, answers, audit))
    return ClassData("direct-economy", keys, points, tuple(texts), tuple(students))


def test_keys_are_read_from_every_hidden_test_without_running_it() -> None:
    expected = {
        ("direct-economy", "tesla-rung"): ("co-design", ()),
        ("direct-economy", "starbucks-consumer-reach"): ("creation", ()),
        ("hybrid-models", "loomio-model"): ("2", ("5",)),
        ("hybrid-models", "fairphone-model"): ("not applicable", ()),
        ("hybrid-models", "fairphone-platform-ownership"): (
            "firm_own_channel",
            ("proprietary_for_profit",),
        ),
        ("distinctions", "blender-rung"): ("not applicable", ("co-creation",)),
        ("distinctions", "gutenberg-value"): ("use", ()),
        ("distinctions", "contradictions"): (
            "Loomcraft weavers; OpenAtlas of Trails; Quill & Co. reader-designed covers; "
            "SelfFix bicycle workshop",
            (),
        ),
    }
    for (assignment, gid), (answer, accepted) in expected.items():
        sources, _, _ = _graded_cells(assignment)
        keys = answer_keys(sources)
        assert set(keys) == set(sources)  # every graded code cell of the course is read
        assert (expected_text(keys[gid]), accepted_texts(keys[gid])) == (answer, accepted)


def test_a_key_built_from_code_is_refused_with_the_cell_named() -> None:
    source = "_key = make_key()\ngrading.rung_points(_key, x_rung, points=2)"
    with pytest.raises(ValueError, match="the test cell 'x-rung' builds its key in a way not read"):
        answer_key("x-rung", source)


def test_answer_rows_normalize_spellings_and_keep_points(data: ClassData) -> None:
    rows = {(r.student, r.question): r for r in answer_rows(data)}
    assert len(rows) == len(CLASS) * 18
    assert rows[("cai", "tesla-rung")].given == "DIY"
    assert rows[("cai", "tesla-consumer-reach")].given == "production_logistics_labor"
    assert rows[("dee", "tesla-rung")].points == 1.0  # one rung off: half of 2 points
    assert rows[("fay", "tesla-rung")].given == "unreadable: co-desing"
    assert rows[("fay", "nbc-rung")].given == ""  # the placeholder ... is "not attempted"
    assert rows[("gus", "nbc-rung")].given == ""  # nothing recorded at all
    frame = answer_frame(answer_rows(data))
    assert tuple(frame.columns) == COLUMNS
    assert COLUMNS[:6] == ("student", "question", "given", "expected", "points", "max_points")


def test_the_planted_confusion_comes_out_with_its_count_and_attribute(data: ClassData) -> None:
    found = find_misconceptions(data, answer_rows(data))
    assert [m.sentence for m in found] == [
        "4 of 7 put Tesla Model S design studio, 2013 at DIY; all of them read consumer_reach "
        "as production_logistics_labor, and the case says customization.",
        "4 of 7 read consumer_reach of Tesla Model S design studio, 2013 as "
        "production_logistics_labor; the case says customization.",
        # Ryanair at DIY: no one's attributes lead there (one misread consumer_reach as choice,
        # which is still self service; the other read it right), so the library's feedback
        # names the attribute.
        "2 of 7 put Ryanair online check-in, 2010 at DIY; the library's feedback sends them "
        "back to consumer_reach, which the case gives as transaction_labor.",
    ]
    assert found[0].count == 4 and found[0].attribute == "consumer_reach"


def test_the_page_is_self_contained_and_names_students_only_in_their_table(
    data: ClassData,
) -> None:
    rows = answer_rows(data)
    found = find_misconceptions(data, rows)
    named = render(Report(data, rows, found))
    anonymous = render(Report(data, rows, found, anonymous=True))
    for student in CLASS:
        assert f">{student.title()}<" in named
        assert student.title() not in anonymous and f">{student}<" not in anonymous
    for page in (named, anonymous):
        assert not re.search(r"(src|href)=\"(?!data:|#)", page)  # nothing from the network
        assert "<script" not in page and "<link" not in page
        for image in re.finditer(r"<img [^>]*alt=\"([^\"]+)\"[^>]*></figure><table>", page):
            assert image.group(1).startswith(("Histogram", "Heatmap", "Bar chart"))
        assert page.count("<img ") == len(re.findall(r"</figure><table>", page)) == 3
        assert "4 of 7 put Tesla Model S design studio, 2013 at DIY" in page
        assert "read outside its folder" in page


def test_hostile_answers_are_escaped_and_never_reach_a_sentence(data: ClassData) -> None:
    evil = "<script>alert(1)</script>"
    records = [
        StudentRecord(f"x{i}", "", s.grades, {"tesla-rung": {"tesla_rung": evil}})
        for i, s in enumerate(data.students)
    ]
    hostile = ClassData(data.assignment, data.keys, data.max_points, data.texts, tuple(records))
    rows = answer_rows(hostile)
    found = find_misconceptions(hostile, rows)
    assert not any("script" in m.sentence for m in found)
    page = render(Report(hostile, rows, found))
    assert evil not in page and "&lt;script&gt;" in page
