"""Tests for course_lib.practice.answer_reading: forgiving answer reading and placeholder detection."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from course_lib.practice.answer_reading import (
    AnswerFormatError,
    is_placeholder,
    matching,
    number,
    option,
    option_set,
    ordering,
    text,
)

CHOICES = {"A": "a", "B": "b", "C": "c", "D": "d"}
LEFT = {"1": "one", "2": "two", "3": "three"}


@pytest.mark.parametrize("value", [None, ..., "", "   ", [], (), set(), frozenset(), {}, [None, None], {"1": None}])
def test_placeholders_are_detected(value):
    """The untouched placeholders (None, ..., blank text, empty collections) count as not attempted."""
    assert is_placeholder(value)


@pytest.mark.parametrize("value", [0, 0.0, False, "A", ["A"], {"1": "B"}, "x"])
def test_real_answers_are_not_placeholders(value):
    """Zero, False and any real text or key are real attempts, not placeholders."""
    assert not is_placeholder(value)


@pytest.mark.parametrize("value", ["B", "b", " b ", "(B)", "B.", "[b]"])
def test_option_accepts_any_case_and_stray_marks(value):
    """An option letter is read in any case, with spaces, brackets or a trailing full stop."""
    assert option(value, CHOICES) == "B"


def test_option_accepts_int_for_numbered_options():
    """Numbered options can be given as an int."""
    assert option(2, LEFT) == "2"


@pytest.mark.parametrize(("value", "needle"), [("E", "not one of the options (A, B, C, D)"), (["B"], "one option"),
                                              (True, "one option")])
def test_option_rejects_unknown_or_misshapen_answers(value, needle):
    """An unknown letter or a list instead of one letter gets a message saying what to give."""
    with pytest.raises(AnswerFormatError, match=needle.replace("(", r"\(").replace(")", r"\)")):
        option(value, CHOICES)


@pytest.mark.parametrize("value", [["A", "C"], ("c", "a"), {"A", "C"}, frozenset("AC"), "A, C", "a c", "AC", "C;A",
                                   ["A", "C", "a"]])
def test_option_set_accepts_lists_sets_and_strings(value):
    """Multiple select reads lists, tuples, sets and strings like "A, C" or "AC"; order and repeats do not matter."""
    assert option_set(value, CHOICES) == frozenset({"A", "C"})


@given(st.lists(st.sampled_from(sorted(CHOICES)), min_size=1), st.booleans())
def test_option_set_ignores_order_and_case(keys, lower):
    """Any arrangement of valid keys, in either case, reads as the same set."""
    given_keys = [k.lower() if lower else k for k in reversed(keys)]
    assert option_set(given_keys, CHOICES) == frozenset(keys)


def test_option_set_rejects_a_dictionary():
    """A dictionary is not a multiple-select answer."""
    with pytest.raises(AnswerFormatError, match="give the letters you choose"):
        option_set({"A": True}, CHOICES)


def test_matching_accepts_int_or_str_keys_and_any_case():
    """Matching answers may use int or str item keys and lower-case options."""
    assert matching({1: "b", "2": "A", 3: " c"}, LEFT, CHOICES) == {"1": "B", "2": "A", "3": "C"}


def test_matching_leaves_out_unmatched_items():
    """Items matched to None (an untouched dropdown) are left out rather than rejected."""
    assert matching({1: "B", 2: None}, LEFT, CHOICES) == {"1": "B"}


@pytest.mark.parametrize(("value", "needle"), [(["B"], "a letter for each numbered item"),
                                              ({9: "A"}, "not one of the items"), ({1: "Z"}, "not one of the options")])
def test_matching_rejects_misshapen_answers(value, needle):
    """A list, an unknown item or an unknown option each get a message saying what is wrong."""
    with pytest.raises(AnswerFormatError, match=needle):
        matching(value, LEFT, CHOICES)


@pytest.mark.parametrize("value", [["C", "A", "B", "D"], ("c", "a", "b", "d"), "C A B D", "C, A, B, D", "CABD"])
def test_ordering_accepts_lists_and_strings(value):
    """An ordering reads from a list, a tuple, or a string with or without separators."""
    assert ordering(value, CHOICES) == ("C", "A", "B", "D")


@pytest.mark.parametrize(("value", "needle"), [(["A", "B"], "all 4 letters"), (["A", "A", "B", "C"], "more than once"),
                                              (["A", None, None, "B"], "2 of 4 still empty"), ({"A"}, "no order")])
def test_ordering_rejects_incomplete_or_repeated_orders(value, needle):
    """A short, repeated, partly empty or unordered answer gets a message saying what to fix."""
    with pytest.raises(AnswerFormatError, match=needle):
        ordering(value, CHOICES)


@pytest.mark.parametrize(("value", "expected"), [(1, 1.0), (0.79, 0.79), (np.float64(0.5), 0.5), (np.int64(3), 3.0)])
def test_number_accepts_ints_floats_and_numpy_scalars(value, expected):
    """Python and numpy numbers are read as floats."""
    assert number(value) == expected


@pytest.mark.parametrize(("typed", "expected"), [("0.69", 0.69), ("0,69", 0.69), (" 0,69 ", 0.69), (",5", 0.5),
                                                 ("12", 12.0), ("-0,2", -0.2), ("\u22120.2", -0.2), ("17%", 17.0)])
def test_number_reads_text_as_a_person_writes_it(typed, expected):
    """A number typed as text is read, a comma decimal as a decimal (never "069"); without a proportion asked for,
    a percent sign is only the unit."""
    assert number(typed) == pytest.approx(expected)


@pytest.mark.parametrize(("typed", "expected"), [("69%", 0.69), ("69 %", 0.69), ("0,5%", 0.005), ("0.69", 0.69),
                                                 ("69", 69.0)])
def test_a_percent_sign_makes_a_proportion_only_when_one_is_asked_for(typed, expected):
    """Where a proportion is asked for, "69%" means 0.69; a number without the sign is never rescaled."""
    assert number(typed, proportion=True) == pytest.approx(expected)


@pytest.mark.parametrize("typed", ["0.69.1", "1,2,3", "0,6.9", "seventy", "nan", "inf", "%", "2 ** 3", "0x1F"])
def test_number_text_that_is_not_a_number_gets_a_plain_message(typed):
    """Text that is not one plain number is refused with a message saying how to type it."""
    with pytest.raises(AnswerFormatError, match=r"is not a number: type digits with a dot for decimals, e\.g\. 0\.79"):
        number(typed)


@pytest.mark.parametrize("pair", [(0, 69), (0, 7)])
def test_a_comma_decimal_typed_in_code_asks_for_a_dot(pair):
    """``answer = 0,69`` in a cell is the pair (0, 69): it is refused with "write it with a dot", never guessed at."""
    with pytest.raises(AnswerFormatError, match="write it with a dot"):
        number(pair)


@pytest.mark.parametrize("value", [True, False, float("nan"), float("inf"), [0.79]])
def test_number_rejects_bools_nan_and_lists(value):
    """Booleans are not numbers here, nor are NaN, infinity or a list."""
    with pytest.raises(AnswerFormatError):
        number(value)


def test_text_is_stripped():
    """Free text is stripped of surrounding blank space."""
    assert text("  some thoughts \n") == "some thoughts"
