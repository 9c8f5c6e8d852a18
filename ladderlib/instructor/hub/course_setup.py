"""Set up (or check again) one course hub on this machine, as root; list what changed.

``deploy/jupyterhub/setup-course.sh`` runs ``python3 -m ladderlib.instructor.hub.course_setup`` with
the system's ``/usr/bin/python3`` (this module needs nothing outside the standard library). It:

1. builds the shared environment ``prefix/venv`` from the system's Python (a Python under root's
   0700 home cannot be run by other users) and installs JupyterHub and the course library into
   it, pinned by ``deploy/jupyterhub/constraints-hub.txt`` (again only when the library or the pins changed);
2. writes each role's Jupyter configuration (:mod:`ladderlib.instructor.hub.layout`);
3. creates the groups ``<course>-instructors`` and ``<course>-students`` and the users in them,
   with homes at mode 0700 (``useradd -m`` makes them 0755);
4. copies the course (``nbgrader_config.py``, ``solutions/``, ``assignments/``) into the
   instructor's home unless a copy is there already (never overwriting the instructor's work);
5. creates the exchange: root 1777 (nobody can rename another's folder), the course folder
   owned by the instructor, ``inbound/`` 3733 (students can write but not list it, and the
   sticky bit stops them renaming or removing each other's submissions), ``outbound/`` 0755,
   ``feedback/`` 0711;
6. keeps the hub's own state folder root-only (0700).

Running it again changes nothing that is already right and says so.

Examples
--------
>>> log = Changes()
>>> log.note("exchange root /srv/x: mode 0777 -> 1777")
>>> print(log.report())
changed: exchange root /srv/x: mode 0777 -> 1777
"""

from __future__ import annotations

import argparse
import grp
import hashlib
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ladderlib.instructor.hub.layout import config_files, course_root
from ladderlib.instructor.hub.settings import HubSettings, load_settings

__all__ = ["COURSE_FILES", "Changes", "main", "setup_course"]

COURSE_FILES = ("nbgrader_config.py", "solutions", "assignments")
"""What the instructor's course folder starts from."""

DEBIAN_PYTHON = "/usr/bin/python3"
HUB_CONSTRAINTS = "deploy/jupyterhub/constraints-hub.txt"
"""The shared environment's pins (the system's Python 3.11.2 cannot take every pin of constraints.txt)."""
STAMP = ".ladderlib-hub-stamp"


@dataclass
class Changes:
    """What the setup changed, in order."""

    lines: list[str] = field(default_factory=list)

    def note(self, line: str) -> None:
        self.lines.append(line)

    def report(self) -> str:
        if not self.lines:
            return "nothing to change: the course hub is set up"
        return "\n".join(f"changed: {line}" for line in self.lines)


def _run(*command: str) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def _ensure_path(
    changes: Changes, path: Path, mode: int, owner: str = "root", group: str | None = None
) -> None:
    """Make ``path`` a directory with exactly this mode, owner and group."""
    if not path.is_dir():
        path.mkdir(parents=True)
        changes.note(f"{path}: created")
    uid = pwd.getpwnam(owner).pw_uid
    gid = grp.getgrnam(group).gr_gid if group else pwd.getpwnam(owner).pw_gid
    info = path.stat()
    if (info.st_uid, info.st_gid) != (uid, gid):
        os.chown(path, uid, gid)
        changes.note(f"{path}: owner -> {owner}:{group or grp.getgrgid(gid).gr_name}")
    if info.st_mode & 0o7777 != mode:
        os.chmod(path, mode)
        changes.note(f"{path}: mode {info.st_mode & 0o7777:04o} -> {mode:04o}")


def _write(changes: Changes, path: Path, text: str) -> None:
    if path.exists() and path.read_text() == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o644)
    changes.note(f"{path}: written")


