"""Tests for course_lib.evidence_views.effect_size: d translated into numbers and words."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course_lib.evidence_views.effect_size import explain_effect_size


def test_d_08_gives_the_worked_values_in_numbers_and_words():
    """d = 0.8 shows U3 0.788, overlap 0.689, PS 0.714 and NNT 2.3, and says '79 of 100' in words."""
    e = explain_effect_size(0.8)
    assert e.reading("U3").shown == "0.788"
    assert e.reading("Overlap").shown == "0.689"
    assert e.reading("Probability of superiority").shown == "0.714"
    assert e.reading("NNT").shown == "2.3"
    assert "79 of 100" in e.reading("U3").words
    assert "71 times in 100" in e.reading("Probability of superiority").words
    assert e.label == "large" and e.nnt_method == "Kraemer–Kupfer"


def test_control_event_rate_switches_to_furukawa_leucht():
    """Given a CER the NNT changes, names Furukawa–Leucht and states the rate in words."""
    plain, with_cer = explain_effect_size(0.5), explain_effect_size(0.5, cer=0.2)
    assert with_cer.nnt != pytest.approx(plain.nnt)
    assert with_cer.nnt_method == "Furukawa–Leucht"
    assert "20%" in with_cer.reading("NNT").words


def test_no_effect_and_harm_are_worded_honestly():
    """d = 0 shows an infinite NNT in words; a negative d is read as a number needed to harm."""
    zero = explain_effect_size(0)
    assert zero.reading("NNT").shown == "∞" and math.isinf(zero.nnt)
    harm = explain_effect_size(-0.3)
    assert "number needed to harm" in harm.reading("NNT").words
    assert "unfavourable" in harm.interpretation


def test_invalid_input_raises_clear_errors():
    """NaN and a control event rate outside (0, 1) raise ValueError instead of showing nonsense."""
    with pytest.raises(ValueError, match="finite"):
        explain_effect_size(float("nan"))
    with pytest.raises(ValueError, match="between 0 and 1"):
        explain_effect_size(0.5, cer=1.2)


def test_html_and_text_show_every_reading_and_the_caveat():
    """Both renderings list all four measures and the benchmarks caveat."""
    e = explain_effect_size(0.5)
    for text in (e.to_html(), str(e)):
        for name in ("U3", "Overlap", "Probability of superiority", "NNT"):
            assert name in text
        assert "conventions, not laws" in text


@given(st.floats(min_value=-3, max_value=3, allow_nan=False))
def test_words_agree_with_numbers(d):
    """The 'N of 100' in the U3 sentence is the shown U3 rounded to a whole percentage."""
    e = explain_effect_size(d)
    assert f"{round(100 * e.u3)} of 100" in e.reading("U3").words
    assert 0 <= e.overlap <= 1
