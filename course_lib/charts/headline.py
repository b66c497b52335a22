"""headline_comparison: Shedler's headline figures as he set them side by side, with the caveat on the figure."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from functools import partial

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from course_lib.charts.chart import Chart
from course_lib.charts.layout import Margins, add_title, new_fixed_figure, single_axes, text_height, widest
from course_lib.charts.style import (
    DESIGN_STYLES,
    OKABE_ITO,
    RECORD_COLUMNS,
    WARNING_COLOUR,
    WARNING_TEXT_COLOUR,
    number,
    pale,
    record_citations,
    record_rows,
)
from course_lib.evidence import DESIGNS, EffectSize, effect_size, load_effect_sizes

TITLE = "The headline figures side by side: not the same kind of number"
_CAVEAT_CHARACTERS = 115  # a line of the caution at 9 pt fits the 10-inch figure
HEADLINE_IDS = ("abbass2006_shedler_post", "abbass2006_shedler_fu", "turner2008_antidepressants", "haby2006_cbt")
# The general-symptom SMDs a guideline summary gives for the same review: the values the headline cannot be matched to.
REVIEW_VALUE_IDS = ("abbass2006_ebmg_general_short", "abbass2006_ebmg_general_long")


def review_values() -> str:
    """"0.42 and 0.51": what a guideline summary reports for the same review's general symptoms."""
    return " and ".join(number(effect_size(i).effect_size) for i in REVIEW_VALUE_IDS)


def caveat(records: Iterable[EffectSize]) -> str:
    """The warning written on the figure: what each bar was compared with, that the headline values cannot be
    traced to the review's reported results, and why the bars cannot be ranked."""
    records = tuple(records)
    untraced = [number(r.effect_size) for r in records if r.untraced_headline]
    between = [f"{number(r.effect_size)} ({r.design_label.lower().removeprefix('between-group ')})"
               for r in records if r.design.startswith("between_group")]
    parts = ["Caution: these bars do not compare the same things."]
    if untraced:
        parts.append(f"The {' and '.join(untraced)} come from a review that compared the therapy only with "
                     f"wait-list, usual care or minimal treatment, yet match none of its reported values "
                     f"({review_values()} for general symptoms).")
    if between:
        verb = "is a between-group difference" if len(between) == 1 else "are between-group differences"
        parts.append(f"The {' and '.join(between)} {verb}.")
    parts.append("An effect against wait-list is not comparable with a drug-versus-placebo effect: trace each "
                 "figure to its table and its comparison group first.")
    return " ".join(parts)


def _bar_label(record: EffectSize) -> str:
    when = record.timepoint_label.lower()
    flag = "\n[vs weak controls; not traced]" if record.untraced_headline else f"\n[{record.design_label.lower()}]"
    return f"{record.treatment.split(' (')[0]}\n{record.study_key} · {when}{flag}"


def _draw(chosen: tuple[EffectSize, ...]) -> Figure:
    """One bar per headline figure, hatched and marked by design, the caveat boxed beneath."""
    labels = [_bar_label(r) for r in chosen]
    warning = textwrap.fill(caveat(chosen), width=_CAVEAT_CHARACTERS)
    margins = Margins(left=widest(labels, 8) + 0.3, right=0.5, top=0.55,
                      bottom=0.62 + text_height(warning.count("\n") + 1, 9) + 0.2)
    figure = new_fixed_figure(10, margins.top + margins.bottom + 0.75 * len(chosen) + 0.3)
    add_title(figure, TITLE)
    ax = single_axes(figure, margins)
    positions = list(range(len(chosen) - 1, -1, -1))
    for y, record in zip(positions, chosen, strict=True):
        colour, marker, hatch = DESIGN_STYLES[record.design]
        ax.barh(y, record.effect_size, height=0.6, facecolor=pale(colour), hatch=hatch, edgecolor=colour,
                linewidth=1.2)
        if record.ci_low is not None and record.ci_high is not None:
            ax.hlines(y, record.ci_low, record.ci_high, color=OKABE_ITO["black"], linewidth=1.3)
        ax.plot([record.effect_size], [y], marker=marker, color=colour, markersize=9, linestyle="none")
        end = max(record.effect_size, record.ci_high or record.effect_size)
        ax.annotate(number(record.effect_size), (end, y), xytext=(8, 0), textcoords="offset points",
                    va="center", fontsize=10)
    ax.set_yticks(positions, labels, fontsize=8)
    ax.set_xlim(0, max(r.effect_size for r in chosen) * 1.2)
    ax.axvline(0, color=OKABE_ITO["black"], linewidth=0.8)
    ax.set_xlabel("Effect size as reported (comparison groups differ: see the caution)", fontsize=9)
    designs = list(dict.fromkeys(r.design for r in chosen))
    ax.legend(handles=[Patch(facecolor=pale(DESIGN_STYLES[d][0]), hatch=DESIGN_STYLES[d][2],
                             edgecolor=DESIGN_STYLES[d][0], label=DESIGNS[d]) for d in designs],
              loc="lower right", fontsize=8)
    figure.text(0.5, 0.1 / figure.get_figheight(), warning, ha="center", va="bottom", fontsize=9,
                color=WARNING_TEXT_COLOUR,
                bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": WARNING_COLOUR})
    return figure


def headline_comparison(records: Iterable[EffectSize] | None = None) -> Chart:
    """Bars for 0.97 / 1.51 (against weak controls, not traced), antidepressants 0.31 and CBT 0.68, coloured,
    hatched and marked by design, with the caveat written on the figure and in the alt text."""
    pool = load_effect_sizes() if records is None else tuple(records)
    by_id = {r.id: r for r in pool}
    chosen = tuple(by_id[i] for i in HEADLINE_IDS if i in by_id)
    if not chosen:
        raise ValueError(f"headline_comparison needs at least one of the records {HEADLINE_IDS}")

    values = "; ".join(
        f"{r.treatment.split(' (')[0]} ({r.study_key}, {r.timepoint_label.lower()}): {number(r.effect_size)}"
        + (", against weak controls, not traced to the review's tables" if r.untraced_headline
           else f", {r.design_label.lower()}")
        for r in chosen
    )
    alt = f"Horizontal bar chart of the headline figures: {values}. {caveat(chosen)}"
    return Chart(TITLE, partial(_draw, chosen), alt, RECORD_COLUMNS, record_rows(chosen),
                 record_citations(chosen, "shedler2010"))
