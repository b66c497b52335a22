"""Tests for course_lib.ui.references: a lesson's keys rendered as full references."""

import pytest

from course_lib.ui.references import references


def test_keys_render_as_full_references_in_html_and_text():
    """Each key becomes its full reference, in an HTML list and in numbered plain text."""
    shown = references(["shedler2010", "turner2008"])
    html = shown._repr_html_()
    assert html.startswith("<ol") and html.count("<li>") == 2
    assert "The efficacy of psychodynamic psychotherapy" in html
    assert "1. " in repr(shown) and "Selective publication of antidepressant trials" in repr(shown)


def test_repeated_keys_are_listed_once():
    """A key cited twice appears once in the list."""
    assert len(references(["cohen1988", "cohen1988"]).entries) == 1


def test_unknown_key_is_an_error():
    """A key missing from the bibliography raises rather than printing a blank reference."""
    with pytest.raises(KeyError):
        references(["nobody1999"])
