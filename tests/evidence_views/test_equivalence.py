"""Tests for course_lib.evidence_views.equivalence: which verdict an interval supports against a margin."""

import pytest

from course_lib.evidence_views.equivalence import (
    EQUIVALENT,
    INFERIOR,
    NOT_SHOWN,
    SUPERIOR,
    Interval,
    interval_for,
    read_interval,
    verdict,
)


def test_small_trial_with_no_difference_is_not_equivalence():
    """A small trial that finds d = 0 is 'not significantly different, equivalence not shown', not 'equivalent'."""
    reading = read_interval(0.0, 25, 0.25)
    assert reading.verdict == NOT_SHOWN
    assert "does not mean equivalent" in reading.explanation()


def test_large_trial_with_no_difference_shows_equivalence():
    """The same d = 0 in a trial of 500 per arm puts the whole 90% interval inside ±0.25: equivalent."""
    assert read_interval(0.0, 500, 0.25).verdict == EQUIVALENT


def test_growing_the_trial_moves_the_verdict_from_not_shown_to_equivalent():
    """Only the sample size changes, and the verdict changes with it."""
    verdicts = [read_interval(0.05, n, 0.25).verdict for n in (30, 100, 400)]
    assert verdicts[0] == NOT_SHOWN and verdicts[-1] == EQUIVALENT


def test_clear_differences_read_as_superior_or_inferior():
    """A 95% interval wholly above zero is 'superior'; wholly below zero (favouring the comparison) 'inferior'."""
    assert read_interval(0.5, 100, 0.25).verdict == SUPERIOR
    inferior = read_interval(-0.5, 100, 0.25)
    assert inferior.verdict == INFERIOR and "favour the comparison" in inferior.explanation()


def test_small_significant_difference_inside_the_margin_is_equivalent_and_says_both():
    """An interval that excludes zero but sits inside the margin is equivalent, and the text names both facts."""
    reading = read_interval(-0.15, 1400, 0.25)
    assert reading.ci95.high < 0 and reading.verdict == EQUIVALENT
    assert "statistically significant but small difference" in reading.explanation()
    assert "the comparison therapy" in reading.explanation()


def test_a_wider_margin_can_turn_not_shown_into_equivalent():
    """The margin decides the verdict: the same interval is equivalent at ±0.5 and not at ±0.1."""
    ci95, ci90 = Interval(-0.3, 0.3), Interval(-0.25, 0.25)
    assert verdict(ci95, ci90, 0.5) == EQUIVALENT and verdict(ci95, ci90, 0.1) == NOT_SHOWN


def test_interval_is_symmetric_and_shrinks_with_sample_size():
    """d ± z·SE: centred on d, narrower for larger trials."""
    small, large = interval_for(0.2, 50), interval_for(0.2, 500)
    assert small.low + small.high == pytest.approx(0.4, abs=0.002)
    assert (large.high - large.low) < (small.high - small.low) / 3


def test_bad_inputs_raise_plain_errors():
    """A margin of zero, a group of one or a reversed interval are refused."""
    with pytest.raises(ValueError):
        verdict(Interval(0, 0.1), Interval(0, 0.1), 0)
    with pytest.raises(ValueError):
        interval_for(0.1, 1)
    with pytest.raises(ValueError):
        Interval(0.3, 0.1)
