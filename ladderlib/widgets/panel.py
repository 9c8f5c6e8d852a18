"""The shared shape of the course's widgets: labelled controls above an Output of feedback."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import ipywidgets as w
from IPython.display import Markdown

from ..cases import Case
from ..catalog import catalog

__all__ = ["Panel", "case_label", "course_cases", "dropdown"]

_TEXT_TYPES = ("text/markdown", "text/html", "text/plain")


def dropdown(label: str, options: Sequence[tuple[str, Any]], value: Any = None) -> w.Dropdown:
    """A Dropdown whose visible label (and accessible name) is ``label``, shown in full."""
    return w.Dropdown(
        description=label,
        options=list(options),
        value=options[0][1] if value is None else value,
        style={"description_width": "initial"},
        layout=w.Layout(width="auto"),
    )


def case_label(case: Case) -> str:
    """How a case is named in a widget: with its reference date, when it has one."""
    return f"{case.name} (as of {case.as_of})" if case.as_of is not None else case.name


def course_cases() -> tuple[Case, ...]:
    """The cases the lessons' widgets offer: the essay's examples only.

    The practice cases are left out on purpose: the lessons' self-checks ask about them, and a
    widget that offered them would show the answer before the question (a test checks each
    lesson for that).
    """
    return catalog()


class Panel(w.VBox):  # type: ignore[misc]
    """A VBox of controls with an ``Output`` below them for feedback.

    Subclasses build their controls once, pass them to ``__init__`` and call :meth:`show`.
    """

    def __init__(self, controls: Iterable[w.Widget], **kwargs: Any) -> None:
        self.output = w.Output(layout=w.Layout(border="1px solid #bbbbbb", padding="0 8px"))
        super().__init__(children=[*controls, self.output], **kwargs)

    def show(self, *items: object) -> None:
        """Replace the feedback with ``items``: strings are Markdown, other objects displayed."""
        self.output.outputs = ()
        for item in items:
            shown = Markdown(item) if isinstance(item, str) else item  # type: ignore[no-untyped-call]
            self.output.append_display_data(shown)

    @property
    def shown_text(self) -> str:
        """The feedback shown now, as text (Markdown where there is some): for tests."""
        texts = []
        for output in self.output.outputs:
            data = output.get("data", {})
            kind = next((k for k in _TEXT_TYPES if k in data), None)
            if kind is not None:
                texts.append(str(data[kind]))
        return "\n".join(texts)
