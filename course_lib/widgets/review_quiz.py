"""Lesson 07 widget: a cross-lesson self-test drawn from every lesson's practice-question bank, with a running score.

It adds no question model of its own: it draws ``course_lib.practice`` questions (seeded, spread over the lessons),
shows each as the practice package's own card, and listens to each card's Check button to keep score.
Reflection questions are left out by default, because they are not scored.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field

import ipywidgets as widgets

from course_lib.content.lessons import lesson
from course_lib.practice import CheckResult, Correct, NotAttempted, PracticeQuestion, Question, all_questions, check
from course_lib.ui.look import WIDE_LABEL, CourseWidget, control, live_region

SET_SIZES = (5, 8, 12)


def draw_questions(
    n: int = 8, seed: int | None = 0, *, questions: Iterable[Question] | None = None, include_reflections: bool = False
) -> tuple[Question, ...]:
    """``n`` questions drawn with ``seed``, taking one from each lesson in turn so that every lesson is represented
    once ``n`` reaches the number of lessons; fewer if the banks hold fewer."""
    if n < 1:
        raise ValueError(f"draw at least one question, not {n}")
    pool = [q for q in (all_questions() if questions is None else questions)
            if include_reflections or q.kind != "reflection"]
    rng = random.Random(seed)
    by_lesson: dict[str, list[Question]] = {}
    for question in pool:
        by_lesson.setdefault(question.lesson_number, []).append(question)
    queues = [by_lesson[number] for number in sorted(by_lesson)]
    for queue in queues:
        rng.shuffle(queue)
    rng.shuffle(queues)
    drawn: list[Question] = []
    while len(drawn) < n and any(queues):
        for queue in queues:
            if queue and len(drawn) < n:
                drawn.append(queue.pop())
    rng.shuffle(drawn)
    return tuple(drawn)


@dataclass
class Scoreboard:
    """The latest check result per question; re-checking a question replaces its result rather than adding one."""

    question_ids: tuple[str, ...]
    results: dict[str, CheckResult] = field(default_factory=dict)

    def record(self, question_id: str, result: CheckResult) -> None:
        if question_id not in self.question_ids:
            raise KeyError(f"question {question_id!r} is not in this set")
        self.results[question_id] = result

    @property
    def correct(self) -> int:
        return sum(isinstance(r, Correct) for r in self.results.values())

    @property
    def checked(self) -> int:
        """Questions answered and checked; pressing Check on an untouched card does not count."""
        return sum(not isinstance(r, NotAttempted) for r in self.results.values())

    @property
    def total(self) -> int:
        return len(self.question_ids)

    def text(self) -> str:
        return f"Score: {self.correct} correct out of {self.total} ({self.checked} checked so far)."


def lessons_covered(questions: Iterable[Question]) -> list[str]:
    """The titles of the lessons a set of questions comes from, in course order."""
    numbers = sorted({q.lesson_number for q in questions})
    return [f"{n} · {lesson(n).title}" for n in numbers]


class ReviewQuiz(CourseWidget):
    """Labelled set-size and set-number controls, a Draw button, the running score and one card per question."""

    def __init__(self, n: int = 8, seed: int = 0, questions: Iterable[Question] | None = None):
        self.bank = tuple(questions) if questions is not None else None
        sizes = sorted({*SET_SIZES, n})
        self.size = control(widgets.Dropdown, options=sizes, value=n, description="Number of questions:",
                            style=WIDE_LABEL)
        self.seed = control(widgets.BoundedIntText, value=seed, min=0, max=9999, description="Question set number:",
                            style=WIDE_LABEL, layout={"width": "16em"})
        self.draw_button = control(widgets.Button, description="Draw this set", icon="random",
                                   tooltip="Draw the questions for this size and set number")
        self.score = live_region()
        self.covered = control(widgets.HTML)
        self.cards_box = control(widgets.VBox)
        self.cards: list = []
        self.draw_button.on_click(self._draw)
        self._draw()
        controls = control(widgets.HBox, children=[self.size, self.seed, self.draw_button])
        super().__init__([controls, self.covered, self.score, self.cards_box])

    def _draw(self, _button=None) -> None:
        self.questions = draw_questions(self.size.value, self.seed.value, questions=self.bank)
        self.board = Scoreboard(tuple(q.id for q in self.questions))
        self.cards = [PracticeQuestion(q).card() for q in self.questions]
        rows = []
        for number, (question, card) in enumerate(zip(self.questions, self.cards, strict=True), start=1):
            card.check_button.on_click(lambda _b, c=card: self._record(c))
            heading = control(widgets.HTML, value=f"<h4>Question {number} of {len(self.questions)} "
                                                  f"<small>(lesson {question.lesson_number})</small></h4>")
            rows.append(control(widgets.VBox, children=[heading, card]))
        self.cards_box.children = tuple(rows)
        self.covered.value = "<p><strong>Lessons in this set:</strong> " + "; ".join(
            lessons_covered(self.questions)) + "</p>"
        self._update_score()

    def _record(self, card) -> None:
        # The card's own Check already checked (and recorded) this answer: score it without recording it twice.
        self.board.record(card.practice.id, check(card.practice.question, card.answer()))
        self._update_score()

    def _update_score(self) -> None:
        self.score.value = f'<div><strong>{self.board.text()}</strong></div>'


def review_quiz(n: int = 8, seed: int = 0) -> ReviewQuiz:
    """Show a self-test of ``n`` practice questions from across the course (``seed`` picks the set)."""
    return ReviewQuiz(n=n, seed=seed)
