"""Tests for course_lib.evidence.arithmetic: known values, properties, and refusals."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from course_lib.evidence import cohen_label, interpret, nnt, overlap, prob_superiority, u3

# Effect sizes a course could meet, kept away from the tails where Φ rounds to exactly 0 or 1.
reasonable_d = st.floats(min_value=-5, max_value=5, allow_nan=False)
positive_d = st.floats(min_value=0.01, max_value=5, allow_nan=False)


def test_known_values_for_d_08():
    """d = 0.8 gives the worked values the lesson teaches: U3 0.788, overlap 0.689, PS 0.714, NNT 2.3."""
    assert round(u3(0.8), 3) == 0.788
    assert round(overlap(0.8), 3) == 0.689
    assert round(prob_superiority(0.8), 3) == 0.714
    assert round(nnt(0.8), 1) == 2.3
    assert nnt(0.8) == pytest.approx(2.334, abs=1e-3)


def test_no_effect_values():
    """d = 0 means half above the mean, full overlap, a coin-flip superiority and an infinite NNT."""
    assert u3(0) == 0.5
    assert overlap(0) == 1.0
    assert prob_superiority(0) == 0.5
    assert nnt(0) == math.inf
    assert nnt(0, cer=0.3) == math.inf


def test_negative_d_gives_negative_nnt():
    """A negative d yields a negative NNT, read as a number needed to harm of the same size."""
    assert nnt(-0.5) == pytest.approx(-nnt(0.5))
    assert nnt(-0.5) < 0


def test_furukawa_nnt_depends_on_control_event_rate():
    """The Furukawa–Leucht NNT matches a hand computation and differs from Kraemer–Kupfer."""
    from scipy.stats import norm

    expected = 1 / (norm.cdf(0.5 + norm.ppf(0.2)) - 0.2)
    assert nnt(0.5, cer=0.2) == pytest.approx(expected)
    assert nnt(0.5, cer=0.2) != pytest.approx(nnt(0.5, cer=0.5))


def test_scalar_returns_float_and_array_returns_array():
    """A scalar in gives a plain float out; an array in gives an ndarray of the same shape."""
    assert type(u3(0.5)) is float
    assert type(nnt(np.float64(0.5))) is float
    out = overlap(np.array([[0.1, 0.2], [0.3, 0.4]]))
    assert isinstance(out, np.ndarray) and out.shape == (2, 2)


@given(st.lists(reasonable_d, min_size=1, max_size=20))
def test_array_input_matches_scalar(values):
    """Each array element equals the scalar result for that element, for every function."""
    array = np.array(values)
    for func in (u3, overlap, prob_superiority):
        assert np.allclose(func(array), [func(v) for v in values])
    nonzero = array[array != 0]
    if nonzero.size:
        assert np.allclose(nnt(nonzero), [nnt(v) for v in nonzero])
        assert np.allclose(nnt(nonzero, cer=0.3), [nnt(v, cer=0.3) for v in nonzero])


@given(reasonable_d, reasonable_d)
def test_u3_and_superiority_monotone(a, b):
    """U3 and probability of superiority never fall as d rises."""
    low, high = sorted((a, b))
    assert u3(low) <= u3(high)
    assert prob_superiority(low) <= prob_superiority(high)


@given(reasonable_d)
def test_u3_and_superiority_bounded(d):
    """U3 and probability of superiority lie strictly between 0 and 1."""
    assert 0 < u3(d) < 1
    assert 0 < prob_superiority(d) < 1


@given(reasonable_d)
def test_overlap_symmetric_bounded_and_peaks_at_zero(d):
    """Overlap is the same for d and −d, lies in (0, 1], and is never above its value at d = 0."""
    assert overlap(d) == overlap(-d)
    assert 0 < overlap(d) <= 1
    assert overlap(d) <= overlap(0)


@given(positive_d, positive_d)
def test_kraemer_nnt_decreasing_for_positive_d(a, b):
    """For d > 0 a bigger effect never needs more patients treated (Kraemer–Kupfer NNT)."""
    low, high = sorted((a, b))
    assert nnt(high) <= nnt(low)
    assert nnt(high) >= 1


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, [0.2, math.nan]])
@pytest.mark.parametrize("func", [u3, overlap, prob_superiority, nnt, interpret])
def test_non_finite_input_rejected(func, bad):
    """NaN and infinities raise ValueError that says the value must be finite."""
    with pytest.raises(ValueError, match="finite"):
        func(bad)


@pytest.mark.parametrize("bad", ["0.5", None, True, [0.1, "x"], {"d": 1}])
def test_non_numeric_input_rejected(bad):
    """Text, None, booleans and mixed lists raise ValueError naming what was expected."""
    with pytest.raises(ValueError, match="must be a number"):
        u3(bad)


@pytest.mark.parametrize("cer", [0, 1, -0.1, 1.5])
def test_control_event_rate_outside_open_interval_rejected(cer):
    """A control event rate of 0, 1 or beyond raises ValueError mentioning 'between 0 and 1'."""
    with pytest.raises(ValueError, match="between 0 and 1"):
        nnt(0.5, cer=cer)


def test_control_event_rate_nan_rejected():
    """A NaN control event rate raises ValueError rather than returning NaN."""
    with pytest.raises(ValueError, match="cer"):
        nnt(0.5, cer=math.nan)


@pytest.mark.parametrize(
    ("d", "label"),
    [(0.0, "negligible"), (0.19, "negligible"), (0.2, "small"), (0.49, "small"), (0.5, "medium"),
     (0.79, "medium"), (0.8, "large"), (1.8, "large"), (-0.26, "small"), (-0.9, "large")],
)
def test_cohen_label_boundaries(d, label):
    """Cohen's label follows |d| with 0.2, 0.5 and 0.8 as the lower edges of small, medium and large."""
    assert cohen_label(d) == label


def test_interpret_carries_caveat_and_direction():
    """interpret names the label, notes a negative direction, and says benchmarks are conventions (cohen1988)."""
    text = interpret(-0.26)
    assert "small" in text and "unfavourable" in text
    assert "conventions, not laws" in text and "cohen1988" in text
    assert "unfavourable" not in interpret(0.97)
    assert "large" in interpret(0.97)
