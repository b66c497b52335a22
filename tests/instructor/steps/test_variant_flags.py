"""Flags for a submission whose notebook named or showed another student's version."""

from __future__ import annotations

from course_lib.grading.quiz import VARIANT_MIME
from course_lib.instructor.quizzes.build import ASSIGNMENTS, load_quiz, render
from course_lib.instructor.quizzes.variant_keys import student_variant
from course_lib.instructor.steps import variant_flags

QUIZ3 = "q3_reading_the_evidence"


def _notebook(typed: str, shown: str | None):
    nb = render(load_quiz(ASSIGNMENTS / "quizzes" / f"{QUIZ3}.toml"))
    own = student_variant(QUIZ3, shown, nb=nb) if shown else {}
    for cell in nb.cells:
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        if grade_id == "student_id_answer":
            cell.source = f"student_id = {typed}"
        if grade_id == "q6_show" and shown:
            cell.outputs = [{"output_type": "display_data", "metadata": {}, "data": {
                VARIANT_MIME: {"variable": "q6", "student": shown, "signature": own["q6"].signature}}}]
    return nb, student_variant(QUIZ3, "ann", nb=nb)


def test_a_notebook_of_the_student_own_version_has_no_flag():
    """ann typed her own ID and her notebook showed her version: nothing to look at."""
    nb, own = _notebook('"ann"', "ann")
    assert variant_flags.flags(nb, "ann", own) == []


def test_another_typed_id_and_another_shown_version_are_both_flagged():
    """ann's submission typed ben's ID and showed ben's version: both named, with ben's ID."""
    nb, own = _notebook("“ben”", "ben")
    found = variant_flags.flags(nb, "ann", own)
    assert found[0] == "the ID typed in the notebook is 'ben', not 'ann' as graded"
    assert "the notebook showed the version for 'ben' (q6)" in found[1]


def test_no_id_and_nothing_shown_is_not_a_flag():
    """A notebook never run, with no ID typed (a hub student), records nothing to disagree with."""
    nb, own = _notebook('""', None)
    assert variant_flags.flags(nb, "ann", own) == []


def test_flags_are_saved_whole_and_replace_only_the_students_graded(tmp_path):
    """A rerun for one student replaces that student's flags and keeps the others'; a cleared flag disappears."""
    (tmp_path / "source" / QUIZ3).mkdir(parents=True)
    variant_flags.save(tmp_path, QUIZ3, {"ann": ["x"], "ben": ["y"]})
    variant_flags.save(tmp_path, QUIZ3, {"ann": []})
    assert variant_flags.load(tmp_path, QUIZ3) == {"ben": ["y"]}
