"""Kernels forked from a zygote instead of started from scratch: the grader's fast path (``course autograde``).

A fresh kernel costs a Python start and about 0.4 CPU-seconds of imports (IPython, ipykernel, the quiz's helpers)
for every student. Here each grading worker process starts one zygote (``kernel_zygote``) ahead of need, which pays
the imports once, and every student's kernel is a fork of it. With the sandbox, the zygote lives in a bubblewrap
jail built like a fresh kernel's (``sandbox.bwrap_command``: the system and Python read-only, no network, its own
PIDs and IPC, the memory cap) whose only writable folders are the worker's private runtime folder and an empty
working folder. The student's autograded folder is copied into that working folder for their kernel, so no other
student's files are ever inside the jail, and between two students the zygote kills every process left in the jail
and empties its writable folders (or, when it cannot, exits, and the next student gets a new jail).

jupyter_client starts kernels through a provisioner named in the kernel spec; ``ForkedKernelProvisioner`` (entry
point ``course-forked-kernel`` in ``pyproject.toml``) asks the zygote for a fork instead of running the spec's command.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner
from traitlets import Bool

from course_lib.instructor.runner import sandbox

PROVISIONER = "course-forked-kernel"
KERNEL_NAME = "course-forked"  # no sandbox
JAILED_KERNEL_NAME = "course-sandbox-forked"
_ZYGOTE = ("-m", "course_lib.instructor.runner.kernel_zygote")
_QUIET_S = 0.01


class ZygoteGone(RuntimeError):
    """The zygote exited (its jail could not be emptied, or a kernel killed it)."""


class ZygoteProcess:
    """One zygote, spoken to over its stdin and stdout."""

    def __init__(self, jailed: bool, runtime: Path, memory_mb: int):
        self.jailed, self.runtime = jailed, runtime
        self.work = runtime.parent / "kernel-work"
        shutil.rmtree(self.work, ignore_errors=True)  # whatever an earlier jail left, symlinks are not followed
        self.work.mkdir(mode=0o700)
        args = ["--work", str(self.work), "--memory-mb", str(memory_mb)] + (["--jailed"] if jailed else [])
        if jailed:
            command = sandbox.bwrap_command(self.work, runtime, args, program=_ZYGOTE)
        else:
            command = [sys.executable, *_ZYGOTE, *args]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=self.work)
        ready = self.process.stdout.readline()
        if json.loads(ready or b"{}").get("ready") is not True:
            self.process.wait()
            raise ZygoteGone(f"the kernel zygote did not start (exit {self.process.returncode}); see the log")

    def alive(self) -> bool:
        return self.process.poll() is None

    def call(self, **request: Any) -> dict:
        try:
            self.process.stdin.write(json.dumps(request).encode() + b"\n")
            self.process.stdin.flush()
            reply = self.process.stdout.readline()
        except (BrokenPipeError, ValueError):
            reply = b""
        if not reply:
            self.process.wait()
            raise ZygoteGone("the kernel zygote exited")
        answer = json.loads(reply)
        if answer.get("fatal"):
            self.process.wait()
            raise ZygoteGone(answer["error"])
        if "error" in answer:
            raise RuntimeError(f"kernel zygote: {answer['error']}")
        return answer

    def close(self) -> None:
        if self.alive():
            self.process.stdin.close()  # the zygote takes its kernel along and exits
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


_zygotes: dict[tuple[bool, Path], ZygoteProcess] = {}


def zygote(jailed: bool) -> ZygoteProcess:
    """This process's zygote for its private runtime folder (``sandbox.ENV_RUNTIME``), started when needed."""
    runtime = Path(os.environ[sandbox.ENV_RUNTIME]).resolve()
    key = (jailed, runtime)
    found = _zygotes.get(key)
    if found is None or not found.alive():
        memory_mb = int(os.environ.get(sandbox.ENV_MEMORY, sandbox.DEFAULT_MEMORY_MB))
        found = _zygotes[key] = ZygoteProcess(jailed, runtime, memory_mb)
    return found


