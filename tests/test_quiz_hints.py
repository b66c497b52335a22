"""Tests for course_lib.practice.hints: hints one at a time and the full solution."""

from __future__ import annotations

from pathlib import Path

import pytest

from course_lib.practice.bank import load_file
from course_lib.practice.hints import hint, solution

SAMPLE = Path(__file__).parent / "data" / "quiz" / "02_seven_distinctive_features.toml"


@pytest.fixture(scope="module")
def by_kind():
    """The sample questions keyed by kind."""
    return {q.kind: q for q in load_file(SAMPLE)}


def test_hints_are_numbered_then_point_to_the_solution(by_kind):
    """Hint n reads 'Hint n of N'; past the last, the note says there are no more and names solution()."""
    question = by_kind["single"]  # two hints
    assert str(hint(question, 1)).startswith("Hint 1 of 2\n")
    assert question.hints[1] in str(hint(question, 2))
    last = hint(question, 3)
    assert "No more hints" in str(last)
    assert ".solution()" in str(last)
    assert "No more hints" in last._repr_html_()


def test_single_solution_shows_option_text_explanation_and_references(by_kind):
    """The solution names the key with its option text, says why, and lists the references."""
    question = by_kind["single"]
    text = str(solution(question))
    assert "B. A focus on affect and emotional expression" in text
    assert question.explanation in text
    assert "References:" in text
    assert "Blagys" in text or "blagys2000" in text


def test_multiple_solution_lists_every_correct_option(by_kind):
    """A multiple-select solution lists each correct option with its text, and only those."""
    text = str(solution(by_kind["multiple"]))
    assert "A. Homework between sessions" in text
    assert "C. Teaching coping skills" in text
    assert "B. Exploring fantasy life" not in text


def test_matching_and_ordering_solutions_spell_out_pairs_and_positions(by_kind):
    """Matching shows item → option pairs; ordering shows numbered positions."""
    assert "1. You have arrived late three weeks running. → B. Exploring avoidance" in str(
        solution(by_kind["matching"]))
    assert "1. A. Focus on affect" in str(solution(by_kind["ordering"]))


def test_numeric_solution_states_the_tolerance(by_kind):
    """A numeric solution gives the number and the tolerance that counts as correct."""
    assert "7 (answers within ±0.5 count as correct)" in str(solution(by_kind["numeric"]))


def test_reflection_solution_is_a_model_answer(by_kind):
    """A reflection's solution is presented as one model answer among many."""
    text = str(solution(by_kind["reflection"]))
    assert "A model answer" in text
    assert by_kind["reflection"].model_answer in text


def test_solution_html_has_headed_sections(by_kind):
    """The rich solution has Answer, Why and References sections."""
    page = solution(by_kind["single"])._repr_html_()
    for heading in ("Answer", "Why", "References"):
        assert f"<strong>{heading}</strong>" in page
