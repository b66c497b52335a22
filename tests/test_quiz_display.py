"""Tests for course_lib.practice.display: questions rendered as HTML and as plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from course_lib.practice import display
from course_lib.practice.bank import load_file
from course_lib.practice.display import ANSWER_SHAPES, markdown_html, prompt_display, references_lines

SAMPLE = Path(__file__).parent / "data" / "quiz" / "02_seven_distinctive_features.toml"


@pytest.fixture(scope="module")
def by_kind():
    """The sample questions keyed by kind."""
    return {q.kind: q for q in load_file(SAMPLE)}


def test_markdown_renders_emphasis_and_inline_drops_paragraph():
    """Prompts are markdown; inline rendering (for option text) has no wrapping paragraph."""
    assert markdown_html("a *b*") == "<p>a <em>b</em></p>"
    assert markdown_html("a *b*", inline=True) == "a <em>b</em>"


@pytest.mark.parametrize("kind", sorted(ANSWER_SHAPES))
def test_prompt_shows_id_prompt_and_answer_shape(by_kind, kind):
    """Every kind shows its id, prompt and the shape of answer to type, in text and HTML."""
    question = by_kind[kind]
    shown = prompt_display(question)
    assert question.id in str(shown)
    assert ANSWER_SHAPES[kind] in str(shown)
    assert question.id in shown._repr_html_()


def test_single_prompt_lists_options_with_keys(by_kind):
    """Options are listed with their keys so a student can answer with a letter."""
    text = str(prompt_display(by_kind["single"]))
    assert "  A. Setting homework" in text
    assert "<strong>B.</strong>" in prompt_display(by_kind["single"])._repr_html_()


def test_matching_prompt_lists_items_and_options(by_kind):
    """A matching prompt lists the numbered items and the lettered options separately."""
    text = str(prompt_display(by_kind["matching"]))
    assert "Items to match:\n  1. You have arrived late" in text
    assert "Options:\n  A. Discussion of past experience" in text


def test_references_fall_back_to_bare_keys_without_the_evidence_library(monkeypatch):
    """If course_lib.evidence cannot be imported, references show as bare keys instead of failing."""
    import builtins

    real_import = builtins.__import__

    def no_evidence(name, *args, **kwargs):
        if name == "course_lib.evidence":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_evidence)
    assert references_lines(("shedler2010",)) == ["shedler2010"]


def test_unknown_reference_is_marked_not_hidden():
    """A reference key the bibliography lacks is shown and flagged rather than dropped."""
    (line,) = references_lines(("nosuchkey1999",))
    assert line.startswith("nosuchkey1999")
    assert display.references_lines(()) == []


def test_numeric_prompt_states_the_tolerance(by_kind):
    """A numeric question always tells the student how close an answer must be."""
    assert "(answers within ±0.5 count as correct)." in str(prompt_display(by_kind["numeric"]))
