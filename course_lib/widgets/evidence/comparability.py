"""The within-vs-between demo: two sliders drive a seeded simulated trial; the chart and numbers show which d moves.

Logic: ``course_lib.evidence_views.within_between.simulate``; chart: ``course_lib.charts.within_between``.
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets

from course_lib.charts.within_between import within_between_chart
from course_lib.evidence_views.within_between import simulate
from course_lib.ui.look import PANEL_WIDTH, WIDE_LABEL, CourseWidget, control, live_region

__all__ = ["ComparabilityDemo", "comparability_demo"]



@lru_cache(maxsize=64)
def _chart_html(background: float, treatment_effect: float) -> str:
    """The demo's chart as HTML; cached because the sliders revisit the same stops (the simulation is seeded)."""
    return within_between_chart(simulate(background, treatment_effect)).to_html()


class ComparabilityDemo(CourseWidget):
    """Sliders for 'improves anyway' and 'extra from the treatment'; the three effect sizes and a chart."""

    def __init__(self, background: float = 0.8, treatment_effect: float = 0.3):
        self.background = control(
            widgets.FloatSlider,
            value=background, min=0.0, max=1.5, step=0.05, readout_format=".2f", continuous_update=False,
            description="Improvement everyone gets anyway: time, regression to the mean, placebo (SD)",
            style=WIDE_LABEL, layout=PANEL_WIDTH,
        )
        self.treatment = control(
            widgets.FloatSlider,
            value=treatment_effect, min=-0.3, max=1.0, step=0.05, readout_format=".2f", continuous_update=False,
            description="Extra improvement due to the treatment (SD)", style=WIDE_LABEL, layout=PANEL_WIDTH,
        )
        self.readout = live_region()
        self.figure = control(widgets.HTML)
        self.result = None
        for slider in (self.background, self.treatment):
            slider.observe(lambda _change: self.update(), names="value")
        super().__init__([self.background, self.treatment, self.readout, self.figure])
        self.update()

    def update(self) -> None:
        """Re-run the simulated trial for the sliders' values and redraw."""
        self.result = simulate(round(self.background.value, 2), round(self.treatment.value, 2))
        r = self.result
        rows = (
            ("Treated group's pre-post d", r.pre_post_treated),
            ("Comparison group's pre-post d (no treatment)", r.pre_post_control),
            ("Between-group d at the end", r.between_group),
        )
        cells = "".join(f"<tr><th scope='row'>{name}</th><td>{value:.2f}</td></tr>" for name, value in rows)
        self.readout.value = (
            f"<table><caption>Effect sizes in this simulated trial</caption><tbody>{cells}</tbody></table>"
            f'<p>{html.escape(r.describe())}</p>'
        )
        self.figure.value = _chart_html(r.background, r.treatment_effect)


def comparability_demo(background: float = 0.8, treatment_effect: float = 0.3) -> ComparabilityDemo:
    """Show the within-vs-between demo."""
    return ComparabilityDemo(background, treatment_effect)
