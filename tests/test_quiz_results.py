"""Tests for course_lib.practice.results: outcomes that read well as HTML and as plain text."""

from __future__ import annotations

import pytest

from course_lib.practice.results import CheckResult, Correct, Incorrect, NotAttempted, Noted

ALL = [Correct("B is right."), Incorrect("1 of 2 correct."), NotAttempted("Replace the placeholder."), Noted("Noted.")]


def test_only_correct_is_truthy():
    """A result is truthy only when correct, so `assert q.check(x)` works as a self-test."""
    assert [bool(r) for r in ALL] == [True, False, False, False]


@pytest.mark.parametrize("result", ALL, ids=lambda r: r.status)
def test_html_box_has_status_role_icon_and_words(result):
    """The HTML box is announced (role=status) and says the outcome in words beside a decorative icon."""
    box = result._repr_html_()
    assert 'role="status"' in box
    assert f"<strong>{result.label}.</strong>" in box
    assert f'<span aria-hidden="true">{result.icon}</span>' in box
    assert result.message in box


@pytest.mark.parametrize("result", ALL, ids=lambda r: r.status)
def test_plain_text_reads_as_label_and_message(result):
    """In a terminal the result prints as 'Label: message' with no markup."""
    assert str(result) == repr(result) == f"{result.label}: {result.message}"
    assert "<" not in str(result)


def test_statuses_are_distinct_and_named():
    """Each outcome has its own status word, which the card and tests rely on."""
    assert [r.status for r in ALL] == ["correct", "incorrect", "not-attempted", "noted"]
    assert all(isinstance(r, CheckResult) for r in ALL)


def test_message_is_escaped_in_html():
    """Text echoed from a student's answer cannot inject markup into the box."""
    assert "<script>" not in Incorrect("'<script>' is not an option")._repr_html_()


def test_result_without_message_prints_its_label():
    """A bare result still says what it is."""
    assert str(Correct()) == "Correct"
