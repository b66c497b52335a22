"""Tests for course_lib.evidence_views.filters: choosing records for the evidence explorer."""

import pytest

from course_lib.evidence import load_effect_sizes
from course_lib.evidence_views.filters import (
    ANY,
    EMPTY_MESSAGE,
    FILTER_FIELDS,
    filter_options,
    filter_records,
    selection_notes,
)


def test_any_everywhere_gives_every_figure():
    """With every filter on 'any' (or None, or empty) the explorer shows all the course's figures."""
    everything = load_effect_sizes()
    assert filter_records() == everything
    assert filter_records(condition=None, design=(), timepoint=ANY, treatment=[ANY]) == everything


def test_filters_combine_with_and():
    """Each filter narrows the selection and every returned record matches all of them."""
    chosen = filter_records(condition="anxiety disorders", design="between_group_vs_active")
    assert {r.id for r in chosen} == {
        "keefe2014_vs_active_post",
        "keefe2014_vs_active_follow_up",
        "keefe2014_vs_active_long_term_follow_up",
    }
    several = filter_records(design=["between_group_vs_placebo", "unspecified"])
    assert {r.design for r in several} == {"between_group_vs_placebo", "unspecified"}


def test_no_match_is_an_empty_result_with_a_clear_message():
    """A combination nothing matches returns () and the notes hold the plain-language message."""
    chosen = filter_records(condition="depression", design="within_group_pre_post")
    assert chosen == ()
    assert selection_notes(chosen) == [EMPTY_MESSAGE]


def test_unknown_design_code_is_refused():
    """A design code that does not exist raises instead of silently matching nothing."""
    with pytest.raises(ValueError, match="design"):
        filter_records(design="pre_post")


def test_notes_flag_disputed_rows_and_mixed_designs():
    """A selection containing the 1.8 names it as disputed and warns when designs are mixed."""
    notes = selection_notes(filter_records(condition="complex mental disorders"))
    assert any("DISPUTED" in n and "leichsenring2008_between" in n for n in notes)
    assert any("mixes designs" in n for n in notes)
    single = selection_notes(filter_records(design="between_group_vs_placebo"))
    assert single == []


def test_options_start_with_any_and_use_readable_labels():
    """Each filter's options begin with 'any' and show design/timepoint labels rather than codes."""
    options = filter_options()
    assert set(options) == set(FILTER_FIELDS)
    for pairs in options.values():
        assert pairs[0] == ("any", ANY)
    assert ("Between-group vs placebo", "between_group_vs_placebo") in options["design"]
    assert ("End of treatment", "post") in options["timepoint"]
