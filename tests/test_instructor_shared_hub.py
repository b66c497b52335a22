"""A shared machine with real Unix accounts, following docs/jupyterhub.md: an instructor and three students, the
site's exchange set in the system nbgrader config. Release, fetch, submit (perfect with a written answer, partial,
tampered and late), collect, course autograde, the written answer graded in the formgrader (its HTTP API on the
teacher's own Jupyter server), course feedback, release and fetch
feedback: every score exact, and no student can read the answer key, the gradebook or another's work. Runs as root
(the CI); skipped elsewhere with the reason."""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
import shutil
import socket
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import nbformat
import pytest
from unix_accounts import Machine, unavailable_reason

from course_lib.instructor.course import coursedir
from course_lib.instructor.testing import synthetic

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
    teacher, alice, bob, carol = (machine.add_user(role) for role in ("teacher", "alice", "bob", "carol"))
    machine.home(teacher).chmod(0o755)  # a home others may enter, as on many hubs
    course = machine.home(teacher) / "course"
    _write_course(course)
    machine.give(teacher, course)
    seen = {"teacher": teacher, "alice": alice, "bob": bob, "carol": carol, "course": course, "exchange": exchange}

    def course_cmd(*args):
        return machine.run(teacher, "python", "-m", "course_lib.cli", *args, cwd=course)

    seen["refused"] = course_cmd("release", QUIZ)
    fix = re.search(r"fix it with: (chmod [^(]+) \(", seen["refused"].stderr)
    assert fix, seen["refused"].stderr
    _ok(machine.run(teacher, *fix.group(1).split()))
    _ok(course_cmd("release", QUIZ))
    _ok(machine.run(teacher, "nbgrader", "release_assignment", QUIZ, cwd=course))

    key = synthetic.answers_from_source(coursedir.source_notebooks(course, QUIZ)[QUIZ])
    answers = {alice: {**key, "reflection": "It compares the outcomes of two groups."},  # perfect, written answer
               bob: {"q1_answer": key["q1_answer"]},  # partial: 1 point
               carol: key}  # perfect, but she edits a test cell and submits late
    for student, given in answers.items():
        _ok(machine.run(student, "nbgrader", "fetch_assignment", QUIZ))
        fetched = machine.home(student) / QUIZ / f"{QUIZ}.ipynb"
        nb = synthetic.fill_answers(nbformat.read(fetched, as_version=4), given)
        if student == carol:
            next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q1_test").source = "pass"
        nbformat.write(nb, fetched)
        machine.give(student, fetched)
    for student in (alice, bob):
        _ok(machine.run(student, "nbgrader", "submit", QUIZ))
    time.sleep(1.5)  # the due date falls between bob's submission and carol's (whole seconds)
    due = datetime.now(UTC).replace(microsecond=0)
    (course / "deadlines.toml").write_text(f"[quiz.{QUIZ}]\ndue = {due.isoformat()}\n")
    machine.give(teacher, course / "deadlines.toml")
    time.sleep(1.5)
    _ok(machine.run(carol, "nbgrader", "submit", QUIZ))

    inbound = exchange / COURSE_ID / "inbound"
    assert next(inbound.glob(f"{bob}+{QUIZ}+*/{QUIZ}.ipynb"))  # there, under a name ending in 72 random bits
    seen["alice_reads"] = {
        "the exchange's inbound list": machine.run(alice, "ls", str(inbound)),
        "bob's submission in the exchange": machine.run(alice, "sh", "-c", f"cat {inbound}/{bob}+{QUIZ}+*/*"),
    }
    _ok(machine.run(teacher, "nbgrader", "collect", QUIZ, cwd=course))
    seen["autograde"] = course_cmd("autograde", QUIZ, "--sandbox", "off")
    seen["pending_export"] = course_cmd("export").stdout
    # The teacher grades alice's written answer in the formgrader: its HTTP API, on the teacher's own server.
    seen["manual_grade"] = _grade_in_formgrader(machine, teacher, course, alice, "reflection", 2)
    seen["export"] = course_cmd("export").stdout
    _ok(course_cmd("feedback", QUIZ))
    _ok(machine.run(teacher, "nbgrader", "release_feedback", QUIZ, cwd=course))
    for student in answers:
        _ok(machine.run(student, "nbgrader", "fetch_feedback", QUIZ))
    seen["feedback"] = {student: [p.read_text() for p in (machine.home(student) / QUIZ / "feedback").rglob("*.html")]
                        for student in answers}
    seen["alice_reads"].update({
        "the answer key": machine.run(alice, "cat", str(course / "source" / QUIZ / f"{QUIZ}.ipynb")),
        "the gradebook": machine.run(alice, "cat", str(course / "gradebook.db")),
        "bob's collected submission": machine.run(
            alice, "cat", str(course / "submitted" / bob / QUIZ / f"{QUIZ}.ipynb")),
        "bob's feedback in the course": machine.run(
            alice, "cat", str(course / "feedback" / bob / QUIZ / f"{QUIZ}.html")),
        "the exchange's feedback list": machine.run(alice, "ls", str(exchange / COURSE_ID / "feedback")),
        "the course folder": machine.run(alice, "ls", str(course)),
    })
    return seen


