"""Tests for course_lib.practice.checking: per-kind checking with helpful, non-revealing messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from course_lib.practice.bank import find_question, load_file
from course_lib.practice.checking import check

SAMPLE = Path(__file__).parent / "data" / "quiz" / "02_seven_distinctive_features.toml"


@pytest.fixture(scope="module")
def by_kind():
    """The sample questions keyed by kind."""
    return {q.kind: q for q in load_file(SAMPLE)}


@pytest.mark.parametrize("kind", ["single", "multiple", "matching", "numeric", "ordering"])
def test_key_is_correct_and_wrong_answers_are_not(by_kind, kind):
    """For every scored kind the key checks Correct and each listed wrong answer Incorrect."""
    question = by_kind[kind]
    assert check(question, question.answer).status == "correct"
    assert all(check(question, wrong).status == "incorrect" for wrong in question.wrong)


@pytest.mark.parametrize("placeholder", [None, ..., "", [], {}])
@pytest.mark.parametrize("kind", ["single", "multiple", "matching", "numeric", "ordering", "reflection"])
def test_placeholder_is_not_attempted(by_kind, kind, placeholder):
    """An untouched placeholder is NotAttempted, never Incorrect, for every kind."""
    assert check(by_kind[kind], placeholder).status == "not-attempted"


def test_single_accepts_lower_case_and_does_not_reveal_key(by_kind):
    """A lower-case key is correct; a wrong pick's message names the pick, not the key."""
    question = by_kind["single"]
    assert check(question, "b")
    message = check(question, "A").message
    assert "A is not the best answer" in message
    assert "B" not in message


def test_multiple_gives_partial_feedback_without_naming_options(by_kind):
    """Multiple select says how many correct options were chosen and how many chosen are wrong, not which."""
    result = check(by_kind["multiple"], ["A", "B"])
    assert not result
    assert "1 of 2 correct options chosen; 1 chosen option is not correct" in result.message
    assert not any(f" {key} " in result.message for key in "ABCD")


def test_multiple_reports_a_missing_option(by_kind):
    """Choosing only some correct options says how many of them were found."""
    assert "1 of 2 correct options chosen." in check(by_kind["multiple"], "C").message


def test_matching_counts_correct_matches(by_kind):
    """Matching says how many items are matched correctly and how many are still unmatched."""
    message = check(by_kind["matching"], {1: "B"}).message
    assert "1 of 2 matched correctly (1 item not matched yet)" in message


def test_ordering_counts_items_in_place(by_kind):
    """Ordering says how many items are in the right place."""
    assert "1 of 3 items in the right place" in check(by_kind["ordering"], "BAC").message


def test_numeric_tolerance_boundaries(by_kind):
    """Numeric answers within the tolerance are correct (edge included); just outside is 'close'."""
    question = by_kind["numeric"]  # key 7, tolerance 0.5
    assert check(question, 7.5)
    assert check(question, 6.5)
    outside = check(question, 7.6)
    assert not outside
    assert "close but outside the tolerance" in outside.message


def test_numeric_text_is_read_as_the_number_it_shows(by_kind):
    """A number given as text, with a dot or a comma, is checked as that number; other text gets a plain message."""
    question = by_kind["numeric"]  # key 7, tolerance 0.5
    assert check(question, "7")
    assert check(question, "7,2")
    result = check(question, "seven")
    assert result.status == "incorrect"
    assert "type digits with a dot for decimals" in result.message


def test_a_percent_sign_counts_as_a_proportion_only_where_one_is_asked_for():
    """For a proportion key "69%" is right; for a key in percentage points "17%" is 17, not 0.17."""
    proportion = find_question("q05.1")  # U3 for d = 0.5, a proportion: 0.69 ± 0.01
    points = find_question("q04.5")  # a fall in percentage points: 17 ± 0.5
    assert proportion.asks_for_proportion and not points.asks_for_proportion
    assert check(proportion, "69%") and check(proportion, "0,69") and check(proportion, 0.69)
    assert check(points, "17%") and check(points, "17")
    assert "looks like a percentage" in check(proportion, "69").message


def test_numeric_spots_a_percentage(by_kind):
    """A percentage where a proportion is wanted (or the reverse) is explained, not just marked wrong."""
    question = by_kind["numeric"]
    assert "percentage" in check(question, 700).message
    assert "proportion" in check(question, 0.07).message


def test_unreadable_answer_explains_itself(by_kind):
    """An option that does not exist is Incorrect with a message listing the options."""
    result = check(by_kind["single"], "Z")
    assert result.status == "incorrect"
    assert "not one of the options (A, B, C, D)" in result.message


def test_reflection_text_is_noted_not_scored(by_kind):
    """Any written reflection is Noted (not scored) and points to the model answer."""
    result = check(by_kind["reflection"], "Both traditions share many activities.")
    assert result.status == "noted"
    assert not result
    assert ".solution()" in result.message


def test_in_code_the_next_step_is_code(by_kind):
    """The code API keeps its code words: an untouched answer says to replace the placeholder, a wrong one .hint()."""
    question = by_kind["single"]
    assert "replace the placeholder with your answer and check again" in check(question, None).message
    assert "Try again, or ask for a hint with .hint()." in check(question, question.wrong[0]).message
