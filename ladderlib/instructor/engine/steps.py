"""The engine's steps in nbgrader's pipeline, as named by the course's ``nbgrader_config.py``.

- :class:`GradeInSandbox` replaces nbgrader's ``Execute``: it runs the student's code in the
  sandbox, takes the answers out as plain data and runs the test cells in the judge. The
  outputs it writes are the judge's, so nbgrader's ``SaveAutoGrades`` scores them as usual,
  and the autograded notebook and the feedback show each test's one-line feedback.
- :class:`RecordAudit` runs after ``SaveAutoGrades``: it marks a notebook that raised audit
  flags as flagged in the gradebook (the formgrader shows it); points stay as graded.
- :class:`UngradeCopiedCells` and :class:`ErrorsWithoutContext` are the course's two older
  fixes (a copied graded cell; tracebacks that quoted hidden tests).
"""

from __future__ import annotations

import traceback
from typing import Any

import jsonschema
from jsonschema import ValidationError
from nbconvert.preprocessors import Preprocessor
from nbformat.notebooknode import NotebookNode
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.nbgraderformat.common import (
    BaseMetadataValidator,
    SchemaTooNewError,
    SchemaTooOldError,
)
from nbgrader.nbgraderformat.v3 import MetadataValidatorV3
from nbgrader.preprocessors import CheckCellMetadata, NbGraderPreprocessor
from traitlets import Bool, Integer

from .answers import METADATA_KEY, answer_names, bound_names
from .audit import flags
from .judge import node, run_cell, set_answers
from .sandbox import Limits, require
from .student_run import run_student

__all__ = [
    "UNSANDBOXED_NOTE",
    "CheckCellMetadataFast",
    "ErrorsWithoutContext",
    "GradeInSandbox",
    "RecordAudit",
    "UngradeCopiedCells",
    "engine_metadata",
    "instructor_code",
]

UNSANDBOXED_NOTE = (
    "graded WITHOUT the sandbox: the instructor turned it off, so this notebook's code ran "
    "with the instructor's rights"
)


def _grade_id(cell: NotebookNode) -> str | None:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
    return grade_id if isinstance(grade_id, str) else None


def instructor_code(resources: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """The instructor's code for one notebook, from the gradebook, never from the submission.

    Returns ``(tests, setup)``: the source of each autograded test cell and of each locked code
    cell that is neither a test nor an answer (setup, data), keyed by grade id. A cell a student
    added or relabelled is in neither: the judge never runs a student's code.
    """
    ids = resources["nbgrader"]
    with Gradebook(ids["db_url"]) as gradebook:
        notebook = gradebook.find_notebook(ids["notebook"], ids["assignment"])
        answers = {cell.name for cell in notebook.solution_cells}
        graded = {cell.name for cell in notebook.grade_cells} - answers
        code = {cell.name: cell for cell in notebook.source_cells if cell.cell_type == "code"}
        tests = {name: code[name].source for name in graded if name in code}
        setup = {
            name: cell.source
            for name, cell in code.items()
            if cell.locked and name not in graded and name not in answers
        }
    return tests, setup


def engine_metadata(notebook: NotebookNode) -> dict[str, Any]:
    """What the engine recorded in an autograded notebook (empty when it did not grade it)."""
    found = notebook.get("metadata", {}).get(METADATA_KEY, {})
    return found if isinstance(found, dict) else {}


class GradeInSandbox(NbGraderPreprocessor):  # type: ignore[misc]
    """Run the student's code sandboxed and the tests in the judge (replaces ``Execute``)."""

    sandbox = Bool(
        True,
        help="Run students' code in the bubblewrap sandbox. Turn it off only if you accept "
        "running their code with your own rights; every line and feedback then says so.",
    ).tag(config=True)
    timeout = Integer(60, help="Seconds one cell of a student's notebook may run.").tag(config=True)
    notebook_timeout = Integer(
        600, help="Seconds one student's whole notebook may run; later cells are not run."
    ).tag(config=True)
    max_output_bytes = Integer(
        10 * 1024**2, help="Output kept from one student's notebook; the rest is cut."
    ).tag(config=True)
    memory_bytes = Integer(Limits.memory_bytes, help="Address space of a student's kernel.").tag(
        config=True
    )
    processes = Integer(Limits.processes, help="Processes and threads of a student's kernel.").tag(
        config=True
    )

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, Any]:
        mode = require() if self.sandbox else "off"
        test_code, setup_code = instructor_code(resources)
        bound = bound_names(setup_code.values())
        tests = {
            index: answer_names(test_code[grade_id], bound)
            for index, cell in enumerate(nb.cells)
            if cell.cell_type == "code" and (grade_id := _grade_id(cell)) in test_code
        }
        limits = Limits(memory_bytes=self.memory_bytes, processes=self.processes)
        result = run_student(
            nb,
            tests,
            resources["metadata"]["path"],
            sandbox=self.sandbox,
            timeout=self.timeout,
            limits=limits,
            max_output_bytes=self.max_output_bytes,
            notebook_timeout=self.notebook_timeout,
        )
        namespace: dict[str, Any] = {"__name__": "__main__"}
        answers: dict[str, Any] = {}
        count = 0
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            count += 1
            cell.execution_count = count
            grade_id = _grade_id(cell)
            if index in tests and grade_id is not None:
                captured = result.captures.get(index)
                answers[grade_id] = {
                    name: value for name, value in (captured or {}).items() if name in tests[index]
                }
                error = set_answers(namespace, tests[index], captured)
                cell.outputs = [error] if error else run_cell(test_code[grade_id], namespace)
                for output in cell.outputs:
                    if output.output_type == "execute_result":
                        output.execution_count = count
                continue
            cell.outputs = result.outputs.get(index, [])
            if grade_id in setup_code:
                run_cell(setup_code[grade_id], namespace)  # the judge's own copy of the setup
        missing = [{"kind": "capture"} for capture in result.captures.values() if capture is None]
        audit = flags([*result.audit, *missing])
        nb.metadata[METADATA_KEY] = {
            "engine": 1,
            "sandbox": "bubblewrap" if self.sandbox else "off",
            "answers": answers,
            "audit": audit,
            "output_cut": result.output_cut,
            "stopped": result.stopped,
        }
        if not self.sandbox:
            note = f"**Note:** this notebook was {UNSANDBOXED_NOTE}."
            nb.cells.insert(0, node({"cell_type": "markdown", "metadata": {}, "source": note}))
        self.log.info("Graded in the judge (sandbox: %s); audit: %s", mode, audit or "none")
        return nb, resources


