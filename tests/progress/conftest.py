"""Fixtures the progress tests share."""

import pytest

from course_lib.instructor.testing import synthetic
from course_lib.record import store


@pytest.fixture
def private_record(tmp_path, monkeypatch):
    """An empty progress record in the test's own folder, the one default_store() gives (the learner's real record
    is never touched)."""
    monkeypatch.setenv(store.ENVIRONMENT_VARIABLE, str(tmp_path / "record"))
    monkeypatch.setattr(store, "_stores", {})
    return store.default_store()


@pytest.fixture
def fixture_course(private_record, tmp_path):
    """The synthetic fixture quiz's course (three autograded items and a reflection), and a private record."""
    return synthetic.write_fixture_course(tmp_path / "course")
