"""Grading on a Dask cluster (a LocalCluster of two worker processes here) with the gradebook on a private PostgreSQL
server: exact scores with no shared folder, a worker killed mid-run, an interrupted run resumed, the sandbox demanded
by default, and the refusals that keep a cluster from grading into nowhere."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import dask
import postgres_server
import pytest
from distributed import Client, LocalCluster
from postgres_server import course_on
from synthetic_class import EXPECTED_SCORES, QUIZ, build_class, gradebook_dump

from course_lib.instructor.course.coursedir import CourseError
from course_lib.instructor.runner import grade_one, sandbox
from course_lib.instructor.steps import autograde, export, feedback
from course_lib.instructor.testing import synthetic

pytestmark = pytest.mark.pipeline
server = postgres_server.server  # the module's private PostgreSQL server (a fixture)
COURSE = [sys.executable, "-m", "course_lib.cli"]
GRADED = {s: e for s, e in EXPECTED_SCORES.items() if e is not None}
ITEMS = ("q1_test", "q2_test", "q3_test")


@pytest.fixture(scope="module")
def cluster(server):
    """Two single-threaded worker processes on loopback, the profiler off (it costs about 20 %)."""
    with dask.config.set({"distributed.worker.profile.enabled": False}), LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as local:
        yield local


def _class_on(server, root: Path) -> Path:
    course_on(root, server.url())
    build_class(root)
    return root


def _assert_exact(root: Path) -> None:
    dump = gradebook_dump(root)
    for student, expected in GRADED.items():
        assert tuple(dump[(student, item)][0] for item in ITEMS) == expected, student


def _graded_count(state: Path) -> int:
    try:
        return sum(v.get("status") == "graded" for v in json.loads(state.read_text()).values())
    except (FileNotFoundError, json.JSONDecodeError):
        return 0


def test_cluster_grades_exactly_without_a_shared_folder(server, cluster, tmp_path):
    """Every score exact; the graded notebooks come back into autograded/; feedback and export work from them."""
    root = _class_on(server, tmp_path / "course")
    result = autograde.autograde(root, QUIZ, scheduler=cluster.scheduler_address, sandbox_mode="auto",
                                 err=io.StringIO())
    assert sorted(result.graded) == sorted(GRADED) and not result.failed
    _assert_exact(root)
    for student in GRADED:
        assert (root / "autograded" / student / QUIZ / f"{QUIZ}.ipynb").is_file(), student
    assert feedback.feedback(root, QUIZ).exit_status == 0
    assert "failed" not in export.export_csv(root, quizzes=[QUIZ])


def test_worker_killed_mid_run_loses_and_doubles_nothing(server, cluster, tmp_path):
    """A worker process killed while grading: its student is graded again elsewhere; every score exact, one
    submission per student in the gradebook."""
    root = _class_on(server, tmp_path / "course")
    state = root / "reports" / QUIZ / "autograde-state.json"
    outcome = {}

    def run():
        outcome["result"] = autograde.autograde(root, QUIZ, scheduler=cluster.scheduler_address,
                                                sandbox_mode="auto", err=io.StringIO())

    grading = threading.Thread(target=run)
    grading.start()
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and _graded_count(state) < 1:
        time.sleep(0.1)
    with Client(cluster.scheduler_address) as client:
        pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    grading.join(timeout=600)
    result = outcome["result"]
    assert _graded_count(state) == len(GRADED)
    assert sorted(result.graded) == sorted(GRADED) and not result.failed
    _assert_exact(root)
    from nbgrader.api import Gradebook

    from course_lib.instructor.course.coursedir import db_url

    with Gradebook(db_url(root)) as gb:
        submitted = [s.student.id for s in gb.find_assignment(QUIZ).submissions]
    assert sorted(submitted) == sorted(GRADED)
    # The killed worker could not remove its temporary course; the next grading on the machine did.
    assert not (set(Path(tempfile.gettempdir()).glob(f"course-grade-{victim}-*")))


def test_interrupted_cluster_run_resumes(server, cluster, tmp_path):
    """course autograde --scheduler killed outright, then rerun: the finished students are skipped, the rest
    graded, and the gradebook is exact."""
    root = _class_on(server, tmp_path / "course")
    state = root / "reports" / QUIZ / "autograde-state.json"
    cmd = [*COURSE, "--course-dir", str(root), "autograde", QUIZ, "--scheduler", cluster.scheduler_address,
           "--sandbox", "auto"]
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                            start_new_session=True)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None and _graded_count(state) < 2:
        time.sleep(0.1)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = _graded_count(state)
    assert 2 <= done_before < len(GRADED)
    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert rerun.returncode == 1, rerun.stderr  # 1: the class has repaired and set-aside submissions
    assert f"{done_before} already graded (skipped)" in rerun.stderr and " 0 failed" in rerun.stderr
    _assert_exact(root)


def test_sandbox_is_required_by_default_on_a_cluster(server, cluster, tmp_path):
    """Without --sandbox, a cluster grades only in the sandbox: a worker without bubblewrap refuses the student,
    who is marked failed with the reason, never graded unsandboxed."""
    root = _class_on(server, tmp_path / "course")
    cmd = [*COURSE, "--course-dir", str(root), "autograde", QUIZ, "--scheduler", cluster.scheduler_address,
           "--student", "perfect"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    usable, _ = sandbox.sandbox_status()
    if usable:
        assert done.returncode == 0 and "sandbox on" in done.stderr
    else:
        assert done.returncode == 1
        assert "failed perfect: no grading sandbox on this machine" in done.stderr
        assert "perfect,fixture_quiz,TOTAL,,6,failed" in export.export_csv(root, quizzes=[QUIZ])


def test_cluster_refuses_a_sqlite_gradebook(cluster, tmp_path):
    """A SQLite file cannot be shared by machines: one clear line, nothing graded."""
    root = synthetic.write_fixture_course(tmp_path / "course")
    with pytest.raises(CourseError, match="PostgreSQL"):
        autograde.autograde(root, QUIZ, scheduler=cluster.scheduler_address, err=io.StringIO())


def test_unreachable_scheduler_is_one_clear_line(server, tmp_path):
    """No scheduler at the address: exit 2 and a sentence, not a traceback."""
    root = _class_on(server, tmp_path / "course")
    port = postgres_server.free_port()
    done = subprocess.run([*COURSE, "--course-dir", str(root), "autograde", QUIZ, "--scheduler",
                           f"tcp://127.0.0.1:{port}"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "cannot reach the Dask scheduler" in done.stderr and "Traceback" not in done.stderr


def test_grade_submission_refuses_paths_that_leave_their_folder():
    """Files from the network never land outside the folder they belong to."""
    with pytest.raises(CourseError):
        grade_one.write_files(Path("/nonexistent"), {"../escape.txt": b"x"})


def test_hostile_submissions_stay_in_the_sandbox_on_a_worker(server, cluster, tmp_path):
    """On a worker the quiz's source (with the hidden tests) and the course's config sit beside the student's folder,
    and the worker holds the gradebook's password: the sandboxed kernel reaches none of them, and is still graded."""
    usable, why = sandbox.sandbox_status()
    if not usable:
        pytest.skip(f"no usable sandbox here: {why}")
    root = course_on(tmp_path / "course", server.url())
    from course_lib.instructor.course import coursedir
    from course_lib.instructor.steps import release

    release.release(root, QUIZ)
    rel = coursedir.release_notebooks(root, QUIZ)[QUIZ]
    key = synthetic.answers_from_source(coursedir.source_notebooks(root, QUIZ)[QUIZ])
    attacks = {
        "reads_source": f"open('../../../source/{QUIZ}/{QUIZ}.ipynb').read()",
        "reads_config": "open('../../../nbgrader_config.py').read()",
        "reads_password": "import os\nprint(os.environ['PGPASSWORD'])",
    }
    for student, action in attacks.items():
        body = "\n".join("    " + line for line in action.splitlines())
        answer = (f"try:\n{body}\n    print('ESCAPED')\nexcept BaseException as exc:\n"
                  f"    print('BLOCKED', type(exc).__name__)\nq1 = 'B'")
        synthetic.submit(root, QUIZ, student, {QUIZ: synthetic.fill_answers(rel, {**key, "q1_answer": answer})})
    result = autograde.autograde(root, QUIZ, scheduler=cluster.scheduler_address, sandbox_mode="require",
                                 err=io.StringIO())
    assert sorted(result.graded) == sorted(attacks) and not result.failed and result.sandboxed
    import nbformat

    for student in attacks:
        nb = nbformat.read(root / "autograded" / student / QUIZ / f"{QUIZ}.ipynb", as_version=4)
        cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q1_answer")
        output = "".join(o.get("text", "") + o.get("evalue", "") for o in cell.outputs)
        assert "BLOCKED" in output and "ESCAPED" not in output, (student, output)
        assert gradebook_dump(root)[(student, "q1_test")][0] == 1
