"""A bubblewrap jail for student code at grading time.

nbgrader runs each submission in a Jupyter kernel with the grader's rights. Here the kernel is
started through a kernel spec whose command is this module: it checks that the kernel's working
directory is a student's autograded folder, then execs ``bwrap`` so the kernel sees only the system,
the Python installation, course_lib, that one folder and its own connection files. The course's
source notebooks, the answer key, the gradebook and other students' folders are simply not in its
file system. Network, PIDs and IPC are unshared (the kernel talks to the grader over ipc sockets
in the bound runtime folder), memory is capped with RLIMIT_AS, and time with nbgrader's per-cell
timeout.
"""

from __future__ import annotations

import functools
import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import course_lib

KERNEL_NAME = "course-sandbox"
DEFAULT_MEMORY_MB = 2048
# Environment the kernel may see; everything else (tokens, paths to the course) is dropped.
_PASSED_ENV = ("PATH", "LANG", "LC_ALL", "TERM", "NBGRADER_EXECUTION", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
               "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")
_ETC = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "passwd", "group", "nsswitch.conf", "fonts",
        "matplotlibrc", "mime.types")
ENV_ALLOWED_ROOT = "COURSE_SANDBOX_ROOT"
ENV_MEMORY = "COURSE_SANDBOX_MEMORY_MB"
# The grader's private folder of kernel connection files, bound writable into the jail: a connection file anywhere
# else (say straight in /tmp, beside the course) is refused rather than exposing its folder.
ENV_RUNTIME = "COURSE_SANDBOX_RUNTIME"


def _python_dirs() -> list[str]:
    """Folders the kernel needs read-only: the interpreter's install, the venv, course_lib itself."""
    course_lib_dir = str(Path(course_lib.__file__).resolve().parent)
    dirs = {sys.base_prefix, sys.prefix, course_lib_dir}
    return sorted(d for d in dirs if Path(d).is_dir())


def bwrap_command(workdir: Path, runtime_dir: Path, kernel_args: list[str],
                  program: tuple[str, ...] = ("-m", "ipykernel_launcher")) -> list[str]:
    """The bwrap command line that runs ``python -m ipykernel_launcher kernel_args`` (or another ``program`` of the
    course's Python) inside the jail."""
    # No capabilities, not even in the jail's own user namespace: a kernel forked from a zygote shares the jail with
    # it, and CAP_SYS_PTRACE there would let it rewrite the zygote, and so the next student's kernel.
    cmd = ["bwrap", "--unshare-all", "--die-with-parent", "--clearenv", "--cap-drop", "ALL"]
    for top in ("usr", "bin", "lib", "lib64", "sbin"):
        cmd += ["--ro-bind-try", f"/{top}", f"/{top}"]
    for name in _ETC:
        cmd += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    # The private /tmp comes before the binds: bwrap mounts in order, and the course (its venv, course_lib, the
    # student's folder) may itself live under /tmp, which a later tmpfs would hide.
    cmd += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for folder in _python_dirs():
        cmd += ["--ro-bind", folder, folder]
    cmd += ["--bind", str(runtime_dir), str(runtime_dir), "--bind", str(workdir), str(workdir)]
    cmd += ["--chdir", str(workdir)]
    env = {name: os.environ[name] for name in _PASSED_ENV if name in os.environ}
    env |= {"HOME": "/tmp", "MPLCONFIGDIR": "/tmp/matplotlib", "IPYTHONDIR": "/tmp/ipython",
            "PYTHONDONTWRITEBYTECODE": "1"}
    for name, value in sorted(env.items()):
        cmd += ["--setenv", name, value]
    return [*cmd, sys.executable, *program, *kernel_args]


@functools.cache
def sandbox_status() -> tuple[bool, str]:
    """(usable, reason): bwrap exists and can start a process with every namespace unshared."""
    if shutil.which("bwrap") is None:
        return False, "bubblewrap (bwrap) is not installed"
    probe = ["bwrap", "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc",
             "--dev", "/dev", sys.executable, "-c", "print('ok')"]
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"bwrap self-test failed: {exc}"
    if done.returncode != 0 or done.stdout.strip() != "ok":
        return False, f"bwrap self-test failed: {done.stderr.strip().splitlines()[-1:] or done.returncode}"
    return True, "bwrap"


def write_kernel_spec(jupyter_data_dir: Path) -> Path:
    """Write the sandbox kernel spec into a private Jupyter data dir (put it on JUPYTER_PATH)."""
    spec_dir = Path(jupyter_data_dir) / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [sys.executable, "-m", "course_lib.instructor.runner.sandbox", "-f", "{connection_file}"],
        "display_name": "Python 3 (course grading sandbox)",
        "language": "python",
        "interrupt_mode": "message",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1))
    return spec_dir


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return path != root


def cap_memory() -> None:
    """Cap this process's address space (and so its children's) at the sandbox's memory limit."""
    memory = int(os.environ.get(ENV_MEMORY, DEFAULT_MEMORY_MB)) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def launch(kernel_args: list[str]) -> None:
    """Kernel-spec entry point: exec the kernel inside bwrap, or refuse to start it."""
    workdir = Path.cwd().resolve()
    allowed = os.environ.get(ENV_ALLOWED_ROOT)
    if not allowed or not _inside(workdir, Path(allowed).resolve()):
        sys.exit(f"course sandbox: refusing to start a kernel in {workdir} (not under {allowed})")
    connection_file = Path(kernel_args[kernel_args.index("-f") + 1]).resolve()
    runtime = os.environ.get(ENV_RUNTIME)
    if not runtime or connection_file.parent != Path(runtime).resolve():
        sys.exit(f"course sandbox: refusing a connection file outside the private runtime folder: {connection_file}")
    cap_memory()
    cmd = bwrap_command(workdir, connection_file.parent, kernel_args)
    os.execvp(cmd[0], cmd)


if __name__ == "__main__":
    launch(sys.argv[1:])
