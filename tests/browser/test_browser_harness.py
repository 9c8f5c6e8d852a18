"""The harness itself, on a throwaway notebook: it can drive widgets, and its checks can fail.

If these fail, the lesson tests' verdicts mean nothing; if they pass, the lesson tests stand on
a server, a kernel wait, Run All, widget interaction and an axe check that are known to work.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest
from axe_check import run_axe
from lab_page import COURSE_CONTENT_SELECTORS, error_outputs, open_notebook, run_all
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

THROWAWAY_SOURCE = """\
import ipywidgets as w
from IPython.display import display
rung = w.Dropdown(options=["DIY", "co-design"], description="Your rung")
case = w.Text(description="Case name")
check = w.Button(description="Check my answer")
out = w.Output()
def on_click(_):
    out.clear_output()
    with out:
        print(f"You said {rung.value} for {case.value}")
check.on_click(on_click)
display(w.VBox([rung, case, check, out]))
display(w.IntSlider())  # no description: axe must report it
"""


def write_throwaway(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A throwaway lesson\n\nPick a rung and check it."),
        nbformat.v4.new_code_cell(THROWAWAY_SOURCE),
    ]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "throwaway.ipynb"
    nbformat.write(nb, path)
    return path


def test_harness_drives_a_widget_and_axe_sees_an_unlabelled_one(
    page: Any, lab: Any, axe_script: Path
) -> None:
    write_throwaway(lab.root / "_harness")
    open_notebook(page, lab.lab_url("_harness/throwaway.ipynb", workspace="harness"))
    run_all(page)
    assert error_outputs(page) == []

    feedback = page.locator(".widget-output").get_by_text("You said co-design for Dell")
    expect(feedback).to_have_count(0)
    page.get_by_label("Your rung").select_option("co-design")
    page.get_by_label("Case name").fill("Dell")
    page.get_by_role("button", name="Check my answer").click()
    expect(feedback).to_be_visible()

    findings = run_axe(page, axe_script, include=list(COURSE_CONTENT_SELECTORS))
    assert [(f.rule, f.html.count('role="slider"')) for f in findings] == [
        ("aria-input-field-name", 1)
    ], "\n".join(map(str, findings))
