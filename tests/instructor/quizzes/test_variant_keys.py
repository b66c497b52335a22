"""One student's version of a quiz, read back from the source notebook: what autograde, `course variant` and the
report rely on."""

from __future__ import annotations

import json

from course_lib.instructor.quizzes.build import ASSIGNMENTS, load_quiz, render
from course_lib.instructor.quizzes.variant_keys import describe, hidden_specs, student_variant

QUIZ3 = "q3_reading_the_evidence"
STUDENTS = [f"student{n:02d}" for n in range(20)]


def _source(name=QUIZ3):
    return render(load_quiz(ASSIGNMENTS / "quizzes" / f"{name}.toml"))


def test_every_varying_item_shows_several_versions_across_twenty_students():
    """Across 20 students, every shuffled item shows several orders and every parameterised item several keys."""
    nb = _source()
    versions = {student: student_variant(QUIZ3, student, nb=nb) for student in STUDENTS}
    for item in hidden_specs(nb):
        orders = {versions[s][item].order for s in STUDENTS}
        keys = {json.dumps(versions[s][item].as_json()["key"], sort_keys=True) for s in STUDENTS}
        if versions[STUDENTS[0]][item].params:
            assert len(keys) >= 3, (item, keys)
        else:
            assert len(orders) >= 5, (item, orders)


def test_the_key_is_in_the_student_letters_and_the_declared_key_for_no_id():
    """The canonical version (no ID) has the declared key; a student's key names the same declared option."""
    nb = _source()
    quiz = load_quiz(ASSIGNMENTS / "quizzes" / f"{QUIZ3}.toml")
    declared = {item.id: item.key for item in quiz.items}
    assert student_variant(QUIZ3, "", nb=nb)["q6"].key == declared["q6"]
    for student in STUDENTS:
        seen = student_variant(QUIZ3, student, nb=nb)["q6"]
        assert seen.order[ord(seen.key) - ord("A")] == declared["q6"]


def test_a_quiz_without_variants_has_none_and_says_so():
    """Quiz 5 declares no variants: no versions, and `course variant` says every student gets the same quiz."""
    nb = _source("q5_core_concepts")
    assert student_variant("q5_core_concepts", "ann", nb=nb) == {}
    assert "the same version" in describe("q5_core_concepts", "ann", {})


def test_the_description_gives_numbers_order_and_key():
    """The text an instructor reads in a dispute names the student's numbers, their letters and their key."""
    nb = _source()
    found = student_variant(QUIZ3, "ann", nb=nb)
    text = describe(QUIZ3, "ann", found)
    assert "'ann'" in text and f"q1: {found['q1'].signature}" in text
    assert f"their letters: A = declared {found['q6'].order[0]}" in text
    assert f"key, as their answer line holds it: {found['q6'].key}" in text
