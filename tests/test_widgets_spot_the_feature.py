"""Tests for course_lib.widgets.concepts.spot_the_feature: the game logic and its widget, driven from Python."""

from __future__ import annotations

import pytest

from course_lib.content.vignettes import vignettes
from course_lib.widgets.concepts.spot_the_feature import SpotTheFeature, feedback_message, spot_the_feature
from course_lib.widgets.drill import Score


def wrong_label(vignette):
    return "homework" if vignette.label != "homework" else "affect"


def test_the_same_seed_draws_the_same_sequence():
    """Two games with one seed show exchanges in the same order; another seed differs."""
    first = [SpotTheFeature(seed=3).draw().id]
    a, b, c = SpotTheFeature(seed=3), SpotTheFeature(seed=3), SpotTheFeature(seed=4)
    order_a = [a.draw().id for _ in range(10)]
    assert order_a == [b.draw().id for _ in range(10)] and order_a[0] == first[0]
    assert order_a != [c.draw().id for _ in range(10)]


def test_no_repeats_until_every_exchange_has_been_seen():
    """A full round shows every vignette exactly once; the next round starts afresh without an immediate repeat."""
    game = SpotTheFeature(seed=1)
    n = len(game.items)
    round_one = [game.draw().id for _ in range(n)]
    assert sorted(round_one) == sorted(v.id for v in vignettes()) and game.remaining == 0
    assert game.draw().id != round_one[-1] and game.remaining == n - 1


def test_a_right_answer_scores_and_explains():
    """Answering with the exchange's label is correct, counted, and explained."""
    game = SpotTheFeature(seed=0)
    shown = game.draw()
    result = game.answer(shown.label)
    assert result.correct and result.counted and shown.explanation in result.message
    assert str(game.score) == "1 of 1"


def test_a_wrong_answer_names_the_right_label_and_explains():
    """A wrong pick is marked wrong, says what the exchange shows, and still explains why."""
    game = SpotTheFeature(seed=0)
    shown = game.draw()
    result = game.answer(wrong_label(shown))
    assert not result.correct and result.expected == shown.label
    assert "Not quite" in result.message and shown.explanation in result.message
    assert game.score == Score(0, 1)


def test_only_the_first_answer_to_an_exchange_counts():
    """Changing an answer after checking gives feedback but does not change the score."""
    game = SpotTheFeature(seed=0)
    shown = game.draw()
    game.answer(wrong_label(shown))
    again = game.answer(shown.label)
    assert again.correct and not again.counted and str(game.score) == "0 of 1"


def test_running_score_over_five_exchanges():
    """Three right and two wrong answers read '3 of 5'."""
    game = SpotTheFeature(seed=2)
    for n in range(5):
        shown = game.draw()
        game.answer(shown.label if n < 3 else wrong_label(shown))
    assert str(game.score) == "3 of 5"


def test_reset_clears_score_and_starts_a_new_round():
    """Start over sets the score to 0 of 0 and a full deck is available again."""
    game = SpotTheFeature(seed=0)
    for _ in range(4):
        game.answer(game.draw().label)
    game.reset()
    assert str(game.score) == "0 of 0" and game.current is None
    game.draw()
    assert game.remaining == len(game.items) - 1


def test_answering_before_drawing_or_with_an_unknown_label_is_refused():
    """The game refuses an answer with nothing drawn, and a label that is not a known id."""
    game = SpotTheFeature()
    with pytest.raises(RuntimeError):
        game.answer("affect")
    game.draw()
    with pytest.raises(ValueError):
        game.answer("feelings")


def test_a_feature_cbt_mix_up_points_to_the_stance():
    """Mistaking a CBT exchange for a feature adds a note on the therapist's stance."""
    cbt = next(v for v in vignettes() if v.label == "homework")
    assert "directive" in feedback_message(cbt, "affect")
    assert "stance" not in feedback_message(cbt, "homework")


def test_widget_check_shows_feedback_and_score():
    """Picking in the dropdown and clicking Check shows the verdict and the running score."""
    view = spot_the_feature(seed=5)
    shown = view.game.current
    view.choice.value = shown.label
    view.check.click()
    assert "Correct" in view.feedback.value and "1 of 1" in view.score.value


def test_widget_check_without_a_pick_asks_for_one():
    """Clicking Check with nothing picked prompts the student and scores nothing."""
    view = spot_the_feature()
    view.check.click()
    assert "Pick" in view.feedback.value and str(view.game.score) == "0 of 0"


def test_widget_next_and_start_over():
    """Next draws a new exchange and clears the pick; Start over resets the score."""
    view = spot_the_feature(seed=5)
    first = view.game.current
    view.choice.value = wrong_label(first)
    view.check.click()
    view.next.click()
    assert view.game.current.id != first.id and view.choice.value == "" and view.feedback.value == ""
    assert view.choice.label == "— choose —"  # not a blank box
    assert view.game.current.client.split()[0] in view.exchange.value
    view.reset.click()
    assert "0 of 0" in view.score.value


def test_widget_controls_are_labelled():
    """The dropdown and buttons each have a visible label."""
    view = spot_the_feature()
    assert all(c.description for c in (view.choice, view.check, view.next, view.reset))


def test_widget_check_lands_in_a_live_region():
    """Check's verdict goes into a widget the extension makes a live region (it had none)."""
    view = spot_the_feature(seed=2)
    feedback = view.feedback
    assert "course-live" in feedback._dom_classes
    view.choice.value = wrong_label(view.game.current)
    view.check.click()
    assert view.feedback is feedback and feedback.value
