"""Tests for course_lib.grading.form: the visible check reads the answer, says so plainly, and never judges it."""

import pytest

from course_lib.grading.answer_lines import Typed
from course_lib.grading.form import NOT_ANSWERED, NOT_RUN, read, report

ITEMS = {
    "single": {"kind": "single", "options": "ABCD"},
    "multiple": {"kind": "multiple", "options": "ABCDE"},
    "matching": {"kind": "matching", "options": "ABCDE", "n_items": 3, "item_noun": "Exchange"},
    "ordering": {"kind": "ordering", "options": "ABCD"},
    "numeric": {"kind": "numeric", "unit": "proportion", "bounds": (0, 1)},
}
PLACEHOLDERS = {"single": "", "multiple": "", "matching": {1: "", 2: "", 3: ""}, "ordering": "", "numeric": None}


@pytest.mark.parametrize("kind", ITEMS)
def test_the_released_placeholder_reads_as_not_answered(kind):
    """Each kind's untouched placeholder is "not answered yet", with what to do, and no answer."""
    reading = read("q1", PLACEHOLDERS[kind], **ITEMS[kind])
    assert reading.answer is None and reading.state == "not answered"
    assert reading.message.startswith(NOT_ANSWERED) and "form" in reading.message


@pytest.mark.parametrize("kind", ITEMS)
def test_an_answer_cell_that_never_ran_is_named_as_such(kind):
    """A variable that does not exist yet is reported, not raised as a NameError."""
    reading = read("q1", NOT_RUN, **ITEMS[kind])
    assert reading.state == "not run" and reading.answer is None and "run the answer cell" in reading.message


@pytest.mark.parametrize("letter", "ABCD")
def test_every_allowed_letter_reads_the_same_way(letter):
    """The check accepts any option alike, so it cannot reveal which one is right."""
    reading = read("q1", letter.lower(), **ITEMS["single"])
    assert reading.answer == letter and reading.message == f"answer read as {letter}. Whether it is right is " \
        "checked after you submit."


@pytest.mark.parametrize(
    ("kind", "value", "says"),
    [
        ("single", "E", "not one of the options (A, B, C, D)"),
        ("single", "B: It is less intensive", "type just one letter"),
        ("multiple", "A, Z", "not one of the options"),
        ("ordering", {"A", "B", "C", "D"}, "a set has no order"),
        ("ordering", "A B", "put all 4 letters in order"),
        ("ordering", ["C", "A", "", ""], "2 of 4 still empty"),
        ("numeric", "0,7,4", "type digits with a dot for decimals"),
        ("numeric", "about a half", "is not a number"),
        ("numeric", "74%", None),
    ],
)
def test_a_wrong_form_gets_a_sentence_naming_the_fix_and_no_answer(kind, value, says):
    """A form problem is a plain sentence and no answer (the hidden test scores None as 0)."""
    reading = read("q1", value, **ITEMS[kind])
    if says is None:  # 74% where a proportion is asked is a fine form: 0.74
        assert reading.answer == pytest.approx(0.74)
        return
    assert reading.answer is None and reading.state == "unreadable"
    assert says in reading.message and "Traceback" not in reading.message


def test_a_line_that_did_not_run_says_why():
    """Text kept by the answer-line rewriting carries the reason the line did not run as Python."""
    typed = Typed("norm.cdf(0.64)")
    typed.reason = "NameError: name 'norm' is not defined"
    reading = read("q1", typed, **ITEMS["numeric"])
    assert reading.answer is None and "did not run as Python (NameError: name 'norm' is not defined)" in reading.message


def test_a_partly_matched_item_is_read_and_says_what_is_left():
    """Matching with blanks is readable (partial credit) and names the items still without a letter."""
    reading = read("q1", {1: "B", 2: "", 3: ""}, **ITEMS["matching"])
    assert reading.answer == {1: "B"} and reading.state == "partly answered"
    assert "exchanges 2, 3 have no letter yet" in reading.message


def test_a_number_outside_the_asked_range_is_kept_with_a_note():
    """73 where a proportion is asked is an answer (scored as written) with a note that shows the fix."""
    reading = read("q1", 73, **ITEMS["numeric"])
    assert reading.answer == 73.0 and "between 0 and 1 (73% is 0.73)" in reading.message


def test_report_prints_one_line_and_returns_the_answer(capsys):
    """The check cell prints "Question N: …" and hands the canonical answer to its hidden part."""
    assert report("Question 3", "q3", "c a", **ITEMS["multiple"]) == frozenset({"A", "C"})
    printed = capsys.readouterr().out
    assert printed == "Question 3: answer read as A, C. Whether it is right is checked after you submit.\n"


def test_examples_say_whether_they_match_the_expected_answer(capsys):
    """Item 0's unscored examples tell the student whether the form or typing gave the expected answer."""
    report("Example 1", "try_single", "b", expected="B", **ITEMS["single"])
    report("Example 5", "try_number", "0,3", expected=0.25, **ITEMS["numeric"])
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("That is the expected answer.")
    assert out[1].endswith("The expected answer is 0.25.")
