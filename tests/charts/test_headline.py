"""Tests for course_lib.charts.headline: the headline comparison with its caveat on the figure."""

import warnings

import pytest
from matplotlib.patches import Rectangle

from course_lib.charts import DESIGN_STYLES, headline_comparison
from course_lib.evidence import select
from tests.support.chart_checks import assert_basics, figure_texts, table_ids


@pytest.fixture(scope="module")
def chart():
    return headline_comparison()


def test_basics(chart):
    """Real alt text, valid citations including shedler2010, Okabe–Ito colours."""
    assert_basics(chart)
    assert "shedler2010" in chart.citations


def test_table_holds_the_four_headline_figures(chart):
    """Exactly the four headline records are plotted, in order."""
    assert table_ids(chart) == ["abbass2006_shedler_post", "abbass2006_shedler_fu",
                                "turner2008_antidepressants", "haby2006_cbt"]


def test_caveat_written_on_the_figure(chart):
    """The caveat that the bars compare different things is a text on the figure itself."""
    text = figure_texts(chart)
    assert "do not compare the same things" in text
    assert "only with wait-list, usual care or minimal treatment" in text
    assert "0.42 and 0.51" in text


def test_alt_text_has_numbers_and_caveat(chart):
    """The alt text names 0.97, 1.51, 0.31, 0.68, the weak controls, and the caveat."""
    for piece in ("0.97", "1.51", "0.31", "0.68", "against weak controls", "do not compare the same things"):
        assert piece in chart.alt_text


def test_bars_hatched_by_design(chart):
    """Bars differ by hatch as well as colour, so design does not rest on colour alone."""
    bars = [p for p in chart.figure.axes[0].patches if isinstance(p, Rectangle)]
    assert {bar.get_hatch() or "" for bar in bars} == {DESIGN_STYLES[d][2] for d in
                                                       ("unspecified", "between_group_vs_placebo",
                                                        "between_group_vs_control")}


def test_untraced_headline_in_labels(chart):
    """Both abbass2006 bars are labelled as against weak controls and not traced."""
    assert figure_texts(chart).count("[vs weak controls; not traced]") == 2


def test_needs_a_headline_record():
    """Records without any headline figure raise ValueError."""
    with pytest.raises(ValueError, match="headline"):
        headline_comparison(select(study_key="smit2012"))


def test_renders_without_warnings(chart):
    """Rendering the SVG raises no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert chart.svg()
