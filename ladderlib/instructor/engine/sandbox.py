"""The sandbox a student's kernel runs in: bubblewrap, another user, and limits.

What the kernel gets (everything else on the machine is absent, not merely unreadable):

- read-only: ``/usr``, the Python installation and the course's environment, the ``ladderlib``
  package folder (for an editable install, that folder alone, never the repository around it),
  and a few single files from ``/etc``;
- writable: a *copy* of its own notebook folder, a private ``/tmp`` of limited size, and the
  folder of its connection sockets;
- new namespaces for processes, network (no interface but a loopback of its own), IPC and
  hostname; it dies with the grading process;
- limits on address space, processes, file size, open files and CPU time.

Two modes, chosen by who grades:

- **root** (a single-user install, CI): bubblewrap sets up the mounts, then ``setpriv`` drops
  to an unprivileged user id picked for this one run, with no capabilities and no way to regain
  them. Limits on processes then count that user alone.
- **a non-root instructor** (JupyterHub): bubblewrap runs unprivileged in a new user
  namespace, with every capability dropped.

When bubblewrap or setpriv is missing, or the machine forbids namespaces, :func:`require`
raises :class:`SandboxUnavailable` with what is missing and how to install it: grading stops
rather than run student code unsandboxed.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager

from . import kernel_boot

__all__ = [
    "Limits",
    "SandboxKernelManager",
    "SandboxUnavailable",
    "allowed_roots",
    "boot_spec",
    "bwrap_command",
    "pick_uid",
    "prepare_workspace",
    "require",
]

INSTALL_HINT = (
    "install it with `apt-get install bubblewrap` (apt; `dnf install bubblewrap` on "
    "Fedora), or, only if you accept running student code with your own rights, turn the "
    "sandbox off in nbgrader_config.py with `c.GradeInSandbox.sandbox = False`"
)
ETC_FILES = ("/etc/ld.so.cache", "/etc/localtime", "/etc/nsswitch.conf", "/etc/mime.types")
KERNEL_CODE = "from ladderlib.instructor.engine.kernel_boot import main; main()"
HOME = "/home/student"


class SandboxUnavailable(RuntimeError):
    """The grading sandbox cannot start here; the message says what is missing and what to do."""


@dataclass(frozen=True)
class Limits:
    """Resource limits for one student's kernel."""

    memory_bytes: int = 4 * 1024**3  # address space: pandas alone maps about 1 GiB
    processes: int = 128  # threads count too
    file_bytes: int = 64 * 1024**2
    open_files: int = 256
    cpu_seconds: int = 900
    tmp_bytes: int = 128 * 1024**2


@cache
def _kernels_library() -> str:
    """The ladderlib folder the kernel's Python imports: the environment's, whatever folder
    this process runs in (a server started in another copy of the course sees that copy)."""
    found = subprocess.run(
        [sys.executable, "-I", "-c", "import ladderlib; print(ladderlib.__file__)"],
        cwd="/",
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0:
        raise SandboxUnavailable(f"The course library does not import here: {found.stderr}")
    return str(Path(found.stdout.strip()).resolve().parent)


@cache
def _python_roots() -> list[str]:
    """What the kernel's Python needs to read: the installation, the environment, ladderlib."""
    roots = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix), _kernels_library()}
    interpreter = os.path.realpath(sys.executable)
    if not any(interpreter.startswith(root + os.sep) for root in roots):
        roots.add(os.path.dirname(interpreter))
    # Keep the most general roots only; /usr is bound as a whole anyway.
    ordered = sorted(roots, key=len)
    kept: list[str] = []
    for root in ordered:
        if root == "/usr" or root.startswith("/usr/"):
            continue
        if not any(root.startswith(parent + os.sep) for parent in kept):
            kept.append(root)
    return kept


def allowed_roots() -> str:
    """What a student's cell may read without an audit flag, as the kernel's watch takes it."""
    return os.pathsep.join(["/usr", *_python_roots(), *ETC_FILES])


