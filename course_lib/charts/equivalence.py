"""Chart for the equivalence widget: a trial's 95% and 90% intervals drawn against an equivalence margin.

Follows the course's Chart contract. The trial is invented (the student sets it), so the only source cited is the
meta-analysis whose margin (g = ±0.25) the widget starts from (steinert2017).
"""

from __future__ import annotations

from functools import partial

from matplotlib.figure import Figure

from course_lib.charts.chart import Chart
from course_lib.charts.layout import new_fixed_figure
from course_lib.charts.style import OKABE_ITO, WARNING_TEXT_COLOUR, number, pale
from course_lib.evidence_views.equivalence import Reading

__all__ = ["equivalence_chart"]

TITLE = "An invented trial's difference, its intervals and the equivalence margin"
_INTERVALS = (("95% interval: is there a difference?", OKABE_ITO["blue"], "s", 1.0),
              ("90% interval: is it smaller than the margin?", OKABE_ITO["bluish_green"], "^", 0.0))


def _draw(reading: Reading) -> Figure:
    figure = new_fixed_figure(9, 3.0)  # fixed margins: this chart redraws on every slider move
    figure.subplots_adjust(left=0.33, right=0.97, bottom=0.3, top=0.86)
    ax = figure.subplots()
    m = reading.margin
    ax.axvspan(-m, m, facecolor=pale(OKABE_ITO["sky_blue"]), edgecolor=OKABE_ITO["blue"], hatch="..",
               label=f"Equivalence margin ±{number(m)}")
    ax.axvline(0, color=OKABE_ITO["black"], linewidth=1)
    for (_label, colour, marker, y), ci in zip(_INTERVALS, (reading.ci95, reading.ci90), strict=True):
        ax.hlines(y, ci.low, ci.high, color=colour, linewidth=3)
        ax.plot([reading.d], [y], marker=marker, color=colour, markersize=9, linestyle="none")
    ax.set_yticks([1.0, 0.0], [label for label, *_ in _INTERVALS], fontsize=9)
    ax.set_ylim(-0.6, 1.6)
    reach = max(1.0, abs(reading.ci95.low), abs(reading.ci95.high)) + 0.1
    ax.set_xlim(-reach, reach)
    ax.set_xlabel("Difference in d: below 0 favours the comparison therapy, above 0 favours psychodynamic therapy",
                  fontsize=9)
    ax.set_title(f"Verdict: {reading.verdict}", fontsize=11, loc="left", color=WARNING_TEXT_COLOUR)
    ax.legend(loc="upper right", fontsize=8, framealpha=1)
    return figure


def equivalence_chart(reading: Reading) -> Chart:
    """The reading as a Chart: both intervals against the shaded margin, the verdict as its title."""
    alt = (f"Two horizontal intervals around an observed difference of d = {number(reading.d)} from an invented "
           f"trial with {reading.n_per_group} people per arm. The 95% interval runs from {number(reading.ci95.low)} "
           f"to {number(reading.ci95.high)}; the 90% interval from {number(reading.ci90.low)} to "
           f"{number(reading.ci90.high)}. The shaded equivalence margin runs from −{number(reading.margin)} to "
           f"{number(reading.margin)}. Verdict: {reading.verdict}.")
    rows = (("Observed difference d", reading.d),
            ("95% interval, low", reading.ci95.low), ("95% interval, high", reading.ci95.high),
            ("90% interval, low", reading.ci90.low), ("90% interval, high", reading.ci90.high),
            ("Equivalence margin (±)", reading.margin), ("People per arm", reading.n_per_group))
    return Chart(TITLE, partial(_draw, reading), alt, ("Quantity", "Value"), rows, ("steinert2017",))
