"""Tests for course_lib.grading.form: the visible checks say what to fix and never judge correctness."""

import pytest

from course_lib.grading.form import (
    NOT_ANSWERED,
    check_choice,
    check_choices,
    check_matching,
    check_number,
    check_ordering,
)

CHECKS = [
    lambda v: check_choice(v, "ABCD"),
    lambda v: check_choices(v, "ABCD"),
    lambda v: check_matching(v, 3, "ABCD"),
    lambda v: check_ordering(v, "ABCD"),
    lambda v: check_number(v, 0, 1),
]


@pytest.mark.parametrize("check", CHECKS)
def test_untouched_placeholder_reads_as_not_answered(check):
    """None, the placeholder every answer cell starts with, is reported as not answered yet."""
    answer, problem = check(None)
    assert answer is None
    assert problem.startswith(NOT_ANSWERED)


def test_a_wrong_but_well_formed_answer_passes_the_form_check():
    """The visible check accepts any allowed letter: it must not reveal which one is right."""
    for letter in "abcd":
        assert check_choice(letter, "ABCD") == (letter.upper(), None)


@pytest.mark.parametrize(
    ("check", "value", "hint"),
    [
        (CHECKS[0], "E", '"A", "B", "C", "D"'),
        (CHECKS[1], "AC", "set"),
        (CHECKS[2], {1: "A"}, "1, 2, 3"),
        (CHECKS[3], {"A", "B", "C", "D"}, "no order"),
        (CHECKS[4], "0.5", "without quotes"),
        (CHECKS[4], 74, "between 0 and 1"),
    ],
)
def test_wrong_form_gets_a_message_naming_the_fix(check, value, hint):
    """A malformed answer gets a message that says what form is expected."""
    answer, problem = check(value)
    assert answer is None
    assert hint in problem
    assert not problem.startswith(NOT_ANSWERED)


def test_fair_forms_come_back_normalised():
    """Lower case, spaces and a list for a set come back in canonical form with no problem."""
    assert check_choices([" a", "c"], "ABCD") == (frozenset({"A", "C"}), None)
    assert check_matching({"1": "b", 2: "A", 3: "d"}, 3, "ABCD") == ({1: "B", 2: "A", 3: "D"}, None)
    assert check_ordering(("d", "c", "b", "a"), "ABCD") == (("D", "C", "B", "A"), None)
    assert check_number(1, 0, 1) == (1.0, None)
