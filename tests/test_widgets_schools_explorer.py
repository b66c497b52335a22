"""Tests for widgets.concepts.schools_explorer: the card shows the facts, and the matching task gives feedback."""

import ipywidgets as widgets

from course_lib.content.schools import School, school, schools
from course_lib.widgets.concepts.schools_explorer import (
    check_founder_matches,
    founder_choices,
    founder_matching,
    school_card_html,
    school_card_text,
    school_cards,
    schools_explorer,
)

ALL_RIGHT = {s.id: s.founders_text for s in schools()}


def test_card_shows_every_part_of_a_school():
    """A school's card names its founders, era, key ideas, relation to psychoanalysis and classification."""
    item = school("cognitive_analytic")
    card = school_card_html(item)
    for part in ("Anthony Ryle", item.era, item.key_ideas[0], item.relation_to_psychoanalysis, "integrative"):
        assert part in card


def test_gestalt_card_explains_its_classification():
    """The Gestalt card says it is usually classed as humanistic-experiential and why it is listed anyway."""
    card = school_card_text(school("gestalt"))
    assert "humanistic-experiential" in card
    assert "psychoanalytic roots" in card
    assert "Why it is listed here" not in school_card_text(school("freudian"))


def test_card_escapes_text():
    """Card text is HTML-escaped, so data can never inject markup."""
    hostile = School(
        id="x", name="<script>", founders=("A",), era="e", key_ideas=("k",), relation_to_psychoanalysis="r",
        classification="psychodynamic", references=(),
    )
    card = school_card_html(hostile)
    assert "<script>" not in card and "&lt;script&gt;" in card


def test_founder_choices_cover_every_school_and_are_sorted():
    """The matching options hold each school's founders once, alphabetically, so order gives no hint."""
    choices = founder_choices()
    assert choices == sorted(choices)
    assert set(choices) == set(ALL_RIGHT.values())


def test_all_correct_matches_score_full_marks():
    """Matching every school to its founders reports all correct."""
    result = check_founder_matches(ALL_RIGHT)
    assert result.complete
    assert result.message() == "All 8 matched correctly."


def test_wrong_and_missing_matches_are_named():
    """A swapped pair and an unanswered school are named in the feedback, with the score."""
    guesses = dict(ALL_RIGHT)
    guesses["jungian"], guesses["lacanian"] = guesses["lacanian"], guesses["jungian"]
    guesses["kleinian"] = None
    result = check_founder_matches(guesses)
    assert not result.complete
    assert set(result.wrong) == {"jungian", "lacanian"} and result.missing == ("kleinian",)
    message = result.message()
    assert message.startswith("5 of 8 matched correctly.")
    assert "Jungian" in message and "Lacanian" in message and "Still to match: Kleinian" in message


def test_picking_a_school_updates_the_card():
    """Choosing Gestalt in the labelled dropdown shows the Gestalt card with its nuance."""
    explorer = schools_explorer()
    assert explorer.picker.description == "School"
    assert "Sigmund Freud" in explorer.card.value
    explorer.picker.value = "gestalt"
    assert "Fritz Perls and Laura Perls" in explorer.card.value
    assert "humanistic-experiential" in explorer.card.value


def test_matching_task_driven_from_python():
    """Setting the founder dropdowns and clicking Check shows the score in the feedback area."""
    explorer = schools_explorer()
    assert all(box.label == "— choose —" for box in explorer.matches.values())
    explorer.check_button.click()
    assert "0 of 8 matched correctly" in explorer.feedback.value
    for school_id, box in explorer.matches.items():
        box.value = ALL_RIGHT[school_id]
    explorer.check_button.click()
    assert "All 8 matched correctly." in explorer.feedback.value


def test_every_control_has_a_visible_label():
    """Each dropdown carries a description and the button a caption, so nothing is unlabelled."""
    explorer = schools_explorer()
    boxes = [explorer.picker, *explorer.matches.values()]
    assert all(isinstance(b, widgets.Dropdown) and b.description for b in boxes)
    assert {b.description for b in explorer.matches.values()} == {s.name for s in schools()}
    assert explorer.check_button.description == "Check matches"


def test_parts_work_on_their_own():
    """The cards and the mini-task can be shown separately (one per lesson section) and behave the same."""
    cards = school_cards()
    cards.picker.value = "lacanian"
    assert "Jacques Lacan" in cards.card.value
    task = founder_matching()
    task.matches["freudian"].value = "Sigmund Freud"
    task.check_button.click()
    assert "1 of 8 matched correctly" in task.feedback.value and "Still to match" in task.feedback.value
