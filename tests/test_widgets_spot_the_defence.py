"""Tests for course_lib.widgets.concepts.spot_the_defence, driven from Python (no browser)."""

import pytest

from course_lib.content.concepts.defences import defence_catalogue
from course_lib.widgets.concepts.spot_the_defence import SpotTheDefence, spot_the_defence


def wrong_defence(scene):
    """A defence id other than the scene's, on another level."""
    catalogue = defence_catalogue()
    level = catalogue.defence(scene.defence).level
    return next(d.id for d in catalogue.shown_in_scenes() if d.level != level)


def test_the_right_defence_and_level_score_and_explain():
    """Naming the scene's defence and level is right, scores 1 of 1 and explains the scene."""
    game = SpotTheDefence(seed=1)
    scene = game.draw()
    level = defence_catalogue().defence(scene.defence).level
    result = game.answer(scene.defence, level)
    assert result.correct and str(game.score) == "1 of 1"
    assert scene.explanation in result.message and result.message.startswith("Right")


def test_a_plausible_wrong_defence_is_wrong_and_names_the_right_one():
    """A wrong pick is marked wrong, and the feedback names the defence the scene shows and its level."""
    game = SpotTheDefence(seed=1)
    scene = game.draw()
    result = game.answer(wrong_defence(scene))
    expected = defence_catalogue().defence(scene.defence)
    assert not result.correct and result.defence_right is False and result.level_right is None
    assert expected.name in result.message and defence_catalogue().level(expected.level).name.lower() in result.message


def test_a_level_alone_can_be_answered():
    """A student may judge only the level: right level alone counts as right."""
    game = SpotTheDefence(seed=2)
    scene = game.draw()
    result = game.answer(level=defence_catalogue().defence(scene.defence).level)
    assert result.correct and result.defence_right is None


def test_right_defence_wrong_level_is_not_right():
    """Every part given must be right: a correct defence with the wrong level does not score."""
    game = SpotTheDefence(seed=3)
    scene = game.draw()
    result = game.answer(scene.defence, "psychotic")
    assert result.defence_right and result.level_right is False and not result.correct


def test_only_the_first_answer_counts_and_nothing_repeats_in_a_round():
    """A second answer to the same scene is not scored; every scene appears once before any repeats."""
    game = SpotTheDefence(seed=4)
    scene = game.draw()
    game.answer(wrong_defence(scene))
    assert not game.answer(scene.defence).counted and str(game.score) == "0 of 1"
    seen = [scene.id] + [game.draw().id for _ in range(len(game.catalogue.scenes) - 1)]
    assert sorted(seen) == sorted(s.id for s in game.catalogue.scenes)


def test_an_empty_answer_is_refused():
    """Answering nothing is a usage error, not a wrong answer."""
    game = SpotTheDefence()
    game.draw()
    with pytest.raises(ValueError, match="choose a defence"):
        game.answer()


def test_widget_check_with_nothing_chosen_asks_for_a_choice():
    """Pressing Check untouched says what to do and leaves the score at 0 of 0."""
    view = spot_the_defence()
    view.check.click()
    assert "Choose a defence" in view.feedback.value and "0 of 0" in view.score.value


def test_widget_flow_check_then_next():
    """Choosing the right defence and pressing Check shows a tick; Next clears the choice and the feedback."""
    view = spot_the_defence(seed=5)
    view.defence.value = view.trainer.current.defence
    view.check.click()
    assert "✔" in view.feedback.value and "1 of 1" in view.score.value
    view.next.click()
    assert view.defence.value == "" and view.feedback.value == ""


def test_widget_controls_are_named_and_feedback_is_a_live_region():
    """Both drop-downs and all buttons carry a label; the feedback area is the course's live region."""
    view = spot_the_defence()
    assert all(c.description for c in (view.defence, view.level, view.check, view.next, view.reset))
    assert "course-live" in view.feedback._dom_classes
