"""A content-free practice widget for lesson 00: learn the controls (mouse or keyboard) before the lessons use them."""

from __future__ import annotations

import html

import ipywidgets as widgets

from course_lib.ui.look import WIDE_LABEL, CourseWidget, control, live_region

PACES = {"Slow and thorough": "slow", "Steady": "steady", "Quick overview": "quick"}


def describe_choices(minutes: int, pace: str) -> str:
    """The feedback sentence for the tour's controls (plain function, so it is testable without a browser)."""
    if minutes <= 0:
        return "Pick a number of minutes above zero."
    per_lesson = {"slow": 45, "steady": 30, "quick": 15}[pace]
    lessons = max(1, minutes // per_lesson)
    unit = "lesson" if lessons == 1 else "lessons"
    return f"With {minutes} minutes at a {pace} pace, plan about {lessons} {unit} per sitting."


class WidgetTour(CourseWidget):
    """A labelled slider, a labelled dropdown and a button, each usable from the keyboard."""

    def __init__(self):
        intro = control(widgets.HTML, value=(
            "<p>Practise here: <kbd>Tab</kbd> moves between controls, <kbd>←</kbd> <kbd>→</kbd> move the slider, "
            "<kbd>↑</kbd> <kbd>↓</kbd> change the list, <kbd>Enter</kbd> or <kbd>Space</kbd> presses the button, "
            "and <kbd>Esc</kbd> goes back to the notebook.</p>"
        ))
        self.minutes = control(
            widgets.IntSlider, value=30, min=10, max=120, step=5, description="Minutes per sitting",
            style=WIDE_LABEL, continuous_update=False,
        )
        self.pace = control(
            widgets.Dropdown, options=list(PACES.items()), value="steady", description="Pace",
            style=WIDE_LABEL,
        )
        self.button = control(widgets.Button, description="Plan my sitting", icon="check",
                              tooltip="Show a suggested plan")
        self.feedback = live_region()
        self.button.on_click(self._show)
        super().__init__([intro, self.minutes, self.pace, self.button, self.feedback])

    def _show(self, _button=None) -> None:
        text = html.escape(describe_choices(self.minutes.value, self.pace.value))
        self.feedback.value = f"<p>{text}</p>"


def widget_tour() -> WidgetTour:
    """Show the practice widget."""
    return WidgetTour()
