"""``course autograde QUIZ``: preflight, then nbgrader's autograde for each student in parallel.

Each worker process holds one ``NbGraderAPI`` and grades one student per call. The state file
(``status``) marks every student about to be graded as not finished and records, once nbgrader
reports success, which staged submission (by content digest) they were graded from: a student whose
grading failed or was cut off is never exported or reported with the partial grades nbgrader left,
and a rerun grades exactly the students not yet finished, so the gradebook ends as after one run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import TextIO

from nbgrader.api import Gradebook, MissingEntry

from course_lib.instructor.course import deadlines, tempdirs
from course_lib.instructor.course.coursedir import (
    CourseError,
    db_url,
    make_api,
    reports_dir,
    require_quiz,
    source_notebooks,
)
from course_lib.instructor.course.gradebook_db import is_sqlite, keep_server_connections
from course_lib.instructor.lms import record as lms_record
from course_lib.instructor.runner import forked_kernels, sandbox
from course_lib.instructor.runner.cluster import grade_on_cluster
from course_lib.instructor.runner.grade_one import grading_config, private_environment, real_error
from course_lib.instructor.steps import status, variant_flags
from course_lib.instructor.steps.export import natural_key
from course_lib.instructor.steps.preflight import PreflightReport, preflight, staged_root

SANDBOX_MODES = ("auto", "require", "off")
KERNEL_STARTS = ("forked", "fresh")  # forked from a zygote per worker (forked_kernels), or a new process per student
# Measured (docs/instructor.md): up to 8 workers share a SQLite gradebook without a lock timeout; at 16, nbgrader's
# 5 s wait for the lock runs out and a student's grading fails part-way.
MAX_SQLITE_WORKERS = 8
SAVE_EVERY_S = 0.5
TEMP_PREFIX = "course-grader"
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
    late: dict[str, int] = field(default_factory=dict)  # student -> minutes late, as nbgrader recorded it
    late_marked: dict[str, str] = field(default_factory=dict)  # student -> the LMS that marked them late (no time)
    reopened: list[str] = field(default_factory=list)  # "student: item" whose manual grade the regrade reopened
    variant_flags: dict[str, list[str]] = field(default_factory=dict)  # student -> why their version needs a look

    @property
    def exit_status(self) -> int:
        """0 all graded clean; 1 graded but something needs attention."""
        return 1 if self.failed or self.reopened or self.variant_flags or self.preflight.needs_attention else 0

    def summary(self) -> str:
        text = (f"autograde {self.quiz}: {len(self.graded)} graded, {len(self.skipped)} already graded (skipped), "
                f"{len(self.failed)} failed; sandbox {'on' if self.sandboxed else 'OFF'}")
        text += "".join(f"\n  failed {s}: {why}" for s, why in sorted(self.failed.items()))
        if self.failed:
            text += (f"\n  their scores are left out of course export and course report until a rerun grades them: "
                     f"course autograde {self.quiz}")
        if self.late:
            text += f"\n  late: {len(self.late)} submission(s): " + ", ".join(
                f"{s} ({m} min)" for s, m in sorted(self.late.items(), key=lambda kv: natural_key(kv[0])))
        if self.late_marked:
            text += f"\n  marked late by the LMS (no time given): {len(self.late_marked)} submission(s): " + ", ".join(
                f"{s} ({lms})" for s, lms in sorted(self.late_marked.items(), key=lambda kv: natural_key(kv[0])))
        if self.variant_flags:
            text += (f"\n  variants: {len(self.variant_flags)} submission(s) to look at (graded on the version of the "
                     "ID graded under; see docs/instructor.md, \"Per-student variants\"):")
            text += "".join(f"\n    {s}: {'; '.join(found)}" for s, found in
                            sorted(self.variant_flags.items(), key=lambda kv: natural_key(kv[0])))
        if self.reopened:
            text += (f"\n  warning: the regrade reopened {len(self.reopened)} manual grade(s): "
                     f"{', '.join(self.reopened)}; grade them again in the formgrader (course export leaves their "
                     "TOTAL empty until then)")
        return text


def _manual_grades(course_dir: Path, quiz: str, students: list[str]) -> dict[tuple[str, str], bool]:
    """(student, item) -> whether it awaits manual grading, for every item that has a manual score."""
    found = {}
    with Gradebook(db_url(course_dir)) as gb:
        for student in students:
            try:
                submission = gb.find_submission(quiz, student)
            except MissingEntry:
                continue
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.manual_score is not None:
                        found[(student, grade.name)] = bool(grade.needs_manual_grade)
    return found


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


# --- worker process ---------------------------------------------------------------------------
_api = None


def _init_worker(course_dir: str, quiz: str, use_sandbox: bool, memory_mb: int, log_path: str,
                 run_dir: str, forked: bool) -> None:
    global _api
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the coordinator's to handle: it stops the workers
    private = Path(tempfile.mkdtemp(prefix="worker-", dir=run_dir))
    os.environ.update(private_environment(private, Path(course_dir), memory_mb))
    tempfile.tempdir = None
    # Kernels inherit this process's stderr; keep their chatter out of the progress bar.
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    root = Path(course_dir)
    keep_server_connections(db_url(root))
    _api = make_api(root, grading_config(root, quiz, use_sandbox=use_sandbox, runtime_dir=private / "runtime",
                                         forked=forked))
    if forked:
        forked_kernels.zygote(use_sandbox)  # its imports now, while the pool starts


def _grade_one(quiz: str, student: str) -> tuple[str, bool, str]:
    result = _api.autograde(quiz, student, force=True, create=True)
    return student, bool(result["success"]), "" if result["success"] else real_error(result)


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


def check_workers(course_dir: Path, workers: int) -> None:
    """Refuse a worker count the gradebook cannot take safely."""
    if workers < 1:
        raise CourseError("--workers must be at least 1")
    if is_sqlite(db_url(course_dir)) and workers > MAX_SQLITE_WORKERS:
        raise CourseError(f"--workers {workers} is more than a SQLite gradebook can take safely (at most "
                          f"{MAX_SQLITE_WORKERS}); use --workers {MAX_SQLITE_WORKERS}, or a PostgreSQL gradebook "
                          "for more (see docs/scaling.md)")


def check_cluster(course_dir: Path, sandbox_mode: str) -> None:
    """A cluster's workers share nothing but the gradebook's database: it must be a server, not a SQLite file."""
    if sandbox_mode not in SANDBOX_MODES:
        raise CourseError(f"unknown sandbox mode {sandbox_mode!r}; use one of {', '.join(SANDBOX_MODES)}")
    if is_sqlite(db_url(course_dir)):
        raise CourseError("grading on a cluster needs a PostgreSQL gradebook that every worker can reach (a SQLite "
                          "file lives on this machine only); see docs/scaling.md")


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now, their current students unfinished (so marked, and graded by the next run): the executor
    has no public way to end a running task."""
    processes = list((pool._processes or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()


@contextlib.contextmanager
def _terminate_as_interrupt():
    """SIGTERM (a scheduler ending the job, a closed session) is handled like Ctrl-C: the run cleans up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def private_run_dir():
    """The run's folder for its workers' kernel files (``tempdirs``: removed at the end, also after Ctrl-C or SIGTERM;
    one left by a run killed outright is removed by the next)."""
    return tempdirs.private_dir(TEMP_PREFIX)


def autograde(course_dir: Path, quiz: str, *, workers: int = 2, students: list[str] | None = None,
              sandbox_mode: str = "auto", memory_mb: int = sandbox.DEFAULT_MEMORY_MB, force: bool = False,
              scheduler: str | None = None, kernels: str = "forked", err: TextIO | None = None) -> AutogradeResult:
    """Preflight, then grade every gradeable submission with ``workers`` processes here, or with one task per
    student on the Dask cluster whose scheduler is at ``scheduler``."""
    err = err or sys.stderr
    require_quiz(course_dir, quiz)
    if kernels not in KERNEL_STARTS:
        raise CourseError(f"unknown kernel start {kernels!r}; use one of {', '.join(KERNEL_STARTS)}")
    # Both checks open the gradebook first: a server that cannot be reached stops the run here.
    if scheduler:
        check_cluster(course_dir, sandbox_mode)
    else:
        check_workers(course_dir, workers)
    set_deadline = deadlines.apply(course_dir, quiz)
    if set_deadline:
        print(f"deadlines: {set_deadline}", file=err)
    report = preflight(course_dir, quiz, students)
    print(report.summary(), file=err)
    if not report.entries:
        raise CourseError(f"no submissions of {quiz!r} in {course_dir / 'submitted'}")
    if scheduler:  # each worker decides, where the kernels run; "require" makes one without bubblewrap fail
        use_sandbox = sandbox_mode == "require"
        if sandbox_mode != "require":
            print(f"warning: --sandbox {sandbox_mode} on a cluster: a worker without a working bubblewrap runs "
                  "student code with its own rights; see docs/scaling.md", file=err)
    else:
        use_sandbox = decide_sandbox(sandbox_mode, err)
    result = AutogradeResult(quiz, report, sandboxed=use_sandbox)
    result.late_marked = {s: lms for s, lms in lms_record.late_marked(course_dir, quiz).items() if s in report.to_grade}

    statuses = status.load(course_dir, quiz)
    stage = staged_root(course_dir, quiz)
    result.variant_flags = _variant_flags(course_dir, quiz, report.to_grade)
    digests = {s: _digest(stage / s / quiz) for s in report.to_grade}
    todo = []
    for student in report.to_grade:
        before = statuses.get(student)
        done_before = not force and before is not None and before.graded and before.digest == digests[student]
        if done_before and (course_dir / "autograded" / student / quiz).is_dir():
            result.skipped.append(student)
        else:
            # Until nbgrader says it finished, whatever this student has in the gradebook is not to be used.
            statuses[student] = status.StudentStatus(status.FAILED, error=status.NOT_FINISHED)
            todo.append(student)
    status.save(course_dir, quiz, statuses)
    if not todo:
        result.late = deadlines.minutes_late(course_dir, quiz, report.to_grade)
        print(result.summary(), file=err)
        return result
    settled = [key for key, pending in _manual_grades(course_dir, quiz, todo).items() if not pending]

    if scheduler:
        outcomes = (
            (g.student, g.ok, g.error)
            for g in grade_on_cluster(course_dir, quiz, todo, scheduler, sandbox_mode=sandbox_mode,
                                      memory_mb=memory_mb, kernels=kernels))
    else:
        outcomes = _grade_locally(course_dir, quiz, todo, workers=workers, use_sandbox=use_sandbox,
                                  memory_mb=memory_mb, forked=kernels == "forked")
    _bar(0, len(todo), 0, err)
    try:
        with _terminate_as_interrupt(), contextlib.closing(outcomes):
            saved = time.monotonic()
            for n, (student, ok, message) in enumerate(outcomes, start=1):
                if ok:
                    result.graded.append(student)
                    statuses[student] = status.StudentStatus(status.GRADED, digest=digests[student])
                else:
                    result.failed[student] = message
                    statuses[student] = status.StudentStatus(status.FAILED, error=message)
                # At most twice a second (the file names the whole class): one graded since the last save stays
                # "not finished" if the run is killed, and is graded again by the next run.
                if time.monotonic() - saved >= SAVE_EVERY_S:
                    status.save(course_dir, quiz, statuses)
                    saved = time.monotonic()
                _bar(n, len(todo), len(result.failed), err)
    finally:
        status.save(course_dir, quiz, statuses)
        err.write("\n")
    result.graded.sort()
    result.late = deadlines.minutes_late(course_dir, quiz, report.to_grade)
    now = _manual_grades(course_dir, quiz, todo)
    result.reopened = [f"{student}: {item}" for student, item in settled if now.get((student, item), True)]
    print(result.summary(), file=err)
    return result


def _variant_flags(course_dir: Path, quiz: str, students: list[str]) -> dict[str, list[str]]:
    """Each student's variant flags (``variant_flags``), saved for export and report; {} for a quiz without variants."""
    from course_lib.instructor.quizzes.variant_keys import hidden_specs, item_variant

    specs = {item: spec for nb in source_notebooks(course_dir, quiz).values()
             for item, spec in hidden_specs(nb).items()}
    if not specs:
        return {}
    found = {}
    for student in students:
        own = {item: item_variant(spec, student) for item, spec in specs.items()}
        found[student] = [flag for path in sorted((staged_root(course_dir, quiz) / student / quiz).glob("*.ipynb"))
                          for flag in variant_flags.flags(json.loads(path.read_text(encoding="utf-8")), student, own)]
    variant_flags.save(course_dir, quiz, found)
    return {student: flagged for student, flagged in found.items() if flagged}


def _grade_locally(course_dir: Path, quiz: str, todo: list[str], *, workers: int, use_sandbox: bool,
                   memory_mb: int, forked: bool) -> Iterator[tuple[str, bool, str]]:
    """Grade ``todo`` with a pool of worker processes on this machine; yields (student, ok, error line)."""
    log_path = reports_dir(course_dir, quiz) / "autograde-kernels.log"
    with private_run_dir() as run_dir, ProcessPoolExecutor(
            max_workers=min(workers, len(todo)), mp_context=get_context("fork"), initializer=_init_worker,
            initargs=(str(course_dir), quiz, use_sandbox, memory_mb, str(log_path), str(run_dir), forked)) as pool:
        futures = [pool.submit(_grade_one, quiz, s) for s in todo]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BrokenProcessPool as exc:
            pool.shutdown(wait=False, cancel_futures=True)
            raise CourseError(f"a grading worker died; details in {log_path}") from exc
        except BaseException:  # Ctrl-C, SIGTERM, or the caller stopped early
            _stop(pool)
            raise