def _parents(path: str) -> list[str]:
    parts = Path(path).parts[1:-1]
    return [str(Path("/", *parts[: i + 1])) for i in range(len(parts))]


def bwrap_command(
    command: list[str],
    *,
    folder: str,
    sockets: str,
    uid: int | None,
    limits: Limits = Limits(),
    audit_fd: int | None = None,
) -> list[str]:
    """The full command that runs ``command`` sandboxed.

    ``folder`` is the (copied) notebook folder, mounted writable at ``/home/student/<name>``
    and used as the working directory; ``sockets`` is mounted writable at its own path.
    ``uid`` is the unprivileged user to become (root mode), or None to use a new user
    namespace (a non-root instructor).
    """
    inside = f"{HOME}/{Path(folder).name}"
    roots = _python_roots()
    args = [
        "prlimit",
        f"--as={limits.memory_bytes}",
        f"--fsize={limits.file_bytes}",
        f"--nofile={limits.open_files}",
        f"--cpu={limits.cpu_seconds}",
        "--core=0",
    ]
    if uid is not None:
        args.append(f"--nproc={limits.processes}")
    args += ["bwrap", "--die-with-parent", "--new-session"]
    if uid is None:
        args += ["--unshare-all", "--cap-drop", "ALL"]
    else:
        args += ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts"]
        args += ["--unshare-cgroup-try"]
    args += ["--ro-bind", "/usr", "/usr"]
    for name in ("lib", "lib64", "bin", "sbin"):
        if os.path.islink(f"/{name}"):
            args += ["--symlink", os.readlink(f"/{name}"), f"/{name}"]
        elif os.path.isdir(f"/{name}"):
            args += ["--ro-bind", f"/{name}", f"/{name}"]
    for path in ETC_FILES:
        if os.path.exists(path):
            args += ["--ro-bind", path, path]
    # /tmp first: the folders below are laid out on top of it, never hidden by it.
    args += ["--size", str(limits.tmp_bytes), "--perms", "1777", "--tmpfs", "/tmp"]
    made: set[str] = {"/usr", "/etc", "/tmp"}
    for target in [*roots, sockets, inside]:
        for parent in _parents(target):
            if parent not in made and not parent.startswith("/usr/"):
                made.add(parent)
                args += ["--perms", "0755", "--dir", parent]
    for root in roots:
        args += ["--ro-bind", root, root]
    args += ["--proc", "/proc", "--dev", "/dev"]
    args += ["--bind", sockets, sockets, "--bind", folder, inside, "--chdir", inside]
    env = {
        "HOME": "/tmp",
        "PATH": f"{os.path.dirname(sys.executable)}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "USER": "student",
        "LOGNAME": "student",
        "IPYTHONDIR": "/tmp/.ipython",
        "MPLCONFIGDIR": "/tmp/.matplotlib",
        "MPLBACKEND": "Agg",
        "XDG_CACHE_HOME": "/tmp/.cache",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        kernel_boot.FOLDER_ENV: inside,
        kernel_boot.ALLOWED_ENV: allowed_roots(),
    }
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if name in os.environ:
            env[name] = os.environ[name]
    if audit_fd is not None:
        env[kernel_boot.AUDIT_FD_ENV] = str(audit_fd)
    args.append("--clearenv")
    for name, value in env.items():
        args += ["--setenv", name, value]
    if uid is not None:
        args += [
            "setpriv",
            f"--reuid={uid}",
            f"--regid={uid}",
            "--clear-groups",
            "--inh-caps=-all",
            "--bounding-set=-all",
            "--",
        ]
    return args + command


def pick_uid() -> int | None:
    """An unused unprivileged user id for one run (root mode), or None when not root."""
    if os.geteuid() != 0:
        return None
    # Far above any real account and unique per run: limits on processes count it alone.
    return random.randrange(1_500_000_000, 2_000_000_000)


