"""The equivalence explorer: move an invented trial's result, its size and the margin; watch the verdict change.

Logic: ``course_lib.evidence_views.equivalence``; chart: ``course_lib.charts.equivalence``. The verdict and its
reason are announced in a live region, so a screen-reader user hears each change without hunting for it.
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets

from course_lib.charts.equivalence import equivalence_chart
from course_lib.evidence_views.equivalence import read_interval
from course_lib.ui.look import PANEL_WIDTH, WIDE_LABEL, CourseWidget, control, live_region

__all__ = ["EquivalenceExplorer", "equivalence_explorer"]


@lru_cache(maxsize=128)
def _chart_html(d: float, n_per_group: int, margin: float) -> str:
    """The chart for one setting; cached because the sliders revisit the same stops."""
    return equivalence_chart(read_interval(d, n_per_group, margin)).to_html()


class EquivalenceExplorer(CourseWidget):
    """Sliders for the observed difference, people per arm and the margin; the verdict, its reason and a chart."""

    def __init__(self, d: float = 0.0, n_per_group: int = 40, margin: float = 0.25):
        self.difference = control(
            widgets.FloatSlider,
            value=d, min=-0.6, max=0.6, step=0.05, readout_format=".2f", continuous_update=False,
            description="Observed difference in d (below 0 favours the comparison therapy)",
            style=WIDE_LABEL, layout=PANEL_WIDTH,
        )
        self.size = control(
            widgets.IntSlider,
            value=n_per_group, min=20, max=1000, step=10, continuous_update=False,
            description="People in each arm of the trial", style=WIDE_LABEL, layout=PANEL_WIDTH,
        )
        self.margin = control(
            widgets.FloatSlider,
            value=margin, min=0.1, max=0.5, step=0.05, readout_format=".2f", continuous_update=False,
            description="Equivalence margin (±d), set before the trial", style=WIDE_LABEL, layout=PANEL_WIDTH,
        )
        self.readout = live_region()
        self.figure = control(widgets.HTML)
        self.reading = None
        for slider in (self.difference, self.size, self.margin):
            slider.observe(lambda _change: self.update(), names="value")
        super().__init__([self.difference, self.size, self.margin, self.readout, self.figure])
        self.update()

    def update(self) -> None:
        """Read the sliders, work out the verdict, announce it and redraw."""
        d, n, m = round(self.difference.value, 2), int(self.size.value), round(self.margin.value, 2)
        r = self.reading = read_interval(d, n, m)
        self.readout.value = (
            f"<p><strong>Verdict: {html.escape(r.verdict)}.</strong> "
            f"95% interval {r.ci95.low:.2f} to {r.ci95.high:.2f}; 90% interval {r.ci90.low:.2f} to "
            f"{r.ci90.high:.2f}; margin ±{m:.2f}.</p><p>{html.escape(r.explanation())}</p>"
        )
        self.figure.value = _chart_html(d, n, m)


def equivalence_explorer(d: float = 0.0, n_per_group: int = 40, margin: float = 0.25) -> EquivalenceExplorer:
    """Show the equivalence explorer, starting from a small invented trial that found almost no difference."""
    return EquivalenceExplorer(d, n_per_group, margin)
