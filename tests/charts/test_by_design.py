"""Tests for course_lib.charts.by_design: psychodynamic figures, one panel per design."""

import warnings

import pytest

from course_lib.charts import by_design
from course_lib.charts.by_design import is_psychodynamic
from course_lib.charts.layout import row_label_texts
from course_lib.evidence import DESIGNS, effect_size, load_effect_sizes, select
from tests.support.chart_checks import assert_basics, figure_texts, table_ids


@pytest.fixture(scope="module")
def chart():
    return by_design()


def test_basics(chart):
    """Real alt text, valid citations (incl. the critiques of the 1.8), Okabe–Ito colours."""
    assert_basics(chart)
    assert {"thombs2011", "bhar2010"} <= set(chart.citations)


def test_table_holds_exactly_the_psychodynamic_records(chart):
    """The table lists every psychodynamic figure and nothing else, CBT and drug rows left out."""
    expected = [r.id for r in load_effect_sizes() if is_psychodynamic(r)]
    assert table_ids(chart) == expected
    assert "haby2006_cbt" not in expected and "leichsenring2003_cbt_overall" not in expected


def test_one_panel_per_design(chart):
    """Each design present gets its own axes titled with its label; never one undifferentiated axis."""
    designs = {effect_size(i).design for i in table_ids(chart)}
    titles = [ax.get_title(loc="left") for ax in chart.figure.axes]
    assert len(titles) == len(designs) >= 3
    for design in designs:
        assert sum(t.startswith(DESIGNS[design]) for t in titles) == 1


def test_disputed_marked_in_labels_and_alt(chart):
    """The 1.8 carries "DISPUTED" in its row label and value label, and the alt text says why."""
    text = figure_texts(chart)
    assert "leichsenring2008 · overall effectiveness · end of treatment [DISPUTED]" in text
    assert "1.8 disputed" in text
    assert "1.8 from leichsenring2008, which is DISPUTED" in chart.alt_text
    assert "0.44 to 0.68" in chart.alt_text


def test_headline_figures_labelled_as_against_weak_controls(chart):
    """The 0.97 and 1.51 are labelled as against weak controls and untraced, on the figure and in the alt text."""
    assert figure_texts(chart).count("[vs weak controls; not traced]") == 2
    assert "0.97, against weak controls" in chart.alt_text and "1.51, against weak controls" in chart.alt_text
    assert "type not stated" not in chart.alt_text


def test_alt_text_gives_ranges_and_medians(chart):
    """The alt text gives each panel's range and the medians that show within-group figures run larger."""
    assert "from 0.54 to 1.79" in chart.alt_text
    assert "within-group pre-post figures, median 1.16" in chart.alt_text


def test_filters_given_records():
    """Given records, only their psychodynamic ones are drawn."""
    chart = by_design(select(study_key={"keefe2014", "haby2006"}))
    assert set(table_ids(chart)) == {r.id for r in select(study_key="keefe2014")}


def test_no_psychodynamic_records_is_an_error():
    """Records with no psychodynamic figure raise ValueError rather than drawing an empty chart."""
    with pytest.raises(ValueError, match="psychodynamic"):
        by_design(select(study_key="turner2008"))


def test_renders_without_warnings(chart):
    """Rendering the SVG raises no warning (a notebook must print none)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert chart.svg()


def test_one_labelled_row_per_table_row(chart):
    """The figure has one labelled row per table row: the table is exactly what is plotted."""
    labels = [label for ax in chart.figure.axes for label in row_label_texts(ax)]
    assert len(labels) == len(chart.rows)
