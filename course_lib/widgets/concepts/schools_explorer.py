"""Lesson 01's schools explorer: pick a school to see its card, then match each school to its founder(s).

The logic (building a card, checking the matches) lives in plain functions so it is testable without a browser;
the widget only wires stock ipywidgets to them.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

import ipywidgets as widgets

from course_lib.content.schools import School, school, schools
from course_lib.ui.look import SIZED_TO_LABEL, WIDE_LABEL, CourseWidget, control, live_region

_CHOOSE = ("— choose —", "")  # "" not None: a None value shows a blank box, hiding the prompt
# One label column for the matching task, so the dropdowns line up and each is wide enough for the longest founder.
_MATCH_STYLE = {"description_width": "19em"}
_MATCH_LAYOUT = {"width": "42em"}


def _items(lines: tuple[str, ...]) -> str:
    return "".join(f"<li>{html.escape(line)}</li>" for line in lines)


def school_card_html(item: School) -> str:
    """One school as an HTML card: founders, era, key ideas, relation to psychoanalysis, classification."""
    rows = [
        ("Founding figure(s) usually credited", html.escape(item.founders_text)),
        ("Era", html.escape(item.era)),
        ("Key ideas", f"<ul>{_items(item.key_ideas)}</ul>"),
        ("Relation to psychoanalysis", html.escape(item.relation_to_psychoanalysis)),
        ("Classification", html.escape(item.classification_explained)),
    ]
    if item.classification_note:
        rows.append(("Why it is listed here", f"<strong>{html.escape(item.classification_note)}</strong>"))
    if item.references:
        rows.append(("Sources", html.escape(", ".join(item.references))))
    # Plain paragraphs, not a <dl>: JupyterLab's stylesheet lays definition lists out as a grid that scrambles them.
    body = "".join(
        f"<p><strong>{label}:</strong></p>{value}" if value.startswith("<ul>")
        else f"<p><strong>{label}:</strong> {value}</p>"
        for label, value in rows
    )
    return f'<section aria-label="{html.escape(item.name)}"><h4>{html.escape(item.name)}</h4>{body}</section>'


def school_card_text(item: School) -> str:
    """The same card as plain text (for a terminal or a screen reader reading the source)."""
    lines = [
        item.name,
        f"Founding figure(s): {item.founders_text}",
        f"Era: {item.era}",
        "Key ideas: " + " ".join(item.key_ideas),
        f"Relation to psychoanalysis: {item.relation_to_psychoanalysis}",
        f"Classification: {item.classification_explained}",
    ]
    if item.classification_note:
        lines.append(f"Why it is listed here: {item.classification_note}")
    return "\n".join(lines)


def founder_choices() -> list[str]:
    """The founder phrases a student picks from, sorted so the order gives nothing away."""
    return sorted({s.founders_text for s in schools()})


@dataclass(frozen=True)
class MatchFeedback:
    """The result of checking founder ↔ school matches."""

    correct: tuple[str, ...]
    wrong: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.correct) + len(self.wrong) + len(self.missing)

    @property
    def complete(self) -> bool:
        return not self.wrong and not self.missing

    def message(self) -> str:
        """A short summary a student can act on: the score, then which schools to look at again."""
        if self.complete:
            return f"All {self.total} matched correctly."
        parts = [f"{len(self.correct)} of {self.total} matched correctly."]
        if self.wrong:
            names = ", ".join(school(i).name for i in self.wrong)
            parts.append(f"Look again at: {names} (pick each in the explorer above to read its card).")
        if self.missing:
            parts.append(f"Still to match: {', '.join(school(i).name for i in self.missing)}.")
        return " ".join(parts)

    def html(self) -> str:
        return f'<div>{html.escape(self.message())}</div>'


def check_founder_matches(guesses: Mapping[str, str | None]) -> MatchFeedback:
    """Compare a school-id → founder-phrase mapping with the data; an absent, None or "" guess counts as missing."""
    correct, wrong, missing = [], [], []
    for item in schools():
        guess = guesses.get(item.id)
        if not guess:
            missing.append(item.id)
        elif guess == item.founders_text:
            correct.append(item.id)
        else:
            wrong.append(item.id)
    return MatchFeedback(tuple(correct), tuple(wrong), tuple(missing))


class SchoolCards(CourseWidget):
    """A labelled school picker and the chosen school's card."""

    def __init__(self):
        self.picker = control(
            widgets.Dropdown, options=[(s.name, s.id) for s in schools()], description="School", style=WIDE_LABEL
        )
        self.card = control(widgets.HTML)
        self.picker.observe(self._show_card, names="value")
        self._show_card()
        super().__init__([self.picker, self.card])

    def _show_card(self, _change=None) -> None:
        self.card.value = school_card_html(school(self.picker.value))


class FounderMatching(CourseWidget):
    """The mini-task: one labelled founder dropdown per school, a Check button and a polite feedback area."""

    def __init__(self):
        task = control(widgets.HTML, value=(
            "<p><strong>Mini-task: who founded which school?</strong> Pick the founding figure(s) usually credited "
            "for each school, then press <em>Check matches</em>.</p>"
        ))
        choices = [_CHOOSE, *((f, f) for f in founder_choices())]
        self.matches: dict[str, widgets.Dropdown] = {
            s.id: control(widgets.Dropdown, options=choices, value="", description=s.name, style=_MATCH_STYLE,
                          layout=_MATCH_LAYOUT)
            for s in schools()
        }
        self.check_button = control(
            widgets.Button, description="Check matches", icon="check", tooltip="Check your founder matches",
            layout=SIZED_TO_LABEL,  # sized to its label: the default width can cut it off
        )
        self.feedback = live_region()
        self.check_button.on_click(self._check)
        super().__init__([task, *self.matches.values(), self.check_button, self.feedback])

    def _check(self, _button=None) -> None:
        result = check_founder_matches({sid: box.value for sid, box in self.matches.items()})
        self.feedback.value = result.html()


class SchoolsExplorer(CourseWidget):
    """The school cards and the founder-matching mini-task together; their parts are reachable as attributes."""

    def __init__(self):
        self.cards = SchoolCards()
        self.matching = FounderMatching()
        self.picker, self.card = self.cards.picker, self.cards.card
        self.matches, self.check_button, self.feedback = (
            self.matching.matches, self.matching.check_button, self.matching.feedback
        )
        super().__init__([self.cards, self.matching])


def school_cards() -> SchoolCards:
    """Show the school picker and its card."""
    return SchoolCards()


def founder_matching() -> FounderMatching:
    """Show the founder-matching mini-task."""
    return FounderMatching()


def schools_explorer() -> SchoolsExplorer:
    """Show the school cards and the matching mini-task together."""
    return SchoolsExplorer()
