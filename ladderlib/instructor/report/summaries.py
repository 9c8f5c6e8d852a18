"""The counts the report shows: the class at a glance, answers per question and per attribute,
expected-vs-given grids for each ladder, hand-graded text, and the engine's audit flags.

Each function takes the answer rows (:mod:`ladderlib.instructor.report.table`) or the class data and
returns plain numbers, so the page and its tests read the same figures.

Examples
--------
>>> glance([3.0, 5.0, 10.0], 12.0).median
5.0
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ...ladders import DirectEconomyRung, HybridModel
from .gradebook import ClassData
from .normalize import NOT_APPLICABLE_TEXT, is_slip, ladder_text
from .table import AnswerRow

__all__ = [
    "NOT_ATTEMPTED",
    "AttributeStat",
    "CoMisread",
    "Glance",
    "Grid",
    "QuestionStat",
    "TextStat",
    "attribute_stats",
    "audit_counts",
    "co_misreads",
    "glance",
    "grid",
    "question_stats",
    "text_stats",
]

NOT_ATTEMPTED = "(not attempted)"


@dataclass(frozen=True)
class Glance:
    """Submissions, mean and median total, and the totals themselves."""

    submissions: int
    mean: float
    median: float
    max_total: float
    totals: tuple[float, ...]


def glance(totals: Sequence[float], max_total: float) -> Glance:
    """The class at a glance from each submission's total."""
    values = tuple(totals)
    mean = statistics.fmean(values) if values else 0.0
    median = float(statistics.median(values)) if values else 0.0
    return Glance(len(values), round(mean, 2), round(median, 2), max_total, values)


@dataclass(frozen=True)
class QuestionStat:
    """How the class answered one question."""

    question: str
    title: str
    expected: str
    answers: tuple[tuple[str, int], ...]
    wrong: tuple[str, int] | None


def question_stats(rows: Sequence[AnswerRow]) -> list[QuestionStat]:
    """Per question, in order: each answer given with its count, and the most common wrong one."""
    by_question: dict[str, list[AnswerRow]] = {}
    for row in rows:
        by_question.setdefault(row.question, []).append(row)
    stats = []
    for question, answers in by_question.items():
        counts = Counter(row.given or NOT_ATTEMPTED for row in answers)
        wrong = Counter(row.given for row in answers if row.wrong)
        stats.append(
            QuestionStat(
                question,
                answers[0].case,
                answers[0].expected,
                tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))),
                min(wrong.items(), key=lambda item: (-item[1], item[0])) if wrong else None,
            )
        )
    return stats


@dataclass(frozen=True)
class AttributeStat:
    """How often one attribute was misread, over every question that asks for it."""

    attribute: str
    answered: int
    wrong: int
    common_wrong: tuple[str, int] | None

    @property
    def share(self) -> float:
        """The share of the answers given that were wrong."""
        return self.wrong / self.answered if self.answered else 0.0


def attribute_stats(rows: Sequence[AnswerRow]) -> list[AttributeStat]:
    """Per attribute asked: answers given, wrong ones, and the most common wrong value."""
    names = dict.fromkeys(row.attribute for row in rows if row.kind == "attribute")
    stats = []
    for attribute in names:
        given = [r for r in rows if r.attribute == attribute and r.attempted]
        wrong = Counter(r.given for r in given if r.wrong)
        common = min(wrong.items(), key=lambda item: (-item[1], item[0])) if wrong else None
        stats.append(AttributeStat(attribute, len(given), sum(wrong.values()), common))
    return stats


@dataclass(frozen=True)
class CoMisread:
    """Wrong answers on a ladder that came with a wrong value of one attribute of the same case."""

    question: str
    title: str
    wrong_answers: int
    attribute: str
    also_wrong: int
    common_value: str | None


def co_misreads(rows: Sequence[AnswerRow]) -> list[CoMisread]:
    """For each ladder question with wrong answers, the attribute most often wrong with them."""
    wrong_on = {(r.question, r.student) for r in rows if r.wrong}
    found = []
    for question in dict.fromkeys(r.question for r in rows if r.kind in ("rung", "model")):
        ladder = [r for r in rows if r.question == question and r.wrong and not is_slip(r.given)]
        if not ladder:
            continue
        students = {r.student for r in ladder}
        candidates = []
        for other in dict.fromkeys(
            r.question for r in rows if r.kind == "attribute" and r.case == ladder[0].case
        ):
            both = [r for r in rows if r.question == other and r.student in students]
            both = [r for r in both if (other, r.student) in wrong_on]
            common = Counter(r.given for r in both).most_common(1)
            attribute = next(r.attribute for r in rows if r.question == other)
            candidates.append((len(both), attribute, common[0][0] if common else None))
        if candidates:
            count, attribute, value = max(candidates, key=lambda c: c[0])
            if count:
                found.append(
                    CoMisread(question, ladder[0].case, len(ladder), attribute, count, value)
                )
    return found


@dataclass(frozen=True)
class Grid:
    """Counts of expected (rows) against given (columns) answers on one ladder."""

    ladder: str
    labels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    @property
    def total(self) -> int:
        """How many answers the grid counts."""
        return sum(map(sum, self.counts))


def grid(rows: Sequence[AnswerRow], kind: str) -> Grid | None:
    """Expected vs given on the rung (``"rung"``) or model (``"model"``) ladder, or None.

    Only readable answers count; the labels run up the ladder, then ``not applicable``.
    """
    members = DirectEconomyRung if kind == "rung" else HybridModel
    labels = (*(ladder_text(m) for m in members), NOT_APPLICABLE_TEXT)
    index = {label: i for i, label in enumerate(labels)}
    counts = [[0] * len(labels) for _ in labels]
    seen = False
    for row in rows:
        if row.kind == kind and row.given in index and row.expected in index:
            counts[index[row.expected]][index[row.given]] += 1
            seen = True
    if not seen:
        return None
    name = "direct-economy ladder" if kind == "rung" else "hybrid models"
    return Grid(name, labels, tuple(tuple(line) for line in counts))


@dataclass(frozen=True)
class TextStat:
    """A hand-graded text answer: how many are scored, their mean, how many still wait."""

    question: str
    max_score: float
    scored: int
    mean: float | None
    waiting: int


def text_stats(data: ClassData) -> list[TextStat]:
    """Per text question: the mean manual score so far and the count still waiting."""
    stats = []
    for text in data.texts:
        grades = [s.grades[text.grade_id] for s in data.students if text.grade_id in s.grades]
        scored = [g.manual_score for g in grades if g.manual_score is not None]
        waiting = sum(g.waiting for g in grades)
        mean = round(statistics.fmean(scored), 2) if scored else None
        stats.append(TextStat(text.grade_id, text.max_score, len(scored), mean, waiting))
    return stats


def audit_counts(data: ClassData) -> list[tuple[str, int]]:
    """Each audit flag the engine raised, with the number of submissions it was raised on."""
    counts = Counter(flag for s in data.students for flag in dict.fromkeys(s.audit))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
