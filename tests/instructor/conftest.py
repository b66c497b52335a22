"""Fixtures the instructor tests share: the synthetic fixture quiz released, a private copy of it, and the graded
classes the LMS tests read."""

from __future__ import annotations

import io
import shutil

import pytest

from course_lib.instructor.course import coursedir
from course_lib.instructor.steps import autograde, release
from course_lib.instructor.testing import synthetic

QUIZ = synthetic.FIXTURE_QUIZ


@pytest.fixture(scope="module")
def released_fixture_quiz(tmp_path_factory):
    """The synthetic fixture quiz's course with the quiz released: (course folder, released notebook, the key's
    answers), one per test module."""
    root = synthetic.write_fixture_course(tmp_path_factory.mktemp("released") / "course")
    assert release.release(root, QUIZ).ok
    release_nb = coursedir.release_notebooks(root, QUIZ)[QUIZ]
    key = synthetic.answers_from_source(coursedir.source_notebooks(root, QUIZ)[QUIZ])
    return root, release_nb, key


@pytest.fixture
def course_copy(released_fixture_quiz, tmp_path):
    """A private copy of the released course for one test to change."""
    root, *_ = released_fixture_quiz
    return shutil.copytree(root, tmp_path / "course")


def _graded_class(released, submissions: dict) -> object:
    """Submit each student's answers (a dict of answers, or the bytes of a file) to the released quiz, then grade."""
    root, release_nb, _ = released
    for student, answers in submissions.items():
        sent = answers if isinstance(answers, bytes) else synthetic.fill_answers(release_nb, answers)
        synthetic.submit(root, QUIZ, student, {QUIZ: sent})
    autograde.autograde(root, QUIZ, workers=2, err=io.StringIO())
    return root


@pytest.fixture(scope="module")
def lms_export_class(released_fixture_quiz):
    """ann answered with the key (complete, 4), ben wrote the reflection (pending), zoe is graded but not in the
    roster, cat never submitted."""
    key = released_fixture_quiz[2]
    return _graded_class(released_fixture_quiz, {
        "ann": key, "ben": {**key, "reflection": "Two groups."}, "zoe": {}})


@pytest.fixture(scope="module")
def lms_return_class(released_fixture_quiz):
    """ann answered with the key (complete, 4), ben wrote the reflection (pending manual grading), dan sent a PDF
    (set aside, not graded), zoe is graded but not in any roster, cat never submitted."""
    key = released_fixture_quiz[2]
    return _graded_class(released_fixture_quiz, {
        "ann": key, "ben": {**key, "reflection": "Two groups."}, "dan": b"%PDF-1.4\n%binary essay\n", "zoe": {}})
