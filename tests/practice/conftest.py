"""Fixtures the practice-question tests share."""

import pytest

from course_lib.practice.bank import load_file
from tests.support.paths import DATA

#: One question of every kind, written for the tests (not the course's own bank, which changes with the lessons).
SAMPLE = DATA / "quiz" / "02_seven_distinctive_features.toml"


@pytest.fixture(scope="module")
def by_kind():
    """The sample questions keyed by kind (single, multiple, matching, numeric, ordering, reflection)."""
    return {q.kind: q for q in load_file(SAMPLE)}
