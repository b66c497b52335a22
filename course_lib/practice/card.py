"""A practice question as an ipywidgets card: inputs for its kind, Check / Hint / Show solution, one feedback area.

The card only gathers what the controls hold into the same plain answer a student would type (``"B"``,
``["A", "C"]``, ``{"1": "B"}`` …) and hands it to the practice question's ``check``, ``hint`` and ``solution``, in the
card's voice: its feedback speaks of its own buttons, never of ``.hint()`` or a placeholder.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from course_lib.practice.display import markdown_html, tolerance_text
from course_lib.practice.model import Question
from course_lib.practice.voice import ON_CARD
from course_lib.ui.look import NO_CHOICE, WIDE_LABEL, CourseWidget, control, live_region, shared

if TYPE_CHECKING:  # the card is built by PracticeQuestion.card(); it only needs the type
    from course_lib.practice.question import PracticeQuestion

_AUTO_WIDTH = {"width": "auto"}
# ipywidgets gives each radio label a fixed one-line height, so a long option wraps over its own button and hides
# it. Scoped to the card, this lets options wrap below their button instead.
_CARD_STYLE = (
    "<style>.course-question-card .widget-radio-box label {height: auto; line-height: 1.4; "
    "white-space: normal; display: flex; align-items: baseline; gap: 0.4em; margin-bottom: 0.3em;} "
    ".course-question-card .widget-radio-box input {order: -1; flex: none;}</style>"
)


def _choice_options(options: dict[str, str]) -> list[tuple[str, str]]:
    return [(f"{key}. {text}", key) for key, text in options.items()]


def feedback_html(inner_html: str) -> str:
    """Feedback in the card's look (the widget around it is the live region: ``live_region``)."""
    return f'<div class="course-card-feedback">{inner_html}</div>'


class QuestionCard(CourseWidget):
    """The card; tests drive it through ``controls``, the three buttons and ``feedback``."""

    def __init__(self, practice_question: PracticeQuestion):
        self.practice = practice_question
        question = practice_question.question
        self.prompt = control(widgets.HTML, value=self._prompt_html(question))
        self.controls: list[widgets.Widget] = []
        inputs = self._build_inputs(question)
        self.check_button = control(widgets.Button, description="Check", tooltip="Check your answer", icon="check")
        self.hint_button = control(widgets.Button, description="Hint", tooltip="Show the next hint",
                                   icon="lightbulb-o")
        self.solution_button = control(widgets.Button, description="Show solution",
                                       tooltip="Show the answer, why, and the references", icon="eye")
        self.feedback = live_region(feedback_html(""))
        self.check_button.on_click(self._on_check)
        self.hint_button.on_click(self._on_hint)
        self.solution_button.on_click(self._on_solution)
        buttons = control(widgets.HBox, children=[self.check_button, self.hint_button, self.solution_button])
        super().__init__([self.prompt, inputs, buttons, self.feedback], layout=shared(
            widgets.Layout, border="1px solid #999999", padding="0.5em", margin="0.5em 0"))
        self.add_class("course-question-card")

    @staticmethod
    def _prompt_html(question: Question) -> str:
        # Options and items appear in the controls' own labels, so the card shows the prompt alone.
        heading = f"<p><strong>Practice question {html.escape(question.id)}</strong></p>"
        return _CARD_STYLE + heading + markdown_html(question.prompt)

    def _build_inputs(self, question: Question) -> widgets.Widget:
        kind = question.kind
        if kind == "single":
            self.controls = [control(
                widgets.RadioButtons, options=_choice_options(question.choices), value=None,
                description="Your answer:", style=WIDE_LABEL, layout=_AUTO_WIDTH)]
        elif kind == "multiple":
            self.controls = [control(widgets.Checkbox, value=False, description=f"{key}. {text}", indent=False,
                                     layout=_AUTO_WIDTH)
                             for key, text in question.choices.items()]
            return control(widgets.VBox, children=[control(widgets.Label, value="Choose every option that applies:"),
                                                   *self.controls])
        elif kind == "matching":
            options = [NO_CHOICE, *_choice_options(question.right)]
            self.controls = [control(widgets.Dropdown, options=options, value="", description=f"{key}. {text}",
                                     style=WIDE_LABEL, layout=_AUTO_WIDTH)
                             for key, text in question.left.items()]
        elif kind == "ordering":
            options = [NO_CHOICE, *_choice_options(question.items)]
            self.controls = [control(widgets.Dropdown, options=options, value="", description=f"Position {n}:",
                                     style=WIDE_LABEL, layout=_AUTO_WIDTH)
                             for n in range(1, len(question.items) + 1)]
        elif kind == "numeric":
            # A text box, not FloatText: Chromium's number box drops a typed comma ("0,69" arrives as 069), so the
            # card reads what was typed itself (a comma or a dot for decimals, a % sign).
            box = control(widgets.Text, value="", description="Your answer (a number):", style=WIDE_LABEL)
            self.controls = [box]
            return control(widgets.VBox, children=[
                box, control(widgets.Label, value=f"({tolerance_text(question).capitalize()}.)")])
        else:
            self.controls = [control(widgets.Textarea, description="Your thoughts:", style=WIDE_LABEL,
                                     placeholder="Write here…", layout={"width": "95%", "height": "6em"})]
            note = control(widgets.HTML, value="<p><em>What you write here is not stored or sent anywhere, and it is "
                                               "not scored; it is gone when the notebook closes.</em></p>")
            return control(widgets.VBox, children=[*self.controls, note])
        return control(widgets.VBox, children=self.controls)

    def answer(self) -> Any:
        """What the controls hold, as the plain answer a student would type (None while untouched)."""
        kind = self.practice.kind
        question = self.practice.question
        if kind == "single":
            return self.controls[0].value
        if kind == "multiple":
            return [key for key, box in zip(question.choices, self.controls, strict=True) if box.value]
        if kind == "matching":
            return {key: box.value or None for key, box in zip(question.left, self.controls, strict=True)}
        if kind == "ordering":
            return [box.value or None for box in self.controls]
        return self.controls[0].value

    def set_answer(self, value: Any) -> None:
        """Put a plain answer (in the key's form) into the controls, as a student clicking would."""
        kind = self.practice.kind
        question = self.practice.question
        if kind == "multiple":
            chosen = {str(v) for v in value}
            for key, box in zip(question.choices, self.controls, strict=True):
                box.value = key in chosen
        elif kind == "matching":
            for key, box in zip(question.left, self.controls, strict=True):
                box.value = value.get(key) or ""
        elif kind == "ordering":
            for key, box in zip(value, self.controls, strict=True):
                box.value = key or ""
        elif kind == "numeric":
            self.controls[0].value = f"{value:g}" if isinstance(value, int | float) else str(value)
        else:
            self.controls[0].value = value

    def _on_check(self, _button: Any = None) -> None:
        self.feedback.value = feedback_html(self.practice.check(self.answer(), ON_CARD).box_html(announced=False))

    def _on_hint(self, _button: Any = None) -> None:
        self.feedback.value = feedback_html(self.practice.hint(ON_CARD).html)

    def _on_solution(self, _button: Any = None) -> None:
        self.feedback.value = feedback_html(self.practice.solution().html)

