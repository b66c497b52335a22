"""course feedback never shows a written answer that awaits its manual grade as a score: such students are held
back and named (exit 1), or with --provisional their pages say "not graded yet" and call the total provisional; once
graded, their page shows the real score. Real nbgrader on the fixture quiz."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from nbgrader.api import Gradebook

from course_lib.instructor.course import coursedir
from course_lib.instructor.steps import autograde, export, feedback, release
from course_lib.instructor.testing import synthetic

pytestmark = pytest.mark.pipeline
QUIZ = synthetic.FIXTURE_QUIZ


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Two students: 'writer' answered the written item (pending manual grading), 'quiet' left it blank (nbgrader
    scores an untouched answer 0 itself: nothing pending)."""
    root = synthetic.write_fixture_course(tmp_path_factory.mktemp("feedback") / "course")
    assert release.release(root, QUIZ).ok
    rel = coursedir.release_notebooks(root, QUIZ)[QUIZ]
    key = synthetic.answers_from_source(coursedir.source_notebooks(root, QUIZ)[QUIZ])
    synthetic.submit(root, QUIZ, "writer", {QUIZ: synthetic.fill_answers(
        rel, {**key, "reflection": "It compares the average outcome of two groups."})})
    synthetic.submit(root, QUIZ, "quiet", {QUIZ: synthetic.fill_answers(rel, key)})
    autograde.autograde(root, QUIZ, workers=2)
    return root


def _page(root, student):
    return (root / "feedback" / student / QUIZ / f"{QUIZ}.html").read_text()


def _course(root, *args):
    return subprocess.run([sys.executable, "-m", "course_lib.cli", "--course-dir", str(root), *args],
                          capture_output=True, text=True, timeout=300)


def test_a_student_awaiting_a_manual_grade_is_held_back_and_named(graded):
    """By default the pending student gets no page and is named with the pending item and the export's status
    words; the command exits 1; the other student's page is written."""
    (graded / "feedback" / "writer" / QUIZ).mkdir(parents=True, exist_ok=True)
    stale = graded / "feedback" / "writer" / QUIZ / f"{QUIZ}.html"
    stale.write_text("<html><body>Score: 0.0 / 2.0</body></html>")  # e.g. from plain nbgrader generate_feedback
    done = _course(graded, "feedback", QUIZ)
    assert done.returncode == 1, done.stderr
    assert f"1 student(s) held back ({export.PENDING}): writer (reflection)" in done.stderr
    assert "--provisional" in done.stderr and "1 earlier page(s) of theirs removed" in done.stderr
    assert not stale.exists(), "a page showing the pending item as 0 must not stay where release_feedback finds it"
    assert "Provisional" not in _page(graded, "quiet") and "not graded yet" not in _page(graded, "quiet")


def test_provisional_pages_say_not_graded_yet_never_zero(graded):
    """With --provisional the pending item reads "not graded yet, out of 2", the notebook's score is called
    provisional, and a note names the item; the autograded items keep their scores."""
    result = feedback.feedback(graded, QUIZ, provisional=True)
    assert result.provisional == {"writer": ["reflection"]} and result.exit_status == 0
    page = _page(graded, "writer")
    assert 'href="#reflection">Written response</a> (Score: not graded yet, out of 2.0)' in page
    reflection_heading = page[page.index('<a name="reflection"></a>'):]
    assert re.search(r"Score: not graded yet, out of 2\.0 <a href=\"#top\">", reflection_heading[:2000])
    assert "Provisional score: 4.0 / 6.0" in page and "Score: 0.0 / 2.0" not in page
    assert "Not graded yet: reflection. Your instructor grades this by hand" in feedback.visible_text(page)
    assert 'href="#q2_test">Test cell</a> (Score: 2.0 / 2.0)' in page


def test_once_graded_the_page_shows_the_real_score(graded):
    """After the instructor grades the written answer, nobody is held back and the page shows the score given."""
    with Gradebook(coursedir.db_url(graded)) as gb:  # what the formgrader does when a grader saves a score
        grade = gb.find_grade("reflection", QUIZ, QUIZ, "writer")
        grade.manual_score, grade.needs_manual_grade = 1.5, False
        gb.db.commit()
    result = feedback.feedback(graded, QUIZ)
    assert result.exit_status == 0 and not result.held and not result.provisional
    page = _page(graded, "writer")
    assert "(Score: 5.5 / 6.0)" in page and "not graded yet" not in page and "Provisional" not in page