def _source_digest(repo: Path) -> str:
    digest = hashlib.sha256()
    files = [
        repo / "pyproject.toml",
        repo / HUB_CONSTRAINTS,
        *sorted((repo / "ladderlib").rglob("*")),
    ]
    for file in files:
        if file.is_file() and "__pycache__" not in file.parts:
            digest.update(str(file.relative_to(repo)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def install_environment(changes: Changes, settings: HubSettings, repo: Path) -> None:
    """The shared environment: the system's Python, JupyterHub and the course library, pinned."""
    _ensure_path(changes, Path(settings.prefix), 0o755)
    venv = settings.venv
    if not (venv / "bin" / "python").exists():
        _run(DEBIAN_PYTHON, "-m", "venv", str(venv))
        changes.note(f"{venv}: environment created from {DEBIAN_PYTHON}")
    digest = _source_digest(repo)
    stamp = venv / STAMP
    if stamp.exists() and stamp.read_text() == digest:
        return
    with tempfile.TemporaryDirectory() as scratch:
        # Install from a copy: building in the repository would leave build/ and egg-info there.
        source = Path(scratch) / "course"
        source.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(repo / name, source / name)
        shutil.copytree(
            repo / "ladderlib", source / "ladderlib", ignore=shutil.ignore_patterns("__pycache__")
        )
        pip = (str(venv / "bin" / "pip"), "install", "-q", "-c", str(repo / HUB_CONSTRAINTS))
        _run(*pip, "pip")  # the system's pip 23 backtracks for minutes where a current pip does not
        _run(*pip, f"{source}[course,hub]")
    stamp.write_text(digest)
    changes.note(f"{venv}: JupyterHub and the course library installed ({digest[:12]})")


def _ensure_group(changes: Changes, name: str) -> None:
    try:
        grp.getgrnam(name)
    except KeyError:
        _run("groupadd", name)
        changes.note(f"group {name}: created")


def _ensure_user(changes: Changes, name: str, group: str) -> None:
    try:
        pwd.getpwnam(name)
    except KeyError:
        _run("useradd", "--create-home", "--shell", "/bin/bash", "--groups", group, name)
        changes.note(f"user {name}: created in group {group}")
    if name not in grp.getgrnam(group).gr_mem:
        _run("usermod", "--append", "--groups", group, name)
        changes.note(f"user {name}: added to group {group}")
    home = Path(pwd.getpwnam(name).pw_dir)
    _ensure_path(changes, home, 0o700, owner=name)


def _copy_course(changes: Changes, settings: HubSettings, repo: Path) -> None:
    root = Path(course_root(settings))
    config = (repo / "nbgrader_config.py").read_text()
    found = re.search(r"course_id\s*=\s*[\"']([^\"']+)[\"']", config)
    if found and found.group(1) != settings.course_id:
        raise ValueError(
            f"course_id {settings.course_id!r} differs from {found.group(1)!r} in"
            f" {repo / 'nbgrader_config.py'}: students and instructor would use different"
            " exchange folders; use the same id in both"
        )
    if not root.exists():
        root.mkdir()
        for name in COURSE_FILES:
            source = repo / name
            if source.is_dir():
                shutil.copytree(
                    source, root / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
                )
            else:
                shutil.copy2(source, root / name)
        _run("chown", "-R", f"{settings.instructor}:{settings.instructor}", str(root))
        changes.note(f"{root}: the course copied for {settings.instructor}")
    _ensure_path(changes, root, 0o700, owner=settings.instructor)


def setup_course(settings: HubSettings, repo: Path) -> Changes:
    """Set up everything the course hub needs; return what changed (nothing, the second time)."""
    if os.geteuid() != 0:
        raise PermissionError("setup-course.sh creates users and groups: run it as root")
    changes = Changes()
    install_environment(changes, settings, repo)
    for path, text in config_files(settings).items():
        _write(changes, path, text)
    _ensure_path(changes, Path(settings.state_dir), 0o700)
    instructors, students = f"{settings.course_id}-instructors", f"{settings.course_id}-students"
    for group in (instructors, students):
        _ensure_group(changes, group)
    _ensure_user(changes, settings.instructor, instructors)
    for student in settings.students:
        _ensure_user(changes, student, students)
    _copy_course(changes, settings, repo)
    exchange = Path(settings.exchange_root)
    course = exchange / settings.course_id
    _ensure_path(changes, exchange, 0o1777)
    _ensure_path(changes, course, 0o755, owner=settings.instructor)
    _ensure_path(changes, course / "inbound", 0o3733, owner=settings.instructor)
    _ensure_path(changes, course / "outbound", 0o755, owner=settings.instructor)
    _ensure_path(changes, course / "feedback", 0o711, owner=settings.instructor)
    return changes


def main(argv: list[str] | None = None) -> int:
    """``setup-course.sh``: set the course hub up from the settings; print what changed."""
    parser = argparse.ArgumentParser(prog="setup-course.sh", description=__doc__.split("\n")[0])
    parser.add_argument("--repo", type=Path, default=Path(__file__).resolve().parents[3])
    args = parser.parse_args(argv)
    try:
        changes = setup_course(load_settings(), args.repo.resolve())
    except (ValueError, PermissionError, RuntimeError) as err:
        print(f"setup-course.sh: {err}", file=sys.stderr)
        return 1
    print(changes.report())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
