"""Fixtures the progress tests share."""

import pytest

from course_lib.instructor.testing import synthetic
from course_lib.record import store


@pytest.fixture
def fixture_course(tmp_path, monkeypatch):
    """The synthetic fixture quiz's course (three autograded items and a reflection), and a private record."""
    monkeypatch.setenv(store.ENVIRONMENT_VARIABLE, str(tmp_path / "record"))
    monkeypatch.setattr(store, "_stores", {})
    return synthetic.write_fixture_course(tmp_path / "course")
