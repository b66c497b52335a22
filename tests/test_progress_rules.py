"""Tests for the documented rules: mastery per objective (course_lib.record.mastery) and the review queue
(course_lib.record.review), each case worked by hand from docs/self-study.md."""

from course_lib.record.mastery import IN_PROGRESS, MASTERED, NOT_STARTED, mastery
from course_lib.record.review import DAY, INTERVALS_DAYS, due_questions, next_due, schedules
from course_lib.record.store import Attempt


def answer(item, outcome, at=0.0, objective="o1.1", source="practice"):
    return Attempt(at, source, item, (objective,), outcome)


def status(*attempts, objective="o1.1"):
    return mastery([objective], list(attempts))[objective].status


def test_no_answers_is_not_started_and_reflections_do_not_count():
    assert status() == NOT_STARTED
    assert status(answer("q01.9", "noted")) == NOT_STARTED


def test_two_different_questions_right_is_mastered():
    assert status(answer("q01.1", "correct", 1), answer("q01.2", "correct", 2)) == MASTERED


def test_one_question_right_many_times_is_only_in_progress():
    """Checking the same right answer again and again is not mastery."""
    assert status(*(answer("q01.1", "correct", t) for t in range(5))) == IN_PROGRESS


def test_the_latest_answer_to_each_question_is_what_counts():
    """Wrong then right on the same question counts as right."""
    assert status(answer("q01.1", "incorrect", 1), answer("q01.1", "correct", 2),
                  answer("q01.2", "correct", 3)) == MASTERED
    assert status(answer("q01.1", "correct", 1), answer("q01.2", "correct", 2),
                  answer("q01.1", "incorrect", 3)) == IN_PROGRESS


def test_only_the_three_most_recent_questions_count():
    """An old wrong answer drops out once three other questions have been answered right since."""
    old_wrong = answer("q01.1", "incorrect", 1)
    recent = [answer(f"q01.{n}", "correct", n) for n in (2, 3, 4)]
    assert status(old_wrong, *recent) == MASTERED
    assert status(old_wrong, *recent[:2]) == IN_PROGRESS


def test_a_quiz_item_counts_for_every_objective_it_is_tied_to():
    item = Attempt(5, "quiz", "q1_features_and_process/q6", ("o2.2", "o3.1"), "correct", 4, 4)
    result = mastery(["o2.2", "o3.1", "o3.2"], [item, answer("q02.5", "correct", 6, "o2.2")])
    assert [result[o].status for o in ("o2.2", "o3.1", "o3.2")] == [MASTERED, IN_PROGRESS, NOT_STARTED]


def test_intervals_are_the_documented_ones():
    assert INTERVALS_DAYS == (1, 3, 7, 21)


def test_a_wrong_answer_comes_back_after_one_day():
    plan = schedules([answer("q01.1", "incorrect", 0)])["q01.1"]
    assert (plan.step, plan.due) == (0, 1 * DAY)
    assert [s.item for s in due_questions([answer("q01.1", "incorrect", 0)], now=DAY - 1)] == []
    assert [s.item for s in due_questions([answer("q01.1", "incorrect", 0)], now=DAY)] == ["q01.1"]


def test_right_answers_on_time_stretch_the_interval_3_7_21_21():
    history, t = [], 0.0
    expected = []
    for gap_days in (0, 3, 7, 21, 21):
        t += gap_days * DAY
        history.append(answer("q01.1", "correct", t))
        plan = schedules(history)["q01.1"]
        expected.append(round((plan.due - t) / DAY))
    assert expected == [3, 7, 21, 21, 21]


def test_an_early_right_answer_changes_nothing_and_a_wrong_one_resets():
    first = answer("q01.1", "correct", 0)
    early = answer("q01.1", "correct", 1 * DAY)
    assert schedules([first, early])["q01.1"].due == 3 * DAY
    wrong = answer("q01.1", "incorrect", 10 * DAY)
    assert schedules([first, wrong])["q01.1"].due == 11 * DAY


def test_wrong_then_right_at_once_still_comes_back_tomorrow():
    """The usual pattern in a lesson: a miss, then the right answer a minute later."""
    plan = schedules([answer("q01.1", "incorrect", 0), answer("q01.1", "correct", 60)])["q01.1"]
    assert (plan.step, plan.due) == (0, DAY)


def test_the_queue_puts_the_longest_overdue_first_and_leaves_out_quiz_items_and_reflections():
    history = [answer("q01.2", "incorrect", 5 * DAY), answer("q01.1", "incorrect", 0),
               answer("q01.9", "noted", 0), Attempt(0, "quiz", "q1/q3", ("o1.3",), "incorrect", 0, 4)]
    assert [s.item for s in due_questions(history, now=30 * DAY)] == ["q01.1", "q01.2"]
    assert next_due(history, now=2 * DAY).item == "q01.2"
    assert next_due(history, now=30 * DAY) is None
