"""Tests for course_lib.widgets.concepts.feature_explorer, driven from Python (no browser)."""

from __future__ import annotations

import ipywidgets as widgets

from course_lib.content.features import cbt_activities, features
from course_lib.content.vignettes import vignettes_for
from course_lib.widgets.concepts.feature_explorer import choices, exchange_html, feature_explorer, item_html


def test_choices_list_seven_features_and_optionally_six_activities():
    """The selector offers the seven features, and thirteen items once CBT activities are included."""
    assert [v for _, v in choices()] == [f.id for f in features()]
    assert len(choices(include_cbt=True)) == 13


def test_item_html_shows_name_description_and_clinical_term():
    """A feature card names the feature, describes it and gives its clinical term."""
    avoidance = next(f for f in features() if f.id == "avoidance")
    text = item_html(avoidance)
    assert avoidance.name in text and "working with resistance" in text and "Feature 2 of 7" in text
    assert "How it is thought to help" not in text
    assert "How it is thought to help" in item_html(avoidance, show_mechanism=True)


def test_item_html_marks_a_cbt_activity_as_such():
    """A CBT activity card says it is CBT-distinctive and cites the mirror review."""
    text = item_html(cbt_activities()[0])
    assert "CBT-distinctive" in text and "blagys2002" in text


def test_exchange_html_escapes_and_can_add_the_explanation():
    """Exchanges render both speakers; markup in the text is escaped; the explanation is optional."""
    example = vignettes_for("affect")[0]
    assert "Why:" not in exchange_html(example) and "Why:" in exchange_html(example, with_explanation=True)
    tricky = example.__class__("x", "affect", "non-directive", "<b>hi</b>", "ok", "why")
    assert "<b>hi</b>" not in exchange_html(tricky)


def test_selecting_a_feature_updates_card_and_example():
    """Choosing 'past' shows that feature's card and one of its own exchanges."""
    view = feature_explorer()
    view.selector.value = "past"
    assert "Discussion of past experience" in view.card.value
    assert vignettes_for("past")[0].explanation in view.example.value


def test_show_another_cycles_through_that_features_examples():
    """Each click of 'Show another example' shows the next exchange, wrapping round at the end."""
    view = feature_explorer()
    examples = vignettes_for("affect")
    seen = []
    for _ in range(len(examples) + 1):
        seen.append(next(v.id for v in examples if v.explanation in view.example.value))
        view.another.click()
    assert seen[: len(examples)] == [v.id for v in examples] and seen[-1] == examples[0].id


def test_the_toggle_adds_and_removes_cbt_activities():
    """The checkbox adds the six CBT activities; unticking while one is shown falls back to a feature."""
    view = feature_explorer()
    view.show_cbt.value = True
    view.selector.value = "homework"
    assert "CBT-distinctive activity" in view.card.value and "Homework" in view.card.value
    view.show_cbt.value = False
    assert view.selector.value == "affect" and len(view.selector.options) == 7


def test_every_control_has_a_visible_label():
    """The checkbox, dropdown and button all carry a description a student can read."""
    view = feature_explorer()
    assert isinstance(view, widgets.VBox)
    assert all(c.description for c in (view.show_cbt, view.selector, view.another))


def test_the_explorer_can_start_with_cbt_activities_listed():
    """include_cbt=True ticks the toggle and lists all thirteen items from the start."""
    view = feature_explorer(include_cbt=True)
    assert view.show_cbt.value and len(view.selector.options) == 13
    assert view.selector.description == "Feature or CBT activity:"
