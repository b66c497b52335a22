"""Tests for course_lib.content.concepts.case and course_lib.widgets.concepts.case_walkthrough (no browser)."""

import pytest

from course_lib.content.concepts.case import CASE_FILE, PHASES, load_case, the_case
from course_lib.content.schema import ContentError
from course_lib.widgets.concepts.case_walkthrough import CaseReview, case_review, case_walkthrough


def test_the_case_runs_from_assessment_to_ending_and_shows_the_key_moments():
    """Steps cover assessment, formulation, middle sessions and ending, with a defence, transference and
    countertransference moment and both triangles and a CCRT in the formulation."""
    case = the_case()
    assert case.steps[0].phase == "assessment" and case.steps[-1].phase == "ending"
    assert {s.phase for s in case.steps} == set(PHASES)
    concepts = {c for s in case.steps for c in s.concepts}
    assert {"triangle_of_conflict", "triangle_of_person", "ccrt", "resistance", "transference",
            "countertransference", "working_through"} <= concepts


def test_a_concept_missing_from_the_glossary_is_refused(tmp_path):
    """A step naming a concept the glossary does not define fails with the file, entry and field."""
    text = CASE_FILE.read_text(encoding="utf-8").replace('concepts = ["working_alliance", "free_association"]',
                                                         'concepts = ["working_aliance"]', 1)
    path = tmp_path / "case.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=r"entry 1 \(id = 'assessment'\), field 'concepts'"):
        load_case(path)


def test_every_step_has_a_review_question_with_a_valid_key():
    """Lesson 07 can review each step: one question or more per step, each key among its choices."""
    case = the_case()
    assert all(case.reviews_for(step.id) for step in case.steps)


def test_walkthrough_moves_and_announces_the_step():
    """Next and Previous move one step and the heading (a live region) names it; the ends disable the buttons."""
    view = case_walkthrough()
    assert view.previous.disabled and "Step 1 of" in view.heading.value
    view.next.click()
    assert "Step 2 of" in view.heading.value and view.chooser.value == the_case().steps[1].id
    view.chooser.value = the_case().steps[-1].id
    assert view.next.disabled and "Think about it" in view.body.value
    assert "course-live" in view.heading._dom_classes


def test_review_right_wrong_and_first_answer_only():
    """The key is right; a wrong choice names the key; a second answer to the same question is not scored."""
    review = CaseReview()
    question = review.current
    wrong = next(k for k in question.choices if k != question.answer)
    first = review.answer(wrong)
    assert not first.correct and f"the answer is {question.answer}" in first.message
    assert review.answer(question.answer).counted is False and review.score == "0 of 1"


def test_review_widget_asks_for_a_choice_then_checks():
    """Check untouched asks for a choice; the key shows a tick and the score; Next moves to question 2."""
    view = case_review()
    view.check.click()
    assert "Choose an answer" in view.feedback.value
    view.choice.value = view.review.current.answer
    view.check.click()
    assert "✔" in view.feedback.value and "1 of 1" in view.score.value
    view.next.click()
    assert "Question 2 of" in view.heading.value and view.choice.value is None


def test_walkthrough_can_open_at_a_named_step():
    """A lesson section can open the case at the step it discusses; an unknown step id is named."""
    view = case_walkthrough(start="middle-transference")
    assert "a transference moment" in view.heading.value and view.chooser.value == "middle-transference"
    assert not view.previous.disabled
    with pytest.raises(ValueError, match="no step 'middle'"):
        case_walkthrough(start="middle")


def test_every_core_concept_is_in_the_glossary_as_taught_in_lesson_01b():
    """Each new concept of lesson 01b has a glossary entry pointing to it; the older terms it uses are there too."""
    from course_lib.content.glossary import load_glossary

    terms = {t.id: t for t in load_glossary()}
    new = ["dynamic_unconscious", "compromise_formation", "triangle_of_conflict", "triangle_of_person",
           "defence_levels", "projection", "displacement", "reaction_formation", "intellectualisation", "repression",
           "sublimation", "suppression", "countertransference", "alliance_rupture", "free_association",
           "expressive_supportive_continuum", "interpretation", "confrontation", "clarification", "working_through",
           "mentalization", "ccrt", "formulation", "supervision"]
    assert all(terms[i].lesson == "01b_core_concepts" for i in new)
    assert {"transference", "resistance", "working_alliance", "defence", "emotional_insight"} <= set(terms)
