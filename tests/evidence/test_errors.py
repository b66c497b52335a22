"""Tests for course_lib.evidence.errors: the error's attributes and message."""

from pathlib import Path

import pytest

from course_lib.evidence import EvidenceDataError


def test_message_names_file_row_and_field():
    """The message names the file, the spreadsheet row and the field of the problem."""
    error = EvidenceDataError("data/x.csv", [(7, "design", "unknown value 'foo'")])
    assert str(error) == "data/x.csv: row 7, field 'design': unknown value 'foo'"
    assert (error.path, error.row, error.field) == (Path("data/x.csv"), 7, "design")


def test_several_problems_counted_and_listed():
    """With several problems the message counts them and lists each; attributes point at the first."""
    error = EvidenceDataError("r.toml", [(None, "abc.year", "bad"), (None, "abc.title", "missing")])
    assert str(error).startswith("r.toml: 2 problems:")
    assert "field 'abc.title': missing" in str(error)
    assert (error.row, error.field) == (None, "abc.year")


def test_needs_a_problem():
    """An error without any problem cannot be built (it would say nothing useful)."""
    with pytest.raises(ValueError, match="at least one problem"):
        EvidenceDataError("x.csv", [])
