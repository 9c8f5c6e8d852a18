"""ladder-autograde: autograde a class in parallel, one line of result per student.

``nbgrader autograde <id>`` grades a whole class in one run. When a notebook cannot be graded
it logs a traceback, leaves that student's gradebook entry waiting for a manual grade that the
formgrader cannot show, and ends the run with an error; ``--force`` deletes a student's
previous autograded copy before regrading, so a failed regrade loses it. ``ladder-autograde``
runs the same nbgrader autograding (with the course's ``nbgrader_config.py``) one student at a
time (``--jobs N`` students at once, by default one per core, each in a worker process of its
own and each student's code in a sandbox of its own) and keeps the rule "bad input gets a
clear error and loses nothing":

- one student's broken notebook never stops the others;
- nothing in ``submitted/`` is changed or deleted;
- a student whose notebook cannot be graded gets 0 points in the gradebook and a message
  saying what is wrong and what to do, unless an earlier autograded copy exists: then that
  copy and its scores stay in place;
- a notebook saved under another name (``direct-economy (1).ipynb``) is graded anyway, and a
  copied or deleted graded cell is named in the student's line;
- what a submission tried (audit flags, :mod:`ladderlib.instructor.engine.audit`) is named in its line;
  its points are as graded.

Grading goes through the course's ``nbgrader_config.py``, so through the engine's sandbox
(:mod:`ladderlib.instructor.engine.steps`). When the sandbox cannot start, nothing is graded and the
message says what to install. On a terminal a progress bar shows the count and an ETA.

Run it from the course root, where ``nbgrader_config.py`` lives::

    ladder-autograde direct-economy                  # every student in submitted/
    ladder-autograde direct-economy --jobs 4         # four students at a time
    ladder-autograde direct-economy --student ada    # one student (again)

Examples
--------
>>> print(Outcome("ada", 22.0, 30.0, "Graded.", graded=True))
ada: 22 of 30 points. Graded.
>>> print(Outcome("bo", 3.0, 30.0, "Graded.", graded=True, flags=("started a process",)))
bo: 3 of 30 points. Graded. Flagged: started a process.
>>> print(json_problem('{"cells": [\\n'))
is not valid notebook JSON (line 2, column 1)
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import json
import multiprocessing
import os
import re
import shutil
import sqlite3
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from sqlalchemy import event
from sqlalchemy.engine import Engine
from traitlets.config.loader import PyFileConfigLoader

from .export import audit_of, engine_records
from .sandbox import SandboxUnavailable, require
from .steps import UNSANDBOXED_NOTE

__all__ = [
    "Outcome",
    "api_in",
    "autograde_class",
    "autograde_student",
    "cell_notes",
    "error_of",
    "json_problem",
    "main",
    "submitted_students",
    "use_wal",
]

RESUBMIT = "ask the student to download the notebook again from JupyterLab and resubmit it"
KERNEL_DIED = (
    "the notebook stopped Python while it ran (a call such as os._exit(), a crash or running "
    "out of memory); ask the student to run Kernel > Restart Kernel and Run All Cells, remove "
    "what stops the kernel, and resubmit"
)
KEPT = "Kept the previous autograded copy and its score."
UNSANDBOXED = f"It was {UNSANDBOXED_NOTE}."
OUTPUT_CUT = "Its output was cut: it printed more than the grading limit."
STOPPED = (
    "Its kernel stopped answering (or ran out of time), so its later cells were not run and "
    "their tests scored 0."
)

Scores = dict[tuple[str, str], tuple[Any, Any, Any, Any]]


@dataclass(frozen=True)
class Outcome:
    """One student's result: the points in the gradebook now, and what to do about it."""

    student: str
    score: float
    max_score: float
    message: str
    graded: bool
    log: str = field(default="", repr=False, compare=False)
    flags: tuple[str, ...] = ()

    def __str__(self) -> str:
        line = f"{self.student}: {self.score:g} of {self.max_score:g} points. {self.message}"
        if self.flags:
            line += f" Flagged: {'; '.join(self.flags)}."
        return line


