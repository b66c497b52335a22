"""A kernel zygote: one process that has already imported IPython, ipykernel and the quizzes' helpers, and forks a
fresh kernel for each student (``forked_kernels`` starts it and speaks to it).

It reads one JSON request per line on stdin and answers one JSON line on stdout; it never runs student code. A
forked child closes both pipes, starts its own session and becomes a kernel for one connection file. When the child
has ended, the zygote puts things back as a fresh jail would have them before it forks again: inside the grading jail
(``--jailed``: started by bubblewrap with every namespace unshared, so this jail's /proc holds nothing but the jail)
it kills every process but bubblewrap's init and itself, and empties /tmp, /dev/shm and the working folder; without
the jail it kills the child's session only. The zygote and its children are not dumpable, so a kernel cannot trace
or read the memory of the zygote or of a later kernel. If the jail cannot be emptied, the zygote exits and the
grader starts a new jail.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import resource
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

# What a quiz kernel imports anyway: paid once per jail, not once per student.
# What a quiz kernel imports anyway (measured: the modules a kernel's start and a quiz's cells load), paid once per
# jail, not once per student. Importing them starts no thread, so forking stays safe (checked at start).
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.debugger",
           "IPython.core.interactiveshell", "IPython.core.completerlib", "IPython.extensions.storemagic",
           "tornado.platform.asyncio", "tornado.queues", "pdb", "pydoc",
           "course_lib.grading", "course_lib.grading.answer_lines", "course_lib.grading.quiz",
           "course_lib.progress.selfcheck_button")
_PR_SET_DUMPABLE = 4
_EMPTIED = ("/tmp", "/dev/shm")


class JailNotEmpty(RuntimeError):
    """A process of the last kernel would not die: the jail must be replaced."""


def _not_dumpable() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE) failed")


def _others() -> list[int]:
    me = os.getpid()
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, me)]


def _kill(pid: int, signum: int, group: bool = False) -> None:
    with contextlib.suppress(ProcessLookupError):
        (os.killpg if group else os.kill)(pid, signum)


def _reap() -> None:
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass


def _mount_points() -> set[Path]:
    """Where the jail has something mounted (the bound system, Python, course and runtime folders)."""
    points = set()
    with open("/proc/self/mountinfo", encoding="utf-8") as table:
        for line in table:
            point = line.split()[4]
            points.add(Path(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), point)))
    return points


def _empty(folder: Path, mounts: set[Path]) -> None:
    """Remove everything in ``folder`` but the mount points and the folders that lead to them."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry in mounts:
            continue
        if entry.is_dir() and not entry.is_symlink() and any(entry in m.parents for m in mounts):
            _empty(entry, mounts)
        elif entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    left = [e for e in folder.iterdir() if e not in mounts and not any(e in m.parents for m in mounts)]
    if left:
        raise JailNotEmpty(f"{left[0]} could not be removed")


class Zygote:
    def __init__(self, work: Path, jailed: bool):
        self.work, self.jailed = work, jailed
        self.child: int | None = None

    def fork(self, connection_file: str, cwd: str) -> dict:
        if self.child is not None:
            raise RuntimeError("a kernel is still running")
        if self.jailed and Path(cwd) != self.work:
            raise RuntimeError(f"refusing a working folder other than {self.work}")
        pid = os.fork()
        if pid == 0:
            _become_kernel(connection_file, cwd)  # never returns
        self.child = pid
        return {"pid": pid}

    def poll(self, pid: int, block: bool = False) -> dict:
        if pid != self.child:
            return {"exit": 0}  # already reaped
        done, status = os.waitpid(pid, 0 if block else os.WNOHANG)
        if not done:
            return {"exit": None}
        self.child = None
        self._reset(pid)
        return {"exit": os.waitstatus_to_exitcode(status)}

    def signal(self, pid: int, signum: int) -> dict:
        if pid != self.child:
            return {"exit": 0}
        _kill(pid, signum, group=True)
        return self.poll(pid, block=True) if signum == signal.SIGKILL else {"exit": None}

    def _reset(self, pid: int) -> None:
        """Leave nothing of the last kernel behind: no process, no file."""
        if not self.jailed:
            _kill(pid, signal.SIGKILL, group=True)
            return
        for _ in range(200):
            others = _others()
            if not others:
                break
            for other in others:
                _kill(other, signal.SIGKILL)
            _reap()
            time.sleep(0.001)
        else:
            raise JailNotEmpty("processes of the last kernel would not die")
        mounts = _mount_points()
        for folder in (*map(Path, _EMPTIED), self.work):
            _empty(folder, mounts)


def _become_kernel(connection_file: str, cwd: str) -> None:
    """In the forked child: drop the zygote's pipes, then run an IPython kernel as ipykernel_launcher would."""
    code = 1
    try:
        os.setsid()
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(2, 1)
        os.close(devnull)
        os.chdir(cwd)  # signal dispositions stay as a fresh kernel inherits them: the zygote installs no handler
        sys.argv = [sys.argv[0], "-f", connection_file]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        # No input history: nobody reads it, and it would keep a SQLite file and a thread per kernel.
        # The zygote as the kernel's parent, as jupyter_client's launcher would say through JPY_PARENT_PID (read when
        # ipykernel was imported, so before the fork): the kernel ends if the zygote does.
        app.initialize(["-f", connection_file, "--HistoryManager.enabled=False",
                        f"--IPKernelApp.parent_handle={os.getppid()}"])
        app.start()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # the kernel's own error: it is in the grader's log, and the child must not return
        import traceback

        traceback.print_exc()
    finally:
        os._exit(code)


def main(argv: list[str]) -> int:
    work = Path(argv[argv.index("--work") + 1])
    zygote = Zygote(work, jailed="--jailed" in argv)
    if zygote.jailed:  # the cap a fresh sandboxed kernel gets, inherited by every fork
        memory = int(argv[argv.index("--memory-mb") + 1]) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    os.chdir(work)
    # The debugger's modules are preloaded too; its warning about frozen modules is for people attaching a debugger.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    import importlib

    for module in PRELOAD:
        importlib.import_module(module)
    if threading.active_count() != 1:
        sys.exit(f"kernel zygote: a preloaded module started a thread ({threading.enumerate()}); cannot fork safely")
    _not_dumpable()
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    replies.write(b'{"ready": true}\n')
    replies.flush()
    for line in requests:
        request = json.loads(line)
        op = request.pop("op")
        try:
            reply = getattr(zygote, op)(**request) if op in ("fork", "poll", "signal") else {"error": f"no {op}"}
        except JailNotEmpty as exc:
            replies.write(json.dumps({"error": str(exc), "fatal": True}).encode() + b"\n")
            replies.flush()
            return 3
        except Exception as exc:  # a bad request: say so and go on serving
            reply = {"error": f"{exc.__class__.__name__}: {exc}"}
        replies.write(json.dumps(reply).encode() + b"\n")
        replies.flush()
    if zygote.child is not None:  # the grader has gone: take the kernel along
        zygote.signal(zygote.child, signal.SIGKILL)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