class RecordAudit(NbGraderPreprocessor):  # type: ignore[misc]
    """Flag, in the gradebook, a notebook whose run raised audit flags (after SaveAutoGrades)."""

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, Any]:
        audit = engine_metadata(nb).get("audit", [])
        ids = resources["nbgrader"]
        with Gradebook(ids["db_url"]) as gradebook:
            try:
                notebook = gradebook.find_submission_notebook(
                    ids["notebook"], ids["assignment"], ids["student"]
                )
            except MissingEntry:
                return nb, resources
            notebook.flagged = bool(audit)
            gradebook.db.commit()
        return nb, resources


class _CheckedSchemaOnce(BaseMetadataValidator):  # type: ignore[misc]
    """nbgrader's per-cell schema check, with the schema itself checked once, not per cell."""

    _validator: Any = None

    def validate_cell(self, cell: NotebookNode) -> None:
        if "nbgrader" not in cell.metadata:
            return
        version = cell.metadata["nbgrader"].get("schema_version", 0)
        if version < self.schema_version:
            raise SchemaTooOldError(
                f"Outdated schema version: {version} (expected {self.schema_version})",
                version,
                self.schema_version,
            )
        if version > self.schema_version:
            raise SchemaTooNewError(
                f"Schema version is too new: {version} (expected {self.schema_version})",
                version,
                self.schema_version,
            )
        if type(self)._validator is None:
            type(self)._validator = jsonschema.validators.validator_for(self.schema)(self.schema)
        error = jsonschema.exceptions.best_match(
            type(self)._validator.iter_errors(cell.metadata["nbgrader"])
        )
        if error is not None:
            raise error


class _FastValidator(MetadataValidatorV3, _CheckedSchemaOnce):  # type: ignore[misc]
    """nbgrader's v3 checks; its call to the base schema check lands in _CheckedSchemaOnce."""


class CheckCellMetadataFast(CheckCellMetadata):  # type: ignore[misc]
    """nbgrader's CheckCellMetadata, a fifth of a second faster per notebook.

    nbgrader validates each cell with ``jsonschema.validate``, which checks the schema itself
    again for every cell; the checks and their errors are otherwise the same.
    """

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, Any]:
        try:
            _FastValidator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            message = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(message)
            raise ValidationError(message) from None
        return nb, resources


class UngradeCopiedCells(Preprocessor):
    """Make a student's copy of a graded cell an ordinary cell, so the last copy is graded.

    nbgrader's DeduplicateIds keeps the last cell with a grade id and empties the ``nbgrader``
    metadata of earlier copies; the next preprocessors read an emptied entry as broken metadata
    and fail that student (or, without ``add_missing_cells``, the whole batch with an "old
    metadata" error: nbgrader issues #1083 and #1941). Removing the emptied entry finishes what
    DeduplicateIds meant to do.
    """

    enabled = Bool(True)

    def preprocess_cell(
        self, cell: NotebookNode, resources: Any, index: int
    ) -> tuple[NotebookNode, Any]:
        if cell.metadata.get("nbgrader") == {}:
            del cell.metadata["nbgrader"]
        return cell, resources


class ErrorsWithoutContext(Preprocessor):
    """Show each error in feedback as its last line only ("NotImplementedError: ...").

    IPython's tracebacks quote the lines around the failing one, and in an autograded test
    cell those lines are the hidden tests: a failed form check would print the answer key.
    """

    enabled = Bool(True)  # nbconvert's preprocessors are off unless enabled

    def preprocess_cell(
        self, cell: NotebookNode, resources: Any, index: int
    ) -> tuple[NotebookNode, Any]:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output["traceback"] = [f"{output['ename']}: {output['evalue']}"]
        return cell, resources
