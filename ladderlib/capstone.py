"""The capstone: a learner's own case, both placements with reasons, their argument, a
self-assessment against the course's rubric, and a Markdown file to share.

The rubric is the one the hand-graded "why" cells of the assignments use (``solutions/``):
an argument earns full marks when it names the fact of the case that decides the placement and
ties it to the idea behind the answer. :func:`assess` reads the argument for the deciding
attribute of each lens (as the checks read a justification) and combines that with the
learner's own answer to the rubric's second question, which no program can judge.

Examples
--------
>>> from ladderlib.cases import Case
>>> library = Case(name="Tool library", framework_control="community_with_for_benefit_foundation",
...                producers="groups", output="commons", value_type="use",
...                monetization="none", platform_ownership="nonprofit_or_foundation")
>>> report = assess(library, "Nobody earns from it: monetization is none, so it is use value kept "
...                 "out of the market.", ties_to_idea=True)
>>> [(a.lens, a.level) for a in report]
[('direct-economy rung', 'half'), ('hybrid model', 'full')]
>>> print(to_markdown(library, "My argument.", report).splitlines()[0])
# Tool library: placed on both ladders
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .cases import Case
from .feedback import names_attribute
from .placement import Lens, place
from .vocabulary import ATTRIBUTES, describe_type

__all__ = ["PLACEHOLDER", "RUBRIC", "Assessment", "assess", "export", "to_markdown"]

RUBRIC = (
    "Full marks: names the fact of the case that decides it",
    "and ties it to the idea behind the answer.",
    "Half: the right fact without the link, or the link without a fact of this case.",
    "Nothing: restates the label, or argues from a fact the case does not give.",
)
"""The hand-graded cells' rubric, as it reads in ``solutions/`` (a test keeps them equal)."""

_LENSES: tuple[tuple[Lens, str], ...] = (
    ("direct_economy", "direct-economy rung"),
    ("peer_production", "hybrid model"),
)


@dataclass(frozen=True)
class Assessment:
    """One placement's self-assessment: the deciding attribute, and the rubric level reached."""

    lens: str
    answer: str
    deciding_attribute: str
    names_fact: bool
    ties_to_idea: bool

    @property
    def level(self) -> str:
        """``full``, ``half`` or ``nothing``, by the rubric."""
        return {2: "full", 1: "half", 0: "nothing"}[self.names_fact + self.ties_to_idea]

    def __str__(self) -> str:
        fact = "names" if self.names_fact else "does not name"
        return (
            f"{self.lens} ({self.answer}): your argument {fact} {self.deciding_attribute}, the "
            f"attribute that decides it; rubric level: {self.level}."
        )


def _answer(case: Case, lens: Lens) -> str:
    placement = place(case)
    if lens == "direct_economy":
        return placement.rung.label if placement.rung else "not applicable"
    return f"model {placement.model.number}" if placement.model else "not applicable"


def assess(case: Case, argument: str, *, ties_to_idea: bool) -> tuple[Assessment, ...]:
    """Assess ``argument`` for both placements of ``case`` against the rubric.

    ``ties_to_idea`` is the learner's own judgement: does the argument say why that fact
    leads to the answer (the idea behind it)?

    Raises
    ------
    TypeError
        When ``case`` is not a Case or ``argument`` is not a string.
    """
    if not isinstance(case, Case):
        raise TypeError(f"assess() needs your Case first (got {describe_type(case)})")
    if not isinstance(argument, str):
        raise TypeError(f"assess() needs your argument as a string (got {describe_type(argument)})")
    placement = place(case)
    return tuple(
        Assessment(
            title,
            _answer(case, lens),
            placement.deciding_attribute(lens),
            names_attribute(argument, placement.deciding_attribute(lens), case),
            bool(ties_to_idea) and bool(argument.strip()),
        )
        for lens, title in _LENSES
    )


def to_markdown(case: Case, argument: str, report: tuple[Assessment, ...] = ()) -> str:
    """The case, both placements with their reasons, the argument and the self-assessment."""
    placement = place(case)
    lines = [f"# {case.name}: placed on both ladders", ""]
    if case.description:
        lines += [case.description, ""]
    lines += ["## The case in the course's vocabulary", "", "| attribute | value | meaning |",
              "|---|---|---|"]  # fmt: skip
    for name, attribute in ATTRIBUTES.items():
        value = getattr(case, name)
        lines.append(f"| {name} | {'unknown' if value is None else value} | {attribute.meaning} |")
    for lens, title in _LENSES:
        lines += ["", f"## {title[0].upper()}{title[1:]}: {_answer(case, lens)}", ""]
        lines += [f"{i}. {step}" for i, step in enumerate(placement.steps_for(lens), start=1)]
    lines += ["", "## My argument", "", argument.strip() or "(not written yet)"]
    if report:
        lines += ["", "## Self-assessment against the course's rubric", "", " ".join(RUBRIC), ""]
        lines += [f"- {item}" for item in report]
    lines += ["", "Made with the course on Michel Bauwens's *Business models for peer production*."]
    return "\n".join(lines) + "\n"


PLACEHOLDER = "Write your argument here."
"""The lesson's placeholder argument: nothing is saved while it stands."""


def export(
    case: Case, argument: str, path: str | Path, *, ties_to_idea: bool = False
) -> Path | None:
    """Write :func:`to_markdown` (with the self-assessment) to ``path`` and say so.

    Nothing is written (and ``None`` returned) while the argument is blank or the lesson's
    placeholder: there is nothing to share yet.

    Raises
    ------
    ValueError
        When ``path`` does not end in ``.md``.
    """
    target = Path(path)
    if target.suffix.lower() != ".md":
        raise ValueError(
            f"export() writes a Markdown file: give a name ending in .md (got {target.name!r})"
        )
    if argument.strip() in {"", PLACEHOLDER}:
        print("Write your argument first (in my_argument): nothing was saved.")
        return None
    report = assess(case, argument, ties_to_idea=ties_to_idea)
    target.write_text(to_markdown(case, argument, report), encoding="utf-8")
    print(f"Saved your case and argument to {target}.")
    return target
