"""Grading one student's submission: the nbgrader settings every grader uses, and ``grade_submission``, the public
function a machine of a Dask cluster runs (``course autograde QUIZ --scheduler ADDRESS``; docs/scaling.md).

``grade_submission`` needs no file system shared with the instructor's machine: it receives the course's
``nbgrader_config.py`` and the quiz's source files (``CourseFiles``, sent once per run) and the student's checked
files (``Submission``) as bytes, grades them in a private temporary course with nbgrader, which writes the grades
into the course's gradebook database (PostgreSQL, named in the config; the password comes from the worker's
``PGPASSWORD`` or ``~/.pgpass``), and returns the graded files and the student's scores (``Graded``). It removes its
temporary course before it returns. A grading that fails returns ``ok=False`` and the error's line; the caller marks
the student failed (``status``).
"""

from __future__ import annotations

import atexit
import multiprocessing.util
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from traitlets.config import Config

from course_lib.instructor.course import deadlines, tempdirs
from course_lib.instructor.course.coursedir import CONFIG_NAME, CourseError, db_url, make_api
from course_lib.instructor.course.gradebook_db import is_sqlite, keep_server_connections
from course_lib.instructor.runner import forked_kernels, sandbox
from course_lib.instructor.steps.preflight import staged_root

_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Timeout)\b(: .*)?$")
_WRAPPERS = ("nbgrader.converters.base.NbGraderException", "NbGraderException")


@dataclass(frozen=True)
class CourseFiles:
    """What every grading of a quiz shares: ``nbgrader_config.py`` and ``source/QUIZ/…``, by relative path."""

    quiz: str
    files: dict[str, bytes]

    @classmethod
    def read(cls, course_dir: Path, quiz: str) -> CourseFiles:
        source = course_dir / "source" / quiz
        files = {CONFIG_NAME: (course_dir / CONFIG_NAME).read_bytes()}
        files |= {p.relative_to(course_dir).as_posix(): p.read_bytes() for p in sorted(source.rglob("*"))
                  if p.is_file()}
        return cls(quiz, files)


@dataclass(frozen=True)
class Submission:
    """One student's checked (preflight-staged) files, by path relative to their quiz folder."""

    student: str
    files: dict[str, bytes]
    sandbox_mode: str = "require"  # require | auto | off, decided where the kernel runs
    memory_mb: int = sandbox.DEFAULT_MEMORY_MB
    kernels: str = "forked"  # forked from this worker's zygote, or fresh (autograde.KERNEL_STARTS)


@dataclass(frozen=True)
class Graded:
    student: str
    ok: bool
    error: str = ""
    files: dict[str, bytes] = field(default_factory=dict)  # autograded/STUDENT/QUIZ/…, relative to that folder
    scores: dict[str, float | None] = field(default_factory=dict)  # grade id -> score, as the gradebook holds it
    sandboxed: bool = False


def grading_config(course_dir: Path, quiz: str, *, use_sandbox: bool, runtime_dir: Path,
                   forked: bool = False) -> Config:
    """nbgrader settings for a run: staged input, quiet test cells, ipc kernels, the sandbox kernel; ``forked``
    kernels come from a zygote this process keeps (``forked_kernels``)."""
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import CheckCellMetadata, OverwriteCells, SaveAutoGrades

    from course_lib.instructor.runner.own_keys import OwnKeys
    from course_lib.instructor.runner.preprocessors import CheckCellMetadataOnce, SaveAutoGradesAtOnce, StderrToStdout

    c = Config()
    c.CourseDirectory.submitted_directory = str(staged_root(course_dir, quiz).relative_to(course_dir))
    ours = {SaveAutoGrades: SaveAutoGradesAtOnce, CheckCellMetadata: CheckCellMetadataOnce}
    steps = [ours.get(step, step) for step in Autograde.class_traits()["autograde_preprocessors"].default()]
    steps.insert(1, StderrToStdout)  # right after Execute, before the grades are saved
    c.Autograde.autograde_preprocessors = steps
    sanitize = [ours.get(step, step) for step in Autograde.class_traits()["sanitize_preprocessors"].default()]
    # Right after nbgrader put the source's cells back: each varying item gets this student's own key (own_keys).
    sanitize.insert(sanitize.index(OverwriteCells) + 1, OwnKeys)
    c.Autograde.sanitize_preprocessors = sanitize
    c.LateSubmissionPlugin.penalty_method = deadlines.load(course_dir).late_penalty
    # ipc sockets in a private folder: no TCP port, so the sandbox can unshare the network.
    c.KernelManager.transport = "ipc"
    c.KernelManager.ip = str(runtime_dir / "kernel")
    if forked:
        c.Execute.kernel_name = forked_kernels.JAILED_KERNEL_NAME if use_sandbox else forked_kernels.KERNEL_NAME
        # Every cell has run and its output is in: the fork is killed at once rather than asked to shut down.
        c.Execute.shutdown_kernel = "immediate"
        c.KernelManager.client_class = f"{forked_kernels.__name__}.PromptKernelClient"
    elif use_sandbox:
        c.Execute.kernel_name = sandbox.KERNEL_NAME
    return c


