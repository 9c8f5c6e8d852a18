"""A real JupyterLab server for the browser tests, started and stopped the way testing-notes.md says.

Loopback only, a free port with ``port_retries=0``, a token, ``--allow-root``, ipc kernel transport
with a short runtime dir (socket paths must stay under 107 bytes), no news or update checks, and
Jupyter's config, data, runtime and IPython dirs in temp dirs so nothing leaks in from ``$HOME`` or
out into it. The server runs in ``root`` (a temporary copy of the repository) so nbgrader finds
``nbgrader_config.py`` there; the exchange goes to a temp dir through a user-level nbgrader config.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

READY_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 20.0


@dataclass
class LabServer:
    """A running JupyterLab: its base URL, token, folders and the seconds it took to answer."""

    root: Path
    port: int
    token: str
    process: subprocess.Popen[bytes]
    runtime_dir: Path
    log_path: Path
    exchange_dir: Path
    started_in_s: float = 0.0
    _log: object = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def lab_url(self, path: str = "", workspace: str | None = None) -> str:
        """The URL that opens ``path`` (relative to the root) in JupyterLab, logged in by token.

        A fresh ``workspace`` per page keeps JupyterLab from restoring the tabs of earlier tests.
        """
        base = f"{self.url}lab"
        if workspace is not None:
            base += f"/workspaces/{workspace}"
        if path:
            base += f"/tree/{path}"
        return f"{base}?reset&token={self.token}"

    def request(self, path: str, method: str = "GET", timeout: float = 10) -> tuple[int, bytes]:
        """Call the server's REST API with the token; return (status, body)."""
        req = urllib.request.Request(
            f"{self.url}{path.lstrip('/')}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
            data=b"" if method in {"POST", "DELETE"} else None,
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as err:
            with err:
                return err.code, err.read()

    def json(self, path: str) -> object:
        status, body = self.request(path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}: {body[:300]!r}")
        return json.loads(body)

    def kernel_ids(self) -> list[str]:
        kernels = self.json("api/kernels")
        assert isinstance(kernels, list)
        return [k["id"] for k in kernels]

    def shutdown_kernels(self) -> None:
        """Shut down every session and kernel, so the next test starts from a quiet server."""
        sessions = self.json("api/sessions")
        assert isinstance(sessions, list)
        for session in sessions:
            self.request(f"api/sessions/{session['id']}", method="DELETE")
        for kernel_id in self.kernel_ids():
            self.request(f"api/kernels/{kernel_id}", method="DELETE")

    def kernel_processes(self) -> list[int]:
        """PIDs of processes whose command line names this server's runtime dir (its kernels)."""
        marker = str(self.runtime_dir).encode()
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == self.process.pid:
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if marker in cmdline:
                pids.append(int(entry.name))
        return pids

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> list[int]:
        """Stop the server (POST /api/shutdown, then SIGTERM, then SIGKILL), remove its runtime dir;
        return the PIDs of kernel processes still running."""
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.request("api/shutdown", method="POST")
            try:
                self.process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.process.wait(timeout=STOP_TIMEOUT_S)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        if self._log is not None:
            self._log.close()  # type: ignore[attr-defined]
            self._log = None
        deadline = time.monotonic() + 5
        left = self.kernel_processes()
        while left and time.monotonic() < deadline:
            time.sleep(0.1)
            left = self.kernel_processes()
        shutil.rmtree(self.runtime_dir, ignore_errors=True)
        return left


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_lab(root: Path, scratch: Path) -> LabServer:
    """Start JupyterLab serving ``root``; Jupyter's own dirs and the log go under ``scratch``.

    Returns once ``/api/status`` and ``/lab`` both answer 200; raises with the log tail otherwise.
    """
    token = secrets.token_hex(16)
    port = free_port()
    # ipc socket paths must stay under 107 bytes: a short dir straight under /tmp.
    runtime_dir = Path(tempfile.mkdtemp(prefix="lb", dir="/tmp"))
    config_dir, data_dir, ipython_dir, exchange_dir = (
        scratch / name for name in ("jupyter-config", "jupyter-data", "ipython", "exchange")
    )
    for folder in (config_dir, data_dir, ipython_dir, exchange_dir):
        folder.mkdir(parents=True, exist_ok=True)
    # nbgrader reads nbgrader_config.py from every Jupyter config dir, then from the server's cwd.
    (config_dir / "nbgrader_config.py").write_text(
        f"c = get_config()  # noqa: F821\nc.Exchange.root = {str(exchange_dir)!r}\n"
    )
    # No "get notified about Jupyter news?" toast over the notebook (a student may say no once too).
    settings = config_dir / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}\n')
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(config_dir),
        JUPYTER_DATA_DIR=str(data_dir),
        JUPYTER_RUNTIME_DIR=str(runtime_dir),
        IPYTHONDIR=str(ipython_dir),
        JUPYTER_PLATFORM_DIRS="1",
        # nbgrader runs `alembic` by name when it creates a gradebook: the venv's bin/ goes first.
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
    )
    log_path = scratch / "jupyterlab.log"
    log = log_path.open("wb")
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--allow-root",
        "--KernelManager.transport=ipc",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    began = time.monotonic()
    process = subprocess.Popen(
        command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
    )
    server = LabServer(
        root=root,
        port=port,
        token=token,
        process=process,
        runtime_dir=runtime_dir,
        log_path=log_path,
        exchange_dir=exchange_dir,
        _log=log,
    )
    deadline = began + READY_TIMEOUT_S
    while True:
        if process.poll() is not None:
            server.stop()
            raise RuntimeError(
                f"JupyterLab exited with {process.returncode} before answering:\n{server.log_tail()}"
            )
        try:
            if server.request("api/status")[0] == 200 and server.request("lab")[0] == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(
                f"JupyterLab did not answer within {READY_TIMEOUT_S:.0f} s:\n{server.log_tail()}"
            )
        time.sleep(0.1)
    server.started_in_s = time.monotonic() - began
    return server
