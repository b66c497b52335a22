"""The evidence explorer: filter the course's effect sizes and see a forest chart, its data table and its sources.

Logic lives in ``course_lib.evidence_views.filters`` (filter_records, filter_options, selection_notes); the chart
comes from ``course_lib.charts.forest``. An empty selection shows a message, never an error.
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets

from course_lib.charts import forest
from course_lib.evidence_views.filters import ANY, FILTER_FIELDS, filter_options, filter_records, selection_notes
from course_lib.ui.look import PANEL_WIDTH, WIDE_LABEL, CourseWidget, control, live_region

__all__ = ["EvidenceExplorer", "evidence_explorer"]

_LABELS = {"condition": "Condition", "design": "Design", "timepoint": "When measured", "treatment": "Treatment"}


@lru_cache(maxsize=32)
def _forest_html(selection: tuple[tuple[str, str], ...]) -> str:
    """The forest chart for one filter setting, as HTML ("" when nothing matches); cached per setting."""
    records = filter_records(**dict(selection))
    return forest(records).to_html() if records else ""


class EvidenceExplorer(CourseWidget):
    """Four labelled dropdowns ("any" by default), a reset button, the notes, and the chart with table and sources."""

    def __init__(self, **initial: str):
        options = filter_options()
        self.filters = {
            field: control(
                widgets.Dropdown, options=options[field], value=initial.get(field, ANY), description=_LABELS[field],
                style=WIDE_LABEL, layout=PANEL_WIDTH,
            )
            for field in FILTER_FIELDS
        }
        self.reset = control(widgets.Button, description="Show all figures", icon="undo",
                             tooltip="Set every filter to any")
        self.notes = live_region()
        self.output = control(widgets.HTML)
        self.condition, self.design = self.filters["condition"], self.filters["design"]
        self.timepoint, self.treatment = self.filters["timepoint"], self.filters["treatment"]
        self.records: tuple = ()
        self._resetting = False
        for dropdown in self.filters.values():
            dropdown.observe(self._on_filter, names="value")
        self.reset.on_click(self._reset)
        super().__init__([*self.filters.values(), self.reset, self.notes, self.output])
        self.update()

    def selection(self) -> dict[str, str]:
        """The current filter values (codes for design and timepoint)."""
        return {field: dropdown.value for field, dropdown in self.filters.items()}

    def update(self) -> None:
        """Filter, then show the notes and either the forest chart or the empty-selection message."""
        self.records = filter_records(**self.selection())
        notes = selection_notes(self.records)
        count = ""
        if self.records:
            studies = len({r.study_key for r in self.records})
            count = f"<p>{len(self.records)} figure(s) from {studies} source(s).</p>"
        items = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
        self.notes.value = f'<div>{count}<ul>{items}</ul></div>' if items else (
            f'<div>{count}</div>'
        )
        self.output.value = _forest_html(tuple(sorted(self.selection().items())))

    def _on_filter(self, _change) -> None:
        if not self._resetting:
            self.update()

    def _reset(self, _button=None) -> None:
        self._resetting = True  # one redraw for the whole reset, not one per dropdown
        try:
            for dropdown in self.filters.values():
                dropdown.value = ANY
        finally:
            self._resetting = False
        self.update()


def evidence_explorer(**initial: str) -> EvidenceExplorer:
    """Show the evidence explorer; keywords preset filters, e.g. ``evidence_explorer(design="unspecified")``."""
    return EvidenceExplorer(**initial)
