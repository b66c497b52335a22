"""Tests for course_lib.charts.forest: the explorer's dot plot of any selection."""

import warnings

from matplotlib.lines import Line2D

from course_lib.charts import DESIGN_STYLES, forest
from course_lib.evidence import DESIGNS, select
from tests.support.chart_checks import assert_basics, figure_texts, table_ids


def test_mixed_designs_drawn_with_legend():
    """Each design in the selection has its colour and marker on the plot and an entry in the legend."""
    records = select(study_key={"smit2012", "turner2008", "town2012"})
    chart = forest(records, title="Mixed")
    assert_basics(chart)
    assert table_ids(chart) == [r.id for r in records]
    legend_labels = {t.get_text() for legend in chart.figure.legends for t in legend.get_texts()}
    for design in {r.design for r in records}:
        assert DESIGNS[design] in legend_labels
        colour, marker, _ = DESIGN_STYLES[design]
        marks = [line for ax in chart.figure.axes for line in ax.lines if isinstance(line, Line2D)]
        assert any(line.get_marker() == marker and line.get_color() == colour for line in marks)


def test_ci_whiskers_drawn_where_given():
    """Records with a confidence interval get a whisker spanning it."""
    chart = forest(select(study_key="smit2012"))
    segments = [seg for ax in chart.figure.axes for coll in ax.collections for seg in coll.get_segments()]
    spans = {(round(seg[0][0], 2), round(seg[1][0], 2)) for seg in segments}
    assert (-0.55, 0.46) in spans and (-0.78, 0.04) in spans


def test_few_records_listed_one_by_one_in_alt():
    """With a handful of records the alt text gives every value."""
    chart = forest(select(study_key="keefe2014"))
    for value in ("0.64", "0.02", "−0.11", "−0.26"):
        assert value in chart.alt_text


def test_disputed_flagged():
    """A selection holding the 1.8 flags it as disputed in labels and alt text."""
    chart = forest(select(study_key="leichsenring2008"))
    assert "[DISPUTED]" in figure_texts(chart)
    assert "DISPUTED" in chart.alt_text and "thombs2011" in chart.alt_text


def test_empty_selection_gives_a_message_not_an_error():
    """No records: a small chart that says nothing matches, with an empty table."""
    chart = forest([])
    assert "No figures match" in figure_texts(chart)
    assert chart.rows == () and "no figures match" in chart.alt_text


def test_renders_without_warnings():
    """Rendering the SVG raises no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert forest(select(study_key="abbass2006")).svg()


def test_alt_text_names_the_uneven_dropout_of_the_tfp_trial():
    """Each doering2010 figure is described with its uneven dropout, so the caveat is not only in the table."""
    chart = forest(select(study_key="doering2010"))
    assert chart.alt_text.count("with uneven dropout between the arms") == 5
