"""Tests for course_lib.content.concepts.interventions and course_lib.widgets.concepts.continuum (no browser)."""

import pytest

from course_lib.content.concepts.interventions import INTERVENTIONS_FILE, continuum, load_continuum
from course_lib.content.schema import ContentError
from course_lib.widgets.concepts.continuum import ContinuumTrainer, continuum_trainer, place


def test_the_continuum_runs_from_interpretation_to_strengthening_defences():
    """Interpretation is the most expressive end; strengthening useful defences the most supportive."""
    ids = [item.id for item in continuum().interventions]
    assert ids[0] == "interpretation" and ids[-1] == "strengthening_defences"
    assert ids.index("confrontation") < ids.index("clarification") < ids.index("validation") < ids.index("advice")


def test_every_intervention_has_at_least_one_sentence():
    """Each place on the continuum can come up in the trainer."""
    labelled = {s.intervention for s in continuum().sentences}
    assert labelled == {item.id for item in continuum().interventions}


def test_the_right_place_is_right_and_explained():
    """Placing a sentence at its intervention is right and the feedback explains it."""
    sentence = next(s for s in continuum().sentences if s.intervention == "confrontation")
    result = place(continuum(), sentence, "confrontation")
    assert result.correct and result.steps == 0 and sentence.explanation in result.message


def test_mistaking_confrontation_for_interpretation_says_which_way():
    """Calling a confrontation an interpretation is wrong, one step too far towards the expressive end."""
    sentence = next(s for s in continuum().sentences if s.intervention == "confrontation")
    result = place(continuum(), sentence, "interpretation")
    assert not result.correct and result.steps == -1 and "1 step too far towards the expressive end" in result.message


def test_a_gap_in_positions_is_refused(tmp_path):
    """Positions must run 1, 2, 3 … so the continuum has no holes."""
    text = INTERVENTIONS_FILE.read_text(encoding="utf-8").replace("position = 7", "position = 9", 1)
    path = tmp_path / "interventions.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match="without gaps"):
        load_continuum(path)


def test_trainer_deals_every_sentence_once_per_round():
    """A round shows every sentence once before any repeats."""
    trainer = ContinuumTrainer(seed=3)
    seen = [trainer.draw().id for _ in continuum().sentences]
    assert sorted(seen) == sorted(s.id for s in continuum().sentences)


def test_widget_check_untouched_then_right():
    """Check with nothing chosen asks for a choice; the right choice shows a tick; Next clears it."""
    view = continuum_trainer(seed=1)
    view.check.click()
    assert "Choose a place" in view.feedback.value
    view.choice.value = view.trainer.current.intervention
    view.check.click()
    assert "✔" in view.feedback.value
    view.next.click()
    assert view.choice.value is None and view.feedback.value == ""
    assert view.choice.description and "course-live" in view.feedback._dom_classes
