"""Session walk-through (lesson 03): choose the therapist's next response, then see what every option embodies.

``SessionWalkthrough`` holds the logic (position, picks, reveal, summary) as a plain class;
``SessionWalkthroughWidget`` is the ipywidgets view that calls it. There is no score: the aim is to notice what
each kind of response does, and how often one leans directive or non-directive.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass

import ipywidgets as widgets

from course_lib.content.features import label_name, labels
from course_lib.content.sessions import Option, Session, Step, session
from course_lib.ui.look import WIDE_LABEL, CourseWidget, control, live_region, sized_button


@dataclass(frozen=True)
class Reveal:
    """After a choice: every option of the step with what it embodies, the student's pick marked."""

    step: Step
    chosen: Option

    def rows(self) -> list[tuple[str, str, str, str, bool]]:
        """(response, embodies, stance, comment, chosen?) for each option, in the step's order."""
        return [(o.text, label_name(o.label), o.stance, o.comment, o.id == self.chosen.id) for o in self.step.options]

    def __str__(self) -> str:
        lines = []
        for text, embodies, stance, comment, chosen in self.rows():
            mark = "→ your pick: " if chosen else "- "
            lines.append(f'{mark}"{text}"\n    {embodies} · {stance}. {comment}')
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        body = "".join(
            f"<tr><td>{'<strong>your pick</strong>' if chosen else ''}</td><td>{html.escape(text)}</td>"
            f"<td>{html.escape(embodies)}</td><td>{stance}</td><td>{html.escape(comment)}</td></tr>"
            for text, embodies, stance, comment, chosen in self.rows()
        )
        head = "<tr><th></th><th>Response</th><th>Embodies</th><th>Stance</th><th>Comment</th></tr>"
        return f"<table><caption>What each possible response embodies</caption>{head}{body}</table>"


@dataclass(frozen=True)
class Summary:
    """The walk-through in retrospect: how many non-directive picks, and which features and activities were used."""

    picks: tuple[Option, ...]

    @property
    def non_directive(self) -> int:
        return sum(o.stance == "non-directive" for o in self.picks)

    @property
    def features_used(self) -> dict[str, int]:
        """Feature ids picked, with counts, in the order first picked."""
        return self._count("feature")

    @property
    def cbt_used(self) -> dict[str, int]:
        return self._count("cbt")

    def _count(self, kind: str) -> dict[str, int]:
        counts = Counter(o.label for o in self.picks if labels()[o.label].kind == kind)
        return {label: counts[label] for label in dict.fromkeys(o.label for o in self.picks) if label in counts}

    def __str__(self) -> str:
        def names(used: dict[str, int]) -> str:
            return "; ".join(f"{label_name(k)} ×{n}" for k, n in used.items()) or "none"

        return (
            f"You chose a non-directive response {self.non_directive} of {len(self.picks)} times.\n"
            f"Features you used: {names(self.features_used)}.\n"
            f"CBT-distinctive activities you used: {names(self.cbt_used)}."
        )

    def _repr_html_(self) -> str:
        return "<p>" + "<br>".join(html.escape(line) for line in str(self).splitlines()) + "</p>"


class SessionWalkthrough:
    """Step through the session: choose one response per step, see the reveal, move on, read the summary."""

    def __init__(self, walk: Session | None = None):
        self.session = walk or session()
        self.reset()

    def reset(self) -> None:
        self.position = 0
        self.picks: list[Option] = []

    @property
    def finished(self) -> bool:
        return self.position >= len(self.session.steps)

    @property
    def current(self) -> Step | None:
        """The step awaiting a choice or a move on; None once the session is over."""
        return None if self.finished else self.session.steps[self.position]

    @property
    def chosen(self) -> bool:
        """Whether the current step already has a pick."""
        return len(self.picks) > self.position

    def choose(self, option_id: str) -> Reveal:
        """Record the pick for the current step (once) and reveal what every option embodies."""
        step = self.current
        if step is None:
            raise RuntimeError("the session is over: call reset() to start again")
        if self.chosen:
            raise RuntimeError("this step already has a choice: go to the next step")
        option = step.option(option_id)
        self.picks.append(option)
        return Reveal(step, option)

    def next_step(self) -> Step | None:
        """Move on after choosing; returns the new step, or None when the session is over."""
        if not self.chosen:
            raise RuntimeError("choose a response before moving on")
        self.position += 1
        return self.current

    def summary(self) -> Summary:
        return Summary(tuple(self.picks))


class SessionWalkthroughWidget(CourseWidget):
    """Client statement, a labelled list of responses with Choose, the reveal, Next step, and the summary."""

    def __init__(self, walk: SessionWalkthrough | None = None):
        self.walk = walk or SessionWalkthrough()
        info = self.walk.session
        self.intro = control(widgets.HTML, value=(
            f"<h4>{html.escape(info.title)}</h4><p>{html.escape(info.client)}</p>"
            f"<p><small>{html.escape(info.note)}</small></p>"
        ))
        self.progress = control(widgets.HTML)
        self.statement = live_region()  # Next step: what the client says next is announced
        # Its own layout, not a shared one: _show_step hides and shows it through layout.display.
        self.responses = widgets.RadioButtons(
            options=[], description="Your response:", style=WIDE_LABEL,
            layout=widgets.Layout(width="100%"),
        )
        self.choose = sized_button("Choose", button_style="primary", tooltip="Choose this response")
        self.reveal = live_region()
        self.next = sized_button("Next step", tooltip="Go to the next thing the client says")
        self.restart = sized_button("Start again", tooltip="Go back to the first step")
        self.choose.on_click(self._on_choose)
        self.next.on_click(self._on_next)
        self.restart.on_click(self._on_restart)
        super().__init__([
            self.intro, self.progress, self.statement, self.responses, self.choose, self.reveal,
            control(widgets.HBox, children=[self.next, self.restart]),
        ])
        self._show_step()

    def _show_step(self) -> None:
        step = self.walk.current
        steps = self.walk.session.steps
        if step is None:
            self.progress.value = "<p><strong>End of the session.</strong></p>"
            self.statement.value = self.walk.summary()._repr_html_()
            self.responses.options = []
            self.responses.layout.display = "none"
            self.choose.disabled = self.next.disabled = True
            self.reveal.value = ""
            return
        self.progress.value = f"<p>Step {self.walk.position + 1} of {len(steps)}</p>"
        self.statement.value = f'<p><strong>Client:</strong> "{html.escape(step.client)}"</p>'
        self.responses.layout.display = None
        self.responses.options = [(o.text, o.id) for o in step.options]
        self.responses.value = None
        self.responses.disabled = False
        self.choose.disabled = False
        self.next.disabled = True
        self.reveal.value = ""

    def _on_choose(self, button) -> None:
        if self.responses.value is None:
            self.reveal.value = "<p>Pick one of the responses first.</p>"
            return
        result = self.walk.choose(self.responses.value)
        self.reveal.value = result._repr_html_()
        self.responses.disabled = self.choose.disabled = True
        self.next.disabled = False
        if self.walk.position == len(self.walk.session.steps) - 1:
            self.next.description = "See the summary"

    def _on_next(self, button) -> None:
        self.walk.next_step()
        self.next.description = "Next step"
        self._show_step()

    def _on_restart(self, button) -> None:
        self.walk.reset()
        self.next.description = "Next step"
        self._show_step()


def session_walkthrough() -> SessionWalkthroughWidget:
    """Display the lesson 03 session walk-through."""
    return SessionWalkthroughWidget()
