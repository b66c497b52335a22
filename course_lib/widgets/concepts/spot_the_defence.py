"""Spot the defence (lesson 01b): read an everyday scene, name the defence and/or its level, get an explanation.

``SpotTheDefence`` is the trainer as a plain class (seeded deck, answers, running score); ``SpotTheDefenceWidget``
is a thin ipywidgets view over it. Tests drive both from Python.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets

from course_lib.content.concepts.defences import DefenceCatalogue, Scene, defence_catalogue
from course_lib.ui.look import (
    NO_CHOICE,
    SIZED_TO_LABEL,
    WIDE_LABEL,
    CourseWidget,
    control,
    live_region,
    sized_button,
)
from course_lib.widgets.drill import Drill


@dataclass(frozen=True)
class DefenceFeedback:
    """The verdict on one answer. ``defence_right`` / ``level_right`` are None for a part left unanswered."""

    defence_right: bool | None
    level_right: bool | None
    message: str
    counted: bool  # only the first answer to each scene changes the score

    @property
    def correct(self) -> bool:
        """Right when every part the student gave is right."""
        parts = [part for part in (self.defence_right, self.level_right) if part is not None]
        return bool(parts) and all(parts)

    def __str__(self) -> str:
        return self.message


def feedback_message(catalogue: DefenceCatalogue, scene: Scene, defence: str, level: str) -> str:
    """Say what was right, name the scene's defence and level, and explain it; add the level's meaning."""
    expected = catalogue.defence(scene.defence)
    expected_level = catalogue.level(expected.level)
    parts = []
    if defence:
        if defence == expected.id:
            parts.append(f"Right: this is {expected.name}.")
        else:
            parts.append(f"Not quite: you chose {catalogue.defence(defence).name}; this scene shows {expected.name}.")
    else:
        parts.append(f"This scene shows {expected.name}.")
    if level:
        if level == expected_level.id:
            parts.append(f"The level is right: the {expected_level.name.lower()}.")
        else:
            parts.append(f"The level is the {expected_level.name.lower()}, not the "
                         f"{catalogue.level(level).name.lower()}.")
    else:
        parts.append(f"It sits at the {expected_level.name.lower()}.")
    parts.append(scene.explanation)
    parts.append(f"{expected_level.name}: {expected_level.description}")
    return " ".join(parts)


class SpotTheDefence(Drill[Scene]):
    """A shuffled deck of scenes (no repeats until all are seen), answers and a score."""

    noun = "scene"

    def __init__(self, catalogue: DefenceCatalogue | None = None, *, seed: int = 0):
        self.catalogue = catalogue or defence_catalogue()
        super().__init__(self.catalogue.scenes, seed=seed)

    def answer(self, defence: str = "", level: str = "") -> DefenceFeedback:
        """Judge a defence id and/or a level id for the current scene (give at least one)."""
        scene = self._require_card()
        if not defence and not level:
            raise ValueError("choose a defence, a level, or both")
        known = {item.id for item in self.catalogue.defences}
        if defence and defence not in known:
            raise ValueError(f"{defence!r} is not a defence id; known: {', '.join(sorted(known))}")
        if level and level not in {item.id for item in self.catalogue.levels}:
            raise ValueError(f"{level!r} is not a level id")
        expected = self.catalogue.defence(scene.defence)
        defence_right = (defence == expected.id) if defence else None
        level_right = (level == expected.level) if level else None
        return DefenceFeedback(
            defence_right=defence_right,
            level_right=level_right,
            message=feedback_message(self.catalogue, scene, defence, level),
            counted=self._count(defence_right is not False and level_right is not False),
        )


class SpotTheDefenceWidget(CourseWidget):
    """The scene, two labelled drop-downs (defence, level), Check, feedback in a live region, score, Next."""

    def __init__(self, trainer: SpotTheDefence | None = None):
        self.trainer = trainer or SpotTheDefence()
        catalogue = self.trainer.catalogue
        self.scene = control(widgets.HTML)
        self.defence = control(
            widgets.Dropdown, options=[NO_CHOICE, *((d.name, d.id) for d in catalogue.shown_in_scenes())],
            value="", description="The defence:", style=WIDE_LABEL, layout=SIZED_TO_LABEL,
        )
        self.level = control(
            widgets.Dropdown, options=[NO_CHOICE, *((lv.name, lv.id) for lv in catalogue.levels)],
            value="", description="Its level:", style=WIDE_LABEL, layout=SIZED_TO_LABEL,
        )
        self.check = sized_button("Check", button_style="primary", tooltip="Check your answer")
        self.next = sized_button("Next scene", tooltip="Show another scene")
        self.reset = sized_button("Start over", tooltip="Reset the score and reshuffle")
        self.feedback = live_region()
        self.score = control(widgets.HTML)
        self.check.on_click(self._on_check)
        self.next.on_click(self._on_next)
        self.reset.on_click(self._on_reset)
        super().__init__([
            self.scene, self.defence, self.level, self.check, self.feedback, self.score,
            control(widgets.HBox, children=[self.next, self.reset]),
        ])
        self._on_next(None)

    def _show_score(self) -> None:
        total = len(self.trainer.catalogue.scenes)
        self.score.value = (f"<p><strong>Score: {self.trainer.score}</strong> · scene "
                            f"{total - self.trainer.remaining} of {total} in this round</p>")

    def _on_check(self, button) -> None:
        if not self.defence.value and not self.level.value:
            self.feedback.value = "<p>Choose a defence, a level, or both, then press Check.</p>"
            return
        result = self.trainer.answer(self.defence.value, self.level.value)
        verdict = "✔" if result.correct else "✘"
        note = "" if result.counted else " <small>(only your first answer to a scene is scored)</small>"
        self.feedback.value = f"<p>{verdict} {html.escape(result.message)}{note}</p>"
        self._show_score()

    def _on_next(self, button) -> None:
        scene = self.trainer.draw()
        self.scene.value = f"<blockquote><p>{html.escape(scene.text)}</p></blockquote>"
        self.defence.value = self.level.value = ""
        self.feedback.value = ""
        self._show_score()

    def _on_reset(self, button) -> None:
        self.trainer.reset()
        self._on_next(None)


def spot_the_defence(seed: int = 0) -> SpotTheDefenceWidget:
    """Display the spot-the-defence trainer (``seed`` fixes the order of scenes)."""
    return SpotTheDefenceWidget(SpotTheDefence(seed=seed))
