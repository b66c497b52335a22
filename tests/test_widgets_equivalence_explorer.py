"""Tests for course_lib.widgets.evidence.equivalence_explorer and its chart: controls, live verdict, chart contract."""

import ipywidgets as widgets
from chart_checks import assert_basics

from course_lib.charts.equivalence import equivalence_chart
from course_lib.evidence_views.equivalence import EQUIVALENT, INFERIOR, NOT_SHOWN, read_interval
from course_lib.widgets.evidence.equivalence_explorer import equivalence_explorer


def test_every_control_is_a_named_slider():
    """Three sliders, each with a visible description."""
    explorer = equivalence_explorer()
    sliders = [c for c in explorer.children if isinstance(c, widgets.FloatSlider | widgets.IntSlider)]
    assert len(sliders) == 3 and all(s.description.strip() for s in sliders)


def test_starts_on_a_small_trial_that_does_not_show_equivalence():
    """The opening setting (d = 0, 40 per arm, margin 0.25) announces 'not significantly different'."""
    explorer = equivalence_explorer()
    assert explorer.reading.verdict == NOT_SHOWN
    assert "course-live" in explorer.readout._dom_classes
    assert "equivalence not shown" in explorer.readout.value


def test_moving_the_sample_size_announces_equivalence_and_redraws():
    """Raising people per arm to 600 changes the announced verdict to equivalent and redraws the chart."""
    explorer = equivalence_explorer()
    before = explorer.figure.value
    explorer.size.value = 600
    assert explorer.reading.verdict == EQUIVALENT
    assert "Verdict: equivalent" in explorer.readout.value
    assert explorer.figure.value != before and "<img alt=" in explorer.figure.value


def test_moving_the_difference_below_zero_names_the_favoured_therapy():
    """A clearly negative difference reads as inferior and says that it favours the comparison therapy."""
    explorer = equivalence_explorer(n_per_group=200)
    explorer.difference.value = -0.5
    assert explorer.reading.verdict == INFERIOR and "comparison therapy did better" in explorer.readout.value


def test_chart_follows_the_chart_contract():
    """Alt text with both intervals and the verdict, a data table, the margin's source, readable contrast."""
    chart = equivalence_chart(read_interval(0.1, 60, 0.25))
    assert_basics(chart)
    assert "95% interval runs from" in chart.alt_text and "Verdict:" in chart.alt_text
    assert dict(chart.rows)["Equivalence margin (±)"] == 0.25
