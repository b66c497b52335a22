"""Due dates, extensions and the late policy from the course's deadlines.toml: lateness as nbgrader computes it,
the penalty applied by nbgrader's late-submission plugin, and one clear line for a mistake in the file."""

from __future__ import annotations

import csv
import io

import pytest

from course_lib import cli
from course_lib.instructor.course import coursedir, deadlines
from course_lib.instructor.course.coursedir import CourseError
from course_lib.instructor.steps import autograde, export, release
from course_lib.instructor.testing import synthetic

QUIZ = synthetic.FIXTURE_QUIZ
FILE = f"""late_penalty = "zero"

[quiz.{QUIZ}]
due = 2025-01-01T13:00:00+01:00

[quiz.{QUIZ}.extensions]
extended = 2025-01-02T00:00:00Z
no_show = 2025-01-02T00:00:00Z
"""


@pytest.mark.parametrize(("text", "message"), [
    (f"[quiz.{QUIZ}]\ndue = 2025-01-01T12:00:00\n", "has no time zone; write it like 2025-01-01T12:00+00:00"),
    (f"[quiz.{QUIZ}]\ndue = \"friday\"\n", "must be a date and time like"),
    (f"[quiz.{QUIZ}]\n", f"[quiz.{QUIZ}] has no due date"),
    ('late_penalty = "half"\n', "late_penalty 'half' is not one of none, zero"),
    (f"[quiz.{QUIZ}]\ndue = 2025-01-02T00:00:00Z\nextensions.ann = 2025-01-01T00:00:00Z\n",
     f"ann's extension of {QUIZ} ends before the due date"),
    ("due = [", "deadlines.toml: "),
])
def test_a_mistake_in_the_file_is_one_clear_line(tmp_path, text, message):
    """Each mistake is named in one line (no traceback) and nothing is written to the gradebook."""
    (tmp_path / deadlines.FILE_NAME).write_text(text)
    with pytest.raises(CourseError) as caught:
        deadlines.load(tmp_path)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_no_file_means_no_due_dates_and_no_penalty(tmp_path):
    """A course without deadlines.toml has no due date and nbgrader's default policy (no penalty)."""
    assert deadlines.load(tmp_path) == deadlines.Deadlines()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = synthetic.write_fixture_course(tmp_path_factory.mktemp("deadlines") / "course")
    (root / deadlines.FILE_NAME).write_text(FILE)
    assert release.release(root, QUIZ).ok
    rel = coursedir.release_notebooks(root, QUIZ)[QUIZ]
    key = synthetic.answers_from_source(coursedir.source_notebooks(root, QUIZ)[QUIZ])
    for student, time in (("on_time", "11:59"), ("late", "12:30"), ("extended", "12:30")):
        folder = synthetic.submit(root, QUIZ, student, {QUIZ: synthetic.fill_answers(rel, key)})
        (folder / "timestamp.txt").write_text(f"2025-01-01 {time}:00.000000 UTC")
    summary = io.StringIO()
    result = autograde.autograde(root, QUIZ, workers=2, err=summary)
    rows = {(r["student"], r["item"]): r for r in csv.DictReader(io.StringIO(export.export_csv(root)))}
    return root, result, summary.getvalue(), rows


@pytest.mark.pipeline
def test_late_submission_gets_the_configured_penalty(graded):
    """Due 12:00 UTC (13:00 in +01:00), submitted 12:30: 30 minutes late, and the "zero" policy takes its 4
    points; the same answers on time keep them."""
    *_, rows = graded
    assert (rows[("late", "TOTAL")]["minutes_late"], rows[("late", "TOTAL")]["score"]) == ("30", "0")
    assert (rows[("on_time", "TOTAL")]["minutes_late"], rows[("on_time", "TOTAL")]["score"]) == ("", "4")


@pytest.mark.pipeline
def test_extension_moves_the_due_date_for_that_student(graded):
    """The student with an extension to midnight submitted at 12:30 on time, with every point."""
    *_, rows = graded
    assert (rows[("extended", "TOTAL")]["minutes_late"], rows[("extended", "TOTAL")]["score"]) == ("", "4")


@pytest.mark.pipeline
def test_an_extension_for_a_student_who_never_submitted_reads_missing(graded):
    """An extension alone does not make a submission: that student is listed as missing, with no score."""
    *_, rows = graded
    assert (rows[("no_show", "TOTAL")]["status"], rows[("no_show", "TOTAL")]["score"]) == (export.MISSING, "")


@pytest.mark.pipeline
def test_autograde_says_what_it_set_and_who_was_late(graded):
    """The summary states the due date, the policy and the extensions, then lists the late submission."""
    _, result, summary, _ = graded
    assert f"deadlines: {QUIZ}: due 2025-01-01 12:00 UTC; late penalty zero; extensions: extended until " \
           "2025-01-02 00:00, no_show until 2025-01-02 00:00" in summary
    assert result.late == {"late": 30} and "late: 1 submission(s): late (30 min)" in summary


@pytest.mark.pipeline
def test_deadlines_command_updates_the_gradebook_after_a_change(graded, capsys):
    """Moving the due date in the file and running course deadlines changes the lateness the export shows."""
    root, *_ = graded
    (root / deadlines.FILE_NAME).write_text(FILE.replace("13:00:00+01:00", "13:10:00+01:00"))
    assert cli.main(["--course-dir", str(root), "deadlines"]) == cli.OK
    assert f"{QUIZ}: due 2025-01-01 12:10 UTC" in capsys.readouterr().err
    rows = {(r["student"], r["item"]): r for r in csv.DictReader(io.StringIO(export.export_csv(root)))}
    assert rows[("late", "TOTAL")]["minutes_late"] == "20"


@pytest.mark.pipeline
def test_late_students_feedback_says_so(graded):
    """The late student's feedback page says, at the top, how late the submission was; the others' do not."""
    from course_lib.instructor.steps import feedback

    root, *_ = graded
    result = feedback.feedback(root, QUIZ, workers=1)
    assert result.exit_status == 0
    pages = {p.parts[-3]: p.read_text() for p in result.files if p.suffix == ".html"}
    assert "Submitted 20 min after the due date." in pages["late"]  # after the due date moved to 12:10
    assert "after the due date" not in pages["on_time"] and "after the due date" not in pages["extended"]
