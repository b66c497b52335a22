"""Tests for course_lib.charts.follow_up: post vs follow-up with the counter-evidence beside it."""

import warnings

import pytest

from course_lib.charts import post_vs_follow_up
from course_lib.charts.follow_up import follow_up_series, success_rates
from course_lib.evidence import load_effect_sizes, select
from tests.support.chart_checks import assert_basics, figure_texts, table_ids


@pytest.fixture(scope="module")
def chart():
    return post_vs_follow_up()


def test_basics(chart):
    """Real alt text, valid citations, Okabe–Ito colours."""
    assert_basics(chart)


def test_pairs_found():
    """The course's post/follow-up pairs are found, each in time order."""
    series = {tuple(r.id for r in s) for s in follow_up_series(load_effect_sizes())}
    assert ("abbass2006_shedler_post", "abbass2006_shedler_fu") in series
    assert ("leichsenring2004_target_post", "leichsenring2004_target_follow_up") in series
    assert ("demaat2013_all_post", "demaat2013_all_follow_up") in series
    assert ("keefe2014_vs_active_post", "keefe2014_vs_active_follow_up",
            "keefe2014_vs_active_long_term_follow_up") in series


def test_table_holds_exactly_the_plotted_records(chart):
    """The table lists the paired records plus town2012's change estimate, nothing unpaired."""
    ids = table_ids(chart)
    assert "town2012_further" in ids and "keefe2014_vs_active_long_term_follow_up" in ids
    assert "demaat2009_lpt_symptom_post" not in ids  # no follow-up partner
    assert "keefe2014_vs_control" not in ids


def test_alt_text_has_rises_and_counter_evidence(chart):
    """Alt text names the rises (0.97 → 1.51, 0.18 further) and the counter-evidence (−0.11/−0.26, 64% to 55%)."""
    alt = chart.alt_text
    assert "0.97 (end of treatment) → 1.51 (follow-up)" in alt and "0.18" in alt
    assert "0.02 (end of treatment) → −0.11 (follow-up) → −0.26 (long-term follow-up)" in alt
    assert "64% to 55%" in alt and "71% to 54%" in alt
    assert "counter-evidence" in alt.lower()


def test_counter_evidence_on_the_figure(chart):
    """The falling success rates and the keefe2014 follow-ups are drawn on the same figure."""
    text = figure_texts(chart)
    assert "success rates fell" in text and "64%" in text and "54%" in text
    assert "−0.26" in text and "keefe2014 · anxiety" in text


def test_success_rates_read_from_notes():
    """demaat2009's notes yield its two success-rate drops."""
    rates = success_rates(select(study_key="demaat2009"))
    assert sorted(rates) == [("demaat2009", "psychoanalysis", 71, 54), ("demaat2009", "psychotherapy", 64, 55)]


def test_records_without_pairs_rejected():
    """Records with nothing measured twice raise ValueError."""
    with pytest.raises(ValueError, match="follow-up"):
        post_vs_follow_up(select(study_key="haby2006"))


def test_renders_without_warnings(chart):
    """Rendering the SVG raises no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert chart.svg()
