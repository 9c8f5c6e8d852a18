"""What a student's code can reach in the grading sandbox, proven by running code inside it.

A probe runs through :func:`ladderlib.instructor.engine.sandbox.bwrap_command`, exactly as a student's
kernel does, and reports what it could do. A server listens on the host's loopback while it
runs, so "no network" is tested against something that answers.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ladderlib
from ladderlib.instructor.engine.sandbox import Limits, bwrap_command, prepare_workspace, require

REPO = Path(__file__).resolve().parents[1]

PROBE = r"""
import json, os, socket, sys
report = {"uid": os.getuid(), "euid": os.geteuid(), "cwd": os.getcwd()}
def attempt(name, action):
    try:
        action()
        report[name] = "ok"
    except Exception as error:
        report[name] = type(error).__name__
attempt("read_shadow", lambda: open("/etc/shadow").read())
attempt("list_repo", lambda: os.listdir(sys.argv[1]))
attempt("read_solutions", lambda: os.listdir(os.path.join(sys.argv[1], "solutions")))
report["root_home"] = sorted(os.listdir("/root")) if os.path.isdir("/root") else []
attempt("write_library", lambda: open(os.path.join(sys.argv[2], "__init__.py"), "a").write("#"))
attempt("write_environment", lambda: open(os.path.join(sys.prefix, "owned.txt"), "w").write("x"))
attempt("write_own_folder", lambda: open("mine.txt", "w").write("x"))
attempt("write_tmp", lambda: open("/tmp/mine.txt", "w").write("x"))
attempt("connect_loopback", lambda: socket.create_connection(("127.0.0.1", int(sys.argv[3])), 2))
attempt("see_host_processes", lambda: [p for p in os.listdir("/proc") if p.isdigit() and int(p) > 50][0])
def many():
    children = []
    for _ in range(40):
        pid = os.fork()
        if pid == 0:
            import time; time.sleep(5); os._exit(0)
        children.append(pid)
attempt("fork_past_limit", many)
report["capabilities"] = open("/proc/self/status").read().split("CapEff:")[1].split()[0]
print(json.dumps(report))
sys.stdout.flush()
os._exit(0)
"""


@pytest.fixture(scope="module")
def listener() -> Iterator[int]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    yield server.getsockname()[1]
    server.close()


@pytest.fixture(scope="module")
def probe(listener: int) -> dict[str, Any]:
    require()
    with tempfile.TemporaryDirectory(prefix="lsbx-test-") as work:
        folder, sockets = Path(work, "notebook"), Path(work, "s")
        folder.mkdir()
        sockets.mkdir()
        uid = prepare_workspace(folder, sockets)
        library = str(Path(ladderlib.__file__).parent)
        command = [sys.executable, "-c", PROBE, str(REPO), library, str(listener)]
        limits = Limits(processes=24)
        argv = bwrap_command(
            command, folder=str(folder), sockets=str(sockets), uid=uid, limits=limits
        )
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
        report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        report["left_in_folder"] = ",".join(sorted(p.name for p in folder.iterdir()))
        return report


def test_the_student_is_not_root_and_has_no_capabilities(probe: dict[str, Any]) -> None:
    if os.geteuid() == 0:
        assert int(probe["uid"]) >= 1_500_000_000
        assert probe["uid"] == probe["euid"]
    assert probe["capabilities"] == "0000000000000000"


def test_secrets_the_course_and_other_homes_are_absent(probe: dict[str, Any]) -> None:
    assert probe["read_shadow"] in {"FileNotFoundError", "PermissionError"}
    assert probe["read_solutions"] == "FileNotFoundError"
    # /root holds only the way down to the Python installation (pyenv keeps it there).
    python_home = Path(sys.base_prefix).resolve()
    expected = [python_home.parts[2]] if python_home.parts[1:2] == ("root",) else []
    assert probe["root_home"] == expected
    # The repository holds nothing but the mounted environment and library folder.
    assert probe["list_repo"] == "ok"


def test_the_library_and_environment_are_read_only(probe: dict[str, Any]) -> None:
    assert probe["write_library"] in {"OSError", "PermissionError"}
    assert probe["write_environment"] in {"OSError", "PermissionError"}


def test_only_its_own_folder_and_tmp_are_writable(probe: dict[str, Any]) -> None:
    assert probe["write_own_folder"] == "ok"
    assert probe["write_tmp"] == "ok"
    assert probe["cwd"] == "/home/student/notebook"
    assert probe["left_in_folder"] == "mine.txt"


def test_no_network_even_to_the_hosts_loopback(probe: dict[str, Any]) -> None:
    assert probe["connect_loopback"] in {"ConnectionRefusedError", "OSError", "TimeoutError"}


def test_other_processes_are_invisible_and_processes_are_limited(probe: dict[str, Any]) -> None:
    assert probe["see_host_processes"] == "IndexError"
    if os.geteuid() == 0:  # the process limit counts the throwaway user alone
        assert probe["fork_past_limit"] == "BlockingIOError"


def test_bwrap_command_binds_the_package_folder_never_the_repository_root() -> None:
    argv = bwrap_command(["true"], folder="/tmp/x/nb", sockets="/tmp/x/s", uid=None)
    bound = {argv[i + 1] for i, arg in enumerate(argv) if arg in {"--bind", "--ro-bind"}}
    assert str(REPO) not in bound
    assert str(Path(ladderlib.__file__).resolve().parent) in bound
    assert "--unshare-all" in argv and "--cap-drop" in argv
