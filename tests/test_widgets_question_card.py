"""Tests for course_lib.practice.card: the practice-question card, driven from Python."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest

from course_lib.practice.bank import load_file, practice
from course_lib.practice.card import QuestionCard
from course_lib.practice.question import PracticeQuestion

SAMPLE = Path(__file__).parent / "data" / "quiz" / "02_seven_distinctive_features.toml"


@pytest.fixture
def questions():
    """The sample questions keyed by kind."""
    return {q.kind: q for q in load_file(SAMPLE)}


def card_for(questions, kind) -> QuestionCard:
    """A fresh card for the sample question of ``kind``."""
    return PracticeQuestion(questions[kind]).card()


INPUT_TYPES = {
    "single": widgets.RadioButtons,
    "multiple": widgets.Checkbox,
    "matching": widgets.Dropdown,
    "numeric": widgets.Text,
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
    assert "course-live" in card.feedback._dom_classes and "aria-live" not in card.feedback.value
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
    assert "put a letter in every position" in card.feedback.value


def test_numeric_card_typed_value_is_checked(questions):
    """Typing a number into the labelled box and checking gives the numeric verdict; the tolerance is shown."""
    card = card_for(questions, "numeric")
    labels = [child.value for child in card.children[1].children if isinstance(child, widgets.Label)]
    assert labels == ["(Answers within ±0.5 count as correct.)"]
    card.controls[0].value = "7"
    card.check_button.click()
    assert "Correct" in card.feedback.value
    card.controls[0].value = "9"
    card.check_button.click()
    assert "Incorrect" in card.feedback.value


@pytest.mark.parametrize("typed", ["0,69", "0.69", "69%", " 0,69 "])
def test_numeric_card_reads_a_comma_decimal_and_a_percent_sign(typed):
    """In lesson 05's U3 card (a proportion, 0.69 ± 0.01) a comma decimal is 0.69, not 69, and "69%" is 0.69."""
    card = practice("q05.1").card()
    card.controls[0].value = typed
    card.check_button.click()
    assert "Correct" in card.feedback.value
    assert "percentage" not in card.feedback.value


def test_numeric_card_calls_a_number_a_percentage_only_when_it_looks_like_one():
    """A bare 69 for a proportion is pointed at the proportion; a percentage question takes "17%" as 17 points."""
    card = practice("q05.1").card()
    card.controls[0].value = "69"
    card.check_button.click()
    assert "looks like a percentage" in card.feedback.value
    points = practice("q04.5").card()  # a fall in percentage points, 17 ± 0.5
    points.controls[0].value = "17%"
    points.check_button.click()
    assert "Correct" in points.feedback.value


def test_numeric_card_text_that_is_no_number_gets_a_plain_message():
    """Words in the number box are Incorrect with a plain message on how to type a number, and nothing breaks."""
    card = practice("q05.1").card()
    card.controls[0].value = "about seventy"
    card.check_button.click()
    assert "Incorrect" in card.feedback.value
    assert "type digits with a dot for decimals" in card.feedback.value


CODE_WORDS = (".hint()", ".solution()", "placeholder")


@pytest.mark.parametrize("kind", sorted(INPUT_TYPES))
def test_an_unanswered_card_speaks_of_its_controls_and_check_button(questions, kind):
    """Check on an untouched card says what to do with the card (choose, tick, type … and press Check)."""
    card = card_for(questions, kind)
    card.check_button.click()
    assert "Not attempted yet" in card.feedback.value
    assert "and press Check." in card.feedback.value
    assert not any(word in card.feedback.value for word in CODE_WORDS)


def test_an_unanswered_single_card_says_choose_an_answer(questions):
    """The untouched single-choice card asks the student to choose an answer first."""
    card = card_for(questions, "single")
    card.check_button.click()
    assert "choose an answer and press Check" in card.feedback.value


@pytest.mark.parametrize("kind", ["single", "multiple", "matching", "numeric", "ordering"])
def test_a_wrong_answer_on_a_card_points_to_the_hint_button(questions, kind):
    """After a wrong answer the card says "press Hint", never ".hint()"."""
    card = card_for(questions, kind)
    card.set_answer(20 if kind == "numeric" else questions[kind].wrong[0])  # the numeric wrongs are "close" (no hint)
    card.check_button.click()
    assert "Incorrect" in card.feedback.value
    assert "Try again, or press Hint." in card.feedback.value
    assert not any(word in card.feedback.value for word in CODE_WORDS)


def test_past_the_last_hint_a_card_points_to_its_show_solution_button(questions):
    """Pressing Hint after the last hint says "Press Show solution", never ".solution()"."""
    card = card_for(questions, "single")
    for _ in range(len(questions["single"].hints) + 1):
        card.hint_button.click()
    assert "No more hints" in card.feedback.value
    assert "Press Show solution" in card.feedback.value
    assert not any(word in card.feedback.value for word in CODE_WORDS)


def test_a_reflection_card_points_to_its_show_solution_button(questions):
    """A written reflection on a card is Noted and points to the Show solution button."""
    card = card_for(questions, "reflection")
    card.controls[0].value = "Both traditions share many activities."
    card.check_button.click()
    assert "Press Show solution to compare your thinking" in card.feedback.value
    assert not any(word in card.feedback.value for word in CODE_WORDS)


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


def test_card_feedback_is_one_live_region_not_one_inside_another(questions):
    """The card's feedback widget is the live region (the extension marks it once); its content holds none."""
    card = card_for(questions, "numeric")
    card.check_button.click()
    assert "role=" not in card.feedback.value and "aria-live" not in card.feedback.value


def test_an_untouched_list_says_choose_and_reads_as_no_answer(questions):
    """Matching and ordering lists start on "— choose —" (never a blank box) and an untouched one is no answer."""
    for kind in ("matching", "ordering"):
        card = card_for(questions, kind)
        assert all(box.label == "— choose —" for box in card.controls)
        answer = card.answer()
        assert all(v is None for v in (answer.values() if kind == "matching" else answer))