def _grade_in_formgrader(machine: Machine, teacher: str, course: Path, student: str, item: str, score: float):
    """Start a Jupyter server as the teacher on the course folder with nbgrader's formgrader, and give ``student``'s
    ``item`` a manual score through the formgrader's API, as its grading page does; returns the grade it saved."""
    token, port = secrets.token_hex(16), _free_port()
    server = machine.start(
        teacher, "python", "-m", "jupyter_server", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0", "--ServerApp.open_browser=False", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={course}",
        "--ServerApp.jpserver_extensions=nbgrader.server_extensions.formgrader=True", cwd=course)
    base, headers = f"http://127.0.0.1:{port}/formgrader/api", {"Authorization": f"token {token}"}

    def call(method: str, path: str, body: dict | None = None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                assert call("GET", "/status") == {"status": True}
                break
            except (OSError, urllib.error.HTTPError):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"the formgrader did not start: {server.stderr.read()[-2000:]}") from None
                time.sleep(0.5)
        notebook = next(n for n in call("GET", f"/submitted_notebooks/{QUIZ}/{QUIZ}") if n["student"] == student)
        grade = next(g for g in call("GET", f"/grades?submission_id={notebook['id']}") if g["name"] == item)
        assert grade["needs_manual_grade"] and grade["manual_score"] is None
        return call("PUT", f"/grade/{grade['id']}", {"manual_score": score})
    finally:
        server.terminate()
        server.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_written_answer_is_graded_through_the_formgrader_api(hub):
    saved = hub["manual_grade"]
    assert (saved["manual_score"], saved["needs_manual_grade"]) == (2, False)


def test_an_open_course_folder_is_refused_with_the_fix(hub):
    """The teacher's first release, in a home others may enter, is refused naming the key and the chmod."""
    refused = hub["refused"]
    assert refused.returncode == 2
    assert f"other users of this computer can read the course folder {hub['course']}, source" in refused.stderr
    assert f"chmod go-rwx {hub['course']}" in refused.stderr


def test_a_student_cannot_read_the_key_the_gradebook_or_another_students_work(hub):
    """Every attempt by one student to read what is not hers is refused by the system."""
    for what, done in hub["alice_reads"].items():
        assert done.returncode != 0 and not done.stdout, f"alice could read {what}"
        assert "Permission denied" in done.stderr or what == "bob's submission in the exchange", done.stderr


def _totals(text: str) -> dict[str, dict]:
    return {r["student"]: r for r in csv.DictReader(io.StringIO(text)) if r["item"] == "TOTAL"}


def test_students_fetch_and_submit_through_the_site_exchange(hub):
    """Every student's submission reached the course through the site's exchange, and none was made in the
    course folder."""
    assert hub["autograde"].returncode == 1, hub["autograde"].stderr  # 1: carol's edited test cell was repaired
    assert sorted(p.name for p in (hub["course"] / "submitted").iterdir()) == sorted(
        [hub["alice"], hub["bob"], hub["carol"]])
    assert not (hub["course"] / "exchange").exists()


def test_every_score_is_exact(hub):
    """alice 4 + 2 for her written answer once graded by hand (pending until then), bob 1 (partial), carol 4 (her
    edited test cell restored) and 1 minute late."""
    pending = _totals(hub["pending_export"])[hub["alice"]]
    assert (pending["score"], pending["status"]) == ("", "pending manual grading")
    totals = _totals(hub["export"])
    got = {who: (totals[hub[who]]["score"], totals[hub[who]]["status"], totals[hub[who]]["minutes_late"])
           for who in ("alice", "bob", "carol")}
    assert got == {"alice": ("6", "complete", ""), "bob": ("1", "complete", ""), "carol": ("4", "complete", "1")}
    assert f"late: 1 submission(s): {hub['carol']} (1 min)" in hub["autograde"].stderr


def test_each_student_fetches_their_own_feedback(hub):
    """Each student fetched one feedback page, their own; carol's says she was late."""
    pages = hub["feedback"]
    assert all(len(found) == 1 for found in pages.values()), {k: len(v) for k, v in pages.items()}
    written = "It compares the outcomes of two groups."  # alice's written answer, hers alone
    assert written in pages[hub["alice"]][0]
    assert written not in pages[hub["bob"]][0] and written not in pages[hub["carol"]][0]
    assert "Submitted 1 min after the due date." in pages[hub["carol"]][0]
    assert "after the due date" not in pages[hub["alice"]][0]
