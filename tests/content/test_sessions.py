"""Tests for course_lib.content.sessions: the lesson 03 walk-through data."""

from __future__ import annotations

import pytest

from course_lib.content.features import labels
from course_lib.content.schema import ContentError
from course_lib.content.sessions import Session, load_session

HEADER = """
[[session]]
id = "demo"
title = "Demo"
client = "An invented client."
note = "Invented."

[[step]]
id = "s1"
client = "I feel flat."
"""


def option(letter, label="affect", stance="non-directive", step="s1"):
    return f"""
[[option]]
id = "s1.{letter}"
step = "{step}"
text = "Response {letter}."
label = "{label}"
stance = "{stance}"
comment = "Why."
"""


def write(tmp_path, text):
    path = tmp_path / "sessions.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_walkthrough_has_at_least_six_steps_of_three_or_four_options():
    """The course's session has ≥ 6 client statements, each with 3–4 labelled responses."""
    walk = load_session()
    assert isinstance(walk, Session) and len(walk.steps) >= 6
    assert all(3 <= len(step.options) <= 4 for step in walk.steps)


def test_every_step_offers_both_stances():
    """Each step contrasts at least one directive and one non-directive response."""
    for step in load_session().steps:
        assert {o.stance for o in step.options} == {"directive", "non-directive"}, step.id


def test_every_option_label_is_a_feature_or_cbt_activity():
    """Each response is labelled with a known feature or CBT activity id and carries a comment."""
    known = set(labels())
    for step in load_session().steps:
        assert all(o.label in known and o.comment for o in step.options)


def test_the_client_is_declared_invented():
    """The session says plainly that its client is fictional."""
    walk = load_session()
    assert "invented" in walk.client.lower()
    assert "written for this course" in walk.note


def test_step_option_lookup_by_id():
    """Step.option finds a response by id and refuses an unknown one."""
    step = load_session().steps[0]
    assert step.option(step.options[1].id) is step.options[1]
    with pytest.raises(KeyError):
        step.option("nope")


def test_a_good_minimal_file_loads(tmp_path):
    """A one-step session with three options loads into one step."""
    walk = load_session(write(tmp_path, HEADER + option("a") + option("b", "homework", "directive") + option("c")))
    assert [o.id for o in walk.steps[0].options] == ["s1.a", "s1.b", "s1.c"]


def test_too_few_options_names_the_step(tmp_path):
    """A step with two options is refused, naming the step entry."""
    path = write(tmp_path, HEADER + option("a") + option("b"))
    with pytest.raises(ContentError) as info:
        load_session(path)
    assert info.value.path == path and "s1" in info.value.entry and info.value.field == "option"


def test_an_option_for_a_missing_step_names_its_step_field(tmp_path):
    """An option pointing at a step that does not exist is reported on its step field."""
    path = write(tmp_path, HEADER + option("a") + option("b") + option("c") + option("d", step="s9"))
    with pytest.raises(ContentError) as info:
        load_session(path)
    assert info.value.field == "step" and "s1.d" in info.value.entry


def test_an_unknown_label_names_the_option(tmp_path):
    """A mistyped label is caught, naming the option entry and the label field."""
    path = write(tmp_path, HEADER + option("a", label="homewrk") + option("b") + option("c"))
    with pytest.raises(ContentError) as info:
        load_session(path)
    assert info.value.field == "label" and "s1.a" in info.value.entry and str(path) in str(info.value)


def test_a_bad_stance_names_the_option(tmp_path):
    """A stance outside the two allowed values is refused for that option."""
    path = write(tmp_path, HEADER + option("a", stance="gentle") + option("b") + option("c"))
    with pytest.raises(ContentError) as info:
        load_session(path)
    assert "s1.a" in info.value.entry and "'stance'" in str(info.value)


def test_two_sessions_are_refused(tmp_path):
    """The file must describe exactly one session."""
    second = HEADER.split("[[step]]")[0].replace('"demo"', '"other"')
    path = write(tmp_path, HEADER + option("a") + option("b") + option("c") + second)
    with pytest.raises(ContentError) as info:
        load_session(path)
    assert "exactly one" in str(info.value)
