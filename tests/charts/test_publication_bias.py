"""Tests for course_lib.charts.publication_bias: published vs adjusted, psychotherapy and antidepressants."""

import warnings

import pytest

from course_lib.charts import publication_bias
from course_lib.charts.publication_bias import bias_pairs
from tests.support.chart_checks import assert_basics, figure_texts, table_ids


@pytest.fixture(scope="module")
def chart():
    return publication_bias()


def test_basics(chart):
    """Real alt text, valid citations, Okabe–Ito colours."""
    assert_basics(chart)


def test_table_holds_exactly_the_plotted_records(chart):
    """Both cuijpers pairs and the turner2008 figure, nothing else."""
    assert table_ids(chart) == ["cuijpers2010_unadjusted", "cuijpers2010_adjusted", "cuijpers2019_unadjusted",
                                "cuijpers2019_adjusted", "turner2008_antidepressants"]


def test_pairs_are_unadjusted_then_adjusted(chart):
    """bias_pairs matches each study's unadjusted figure with its adjusted one."""
    from course_lib.evidence import select

    pairs = bias_pairs(select(study_key={"cuijpers2010", "cuijpers2019"}))
    assert [(a.effect_size, b.effect_size) for a, b in pairs] == [(0.67, 0.42), (0.7, 0.31)]


def test_alt_text_numbers(chart):
    """The alt text gives 0.67 → 0.42, 0.70 → 0.31, the antidepressant 0.31 and the 32% inflation."""
    alt = chart.alt_text
    assert "0.67 unadjusted, 0.42 adjusted" in alt and "0.7 unadjusted, 0.31 adjusted" in alt
    assert "about 32% larger" in alt and "11% to 69% per drug" in alt


def test_inflation_is_an_annotation_not_a_bar(chart):
    """The published-only antidepressant effect is written on the figure, not drawn as an invented bar."""
    assert "about 32% larger" in figure_texts(chart)
    bar_widths = sorted(round(p.get_width(), 2) for ax in chart.figure.axes for p in ax.patches)
    assert bar_widths == [0.31, 0.31, 0.42, 0.67, 0.7]


def test_renders_without_warnings(chart):
    """Rendering the SVG raises no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert chart.svg()