def json_problem(text: str) -> str | None:
    """Why ``text`` is not notebook JSON, or None when it parses.

    >>> json_problem('{"cells": []}') is None
    True
    """
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return f"is not valid notebook JSON (line {error.lineno}, column {error.colno})"
    return None


def cell_notes(cells: list[Any], graded: set[str], answers: set[str]) -> list[str]:
    """Graded cells a student copied or deleted, as sentences for their line.

    ``graded`` holds the grade ids of test and text cells (nbgrader puts deleted ones back),
    ``answers`` those of the code cells students answer in (not put back).

    >>> cell = {"metadata": {"nbgrader": {"grade_id": "a", "grade": True}}}
    >>> cell_notes([cell, cell], {"a", "b"}, set())
    ["Cell 'a' appears 2 times: the last copy was graded.", "Deleted cell 'b' was put back and graded."]
    """
    ids = []
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader", {}) if isinstance(cell, dict) else {}
        if meta.get("grade_id") and any(meta.get(k) for k in ("grade", "solution", "locked")):
            ids.append(meta.get("grade_id"))
    counts = Counter(ids)
    notes = [
        f"Cell {gid!r} appears {n} times: the last copy was graded."
        for gid, n in sorted(counts.items())
        if n > 1
    ]
    notes += [f"Deleted cell {gid!r} was put back and graded." for gid in sorted(graded - set(ids))]
    notes += [
        f"Deleted answer cell {gid!r}: the tests that read it score 0."
        for gid in sorted(answers - graded - set(ids))
    ]
    return notes


def error_of(log: str) -> str:
    """The last exception line in nbgrader's log (``NotJSONError: ...``)."""
    found = re.findall(r"^\s*([\w.]+(?:Error|Exception|Exit)\b.*)$", log, flags=re.MULTILINE)
    return found[-1].strip() if found else "no error message in the log"


def api_in(root: Path) -> Any:
    """An NbGraderAPI configured by the course's ``nbgrader_config.py`` in ``root``."""
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def submitted_students(api: Any, assignment: str) -> list[str]:
    """Every student with a folder ``submitted/<student>/<assignment>/``."""
    pattern = api.coursedir.format_path(api.coursedir.submitted_directory, "*", assignment)
    return sorted(Path(path).parent.name for path in glob.glob(pattern) if Path(path).is_dir())


def _scores(gradebook: Any, assignment: str, student: str) -> Scores:
    submission = gradebook.update_or_create_submission(assignment, student)
    return {
        (notebook.name, grade.name): (
            grade.auto_score,
            grade.manual_score,
            grade.extra_credit,
            grade.needs_manual_grade,
        )
        for notebook in submission.notebooks
        for grade in notebook.grades
    }


def _set_scores(gradebook: Any, assignment: str, student: str, scores: Scores | None) -> None:
    """Put ``scores`` back, or with None score every cell 0 with nothing left to grade."""
    submission = gradebook.update_or_create_submission(assignment, student)
    for notebook in submission.notebooks:
        for grade in notebook.grades:
            if scores is None:
                grade.auto_score, grade.needs_manual_grade = 0.0, False
            else:
                saved = scores[(notebook.name, grade.name)]
                grade.auto_score, grade.manual_score, grade.extra_credit = saved[:3]
                grade.needs_manual_grade = saved[3]
    gradebook.db.commit()


@contextmanager
def _named_as_released(folder: Path, names: list[str]) -> Iterator[list[str]]:
    """Copy a lone renamed notebook to its released name while grading; yield notes."""
    missing = [name for name in names if not (folder / name).exists()]
    others = sorted(p for p in folder.glob("*.ipynb") if p.name not in names)
    if len(missing) != 1 or len(others) != 1:
        yield []
        return
    copy = folder / missing[0]
    shutil.copy2(others[0], copy)
    try:
        yield [f"The notebook came as {others[0].name!r}: ask the student to keep its name."]
    finally:
        copy.unlink()


