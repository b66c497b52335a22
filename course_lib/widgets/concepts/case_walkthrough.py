"""The extended case: a stepped walk-through (lesson 01b) and a review with questions (lesson 07).

``CaseReader`` moves through the steps (next, previous, jump); ``CaseReview`` judges answers to the review questions
and keeps a score. The widgets are thin views over them; the step or verdict that changes is announced.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets

from course_lib.content.concepts.case import PHASE_NAMES, Case, CaseStep, ReviewQuestion, the_case
from course_lib.content.glossary import load_glossary
from course_lib.ui.look import WIDE_LABEL, CourseWidget, control, live_region, sized_button


def step_label(case: Case, step: CaseStep) -> str:
    """ "Step 2 of 8 · Formulation: the triangle of conflict" """
    number = case.steps.index(step) + 1
    return f"Step {number} of {len(case.steps)} · {step.title}"


def step_html(step: CaseStep, *, with_think: bool = True) -> str:
    """The step's paragraphs, the concepts it shows (by their glossary names) and a question to think about."""
    names = {term.id: term.term for term in load_glossary()}
    body = "".join(f"<p>{html.escape(line)}</p>" for line in step.paragraphs)
    concepts = ", ".join(html.escape(names[c]) for c in step.concepts)
    think = f"<p><em>Think about it:</em> {html.escape(step.think)}</p>" if with_think else ""
    return (f"<p><small>Phase: {PHASE_NAMES[step.phase]}</small></p>{body}"
            f"<p><strong>Concepts at work here:</strong> {concepts}.</p>{think}")


class CaseReader:
    """Which step of the case is showing."""

    def __init__(self, case: Case | None = None):
        self.case = case or the_case()
        self.position = 0

    @property
    def current(self) -> CaseStep:
        return self.case.steps[self.position]

    def go(self, step_id: str) -> CaseStep:
        self.position = next(i for i, step in enumerate(self.case.steps) if step.id == step_id)
        return self.current

    def next(self) -> CaseStep:
        self.position = min(self.position + 1, len(self.case.steps) - 1)
        return self.current

    def previous(self) -> CaseStep:
        self.position = max(self.position - 1, 0)
        return self.current


class CaseWalkthroughWidget(CourseWidget):
    """The case's name and note, a step chooser, Previous and Next, the step itself; the new step is announced."""

    def __init__(self, reader: CaseReader | None = None):
        self.reader = reader or CaseReader()
        case = self.reader.case
        self.intro = control(widgets.HTML, value=(
            f"<h4>{html.escape(case.name)}</h4><p><small>{html.escape(case.note)}</small></p>"))
        self.chooser = control(widgets.Dropdown, options=[(step_label(case, s), s.id) for s in case.steps],
                               value=case.steps[0].id, description="Go to:", style=WIDE_LABEL)
        self.previous = sized_button("Previous step", tooltip="Go back one step")
        self.next = sized_button("Next step", button_style="primary", tooltip="Go on to the next step")
        self.heading = live_region()  # announces which step is now showing
        self.body = control(widgets.HTML)
        self.previous.on_click(lambda _: self._show(self.reader.previous()))
        self.next.on_click(lambda _: self._show(self.reader.next()))
        self.chooser.observe(lambda change: self._show(self.reader.go(change["new"])), names="value")
        super().__init__([self.intro, self.chooser, self.heading, self.body,
                          control(widgets.HBox, children=[self.previous, self.next])])
        self._show(self.reader.current)

    def _show(self, step: CaseStep) -> None:
        case = self.reader.case
        self.heading.value = f"<h4>{html.escape(step_label(case, step))}</h4>"
        self.body.value = step_html(step)
        if self.chooser.value != step.id:
            self.chooser.value = step.id
        self.previous.disabled = self.reader.position == 0
        self.next.disabled = self.reader.position == len(case.steps) - 1


@dataclass(frozen=True)
class ReviewVerdict:
    correct: bool
    message: str
    counted: bool

    def __str__(self) -> str:
        return self.message


