"""nbgrader configuration of the course (read by nbgrader and by JupyterLab's Nbgrader menu).

Run nbgrader and ``jupyter lab`` from the repository root, where this file lives: from a
subfolder nbgrader silently falls back to its default ``source/`` and ``release/`` folders.
The instructor guide (docs/instructor-guide.md) walks through release, autograding, manual
grading, feedback and grade export with this configuration.
"""

from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    ClearHiddenTests,
    ClearOutput,
    DeduplicateIds,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
)

from ladderlib.instructor.engine.export import AuditedCsvExport
from ladderlib.instructor.engine.steps import (
    CheckCellMetadataFast,
    ErrorsWithoutContext,
    GradeInSandbox,
    RecordAudit,
    UngradeCopiedCells,
)

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
# is cut, and grading goes on with the next cell.
c.GradeInSandbox.timeout = 60
# Students' code runs in the bubblewrap sandbox (ladderlib.instructor.engine.sandbox) and the score is
# decided outside it (ladderlib.instructor.engine.judge); docs/instructor-guide.md, "How grading is
# isolated". Without bubblewrap, autograding stops and says how to install it. Setting this to
# False runs students' code with your own rights; every line and feedback then says so.
c.GradeInSandbox.sandbox = True

# A student who deleted a test cell gets it back (and is graded by it) instead of silently
# losing its points.
c.OverwriteCells.add_missing_cells = True

# A student who copy-pasted a graded cell is graded on its last copy (nbgrader's default list,
# with UngradeCopiedCells after DeduplicateIds). CheckCellMetadataFast is nbgrader's check with
# its JSON schema checked once rather than for every cell.
c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    DeduplicateIds,
    UngradeCopiedCells,
    OverwriteKernelspec,
    OverwriteCells,
    CheckCellMetadataFast,
]

# nbgrader's Execute is replaced by the engine: student code in the sandbox, tests in the
# judge. RecordAudit flags, in the gradebook, a notebook whose run raised audit flags.
# (nbgrader's list checks the cell metadata a second time here; the engine changes none, so it
# is checked once, while sanitizing.)
c.Autograde.autograde_preprocessors = [
    GradeInSandbox,
    IgnorePattern,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    RecordAudit,
]

# Feedback shows each test cell's output (the graders' messages) but never a hidden test's code.
# (nbgrader's default list is GetGrades and CSSHTMLHeaderPreprocessor; classes, not names.)
c.GenerateFeedback.preprocessors = [
    GetGrades,
    ClearHiddenTests,
    ErrorsWithoutContext,
    CSSHTMLHeaderPreprocessor,
]

# `nbgrader export` adds an `audit` column: what each submission tried, if anything.
c.ExportApp.plugin_class = AuditedCsvExport
