"""Tests for course_lib.widgets.concepts.session_walkthrough: the walk-through logic and widget, driven from Python."""

from __future__ import annotations

import pytest

from course_lib.content.sessions import session
from course_lib.widgets.concepts.session_walkthrough import SessionWalkthrough, session_walkthrough


def non_directive(step):
    return next(o for o in step.options if o.stance == "non-directive")


def directive(step):
    return next(o for o in step.options if o.stance == "directive")


def test_choosing_reveals_every_option_with_label_and_stance():
    """A choice reveals all options of the step, each with what it embodies, its stance and comment."""
    walk = SessionWalkthrough()
    step = walk.current
    reveal = walk.choose(step.options[1].id)
    rows = reveal.rows()
    assert len(rows) == len(step.options) and [r[4] for r in rows].count(True) == 1 and rows[1][4]
    assert all(r[2] in ("directive", "non-directive") and r[3] for r in rows)
    assert all(o.comment in str(reveal) for o in step.options)
    assert "your pick" in reveal._repr_html_()


def test_each_step_takes_one_choice_before_moving_on():
    """You cannot move on without choosing, nor choose twice on one step."""
    walk = SessionWalkthrough()
    with pytest.raises(RuntimeError):
        walk.next_step()
    walk.choose(walk.current.options[0].id)
    with pytest.raises(RuntimeError):
        walk.choose(walk.current.options[1].id)
    assert walk.next_step() is session().steps[1]


def test_summary_counts_non_directive_picks_and_features_used():
    """Picking non-directive on every step but the first gives 'n−1 of n' and lists the features used."""
    walk = SessionWalkthrough()
    picked = []
    while not walk.finished:
        option = directive(walk.current) if walk.position == 0 else non_directive(walk.current)
        picked.append(option)
        walk.choose(option.id)
        walk.next_step()
    summary = walk.summary()
    total = len(session().steps)
    assert summary.non_directive == total - 1
    assert f"{total - 1} of {total}" in str(summary)
    assert set(summary.features_used) == {o.label for o in picked[1:]}
    assert list(summary.cbt_used) == [picked[0].label]


def test_the_session_ends_and_reset_starts_again():
    """After the last step the walk-through is finished; reset returns to step 1 with no picks."""
    walk = SessionWalkthrough()
    for _ in session().steps:
        walk.choose(walk.current.options[0].id)
        walk.next_step()
    assert walk.finished and walk.current is None
    with pytest.raises(RuntimeError):
        walk.choose("s1.a")
    walk.reset()
    assert walk.position == 0 and walk.picks == [] and not walk.finished


def test_widget_choose_reveals_and_enables_next():
    """Selecting a response and clicking Choose shows the reveal table and enables Next step."""
    view = session_walkthrough()
    assert view.next.disabled
    view.responses.value = view.responses.options[2][1]
    view.choose.click()
    assert "What each possible response embodies" in view.reveal.value and "your pick" in view.reveal.value
    assert not view.next.disabled and view.choose.disabled


def test_widget_choose_without_a_pick_asks_for_one():
    """Clicking Choose with nothing selected prompts the student and records nothing."""
    view = session_walkthrough()
    view.choose.click()
    assert "Pick one" in view.reveal.value and view.walk.picks == []


def test_widget_runs_to_the_summary_and_restarts():
    """Walking every step shows the summary; Start again returns to step 1."""
    view = session_walkthrough()
    steps = session().steps
    for _ in steps:
        view.responses.value = view.responses.options[0][1]
        view.choose.click()
        view.next.click()
    assert "non-directive response" in view.statement.value and "End of the session" in view.progress.value
    view.restart.click()
    assert f"Step 1 of {len(steps)}" in view.progress.value and steps[0].client.split()[0] in view.statement.value


def test_widget_controls_are_labelled():
    """The radio list and every button carry a visible label."""
    view = session_walkthrough()
    assert all(c.description for c in (view.responses, view.choose, view.next, view.restart))


def test_widget_choose_and_next_land_in_live_regions():
    """Choose's reveal and Next's client statement go into widgets the extension makes live regions (they had
    none): the same widget before and after, its text changed."""
    view = session_walkthrough()
    reveal, statement = view.reveal, view.statement
    assert "course-live" in reveal._dom_classes and "course-live" in statement._dom_classes
    first = statement.value
    view.responses.value = view.responses.options[0][1]
    view.choose.click()
    assert view.reveal is reveal and reveal.value
    view.next.click()
    assert view.statement is statement and statement.value != first
