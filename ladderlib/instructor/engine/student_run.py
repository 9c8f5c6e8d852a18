"""Run a student's notebook in the sandbox and bring back its outputs, answers and audit.

The notebook that runs is the student's, with one change: each test cell is replaced by a
*capture* cell that sends the variables the test reads out as JSON plain data
(:func:`ladderlib.instructor.engine.kernel_boot.capture`). No test, visible or hidden, runs in the
student's kernel, so nothing the student's code does to that kernel can reach a score.
A first cell records the kernel's state before any student code (for the audit), and the
marker that tags each capture is random per run.

The kernel runs on a copy of the notebook's folder, removed afterwards even when the kernel
was killed. Output beyond ``max_output_bytes`` is dropped with a note.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from nbformat.notebooknode import NotebookNode

from . import kernel_boot
from .answers import parse_capture
from .judge import node
from .sandbox import Limits, SandboxKernelManager, allowed_roots, boot_spec, prepare_workspace

__all__ = ["KernelDied", "RunResult", "run_student"]

_BOOT = "__import__('ladderlib.instructor.engine.kernel_boot', fromlist=['_'])"
_MAX_AUDIT_BYTES = 64 * 1024


class KernelDied(RuntimeError):
    """The student's kernel stopped before the notebook finished (``os._exit``, a crash)."""


@dataclass
class RunResult:
    """What came back from one sandboxed run."""

    outputs: dict[int, list[NotebookNode]]  # by cell index in the student's notebook
    captures: dict[int, dict[str, Any] | None]  # by the index of the test cell
    audit: list[dict[str, str]] = field(default_factory=list)
    output_cut: bool = False
    stopped: bool = False  # the kernel stopped answering, or the notebook ran out of time


class _LimitedClient(NotebookClient):
    """A notebook client that stops keeping outputs past a byte budget."""

    def __init__(
        self,
        *args: Any,
        max_output_bytes: int,
        make_km: Any,
        deadline: float,
        captures: set[int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._budget = max_output_bytes
        self._captures = captures  # cells whose output is the answers: never cut
        self._make_km = make_km
        self._deadline = deadline
        self._timeouts = self._in_a_row = 0
        self.output_cut = self.stopped = self.ended = False

    async def async_execute_cell(
        self,
        cell: NotebookNode,
        cell_index: int,
        execution_count: int | None = None,
        store_history: bool = True,
    ) -> NotebookNode:
        # A kernel that does not answer after an interrupt (two cells in a row timed out), or a
        # notebook past its whole time, runs no further cell: what it has not sent scores 0.
        if self.stopped or time.monotonic() > self._deadline:
            self.stopped = True
            return cell
        before = self._timeouts
        done: NotebookNode = await super().async_execute_cell(
            cell, cell_index, execution_count, store_history
        )
        self._in_a_row = self._in_a_row + 1 if self._timeouts > before else 0
        self.stopped = self._in_a_row >= 2
        return done

    async def _async_handle_timeout(
        self, timeout: int, cell: NotebookNode | None = None
    ) -> dict[str, Any] | None:
        self._timeouts += 1
        reply: dict[str, Any] | None = await super()._async_handle_timeout(timeout, cell)
        return reply

    def create_kernel_manager(self) -> AsyncKernelManager:
        manager: AsyncKernelManager = self._make_km()
        self.km = manager
        return manager

    def output(
        self, outs: list[NotebookNode], msg: dict[str, Any], display_id: str | None, cell_index: int
    ) -> NotebookNode | None:
        if cell_index in self._captures:
            return super().output(outs, msg, display_id, cell_index)
        size = len(json.dumps(msg.get("content", {}), default=str))
        self._budget -= size
        if self._budget < 0:
            if not self.output_cut:
                self.output_cut = True
                outs.append(
                    node(
                        {
                            "output_type": "stream",
                            "name": "stdout",
                            "text": "[grading: output cut here, the notebook printed too much]\n",
                        }
                    )
                )
            return None
        return super().output(outs, msg, display_id, cell_index)


def _capture_cell(marker: str, names: set[str]) -> NotebookNode:
    source = f"{_BOOT}.capture({marker!r}, {sorted(names)!r})"
    return node(
        {
            "cell_type": "code",
            "source": source,
            "metadata": {},
            "outputs": [],
            "execution_count": None,
        }
    )


def _end_kernel(client: _LimitedClient) -> None:
    """Kill the kernel's whole process group (in the sandbox: bwrap, and with it everything)."""
    client.ended = True
    provisioner = getattr(client.km, "provisioner", None)
    process = getattr(provisioner, "process", None)
    if process is not None:
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)


def _read_audit(fd: int, into: list[dict[str, str]]) -> None:
    data = b""
    with os.fdopen(fd, "rb") as pipe:
        while chunk := pipe.read(4096):
            if len(data) < _MAX_AUDIT_BYTES:
                data += chunk
    for line in data[:_MAX_AUDIT_BYTES].decode("utf-8", "replace").splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict) and isinstance(event.get("kind"), str):
            into.append({"kind": event["kind"], "detail": str(event.get("detail", ""))[:300]})


