"""Practice keys cannot be guessed: no letter holds over 40 % of a lesson's single-choice keys, no identity keys."""

import pytest
from key_balance import (
    first_options_problems,
    key_balance_problems,
    longest_key_problems,
    most_allowed,
    practice_items,
    practice_singles,
)

from course_lib.practice import all_questions, load_file, question_files


@pytest.mark.parametrize("path", question_files(), ids=lambda path: path.stem)
def test_each_lesson_keys_are_balanced(path):
    items = practice_items(load_file(path))
    assert key_balance_problems(path.stem, items) + first_options_problems(path.stem, items) == []


def test_the_whole_bank_keys_are_balanced():
    assert key_balance_problems("the practice bank", practice_items(all_questions())) == []


def test_a_letter_holding_too_many_single_keys_is_named():
    items = [("single", letter, "ABCD") for letter in "BBAC"]
    assert key_balance_problems("quiz 3", items) == [
        "quiz 3: B is the key of 2 of 4 single-choice items (at most 1, that is 40%)"]
    assert key_balance_problems("quiz 3", [("single", letter, "ABCD") for letter in "BBACD"]) == []


def test_one_or_two_single_items_only_need_different_keys():
    assert most_allowed(1) == most_allowed(2) == 1
    assert key_balance_problems("q", [("single", "a", "ABCD"), ("single", "A", "ABCD")]) != []
    assert key_balance_problems("q", [("single", "A", "ABCD"), ("single", "C", "ABCD")]) == []


def test_identity_matchings_and_orderings_are_refused_in_any_key_form():
    identity = [
        ("matching", {"1": "A", "2": "B", "3": "C"}, "ABCD"),
        ("matching", {2: "b", 1: "a", 3: "c"}, "ABCD"),
        ("ordering", ["A", "B", "C", "D"], "ABCD"),
        ("ordering", ("a", "b", "c"), "ABC"),
    ]
    assert len(key_balance_problems("quiz", identity)) == 4
    shuffled = [("matching", {1: "C", 2: "A", 3: "B"}, "ABCD"), ("ordering", ["C", "A", "D", "B"], "ABCD")]
    assert key_balance_problems("quiz", shuffled) == []


def test_a_multiple_key_that_is_just_the_first_options_is_refused():
    assert first_options_problems("q", [("multiple", ["B", "A"], "ABCDE")]) == [
        "q, item 1 (multiple): the key A, B is simply the first options"]
    assert first_options_problems("q", [("multiple", {"A", "C"}, "ABCDE")]) == []
    assert first_options_problems("q", [("multiple", list("ABCD"), "ABCD")]) == []  # all options: nothing to guess
    assert key_balance_problems("q", [("multiple", ["B", "A"], "ABCDE")]) == []  # not part of issue 11's rule


def test_reflections_and_numbers_are_not_letters():
    items = [("numeric", 0.69, ()), ("reflection", None, ())]
    assert key_balance_problems("q", items) == first_options_problems("q", items) == []


def test_problems_name_the_item():
    problems = key_balance_problems("lesson 02", {"q02.7": ("ordering", ["A", "B", "C"], "ABC")})
    assert problems == ["lesson 02, item q02.7 (ordering): the key is the options in the order shown (A, B, C)"]


@pytest.mark.parametrize("path", question_files(), ids=lambda path: path.stem)
def test_the_key_is_not_usually_the_longest_option(path):
    """Picking the longest option does not find a lesson's single-choice keys more often than 35 % of the time."""
    assert longest_key_problems(path.stem, practice_singles(load_file(path))) == []


def test_a_bank_whose_keys_are_always_longest_is_named():
    """Four items whose key is always the longest option are refused, naming the items; a mixed bank passes."""
    long_key = {f"q{i}": ("B", {"A": "short", "B": "the longest option of all", "C": "brief"}) for i in range(4)}
    assert longest_key_problems("lesson", long_key) == [
        "lesson: the key is the longest option in 4 of 4 single-choice items (at most 1, that is 35%): q0, q1, q2, q3"]
    mixed = {**long_key, "q1": ("A", long_key["q1"][1]), "q2": ("C", long_key["q2"][1]), "q3": ("A", long_key["q3"][1])}
    assert longest_key_problems("lesson", mixed) == []
