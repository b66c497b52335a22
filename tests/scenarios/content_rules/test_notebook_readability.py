"""No markdown cell is a wall of text: at most 300 words, in every lesson and every quiz (issue 19, point 7)."""

import re

import nbformat
import pytest

from tests.support.paths import NOTEBOOKS, ROOT

QUIZ_SOURCES = sorted((ROOT / "assignments" / "source").glob("*/*.ipynb"))

MAX_WORDS = 300
WORD = re.compile(r"[A-Za-z0-9](?:[\w'’-]|\.(?=\d))*")


def words(text: str) -> int:
    """Words a reader reads: runs of letters or digits, markup and punctuation left out."""
    return len(WORD.findall(text))


def test_the_count_ignores_markup():
    """Markdown symbols, bullets and table rules are not words; hyphenated and quoted words count once."""
    assert words("## Summary\n\n- **Between-group** effects | --- |\n1. `keefe2014`: g = 0.02") == 7


@pytest.mark.parametrize("path", NOTEBOOKS + QUIZ_SOURCES, ids=lambda p: p.stem)
def test_no_markdown_cell_runs_past_300_words(path):
    """Each markdown cell holds at most 300 words, so a section can be read (and heard) in one go."""
    long = [(i, words(c.source)) for i, c in enumerate(nbformat.read(path, as_version=4).cells)
            if c.cell_type == "markdown" and words(c.source) > MAX_WORDS]
    assert not long, f"{path.name}: markdown cells over {MAX_WORDS} words (cell index, words): {long}"
