"""What students read about Shedler's 0.97/1.51 and about negative effect sizes (issue 19, point 3)."""

import json
import re

import pytest

from tests.support.paths import ROOT

REPO = ROOT
# Phrases that framed the headline figures as of unknown kind or possibly pre-post: the Cochrane review's only
# comparison is against wait-list, usual care or minimal treatment, so a figure from it is between-group.
WRONG_FRAMES = ("unstated type", "of unstated", "type not stated", "type is not stated", "type of the 0.97",
                "type of the 1.51", "may be within-group", "may be a within-group", "may describe change within")


def _student_texts() -> list[tuple[str, str]]:
    """(where, text) for every lesson's markdown and every content and quiz TOML a student can see."""
    texts = []
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                texts.append((f"{path.name} {cell.get('id')}", "".join(cell["source"])))
    for path in sorted((REPO / "course_lib" / "content").rglob("*.toml")):
        texts.append((str(path.relative_to(REPO)), path.read_text(encoding="utf-8")))
    for path in sorted((REPO / "assignments" / "quizzes").glob("*.toml")):
        texts.append((str(path.relative_to(REPO)), path.read_text(encoding="utf-8")))
    return texts


@pytest.mark.parametrize("phrase", WRONG_FRAMES)
def test_no_student_text_calls_the_headline_figures_of_unknown_kind(phrase):
    """No lesson, content file or quiz calls the 0.97/1.51 'of unstated type' or hints they may be pre-post."""
    hits = [where for where, text in _student_texts() if phrase in text.lower()]
    assert hits == [], f"{phrase!r} in {hits}"


def test_every_mention_of_the_headline_in_lessons_04_05_says_what_it_was_compared_with():
    """Each lesson 04-05 paragraph that gives 0.97 and 1.51 together names the weak controls or the untraced value."""
    for name in ("04_who_benefits.ipynb", "05_evidence.ipynb"):
        cells = json.loads((REPO / "notebooks" / name).read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            text = "".join(cell["source"])
            if cell["cell_type"] == "markdown" and "0.97" in text and "1.51" in text:
                assert re.search(r"weak controls|wait-list, usual care", text), (name, cell["id"])


def test_every_negative_figure_in_lessons_04_05_says_which_way_it_points():
    """A sentence of lesson 04-05 prose that shows a negative effect size says whom it favours or leans towards."""
    for name in ("04_who_benefits.ipynb", "05_evidence.ipynb"):
        for cell in json.loads((REPO / "notebooks" / name).read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            for sentence in re.split(r"(?<=[.!?])\s+", "".join(cell["source"])):
                # effect sizes, not the arithmetic of the worked example (which shows steps such as 0.8 − 0.842)
                if re.search(r"[−-]0\.\d", sentence) and re.search(r"\b[dg] = |months|follow-up|year", sentence):
                    assert re.search(r"favour|lean", sentence), (name, cell["id"], sentence)
