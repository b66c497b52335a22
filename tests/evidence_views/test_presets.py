"""Tests for course_lib.evidence_views.presets: the explorer's headline figures and their kind of number."""

from course_lib.evidence import effect_size
from course_lib.evidence_views.presets import PRESET_IDS, caveat, presets


def test_presets_take_their_values_from_the_data():
    """Every preset's d is the value of its row in the evidence data, so presets cannot drift from the CSV."""
    for preset in presets():
        assert preset.d == effect_size(preset.id).effect_size
    assert [p.id for p in presets()] == [row_id for row_id, _ in PRESET_IDS]


def test_headline_labels_name_value_source_and_type():
    """The labels a student picks from show the value, the study key and what kind of number it is."""
    labels = {p.id: p.label for p in presets()}
    assert labels["abbass2006_shedler_post"].startswith("0.97")
    assert "weak controls" in labels["abbass2006_shedler_post"]
    assert "turner2008" in labels["turner2008_antidepressants"] and "placebo" in labels["turner2008_antidepressants"]
    assert labels["haby2006_cbt"].startswith("0.68")
    assert labels["town2012_further"].startswith("0.18")


def test_disputed_figure_is_flagged_everywhere_it_is_offered():
    """The 1.8 carries DISPUTED in its label and its caveat gives the reason and the 2011 range."""
    disputed = next(p for p in presets() if p.id == "leichsenring2008_between")
    assert disputed.d == 1.8 and "DISPUTED" in disputed.label
    text = caveat(disputed.record)
    assert "DISPUTED" in text and "0.44 to 0.68" in text
    assert "Chart only" not in text


def test_caveat_warns_when_the_two_group_translations_do_not_fit():
    """The headline figure is read as against weak controls and untraced; within-group figures are warned about."""
    headline = caveat(effect_size("abbass2006_shedler_post"))
    assert "weak controls" in headline and "trace it" in headline and "unknown" not in headline
    assert "within one group" in caveat(effect_size("town2012_further"))
    assert "translations below apply" in caveat(effect_size("turner2008_antidepressants"))
