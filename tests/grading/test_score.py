"""Tests for course_lib.grading.score: partial credit and points as nbgrader reads them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course_lib.grading.score import partial_credit_matching, partial_credit_multiple, points

OPTIONS = "ABCDEF"


def test_multiple_exact_key_earns_full_credit():
    """Selecting exactly the keyed options earns the whole credit."""
    assert partial_credit_multiple({"A", "C"}, {"A", "C"}, OPTIONS) == 1.0


def test_multiple_half_the_key_earns_half():
    """One of two keyed options, and nothing wrong, earns half."""
    assert partial_credit_multiple({"A"}, {"A", "C"}, OPTIONS) == 0.5


def test_multiple_wrong_picks_take_credit_back_but_not_below_zero():
    """A wrong pick cancels a right one; more wrong than right gives 0, never a negative score."""
    assert partial_credit_multiple({"A", "B"}, {"A", "C"}, OPTIONS) == 0.0
    assert partial_credit_multiple({"B", "D", "E"}, {"A", "C"}, OPTIONS) == 0.0


def test_multiple_ticking_everything_earns_nothing_when_most_options_are_wrong():
    """Selecting all six options when two are keyed cannot game the question."""
    assert partial_credit_multiple(set(OPTIONS), {"A", "C"}, OPTIONS) == 0.0


@given(st.sets(st.sampled_from(OPTIONS)), st.sets(st.sampled_from(OPTIONS), min_size=1))
def test_multiple_credit_is_a_share(selected, key):
    """Whatever is selected, the credit lies between 0 and 1, and equals 1 only for the exact key."""
    credit = partial_credit_multiple(selected, key, OPTIONS)
    assert 0.0 <= credit <= 1.0
    assert (credit == 1.0) == (selected == key)


def test_multiple_refuses_an_empty_key():
    """A key with no option is an authoring error, reported loudly."""
    with pytest.raises(ValueError):
        partial_credit_multiple({"A"}, set(), OPTIONS)


def test_matching_credit_is_the_share_of_pairs_right():
    """Three of four exchanges matched as keyed earn three quarters."""
    key = {1: "A", 2: "B", 3: "C", 4: "D"}
    assert partial_credit_matching({1: "A", 2: "B", 3: "C", 4: "A"}, key) == 0.75
    assert partial_credit_matching(key, key) == 1.0
    assert partial_credit_matching({}, key) == 0.0


@pytest.mark.parametrize(
    ("credit", "of", "expected"),
    [(True, 2, 2.0), (False, 2, 0.0), (0.5, 2, 1.0), (1 / 3, 3, 1.0), (1.7, 2, 2.0), (-0.2, 2, 0.0)],
)
def test_points_scales_and_caps(credit, of, expected):
    """points() turns a share or a verdict into points between 0 and the item's maximum."""
    value = points(credit, of)
    assert type(value) is float
    assert value == expected
