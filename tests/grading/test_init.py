"""Tests for course_lib.grading.fresh: a test cell's helpers cannot be patched from an answer cell."""

import course_lib.grading as grading
from course_lib.grading import normalise, score


def test_fresh_exposes_every_public_helper():
    """fresh() offers the normalise, form and score helpers under their own names."""
    helpers = grading.fresh()
    for name in normalise.__all__ + score.__all__ + grading.form.__all__:
        assert callable(getattr(helpers, name)) or name in ("NOT_ANSWERED", "NOT_RUN")


def test_fresh_undoes_a_monkeypatched_helper():
    """A helper replaced at run time (as a student could in an answer cell) is restored by fresh()."""
    try:
        score.points = lambda *args: 99.0
        normalise.normalise_choice = lambda *args: "B"
        helpers = grading.fresh()
        assert helpers.points(False, 1) == 0.0
        assert helpers.normalise_choice("a", "ABCD") == "A"
    finally:
        grading.fresh()
    assert score.points(True, 1) == 1.0


def test_no_answer_key_lives_in_the_helpers():
    """The grading package holds no quiz content: no module mentions a quiz answer variable such as q1."""
    import pathlib
    import re

    folder = pathlib.Path(grading.__file__).parent
    for path in folder.glob("*.py"):
        assert not re.search(r"\bq\d+\b", path.read_text(encoding="utf-8")), path.name
