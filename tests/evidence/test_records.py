"""Tests for course_lib.evidence.records: the typed record and the design / timepoint labels."""

import dataclasses

import pytest

from course_lib.evidence import DESIGNS, TIMEPOINTS, effect_size, load_effect_sizes


def test_every_code_in_the_data_has_a_label():
    """Each design and timepoint code used in the CSV has a human label, and no label is unused."""
    records = load_effect_sizes()
    assert {r.design for r in records} == set(DESIGNS)
    assert {r.timepoint for r in records} == set(TIMEPOINTS)
    assert all(label.strip() for label in (*DESIGNS.values(), *TIMEPOINTS.values()))


def test_only_the_18_is_disputed():
    """Exactly one record is disputed: the leichsenring2008 between-group 1.8."""
    disputed = [r for r in load_effect_sizes() if r.disputed]
    assert [(r.id, r.effect_size) for r in disputed] == [("leichsenring2008_between", 1.8)]


def test_headline_figures_are_untraced_headline():
    """The abbass2006 0.97 and 1.51 read as between-group against weak controls, their value not traced."""
    untraced = {r.id: r for r in load_effect_sizes() if r.untraced_headline}
    assert {r.effect_size for r in untraced.values()} == {0.97, 1.51}
    for r in untraced.values():
        assert r.design_label == "Between-group vs weak controls, value not traced"
        assert "wait-list" in r.comparison_label and "not stated" not in r.metric_label


def test_labels_follow_codes():
    """design_label and timepoint_label translate the record's codes."""
    record = effect_size("town2012_further")
    assert record.design_label == DESIGNS["post_to_follow_up_change"]
    assert record.timepoint_label == TIMEPOINTS["follow_up"]


def test_records_are_frozen():
    """A record cannot be changed after loading, so cached data stays true to the file."""
    record = effect_size("haby2006_cbt")
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.effect_size = 2.0
