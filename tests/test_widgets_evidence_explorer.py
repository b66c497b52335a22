"""Tests for course_lib.widgets.evidence.evidence_explorer, driven from Python as a student would use it."""

import html

import ipywidgets as widgets

from course_lib.evidence_views.filters import ANY, EMPTY_MESSAGE
from course_lib.widgets.evidence.evidence_explorer import evidence_explorer


def test_every_control_has_a_visible_label():
    """Each filter dropdown and the reset button carry a non-empty description."""
    explorer = evidence_explorer()
    controls = [c for c in explorer.children if isinstance(c, widgets.Dropdown | widgets.Button)]
    assert len(controls) == 5 and all(c.description.strip() for c in controls)


def test_filters_narrow_the_chart_table_and_sources():
    """Choosing placebo comparisons shows only those rows, their table and the turner2008 reference."""
    explorer = evidence_explorer()
    explorer.design.value = "between_group_vs_placebo"
    assert {r.design for r in explorer.records} == {"between_group_vs_placebo"}
    assert "turner2008_antidepressants" in explorer.output.value
    assert "<img alt=" in explorer.output.value and "<table" in explorer.output.value
    assert "Selective publication of antidepressant trials" in explorer.output.value
    assert f"{len(explorer.records)} figure(s)" in explorer.notes.value


def test_empty_selection_shows_a_message_not_an_error():
    """A combination with no figures clears the chart and shows the plain-language message."""
    explorer = evidence_explorer()
    explorer.condition.value = "depression"
    explorer.design.value = "within_group_pre_post"
    assert explorer.records == ()
    assert explorer.output.value == ""
    assert html.escape(EMPTY_MESSAGE) in explorer.notes.value


def test_disputed_row_is_flagged_when_selected():
    """Selecting long-term therapy comparisons with active treatments flags the 1.8 as disputed."""
    explorer = evidence_explorer(design="between_group_vs_active", condition="complex mental disorders")
    assert any(r.disputed for r in explorer.records)
    assert "DISPUTED" in explorer.notes.value and "DISPUTED" in explorer.output.value


def test_reset_button_shows_everything_again():
    """Clicking 'Show all figures' sets every filter to any and shows every figure in the data."""
    from course_lib.evidence import load_effect_sizes

    explorer = evidence_explorer(design="unspecified")
    assert len(explorer.records) == 2
    explorer.reset.click()
    assert all(control.value == ANY for control in explorer.filters.values())
    assert len(explorer.records) == len(load_effect_sizes()) == 81
