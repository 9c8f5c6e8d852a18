"""A real course hub on this machine, for the hub tests and benchmarks/hub_class.py.

``CourseHub.create`` runs ``deploy/jupyterhub/setup-course.sh`` with settings that put every
file under one temporary folder (prefix, state, exchange) and give the users distinctive names
(``lhtest-<4 hex>-...``), sets their passwords, and starts ``jupyterhub -f
deploy/jupyterhub/jupyterhub_config.py`` on 127.0.0.1. ``CourseHub.remove`` stops the hub and
removes what the setup made: users (homes included), groups it created, the temporary folder;
it runs even after a failure and reports any process of a test user still alive.

Set ``LADDERLIB_HUB_TEST_VENV`` to an environment built before by ``setup-course.sh`` (a
``prefix/venv``) to skip building a fresh one (about a minute); CI always builds it.
"""

from __future__ import annotations

import contextlib
import grp
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SETUP = REPO / "deploy" / "jupyterhub" / "setup-course.sh"
HUB_CONFIG = REPO / "deploy" / "jupyterhub" / "jupyterhub_config.py"
COURSE_ID = "peer-production"
READY_TIMEOUT_S = 60.0
SPAWN_TIMEOUT_S = 120.0


def free_base_port() -> int:
    """A port p with p, p+1 and p+2 free on 127.0.0.1 (proxy, hub, proxy API)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base: int = probe.getsockname()[1]
        if base > 65000:
            continue
        try:
            for offset in (1, 2):
                with socket.socket() as other:
                    other.bind(("127.0.0.1", base + offset))
        except OSError:
            continue
        return base
    raise RuntimeError("no three consecutive free ports on 127.0.0.1")


def run(
    command: list[str], timeout: float = 300, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, capture_output=True, text=True, timeout=timeout, check=False, **kwargs
    )


@dataclass
class CourseHub:
    """A set-up course hub: its settings, users, passwords and (once started) the hub process."""

    scratch: Path
    instructor: str
    students: list[str]
    port: int
    service_token: str
    passwords: dict[str, str]
    groups_created: list[str]
    setup_output: str
    process: subprocess.Popen[bytes] | None = None
    _log: Any = field(default=None, repr=False)

    # ----- life cycle -------------------------------------------------------------------
    @classmethod
    def create(cls, n_students: int = 3, tag: str | None = None) -> CourseHub:
        tag = tag or secrets.token_hex(2)
        scratch = Path(tempfile.mkdtemp(prefix=f"lhtest-{tag}-"))
        scratch.chmod(0o755)
        instructor = f"lhtest-{tag}-inst"
        students = [f"lhtest-{tag}-s{i}" for i in range(1, n_students + 1)]
        groups = [f"{COURSE_ID}-instructors", f"{COURSE_ID}-students"]
        existing = {g for g in groups if _group_exists(g)}
        hub = cls(
            scratch=scratch,
            instructor=instructor,
            students=students,
            port=free_base_port(),
            service_token=secrets.token_hex(24),
            passwords={u: secrets.token_urlsafe(12) for u in [instructor, *students]},
            groups_created=[g for g in groups if g not in existing],
            setup_output="",
        )
        reused = os.environ.get("LADDERLIB_HUB_TEST_VENV")
        if reused:
            (scratch / "prefix").mkdir(mode=0o755)
            (scratch / "prefix" / "venv").symlink_to(reused)
        try:
            hub.setup_output = hub.setup()
            lines = "\n".join(f"{u}:{p}" for u, p in hub.passwords.items()) + "\n"
            subprocess.run(["chpasswd"], input=lines, text=True, check=True, timeout=30)
        except BaseException:
            hub.remove()
            raise
        return hub

    @property
    def env(self) -> dict[str, str]:
        return dict(
            os.environ,
            LADDERLIB_HUB_INSTRUCTOR=self.instructor,
            LADDERLIB_HUB_STUDENTS=" ".join(self.students),
            LADDERLIB_HUB_EXCHANGE_ROOT=str(self.exchange_root),
            LADDERLIB_HUB_PREFIX=str(self.scratch / "prefix"),
            LADDERLIB_HUB_STATE_DIR=str(self.scratch / "state"),
            LADDERLIB_HUB_PORT=str(self.port),
            LADDERLIB_HUB_SERVICE_TOKEN=self.service_token,
        )

    def setup(self) -> str:
        """Run setup-course.sh; return what it printed (raises with its stderr on failure)."""
        done = run([str(SETUP)], timeout=900, env=self.env)
        if done.returncode != 0:
            raise RuntimeError(f"setup-course.sh failed ({done.returncode}):\n{done.stderr}")
        return done.stdout

    def start(self) -> float:
        """Start the hub; return the seconds until its API answered."""
        venv_bin = self.scratch / "prefix" / "venv" / "bin"
        env = dict(self.env, PATH=f"{venv_bin}:/usr/local/bin:/usr/bin:/bin")
        self._log = (self.scratch / "jupyterhub.log").open("wb")
        began = time.monotonic()
        self.process = subprocess.Popen(
            [str(venv_bin / "jupyterhub"), "-f", str(HUB_CONFIG)],
            cwd=self.scratch / "state",
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        while time.monotonic() - began < READY_TIMEOUT_S:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the hub exited with {self.process.returncode}:\n{self.log_tail()}"
                )
            with contextlib.suppress(OSError):
                if self.api("GET", "")[0] == 200:
                    return time.monotonic() - began
            time.sleep(0.2)
        raise RuntimeError(f"the hub did not answer in {READY_TIMEOUT_S} s:\n{self.log_tail()}")

    def stop(self) -> int | None:
        """SIGTERM the hub (it stops the proxy and every user's server); return its exit code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None
        return self.process.returncode

    def user_processes(self) -> dict[str, list[str]]:
        """Command lines of processes still running as a test user, by user."""
        uids = {}
        for name in self.users:
            with contextlib.suppress(KeyError):
                uids[pwd.getpwnam(name).pw_uid] = name
        found: dict[str, list[str]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError):
                if entry.stat().st_uid in uids:
                    status = (entry / "status").read_text()
                    if "State:\tZ" in status:
                        continue
                    cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                    found.setdefault(uids[entry.stat().st_uid], []).append(cmd.strip())
        return found

    def remove(self) -> list[str]:
        """Stop the hub and remove users, groups and files; return what could not be removed."""
        problems = []
        self.stop()
        deadline = time.monotonic() + 20
        while self.user_processes() and time.monotonic() < deadline:
            time.sleep(0.5)
        left = self.user_processes()
        if left:
            problems.append(f"processes left running as test users: {left}")
            for name in left:
                run(["pkill", "-KILL", "-u", name])
        for name in self.users:
            if _user_exists(name):
                done = run(["userdel", "--remove", name])
                if done.returncode not in (0, 12):  # 12: home could not be removed (reported below)
                    problems.append(f"userdel {name}: {done.stderr.strip()}")
            home = Path("/home") / name
            if home.exists():
                shutil.rmtree(home, ignore_errors=True)
        for group in self.groups_created:
            if _group_exists(group):
                run(["groupdel", group])
        shutil.rmtree(self.scratch, ignore_errors=True)
        return problems

    # ----- users --------------------------------------------------------------------------
    @property
    def users(self) -> list[str]:
        return [self.instructor, *self.students]

    @property
    def exchange_root(self) -> Path:
        return self.scratch / "exchange"

    @property
    def course_root(self) -> Path:
        return Path("/home") / self.instructor / COURSE_ID

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def as_user(
        self, user: str, script: str, timeout: float = 300, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run a bash script as ``user`` (a login-like environment with the shared env on PATH)."""
        venv_bin = self.scratch / "prefix" / "venv" / "bin"
        env = [
            f"HOME=/home/{user}", f"USER={user}", f"LOGNAME={user}",
            f"PATH={venv_bin}:/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8",
        ]  # fmt: skip
        return subprocess.run(
            ["runuser", "-u", user, "--", "env", "-i", *env, "bash", "-c", f"cd ~ && {script}"],
            capture_output=True, text=True, timeout=timeout, check=False, input=stdin,
        )  # fmt: skip

    # ----- HTTP ---------------------------------------------------------------------------
    def request(
        self, method: str, path: str, token: str | None = None, body: Any = None
    ) -> tuple[int, bytes]:
        headers = {"Authorization": f"token {token}"} if token else {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        elif method in {"POST", "DELETE", "PUT"}:
            data = b""
        req = urllib.request.Request(f"{self.url}{path}", method=method, headers=headers, data=data)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(req, timeout=30) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as err:
            with err:
                return err.code, err.read()

    def follow(self, path: str, token: str, hops: int = 8) -> list[tuple[int, str]]:
        """GET ``path`` with ``token``, following redirects within the hub; every (status, path)."""
        chain = []
        for _ in range(hops):
            req = urllib.request.Request(
                f"{self.url}{path}", headers={"Authorization": f"token {token}"}
            )
            try:
                with urllib.request.build_opener(_NoRedirect).open(req, timeout=30) as resp:
                    chain.append((resp.status, path))
                    return chain
            except urllib.error.HTTPError as err:
                with err:
                    chain.append((err.code, path))
                    location = err.headers.get("Location")
                    if err.code not in (301, 302, 303, 307) or not location:
                        return chain
                    path = location.removeprefix(self.url)
                    if not path.startswith("/"):
                        return chain
        return chain

    def api(
        self, method: str, path: str, body: Any = None, token: str | None = None
    ) -> tuple[int, Any]:
        """The hub's REST API (``/hub/api/<path>``), with the service's token unless given one."""
        status, raw = self.request(method, f"/hub/api/{path}", token or self.service_token, body)
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, raw

    def user_token(self, user: str) -> str:
        status, reply = self.api(
            "POST", f"users/{user}/tokens", {"note": "hub test", "expires_in": 3600}
        )
        assert status in (200, 201), (status, reply)
        return str(reply["token"])

    def spawn(self, user: str) -> float:
        """Start ``user``'s server through the API; return the seconds until it answers."""
        began = time.monotonic()
        status, reply = self.api("POST", f"users/{user}/server")
        assert status in (201, 202, 400), (status, reply)  # 400: already running
        while time.monotonic() - began < SPAWN_TIMEOUT_S:
            _, info = self.api("GET", f"users/{user}")
            server = (info or {}).get("servers", {}).get("", {})
            if server.get("ready"):
                return time.monotonic() - began
            time.sleep(0.25)
        raise RuntimeError(
            f"{user}'s server was not ready in {SPAWN_TIMEOUT_S} s:\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 40) -> str:
        path = self.scratch / "jupyterhub.log"
        text = path.read_text(errors="replace") if path.exists() else "(no log)"
        return "\n".join(text.splitlines()[-lines:])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _group_exists(name: str) -> bool:
    try:
        grp.getgrnam(name)
    except KeyError:
        return False
    return True