def _engine_notes(autograded: Path) -> tuple[tuple[str, ...], list[str]]:
    """Audit flags and notes the engine left in a student's autograded notebooks."""
    records = engine_records(autograded)
    notes = [UNSANDBOXED] if any(r.get("sandbox") == "off" for r in records) else []
    notes += [OUTPUT_CUT] if any(r.get("output_cut") for r in records) else []
    notes += [STOPPED] if any(r.get("stopped") for r in records) else []
    return tuple(audit_of(autograded)), notes


def autograde_student(api: Any, assignment: str, student: str) -> Outcome:
    """Autograde one student's submission; never raises for what the student submitted."""
    coursedir = api.coursedir
    folder = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
    autograded = Path(coursedir.format_path(coursedir.autograded_directory, student, assignment))
    if not folder.is_dir():
        raise ValueError(f"no submission from {student!r}: {folder} does not exist")
    with Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
        notebooks = gradebook.find_assignment(assignment).notebooks
        names = [f"{notebook.name}.ipynb" for notebook in notebooks]
        graded = {c.name for nb in notebooks for c in [*nb.grade_cells, *nb.task_cells]}
        answers = {c.name for nb in notebooks for c in nb.solution_cells}
        previous = _scores(gradebook, assignment, student) if autograded.exists() else None

    autograded.parent.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".previous-", dir=autograded.parent.parent) as keep:
        if previous is not None:
            shutil.copytree(autograded, Path(keep) / "copy")
        with _named_as_released(folder, names) as notes:
            problems = []
            for name in names:
                path = folder / name
                if not path.exists():
                    problems.append(f"no {name} in the submission; {RESUBMIT}")
                    continue
                text = path.read_text("utf-8", errors="replace")
                problem = json_problem(text)
                if problem:
                    problems.append(
                        f"{name} {problem}: the file is cut short or was edited outside Jupyter; {RESUBMIT}"
                    )
                else:
                    notes += cell_notes(json.loads(text).get("cells", []), graded, answers)
            result = api.autograde(assignment, student, force=True, create=True)

        with Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
            if result["success"]:
                message = " ".join(["Graded.", *notes])
            else:
                log = result.get("log", "")
                if not problems and "Kernel died" in log:
                    problems.append(KERNEL_DIED)
                if not problems:
                    problems.append(
                        f"nbgrader stopped with {error_of(log)}; fix the cause (its log is "
                        "on stderr) and run this again"
                    )
                message = f"Not graded: {'; '.join(problems)}."
                if previous is not None:
                    shutil.rmtree(autograded, ignore_errors=True)
                    shutil.copytree(Path(keep) / "copy", autograded)
                    message += " " + KEPT
                _set_scores(gradebook, assignment, student, previous)
            submission = gradebook.find_submission(assignment, student)
            flags: tuple[str, ...] = ()
            if result["success"]:
                flags, engine_notes = _engine_notes(autograded)
                message = " ".join([message, *engine_notes])
                if submission.needs_manual_grade:
                    message += " Text answers wait for you in the formgrader."
            return Outcome(
                student,
                float(submission.score),
                float(submission.max_score),
                message,
                graded=bool(result["success"]),
                log="" if result["success"] else result.get("log", ""),
                flags=flags,
            )


_worker: dict[str, Any] = {}


def use_wal(db_url: str) -> None:
    """Put an SQLite gradebook in write-ahead-log mode (kept in the file), once.

    Workers then read while another writes, and each commit syncs the disk once instead of
    several times: nbgrader commits every score on its own.
    """
    prefix = "sqlite:///"
    if not db_url.startswith(prefix):
        return
    path = db_url[len(prefix) :].split("?", 1)[0]
    with contextlib.closing(sqlite3.connect(path, timeout=60)) as connection:
        connection.execute("PRAGMA journal_mode=WAL")


def _sync_less(connection: Any, record: Any) -> None:
    # In WAL mode NORMAL loses no committed grade when a program crashes (only on power loss).
    if isinstance(connection, sqlite3.Connection):
        connection.execute("PRAGMA synchronous=NORMAL")


