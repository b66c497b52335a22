"""Lesson 05's "evidence in both directions" view: head-to-head findings grouped by which way they came out.

Data: content/head_to_head.toml → plain functions building HTML (testable without a browser) → a small widget with a
labelled filter whose result count is announced in a live region. The full list also renders without the widget.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from course_lib.content.head_to_head import DIRECTIONS, Finding, by_direction, findings
from course_lib.ui.look import WIDE_LABEL, CourseWidget, control, live_region

__all__ = ["BothDirections", "both_directions", "finding_html", "findings_html"]

ALL = "all"


def finding_html(item: Finding) -> str:
    """One finding: what was compared, the result, the caveat, and the sources by key."""
    return (
        f"<li><strong>{html.escape(item.condition)}: {html.escape(item.comparison)}</strong> "
        f"({html.escape(item.kind)}; {html.escape(', '.join(item.references))}).<br>"
        f"{html.escape(item.result)}<br><em>Caveat:</em> {html.escape(item.caveat)}</li>"
    )


def findings_html(direction: str = ALL) -> str:
    """The findings for one direction, or all of them grouped under a heading per direction."""
    groups = DIRECTIONS if direction == ALL else {direction: DIRECTIONS[direction]}
    parts = []
    for code, label in groups.items():
        items = by_direction(code)
        if items:
            parts.append(f"<h4>{html.escape(label)}</h4><ul>" + "".join(finding_html(f) for f in items) + "</ul>")
    return "".join(parts)


def count_text(direction: str) -> str:
    """What the live region says after the filter changes."""
    if direction == ALL:
        return f"Showing all {len(findings())} findings, grouped by which way they came out."
    n = len(by_direction(direction))
    return f"Showing {n} finding{'s' if n != 1 else ''}: {DIRECTIONS[direction].lower()}."


class BothDirections(CourseWidget):
    """A labelled filter by direction, an announced count and the matching findings."""

    def __init__(self, direction: str = ALL):
        options = [("All findings", ALL)] + [(label, code) for code, label in DIRECTIONS.items()]
        self.picker = control(widgets.Dropdown, options=options, value=direction,
                              description="Show findings where", style=WIDE_LABEL)
        self.status = live_region()
        self.list = control(widgets.HTML)
        self.picker.observe(self._update, names="value")
        self._update()
        super().__init__([self.picker, self.status, self.list])

    def _update(self, _change=None) -> None:
        self.status.value = f"<p>{html.escape(count_text(self.picker.value))}</p>"
        self.list.value = findings_html(self.picker.value)


def both_directions(direction: str = ALL) -> BothDirections:
    """Show the head-to-head findings, all of them or those that came out one way (e.g. "favours_other")."""
    return BothDirections(direction)