def prepare_workspace(folder: Path, sockets: Path) -> int | None:
    """Give one run's folders to the user it will run as; return that user (None: not root).

    ``folder`` (the notebook folder's copy, with everything in it) and ``sockets`` must exist.
    """
    uid = pick_uid()
    if uid is not None:
        for path in [sockets, folder, *folder.rglob("*")]:
            os.lchown(path, uid, uid)
    return uid


def _missing_tools(root: bool) -> list[str]:
    wanted = ["bwrap", "prlimit"] + (["setpriv"] if root else [])
    return [tool for tool in wanted if shutil.which(tool) is None]


@cache
def require() -> str:
    """Check once per process that the sandbox starts here; return a one-line description.

    Raises :class:`SandboxUnavailable` naming what is missing and how to install it.
    """
    root = os.geteuid() == 0
    missing = _missing_tools(root)
    if missing:
        packages = {"bwrap": "bubblewrap", "prlimit": "util-linux", "setpriv": "util-linux"}
        names = ", ".join(f"{tool} (apt package {packages[tool]})" for tool in missing)
        raise SandboxUnavailable(
            f"The grading sandbox cannot start: {names} not found on PATH. To grade, "
            + INSTALL_HINT
            + "."
        )
    with tempfile.TemporaryDirectory(prefix="lsbx-") as work:
        folder, sockets = Path(work, "probe"), Path(work, "s")
        folder.mkdir()
        sockets.mkdir()
        uid = prepare_workspace(folder, sockets)
        probe = [sys.executable, "-c", "import ladderlib, ipykernel"]
        command = bwrap_command(probe, folder=str(folder), sockets=str(sockets), uid=uid)
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise SandboxUnavailable(
            f"The grading sandbox cannot start on this machine: bubblewrap said {detail!r}. "
            "It needs user namespaces (as a non-root user: `sysctl "
            "kernel.unprivileged_userns_clone=1`, and on Ubuntu 24.04 an AppArmor profile "
            "for bwrap) or grading as root. Otherwise " + INSTALL_HINT.split(", or, ", 1)[1] + "."
        )
    mode = "bubblewrap, as a throwaway user" if root else "bubblewrap, in a user namespace"
    return mode


def boot_spec(display_name: str) -> KernelSpec:
    """The spec of a kernel started through :mod:`ladderlib.instructor.engine.kernel_boot`.

    Interrupts go as messages: with signals, one cell's timeout aborted the whole notebook.
    """
    return KernelSpec(
        argv=[sys.executable, "-c", KERNEL_CODE, "-f", "{connection_file}"],
        display_name=display_name,
        language="python",
        interrupt_mode="message",
        env={},
        metadata={},
    )


class SandboxKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel starts inside the sandbox.

    ``folder`` is the copied notebook folder, ``sockets`` a short folder for the kernel's IPC
    sockets and connection file, ``uid`` as :func:`pick_uid` gives it, ``audit_fd`` the write
    end of the audit pipe (pass it to ``start_kernel(pass_fds=...)`` too).
    """

    def __init__(
        self,
        *,
        folder: str,
        sockets: str,
        uid: int | None,
        audit_fd: int | None = None,
        limits: Limits = Limits(),
        **kwargs: Any,
    ) -> None:
        super().__init__(transport="ipc", ip=os.path.join(sockets, "k"), **kwargs)
        self.folder, self.sockets, self.uid = folder, sockets, uid
        self.audit_fd, self.limits = audit_fd, limits
        self.connection_file = os.path.join(sockets, "kernel.json")
        self._kernel_spec = boot_spec("Python 3 (grading sandbox)")

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        # The connection file was just written (root-only); the kernel's user must read it.
        if self.uid is not None:
            os.chown(self.connection_file, self.uid, self.uid)
        command = [sys.executable, "-c", KERNEL_CODE, "-f", self.connection_file]
        command += list(extra_arguments or [])
        return bwrap_command(
            command,
            folder=self.folder,
            sockets=self.sockets,
            uid=self.uid,
            limits=self.limits,
            audit_fd=self.audit_fd,
        )
