"""A graded stem is never a near-copy of a practice stem (assignments/README.md, rule 5).

A practice question teaches an idea; a graded item that repeats its wording rewards memory of the wording, and a
student who saw the practice key gets the graded point for free. Two measures, on stems lower-cased and stripped of
markup and punctuation: difflib's ratio (shared wording, in order) and the Jaccard overlap of content words (shared
vocabulary in any order).

Why 0.62 and 0.40. Before the December 2026 revision, every graded stem at a ratio of 0.62 or more to some practice
stem was that practice question reworded (from q2 q5 at 0.64 up to q4 q8, a verbatim copy at 1.00), and the one
content copy below it (q4 q3, asking again which activities are among the seven features) shared 0.43 of its content
words with practice q07.3. After the revision the closest pairs are short generic stems ("Match each school to the
idea that sets it apart" against "Match each over-reaching conclusion to the design limit ...", 0.60) and no pair
shares more than 0.37 of its words. The thresholds sit in those gaps.
"""

import difflib
import re
from pathlib import Path

import pytest

from course_lib.instructor.quizzes.build import load_quiz
from course_lib.practice import all_questions

QUIZZES = sorted((Path(__file__).resolve().parents[1] / "assignments" / "quizzes").glob("q*.toml"))
MAX_RATIO = 0.62
MAX_JACCARD = 0.40
STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "do", "does", "for", "from", "how", "in", "is", "it", "its", "of",
    "on", "one", "or", "that", "the", "their", "these", "they", "this", "to", "what", "which", "why", "with",
})


def normalised(stem: str) -> str:
    """Lower case, markup and punctuation gone, single spaces: the words a reader takes in."""
    text = re.sub(r"[`*_]", "", stem.lower())
    return " ".join(re.sub(r"[^a-z0-9. ]+", " ", text).split())


def ratio(a: str, b: str) -> float:
    """difflib's similarity of two normalised stems, 0 (nothing shared) to 1 (identical)."""
    return difflib.SequenceMatcher(None, normalised(a), normalised(b)).ratio()


def jaccard(a: str, b: str) -> float:
    """Shared content words over all content words of the two stems."""
    words_a = set(normalised(a).split()) - STOPWORDS
    words_b = set(normalised(b).split()) - STOPWORDS
    return len(words_a & words_b) / max(1, len(words_a | words_b))


def graded_stems() -> list[tuple[str, str]]:
    return [(f"{path.stem} {item.id}", item.prompt) for path in QUIZZES for item in load_quiz(path).items]


def practice_stems() -> list[tuple[str, str]]:
    return [(question.id, question.prompt) for question in all_questions()]


def test_a_reworded_copy_is_caught_and_a_new_question_on_the_same_topic_is_not():
    """The measure flags a lightly reworded stem and passes a different question about the same idea."""
    practice = "Which of these are among the seven features that set psychodynamic sessions apart? Select all."
    copy = "Which of these are among the seven features that set psychodynamic sessions apart? Choose all that apply."
    fresh = ("A client keeps arriving late whenever her father comes up. Which feature is the therapist using when "
             "she asks what makes that topic hard to reach?")
    assert ratio(practice, copy) > MAX_RATIO
    assert ratio(practice, fresh) <= MAX_RATIO and jaccard(practice, fresh) <= MAX_JACCARD


def test_the_banks_are_both_read():
    """The check compares real stems: every quiz and every lesson's practice questions are loaded."""
    assert len(graded_stems()) >= 50 and len(practice_stems()) >= 50


@pytest.mark.parametrize(("graded_id", "graded"), graded_stems(), ids=lambda value: value if " q" in value else "")
def test_graded_stem_is_not_a_near_copy_of_any_practice_stem(graded_id, graded):
    """No graded stem is within the threshold of any practice stem, by wording or by shared content words."""
    close = [f"{pid} (ratio {ratio(graded, prompt):.2f}, shared words {jaccard(graded, prompt):.2f})"
             for pid, prompt in practice_stems()
             if ratio(graded, prompt) > MAX_RATIO or jaccard(graded, prompt) > MAX_JACCARD]
    assert not close, f"{graded_id} nearly copies practice {', '.join(close)}"