def _start_worker(root: str) -> None:
    event.listen(Engine, "connect", _sync_less)
    _worker["api"] = api_in(Path(root))


def _grade_in_worker(assignment: str, student: str) -> Outcome:
    return autograde_student(_worker["api"], assignment, student)


def autograde_class(
    root: Path, assignment: str, students: Sequence[str], jobs: int = 1
) -> Iterator[Outcome]:
    """Autograde ``students`` with ``jobs`` worker processes; yield outcomes in their order.

    Each worker keeps one nbgrader API for all its students; nbgrader's gradebook takes one
    writer at a time (SQLite), and the course's ``db_url`` waits for the lock.
    """
    if jobs <= 1 or len(students) <= 1:
        _start_worker(str(root))
        for student in students:
            yield _grade_in_worker(assignment, student)
        return
    # fork: workers start with nbgrader already imported and the sandbox already checked.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(students)),
        mp_context=context,
        initializer=_start_worker,
        initargs=(str(root),),
    ) as pool:
        futures = [pool.submit(_grade_in_worker, assignment, student) for student in students]
        for student, future in zip(students, futures, strict=True):
            try:
                yield future.result()
            except Exception as error:  # one worker's failure stops nobody else
                yield Outcome(
                    student, 0.0, 0.0, f"Not graded: the grading worker failed ({error!r}).", False
                )


def _progress(total: int) -> Any:
    """A progress bar with the count and an ETA on a terminal; None elsewhere."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread in a process that forks workers
    return tqdm(total=total, unit="student", desc="Autograding", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """``ladder-autograde``: exit 0 when every submission was graded, 1 when some were not,
    2 when nothing could be graded (no sandbox, a wrong assignment or student)."""
    parser = argparse.ArgumentParser(
        prog="ladder-autograde",
        description="Autograde an assignment, students in parallel: one line per student on "
        "stdout; a broken notebook stops nobody else and loses nothing.",
    )
    parser.add_argument("assignment", help="assignment id, such as direct-economy")
    parser.add_argument(
        "--student", action="append", default=[], help="grade only this student (repeatable)"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="students graded at once (default: the number of cores, here %(default)s)",
    )
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error(f"--jobs must be 1 or more (got {args.jobs})")
    root = Path.cwd()
    if not (root / "nbgrader_config.py").is_file():
        parser.error(f"no nbgrader_config.py in {root}: run this from the course root")
    # nbgrader runs `alembic` by name when it creates a gradebook: find this environment's.
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    api = api_in(root)
    if api.config.get("GradeInSandbox", {}).get("sandbox", True):
        try:
            require()
        except SandboxUnavailable as error:
            print(f"ladder-autograde: {error}", file=sys.stderr)
            return 2
    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gradebook:
        try:
            gradebook.find_assignment(args.assignment)
        except MissingEntry:
            parser.error(
                f"assignment {args.assignment!r} is not in the gradebook: run "
                f"`nbgrader generate_assignment {args.assignment} --force` first"
            )
    submitted = submitted_students(api, args.assignment)
    students = args.student or submitted
    if not students:
        parser.error(f"no submissions in submitted/*/{args.assignment}/")
    unknown = [s for s in students if s not in submitted]
    if unknown:
        parser.error(f"no submitted/<student>/{args.assignment}/ for: {', '.join(unknown)}")
    use_wal(api.coursedir.db_url)
    bar = _progress(len(students))
    graded = True
    for outcome in autograde_class(root, args.assignment, students, args.jobs):
        if outcome.log:
            print(f"nbgrader's log for {outcome.student}:\n{outcome.log}", file=sys.stderr)
        if bar is not None:
            bar.write(str(outcome), file=sys.stdout)
            bar.update(1)
        else:
            print(outcome, flush=True)
        graded = graded and outcome.graded
    if bar is not None:
        bar.close()
    return 0 if graded else 1


if __name__ == "__main__":
    sys.exit(main())
