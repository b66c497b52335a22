"""A simulated learner, end to end: lessons 01 and 05 run headless in fresh kernels with answers right, wrong and
untouched (in code and on cards), quiz 1 self-graded with ``course selfcheck`` from a copy moved elsewhere, and a
review card answered. The record, mastery and review queue must be exactly what docs/self-study.md's rules give,
worked out by hand below."""

import shutil
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from course_lib.instructor.course import coursedir
from course_lib.instructor.quizzes.variant_keys import student_variant
from course_lib.instructor.testing import synthetic
from course_lib.progress.review_session import ReviewSession
from course_lib.progress.summary import summarise
from course_lib.record import recorder, store
from course_lib.record.mastery import mastery
from course_lib.record.review import DAY, due_questions
from tests.support.course_cli import run_course
from tests.support.paths import NOTEBOOKS

pytestmark = pytest.mark.pipeline
QUIZ = "q1_features_and_process"

# Right and wrong answers come from the question bank (its key and first listed wrong answer), so re-lettering the
# options of a question never silently turns a "right" step of this learner into a wrong one.
ANSWERS = """
from course_lib.practice import practice
def right(question_id): return practice(question_id).question.answer
def wrong(question_id): return practice(question_id).question.wrong[0]
"""
LESSON_01_WORK = ANSWERS + """
practice("q01.1").check(right("q01.1"))                    # o1.1 right
card = practice("q01.8").card()                            # o1.1 right, on a card
card.set_answer(right("q01.8")); card.check_button.click()
q = practice("q01.2")
q.check(wrong("q01.2")); q.check(right("q01.2"))           # o1.2 wrong, then right a moment later
card = practice("q01.3").card()                            # o1.3 wrong, on a card
card.set_answer(wrong("q01.3")); card.check_button.click()
practice("q01.9").check("Its roots are psychoanalytic, but its method is not.")  # a reflection: noted
"""
LESSON_05_WORK = ANSWERS + """
practice("q05.1").check(right("q05.1")); practice("q05.2").check(right("q05.2"))
practice("q05.3").check(right("q05.3"))                    # o5.1 right x3
practice("q05.5").check(right("q05.5"))                    # o5.2 right
practice("q05.6").check(wrong("q05.6"))                    # o5.2 wrong
practice("q05.8").check(None)                              # untouched: not an answer
"""
# Quiz 1: every item right except q2 (o1.2) answered wrongly and q5 (o2.1) left untouched; q14 is written.
LEARNER_ID = "sam"  # quiz 1 gives each student their own version: the learner types an ID and answers theirs
QUIZ_UNTOUCHED = ("q5_answer",)
EXPLANATIONS = '[[item]]\nid = "q1"\nexplanation = "Less intensive: usually one or two sessions a week."\n'

# Worked by hand from the mastery rule (latest answer per question, the 3 most recent, at least 2 questions).
EXPECTED_MASTERY = {
    "o1.1": "mastered",  # q01.1, q01.8, quiz q1: all right
    "o1.2": "in progress",  # q01.2 right, quiz q2 wrong
    "o1.3": "in progress",  # q01.3 wrong, quiz q3 and q4 right: the wrong one is among the last three
    "o2.1": "not started",  # quiz q5 untouched
    "o2.2": "in progress",  # quiz q6 only: one question
    "o2.3": "mastered",  # quiz q7, q8, q12 right (q14 is written, not scored)
    "o3.1": "mastered",  # quiz q6, q9, q10
    "o3.2": "mastered",  # quiz q11, q12
    "o3.3": "in progress",  # quiz q13 only
    "o4.1": "not started", "o4.2": "not started",
    "o5.1": "mastered",  # q05.1, q05.2, q05.3
    "o5.2": "in progress",  # q05.5 right, q05.6 wrong
    "o5.3": "not started",  # q05.8 untouched
    "o5.4": "not started", "o6.1": "not started", "o6.2": "not started", "o7.1": "not started",
    "o7.2": "not started",
}


def run_lesson(stem: str, work: str) -> None:
    path = next(p for p in NOTEBOOKS if p.stem == stem)
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(work))
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()


def learner_quiz_copy(course: Path, target: Path) -> None:
    """A fresh copy from ``course selfcheck --new``, answered as the learner would, saved under its own name."""
    made = run_course(course, "selfcheck", QUIZ, str(target), "--new", cwd=target.parent.parent)
    assert made.returncode == 0, made.stderr
    source = coursedir.source_notebooks(course, QUIZ)[QUIZ]
    key = synthetic.own_answers(source, QUIZ, LEARNER_ID)
    wrong = next(letter for letter in "ABCD" if letter != student_variant(QUIZ, LEARNER_ID, nb=source)["q2"].key)
    answers = {k: v for k, v in key.items() if k not in QUIZ_UNTOUCHED} | {"q2_answer": f'q2 = "{wrong}"'}
    nbformat.write(synthetic.fill_answers(nbformat.read(target, as_version=4), answers), target)


