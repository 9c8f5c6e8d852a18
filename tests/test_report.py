"""The misconception report's logic on a class built in memory (no nbgrader run; about 3 s).

The class is built by ``report_class.py``: keys from the committed solutions' test cells, answers
in the grading engine's metadata format read back with ``load_answers``, points from the course's
own graders. The end-to-end run through real nbgrader is in
``tests/nbgrader/test_report_pipeline.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from report_class import ELLIPSIS, build_class, direct_economy, graded_cells

from ladderlib.instructor.report.cli import main
from ladderlib.instructor.report.gradebook import ClassData, StudentRecord
from ladderlib.instructor.report.keys import answer_key, answer_keys
from ladderlib.instructor.report.misconceptions import find_misconceptions
from ladderlib.instructor.report.normalize import accepted_texts, expected_text
from ladderlib.instructor.report.page import Report, render
from ladderlib.instructor.report.table import COLUMNS, answer_frame, answer_rows

# The planted confusion: four of seven put Tesla at DIY and read consumer_reach as
# production_logistics_labor; two more put Ryanair at DIY with the right attributes.
CLASS = {
    "ada": direct_economy(),
    "ben": direct_economy(tesla=("DIY", "production_logistics_labor")),
    "cai": direct_economy(tesla=("diy", "production logistics labor")),
    "dee": direct_economy(
        tesla=("Do it yourself", "production_logistics_labor"), ryanair=("DIY", "transaction_labor")
    ),
    "eli": direct_economy(tesla=("DIY", "production_logistics_labor"), ryanair=("DIY", "choice")),
    "fay": direct_economy(tesla=("co-desing", "customization"), nbc=(ELLIPSIS, ELLIPSIS)),
    "gus": {},
}


@pytest.fixture(scope="module")
def data() -> ClassData:
    return build_class(
        CLASS, scored=frozenset({"ada"}), audit={"gus": ("read outside its folder",)}
    )


def test_keys_are_read_from_every_hidden_test_without_running_it() -> None:
    expected = {
        ("direct-economy", "tesla-rung"): ("co-design", ()),
        ("direct-economy", "starbucks-consumer-reach"): ("creation", ("customization",)),
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
        sources, _, _ = graded_cells(assignment)
        keys = answer_keys(sources)
        assert set(keys) == set(sources)  # every graded code cell of the course is read
        assert (expected_text(keys[gid]), accepted_texts(keys[gid])) == (answer, accepted)


def test_a_key_built_from_code_is_refused_with_the_cell_named() -> None:
    source = "_key = make_key()\ngrading.rung_points(_key, x_rung, points=2)"
    with pytest.raises(ValueError, match="the test cell 'x-rung' builds its key in a way not read"):
        answer_key("x-rung", source)


def test_a_distinction_confusion_is_told_with_the_library_s_reason() -> None:
    sources, points, texts = graded_cells("distinctions")
    keys = {gid: k for gid, k in answer_keys(sources).items() if gid == "gutenberg-value"}
    students = tuple(
        StudentRecord(s, "", {}, {"gutenberg-value": {"gutenberg_value": value}})
        for s, value in (("a", "Mixed"), ("b", "mixed"), ("c", "use"))
    )
    data = ClassData("distinctions", keys, points, tuple(texts), students)
    (found,) = find_misconceptions(data, answer_rows(data))
    assert found.sentence == (
        "2 of 3 answered mixed on use value vs exchange value for Project Gutenberg, 2020; the "
        "case says use (value_type = 'use': made for direct use, not for sale, so this is use "
        "value)."
    )
    assert found.attribute == "value_type"


def test_outside_a_course_root_the_script_says_where_to_run_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["direct-economy"]) == 2
    assert capsys.readouterr().err == (
        f"ladder-report: no nbgrader_config.py in {tmp_path}: run ladder-report from the course "
        "root\n"
    )
    assert not (tmp_path / "reports").exists()


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
    # Pictures left out: their base64 text may spell anything.
    anonymous = re.sub(r"base64,[^\"]+", "", render(Report(data, rows, found, anonymous=True)))
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
    records[0] = StudentRecord("x0", "", {}, {"tesla-rung": {"tesla_rung": "=1+1"}})
    hostile = ClassData(data.assignment, data.keys, data.max_points, data.texts, tuple(records))
    rows = answer_rows(hostile)
    found = find_misconceptions(hostile, rows)
    assert not any("script" in m.sentence for m in found)
    page = render(Report(hostile, rows, found))
    assert evil not in page and "&lt;script&gt;" in page
    frame = answer_frame(rows)
    tesla = frame[(frame.student == "x0") & (frame.question == "tesla-rung")]
    assert tesla["given"].tolist() == ["unreadable: =1+1"]  # prefixed: never a formula
    assert not frame["given"].str.match(r"[=+\-@]").any()
