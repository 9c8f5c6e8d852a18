"""nbgrader configuration of the course (read by nbgrader and by JupyterLab's Nbgrader menu).

Run nbgrader and ``jupyter lab`` from the repository root, where this file lives: from a
subfolder nbgrader silently falls back to its default ``source/`` and ``release/`` folders.
The instructor guide (docs/instructor-guide.md) walks through release, autograding, manual
grading, feedback and grade export with this configuration.
"""

from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor, Preprocessor
from nbgrader.preprocessors import (
    CheckCellMetadata,
    ClearHiddenTests,
    ClearOutput,
    DeduplicateIds,
    GetGrades,
    OverwriteCells,
    OverwriteKernelspec,
)
from traitlets import Bool

c = get_config()  # type: ignore[name-defined]  # noqa: F821  (provided by traitlets)

# The course root is where this file lives, so every path below holds wherever the repo is cloned.
ROOT = Path(__file__).resolve().parent

c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.course_id = "peer-production"
# Instructor sources (solutions and hidden tests) and the student versions generated from them.
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "assignments"
# Collected work goes to submitted/<student_id>/<assignment_id>/, then autograded/ and feedback/
# (nbgrader's defaults; all three are git-ignored, like the gradebook).

# sqlite waits up to 60 s for a lock instead of aborting the whole run after 5 s with a
# misleading "nbgrader db upgrade" hint.
c.CourseDirectory.db_url = f"sqlite:///{ROOT / 'gradebook.db'}?timeout=60"

# A student's notebook runs cell by cell; a cell that runs longer than this (an endless loop)
# is cut and scores 0, and grading goes on with the next cell.
c.Execute.timeout = 60

# A student who deleted a test cell gets it back (and is graded by it) instead of silently
# losing its points.
c.OverwriteCells.add_missing_cells = True


class UngradeCopiedCells(Preprocessor):  # type: ignore[misc]
    """Make a student's copy of a graded cell an ordinary cell, so the last copy is graded.

    nbgrader's DeduplicateIds keeps the last cell with a grade id and empties the ``nbgrader``
    metadata of earlier copies; the next preprocessors read an emptied entry as broken metadata
    and fail that student (or, without ``add_missing_cells``, the whole batch with an "old
    metadata" error: nbgrader issues #1083 and #1941). Removing the emptied entry finishes what
    DeduplicateIds meant to do.
    """

    enabled = Bool(True)

    def preprocess_cell(self, cell, resources, index):  # type: ignore[no-untyped-def]
        if cell.metadata.get("nbgrader") == {}:
            del cell.metadata["nbgrader"]
        return cell, resources


# A student who copy-pasted a graded cell is graded on its last copy (nbgrader's default list,
# with UngradeCopiedCells after DeduplicateIds).
c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    DeduplicateIds,
    UngradeCopiedCells,
    OverwriteKernelspec,
    OverwriteCells,
    CheckCellMetadata,
]


class ErrorsWithoutContext(Preprocessor):  # type: ignore[misc]
    """Show each error in feedback as its last line only ("NotImplementedError: ...").

    IPython's tracebacks quote the lines around the failing one, and in an autograded test
    cell those lines are the hidden tests: a failed form check would print the answer key.
    """

    enabled = Bool(True)  # nbconvert's preprocessors are off unless enabled

    def preprocess_cell(self, cell, resources, index):  # type: ignore[no-untyped-def]
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output["traceback"] = [f"{output['ename']}: {output['evalue']}"]
        return cell, resources


# Feedback shows each test cell's output (the graders' messages) but never a hidden test's code.
# (nbgrader's default list is GetGrades and CSSHTMLHeaderPreprocessor; classes, not names.)
c.GenerateFeedback.preprocessors = [
    GetGrades,
    ClearHiddenTests,
    ErrorsWithoutContext,
    CSSHTMLHeaderPreprocessor,
]
