"""The report as one self-contained HTML page: embedded pictures, tables, nothing from the network.

Every picture has alt text stating what it shows and a table with the same numbers right after
it. Text from the gradebook or a submission is escaped. Students are named only in the
per-student table, which ``anonymous=True`` leaves out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from .gradebook import ClassData
from .misconceptions import Misconception
from .plots import attribute_bars, bin_counts, bins, heatmap, histogram
from .summaries import (
    CoMisread,
    attribute_stats,
    audit_counts,
    co_misreads,
    glance,
    grid,
    question_stats,
    text_stats,
)
from .table import AnswerRow

__all__ = ["Report", "render"]

_STYLE = """
body { font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0 auto;
       max-width: 70rem; padding: 1rem 1.5rem; line-height: 1.45; }
h1 { font-size: 1.7rem; } h2 { margin-top: 2.2rem; border-bottom: 2px solid #1f3b5a; }
table { border-collapse: collapse; margin: 0.8rem 0 1.4rem; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { border: 1px solid #8a8a8a; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #e8edf3; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.pair { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
figure { margin: 0.5rem 0; } img { max-width: 100%; height: auto; }
ol.misconceptions li { margin-bottom: 0.4rem; }
a { color: #0b4f9c; }
"""


@dataclass(frozen=True)
class Report:
    """Everything the page shows, computed once."""

    data: ClassData
    rows: Sequence[AnswerRow]
    misconceptions: Sequence[Misconception]
    anonymous: bool = False


def _n(value: float) -> str:
    return f"{value:g}"


def _table(caption: str, head: Sequence[str], body: Iterable[Sequence[object]],
           numeric: Iterable[int] = (), row_header: bool = True) -> str:  # fmt: skip
    right = set(numeric)
    cells = "".join(
        f'<th scope="col"{" class=n" if i in right else ""}>{escape(h)}</th>'
        for i, h in enumerate(head)
    )
    lines = []
    for line in body:
        parts = []
        for i, value in enumerate(line):
            text = escape(value if isinstance(value, str) else _n(float(value)))  # type: ignore[arg-type]
            klass = ' class="n"' if i in right else ""
            if i == 0 and row_header:
                parts.append(f'<th scope="row"{klass}>{text}</th>')
            else:
                parts.append(f"<td{klass}>{text}</td>")
        lines.append("<tr>" + "".join(parts) + "</tr>")
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>{cells}</tr></thead>"
        f"<tbody>{''.join(lines)}</tbody></table>"
    )


def _figure(png: str, alt: str, table: str) -> str:
    return (
        f'<div class="pair"><figure><img src="data:image/png;base64,{png}" '
        f'alt="{escape(alt)}"></figure>{table}</div>'
    )


def _glance(report: Report) -> str:
    data = report.data
    seen = glance([s.total for s in data.students], data.max_total)
    edges = bins(data.max_total)
    counts = bin_counts(seen.totals, edges)
    top = max(range(len(counts)), key=lambda i: counts[i])
    alt = (
        f"Histogram of the totals of {seen.submissions} submissions in {len(edges)} bins from 0 "
        f"to {_n(data.max_total)} points; the tallest bar holds {counts[top]} submissions, "
        f"from {_n(edges[top][0])} to {_n(edges[top][1])} points. The table next to it gives "
        "every bin."
    )
    labels = [
        f"{_n(low)} to {_n(high)}" + (" (inclusive)" if i == len(edges) - 1 else "")
        for i, (low, high) in enumerate(edges)
    ]
    table = _table("Submissions by total points", ["points", "submissions"],
                   zip(labels, counts, strict=True), numeric=[1])  # fmt: skip
    facts = _table(
        "The class at a glance",
        ["measure", "value"],
        [
            ["submissions", seen.submissions],
            ["mean total", seen.mean],
            ["median total", seen.median],
            ["points possible", data.max_total],
        ],
        numeric=[1],
    )
    return facts + _figure(histogram(seen.totals, data.max_total), alt, table)


def _misconceptions(report: Report) -> str:
    if not report.misconceptions:
        return "<p>No wrong answer was shared by two or more students.</p>"
    items = "".join(f"<li>{escape(m.sentence)}</li>" for m in report.misconceptions)
    return f'<ol class="misconceptions">{items}</ol>'


def _ladders(report: Report) -> str:
    parts = []
    for kind in ("rung", "model"):
        table = grid(report.rows, kind)
        if table is None:
            continue
        size = len(table.labels)
        right = sum(table.counts[i][i] for i in range(size))
        off = [(table.counts[r][c], r, c) for r in range(size) for c in range(size) if r != c]
        count, r, c = max(off)
        worst = (
            f" The most common wrong cell: {table.labels[r]} expected, {table.labels[c]} given, "
            f"{count} answers."
            if count
            else " No answer is off the diagonal."
        )
        alt = (
            f"Heatmap of expected against given answers on the {table.ladder}, "
            f"{table.total} answers: {right} on the diagonal, where given equals expected."
            f"{worst} The table next to it gives every cell."
        )
        body = [[label, *line] for label, line in zip(table.labels, table.counts, strict=True)]
        head = ["expected \\ given", *table.labels]
        grid_table = _table(f"Answers on the {table.ladder}: expected (rows) by given (columns)",
                            head, body, numeric=range(1, size + 1))  # fmt: skip
        parts.append(
            f"<h3>The {escape(table.ladder)}</h3>" + _figure(heatmap(table), alt, grid_table)
        )
    return "".join(parts) or "<p>This assignment asks for no answer on a ladder.</p>"


def _attributes(report: Report) -> str:
    stats = attribute_stats(report.rows)
    if not stats:
        return "<p>This assignment asks for no attribute values.</p>"
    shares = ", ".join(f"{s.attribute} {100 * s.share:.0f} %" for s in stats)
    alt = (
        f"Bar chart of the share of wrong answers for each attribute asked: {shares}. The table "
        "next to it gives the counts."
    )
    body = [
        [s.attribute, s.answered, s.wrong, f"{100 * s.share:.0f} %",
         s.common_wrong[0] if s.common_wrong else "", s.common_wrong[1] if s.common_wrong else 0]
        for s in stats
    ]  # fmt: skip
    table = _table("Wrong answers per attribute",
                   ["attribute", "answers given", "wrong", "share wrong", "most common wrong value",
                    "given by"], body, numeric=[1, 2, 3, 5])  # fmt: skip
    html = _figure(attribute_bars(stats), alt, table)
    links = co_misreads(report.rows)
    if links:
        items = "".join(f"<li>{escape(_link_sentence(link))}</li>" for link in links)
        html += (
            f"<h3>Wrong answers on a ladder that came with a wrong attribute</h3><ul>{items}</ul>"
        )
    return html


def _link_sentence(link: CoMisread) -> str:
    """How a ladder's wrong answers line up with one attribute's wrong values, in words."""
    text = (
        f"{link.also_wrong} of the {link.wrong_answers} wrong answers to {link.title} "
        f"({link.question}) came with a wrong {link.attribute}"
    )
    if link.common_value:
        text += f", most often {link.common_value}"
    if 2 * link.also_wrong > link.wrong_answers:
        return text + f": the class misread {link.attribute}."
    return text + "."


def _questions(report: Report) -> str:
    body = []
    for stat in question_stats(report.rows):
        answers = "; ".join(f"{given}: {count}" for given, count in stat.answers)
        wrong, count = stat.wrong if stat.wrong else ("", 0)
        body.append([stat.question, stat.title, stat.expected, answers, wrong, count])
    return _table("Answers to each question",
                  ["question", "case", "expected", "answers given (count)",
                   "most common wrong answer", "given by"], body, numeric=[5])  # fmt: skip


def _texts(report: Report) -> str:
    stats = text_stats(report.data)
    if not stats:
        return "<p>This assignment has no hand-graded answers.</p>"
    body = [
        [s.question, s.max_score, s.scored, "" if s.mean is None else _n(s.mean), s.waiting]
        for s in stats
    ]
    return _table("Hand-graded answers", ["question", "points", "scored", "mean score",
                  "students waiting"], body, numeric=[1, 2, 3, 4])  # fmt: skip


def _audit(report: Report) -> str:
    flags = audit_counts(report.data)
    if not flags:
        return "<p>The grading engine raised no audit flag.</p>"
    return _table("Audit flags raised while grading", ["flag", "submissions"], flags, numeric=[1])


def _students(report: Report) -> str:
    body = [
        [s.student, s.name, s.total, report.data.max_total, len(s.waiting), "; ".join(s.audit)]
        for s in report.data.students
    ]
    return _table("Each student", ["student", "name", "total", "points possible",
                  "answers waiting for a manual grade", "audit flags"], body,
                  numeric=[2, 3, 4])  # fmt: skip


def render(report: Report) -> str:
    """The whole page as an HTML string."""
    sections = [
        ("glance", "The class at a glance", _glance),
        ("misconceptions", "Misconceptions, most common first", _misconceptions),
        ("ladders", "Each ladder: expected against given", _ladders),
        ("attributes", "Each attribute", _attributes),
        ("questions", "Each question", _questions),
        ("texts", "Hand-graded justifications", _texts),
        ("audit", "Audit flags from the grading engine", _audit),
    ]
    if not report.anonymous:
        sections.append(("students", "Each student", _students))
    title = f"What the class got wrong: {report.data.assignment}"
    nav = "".join(
        f'<li><a href="#{anchor}">{escape(name)}</a></li>' for anchor, name, _ in sections
    )
    body = "".join(
        f'<section aria-labelledby="{anchor}"><h2 id="{anchor}">{escape(name)}</h2>{part(report)}'
        "</section>"
        for anchor, name, part in sections
    )
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>{escape(title)}</h1><p>Made by ladder-report from the gradebook and the "
        "answers the grading engine recorded. No sentence on this page names a student"
        + ("." if report.anonymous else "; names appear only in the last table.")
        + f'</p><nav aria-label="Sections"><ul>{nav}</ul></nav></header>'
        f"<main>{body}</main></body></html>\n"
    )
