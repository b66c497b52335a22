"""Tests for course_lib.widgets.glossary_browser: search, pick a term, read it, follow a see-also link."""

from course_lib.content.glossary import load_glossary, term
from course_lib.widgets.glossary_browser import glossary_browser, lesson_link, term_html, term_text


def test_opens_on_the_first_term_with_every_term_listed():
    """A fresh browser lists every term and shows the first one's entry."""
    view = glossary_browser()
    assert len(view.terms.options) == len(load_glossary())
    first = load_glossary()[0]
    assert view.terms.value == first.id
    assert first.definition in view.entry.value.replace("&#x27;", "'")


def test_controls_are_labelled():
    """The search box and the term list carry visible labels."""
    view = glossary_browser()
    assert view.query.description == "Search the glossary:"
    assert view.terms.description == "Terms:"


def test_search_filters_and_selects_the_best_match():
    """Typing 'transference' narrows the list and opens that entry with its lesson link."""
    view = glossary_browser()
    view.query.value = "transference"
    assert view.terms.options[0] == ("Transference", "transference")
    assert len(view.terms.options) < len(load_glossary())
    assert view.terms.value == "transference"
    assert "02_seven_distinctive_features.ipynb" in view.entry.value
    assert "found" in view.count.value


def test_no_match_says_so():
    """A search with no match empties the list and tells the student what to try."""
    view = glossary_browser()
    view.query.value = "zzzz"
    assert view.terms.options == ()
    assert "No term matches" in view.entry.value
    assert view.related.children == ()


def test_see_also_buttons_open_the_related_term():
    """Pressing a see-also button opens that term, clearing a search that would hide it."""
    view = glossary_browser()
    view.query.value = "transference"
    labels = [b.description for b in view.related.children]
    assert "Working alliance" in labels
    button = next(b for b in view.related.children if b.description == "Working alliance")
    button.click()
    assert view.terms.value == "working_alliance"
    assert "working partnership" in view.entry.value
    assert view.query.value == ""


def test_term_html_shows_definition_lesson_and_related_names():
    """An entry's HTML carries the definition, a link to the lesson notebook and the related terms by name."""
    text = term_html(term("nnt"))
    assert "05_evidence.ipynb" in text
    assert "Control event rate (CER)" in text
    assert "kraemer2006" in text


def test_plain_text_and_lesson_link():
    """The plain-text entry names the lesson; the lesson link shows the number and title."""
    assert "Beyond symptom relief" in term_text(term("swap_200"))
    assert lesson_link("06").startswith('<a href="06_beyond_symptom_relief.ipynb">06 · ')
