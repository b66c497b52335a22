"""Tests for course_lib.progress.selfcheck: bad input gets one clear message, records nothing and leaves the
learner's file as it was; an untouched copy reads as not answered."""

import json

import nbformat
import pytest

from course_lib.instructor.course import coursedir
from course_lib.instructor.course.coursedir import CourseError
from course_lib.instructor.testing import synthetic
from course_lib.progress.selfcheck import BY_A_PERSON, UNANSWERED, selfcheck
from course_lib.record import store

pytestmark = [pytest.mark.pipeline, pytest.mark.kernel]  # self-grading runs the quiz in a kernel


def released_copy(course, tmp_path, answers=None):
    from course_lib.instructor.steps import release

    release.release(course, synthetic.FIXTURE_QUIZ)
    nb = coursedir.release_notebooks(course, synthetic.FIXTURE_QUIZ)[synthetic.FIXTURE_QUIZ]
    path = tmp_path / "copy.ipynb"
    nbformat.write(synthetic.fill_answers(nb, answers or {}), path)
    return path


@pytest.mark.parametrize(("content", "message"), [
    (b"\x89PNG\r\n", "not a notebook"),
    (b'{"cells": [', "invalid JSON"),
    (json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode(), "not a copy of quiz"),
])
def test_a_file_that_is_not_this_quiz_gets_one_clear_message_and_records_nothing(fixture_course, tmp_path, content,
                                                                                  message):
    path = tmp_path / "mine.ipynb"
    path.write_bytes(content)
    with pytest.raises(CourseError, match=message):
        selfcheck(synthetic.FIXTURE_QUIZ, path, course_dir=fixture_course)
    assert path.read_bytes() == content
    assert store.default_store().attempts() == []


def test_an_unknown_quiz_names_the_known_ones(fixture_course, tmp_path):
    with pytest.raises(CourseError, match="known quizzes: fixture_quiz"):
        selfcheck("no_such_quiz", tmp_path / "x.ipynb", course_dir=fixture_course)


def test_an_untouched_copy_reads_as_not_answered_and_records_no_attempts(fixture_course, tmp_path):
    path = released_copy(fixture_course, tmp_path)
    before = path.read_bytes()
    result = selfcheck(synthetic.FIXTURE_QUIZ, path, course_dir=fixture_course)
    assert [(i.id, i.verdict) for i in result.items] == [
        ("q1_test", UNANSWERED), ("q2_test", UNANSWERED), ("q3_test", UNANSWERED), ("reflection", BY_A_PERSON)]
    assert (result.score, result.max_score) == (0, 4)
    assert [a.outcome for a in store.default_store().attempts()] == ["noted"]
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("course/submitted")) and not list(tmp_path.glob("course/autograded"))


def test_a_right_and_a_wrong_answer_are_told_apart(fixture_course, tmp_path):
    path = released_copy(fixture_course, tmp_path, {"q1_answer": "q1 = 'B'", "q2_answer": "q2 = 0.5",
                                            "q3_answer": "q3 = ['c', 'a']"})
    result = selfcheck(synthetic.FIXTURE_QUIZ, path, course_dir=fixture_course, store=None)
    assert [(i.id, i.verdict, i.score) for i in result.items][:3] == [
        ("q1_test", "right", 1), ("q2_test", "wrong", 0), ("q3_test", "right", 1)]
    assert "2 of 4 points" in result.text() and "<caption>Your quiz, item by item</caption>" in result._repr_html_()


def test_a_fresh_copy_has_no_answers_and_never_overwrites(fixture_course, tmp_path):
    from course_lib.instructor.quizzes.keylines import key_lines
    from course_lib.progress.selfcheck import blank_copy

    target = blank_copy(synthetic.FIXTURE_QUIZ, tmp_path / "mine" / "quiz.ipynb", course_dir=fixture_course)
    text = target.read_text(encoding="utf-8")
    assert "q1_answer" in text
    assert not [line for line in key_lines(coursedir.source_notebooks(fixture_course, synthetic.FIXTURE_QUIZ).values())
                if line in text]
    target.write_text("my answers", encoding="utf-8")
    with pytest.raises(CourseError, match="already exists"):
        blank_copy(synthetic.FIXTURE_QUIZ, target, course_dir=fixture_course)
    assert target.read_text(encoding="utf-8") == "my answers"


