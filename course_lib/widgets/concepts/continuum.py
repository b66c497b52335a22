"""The expressive–supportive continuum (lesson 01b): place a therapist's sentence on it and get feedback.

``place`` judges one placement (a pure function); ``ContinuumTrainer`` deals the sentences in a seeded order;
``ContinuumWidget`` shows the exchange, the interventions as a labelled radio group in continuum order, Check
(feedback in a live region), and Next.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets

from course_lib.content.concepts.interventions import Continuum, TherapistSentence, continuum
from course_lib.ui.look import WIDE_LABEL, CourseWidget, control, live_region, sized_button
from course_lib.widgets.drill import Drill


@dataclass(frozen=True)
class Placement:
    correct: bool
    steps: int  # chosen position minus the right one: > 0 placed too far towards the supportive end
    message: str

    def __str__(self) -> str:
        return self.message


def _where(position: int, total: int) -> str:
    if position <= 2:
        return "at the expressive end"
    if position >= total - 2:
        return "at the supportive end"
    return "in the middle"


def place(scale: Continuum, sentence: TherapistSentence, chosen: str) -> Placement:
    """Judge where the student placed ``sentence``; the message names the right intervention and explains it."""
    right = scale.intervention(sentence.intervention)
    pick = scale.intervention(chosen)
    total = len(scale.interventions)
    steps = pick.position - right.position
    where = f"{right.name} sits {_where(right.position, total)} (position {right.position} of {total})."
    if steps == 0:
        text = f"Right: {right.name}. {where} {sentence.explanation}"
    else:
        direction = "supportive" if steps > 0 else "expressive"
        text = (f"Not quite: you placed it at {pick.name}, {abs(steps)} step{'s' if abs(steps) > 1 else ''} too far "
                f"towards the {direction} end. {where} {sentence.explanation}")
    return Placement(steps == 0, steps, text)


class ContinuumTrainer(Drill[TherapistSentence]):
    """The sentences in a seeded shuffled order, one at a time, round after round."""

    noun = "sentence"

    def __init__(self, scale: Continuum | None = None, *, seed: int = 0):
        self.scale = scale or continuum()
        super().__init__(self.scale.sentences, seed=seed)

    def answer(self, intervention_id: str) -> Placement:
        sentence = self._require_card()
        if intervention_id not in {item.id for item in self.scale.interventions}:
            raise ValueError(f"{intervention_id!r} is not an intervention id")
        placement = place(self.scale, sentence, intervention_id)
        self._count(placement.correct)
        return placement


class ContinuumWidget(CourseWidget):
    """The exchange, the continuum as a radio group (expressive first), Check, feedback, Next sentence."""

    def __init__(self, trainer: ContinuumTrainer | None = None):
        self.trainer = trainer or ContinuumTrainer()
        scale = self.trainer.scale
        self.exchange = control(widgets.HTML)
        self.choice = control(
            widgets.RadioButtons, options=[(f"{i.position}. {i.name}", i.id) for i in scale.interventions],
            value=None, description="Place it:", style=WIDE_LABEL,
        )
        self.ends = control(widgets.HTML, value=(
            "<p><small>1 is the most expressive end (exploring what is not yet recognised); "
            f"{len(scale.interventions)} the most supportive (shoring up what helps the patient cope).</small></p>"))
        self.check = sized_button("Check", button_style="primary", tooltip="Check where you placed the sentence")
        self.next = sized_button("Next sentence", tooltip="Show another therapist sentence")
        self.feedback = live_region()
        self.check.on_click(self._on_check)
        self.next.on_click(self._on_next)
        super().__init__([self.exchange, self.ends, self.choice,
                          control(widgets.HBox, children=[self.check, self.next]), self.feedback])
        self._on_next(None)

    def _on_check(self, button) -> None:
        if self.choice.value is None:
            self.feedback.value = "<p>Choose a place on the continuum first, then press Check.</p>"
            return
        result = self.trainer.answer(self.choice.value)
        self.feedback.value = f"<p>{'✔' if result.correct else '✘'} {html.escape(result.message)}</p>"

    def _on_next(self, button) -> None:
        item = self.trainer.draw()
        self.exchange.value = (f"<p><strong>Client:</strong> \"{html.escape(item.client)}\"<br>"
                               f"<strong>Therapist:</strong> \"{html.escape(item.therapist)}\"</p>")
        self.choice.value = None
        self.feedback.value = ""


def continuum_trainer(seed: int = 0) -> ContinuumWidget:
    """Display the expressive–supportive continuum trainer (``seed`` fixes the order of sentences)."""
    return ContinuumWidget(ContinuumTrainer(seed=seed))
