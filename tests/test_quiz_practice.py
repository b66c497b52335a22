"""Tests for course_lib.practice.question: the PracticeQuestion a lesson uses (check, hint, solution, card, display)."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest

from course_lib.practice.bank import load_file
from course_lib.practice.question import PracticeQuestion

SAMPLE = Path(__file__).parent / "data" / "quiz" / "02_seven_distinctive_features.toml"


@pytest.fixture
def single():
    """A fresh practice wrapper around the sample single-choice question (two hints)."""
    return PracticeQuestion(next(q for q in load_file(SAMPLE) if q.kind == "single"))


def test_hint_sequence_advances_then_stops(single):
    """Each hint() call gives the next hint; after the last, every call says there are no more."""
    shown = [str(single.hint()) for _ in range(4)]
    assert shown[0].startswith("Hint 1 of 2")
    assert shown[1].startswith("Hint 2 of 2")
    assert shown[2].startswith("No more hints")
    assert shown[3] == shown[2]


def test_check_delegates_to_checking(single):
    """check() gives Correct for the key and NotAttempted for the placeholder."""
    assert single.check("B")
    assert single.check(None).status == "not-attempted"


def test_solution_is_available_before_any_hint(single):
    """solution() can be asked for at any time and shows the answer."""
    assert "B. A focus on affect" in str(single.solution())


def test_display_is_rich_and_plain(single):
    """Displaying the question shows HTML in JupyterLab and readable text elsewhere."""
    assert "<strong>Practice question q02.1</strong>" in single._repr_html_()
    assert repr(single).startswith("Practice question q02.1\n")


def test_card_is_a_widget_sharing_hint_state(single):
    """card() returns an ipywidgets widget whose Hint button continues the same hint sequence."""
    single.hint()
    card = single.card()
    assert isinstance(card, widgets.Widget)
    card.hint_button.click()
    assert "Hint 2 of 2" in card.feedback.value


def test_id_and_kind_are_exposed(single):
    """The wrapper exposes the question's id and kind."""
    assert (single.id, single.kind) == ("q02.1", "single")
