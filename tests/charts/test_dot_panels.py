"""Tests for course_lib.charts.dot_panels: grouping by design and describing the panels in words."""

from course_lib.charts.dot_panels import describe_values, group_by_design
from course_lib.evidence import load_effect_sizes, select


def test_groups_follow_teaching_order_and_keep_every_record():
    """Groups come in the fixed design order and together hold every record once."""
    groups = group_by_design(load_effect_sizes())
    assert [d for d, _ in groups][:2] == ["unspecified", "within_group_pre_post"]
    assert sum(len(g) for _, g in groups) == len(load_effect_sizes())


def test_describe_lists_few_and_summarises_many():
    """A few records are listed value by value; many are summarised as range and median with warnings named."""
    few = describe_values(select(study_key="keefe2014"))
    assert "−0.26" in few and "0.64" in few
    many = describe_values(select(design="between_group_vs_active"))
    assert many.startswith("from −0.37 to 1.8") and "DISPUTED" in many