def run_student(
    notebook: NotebookNode,
    tests: Mapping[int, set[str]],
    folder: str | Path,
    *,
    sandbox: bool = True,
    timeout: int = 60,
    limits: Limits | None = None,
    max_output_bytes: int = 10 * 1024**2,
    notebook_timeout: int = 600,
) -> RunResult:
    """Run ``notebook`` (a student's, sanitized by nbgrader) and capture its answers.

    ``tests`` maps the index of each test cell to the variables it reads. ``folder`` is the
    notebook's folder: the kernel gets a copy of it. With ``sandbox=False`` the kernel is an
    ordinary local one (the instructor turned the sandbox off). A cell may run ``timeout``
    seconds, the whole notebook ``notebook_timeout``.
    """
    marker = f"@@ladder-{secrets.token_hex(8)}@@"
    cells: list[NotebookNode] = [
        node({**_capture_cell(marker, set()), "source": f"{_BOOT}.baseline()"})
    ]
    origin: list[int | None] = [None]
    for index, cell in enumerate(notebook.cells):
        if index in tests:
            cells.append(_capture_cell(marker, tests[index]))
        elif cell.cell_type == "code":
            cells.append(node({**cell, "outputs": [], "execution_count": None}))
        else:
            continue
        origin.append(index)
    cells.append(_capture_cell(marker, set()))
    origin.append(None)
    run = node({**notebook, "cells": cells})

    audit: list[dict[str, str]] = []
    read_end, write_end = os.pipe()
    reader = threading.Thread(target=_read_audit, args=(read_end, audit), daemon=True)
    reader.start()
    with tempfile.TemporaryDirectory(prefix="lsbx-") as work, contextlib.ExitStack() as stack:
        copy = Path(work, Path(folder).name or "notebook")
        shutil.copytree(folder, copy, symlinks=True)
        sockets = Path(work, "s")
        sockets.mkdir()
        uid = prepare_workspace(copy, sockets) if sandbox else None

        def make_km() -> AsyncKernelManager:
            if sandbox:
                return SandboxKernelManager(
                    folder=str(copy),
                    sockets=str(sockets),
                    uid=uid,
                    audit_fd=write_end,
                    limits=limits or Limits(),
                )
            km = AsyncKernelManager(transport="ipc", ip=str(sockets / "k"))
            km.connection_file = str(sockets / "kernel.json")
            km._kernel_spec = boot_spec("Python 3 (grading without the sandbox)")
            return km

        client = _LimitedClient(
            run,
            timeout=timeout,
            allow_errors=True,
            interrupt_on_timeout=True,
            raise_on_iopub_timeout=False,
            record_timing=False,
            # Nothing in the kernel is worth a graceful goodbye: kill it when the notebook ends.
            shutdown_kernel="immediate",
            resources={"metadata": {"path": str(copy)}},
            max_output_bytes=max_output_bytes,
            make_km=make_km,
            deadline=time.monotonic() + notebook_timeout,
            captures={position for position, index in enumerate(origin) if index in tests},
        )
        try:
            log = stack.enter_context(open(Path(work, "kernel.log"), "wb"))
            kwargs: dict[str, Any] = {
                "cwd": str(copy),
                "pass_fds": (write_end,),
                "stdout": subprocess.DEVNULL,
                "stderr": log,
            }
            if not sandbox:
                kwargs["env"] = {
                    **os.environ,
                    kernel_boot.AUDIT_FD_ENV: str(write_end),
                    kernel_boot.FOLDER_ENV: str(copy),
                    kernel_boot.ALLOWED_ENV: allowed_roots(),
                }
            # The watchdog ends a kernel that outlives the notebook's time however it hangs
            # (a kernel whose student broke it can hang in a way no cell timeout sees).
            watchdog = threading.Timer(notebook_timeout + 10, _end_kernel, args=(client,))
            watchdog.daemon = True
            watchdog.start()
            try:
                client.execute(**kwargs)
            finally:
                watchdog.cancel()
        except DeadKernelError as error:
            if client.ended:
                client.stopped = True  # ended by the watchdog: grade what was captured
            else:
                said = Path(work, "kernel.log").read_text("utf-8", "replace").strip().splitlines()
                last = f" (its last words: {said[-1][:200]!r})" if said else ""
                raise KernelDied(f"Kernel died while running the notebook: {error}{last}") from None
        finally:
            os.close(write_end)
            reader.join(timeout=5)

    outputs: dict[int, list[NotebookNode]] = {}
    captures: dict[int, dict[str, Any] | None] = {}
    for cell, position in zip(run.cells, origin, strict=True):
        if position is None:
            continue
        if position in tests:
            text = "".join(
                out.get("text", "") for out in cell.outputs if out.get("output_type") == "stream"
            )
            captures[position] = parse_capture(text, marker)
        else:
            outputs[position] = list(cell.outputs)
    return RunResult(outputs, captures, audit, client.output_cut, client.stopped)
