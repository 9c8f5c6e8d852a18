"""Benchmark: autograde one class with stock nbgrader and with ``ladder-autograde``.

A class of ``--students`` (default 24) ``direct-economy`` submissions, a quarter each solved,
wrong, half right and blank, is graded twice in the same run, each on its own copy of the
course:

- **stock**: ``nbgrader autograde direct-economy`` with a configuration that sets only the
  source and release folders (nbgrader's own Execute: the student's code and the hidden tests
  in one unsandboxed kernel, students one after another);
- **ladder**: ``ladder-autograde direct-economy --jobs N`` with the course's configuration
  (each student's code in the bubblewrap sandbox, the tests in the judge, N students at once).

It checks that every student gets the same score both ways, prints both times and their
ratio, then times three students in-process on each side to say what dominates a
student's time. Run from the repository root with the course's environment:

    python benchmarks/class_autograde.py [--students 24] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "nbgrader"))

from course_copy import api_for, copy_course, solved_answers, submit  # noqa: E402
from nbgrader.api import Gradebook  # noqa: E402

DE = "direct-economy"
BIN = Path(sys.executable).parent
STOCK_CONFIG = """\
c = get_config()
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "assignments"
"""


def wrong_answers(course: Path) -> dict[str, str]:
    return {
        gid: f'{gid.removesuffix("-answer")}_rung = "DIY"\n'
        f'{gid.removesuffix("-answer")}_attributes = {{"framework_control": "firm", '
        '"consumer_reach": "production_logistics_labor"}'
        for gid in solved_answers(course, DE)
    }


def build_class(course: Path, students: int) -> list[str]:
    solved, wrong = solved_answers(course, DE), wrong_answers(course)
    half = {gid: (solved if i % 2 == 0 else wrong)[gid] for i, gid in enumerate(sorted(solved))}
    kinds = {"solved": solved, "wrong": wrong, "half": half, "blank": {}}
    names = []
    for index in range(students):
        kind = list(kinds)[index % 4]
        name = f"{kind}-{index:03d}"
        submit(course, name, DE, kinds[kind])
        names.append(name)
    return names


def scores(course: Path, names: list[str], db_url: str) -> dict[str, float]:
    with Gradebook(db_url) as gradebook:
        return {name: float(gradebook.find_submission(DE, name).score) for name in names}


def prepare(root: Path, stock: bool, students: int) -> tuple[Path, list[str]]:
    course = copy_course(root)
    if stock:
        (course / "nbgrader_config.py").write_text(STOCK_CONFIG)
        run([BIN / "nbgrader", "generate_assignment", DE, "--force"], course)
    else:
        recorded = api_for(course).generate_assignment(DE, force=True)
        assert recorded["success"], recorded.get("error")
    return course, build_class(course, students)


def run(command: list[str | Path], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed:\n{done.stderr[-3000:]}")
    return elapsed


def profile(course: Path, names: list[str], stock: bool) -> None:
    """Where three students' time goes, in this process (nbgrader's API, one at a time).

    Wall-clock time is summed around the steps that matter (cProfile cannot see inside the
    asynchronous kernel calls): the run of the notebook in a kernel, the judge, and the rest,
    which is nbgrader's own work (sanitizing, restoring cells, the gradebook).
    """
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.preprocessors import Execute
    from traitlets.config.loader import PyFileConfigLoader

    from ladderlib.instructor.engine import judge, steps, student_run

    spent: dict[str, float] = {}

    def timed(owner: object, name: str, label: str) -> None:
        original = getattr(owner, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - start

        setattr(owner, name, wrapper)

    timed(Execute, "preprocess", "the notebook and hidden tests in one kernel (start included)")
    timed(steps, "run_student", "the student's code in the sandbox (kernel start included)")
    timed(steps, "run_cell", "the judge: tests on plain data")
    del student_run, judge
    cwd = os.getcwd()
    os.chdir(course)
    try:
        config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
        api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
        api.autograde(DE, names[0], force=True)  # warm up imports
        spent.clear()
        start = time.perf_counter()
        for name in names[1:4]:
            api.autograde(DE, name, force=True)
        total = (time.perf_counter() - start) / 3
    finally:
        os.chdir(cwd)
    print(f"  {'stock' if stock else 'ladder'}: {total:.2f} s per student, of which")
    for label, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"    {seconds / 3:5.2f} s  {label}")
    print(
        f"    {total - sum(spent.values()) / 3:5.2f} s  nbgrader's own steps (sanitize, cells, gradebook)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=24)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    os.environ["PATH"] = f"{BIN}{os.pathsep}{os.environ['PATH']}"
    work = Path(tempfile.mkdtemp(prefix="class-bench-"))
    try:
        stock, names = prepare(work / "stock", True, args.students)
        ladder, _ = prepare(work / "ladder", False, args.students)
        stock_time = run([BIN / "nbgrader", "autograde", DE], stock)
        ladder_time = run([BIN / "ladder-autograde", DE, "--jobs", str(args.jobs)], ladder)
        stock_scores = scores(stock, names, f"sqlite:///{stock / 'gradebook.db'}")
        ladder_scores = scores(ladder, names, api_for(ladder).coursedir.db_url)
        differ = {
            n: (stock_scores[n], ladder_scores[n])
            for n in names
            if stock_scores[n] != ladder_scores[n]
        }
        print(
            f"class: {args.students} submissions (solved, wrong, half right, blank), {os.cpu_count()} cores"
        )
        print(
            f"stock nbgrader autograde:          {stock_time:6.1f} s  ({stock_time / args.students:.2f} s per student)"
        )
        print(
            f"ladder-autograde --jobs {args.jobs} (sandbox): {ladder_time:6.1f} s  ({ladder_time / args.students:.2f} s per student)"
        )
        print(f"ratio: ladder is {stock_time / ladder_time:.2f}x faster than stock")
        print(
            f"identical scores for every student: {not differ}" + (f" {differ}" if differ else "")
        )
        print("what dominates one student's time (3 students, one at a time, in-process):")
        profile(stock, names, stock=True)
        profile(ladder, names, stock=False)
        if differ:
            raise SystemExit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