def private_environment(private: Path, course_dir: Path, memory_mb: int,
                        runtime: Path | None = None) -> dict[str, str]:
    """Environment variables for a grader whose kernels keep their files in ``private`` (their connection files in
    ``runtime``, by default ``private/runtime``) and may run only under the course's autograded/ folder; writes the
    kernel specs there."""
    runtime = runtime or private / "runtime"
    runtime.mkdir(exist_ok=True)
    sandbox.write_kernel_spec(private / "data")
    forked_kernels.write_kernel_specs(private / "data")
    return {"TMPDIR": str(runtime), "JUPYTER_RUNTIME_DIR": str(runtime), "JUPYTER_PATH": str(private / "data"),
            sandbox.ENV_ALLOWED_ROOT: str(course_dir / "autograded"), sandbox.ENV_MEMORY: str(memory_mb),
            sandbox.ENV_RUNTIME: str(runtime)}


def real_error(result: dict) -> str:
    """The line that says what went wrong, from nbgrader's result: the last exception of the traceback nbgrader
    logged (the one raised; nbgrader indents it by 4), else its first error line. nbgrader then raises a generic
    exception of its own, which says nothing and is skipped."""
    lines = [ln.replace("[ERROR] ", "").rstrip() for ln in (result.get("log", "") + "\n" +
                                                          result.get("error", "")).splitlines() if ln.strip()]
    exceptions = [ln.strip() for ln in lines if len(ln) - len(ln.lstrip()) <= 4
                  and _EXCEPTION_LINE.match(ln.strip()) and not ln.strip().startswith(_WRAPPERS)]
    errors = [ln for ln in lines if not ln.startswith(("Traceback", " "))]
    return (exceptions[-1:] or errors or ["unknown error"])[0][:300]


def _safe_relative(path: str) -> PurePosixPath:
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise CourseError(f"refusing a file path that leaves its folder: {path!r}")
    return relative


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    for name, content in files.items():
        target = folder / _safe_relative(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def read_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _scores(root: Path, quiz: str, student: str) -> dict[str, float | None]:
    from nbgrader.api import Gradebook

    with Gradebook(db_url(root)) as gb:
        submission = gb.find_submission(quiz, student)
        return {g.name: g.score for nb in submission.notebooks for g in nb.grades}


_runtime: Path | None = None
WORKER_PREFIX = "course-worker"


def _process_runtime() -> Path:
    """This process's private folder for forked kernels (its zygote's jail binds it), kept from task to task and
    removed when the process exits (or, after a kill, by the next process that makes one: ``tempdirs.sweep``)."""
    global _runtime
    if _runtime is None or not _runtime.is_dir():
        tempdirs.sweep(WORKER_PREFIX)
        folder = Path(tempfile.mkdtemp(prefix=f"{WORKER_PREFIX}-{os.getpid()}-"))
        _runtime = folder / "runtime"
        _runtime.mkdir()

        def remove():
            forked_kernels.close_all()
            shutil.rmtree(folder, ignore_errors=True)

        # A Dask worker process ends through multiprocessing, which runs its finalizers and not atexit's.
        multiprocessing.util.Finalize(None, remove, exitpriority=10)
        atexit.register(remove)
    return _runtime


def grade_submission(course: CourseFiles, submission: Submission) -> Graded:
    """Grade one student's submission in a private temporary course; see the module's docstring."""
    student = submission.student
    if submission.sandbox_mode == "off":
        use_sandbox = False
    else:
        use_sandbox, reason = sandbox.sandbox_status()
        if not use_sandbox and submission.sandbox_mode == "require":
            return Graded(student, False, f"no grading sandbox on this machine: {reason}")
    saved, saved_tempdir = dict(os.environ), tempfile.tempdir
    with tempdirs.private_dir("course-grade") as private:
        try:
            return _grade_in(private, course, submission, use_sandbox)
        finally:
            os.environ.clear()
            os.environ.update(saved)
            tempfile.tempdir = saved_tempdir


def _grade_in(private: Path, course: CourseFiles, submission: Submission, use_sandbox: bool) -> Graded:
    """Build the temporary course in ``private`` and grade there (the caller restores the environment)."""
    quiz, student = course.quiz, submission.student
    forked = submission.kernels == "forked"
    root = private / "course"
    write_files(root, course.files)
    write_files(staged_root(root, quiz) / _safe_relative(student) / quiz, submission.files)
    # A forked kernel's zygote outlives the task: its runtime folder is this process's, not this task's.
    runtime = _process_runtime() if forked else private / "runtime"
    os.environ.update(private_environment(private, root, submission.memory_mb, runtime))
    tempfile.tempdir = None  # jupyter_client writes connection files with tempfile: into the private folder
    if is_sqlite(db_url(root)):
        return Graded(student, False, "the course's gradebook is a SQLite file, which a cluster cannot share")
    keep_server_connections(db_url(root))
    api = make_api(root, grading_config(root, quiz, use_sandbox=use_sandbox, runtime_dir=runtime, forked=forked))
    result = api.autograde(quiz, student, force=True, create=True)
    if not result["success"]:
        return Graded(student, False, real_error(result), sandboxed=use_sandbox)
    graded = read_files(root / "autograded" / student / quiz)
    return Graded(student, True, files=graded, scores=_scores(root, quiz, student), sandboxed=use_sandbox)
