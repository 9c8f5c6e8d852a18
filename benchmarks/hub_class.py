"""A class on one machine's JupyterHub: spawn N student servers, fetch, submit, collect, autograde.

For N = 3, 10 and 30 simulated students (real system users, real servers, real exchange):

- set-up: ``setup-course.sh`` (users, homes, exchange; the shared environment is built once);
- spawn: every student's server started through the hub's REST API at once, until all are ready;
- fetch and submit: what the Assignments tab's buttons call (``POST /user/<s>/assignments/fetch``
  and ``.../submit`` through the proxy, with each student's own token), all students at once,
  with the solved notebook saved through each server's contents API in between;
- collect and autograde: the instructor's ``nbgrader collect`` and ``nbgrader autograde``
  (through the course's ``nbgrader_config.py``, so through the sandboxed grading engine, as an
  unprivileged user), then ``ladder-autograde --jobs 2`` on the same submissions, the obvious
  alternative measured in the same run.

Prints seconds per stage and per student, the growth against N = 3, the servers' memory, and
the single-machine ceiling those figures point to. Run as root (it creates users), on 127.0.0.1:

    PATH="$PWD/.venv/bin:$PATH" python benchmarks/hub_class.py [N ...]
"""

from __future__ import annotations

import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests" / "hub"), str(REPO / "tests" / "nbgrader")]

import nbformat  # noqa: E402
from course_copy import solved_answers  # noqa: E402
from hub_harness import COURSE_ID, CourseHub  # noqa: E402

ASSIGNMENT = "direct-economy"
SIZES = (3, 10, 30)


def solved_notebook() -> dict[str, object]:
    """The released notebook with every answer cell solved (the same answers for everyone)."""
    answers = solved_answers(REPO, ASSIGNMENT)
    nb = nbformat.read(REPO / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]
    return dict(nb)


def timed(label: str, results: dict[str, float], action: object) -> object:
    began = time.monotonic()
    out = action()  # type: ignore[operator]
    results[label] = time.monotonic() - began
    return out


def rss_mb(hub: CourseHub) -> float:
    """Resident memory of every process running as a student, in MB."""
    total = 0
    students = set(hub.students)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            owner = int(status.split("Uid:\t")[1].split("\t")[0])
            import pwd

            if pwd.getpwuid(owner).pw_name in students:
                total += int(status.split("VmRSS:")[1].split()[0])
        except (OSError, IndexError, KeyError, ValueError):
            continue
    return total / 1024


def run_class(n: int, notebook: dict[str, object]) -> dict[str, float]:
    results: dict[str, float] = {}
    hub = timed("set-up (users, exchange)", results, lambda: CourseHub.create(n_students=n))
    assert isinstance(hub, CourseHub)
    try:
        results["hub start"] = hub.start()
        tokens = {s: hub.user_token(s) for s in hub.students}

        def spawn_all() -> None:
            for s in hub.students:
                hub.api("POST", f"users/{s}/server")
            with ThreadPoolExecutor(max_workers=n) as pool:
                list(pool.map(hub.spawn, hub.students))

        timed("spawn all servers", results, spawn_all)
        results["servers' memory (MB)"] = rss_mb(hub)
        out = hub.as_user(
            hub.instructor,
            f"cd {hub.course_root} && nbgrader generate_assignment {ASSIGNMENT} --force"
            f" && nbgrader release_assignment {ASSIGNMENT}",
        )
        assert out.returncode == 0, out.stderr
        body = {"course_id": COURSE_ID, "assignment_id": ASSIGNMENT}

        def action(name: str) -> None:
            def one(student: str) -> None:
                status, reply = hub.request(
                    "POST", f"/user/{student}/assignments/{name}", tokens[student], body
                )
                assert status == 200, (student, name, status, reply[:300])

            with ThreadPoolExecutor(max_workers=n) as pool:
                list(pool.map(one, hub.students))

        timed("fetch (all students)", results, lambda: action("fetch"))

        def save_answers(student: str) -> None:
            model = {"type": "notebook", "format": "json", "content": notebook}
            path = f"/user/{student}/api/contents/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
            status, reply = hub.request("PUT", path, tokens[student], model)
            assert status in (200, 201), (student, status, reply[:300])

        with ThreadPoolExecutor(max_workers=n) as pool:
            list(pool.map(save_answers, hub.students))
        timed("submit (all students)", results, lambda: action("submit"))

        def instructor(command: str) -> None:
            done = hub.as_user(
                hub.instructor, f"cd {hub.course_root} && {command} 2>&1", timeout=3600
            )
            assert done.returncode == 0, done.stdout[-2000:]

        inbound = hub.exchange_root / COURSE_ID / "inbound"
        assert len(list(inbound.glob(f"*+{ASSIGNMENT}+*"))) == n, "a submission is missing"
        timed("collect", results, lambda: instructor(f"nbgrader collect {ASSIGNMENT}"))
        timed(
            "autograde (nbgrader, engine)",
            results,
            lambda: instructor(f"nbgrader autograde {ASSIGNMENT}"),
        )
        graded = list((hub.course_root / "autograded").glob(f"*/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"))
        assert len(graded) == n, f"{len(graded)} of {n} students autograded"
        timed(
            "autograde (ladder-autograde --jobs 2)",
            results,
            lambda: instructor(f"ladder-autograde {ASSIGNMENT} --jobs 2"),
        )
    finally:
        results["tear-down"] = 0.0
        began = time.monotonic()
        problems = hub.remove()
        results["tear-down"] = time.monotonic() - began
        if problems:
            print(f"N={n}: {problems}", file=sys.stderr)
    return results


def main() -> None:
    if os.geteuid() != 0:
        raise SystemExit("run the hub benchmark as root: it creates system users")
    sizes = tuple(int(a) for a in sys.argv[1:]) or SIZES
    notebook = solved_notebook()
    table: dict[int, dict[str, float]] = {}
    for n in sizes:
        print(f"N={n} ...", flush=True)
        table[n] = run_class(n, notebook)
        print(json.dumps({k: round(v, 2) for k, v in table[n].items()}), flush=True)
    base = sizes[0]
    stages = [k for k in table[base] if k != "servers' memory (MB)"]
    print(
        f"\n{'stage':40s}"
        + "".join(f"{f'N={n}':>12s}" for n in sizes)
        + f"{'per student':>14s}{'growth':>10s}"
    )
    for stage in [*stages, "servers' memory (MB)"]:
        row = "".join(f"{table[n][stage]:12.1f}" for n in sizes)
        last = sizes[-1]
        per = table[last][stage] / last
        growth = (table[last][stage] / table[base][stage]) if table[base][stage] else float("nan")
        print(f"{stage:40s}{row}{per:14.2f}{growth:9.1f}x")
    print(f"(growth: N={sizes[-1]} against N={base}, i.e. {sizes[-1] / base:.0f}x the students)")
    if "autograde (ladder-autograde --jobs 2)" in table[sizes[-1]]:
        plain = table[sizes[-1]]["autograde (nbgrader, engine)"]
        jobs = table[sizes[-1]]["autograde (ladder-autograde --jobs 2)"]
        print(
            f"ladder-autograde --jobs 2 against nbgrader autograde at N={sizes[-1]}: {plain / jobs:.2f}x faster"
        )
    (REPO / "test-artifacts").mkdir(exist_ok=True)
    (REPO / "test-artifacts" / "hub-class.json").write_text(json.dumps(table, indent=2) + "\n")


if __name__ == "__main__":
    main()