class CaseReview:
    """The review questions in case order; the first answer to each counts towards the score."""

    def __init__(self, case: Case | None = None):
        self.case = case or the_case()
        self.questions = tuple(q for step in self.case.steps for q in self.case.reviews_for(step.id))
        self.position = 0
        self.first_answers: dict[str, bool] = {}

    @property
    def current(self) -> ReviewQuestion:
        return self.questions[self.position]

    @property
    def step(self) -> CaseStep:
        return next(step for step in self.case.steps if step.id == self.current.step)

    @property
    def score(self) -> str:
        return f"{sum(self.first_answers.values())} of {len(self.first_answers)}"

    def answer(self, key: str) -> ReviewVerdict:
        question = self.current
        if key not in question.choices:
            raise ValueError(f"{key!r} is not one of the choices {', '.join(question.choices)}")
        correct = key == question.answer
        counted = question.id not in self.first_answers
        if counted:
            self.first_answers[question.id] = correct
        right = f"{question.answer}, {question.choices[question.answer]}"
        head = "Right." if correct else f"Not quite: the answer is {right}."
        return ReviewVerdict(correct, f"{head} {question.explanation}", counted)

    def move(self, delta: int) -> ReviewQuestion:
        self.position = max(0, min(len(self.questions) - 1, self.position + delta))
        return self.current


class CaseReviewWidget(CourseWidget):
    """One review question at a time, the part of the case it is about (folded), choices, Check, verdict, score."""

    def __init__(self, review: CaseReview | None = None):
        self.review = review or CaseReview()
        self.heading = live_region()  # announces the new question's place and step
        self.context = control(widgets.HTML)
        # Its own layout: the options change with every question.
        self.choice = widgets.RadioButtons(options=[], description="Your answer:", style=WIDE_LABEL,
                                           layout=widgets.Layout(width="100%"))
        self.check = sized_button("Check", button_style="primary", tooltip="Check your answer")
        self.previous = sized_button("Previous question", tooltip="Go back one question")
        self.next = sized_button("Next question", tooltip="Go on to the next question")
        self.feedback = live_region()
        self.score = control(widgets.HTML)
        self.check.on_click(self._on_check)
        self.previous.on_click(lambda _: self._show(-1))
        self.next.on_click(lambda _: self._show(1))
        super().__init__([self.heading, self.context, self.choice, self.check, self.feedback, self.score,
                          control(widgets.HBox, children=[self.previous, self.next])])
        self._show(0)

    def _show(self, delta: int) -> None:
        question = self.review.move(delta)
        step = self.review.step
        total = len(self.review.questions)
        self.heading.value = (f"<h4>Question {self.review.position + 1} of {total} · "
                              f"{html.escape(step.title)}</h4>")
        self.context.value = (f"<details><summary>Reread this part of the case</summary>"
                              f"{step_html(step, with_think=False)}</details><p>{html.escape(question.prompt)}</p>")
        self.choice.options = [(f"{key}. {text}", key) for key, text in question.choices.items()]
        self.choice.value = None
        self.feedback.value = ""
        self.previous.disabled = self.review.position == 0
        self.next.disabled = self.review.position == total - 1
        self._show_score()

    def _show_score(self) -> None:
        self.score.value = f"<p><strong>Score: {self.review.score}</strong> (first answers only)</p>"

    def _on_check(self, button) -> None:
        if self.choice.value is None:
            self.feedback.value = "<p>Choose an answer first, then press Check.</p>"
            return
        verdict = self.review.answer(self.choice.value)
        self.feedback.value = f"<p>{'✔' if verdict.correct else '✘'} {html.escape(verdict.message)}</p>"
        self._show_score()


def case_walkthrough(start: str | None = None) -> CaseWalkthroughWidget:
    """Display the extended case as a stepped walk-through, from the first step or from the step ``start``."""
    reader = CaseReader()
    if start is not None:
        known = [step.id for step in reader.case.steps]
        if start not in known:
            raise ValueError(f"no step {start!r} in the case; steps: {', '.join(known)}")
        reader.go(start)
    return CaseWalkthroughWidget(reader)


def case_review() -> CaseReviewWidget:
    """Display the extended case's review questions."""
    return CaseReviewWidget()
