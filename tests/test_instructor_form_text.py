"""Tests for instructor.quizzes.form_text: quiz-form labels read as the rendered prompt does, without raw markup."""

import re
from pathlib import Path

import pytest

from course_lib.instructor.quizzes.build import load_quiz, render
from course_lib.instructor.quizzes.form_text import form_text

DATA = sorted((Path(__file__).resolve().parents[1] / "assignments" / "quizzes").glob("q*.toml"))
RAW_MARKUP = re.compile(r"`|\*\*|(?<![\w*])\*\S|\\[`*_]|\]\(")


@pytest.mark.parametrize(("markdown", "shown"), [
    ("`keefe2014`: g = 0.02", "keefe2014: g = 0.02"),
    ("**Between-group**, against *wait-list*", "Between-group, against wait-list"),
    ("_emphasis_ and the row id driessen2010_post", "emphasis and the row id driessen2010_post"),
    ("see [the glossary](glossary.md)", "see the glossary"),
    ("a literal \\* star and `a*b` in code", "a literal * star and a*b in code"),
    ("two\n lines", "two lines"),
])
def test_markup_becomes_the_text_a_reader_sees(markdown, shown):
    """Code ticks, bold, italics, links and escapes are dropped; the words, and markup inside code, stay."""
    assert form_text(markdown) == shown


def test_plain_text_is_left_alone():
    """An option without markup reaches the form unchanged, with its punctuation and numbers."""
    text = "Between-group, 0.97 against wait-list (usual care: 1.51)"
    assert form_text(text) == text


@pytest.mark.parametrize("path", DATA, ids=lambda p: p.stem)
def test_no_form_label_shows_raw_markdown(path):
    """Every option and item label in every quiz form is free of backticks, asterisks and link syntax."""
    for cell in render(load_quiz(path)).cells:
        meta = cell.metadata.get("quiz_item")
        if not meta:
            continue
        labels = list(meta.get("option_texts", {}).values()) + list(meta.get("item_texts", []))
        raw = [label for label in labels if RAW_MARKUP.search(label)]
        assert not raw, f"{path.name} {meta['variable']}: {raw}"


def test_options_written_with_markup_reach_the_form_readable():
    """Options the quiz data writes with code ticks (citation keys) appear in the form as the words alone."""
    converted = 0
    for path in DATA:
        quiz = load_quiz(path)
        options = {item.id: item.options for item in quiz.examples + quiz.items}
        for cell in render(quiz).cells:
            meta = cell.metadata.get("quiz_item", {})
            for letter, source in zip(meta.get("options", ""), options.get(meta.get("variable"), ()), strict=False):
                if "`" in source:
                    assert meta["option_texts"][letter] == source.replace("`", "").strip()
                    converted += 1
    assert converted, "no quiz option uses a code span, so this check proves nothing"
