"""Explorers: walk a ladder rung by rung, or look at one case through both lenses."""

from __future__ import annotations

from typing import Any

from ..cases import Case
from ..catalog import entries
from ..diagram import picture
from ..ladders import DirectEconomyRung, HybridModel, Ladder
from ..placement import Lens, Placement, place
from ..vocabulary import ATTRIBUTES
from .panel import Panel, case_label, course_cases, dropdown

__all__ = ["LadderExplorer", "TwoLenses", "describe_lens"]

_LENS_TITLES: dict[Lens, str] = {
    "direct_economy": "Direct-economy lens (Comtesse, the firm's polarity)",
    "peer_production": "Peer-production lens (Bauwens, the community's polarity)",
}


def _answer_text(answer: Ladder | None) -> str:
    if isinstance(answer, HybridModel):
        return f"model {answer.number}, {answer.label}"
    return answer.label if answer is not None else "not applicable"


def describe_lens(placement: Placement, lens: Lens) -> str:
    """One lens of a placement as Markdown: the answer, each step's reason, the alternatives."""
    answer = placement.rung if lens == "direct_economy" else placement.model
    lines = [f"**{_LENS_TITLES[lens]}: {_answer_text(answer)}**", ""]
    lines += [f"- {reason}" for reason in map(str, placement.steps_for(lens))]
    for alt in placement.alternatives_for(lens):
        lines.append(f"- Also accepted: {_answer_text(alt.answer)}. {alt.argument}")
    return "\n".join(lines)


def _reaches(rung: DirectEconomyRung) -> list[str]:
    """The consumer_reach values that put a firm-run case on ``rung``."""
    return [
        value
        for value in ATTRIBUTES["consumer_reach"].values
        if place(Case(name="probe", framework_control="firm", consumer_reach=value)).rung is rung
    ]


class LadderExplorer(Panel):
    """Choose a rung (or a hybrid model) and see what it means and the essay's examples there.

    The practice cases are left out on purpose: the lessons' self-checks ask about them.

    Parameters
    ----------
    ladder
        :class:`~ladderlib.DirectEconomyRung` (the default; the control is labelled "Rung")
        or :class:`~ladderlib.HybridModel` (labelled "Model").

    Examples
    --------
    >>> from ladderlib import HybridModel
    >>> explorer = LadderExplorer(HybridModel)
    >>> explorer.choice.value = HybridModel.COOPERATIVE_PRODUCTION
    >>> "Mondragon" in explorer.shown_text
    True
    """

    def __init__(self, ladder: type[Ladder] = DirectEconomyRung, **kwargs: Any) -> None:
        if ladder not in (DirectEconomyRung, HybridModel):
            raise TypeError(
                f"LadderExplorer shows DirectEconomyRung or HybridModel (got {ladder!r})"
            )
        self.ladder = ladder
        label = "Rung" if ladder is DirectEconomyRung else "Model"
        options = [(f"{m.position}. {m.label}", m) for m in ladder]
        self.choice = dropdown(label, options)
        super().__init__([self.choice], **kwargs)
        self.choice.observe(self._update, names="value")
        self._update()

    def _update(self, change: object = None) -> None:
        member: Ladder = self.choice.value
        is_rung = isinstance(member, DirectEconomyRung)
        essay = [e for e in entries() if (e.essay_rung if is_rung else e.essay_model) is member]
        lines = [f"### {member.position}. {member.label}", "", member.description, ""]
        if isinstance(member, DirectEconomyRung):
            reach = " or ".join(f"`{v}`" for v in _reaches(member))
            lines += [f"A firm-run case sits here when `consumer_reach` is {reach}.", ""]
        elif isinstance(member, HybridModel):
            lines += [f"It produces **{member.produces} value**.", ""]
        lines.append("**The essay's examples:**" if essay else "The essay names no example here.")
        lines += [f"- **{e.case.name}**: {e.essay_says}" for e in essay]
        self.show("\n".join(lines))


class TwoLenses(Panel):
    """Choose a case and see it through both lenses: on the picture, and step by step.

    It offers the essay's examples only: the practice cases are left for the self-checks.

    Examples
    --------
    >>> two = TwoLenses()
    >>> two.case.value = two.case.options[4][1]  # Wikipedia
    >>> "Also accepted: co-creation" in two.shown_text
    True
    """

    def __init__(self, **kwargs: Any) -> None:
        self.case = dropdown("Case", [(case_label(c), c) for c in course_cases()])
        super().__init__([self.case], **kwargs)
        self.case.observe(self._update, names="value")
        self._update()

    def _update(self, change: object = None) -> None:
        case: Case = self.case.value
        placement = place(case)
        self.show(
            f"### {case_label(case)}\n\n{case.description}",
            picture([case]),
            describe_lens(placement, "direct_economy"),
            describe_lens(placement, "peer_production"),
        )
