"""Fixtures the pipeline scenarios share."""

import io

import pytest

from course_lib.instructor.steps import autograde
from tests.support.postgres_server import course_on
from tests.support.synthetic_class import QUIZ, build_class


@pytest.fixture(scope="module")
def postgres_class(private_postgres, tmp_path_factory):
    """The synthetic class released and graded with 2 workers, its gradebook in PostgreSQL: (course folder, result)."""
    root = course_on(tmp_path_factory.mktemp("pg") / "course", private_postgres.url())
    build_class(root)
    result = autograde.autograde(root, QUIZ, workers=2, err=io.StringIO())
    return root, result