def test_the_grade_my_quiz_button_shows_the_result_and_says_what_went_wrong(fixture_course, tmp_path, monkeypatch):
    from course_lib.progress.selfcheck_button import SelfCheckButton, this_notebook

    path = released_copy(fixture_course, tmp_path, {"q1_answer": "q1 = 'B'"})
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    assert this_notebook() == path
    button = SelfCheckButton(synthetic.FIXTURE_QUIZ, course_dir=fixture_course)
    assert "course-live" in button.status._dom_classes and "Save the notebook first" in button.status.value
    button.button.click()
    assert "1 of 4 points" in button.status.value
    assert "q1_test: right (1 of 1)" in button.result.value
    assert "q2_test: not answered" in button.result.value
    missing = SelfCheckButton(synthetic.FIXTURE_QUIZ, tmp_path / "gone.ipynb", course_dir=fixture_course)
    missing.button.click()
    assert "Not graded: no file" in missing.status.value and missing.result.value == ""


def test_a_record_that_cannot_be_written_still_shows_the_grade(fixture_course, tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    path = released_copy(fixture_course, tmp_path, {"q1_answer": "q1 = 'B'"})
    monkeypatch.setenv(store.ENVIRONMENT_VARIABLE, str(blocker))
    monkeypatch.setattr(store, "_stores", {})
    result = selfcheck(synthetic.FIXTURE_QUIZ, path, course_dir=fixture_course)
    assert result.items[0].verdict == "right" and not result.recorded
    assert "Not saved in your progress record (FileExistsError" in result.text()


def _site_config(folder, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nbgrader_config.py").write_text(f"c = get_config()  # noqa: F821\n{text}\n")
    return str(folder)


def test_in_a_graded_class_the_button_says_the_instructor_grades_the_quiz(fixture_course, tmp_path, monkeypatch):
    """On a hub whose nbgrader config names the course (or its exchange) there is no button and no command-line
    advice: one plain line says the instructor grades the quiz and where to submit it."""
    from course_lib.progress.selfcheck_button import GRADED_BY_INSTRUCTOR, SelfCheckButton

    for setting in ("c.CourseDirectory.course_id = 'psychodynamic-course'", "c.Exchange.root = '/srv/exchange'"):
        monkeypatch.setenv("JUPYTER_CONFIG_PATH", _site_config(tmp_path / setting[2:10], setting))
        shown = SelfCheckButton(synthetic.FIXTURE_QUIZ, tmp_path / "copy.ipynb", course_dir=fixture_course)
        assert shown.button is None and list(shown.children) == [shown.status]
        assert "Your instructor grades this quiz" in shown.status.value and "Assignment List" in shown.status.value
        assert "--course-dir" not in shown.status.value and GRADED_BY_INSTRUCTOR.startswith("Your instructor")


def test_a_quiz_fetched_where_no_course_folder_exists_is_the_instructors(tmp_path, monkeypatch):
    """A fetched copy with no course folder at hand (the course installed from PyPI-style, not a clone) gets the same
    plain line, never "pass --course-dir DIR"; a self-learner's copy in the clone keeps its button."""
    from course_lib.instructor.course import coursedir
    from course_lib.progress.selfcheck_button import SelfCheckButton

    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(tmp_path / "no-site-config"))
    monkeypatch.setattr(coursedir, "REPO_COURSE", tmp_path / "site-packages" / "assignments")
    monkeypatch.chdir(tmp_path)
    fetched = SelfCheckButton(synthetic.FIXTURE_QUIZ)
    assert fetched.button is None and "Your instructor grades this quiz" in fetched.status.value
    monkeypatch.undo()
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(tmp_path / "no-site-config"))
    learner = SelfCheckButton(synthetic.FIXTURE_QUIZ)
    assert learner.button is not None and "Save the notebook first" in learner.status.value
