"""Tests for course_lib.grading.normalise: fair to form, strict about meaning."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from course_lib.grading.normalise import (
    normalise_choice,
    normalise_choices,
    normalise_matching,
    normalise_number,
    normalise_ordering,
    within,
)


@pytest.mark.parametrize("answer", ["B", "b", " B ", "\tb\n"])
def test_choice_accepts_any_case_and_surrounding_spaces(answer):
    """An option letter in either case, with spaces around it, reads as the same letter."""
    assert normalise_choice(answer, "ABCD") == "B"


@pytest.mark.parametrize("answer", ["E", "AB", "", 2, None, ["B"], "B: some text"])
def test_choice_rejects_what_is_not_one_allowed_letter(answer):
    """A letter outside the options, two letters, a number or a list is the wrong form."""
    assert normalise_choice(answer, "ABCD") is None


def test_choice_defeats_a_rigged_string_subclass():
    """A str subclass whose == always says yes comes back as a plain str compared honestly."""

    class Rigged(str):
        def __eq__(self, other):
            return True

        __hash__ = str.__hash__

        def strip(self, *args):
            return "B"

    answer = normalise_choice(Rigged("a"), "ABCD")
    assert type(answer) is str
    assert answer != "B"


@pytest.mark.parametrize("answer", [{"a", "C"}, ["A", " c"], ("c", "A"), frozenset("AC"), ["A", "C", "a"]])
def test_choices_accept_set_list_tuple_any_case(answer):
    """A list, tuple or frozenset is as good as a set, and case, spaces and repeats do not matter."""
    assert normalise_choices(answer, "ABCDE") == frozenset({"A", "C"})


@pytest.mark.parametrize("answer", ["A, Z", {"A", "Z"}, {"A": 1}, 3])
def test_choices_reject_unknown_letters_or_other_types(answer):
    """A letter outside the options, a dict or a number is not a selection."""
    assert normalise_choices(answer, "ABCDE") is None


def test_empty_selection_is_a_valid_form():
    """Selecting nothing is an answer (it scores 0), not a form error."""
    assert normalise_choices(set(), "ABC") == frozenset()


@pytest.mark.parametrize(
    "answer",
    [{1: "a", 2: "B"}, {"1": " A", " 2": "b"}, [(1, "A"), (2, "B")], ((2, "b"), ("1", "a"))],
)
def test_matching_accepts_int_or_digit_keys_and_pairs(answer):
    """Exchange numbers as ints or digit strings, letters in any case, a dict or a list of pairs."""
    assert normalise_matching(answer, 2, "ABC") == {1: "A", 2: "B"}


@pytest.mark.parametrize(
    "answer",
    [{1: "A", 2: "B", 3: "C"}, {1: "A", "01": "B"}, {True: "A", 2: "B"}, {1: "A", 2: "Z"}, "1Z 2B", {1: "", 2: ""}],
)
def test_matching_rejects_extra_repeated_or_unknown_entries(answer):
    """An item that does not exist, an item twice, a letter outside the options, or nothing matched at all."""
    assert normalise_matching(answer, 2, "ABC") is None


@pytest.mark.parametrize("answer", [["c", "A", "b"], ("C", " a", "B")])
def test_ordering_accepts_list_or_tuple_any_case(answer):
    """An order given as a list or tuple, in any case, becomes a tuple of letters."""
    assert normalise_ordering(answer, "ABC") == ("C", "A", "B")


@pytest.mark.parametrize("answer", [{"A", "B", "C"}, ["A", "B"], ["A", "B", "B", "C"], ["A", "B", "D"], "C A"])
def test_ordering_needs_every_letter_once_in_a_sequence(answer):
    """A set (no order), or a missing, repeated or unknown letter is the wrong form."""
    assert normalise_ordering(answer, "ABC") is None


@pytest.mark.parametrize("answer", [0.79, 1, np.float64(0.79), np.float32(0.5), np.int64(3)])
def test_number_accepts_ints_floats_and_numpy_scalars(answer):
    """Python and NumPy numbers all become plain floats."""
    number = normalise_number(answer)
    assert type(number) is float
    assert number == pytest.approx(float(answer))


@pytest.mark.parametrize("answer", ["about 0.79", True, None, [0.79], float("nan"), float("inf"), 1 + 2j, "1e999",
                                    "2 ** 99999", "__import__('os')"])
def test_number_rejects_words_booleans_code_and_non_finite(answer):
    """Words, booleans, lists, NaN, infinity, complex numbers and anything but plain arithmetic are refused."""
    assert normalise_number(answer) is None


@given(key=st.floats(-100, 100), offset=st.floats(-1, 1))
def test_within_is_true_exactly_inside_the_tolerance(key, offset):
    """within() accepts every value at most tol from the key and nothing further out."""
    tol = 0.5
    assert within(key + offset * tol, key, tol)
    assert not within(key + (1.01 + abs(offset)) * tol, key, tol)


def test_within_reads_a_number_typed_as_text_but_not_words():
    """ "0.79" and "0,79" mean 0.79; "about 0.79" is not a number."""
    assert within("0.79", 0.79, 0.01) and within("0,79", 0.79, 0.01)
    assert not within("about 0.79", 0.79, 0.01)


@pytest.mark.parametrize(
    ("typed", "unit", "value"),
    [("0,74", None, 0.74), ("74%", "proportion", 0.74), ("74 %", "percent", 74.0), (".5", None, 0.5),
     ("0.31 × 1.32", None, 0.4092), ("−0.2", None, -0.2), ("1 / (2 * 0.587 - 1)", None, 1 / 0.174),
     ("“0.5”", None, 0.5)],
)
def test_number_reads_what_a_person_types(typed, unit, value):
    """A decimal comma, a percentage where one is meant, × and ÷, a real minus sign, curly quotes."""
    assert normalise_number(typed, unit) == pytest.approx(value)


def test_a_percent_sign_is_only_the_unit_where_no_proportion_is_asked():
    """Where the answer is a count or in percentage points, "17%" is 17: the sign never rescales it."""
    assert normalise_number("17%") == 17.0 and normalise_number("17%", "percent") == 17.0


@pytest.mark.parametrize(
    ("kind", "typed", "expected"),
    [("choice", "(b)", "B"), ("choice", "Option B", "B"), ("choice", "b)", "B"), ("choice", "“B”", "B"),
     ("choices", "A, C", {"A", "C"}), ("choices", "a c", {"A", "C"}), ("choices", "{“A”, “C”}", {"A", "C"}),
     ("choices", "AC", {"A", "C"}), ("choices", "A and C", {"A", "C"}),
     ("ordering", "C A D B", ("C", "A", "D", "B")), ("ordering", "C, A, D, B", ("C", "A", "D", "B")),
     ("ordering", "cadb", ("C", "A", "D", "B")), ("ordering", "C > A > D > B", ("C", "A", "D", "B")),
     ("matching", "1: A, 2: D", {1: "A", 2: "D"}), ("matching", "1A 2D", {1: "A", 2: "D"}),
     ("matching", "{1: “A”, 2: “D”}", {1: "A", 2: "D"}), ("matching", "A D", {1: "A", 2: "D"})],
)
def test_text_answers_read_as_meant(kind, typed, expected):
    """The forms a student who never programmed types first (issue 11) read as the answer they mean."""
    read = {"choice": lambda v: normalise_choice(v, "ABCD"), "choices": lambda v: normalise_choices(v, "ABCD"),
            "ordering": lambda v: normalise_ordering(v, "ABCD"), "matching": lambda v: normalise_matching(v, 2, "ABCD")}
    assert read[kind](typed) == expected
