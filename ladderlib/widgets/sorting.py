"""Sorting exercises: place cases on the ladders, or sort them by one of the essay's distinctions.

Both show every case as a row of labelled dropdowns and give feedback per case when the
learner clicks the button, using the same checks as the graded exercises.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import ipywidgets as w

from ..cases import Case
from ..checks import check_distinction, check_model, check_rung
from ..distinctions import Distinction
from ..feedback import Feedback
from ..ladders import NOT_APPLICABLE, DirectEconomyRung, HybridModel
from ..placement import place
from .panel import Panel, case_label, course_cases, dropdown

__all__ = ["DistinctionSorter", "SortingExercise"]

CHOOSE = "choose..."


def _line(feedback: Feedback) -> str:
    if not feedback.attempted:
        # The checks' own hint speaks of a code cell's placeholder; here it is a dropdown.
        return f"Not attempted: choose an answer in its dropdown ({CHOOSE} is still selected)."
    if feedback.message.startswith(feedback.verdict):
        return feedback.message
    return f"{feedback.verdict}. {feedback.message}"


def _cases(cases: Iterable[Case] | None) -> list[Case]:
    chosen = list(course_cases() if cases is None else cases)
    for case in chosen:
        if not isinstance(case, Case):
            raise TypeError(f"the exercise sorts Case objects (got {type(case).__name__})")
    if not chosen:
        raise ValueError("the exercise needs at least one case")
    return chosen


def _summary(results: Sequence[Feedback]) -> str:
    tried = [fb for fb in results if fb.attempted]
    right = sum(fb.correct for fb in tried)
    return f"**{right} of {len(results)} placements right** ({len(tried)} attempted)."


class SortingExercise(Panel):
    """Place each case on the direct-economy ladder and among the hybrid models, then check.

    Parameters
    ----------
    cases
        The cases to place; by default the essay's examples (the practice cases are
        left out: the self-checks ask about them).

    Examples
    --------
    >>> from ladderlib import example
    >>> ex = SortingExercise([example("IKEA")])
    >>> ex.rung["IKEA"].value = "diy"
    >>> ex.model["IKEA"].value = "not_applicable"
    >>> ex.check.click()
    >>> print(ex.shown_text.splitlines()[0])
    **2 of 2 placements right** (2 attempted).
    """

    def __init__(self, cases: Iterable[Case] | None = None, **kwargs: Any) -> None:
        self.cases = _cases(cases)
        rungs = [(CHOOSE, CHOOSE), *((r.label, r.name.lower()) for r in DirectEconomyRung)]
        rungs.append(("not applicable", NOT_APPLICABLE))
        models = [
            (CHOOSE, CHOOSE),
            *((f"{m.number}. {m.label}", str(m.number)) for m in HybridModel),
        ]
        models.append(("not applicable", NOT_APPLICABLE))
        self.rung = {c.name: dropdown(f"{c.name}: rung", rungs) for c in self.cases}
        self.model = {c.name: dropdown(f"{c.name}: model", models) for c in self.cases}
        rows = [
            w.VBox(
                [
                    w.HTML(f"<b>{case_label(c)}</b>: {c.description}"),
                    w.HBox([self.rung[c.name], self.model[c.name]]),
                ],
                layout=w.Layout(margin="0 0 8px 0"),
            )
            for c in self.cases
        ]
        self.check = w.Button(description="Check placements", button_style="primary")
        self.check.on_click(self._check)
        super().__init__([*rows, self.check], **kwargs)
        self.show("Choose a rung and a model for each case, then click **Check placements**.")

    def _check(self, button: object = None) -> None:
        lines, results = [], []
        for case in self.cases:
            rung = self.rung[case.name].value
            model = self.model[case.name].value
            fb_rung = check_rung(case, None if rung == CHOOSE else rung)
            fb_model = check_model(case, None if model == CHOOSE else model)
            results += [fb_rung, fb_model]
            lines.append(f"- **{case_label(case)}**")
            for what, fb in (("rung", fb_rung), ("model", fb_model)):
                lines.append(f"  - {what}: {_line(fb)}")
            if (
                fb_rung.attempted
                and not fb_rung.correct
                and place(case).alternatives_for("direct_economy")
            ):
                lines.append(
                    "  - (An answer that must be argued from an attribute needs the written "
                    "exercise: lesson 5 shows how.)"
                )
        self.show(_summary(results) + "\n\n" + "\n".join(lines))


class DistinctionSorter(Panel):
    """Sort cases by one of the essay's distinctions (use/exchange, sharing/commons...).

    Parameters
    ----------
    distinctions
        The distinctions offered in the "Distinction" dropdown (names or members); by default
        all five.
    cases
        The cases to sort; by default the essay's examples that the offered distinctions can
        check (the practice cases are left out: the self-checks ask about them).

    Examples
    --------
    >>> from ladderlib import example
    >>> s = DistinctionSorter(["value"], [example("eBay"), example("Wikipedia")])
    >>> s.answer["eBay"].value = "exchange"
    >>> s.check.click()
    >>> print(s.shown_text)
    **1 of 2 placements right** (1 attempted).
    <BLANKLINE>
    - **eBay (as of 2007)**: Correct. Right: value_type = 'exchange': made to be sold, so this is exchange value.
    - **Wikipedia (as of 2007)**: Not attempted: choose an answer in its dropdown (choose... is still selected).
    """

    def __init__(
        self,
        distinctions: Iterable[Distinction | str] | None = None,
        cases: Iterable[Case] | None = None,
        **kwargs: Any,
    ) -> None:
        offered = [Distinction.parse(d) for d in (distinctions or list(Distinction))]
        # A case that leaves every offered distinction's attribute unknown cannot be checked.
        self.cases = [
            c
            for c in _cases(cases)
            if any(getattr(c, d.attribute) is not None for d in offered) or cases is not None
        ]
        self.distinction = dropdown("Distinction", [(d.label, d) for d in offered])
        self.answer = {c.name: dropdown(case_label(c), [(CHOOSE, CHOOSE)]) for c in self.cases}
        self.check = w.Button(description="Check my sorting", button_style="primary")
        self.check.on_click(self._check)
        super().__init__([self.distinction, *self.answer.values(), self.check], **kwargs)
        self.distinction.observe(self._reset, names="value")
        self._reset()

    def _reset(self, change: object = None) -> None:
        d: Distinction = self.distinction.value
        options = [(CHOOSE, CHOOSE), *((a.replace("_", " "), a) for a in d.answers)]
        for control in self.answer.values():
            control.options = options
            control.value = CHOOSE
        self.show(f"Sort each case: **{d.label}**. Then click **Check my sorting**.")

    def _check(self, button: object = None) -> None:
        d: Distinction = self.distinction.value
        lines, results = [], []
        for case in self.cases:
            given = self.answer[case.name].value
            fb = check_distinction(case, d, None if given == CHOOSE else given)
            results.append(fb)
            lines.append(f"- **{case_label(case)}**: {_line(fb)}")
        self.show(_summary(results) + "\n\n" + "\n".join(lines))
