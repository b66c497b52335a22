"""A student whose grading fails part-way is never exported or reported with the partial grades nbgrader left; the
summary names them with the real error; a rerun completes them. Also: SQLite's worker cap, and no temporary
folder left behind."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest
import sqlalchemy.exc
from nbgrader.preprocessors import SaveAutoGrades
from synthetic_class import EXPECTED_SCORES, QUIZ, build_class, gradebook_dump

from course_lib.instructor.course.coursedir import CourseError
from course_lib.instructor.report import item_analysis as report
from course_lib.instructor.runner import grade_one
from course_lib.instructor.steps import autograde, export, feedback
from course_lib.instructor.testing import synthetic

pytestmark = pytest.mark.pipeline
DOOMED = "perfect"  # a student with full marks, so partial grades would be visibly wrong
COURSE = [sys.executable, "-m", "course_lib.cli"]


def _lock_after_first_grade(original):
    """SaveAutoGrades that, for DOOMED, hits a locked gradebook after saving the first item's grade."""

    def add_score(self, cell, resources):
        if self.student_id == DOOMED and cell.metadata.nbgrader.grade_id != "q1_test":
            raise sqlalchemy.exc.OperationalError("UPDATE grade", {}, sqlite3.OperationalError("database is locked"))
        original(self, cell, resources)

    return add_score


def _export(root: Path) -> dict[tuple[str, str], dict]:
    rows = csv.DictReader(io.StringIO(export.export_csv(root, quizzes=[QUIZ])))
    return {(r["student"], r["item"]): r for r in rows}


@pytest.fixture(scope="module")
def half_written(tmp_path_factory):
    """The synthetic class graded once while DOOMED's grading breaks after its first grade was written."""
    root = synthetic.write_fixture_course(tmp_path_factory.mktemp("course") / "course", timeout=3)
    build_class(root)
    temp = tmp_path_factory.mktemp("tmp")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SaveAutoGrades, "_add_score", _lock_after_first_grade(SaveAutoGrades._add_score))
        patch.setattr("tempfile.tempdir", str(temp))
        err = io.StringIO()
        result = autograde.autograde(root, QUIZ, workers=2, err=err)
    return root, result, err.getvalue(), temp


def test_a_notebook_s_grades_are_written_whole_or_not_at_all(half_written):
    """nbgrader alone commits each grade as it goes, so this failure used to leave DOOMED's first grade and not the
    others; the course saves a notebook's grades in one transaction, so none of them is written."""
    root, *_ = half_written
    dump = gradebook_dump(root)
    assert dump[(DOOMED, "q1_test")][0] is None
    assert dump[(DOOMED, "q2_test")][0] is None
    assert dump[("partial", "q1_test")][0] == 1 and dump[("partial", "q2_test")][0] == 0


def test_failed_student_is_named_with_the_real_error(half_written):
    """The summary names the student and the database error, not nbgrader's 'Traceback' line; exit status 1."""
    _, result, err, _ = half_written
    assert list(result.failed) == [DOOMED]
    assert "database is locked" in result.failed[DOOMED]
    assert "Traceback" not in result.failed[DOOMED]
    assert f"failed {DOOMED}: " in err and "database is locked" in err and "course autograde" in err
    assert result.exit_status == 1


def test_export_marks_the_student_failed_and_gives_no_partial_score(half_written):
    """DOOMED has one TOTAL row, status failed, no score; everyone else is graded with the expected scores."""
    root, *_ = half_written
    rows = _export(root)
    mine = [key for key in rows if key[0] == DOOMED]
    assert mine == [(DOOMED, "TOTAL")]
    assert rows[(DOOMED, "TOTAL")]["status"] == "failed" and rows[(DOOMED, "TOTAL")]["score"] == ""
    for student, expected in EXPECTED_SCORES.items():
        if expected is not None and student != DOOMED:
            assert rows[(student, "TOTAL")]["status"] == "complete"
            assert float(rows[(student, "TOTAL")]["score"]) == sum(expected), student


def test_report_leaves_the_student_out_and_says_why(half_written):
    """Item statistics count only the fully graded students; the page names DOOMED and the error."""
    root, *_ = half_written
    paths = report.write_report(root, QUIZ)
    rows = {r["item"]: r for r in csv.DictReader(paths["csv"].open())}
    others = [s for st, s in EXPECTED_SCORES.items() if s is not None and st != DOOMED]
    assert int(rows["q2_test"]["n"]) == len(others)
    assert float(rows["q2_test"]["mean"]) == pytest.approx(sum(s[1] for s in others) / len(others), abs=1e-4)
    page = paths["html"].read_text()
    assert DOOMED in page and "database is locked" in page


def test_no_temporary_folder_is_left(half_written):
    """The workers' private folders are gone once the run ends."""
    *_, temp = half_written
    assert list(temp.iterdir()) == []


def test_rerun_completes_the_failed_student_only(half_written):
    """A plain rerun grades DOOMED alone, completely; export then shows the full, exact scores."""
    root, first, *_ = half_written
    result = autograde.autograde(root, QUIZ, workers=2, err=io.StringIO())
    assert result.graded == [DOOMED] and not result.failed
    assert sorted(result.skipped) == sorted(first.graded)
    rows = _export(root)
    assert rows[(DOOMED, "TOTAL")]["status"] == "complete" and rows[(DOOMED, "TOTAL")]["score"] == "4"
    assert [gradebook_dump(root)[(DOOMED, item)][0] for item in ("q1_test", "q2_test", "q3_test")] == [1, 2, 1]


