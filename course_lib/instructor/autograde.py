"""``course autograde QUIZ``: preflight, then nbgrader's autograde for each student in parallel.

Each worker process holds one ``NbGraderAPI`` and grades one student per call; design.md measured
parallel processes sharing the SQLite gradebook as safe. A state file records which staged
submission (by content digest) each student was graded from, so a rerun after an interruption
grades exactly the students not yet finished and the gradebook ends the same as after one run.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import TextIO

from traitlets.config import Config

from . import sandbox
from .coursedir import CourseError, make_api, reports_dir, require_quiz
from .preflight import PreflightReport, preflight, staged_root

SANDBOX_MODES = ("auto", "require", "off")
_warned_no_sandbox = False


@dataclass
class AutogradeResult:
    """The outcome of one run."""

    quiz: str
    preflight: PreflightReport
    graded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    sandboxed: bool = False

    @property
    def exit_status(self) -> int:
        """0 all graded clean; 1 graded but something needs attention."""
        return 1 if self.failed or self.preflight.needs_attention else 0

    def summary(self) -> str:
        text = (f"autograde {self.quiz}: {len(self.graded)} graded, {len(self.skipped)} already graded (skipped), "
                f"{len(self.failed)} failed; sandbox {'on' if self.sandboxed else 'OFF'}")
        return text + "".join(f"\n  failed {s}: {why}" for s, why in sorted(self.failed.items()))


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _state_path(course_dir: Path, quiz: str) -> Path:
    return reports_dir(course_dir, quiz) / "autograde-state.json"


def _load_state(course_dir: Path, quiz: str) -> dict[str, str]:
    try:
        return json.loads(_state_path(course_dir, quiz).read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def _save_state(course_dir: Path, quiz: str, state: dict[str, str]) -> None:
    path = _state_path(course_dir, quiz)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=1, sort_keys=True))
    os.replace(tmp, path)  # atomic: an interruption leaves the old or the new state, never half


def grading_config(course_dir: Path, quiz: str, *, use_sandbox: bool, runtime_dir: Path) -> Config:
    """nbgrader settings for a run: staged input, quiet test cells, ipc kernels, the sandbox kernel."""
    from nbgrader.converters import Autograde

    from .preprocessors import StderrToStdout

    c = Config()
    c.CourseDirectory.submitted_directory = str(staged_root(course_dir, quiz).relative_to(course_dir))
    steps = list(Autograde.class_traits()["autograde_preprocessors"].default())
    steps.insert(1, StderrToStdout)  # right after Execute, before the grades are saved
    c.Autograde.autograde_preprocessors = steps
    # ipc sockets in a private folder: no TCP port, so the sandbox can unshare the network.
    c.KernelManager.transport = "ipc"
    c.KernelManager.ip = str(runtime_dir / "kernel")
    if use_sandbox:
        c.Execute.kernel_name = sandbox.KERNEL_NAME
    return c


# --- worker process ---------------------------------------------------------------------------
_api = None


def _init_worker(course_dir: str, quiz: str, use_sandbox: bool, memory_mb: int, log_path: str) -> None:
    global _api
    private = Path(tempfile.mkdtemp(prefix="course-grader-"))
    runtime = private / "runtime"
    runtime.mkdir()
    os.environ.update(TMPDIR=str(runtime), JUPYTER_RUNTIME_DIR=str(runtime), JUPYTER_PATH=str(private / "data"))
    os.environ[sandbox.ENV_ALLOWED_ROOT] = str(Path(course_dir) / "autograded")
    os.environ[sandbox.ENV_MEMORY] = str(memory_mb)
    tempfile.tempdir = None
    sandbox.write_kernel_spec(private / "data")
    # Kernels inherit this process's stderr; keep their chatter out of the progress bar.
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    root = Path(course_dir)
    _api = make_api(root, grading_config(root, quiz, use_sandbox=use_sandbox, runtime_dir=runtime))


def _grade_one(quiz: str, student: str) -> tuple[str, bool, str]:
    result = _api.autograde(quiz, student, force=True, create=True)
    if result["success"]:
        return student, True, ""
    lines = [ln for ln in (result.get("log", "") + result.get("error", "")).splitlines() if ln.strip()]
    errors = [ln for ln in lines if "[ERROR]" in ln]
    return student, False, (errors or lines or ["unknown error"])[0].replace("[ERROR] ", "")[:300]


# --- main process ----------------------------------------------------------------------------
def decide_sandbox(mode: str, err: TextIO) -> bool:
    """Whether to grade in the sandbox; warns once per process when grading without one."""
    global _warned_no_sandbox
    if mode not in SANDBOX_MODES:
        raise CourseError(f"unknown sandbox mode {mode!r}; use one of {', '.join(SANDBOX_MODES)}")
    if mode == "off":
        usable, reason = False, "turned off with --sandbox off"
    else:
        usable, reason = sandbox.sandbox_status()
        if not usable and mode == "require":
            raise CourseError(f"no grading sandbox: {reason}")
    if not usable and not _warned_no_sandbox:
        _warned_no_sandbox = True
        print(f"warning: grading WITHOUT a sandbox ({reason}): student code runs with your rights; "
              "see docs/instructor.md", file=err)
    return usable


def _bar(done: int, total: int, failed: int, err: TextIO) -> None:
    width = 30
    filled = width * done // total if total else width
    text = f"\rgrading [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
    err.write(text + (f" ({failed} failed)" if failed else ""))
    err.flush()


def autograde(course_dir: Path, quiz: str, *, workers: int = 2, students: list[str] | None = None,
              sandbox_mode: str = "auto", memory_mb: int = sandbox.DEFAULT_MEMORY_MB, force: bool = False,
              err: TextIO | None = None) -> AutogradeResult:
    """Preflight, then grade every gradeable submission with ``workers`` processes."""
    err = err or sys.stderr
    require_quiz(course_dir, quiz)
    if workers < 1:
        raise CourseError("--workers must be at least 1")
    report = preflight(course_dir, quiz, students)
    print(report.summary(), file=err)
    if not report.entries:
        raise CourseError(f"no submissions of {quiz!r} in {course_dir / 'submitted'}")
    use_sandbox = decide_sandbox(sandbox_mode, err)
    result = AutogradeResult(quiz, report, sandboxed=use_sandbox)

    state = {} if force else _load_state(course_dir, quiz)
    stage = staged_root(course_dir, quiz)
    digests = {s: _digest(stage / s / quiz) for s in report.to_grade}
    todo = []
    for student in report.to_grade:
        done_before = state.get(student) == digests[student]
        if done_before and (course_dir / "autograded" / student / quiz).is_dir():
            result.skipped.append(student)
        else:
            state.pop(student, None)
            todo.append(student)
    _save_state(course_dir, quiz, state)
    if not todo:
        print(result.summary(), file=err)
        return result

    log_path = reports_dir(course_dir, quiz) / "autograde-kernels.log"
    init = (str(course_dir), quiz, use_sandbox, memory_mb, str(log_path))
    _bar(0, len(todo), 0, err)
    with ProcessPoolExecutor(max_workers=min(workers, len(todo)), mp_context=get_context("fork"),
                             initializer=_init_worker, initargs=init) as pool:
        futures = [pool.submit(_grade_one, quiz, s) for s in todo]
        try:
            for n, future in enumerate(as_completed(futures), start=1):
                student, ok, message = future.result()
                if ok:
                    result.graded.append(student)
                    state[student] = digests[student]
                    _save_state(course_dir, quiz, state)
                else:
                    result.failed[student] = message
                _bar(n, len(todo), len(result.failed), err)
        except BrokenProcessPool as exc:
            pool.shutdown(wait=False, cancel_futures=True)
            raise CourseError(f"a grading worker died; details in {log_path}") from exc
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            err.write("\n")
            raise
    err.write("\n")
    result.graded.sort()
    print(result.summary(), file=err)
    return result
