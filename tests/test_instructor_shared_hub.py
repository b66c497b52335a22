"""A shared machine with real Unix accounts: an instructor and two students, the site's exchange set in the system
nbgrader config. Students fetch and submit; they can read neither the answer key, nor the gradebook, nor each
other's work. Runs as root (the CI); skipped elsewhere with the reason."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook
from unix_accounts import Machine, unavailable_reason

from course_lib.instructor import coursedir, synthetic

pytestmark = [pytest.mark.pipeline,
              pytest.mark.skipif(unavailable_reason() is not None, reason=str(unavailable_reason()))]
QUIZ = synthetic.FIXTURE_QUIZ
COURSE_ID = "psychodynamic-course"


def _write_course(course: Path) -> None:
    """The repository's nbgrader_config.py with the small fixture quiz as its source."""
    synthetic.write_fixture_course(course)
    shutil.rmtree(course / "exchange")
    shutil.copy(coursedir.REPO_COURSE / coursedir.CONFIG_NAME, course / coursedir.CONFIG_NAME)


@pytest.fixture(scope="module")
def hub():
    base = Path(tempfile.mkdtemp(prefix="course-hub-"))
    base.chmod(0o755)
    machine = Machine(base)
    try:
        yield _semester(machine)
    finally:
        machine.remove()


def _ok(done) -> None:
    assert done.returncode == 0, done.stderr[-2000:]


def _semester(machine: Machine) -> dict:
    exchange = machine.base / "exchange"
    exchange.mkdir()
    exchange.chmod(0o1777)  # as docs/jupyterhub.md tells the administrator
    site = machine.base / "etc"
    site.mkdir(mode=0o755)
    (site / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.Exchange.root = {str(exchange)!r}\nc.CourseDirectory.course_id = {COURSE_ID!r}\n")
    machine.env["JUPYTER_CONFIG_PATH"] = str(site)
    teacher, alice, bob = (machine.add_user(role) for role in ("teacher", "alice", "bob"))
    machine.home(teacher).chmod(0o755)  # a home others may enter, as on many hubs
    course = machine.home(teacher) / "course"
    _write_course(course)
    machine.give(teacher, course)
    seen = {"teacher": teacher, "alice": alice, "bob": bob, "course": course, "exchange": exchange}

    def course_cmd(*args):
        return machine.run(teacher, "python", "-m", "course_lib.instructor.cli", *args, cwd=course)

    seen["refused"] = course_cmd("release", QUIZ)
    fix = re.search(r"fix it with: (chmod [^(]+) \(", seen["refused"].stderr)
    assert fix, seen["refused"].stderr
    _ok(machine.run(teacher, *fix.group(1).split()))
    _ok(course_cmd("release", QUIZ))
    _ok(machine.run(teacher, "nbgrader", "release_assignment", QUIZ, cwd=course))

    key = synthetic.answers_from_source(coursedir.source_notebooks(course, QUIZ)[QUIZ])
    for student in (alice, bob):
        _ok(machine.run(student, "nbgrader", "fetch_assignment", QUIZ))
    fetched = machine.home(alice) / QUIZ / f"{QUIZ}.ipynb"
    nbformat.write(synthetic.fill_answers(nbformat.read(fetched, as_version=4), key), fetched)
    machine.give(alice, fetched)
    for student in (alice, bob):
        _ok(machine.run(student, "nbgrader", "submit", QUIZ))

    inbound = exchange / COURSE_ID / "inbound"
    assert next(inbound.glob(f"{bob}+{QUIZ}+*/{QUIZ}.ipynb"))  # there, under a name ending in 72 random bits
    seen["alice_reads"] = {
        "the exchange's inbound list": machine.run(alice, "ls", str(inbound)),
        "bob's submission in the exchange": machine.run(alice, "sh", "-c", f"cat {inbound}/{bob}+{QUIZ}+*/*"),
    }
    _ok(machine.run(teacher, "nbgrader", "collect", QUIZ, cwd=course))
    seen["autograde"] = course_cmd("autograde", QUIZ, "--sandbox", "off")
    seen["alice_reads"].update({
        "the answer key": machine.run(alice, "cat", str(course / "source" / QUIZ / f"{QUIZ}.ipynb")),
        "the gradebook": machine.run(alice, "cat", str(course / "gradebook.db")),
        "bob's collected submission": machine.run(
            alice, "cat", str(course / "submitted" / bob / QUIZ / f"{QUIZ}.ipynb")),
        "the course folder": machine.run(alice, "ls", str(course)),
    })
    return seen


def test_an_open_course_folder_is_refused_with_the_fix(hub):
    """The teacher's first release, in a home others may enter, is refused naming the key and the chmod."""
    refused = hub["refused"]
    assert refused.returncode == 2
    assert "other users of this computer can read source" in refused.stderr
    assert f"chmod go-rwx {hub['course']}" in refused.stderr


def test_students_fetch_and_submit_through_the_site_exchange(hub):
    """Both students' submissions reached the course through the site's exchange, and none was made in the
    course folder."""
    assert hub["autograde"].returncode == 0, hub["autograde"].stderr
    assert sorted(p.name for p in (hub["course"] / "submitted").iterdir()) == sorted([hub["alice"], hub["bob"]])
    assert not (hub["course"] / "exchange").exists()


def test_a_student_cannot_read_the_key_the_gradebook_or_another_students_work(hub):
    """Every attempt by one student to read what is not hers is refused by the system."""
    for what, done in hub["alice_reads"].items():
        assert done.returncode != 0 and not done.stdout, f"alice could read {what}"
        assert "Permission denied" in done.stderr or what == "bob's submission in the exchange", done.stderr


def test_scores_are_exact(hub):
    """The student who answered with the key gets every autograded point (4 of 4, the written answer left
    blank); the one who submitted the quiz untouched gets none."""
    with Gradebook(coursedir.db_url(hub["course"])) as gb:
        full = gb.find_submission(QUIZ, hub["alice"])
        blank = gb.find_submission(QUIZ, hub["bob"])
        assert (full.code_score, full.max_code_score) == (4, 4)
        assert blank.score == 0
