"""effect_size_curves: what a given d looks like as two overlapping normal curves (the effect-size explorer).

Built for slider updates: few artists, little text (text is the slow part to render), one fixed-size figure.
"""

from __future__ import annotations

import math

import numpy as np

from course_lib.charts.chart import Chart
from course_lib.charts.style import DESIGN_STYLES, OKABE_ITO, new_figure, number
from course_lib.evidence import cohen_label, nnt, overlap, prob_superiority, u3

COLUMNS = ("Measure", "Value", "What it means")
CITATIONS = ("cohen1988", "mcgraw1992", "kraemer2006")
_CONTROL = OKABE_ITO["blue"]
_TREATED = OKABE_ITO["orange"]
_SHARED = DESIGN_STYLES["between_group_vs_control"][0]


def _pdf(x: np.ndarray, mean: float) -> np.ndarray:
    return np.exp(-0.5 * (x - mean) ** 2) / math.sqrt(2 * math.pi)


def _nnt_words(value: float) -> tuple[str, str]:
    if math.isinf(value):
        return "infinite", "with no difference, no number of people treated gives one extra good outcome"
    if value < 0:
        return (f"{value:.1f}", f"negative: about {abs(value):.1f} people treated for one extra poor outcome "
                "(a number needed to harm)")
    return f"{value:.1f}", f"about {value:.1f} people treated for one extra good outcome (Kraemer–Kupfer)"


def effect_size_curves(d: float) -> Chart:
    """Control group centred at 0 and treatment group at d (in standard deviations, higher = better), their
    overlap shaded; U3, overlap, probability of superiority and NNT in the alt text and the table."""
    measures = {"u3": u3(d), "overlap": overlap(d), "ps": prob_superiority(d), "nnt": nnt(d)}  # validates d
    d = float(d)
    x = np.linspace(min(0.0, d) - 3.5, max(0.0, d) + 3.5, 400)
    control, treated = _pdf(x, 0.0), _pdf(x, d)

    figure = new_figure(7, 3.2, constrained=False)
    figure.subplots_adjust(left=0.03, right=0.97, bottom=0.16, top=0.9)
    ax = figure.subplots()
    ax.fill_between(x, np.minimum(control, treated), color=_SHARED, alpha=0.25, linewidth=0, label="overlap")
    ax.plot(x, control, color=_CONTROL, linewidth=2, label="control group")
    ax.plot(x, treated, color=_TREATED, linewidth=2, linestyle="--", label="treatment group")
    ax.axvline(0, color=_CONTROL, linewidth=1, linestyle=":")
    ax.axvline(d, color=_TREATED, linewidth=1, linestyle=":")
    ax.set_ylim(0, 0.5)
    ax.set_xlim(x[0], x[-1])
    ax.set_yticks([])
    ax.set_xticks(np.arange(math.ceil(x[0]), math.floor(x[-1]) + 1))  # whole SDs only: few labels, quick to draw
    ax.set_xlabel("Score in standard deviations (higher = better)", fontsize=9)
    ax.set_title(f"d = {number(d)}: U3 {measures['u3']:.0%} · overlap {measures['overlap']:.0%} · "
                 f"superiority {measures['ps']:.0%} · NNT {_nnt_words(measures['nnt'])[0]}", fontsize=10)
    ax.legend(loc="upper right", fontsize=8, frameon=False)

    nnt_shown, nnt_meaning = _nnt_words(measures["nnt"])
    rows = (
        ("d", round(d, 3), f"{cohen_label(d)} by Cohen's benchmarks, which are conventions, not laws"),
        ("U3", round(measures["u3"], 3), f"{measures['u3']:.0%} of the treatment group score above the control mean"),
        ("Overlap", round(measures["overlap"], 3),
         f"the two distributions share {measures['overlap']:.0%} of their area"),
        ("Probability of superiority", round(measures["ps"], 3),
         f"a random treated person does better than a random control person {measures['ps']:.0%} of the time"),
        ("NNT", measures["nnt"] if math.isinf(measures["nnt"]) else round(measures["nnt"], 1), nnt_meaning),
    )
    alt = (
        f"Two bell curves of the same width: the control group centred at 0 and the treatment group at d = "
        f"{number(d)}, with higher scores better; the area they share is shaded. U3 = {measures['u3']:.3f}: "
        f"{rows[1][2]}. Overlap = {measures['overlap']:.3f}: {rows[2][2]}. Probability of superiority = "
        f"{measures['ps']:.3f}: {rows[3][2]}. NNT = {nnt_shown}: {nnt_meaning}. Cohen's label: "
        f"{cohen_label(d)}, a convention rather than a law."
    )
    return Chart(f"What d = {number(d)} looks like", figure, alt, COLUMNS, rows, CITATIONS)
