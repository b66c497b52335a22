"""PostgreSQL as the gradebook: a real private server (tests/postgres_server.py) under the whole pipeline, release,
autograde at 2 and 16 workers, manual grading, feedback, export and report, every score exact; and one clear line
for a server that cannot be reached, a refused password or a password written into the course's config."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import postgres_server
import pytest
from nbgrader.api import Gradebook
from postgres_server import course_on
from sqlalchemy import create_engine, inspect
from synthetic_class import EXPECTED_SCORES, QUIZ, build_class, gradebook_dump

from course_lib.instructor.course import coursedir, gradebook_db
from course_lib.instructor.course.coursedir import CourseError
from course_lib.instructor.report import item_analysis as report
from course_lib.instructor.steps import autograde, export, feedback

pytestmark = pytest.mark.pipeline
server = postgres_server.server  # the module's private PostgreSQL server (a fixture)
COURSE = [sys.executable, "-m", "course_lib.cli"]
GRADED = {s: e for s, e in EXPECTED_SCORES.items() if e is not None}


def _export(root) -> dict[tuple[str, str], dict]:
    return {(r["student"], r["item"]): r for r in csv.DictReader(io.StringIO(export.export_csv(root, quizzes=[QUIZ])))}


@pytest.fixture(scope="module")
def course(server, tmp_path_factory):
    """The synthetic class released and graded with 2 workers, its gradebook in PostgreSQL."""
    root = course_on(tmp_path_factory.mktemp("pg") / "course", server.url())
    build_class(root)
    result = autograde.autograde(root, QUIZ, workers=2, err=io.StringIO())
    return root, result


def test_the_gradebook_lives_in_postgresql(server, course):
    """nbgrader's tables are in the server, and no SQLite file appeared in the course."""
    root, _ = course
    engine = create_engine(server.url(password=True))
    try:
        assert {"assignment", "grade", "submitted_assignment"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert not (root / "gradebook.db").exists()


def test_two_workers_grade_every_item_exactly(course):
    """Each student's item scores are the expected ones; nobody failed."""
    root, result = course
    assert sorted(result.graded) == sorted(GRADED) and not result.failed
    dump = gradebook_dump(root)
    for student, expected in GRADED.items():
        assert tuple(dump[(student, item)][0] for item in ("q1_test", "q2_test", "q3_test")) == expected, student


def test_sixteen_workers_regrade_to_the_same_gradebook(course):
    """More workers than SQLite can take: PostgreSQL accepts them and the regraded gradebook is identical."""
    root, _ = course
    before = gradebook_dump(root)
    result = autograde.autograde(root, QUIZ, workers=16, force=True, err=io.StringIO())
    assert sorted(result.graded) == sorted(GRADED) and not result.failed
    assert gradebook_dump(root) == before


def test_manual_grade_feedback_export_and_report(course):
    """A manual score for the reflection counts in the export; feedback is written; the report's means are exact."""
    root, _ = course
    with Gradebook(coursedir.db_url(root)) as gb:  # what the formgrader does when a grader saves a score
        grade = gb.find_grade("reflection", QUIZ, QUIZ, "perfect")
        grade.manual_score, grade.needs_manual_grade = 2, False
        gb.db.commit()
    rows = _export(root)
    assert rows[("perfect", "reflection")]["score"] == "2"
    assert rows[("perfect", "TOTAL")]["score"] == "6" and rows[("perfect", "TOTAL")]["status"] == "complete"
    for student, expected in GRADED.items():
        if student != "perfect":
            assert float(rows[(student, "TOTAL")]["score"]) == sum(expected), student
            assert rows[(student, "reflection")]["score"] == "0"  # left as released: nbgrader gives it 0
    fed = feedback.feedback(root, QUIZ)
    assert fed.exit_status == 0 and sum(p.suffix == ".html" for p in fed.files) == len(GRADED)
    paths = report.write_report(root, QUIZ)
    stats = {r["item"]: r for r in csv.DictReader(paths["csv"].open())}
    for j, item in enumerate(("q1_test", "q2_test", "q3_test")):
        mean = sum(s[j] for s in GRADED.values()) / len(GRADED)
        assert float(stats[item]["mean"]) == pytest.approx(mean, abs=1e-4)


def test_password_from_pgpass_file(server, course, monkeypatch, tmp_path):
    """Without PGPASSWORD, libpq's password file is used."""
    root, _ = course
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"{server.host}:{server.port}:{server.database}:{server.user}:{server.password}\n")
    passfile.chmod(0o600)
    monkeypatch.delenv("PGPASSWORD")
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    monkeypatch.setattr(gradebook_db, "_checked", set())
    assert _export(root)[("perfect", "TOTAL")]["status"] == "complete"


def test_wrong_password_is_one_clear_line(server, tmp_path):
    """A refused login exits 2 with the server's reason and where the password comes from, never the password."""
    root = course_on(tmp_path / "course", server.url())
    done = subprocess.run([*COURSE, "--course-dir", str(root), "export"], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PGPASSWORD": "not-the-password"})
    assert done.returncode == 2
    assert "password authentication failed" in done.stderr and "PGPASSWORD or ~/.pgpass" in done.stderr
    assert "Traceback" not in done.stderr and "not-the-password" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_unreachable_server_is_one_clear_line(server, tmp_path):
    """No server at the address: exit 2, one line saying the connection was refused and what to check."""
    closed = postgres_server.free_port()
    root = course_on(tmp_path / "course", server.url().replace(f":{server.port}/", f":{closed}/"))
    done = subprocess.run([*COURSE, "--course-dir", str(root), "autograde", QUIZ], capture_output=True, text=True,
                          timeout=120, env=dict(os.environ))
    assert done.returncode == 2
    assert "cannot open the gradebook database" in done.stderr and "Connection refused" in done.stderr
    assert "Traceback" not in done.stderr


def test_password_written_into_the_config_is_refused(server, tmp_path):
    """A password in nbgrader_config.py (a file that gets committed and shared) is refused before any use."""
    root = course_on(tmp_path / "course", server.url(password=True))
    with pytest.raises(CourseError, match=r"PGPASSWORD or ~/\.pgpass") as refused:
        coursedir.db_url(root)
    assert server.password not in str(refused.value)
