"""Tests for course_lib.widgets.question_card: the practice-question card, driven from Python."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest

from course_lib.quiz.bank import load_file
from course_lib.widgets.question_card import QuestionCard, question_card

SAMPLE = Path(__file__).parent / "data" / "quiz" / "02_seven_distinctive_features.toml"


@pytest.fixture
def questions():
    """The sample questions keyed by kind."""
    return {q.kind: q for q in load_file(SAMPLE)}


def card_for(questions, kind) -> QuestionCard:
    """A fresh card for the sample question of ``kind``."""
    return question_card(questions[kind])


INPUT_TYPES = {
    "single": widgets.RadioButtons,
    "multiple": widgets.Checkbox,
    "matching": widgets.Dropdown,
    "numeric": widgets.FloatText,
    "ordering": widgets.Dropdown,
    "reflection": widgets.Textarea,
}


@pytest.mark.parametrize("kind", sorted(INPUT_TYPES))
def test_inputs_match_the_kind_and_are_labelled(questions, kind):
    """Each kind gets its own stock control(s), each with a visible description label."""
    card = card_for(questions, kind)
    assert card.controls
    assert all(isinstance(c, INPUT_TYPES[kind]) for c in card.controls)
    assert all(c.description.strip() for c in card.controls)


def test_one_control_per_option_item_or_position(questions):
    """Multiple select has a checkbox per option; matching a dropdown per item; ordering one per position."""
    assert len(card_for(questions, "multiple").controls) == len(questions["multiple"].choices)
    assert len(card_for(questions, "matching").controls) == len(questions["matching"].left)
    assert [c.description for c in card_for(questions, "ordering").controls] == [
        "Position 1:", "Position 2:", "Position 3:"]


def test_buttons_have_description_tooltip_and_icon(questions):
    """Check, Hint and Show solution buttons each have a label, a tooltip and an icon."""
    card = card_for(questions, "single")
    for button, label in [(card.check_button, "Check"), (card.hint_button, "Hint"),
                          (card.solution_button, "Show solution")]:
        assert button.description == label
        assert button.tooltip
        assert button.icon


def test_untouched_card_checks_not_attempted(questions):
    """Checking before choosing anything says not attempted, in a polite live region."""
    card = card_for(questions, "numeric")
    card.check_button.click()
    assert card.feedback.value.startswith('<div aria-live="polite"')
    assert "Not attempted yet" in card.feedback.value


def test_single_card_right_and_wrong(questions):
    """Choosing the right radio button checks correct; a wrong one replaces it with incorrect (not appended)."""
    card = card_for(questions, "single")
    card.controls[0].value = "B"
    card.check_button.click()
    assert "Correct" in card.feedback.value
    card.controls[0].value = "A"
    card.check_button.click()
    assert "Incorrect" in card.feedback.value
    assert "Correct." not in card.feedback.value


def test_multiple_card_ticks_give_partial_feedback(questions):
    """Ticking one right and one wrong box gives the partial count."""
    card = card_for(questions, "multiple")
    card.controls[0].value = True  # A (right)
    card.controls[1].value = True  # B (wrong)
    card.check_button.click()
    assert "1 of 2 correct options chosen; 1 chosen option is not correct" in card.feedback.value


def test_matching_card_partial_then_complete(questions):
    """One dropdown set counts as partly matched; setting both to the key is correct."""
    card = card_for(questions, "matching")
    card.controls[0].value = "B"
    card.check_button.click()
    assert "1 of 2 matched correctly" in card.feedback.value
    card.controls[1].value = "A"
    card.check_button.click()
    assert "all 2 matched correctly" in card.feedback.value


def test_ordering_card_with_an_empty_position_asks_to_fill_it(questions):
    """An ordering with an empty position asks for every position to be filled."""
    card = card_for(questions, "ordering")
    card.controls[0].value = "A"
    card.check_button.click()
    assert "put an item in every position" in card.feedback.value


def test_numeric_card_typed_value_is_checked(questions):
    """Typing a number into the labelled box and checking gives the numeric verdict; the tolerance is shown."""
    card = card_for(questions, "numeric")
    labels = [child.value for child in card.children[1].children if isinstance(child, widgets.Label)]
    assert labels == ["(Answers within ±0.5 count as correct.)"]
    card.controls[0].value = 7
    card.check_button.click()
    assert "Correct" in card.feedback.value


def test_reflection_card_notes_text_and_says_it_is_not_stored(questions):
    """A reflection card says its text is not stored or sent; written text is Noted."""
    card = card_for(questions, "reflection")
    note_text = "".join(child.value for child in card.children[1].children if isinstance(child, widgets.HTML))
    assert "not stored or sent anywhere" in note_text
    card.controls[0].value = "Both traditions share many activities."
    card.check_button.click()
    assert "Noted" in card.feedback.value


def test_hint_and_solution_buttons_update_feedback(questions):
    """Hint shows the numbered hint; Show solution replaces it with the answer and references."""
    card = card_for(questions, "single")
    card.hint_button.click()
    assert "Hint 1 of 2" in card.feedback.value
    card.solution_button.click()
    assert "Hint 1 of 2" not in card.feedback.value
    assert "Solution to q02.1" in card.feedback.value
    assert "References" in card.feedback.value
