"""Tests for widgets.evidence.who_benefits: each condition shows its evidence honestly, and the follow-up view
sets the claim beside the figures that qualify it."""

import ipywidgets as widgets
import pytest

from course_lib.content.conditions import condition, conditions, follow_up_evidence
from course_lib.evidence import effect_size
from course_lib.widgets.evidence.who_benefits import (
    chart_html,
    condition_html,
    design_caveat,
    follow_up_html,
    follow_up_overview_html,
    gains_after_therapy,
    rows_for,
    who_benefits_map,
)


def follow_up(entry_id):
    return next(f for f in follow_up_evidence() if f.id == entry_id)


def test_design_caveat_warns_when_within_and_between_figures_mix():
    """Mixing within-group and between-group figures triggers the do-not-compare warning, with counts."""
    text = design_caveat(rows_for(condition("complex_mixed")))
    assert "within-group" in text and "between-group" in text
    assert "do not compare them directly" in text


def test_design_caveat_for_within_group_only_says_no_control():
    """Figures that are all pre-post make the caveat say none compares with a control group; mixed ones warn."""
    text = design_caveat(rows_for(condition("personality_disorders"))[:7])
    assert text.startswith("Kinds of figure: 7 within-group")
    assert "None of these compares the therapy with a control group." in text
    mixed = design_caveat(rows_for(condition("personality_disorders")))
    assert "5 between-group" in mixed and "do not compare them directly" in mixed


def test_design_caveat_flags_untraced_headline_and_nothing_for_no_rows():
    """Shedler's 0.97/1.51 are flagged as against weak controls and untraced; an empty set has no caveat at all."""
    text = design_caveat(rows_for(follow_up("shedler_headline")))
    assert "against weak controls" in text and "traced to the table" in text and "unstated" not in text
    assert design_caveat(()) is None


def test_condition_html_shows_status_rows_design_and_sources():
    """The anxiety panel shows its status, each figure with design and type, the follow-up caveat and full sources."""
    text = condition_html(condition("anxiety"))
    assert "meta-analytic figures for this condition are charted" in text
    assert "Between-group vs another active treatment" in text and "Hedges&#x27; g" in text
    assert "-0.26" in text and "keefe2014" in text
    assert "negative: favours alternative active treatments" in text
    assert "Keefe, J. R." in text  # the full reference, not just the key


def test_condition_html_can_leave_the_table_to_the_chart():
    """With the chart shown, the panel leaves out its own copy of the data table."""
    assert "<table>" in condition_html(condition("depression"))
    assert "<table>" not in condition_html(condition("depression"), with_table=False)


def test_personality_panel_attributes_the_mechanism_and_shows_the_tfp_dropout():
    """The personality panel calls the reparative-relationship account an interpretation and gives TFP's dropout."""
    text = condition_html(condition("personality_disorders"))
    assert "reparative relationship" in text and "interpretation" in text
    assert "67%" in text and "38.5%" in text and "doering2010" in text


@pytest.mark.parametrize("condition_id", ["panic", "eating_disorders", "substance_use"])
def test_cited_only_conditions_get_a_notice_and_no_numbers(condition_id):
    """A condition without figures shows 'cited but not charted here' and no chart image."""
    notice = chart_html(condition(condition_id))
    assert "Described in words, not charted" in notice and "<img" not in notice
    assert "<table>" not in condition_html(condition(condition_id))


def test_chart_for_a_condition_is_a_forest_with_alt_text():
    """A charted condition gets the forest chart: an image with real alt text, plus its data table."""
    text = chart_html(condition("somatic"))
    assert '<img alt="Dot plot of 2 effect sizes' in text
    assert "somatic symptoms" in text


def test_complex_mixed_chart_carries_the_disputed_warning():
    """The complex/mixed chart includes leichsenring2008's 1.8 and says it is disputed."""
    row = effect_size("leichsenring2008_between")
    assert row.id in condition("complex_mixed").effect_size_ids
    assert "disputed" in chart_html(condition("complex_mixed"))


def test_follow_up_overview_sets_claim_beside_qualifiers():
    """The overview lists the claim, town2012's 0.18 over 12.8 months, and the demaat2009 and keefe2014 qualifiers."""
    text = follow_up_overview_html()
    assert text.index("The claim") < text.index("Supports the claim") < text.index("Qualifies the claim")
    assert "0.18" in text and "12.8 months" in text
    assert "64% to 55%" in text and "71% to 54%" in text
    assert "no follow-up advantage" in text


def test_follow_up_html_shows_rows_and_reading():
    """A follow-up entry shows how it reads, its figures with design, and its source."""
    text = follow_up_html(follow_up("town2012"))
    assert "supports the claim" in text
    assert "Change from end of therapy to follow-up" in text
    assert "Town, J. M." in text


def test_map_driven_from_python():
    """Picking conditions in the labelled dropdown updates the panel and swaps chart for notice as needed."""
    view = who_benefits_map()
    assert view.picker.description == "Condition"
    assert [label for label, _ in view.picker.options] == [c.name for c in conditions()]
    view.picker.value = "personality_disorders"
    assert "Personality disorders" in view.details.value and "<img" in view.chart.value
    view.picker.value = "eating_disorders"
    assert "Described in words, not charted" in view.chart.value


def test_map_without_charts_keeps_the_table():
    """With charts off, the figures still appear, as a table in the panel."""
    view = who_benefits_map(show_chart=False)
    assert view.chart.value == "" and "<table>" in view.details.value


def test_gains_view_driven_from_python():
    """The gains view shows the overview and, per picked entry, its reading and chart."""
    view = gains_after_therapy()
    assert isinstance(view.picker, widgets.Dropdown) and view.picker.description
    assert "Gains after therapy ends" in view.overview.value
    view.picker.value = "keefe2014"
    assert "qualifies the claim" in view.details.value
    assert "<img" in view.chart.value


def test_map_can_open_at_a_chosen_condition():
    """Opening the map at a condition shows that condition first; an unknown id is refused with the known ones."""
    view = who_benefits_map("personality_disorders")
    assert view.picker.value == "personality_disorders"
    assert "Personality disorders" in view.details.value
    with pytest.raises(KeyError, match="depression"):
        who_benefits_map("flu")
