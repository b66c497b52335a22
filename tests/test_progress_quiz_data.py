"""Tests for course_lib.content.quiz_data: objectives per quiz item and explanations, where a missing file or a
missing explanation simply gives none."""

import pytest

from course_lib.content.quiz_data import QuizDataError, explanations, item_objectives
from course_lib.instructor.course.coursedir import REPO_COURSE


def test_objectives_come_from_the_courses_alignment():
    aims = item_objectives(REPO_COURSE, "q1_features_and_process")
    assert aims["q1"] == ("o1.1",) and aims["q6"] == ("o2.2", "o3.1")
    assert item_objectives(REPO_COURSE, "no_such_quiz") == {}


def test_explanations_are_read_per_item_and_a_missing_one_is_left_out(tmp_path):
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "q1.toml").write_text(
        '[[item]]\nid = "q1"\nexplanation = "B: one or two sessions a week."\n\n'
        '[[item]]\nid = "q2"\n\n[[item]]\nid = "q3"\nexplanation = "   "\n', encoding="utf-8")
    assert explanations(tmp_path, "q1") == {"q1": "B: one or two sessions a week."}


def test_a_missing_file_gives_no_explanations(tmp_path):
    assert explanations(tmp_path, "q1") == {}


def test_a_broken_file_is_named_in_the_error(tmp_path):
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "q1.toml").write_text("[[item]\nid = ", encoding="utf-8")
    with pytest.raises(QuizDataError, match=r"q1\.toml is not valid TOML"):
        explanations(tmp_path, "q1")
