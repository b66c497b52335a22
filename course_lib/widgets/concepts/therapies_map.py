"""Lesson 04's map of the modern, manualised psychodynamic therapies, with IPT and CAT visibly set apart.

Data: content/therapies.toml (and head_to_head.toml for the trials) → plain functions building HTML → a widget with a
labelled picker whose choice is announced in a live region. ``therapies_overview_html`` is the whole map as two
tables (the psychodynamic therapies; the two set apart), readable without choosing anything.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
from IPython.display import HTML

from course_lib.content.concepts.therapies import Therapy, therapies, therapy
from course_lib.content.head_to_head import finding
from course_lib.evidence import cite
from course_lib.ui.look import WIDE_LABEL, CourseWidget, control, live_region

__all__ = ["TherapiesMap", "therapies_map", "therapies_overview", "therapies_overview_html", "therapy_html"]

SET_APART = "Set apart: not a psychodynamic therapy"
_COLUMNS = ("Therapy", "What it targets", "Manual", "Tested in the trials of lessons 04–05")


def trials_text(item: Therapy) -> str:
    """The trials that tested the therapy, in words, or a plain statement that none in these lessons did."""
    if not item.trials:
        return "None of the trials in lessons 04–05 tested it."
    return "; ".join(f"{t} ({finding(t).condition.lower()}: {finding(t).direction_label.lower()})"
                     for t in item.trials)


def therapy_html(item: Therapy) -> str:
    """One therapy in full: a set-apart notice first when it is not psychodynamic."""
    parts = [f"<h4>{html.escape(item.label)}</h4>"]
    if not item.psychodynamic:
        parts.append(f'<p role="note" style="border-left:4px solid #A63F00;padding-left:0.5em">'
                     f"<strong>{SET_APART}.</strong> {html.escape(item.set_apart_because or '')}</p>")
    parts.append(f"<p><strong>What it targets:</strong> {html.escape(item.targets)}</p>")
    parts.append(f"<p><strong>Core idea:</strong> {html.escape(item.core_idea)}</p>")
    manual = cite(item.manual) if item.manual else "No single treatment manual; see its founder's model in lesson 01."
    parts.append(f"<p><strong>Manual:</strong> {html.escape(manual)}</p>")
    parts.append(f"<p><strong>Trials in lessons 04–05:</strong> {html.escape(trials_text(item))}</p>")
    if item.effect_size_ids:
        parts.append(f"<p><strong>Figures charted from them:</strong> {html.escape(', '.join(item.effect_size_ids))}"
                     "</p>")
    return "".join(parts)


def _table(caption: str, items: tuple[Therapy, ...]) -> str:
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in _COLUMNS)
    body = "".join(
        f'<tr><th scope="row">{html.escape(t.label)}</th><td>{html.escape(t.targets)}</td>'
        f"<td>{html.escape(t.manual or '')}</td><td>{html.escape(trials_text(t))}</td></tr>"
        for t in items
    )
    return (f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


def therapies_overview_html() -> str:
    """The whole map: the psychodynamic therapies in one table, the two set apart in another, with why."""
    dynamic = tuple(t for t in therapies() if t.psychodynamic)
    apart = tuple(t for t in therapies() if not t.psychodynamic)
    why = "".join(f"<li><strong>{html.escape(t.abbreviation)}</strong>: {html.escape(t.set_apart_because or '')}</li>"
                  for t in apart)
    return (_table("Manualised psychodynamic therapies", dynamic)
            + _table(f"{SET_APART} (often confused with one)", apart) + f"<ul>{why}</ul>")


def therapies_overview() -> HTML:
    """The whole map as two tables, for the lesson (readable without choosing anything)."""
    return HTML(therapies_overview_html())


class TherapiesMap(CourseWidget):
    """A labelled picker of therapies (those set apart marked in their names) and the chosen one in full."""

    def __init__(self, initial: str | None = None):
        options = [(t.label if t.psychodynamic else f"{t.label}: set apart, not psychodynamic", t.id)
                   for t in therapies()]
        self.picker = control(widgets.Dropdown, options=options, value=therapy(initial or therapies()[0].id).id,
                              description="Therapy", style=WIDE_LABEL)
        self.status = live_region()
        self.details = control(widgets.HTML)
        self.picker.observe(self._update, names="value")
        self._update()
        super().__init__([self.picker, self.status, self.details])

    def _update(self, _change=None) -> None:
        item = therapy(self.picker.value)
        kind = "psychodynamic" if item.psychodynamic else "set apart: not psychodynamic"
        n = len(item.trials)
        tested = f"tested in {n} trial{'s' if n != 1 else ''} of these lessons" if n else "no trial in these lessons"
        self.status.value = f"<p>{html.escape(item.label)}: {kind}; {tested}.</p>"
        self.details.value = therapy_html(item)


def therapies_map(initial: str | None = None) -> TherapiesMap:
    """Show the therapies map, opened at ``initial`` (an id such as "mbt") or at the first therapy."""
    return TherapiesMap(initial)
