"""Autograde writes each student's own key into the hidden tests before anything runs, and their ID into the show
cells, so the kernel never decides whose version is graded."""

from __future__ import annotations

import nbformat

from course_lib.instructor.quizzes.build import ASSIGNMENTS, load_quiz, render
from course_lib.instructor.quizzes.variant_keys import student_variant
from course_lib.instructor.runner.own_keys import OwnKeys, own_source, shown

QUIZ3 = "q3_reading_the_evidence"


def _cells():
    nb = render(load_quiz(ASSIGNMENTS / "quizzes" / f"{QUIZ3}.toml"))
    return nb, {cell.metadata["nbgrader"]["grade_id"]: cell for cell in nb.cells}


def test_the_hidden_test_holds_only_the_student_key():
    """After the rewrite, q6's hidden test holds ann's key as a literal and no variant (no other student's key)."""
    nb, cells = _cells()
    rewritten = own_source(cells["q6"].source, "ann")
    key = student_variant(QUIZ3, "ann", nb=nb)["q6"].key
    assert f"key='{key}'" in rewritten and "variant=" not in rewritten
    assert "quiz.check(" in rewritten  # the visible part is unchanged


def test_a_numeric_item_gets_the_number_worked_for_the_student():
    """q5's hidden test holds ann's own NNT, computed outside the kernel from her control event rate."""
    nb, cells = _cells()
    rewritten = own_source(cells["q5"].source, "ann")
    assert f"key={student_variant(QUIZ3, 'ann', nb=nb)['q5'].key!r}" in rewritten


def test_show_cells_get_the_student_version_as_output_and_are_not_run():
    """The grader writes the show cell's output (the student's options, in their order) and empties its source, so
    the graded notebook shows the student their own version and the kernel has one cell fewer to run."""
    nb, cells = _cells()
    output = shown(cells["q6_show"].source, "ann")[0]
    record = output["data"]["application/vnd.course.quiz-variant+json"]
    assert record["student"] == "ann" and record["signature"] == student_variant(QUIZ3, "ann", nb=nb)["q6"].signature
    assert shown(cells["q6"].source, "ann") is None  # not a show cell


def _show_record(nb, resources, **config):
    graded, _ = OwnKeys(**config).preprocess(nbformat.from_dict(nb), resources)
    cell = next(c for c in graded.cells if c.metadata["nbgrader"]["grade_id"] == "q6_show")
    assert cell.source == ""
    return cell.outputs[0]["data"]["application/vnd.course.quiz-variant+json"]["student"]


def test_the_preprocessor_uses_nbgrader_student_unless_told_otherwise():
    """nbgrader's student id by default; `course selfcheck` names the learner's own ID instead."""
    nb, _ = _cells()
    assert _show_record(nb, {"nbgrader": {"student": "ben"}}) == "ben"
    assert _show_record(nb, {"nbgrader": {"student": "self"}}, student_id="self-typed") == "self-typed"


def test_cells_without_variants_are_left_alone():
    """Quiz 5 has no variants: every cell's source is unchanged."""
    nb = render(load_quiz(ASSIGNMENTS / "quizzes" / "q5_core_concepts.toml"))
    assert all(own_source(cell.source, "ann") == cell.source for cell in nb.cells if cell.cell_type == "code")
