"""Chart for the within-vs-between demo: one simulated trial, and how each kind of d responds to background change.

Follows the course's Chart contract (figure + alt text + data table + citations). The data are simulated, so the
chart cites no study; the lesson around it cites the figures it warns about.
"""

from __future__ import annotations

from functools import partial

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from course_lib.charts.chart import Chart
from course_lib.charts.layout import new_fixed_figure
from course_lib.charts.style import DESIGN_STYLES, OKABE_ITO, number
from course_lib.evidence_views.within_between import WithinBetween, sweep_background

__all__ = ["BACKGROUND_RANGE", "within_between_chart"]

BACKGROUND_RANGE = np.linspace(0.0, 1.5, 7)  # the "improves anyway" values the right-hand panel sweeps over
_TREATED = (OKABE_ITO["bluish_green"], "^", "-")
_COMPARISON = (OKABE_ITO["black"], "o", "--")


def _means_panel(ax, result: WithinBetween) -> None:
    """Left: each group's mean score before and after, with the two effect sizes written where they are measured."""
    x = np.array([0.0, 1.0])
    for name, means, (colour, marker, line) in (
        ("Treated group", result.treated_means, _TREATED),
        ("Comparison group", result.control_means, _COMPARISON),
    ):
        ax.plot(x, means, color=colour, marker=marker, linestyle=line, markersize=8, label=name)
    post_t, post_c = result.treated_means[1], result.control_means[1]
    ax.annotate("", xy=(1.08, post_t), xytext=(1.08, post_c), arrowprops={"arrowstyle": "<->", "color": "black"})
    ax.text(1.12, (post_t + post_c) / 2, f"between-group\nd = {number(result.between_group)}", va="center", fontsize=9)
    ax.annotate("", xy=(-0.08, post_t), xytext=(-0.08, result.treated_means[0]),
                arrowprops={"arrowstyle": "->", "color": _TREATED[0]})
    ax.text(-0.12, (post_t + result.treated_means[0]) / 2, f"treated\npre-post\nd = {number(result.pre_post_treated)}",
            va="center", ha="right", fontsize=9, color="black")
    ax.set_xticks(x, ["Before treatment", "End of treatment"])
    ax.set_xlim(-0.75, 1.75)
    ax.set_ylabel("Mean score (baseline SD units, higher = better)")
    ax.yaxis.set_major_locator(MaxNLocator(5))
    ax.set_title("One simulated trial", y=1.0)  # a fixed position: no search for tick labels to clear
    ax.legend(loc="lower right", fontsize=9, frameon=False)


def _sweep_panel(ax, result: WithinBetween) -> None:
    """Right: the same people at other background values; only the pre-post d moves."""
    runs = sweep_background(BACKGROUND_RANGE, result.treatment_effect, n_per_group=result.n_per_group,
                            seed=result.seed)
    for label, values, design in (
        ("Treated group's pre-post d", [r.pre_post_treated for r in runs], "within_group_pre_post"),
        ("Between-group d at the end", [r.between_group for r in runs], "between_group_vs_control"),
    ):
        colour, marker, _ = DESIGN_STYLES[design]
        ax.plot(BACKGROUND_RANGE, values, color=colour, marker=marker, label=label)
    ax.axvline(result.background, color="grey", linestyle=":", label="Your setting")
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.set_xticks([0.0, 0.5, 1.0, 1.5])  # the slider's range; few ticks, as each costs a redraw at every move
    ax.yaxis.set_major_locator(MaxNLocator(5))
    ax.set_xlabel("Improvement everyone gets anyway (SD)")
    ax.set_ylabel("Effect size d")
    ax.set_title("Change only the 'anyway' part", y=1.0)
    ax.legend(loc="upper left", fontsize=9, framealpha=1, edgecolor="none")  # opaque: "Your setting" passes behind it


def _draw(result: WithinBetween) -> Figure:
    figure = new_fixed_figure(10, 4.2)  # fixed margins: this chart redraws on every slider move
    figure.subplots_adjust(left=0.08, right=0.98, bottom=0.14, top=0.9, wspace=0.25)
    left, right = figure.subplots(1, 2)
    _means_panel(left, result)
    _sweep_panel(right, result)
    return figure


def within_between_chart(result: WithinBetween) -> Chart:
    """The simulated trial as a Chart: means before/after per group, and both kinds of d across background values."""
    alt = (
        f"Two panels from a simulated trial with {result.n_per_group} people per group. "
        f"Left: mean scores before and at the end of treatment. The comparison group rises from "
        f"{number(result.control_means[0])} to {number(result.control_means[1])} without treatment; the treated group "
        f"rises from {number(result.treated_means[0])} to {number(result.treated_means[1])}. "
        f"The treated group's pre-post d is {number(result.pre_post_treated)}, while the between-group d at the end "
        f"is {number(result.between_group)}. Right: as the improvement everyone gets anyway goes from 0 to 1.5 SD, "
        f"the pre-post d climbs steadily but the between-group d stays flat at about "
        f"{number(result.between_group)}."
    )
    rows = (
        ("Improvement everyone gets anyway (SD)", result.background),
        ("Extra improvement from the treatment (SD)", result.treatment_effect),
        ("Treated group mean, before", round(result.treated_means[0], 2)),
        ("Treated group mean, end", round(result.treated_means[1], 2)),
        ("Comparison group mean, before", round(result.control_means[0], 2)),
        ("Comparison group mean, end", round(result.control_means[1], 2)),
        ("Treated group pre-post d", round(result.pre_post_treated, 2)),
        ("Comparison group pre-post d", round(result.pre_post_control, 2)),
        ("Between-group d at the end", round(result.between_group, 2)),
    )
    return Chart(
        title="Why a pre-post d cannot be set against a between-group d (simulated trial)",
        draw=partial(_draw, result),
        alt_text=alt,
        columns=("Quantity", "Value"),
        rows=rows,
        citations=(),
    )
