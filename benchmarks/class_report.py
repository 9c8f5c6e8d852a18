"""Benchmark: ``ladder-report`` on a class of 200 students (target: under 10 s).

Run by hand (not a test): ``python benchmarks/class_report.py [--students N] [--repeat N]``,
with the course's environment on ``PATH`` (nbgrader runs ``alembic`` by name).

The class is synthetic and documented: a temporary copy of the course records ``direct-economy``
with real nbgrader (``generate_assignment``); then, for each student, the benchmark writes what
autograding would leave behind, without running 200 notebooks:

* a gradebook submission (nbgrader's ``Gradebook.add_submission``) whose autograded scores are
  the course's own graders applied to the student's answers, and, for the first half of the
  class, a manual score on every text answer;
* ``autograded/<student>/direct-economy/direct-economy.ipynb``: the released notebook with the
  grading engine's ``metadata["ladderlib"]`` (answers per test cell, in the engine's format).

The answers are drawn by ``tests/report_class.py:synthetic_answers`` (fixed seed): about 40 %
put Tesla at DIY, 25 % HelloFresh at self service, 15 % Threadless at co-design, 10 % leave NBC
untouched, 5 % misspell a rung.

Printed, each with a ratio against the obvious alternative measured in the same run,
``nbgrader export`` (the grade CSV nbgrader gives: totals, no answers, no confusions):

* ``ladder-report direct-economy`` as the instructor runs it (a fresh process), median;
* the report in-process, split into reading (gradebook + notebooks), rows, misconceptions, page.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "nbgrader")]

from course_copy import api_for, copy_course, notebook_path, venv_on_path  # noqa: E402
from report_class import engine_metadata, points_for, synthetic_answers  # noqa: E402

from ladderlib.instructor.report.cli import write_report  # noqa: E402
from ladderlib.instructor.report.gradebook import read_class  # noqa: E402
from ladderlib.instructor.report.keys import answer_keys  # noqa: E402
from ladderlib.instructor.report.misconceptions import find_misconceptions  # noqa: E402
from ladderlib.instructor.report.page import Report, render  # noqa: E402
from ladderlib.instructor.report.table import answer_frame, answer_rows  # noqa: E402

ASSIGNMENT = "direct-economy"


def build_course(folder: Path, students: int) -> Path:
    """A course copy with ``students`` synthetic submissions in its gradebook and autograded/."""
    from nbgrader.api import Gradebook

    course = copy_course(folder)
    api = api_for(course)
    result = api.generate_assignment(ASSIGNMENT, force=True)
    assert result["success"], result.get("log")
    release = json.loads(notebook_path(course, "assignments", ASSIGNMENT).read_text("utf-8"))
    answers = synthetic_answers(students)
    with Gradebook(api.coursedir.db_url) as gradebook:
        notebook = gradebook.find_notebook(ASSIGNMENT, ASSIGNMENT)
        sources = {c.name: c.source for c in notebook.source_cells}
        graded = {c.name for c in notebook.grade_cells if c.cell_type == "code"}
        keys = answer_keys({gid: sources[gid] for gid in graded})
        for i, (student, encoded) in enumerate(answers.items()):
            gradebook.add_student(student, first_name="Synthetic", last_name=f"Student {i + 1}")
            submission = gradebook.add_submission(ASSIGNMENT, student)
            for grade in submission.notebooks[0].grades:
                if grade.name in keys:
                    grade.auto_score = points_for(keys[grade.name], encoded)
                    grade.needs_manual_grade = False
                elif i < students // 2:
                    grade.manual_score = grade.max_score
                    grade.needs_manual_grade = False
            metadata = dict(release["metadata"], ladderlib=engine_metadata(keys, encoded))
            target = notebook_path(course, f"autograded/{student}", ASSIGNMENT)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(dict(release, metadata=metadata)), "utf-8")
        gradebook.db.commit()
    return course


def timed(command: list[str], cwd: Path, repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of ``command`` in ``cwd``, in s.

    The CPU time says what the run costs on an idle machine; the wall time is what the
    instructor waits on this one (other jobs share its 2 cores).
    """
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def stages(course: Path) -> dict[str, float]:
    """Seconds spent in each stage of one in-process report."""
    seconds = {}
    start = time.perf_counter()
    data = read_class(course, ASSIGNMENT)
    seconds["read gradebook + notebooks"] = time.perf_counter() - start
    start = time.perf_counter()
    rows = answer_rows(data)
    answer_frame(rows)
    seconds["answer rows + DataFrame"] = time.perf_counter() - start
    start = time.perf_counter()
    found = find_misconceptions(data, rows)
    seconds["misconceptions"] = time.perf_counter() - start
    start = time.perf_counter()
    render(Report(data, rows, found))
    seconds["page (3 plots)"] = time.perf_counter() - start
    start = time.perf_counter()
    write_report(course, ASSIGNMENT)
    seconds["whole report, warm"] = time.perf_counter() - start
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    venv_on_path()
    folder = Path(tempfile.mkdtemp(prefix="ladderlib-report-bench-"))
    try:
        start = time.perf_counter()
        course = build_course(folder / "course", args.students)
        print(f"synthetic class of {args.students}: built in {time.perf_counter() - start:.1f} s")
        bin_dir = Path(sys.executable).parent
        report = timed([str(bin_dir / "ladder-report"), ASSIGNMENT], course, args.repeat)
        export = timed(
            [sys.executable, "-m", "nbgrader", "export", "--to", "grades.csv"], course, args.repeat
        )
        print(f"fresh processes, median of {args.repeat} (wall / CPU):")
        print(f"  ladder-report {ASSIGNMENT}     {report[0]:6.2f} s / {report[1]:5.2f} s")
        print(f"  nbgrader export (grades.csv)   {export[0]:6.2f} s / {export[1]:5.2f} s")
        print(
            f"  ratio report / export: {report[0] / export[0]:.2f}x wall, "
            f"{report[1] / export[1]:.2f}x CPU (target: the report under 10 s)"
        )
        print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print("in-process stages (imports done, one run):")
        for stage, seconds in stages(course).items():
            print(f"  {stage:<28} {seconds:6.2f} s")
        rows = sum(1 for _ in (course / "reports" / ASSIGNMENT / "answers.csv").open()) - 1
        print(f"answers.csv: {rows} rows; index.html: "
              f"{os.path.getsize(course / 'reports' / ASSIGNMENT / 'index.html') / 1024:.0f} KiB")  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