def test_a_month_of_self_study_in_miniature(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENVIRONMENT_VARIABLE, str(tmp_path / "record"))
    monkeypatch.setattr(store, "_stores", {})
    run_lesson("01_what_is_psychodynamic_therapy", LESSON_01_WORK)
    run_lesson("05_evidence", LESSON_05_WORK)

    course = tmp_path / "course"
    (course / "source").mkdir(parents=True)
    for name in ("nbgrader_config.py", "alignment.toml"):
        shutil.copy2(coursedir.REPO_COURSE / name, course / name)
    shutil.copytree(coursedir.REPO_COURSE / "source" / QUIZ, course / "source" / QUIZ)
    (course / "quizzes").mkdir()
    (course / "quizzes" / f"{QUIZ}.toml").write_text(EXPLANATIONS, encoding="utf-8")
    moved = tmp_path / "somewhere else" / "my quiz answers.ipynb"
    learner_quiz_copy(course, moved)
    done = run_course(course, "selfcheck", QUIZ, str(moved), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = done.stdout
    assert "q1: right (1 of 1)" in report and "Why: Less intensive" in report
    assert "q2: wrong (0 of 1)" in report
    assert "q5: not answered (0 of 2)" in report
    assert "q14: graded by a person" in report
    assert "Quiz q1_features_and_process: 19 of 22 points" in report
    assert "Saved in your progress record." in report

    record = store.default_store()
    attempts = record.attempts()
    practice_rows = [(a.item, a.outcome) for a in attempts if a.source == "practice"]
    assert practice_rows == [
        ("q01.1", "correct"), ("q01.8", "correct"), ("q01.2", "incorrect"), ("q01.2", "correct"),
        ("q01.3", "incorrect"), ("q01.9", "noted"),
        ("q05.1", "correct"), ("q05.2", "correct"), ("q05.3", "correct"), ("q05.5", "correct"),
        ("q05.6", "incorrect")]
    quiz_rows = {a.item.split("/")[1]: a.outcome for a in attempts if a.source == "quiz"}
    assert quiz_rows == {**{f"q{n}": "correct" for n in (1, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13)},
                         "q2": "incorrect", "q14": "noted"}
    assert sorted(r.lesson for r in record.lesson_runs()) == ["01_what_is_psychodynamic_therapy", "05_evidence"]
    assert [(g.quiz, g.score, g.max_score) for g in record.quiz_grades()] == [(QUIZ, 19, 22)]
    assert not (record.folder / "progress.sqlite3").read_bytes().count(b"Its roots are psychoanalytic")

    states = {o: m.status for o, m in mastery(EXPECTED_MASTERY, attempts).items()}
    assert states == EXPECTED_MASTERY
    summary = summarise(record)
    assert summary.objective_counts() == {"mastered": 5, "in progress": 5, "not started": 17}  # 01b: 5 untouched

    # Review queue (wrong → 1 day; first right → 3 days; a right answer before it is due changes nothing).
    now = time.time()
    assert [s.item for s in due_questions(attempts, now)] == []
    assert [s.item for s in due_questions(attempts, now + 1.5 * DAY)] == ["q01.2", "q01.3", "q05.6"]
    assert {s.item for s in due_questions(attempts, now + 3.5 * DAY)} == {
        "q01.1", "q01.2", "q01.3", "q01.8", "q05.1", "q05.2", "q05.3", "q05.5", "q05.6"}

    # A day and a half later: Review now offers the three; q01.2 answered right moves to three days.
    later = now + 1.5 * DAY
    monkeypatch.setattr(recorder, "time", type("Clock", (), {"time": staticmethod(lambda: later)}))
    session = ReviewSession(record, now=later)
    assert [c.practice.id for c in session.cards] == ["q01.2", "q01.3", "q05.6"]
    session.cards[0].set_answer(session.cards[0].practice.question.answer)
    session.cards[0].check_button.click()
    last = record.attempts()[-1]
    assert (last.item, last.source, last.outcome, last.at) == ("q01.2", "review", "correct", later)
    assert [s.item for s in due_questions(record.attempts(), later + 1)] == ["q01.3", "q05.6"]
    assert "q01.2" in {s.item for s in due_questions(record.attempts(), later + 3 * DAY)}
