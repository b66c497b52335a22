"""Tests for course_lib.charts.within_between: the demo's chart follows the Chart contract."""

from course_lib.charts.within_between import within_between_chart
from course_lib.evidence_views.within_between import simulate


def test_chart_alt_text_states_the_key_numbers():
    """The alt text gives the pre-post and between-group d that the picture shows, in words."""
    result = simulate(0.8, 0.3)
    chart = within_between_chart(result)
    assert f"{result.pre_post_treated:.2f}" in chart.alt_text
    assert f"{result.between_group:.2f}" in chart.alt_text
    assert "stays flat" in chart.alt_text


def test_chart_table_holds_the_plotted_numbers_and_html_has_alt():
    """The data table lists the three effect sizes, and the HTML image carries the alt text."""
    result = simulate(0.5, 0.2)
    chart = within_between_chart(result)
    table = dict(chart.rows)
    assert table["Between-group d at the end"] == round(result.between_group, 2)
    assert table["Treated group pre-post d"] == round(result.pre_post_treated, 2)
    page = chart.to_html()
    assert '<img alt="Two panels from a simulated trial' in page and "<table" in page


def test_chart_has_two_labelled_panels():
    """Both panels have axis labels and titles a reader can follow."""
    chart = within_between_chart(simulate(0.8, 0.3))
    axes = chart.figure.axes
    assert len(axes) == 2
    assert all(ax.get_title() and ax.get_ylabel() for ax in axes)