class ForkedKernel:
    """The parts of ``subprocess.Popen`` a provisioner uses, for a kernel that is the zygote's child."""

    stdin = stdout = stderr = None

    def __init__(self, owner: ZygoteProcess, pid: int):
        self.owner, self.pid = owner, pid
        self.returncode: int | None = None

    def _ask(self, **request: Any) -> int | None:
        if self.returncode is None:
            try:
                self.returncode = self.owner.call(pid=self.pid, **request)["exit"]
            except ZygoteGone:  # the jail went with it
                self.returncode = -9
        return self.returncode

    def poll(self) -> int | None:
        return self._ask(op="poll")

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("forked kernel", timeout)
            time.sleep(0.005)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        self._ask(op="signal", signum=int(signum))

    def kill(self) -> None:
        self.send_signal(9)

    def terminate(self) -> None:
        self.send_signal(15)


def _inside(path: Path, root: Path) -> bool:
    return path != root and path.is_relative_to(root)


class ForkedKernelProvisioner(LocalProvisioner):
    """Launches a kernel by forking this process's zygote (see the module's docstring)."""

    jailed = Bool(False, config=True, help="fork from a zygote inside the bubblewrap jail")

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        cwd = Path(kwargs.get("cwd") or os.getcwd()).resolve()
        allowed = os.environ.get(sandbox.ENV_ALLOWED_ROOT)
        if self.jailed and (not allowed or not _inside(cwd, Path(allowed).resolve())):
            raise RuntimeError(f"course sandbox: refusing to start a kernel in {cwd} (not under {allowed})")
        connection_file = Path(self.parent.connection_file).resolve()
        owner = zygote(self.jailed)
        if self.jailed:
            if connection_file.parent != owner.runtime:
                raise RuntimeError(f"course sandbox: refusing a connection file outside the private runtime "
                                   f"folder: {connection_file}")
            shutil.copytree(cwd, owner.work, symlinks=True, dirs_exist_ok=True)
            cwd = owner.work
        pid = owner.call(op="fork", connection_file=str(connection_file), cwd=str(cwd))["pid"]
        self.process = ForkedKernel(owner, pid)
        self.pid, self.pgid, self.cwd = pid, None, str(cwd)
        await self._sockets_bound()
        return self.connection_info

    async def _sockets_bound(self, timeout: float = 60) -> None:
        """Wait until the kernel has made its ipc sockets: a client connecting before that is refused and retries
        only after zmq's reconnect interval (100 ms), a sixth of a student's grading."""
        info = self.connection_info
        if info.get("transport") != "ipc":
            return
        channels = ("shell", "iopub", "stdin", "control", "hb")
        sockets = [Path(f"{info['ip']}-{info[f'{name}_port']}") for name in channels]
        deadline = time.monotonic() + timeout
        while not all(path.exists() for path in sockets):
            if self.process.poll() is not None or time.monotonic() > deadline:
                return  # jupyter_client's own start-up checks report the dead or silent kernel
            await asyncio.sleep(0.002)


class PromptKernelClient(AsyncKernelClient):
    """jupyter_client's kernel client, ready as soon as the kernel is. Its readiness check waits up to 0.2 s for an
    IOPub message after the first kernel_info reply, then drains IOPub until it has been quiet for 0.2 s: at least
    0.2 s a kernel, which for a forked kernel (ready in a few milliseconds) was a third of a student's grading. The
    same checks here, with 10 ms waits."""

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (math.inf if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                try:  # IOPub is connected once a message comes through it; else ask again
                    await self.iopub_channel.get_msg(timeout=_QUIET_S)
                except Empty:
                    pass
                else:
                    self._handle_kernel_info_reply(reply)
                    break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
        while True:  # drain the start-up messages
            try:
                await self.iopub_channel.get_msg(timeout=_QUIET_S)
            except Empty:
                break


def write_kernel_specs(jupyter_data_dir: Path) -> None:
    """Write the forked kernel specs (with and without the jail) into a private Jupyter data dir."""
    for name, jailed in ((KERNEL_NAME, False), (JAILED_KERNEL_NAME, True)):
        spec_dir = Path(jupyter_data_dir) / "kernels" / name
        spec_dir.mkdir(parents=True, exist_ok=True)
        spec = {
            # Never run: the provisioner forks the zygote instead.
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": f"Python 3 (course grading, forked{', sandbox' if jailed else ''})",
            "language": "python",
            "interrupt_mode": "message",
            "metadata": {"kernel_provisioner": {"provisioner_name": PROVISIONER, "config": {"jailed": jailed}}},
        }
        (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1))


def close_all() -> None:
    for owner in _zygotes.values():
        owner.close()
    _zygotes.clear()
