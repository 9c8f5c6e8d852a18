"""The glossary covers the whole vocabulary: every value of every attribute, with unknown."""

from __future__ import annotations

import re

import pytest

import ladderlib as ll
from ladderlib.practice import practice_cases


def test_glossary_has_one_entry_per_value_of_every_attribute() -> None:
    expected = [
        (name, value)
        for name, attribute in ll.ATTRIBUTES.items()
        for value in (*attribute.values, "unknown")
    ]
    assert [(e.attribute, e.value) for e in ll.glossary()] == expected
    assert ("value_type", "not_applicable") in expected


@pytest.mark.parametrize("entry", ll.glossary().entries, ids=lambda e: f"{e.attribute}.{e.value}")
def test_each_meaning_is_one_plain_sentence(entry: ll.GlossaryEntry) -> None:
    assert entry.meaning[0].isupper() and entry.meaning.endswith(".")
    assert not re.search(r"[.!?] [A-Z]", entry.meaning[:-1]), "one sentence"
    assert "_" not in entry.meaning, "plain words, not vocabulary names"
    assert 5 <= len(entry.meaning.split()) <= 40


def test_examples_are_the_course_cases_that_have_the_value() -> None:
    cases = {c.name: c for c in (*ll.catalog(), *practice_cases())}
    for entry in ll.glossary():
        for name in entry.examples:
            assert (getattr(cases[name], entry.attribute) or "unknown") == entry.value
    covered = {(e.attribute, name) for e in ll.glossary() for name in e.examples}
    assert len(covered) == len(cases) * len(ll.ATTRIBUTES), "every case counted once"
    assert "Mondragon" in ll.glossary("platform_ownership")["cooperative"].examples
    assert "Zooniverse" in ll.glossary()["initiator.academic_institution"].examples


def test_lessons_can_leave_out_the_practice_cases() -> None:
    practice = {c.name for c in practice_cases()}
    shown = {n for e in ll.glossary(practice=False) for n in e.examples}
    assert shown and not shown & practice


def test_glossary_text_and_markdown_name_each_value() -> None:
    text = str(ll.glossary("Platform ownership"))
    assert text.splitlines()[0] == "platform_ownership: who owns the platform the exchange runs on"
    assert "  federated_open: No single owner" in text
    markdown = ll.glossary("platform_ownership")._repr_markdown_()
    assert "- `nonprofit_or_foundation`: A non-profit organisation" in markdown


def test_bad_names_get_a_clear_error() -> None:
    with pytest.raises(ValueError, match="Did you mean 'monetization'"):
        ll.glossary("monetisation")
    with pytest.raises(KeyError, match="no single glossary entry 'cooperativ'"):
        ll.glossary("platform_ownership")["cooperativ"]
    with pytest.raises(KeyError, match="no single glossary entry 'unknown'"):
        ll.glossary()["unknown"]  # which attribute's? ambiguous


def test_glossary_frame() -> None:
    df = ll.glossary_frame()
    assert list(df.columns) == ["attribute", "value", "meaning", "examples"]
    assert len(df) == len(ll.glossary())