def test_sqlite_refuses_more_workers_than_it_can_take(tmp_path):
    """--workers 16 on SQLite exits 2 with one line naming the safe maximum and PostgreSQL; nothing is graded."""
    root = synthetic.write_fixture_course(tmp_path / "course")
    done = subprocess.run([*COURSE, "--course-dir", str(root), "autograde", QUIZ, "--workers", "16"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert f"at most {autograde.MAX_SQLITE_WORKERS}" in done.stderr and "PostgreSQL" in done.stderr
    assert "Traceback" not in done.stderr
    with pytest.raises(CourseError):
        autograde.check_workers(root, autograde.MAX_SQLITE_WORKERS + 1)
    autograde.check_workers(root, autograde.MAX_SQLITE_WORKERS)


def test_folder_left_by_a_killed_run_is_removed_by_the_next(tmp_path, monkeypatch):
    """A private folder whose run no longer exists is swept; one of a live run is kept."""
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    stale = tmp_path / f"{autograde.TEMP_PREFIX}-{gone.pid}-abc"
    live = tmp_path / f"{autograde.TEMP_PREFIX}-{os.getpid()}-def"
    for folder in (stale, live):
        (folder / "runtime").mkdir(parents=True)
    with autograde.private_run_dir() as mine:
        assert mine.is_dir()
    assert not stale.exists() and live.exists() and not mine.exists()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "terminate"])
def test_interruption_leaves_no_temporary_folder_and_no_worker(tmp_path, signum):
    """course autograde interrupted (Ctrl-C, or SIGTERM from a job scheduler) exits 130 at once, stops its workers
    and removes its temporary folders."""
    root = synthetic.write_fixture_course(tmp_path / "course", timeout=3)
    build_class(root)
    temp = Path(tempfile.mkdtemp(prefix="t"))  # short: the kernels' ipc socket paths live under it
    env = dict(os.environ, TMPDIR=str(temp), PYTHONWARNINGS="ignore")
    proc = subprocess.Popen([*COURSE, "--course-dir", str(root), "autograde", QUIZ, "--workers", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    state = root / "reports" / QUIZ / "autograde-state.json"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if state.exists() and any(v.get("status") == "graded" for v in json.loads(state.read_text()).values()):
            break
        time.sleep(0.2)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    workers = psutil.Process(proc.pid).children()
    os.killpg(proc.pid, signum) if signum == signal.SIGINT else proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "rerun the same command" in stderr
    assert not [w for w in workers if w.is_running() and w.status() != psutil.STATUS_ZOMBIE]
    assert list(temp.iterdir()) == []
    temp.rmdir()


def test_feedback_failure_for_one_student_is_named_and_the_others_go_on(half_written, monkeypatch):
    """nbgrader failing on one student's feedback: that student is named with the error, the rest get theirs."""
    from nbgrader.apps import NbGraderAPI

    root, first, *_ = half_written
    original = NbGraderAPI.generate_feedback

    def flaky(self, assignment_id, student_id=None, force=True):
        if student_id == "partial":
            return {"success": False, "log": "[ERROR] Traceback (most recent call last):\n  File x\n"
                                             "PermissionError: [Errno 13] Permission denied: 'feedback'"}
        return original(self, assignment_id, student_id, force)

    monkeypatch.setattr(NbGraderAPI, "generate_feedback", flaky)
    result = feedback.feedback(root, QUIZ, workers=2)
    assert result.failed == {"partial": "PermissionError: [Errno 13] Permission denied: 'feedback'"}
    assert result.exit_status == 1 and "failed partial: PermissionError" in result.summary()
    pages = {p.parent.parent.name for p in result.files if p.suffix == ".html"}
    assert pages == {p.parent.name for p in (root / "autograded").glob(f"*/{QUIZ}")} - {"partial"}
    assert len(pages) >= len(first.graded) - 1


def test_real_error_is_the_exception_raised_not_the_traceback_header():
    """From nbgrader's log (its real traceback, continuation lines indented, then its own generic error), the line of
    the exception that was raised, not one met on the way nor nbgrader's wrapper."""
    log = """[INFO] Autograding fixture_quiz
[ERROR] There was an error processing assignment: /course/reports/q/staged/s/q
[ERROR] Traceback (most recent call last):
      File ".../nbgrader/api.py", line 1422, in find_student
        .one()
    sqlalchemy.exc.NoResultFound: No row was found when one was required

    During handling of the above exception, another exception occurred:

    Traceback (most recent call last):
      File ".../sqlalchemy/engine/base.py", line 1967, in _exec_single_context
        self.dialect.do_execute(
    sqlite3.OperationalError: database is locked

    The above exception was the direct cause of the following exception:

    Traceback (most recent call last):
      File ".../nbgrader/api.py", line 1397, in add_student
        self.db.commit()
    sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) database is locked
    [SQL: INSERT INTO student (id) VALUES (?)]
    (Background on this error at: https://sqlalche.me/e/20/e3q8)
[ERROR] There was an error processing assignment 'q' for student 's'
"""
    error = ("Traceback (most recent call last):\n  File \".../nbgrader/apps/api.py\"\n"
             "nbgrader.converters.base.NbGraderException: Please see the error log for details.")
    assert grade_one.real_error({"log": log, "error": error}) == (
        "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) database is locked")
    assert grade_one.real_error({"log": "[ERROR] No notebooks found, did you forget to run generate_assignment?"}) == (
        "No notebooks found, did you forget to run generate_assignment?")
    assert grade_one.real_error({}) == "unknown error"
