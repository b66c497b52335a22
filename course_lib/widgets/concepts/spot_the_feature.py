"""Spot the feature (lesson 02): read an exchange, say which feature or CBT activity it shows, get feedback.

``SpotTheFeature`` is the game as a plain class (seeded deck, answers, running score); ``SpotTheFeatureWidget`` is a
thin ipywidgets view that calls it. Tests drive both from Python.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets

from course_lib.content.features import label_name, labels
from course_lib.content.vignettes import Vignette, vignettes
from course_lib.ui.look import (
    NO_CHOICE,
    SIZED_TO_LABEL,
    WIDE_LABEL,
    CourseWidget,
    control,
    live_region,
    sized_button,
)
from course_lib.widgets.concepts.feature_explorer import exchange_html
from course_lib.widgets.drill import Drill


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer, with an explanation that holds whether the answer was right or wrong."""

    correct: bool
    chosen: str
    expected: str
    message: str
    counted: bool  # only the first answer to each exchange changes the score

    def __str__(self) -> str:
        return self.message


def _name(label: str) -> str:
    return label_name(label) if label in labels() else label


def feedback_message(vignette: Vignette, chosen: str) -> str:
    """Explain the exchange's label, and when the pick was wrong, what set it apart from the pick."""
    if chosen == vignette.label:
        return f"Correct: {_name(vignette.label)}. {vignette.explanation}"
    text = f"Not quite. You picked {_name(chosen)}; this exchange shows {_name(vignette.label)}. {vignette.explanation}"
    feature_ids = {k for k, v in labels().items() if v.kind == "feature"}
    if (chosen in feature_ids) != (vignette.label in feature_ids):
        text += f" Notice the stance: the therapist here is {vignette.stance}."
    return text


class SpotTheFeature(Drill[Vignette]):
    """The game state: a shuffled deck of vignettes (no repeats until all are seen), answers and a score."""

    noun = "exchange"

    def __init__(self, items: tuple[Vignette, ...] | None = None, *, seed: int = 0):
        super().__init__(vignettes() if items is None else items, seed=seed)

    @property
    def items(self) -> tuple[Vignette, ...]:
        return self.cards

    def reset(self) -> None:
        super().reset()
        self.seen_this_round: list[str] = []

    def draw(self) -> Vignette:
        """The next exchange; a new round (reshuffled) starts only once every exchange has been seen."""
        if not self.remaining:
            self.seen_this_round = []
        vignette = super().draw()
        self.seen_this_round.append(vignette.id)
        return vignette

    def answer(self, label: str) -> Feedback:
        """Judge a pick for the current exchange; the first answer to each exchange counts towards the score."""
        vignette = self._require_card()
        if label not in labels():
            raise ValueError(f"{label!r} is not a feature or CBT activity id; known: {', '.join(labels())}")
        correct = label == vignette.label
        counted = self._count(correct)
        return Feedback(correct, label, vignette.label, feedback_message(vignette, label), counted)


class SpotTheFeatureWidget(CourseWidget):
    """Exchange on top, a labelled dropdown and Check button, feedback, running score, Next and Start over."""

    def __init__(self, game: SpotTheFeature | None = None):
        self.game = game or SpotTheFeature()
        options = [NO_CHOICE, *((label_name(k), k) for k in labels())]
        self.exchange = control(widgets.HTML)
        self.choice = control(
            widgets.Dropdown, options=options, value="", description="This exchange shows:", style=WIDE_LABEL,
            layout=SIZED_TO_LABEL,
        )
        self.check = sized_button("Check", button_style="primary", tooltip="Check your answer")
        self.next = sized_button("Next exchange", tooltip="Draw another exchange")
        self.reset = sized_button("Start over", tooltip="Reset the score and reshuffle")
        self.feedback = live_region()
        self.score = control(widgets.HTML)
        self.check.on_click(self._on_check)
        self.next.on_click(self._on_next)
        self.reset.on_click(self._on_reset)
        super().__init__([
            self.exchange, control(widgets.HBox, children=[self.choice, self.check]), self.feedback, self.score,
            control(widgets.HBox, children=[self.next, self.reset]),
        ])
        self._on_next(None)

    def _show_score(self) -> None:
        total = len(self.game.items)
        left = self.game.remaining
        self.score.value = (
            f"<p><strong>Score: {self.game.score}</strong> · exchange {total - left} of {total} in this round</p>"
        )

    def _on_check(self, button) -> None:
        if not self.choice.value:
            self.feedback.value = "<p>Pick a feature or CBT activity from the list first.</p>"
            return
        result = self.game.answer(self.choice.value)
        verdict = "✔" if result.correct else "✘"
        note = "" if result.counted else " <small>(only your first answer to an exchange is scored)</small>"
        self.feedback.value = f"<p>{verdict} {html.escape(result.message)}{note}</p>"
        self._show_score()

    def _on_next(self, button) -> None:
        self.exchange.value = exchange_html(self.game.draw())
        self.choice.value = ""
        self.feedback.value = ""
        self._show_score()

    def _on_reset(self, button) -> None:
        self.game.reset()
        self._on_next(None)


def spot_the_feature(seed: int = 0) -> SpotTheFeatureWidget:
    """Display the spot-the-feature trainer (``seed`` fixes the order of exchanges)."""
    return SpotTheFeatureWidget(SpotTheFeature(seed=seed))
