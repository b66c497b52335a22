"""Tests for course_lib.widgets.review_quiz: the seeded cross-lesson self-test and its running score."""

import pytest

from course_lib.practice import Correct, Incorrect, NotAttempted, all_questions, load_questions
from course_lib.widgets.review_quiz import ReviewQuiz, Scoreboard, draw_questions, lessons_covered, review_quiz

# A fixed pool (this lesson's two banks) keeps most tests independent of other lessons' work in progress.
POOL = load_questions("06") + load_questions("07")
SCORED = [q for q in POOL if q.kind != "reflection"]


def test_same_seed_same_set_other_seed_other_set():
    """A set number always draws the same questions; a different one draws a different set."""
    first = draw_questions(6, seed=3, questions=POOL)
    assert [q.id for q in first] == [q.id for q in draw_questions(6, seed=3, questions=POOL)]
    assert [q.id for q in first] != [q.id for q in draw_questions(6, seed=4, questions=POOL)]


def test_draw_spreads_over_lessons_and_skips_reflections():
    """Two questions from two lessons come one from each; reflections (unscored) are left out by default."""
    drawn = draw_questions(2, seed=0, questions=POOL)
    assert {q.lesson_number for q in drawn} == {"06", "07"}
    many = draw_questions(100, seed=0, questions=POOL)
    assert len(many) == len(SCORED)
    assert all(q.kind != "reflection" for q in many)
    assert len({q.id for q in many}) == len(many)


def test_reflections_can_be_included():
    """With include_reflections=True the whole pool can be drawn."""
    assert len(draw_questions(100, seed=0, questions=POOL, include_reflections=True)) == len(POOL)


def test_draw_refuses_zero():
    """Asking for no questions is an error, not an empty quiz."""
    with pytest.raises(ValueError, match="at least one"):
        draw_questions(0, questions=POOL)


def test_real_banks_cover_every_lesson_with_questions():
    """Drawn from the real banks, a set as large as the number of lessons takes one question from each lesson."""
    bank = all_questions()
    lessons_with_questions = {q.lesson_number for q in bank if q.kind != "reflection"}
    drawn = draw_questions(len(lessons_with_questions), seed=1)
    assert {q.lesson_number for q in drawn} == lessons_with_questions


def test_scoreboard_keeps_the_latest_result_per_question():
    """Re-checking a question replaces its result, so the score never double-counts."""
    board = Scoreboard(("q06.1", "q07.1"))
    board.record("q06.1", Incorrect("no"))
    board.record("q06.1", Correct())
    board.record("q07.1", Correct())
    board.record("q07.1", Correct())
    assert (board.correct, board.checked, board.total) == (2, 2, 2)
    assert board.text() == "Score: 2 correct out of 2 (2 checked so far)."
    with pytest.raises(KeyError):
        board.record("q01.1", Correct())


def test_checking_an_untouched_card_does_not_count_as_checked():
    """Pressing Check with no answer leaves the checked count at zero (it is a nudge, not an attempt)."""
    view = ReviewQuiz(n=5, seed=2, questions=POOL)
    view.cards[0].check_button.click()
    assert "0 correct out of 5 (0 checked so far)" in view.score.value
    board = Scoreboard(("q06.1",))
    board.record("q06.1", NotAttempted())
    assert board.checked == 0


def test_clicking_check_updates_the_running_score():
    """Answering one card right and another wrong, then pressing Check, shows 1 correct of 5 with 2 checked."""
    view = ReviewQuiz(n=5, seed=2, questions=POOL)
    assert "0 correct out of 5 (0 checked so far)" in view.score.value
    first, second = view.cards[0], view.cards[1]
    first.set_answer(first.practice.question.answer)
    first.check_button.click()
    second.set_answer(second.practice.question.wrong[0])
    second.check_button.click()
    assert "1 correct out of 5 (2 checked so far)" in view.score.value
    assert "Correct" in first.feedback.value  # the card's own feedback still works


def test_each_check_is_recorded_once_in_the_learners_progress(tmp_path, monkeypatch):
    """The card records its answer; the running score does not record it a second time."""
    from course_lib.record import store

    monkeypatch.setenv(store.ENVIRONMENT_VARIABLE, str(tmp_path))
    monkeypatch.setattr(store, "_stores", {})
    view = ReviewQuiz(n=5, seed=2, questions=POOL)
    card = view.cards[0]
    card.set_answer(card.practice.question.answer)
    card.check_button.click()
    assert [(a.item, a.outcome) for a in store.default_store().attempts()] == [(card.practice.id, "correct")]


def test_drawing_a_new_set_resets_the_score():
    """Changing the set number and pressing Draw gives new cards and a fresh score."""
    view = ReviewQuiz(n=5, seed=2, questions=POOL)
    card = view.cards[0]
    card.set_answer(card.practice.question.answer)
    card.check_button.click()
    old = [q.id for q in view.questions]
    view.seed.value = 7
    view.size.value = 8
    view.draw_button.click()
    assert len(view.cards) == 8 and [q.id for q in view.questions] != old
    assert "0 correct out of 8" in view.score.value


def test_controls_are_labelled_and_lessons_listed():
    """Size and set-number controls carry labels; the set lists the lessons it draws on."""
    view = ReviewQuiz(n=5, seed=0, questions=POOL)
    assert view.size.description and view.seed.description
    assert "06 · Beyond symptom relief" in view.covered.value
    assert lessons_covered(SCORED) == ["06 · Beyond symptom relief", "07 · Review: putting it together"]


def test_review_quiz_uses_the_real_banks():
    """review_quiz() draws its cards from the course's own banks, one card per question."""
    view = review_quiz(n=5, seed=0)
    assert len(view.cards) == len(view.questions) == 5
    assert {q.id for q in view.questions} <= {q.id for q in all_questions()}
