"""An export an instructor can trust: items in natural order, every known student listed, a status per student
and quiz, no TOTAL that silently counts ungraded work, and lateness as nbgrader recorded it."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from nbgrader.api import Gradebook

from course_lib.instructor.course import coursedir
from course_lib.instructor.steps import autograde, export, release
from course_lib.instructor.testing import synthetic

pytestmark = pytest.mark.pipeline
QUIZ = synthetic.FIXTURE_QUIZ


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = synthetic.write_fixture_course(tmp_path_factory.mktemp("export") / "course")
    assert release.release(root, QUIZ).ok
    rel = coursedir.release_notebooks(root, QUIZ)[QUIZ]
    key = synthetic.answers_from_source(coursedir.source_notebooks(root, QUIZ)[QUIZ])
    written = {**key, "reflection": "It compares the average outcome of two groups."}
    synthetic.submit(root, QUIZ, "s2", {QUIZ: synthetic.fill_answers(rel, written)})
    synthetic.submit(root, QUIZ, "s10", {QUIZ: synthetic.fill_answers(rel, key)})
    (root / "submitted" / "s10" / QUIZ / "timestamp.txt").write_text("2025-01-01 12:30:00.000000 UTC")
    synthetic.submit(root, QUIZ, "set_aside", {QUIZ: b"{ not json"})
    with Gradebook(coursedir.db_url(root)) as gb:
        gb.update_or_create_assignment(QUIZ, duedate=datetime(2025, 1, 1, 12, 0))
        gb.add_student("absent")
    summary = io.StringIO()
    autograde.autograde(root, QUIZ, workers=2, err=summary)
    rows = list(csv.DictReader(io.StringIO(export.export_csv(root, quizzes=[QUIZ]))))
    return root, rows, summary.getvalue()


def _total(rows, student):
    return next(r for r in rows if r["student"] == student and r["item"] == "TOTAL")


def test_students_and_items_in_natural_order(graded):
    """s2 comes before s10, and each student's items follow the quiz (q1, q2, q3, reflection, TOTAL)."""
    _, rows, _ = graded
    students = list(dict.fromkeys(r["student"] for r in rows))
    assert students == ["absent", "s2", "s10", "set_aside"]
    assert [r["item"] for r in rows if r["student"] == "s2"] == ["q1_test", "q2_test", "q3_test", "reflection",
                                                                "TOTAL"]


def test_pending_written_answer_leaves_the_total_empty(graded):
    """An ungraded written answer: its row and the TOTAL are empty and say pending, never 4 of 6 as if final."""
    _, rows, _ = graded
    reflection = next(r for r in rows if r["student"] == "s2" and r["item"] == "reflection")
    assert (reflection["score"], reflection["status"]) == ("", export.PENDING)
    assert (_total(rows, "s2")["score"], _total(rows, "s2")["status"]) == ("", export.PENDING)


def test_manual_grade_completes_the_total(graded, tmp_path):
    """Once the written answer is graded, the TOTAL counts it and the status is complete."""
    root, _, _ = graded
    with Gradebook(coursedir.db_url(root)) as gb:  # what the formgrader does when a grader saves a score
        grade = gb.find_grade("reflection", QUIZ, QUIZ, "s2")
        grade.manual_score, grade.needs_manual_grade = 1.5, False
        gb.db.commit()
    rows = list(csv.DictReader(io.StringIO(export.export_csv(root, quizzes=[QUIZ]))))
    assert (_total(rows, "s2")["score"], _total(rows, "s2")["status"]) == ("5.5", export.COMPLETE)


def test_untouched_written_answer_is_complete(graded):
    """A written answer left as released scores 0 (nbgrader's rule), so the TOTAL is final: 4 of 6."""
    _, rows, _ = graded
    assert (_total(rows, "s10")["score"], _total(rows, "s10")["max_score"]) == ("4", "6")
    assert _total(rows, "s10")["status"] == export.COMPLETE


def test_every_known_student_is_listed_with_why_there_is_no_score(graded):
    """A student with no submission is missing; a submission preflight set aside is not graded; neither scores."""
    _, rows, _ = graded
    assert (_total(rows, "absent")["status"], _total(rows, "absent")["score"]) == (export.MISSING, "")
    assert (_total(rows, "set_aside")["status"], _total(rows, "set_aside")["score"]) == (export.NOT_GRADED, "")
    assert [r["item"] for r in rows if r["student"] in ("absent", "set_aside")] == ["TOTAL", "TOTAL"]


def test_lateness_in_minutes(graded):
    """Submitted 30 minutes after the due date: 30 on every row of that student; on time: empty."""
    _, rows, _ = graded
    assert {r["minutes_late"] for r in rows if r["student"] == "s10"} == {"30"}
    assert {r["minutes_late"] for r in rows if r["student"] == "s2"} == {""}


def test_autograde_summary_names_late_submissions(graded):
    """The autograde summary lists who was late and by how much."""
    *_, summary = graded
    assert "late: 1 submission(s): s10 (30 min)" in summary


def test_regrade_that_reopens_a_manual_grade_warns(graded):
    """A forced regrade of a student whose written answer was graded by hand says which grade it reopened, and the
    export shows that TOTAL as pending again instead of counting it."""
    root, _, _ = graded
    with Gradebook(coursedir.db_url(root)) as gb:
        grade = gb.find_grade("reflection", QUIZ, QUIZ, "s2")
        grade.manual_score, grade.needs_manual_grade = 2, False
        gb.db.commit()
    summary = io.StringIO()
    result = autograde.autograde(root, QUIZ, workers=1, students=["s2"], force=True, err=summary)
    with Gradebook(coursedir.db_url(root)) as gb:
        reopened = gb.find_grade("reflection", QUIZ, QUIZ, "s2").needs_manual_grade
    rows = list(csv.DictReader(io.StringIO(export.export_csv(root, quizzes=[QUIZ]))))
    assert reopened
    assert result.reopened == ["s2: reflection"] and result.exit_status == 1
    assert "warning: the regrade reopened 1 manual grade(s): s2: reflection" in summary.getvalue()
    assert (_total(rows, "s2")["score"], _total(rows, "s2")["status"]) == ("", export.PENDING)


def test_report_states_who_is_not_analysed_and_flags_items(graded):
    """The report names the student with no submission and the one set aside instead of dropping them, and the
    late one; it lists items
    in quiz order with a flags column, and says the histogram counts the analysed items only."""
    from course_lib.instructor.report import item_analysis as report

    root, _, _ = graded
    paths = report.write_report(root, QUIZ)
    page = paths["html"].read_text()
    assert "Not in the analysis: missing: absent; not graded: set_aside." in page
    assert "Submitted late (analysed with the others): s10 (30 min)." in page
    assert 'alt="Histogram of total scores on the analysed items' in page
    rows = list(csv.DictReader(paths["csv"].open()))
    assert [r["item"] for r in rows][:3] == ["q1_test", "q2_test", "q3_test"] and "flags" in rows[0]
