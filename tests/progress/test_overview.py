"""Tests for the progress view, Review now and the progress chart: what a learner sees, chart alt text and table,
the due questions as cards whose answers are recorded as reviews, and the caught-up message."""

import time

import pytest

from course_lib.progress.overview import ProgressView, progress_view
from course_lib.progress.review_session import MAX_CARDS, ReviewSession
from course_lib.record import store
from course_lib.record.review import DAY
from course_lib.record.store import Attempt, ProgressStore


def add(record: ProgressStore, item, outcome, objective, at):
    record.add_attempts([Attempt(at, "practice", item, (objective,), outcome)])


def test_the_view_shows_lessons_objectives_chart_table_and_where_the_record_is(private_record):
    now = time.time()
    add(private_record, "q01.1", "correct", "o1.1", now - 100)
    add(private_record, "q01.2", "correct", "o1.1", now - 90)
    add(private_record, "q01.3", "incorrect", "o1.2", now - 80)
    view = progress_view(lesson="00_start_here")
    heading = view.heading.value
    assert "Lessons done: 1 of 9" in heading  # lesson 00 has no questions: running it is enough
    assert "1 mastered, 1 in progress, 25 not started" in heading
    assert str(private_record.path) in heading
    assert "<caption>Your learning objectives and their status</caption>" in heading
    assert "<td>mastered</td><td>2 of the latest 2 right, 2 question(s) answered</td>" in heading
    chart = view.chart_view.value
    assert '<img alt="Stacked bars' in chart and "01 What psychodynamic therapy is" in chart
    assert "<caption>Data shown in the chart" in chart
    assert view.chart.rows[0][1:] == (1, 1, 1)
    assert "course-live" in view.status._dom_classes


def test_a_core_concepts_answer_moves_its_objective_and_lesson_01b_is_charted(private_record):
    """Answering a lesson 01b question shows its objective in progress, in the table and in the chart's 01b row."""
    add(private_record, "q01b.9", "incorrect", "o1b.3", time.time() - 50)
    view = progress_view(lesson="00_start_here")
    heading = view.heading.value
    assert "0 mastered, 1 in progress, 26 not started" in heading
    assert "<td>01b</td><td>Distinguish resistance, transference, countertransference" in heading
    row = next(r for r in view.chart.rows if r[0].startswith("01b "))
    assert row[0] == "01b Core concepts: the unconscious, defences, transference and the therapist's tools"
    assert row[1:] == (0, 1, 4)


def test_review_now_shows_the_due_questions_as_cards_and_records_each_answer_as_a_review(private_record):
    start = time.time() - 2 * DAY
    add(private_record, "q01.1", "incorrect", "o1.1", start)  # due after one day
    add(private_record, "q01.2", "correct", "o1.1", start)  # due after three days: not yet
    view = ProgressView()
    assert "1 question(s) due" in view.status.value
    view.review_button.click()
    session = view.review_box.children[0]
    assert [card.practice.id for card in session.cards] == ["q01.1"]
    card = session.cards[0]
    card.set_answer(card.practice.question.answer)
    card.check_button.click()
    assert "Correct" in card.feedback.value
    latest = private_record.attempts()[-1]
    assert (latest.item, latest.source, latest.outcome) == ("q01.1", "review", "correct")
    assert "1 of 1 answered" in session.status.value and "well done" in session.status.value


def test_pressing_check_on_an_untouched_review_card_is_not_an_answer(private_record):
    add(private_record, "q01.1", "incorrect", "o1.1", time.time() - 2 * DAY)
    session = ReviewSession(private_record)
    session.cards[0].check_button.click()
    assert "0 of 1 answered" in session.status.value
    assert len(private_record.attempts()) == 1


def test_a_caught_up_learner_is_told_so_and_when_to_come_back(private_record):
    add(private_record, "q01.1", "correct", "o1.1", time.time())
    session = ReviewSession(private_record)
    assert session.cards == []
    assert "all caught up" in session.status.value and "in 3 days" in session.status.value
    assert "Nothing to review yet" in ReviewSession(ProgressStore(private_record.folder / "empty")).status.value


def test_a_sitting_shows_at_most_ten_cards_and_says_the_rest_stay_due(private_record):
    start = time.time() - 2 * DAY
    for n in range(1, 10):
        add(private_record, f"q02.{n}", "incorrect", "o2.1", start + n)
    for n in range(1, 6):
        add(private_record, f"q03.{n}", "incorrect", "o3.1", start + 10 + n)
    session = ReviewSession(private_record)
    assert len(session.cards) == MAX_CARDS
    assert session.cards[0].practice.id == "q02.1"  # the longest overdue first
    assert "14 question(s) due" in session.status.value and "the rest stay due" in session.status.value


def test_with_recording_off_the_view_says_so(monkeypatch):
    monkeypatch.setenv(store.ENVIRONMENT_VARIABLE, "off")
    view = progress_view()
    assert "Recording is turned off" in view.heading.value
    assert "Recording is turned off" in ReviewSession().status.value


def test_chart_text_form_lists_every_lesson_with_objectives():
    from course_lib.charts.progress import progress_chart

    chart = progress_chart((("01 One", 1, 2, 0), ("02 Two", 0, 0, 3)))
    assert "Overall 1 mastered, 2 in progress and 3 not started" in chart.alt_text
    assert "02 Two: 0 mastered, 0 in progress, 3 not started" in chart.alt_text
    assert "02 Two  0         0            3" in str(chart)
    assert chart.svg().startswith(b"<?xml")


def test_an_unreadable_record_folder_gives_a_message_not_an_error(tmp_path, monkeypatch):
    """The record's folder is a file: the view and Review now say so in words; no exception reaches the lesson."""
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    monkeypatch.setenv(store.ENVIRONMENT_VARIABLE, str(blocker))
    monkeypatch.setattr(store, "_stores", {})
    assert "could not be read" in progress_view().heading.value
    assert "could not be read" in ReviewSession().status.value


@pytest.mark.parametrize("lesson", [None, "00_start_here"])
def test_a_damaged_record_is_reported_in_the_view_that_found_it(private_record, lesson):
    """Found while reading the record, or while recording lesson 00's run: said once, in this view."""
    private_record.folder.mkdir(parents=True, exist_ok=True)
    private_record.path.write_bytes(b"not a database at all" * 50)
    view = progress_view(lesson=lesson)
    assert "kept aside as" in view.heading.value
    assert "Answers checked so far: 0" in view.heading.value
    assert "kept aside" not in progress_view().heading.value
