"""post_vs_follow_up: do gains keep growing after therapy ends? The rising pairs beside the counter-evidence."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import partial
from itertools import chain, pairwise

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from course_lib.charts.chart import Chart
from course_lib.charts.dot_panels import PANEL_GAP, group_by_design
from course_lib.charts.layout import Margins, row_labels, shared_x_grid, stacked_figure, text_height, widest
from course_lib.charts.style import (
    DESIGN_STYLES,
    OKABE_ITO,
    RECORD_COLUMNS,
    number,
    record_citations,
    record_labels,
    record_rows,
)
from course_lib.evidence import DESIGNS, EffectSize, load_effect_sizes

TITLE = "End of therapy vs follow-up: the gains that grew, and the evidence that qualifies them"
_ORDER = {"post": 0, "follow_up": 1, "short_term_follow_up": 1, "long_term_follow_up": 2}
_SUFFIX = re.compile(r"_(post|fu|follow_up|long_term_follow_up)$")
# demaat2009's notes carry its success rates at termination and follow-up, e.g. "64% to 55% psychotherapy".
_SUCCESS = re.compile(r"(\d+)% to (\d+)% (\w+)")


def follow_up_series(records: Iterable[EffectSize]) -> list[tuple[EffectSize, ...]]:
    """Records of the same figure measured at the end of therapy and later (ids differing only in the timepoint
    suffix), each series in time order; only series that include the end of therapy and a later point."""
    series: dict[str, list[EffectSize]] = {}
    for record in records:
        match = _SUFFIX.search(record.id)
        if match:
            series.setdefault(record.id[: match.start()], []).append(record)
    found = []
    for members in series.values():
        members.sort(key=lambda r: _ORDER[r.timepoint])
        if members[0].timepoint == "post" and len(members) > 1:
            found.append(tuple(members))
    return found


def success_rates(records: Iterable[EffectSize]) -> list[tuple[str, str, int, int]]:
    """(study_key, treatment, at termination %, at follow-up %) from the records' notes, once each."""
    rates = {}
    for record in records:
        for start, end, treatment in _SUCCESS.findall(record.note):
            rates[(record.study_key, treatment)] = (int(start), int(end))
    return [(key, treatment, start, end) for (key, treatment), (start, end) in rates.items()]


def _series_labels(firsts: Sequence[EffectSize]) -> list[str]:
    """Row labels for series: the record label without its timepoint (a series spans several)."""
    labels = record_labels(firsts)
    return [label.replace(f" · {r.outcome}", f" · {r.outcome.split(' (')[0]}").replace(" · end of treatment", "")
            for label, r in zip(labels, firsts, strict=True)]


def _draw_series(ax, series: Sequence[tuple[EffectSize, ...]]) -> None:
    for index, members in enumerate(series):
        y = len(series) - 1 - index
        colour, marker, _ = DESIGN_STYLES[members[0].design]
        values = [r.effect_size for r in members]
        for start, end in pairwise(values):
            ax.annotate("", xy=(end, y), xytext=(start, y),
                        arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 1.3, "shrinkA": 4,
                                    "shrinkB": 4})
        for position, value in enumerate(values):
            ax.plot([value], [y], marker=marker, markersize=7, color=colour, linestyle="none",
                    markerfacecolor=colour if position == 0 else "white", markeredgewidth=1.5)
            ax.annotate(number(value), (value, y), xytext=(0, -11 if position % 2 == 0 else 8),
                        textcoords="offset points", ha="center", va="center", fontsize=7)


def _draw_changes(ax, changes: Sequence[EffectSize]) -> None:
    for y, record in enumerate(reversed(changes)):
        colour, marker, _ = DESIGN_STYLES[record.design]
        ax.annotate("", xy=(record.effect_size, y), xytext=(0, y),
                    arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 1.3})
        ax.plot([record.effect_size], [y], marker=marker, markersize=7, color=colour, linestyle="none")
        ax.annotate(f"+{number(record.effect_size)} after therapy ended", (record.effect_size, y),
                    xytext=(8, 0), textcoords="offset points", va="center", fontsize=7)


def _draw_rates(ax, rates: Sequence[tuple[str, str, int, int]], labels: Sequence[str]) -> None:
    colour = OKABE_ITO["vermillion"]
    for y, (_, _, start, end) in enumerate(reversed(rates)):
        ax.annotate("", xy=(end, y), xytext=(start, y),
                    arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 1.3, "shrinkA": 4, "shrinkB": 4})
        ax.plot([start], [y], marker="o", color=colour, markersize=7, linestyle="none")
        ax.plot([end], [y], marker="o", color=colour, markerfacecolor="white", markersize=7,
                markeredgewidth=1.5, linestyle="none")
        for value, offset in ((start, 8), (end, -11)):
            ax.annotate(f"{value}%", (value, y), xytext=(0, offset), textcoords="offset points",
                        ha="center", va="center", fontsize=7)
    row_labels(ax, range(len(rates) - 1, -1, -1), labels)
    ax.set_ylim(-0.7, len(rates) - 0.3)
    lows = [min(start, end) for *_, start, end in rates]
    highs = [max(start, end) for *_, start, end in rates]
    ax.set_xlim(min(lows) - 8, max(highs) + 8)
    ax.set_xlabel("Mean success rate (%)", fontsize=8)
    ax.set_title("Counter-evidence: mean success rates fell from termination to follow-up", fontsize=9,
                 loc="left", y=1.0, pad=4, color=OKABE_ITO["black"])


def _describe(series, changes, rates) -> str:
    rising, falling, flat = [], [], []
    labels = _series_labels([members[0] for members in series])
    for members, label in zip(series, labels, strict=True):
        first = members[0]
        path = " → ".join(f"{number(r.effect_size)} ({r.timepoint_label.lower()})" for r in members)
        kind = "" if first.untraced_headline else f" [{first.design_label.lower()}]"
        text = f"{label.replace(' · ', ', ')}{kind}: {path}"
        change = members[-1].effect_size - first.effect_size
        (rising if change > 0 else falling if change < 0 else flat).append(text)
    parts = ["Arrows run from the end of therapy (filled marker) to follow-up (hollow marker), one panel per "
             "study design."]
    if rising:
        parts.append("Larger at follow-up: " + "; ".join(rising) + ".")
    for record in changes:
        parts.append(f"{record.study_key} estimates a further change of {number(record.effect_size)} after "
                     f"therapy ended ({record.metric}).")
    if falling:
        parts.append("Smaller at follow-up (counter-evidence): " + "; ".join(falling) + ".")
    if flat:
        parts.append("Unchanged: " + "; ".join(flat) + ".")
    if rates:
        parts.append("Counter-evidence, bottom panel: mean success rates fell from termination to follow-up in "
                     + "; ".join(f"{key} ({treatment}), {start}% to {end}%" for key, treatment, start, end in rates)
                     + ".")
    return " ".join(parts)


def _draw(series: list[list[EffectSize]], changes: list[EffectSize], rates: list[tuple]) -> Figure:
    """Panels of end-of-therapy vs follow-up series and change estimates on one effect-size axis, and beneath
    them the success rates that fell."""
    panels = group_by_design([members[0] for members in series] + changes)
    panel_labels = [record_labels(firsts) if design == "post_to_follow_up_change" else _series_labels(firsts)
                    for design, firsts in panels]
    rate_labels = [f"{key} · {treatment}" for key, treatment, _, _ in rates]
    handles = [Line2D([], [], color=DESIGN_STYLES[d][0], marker=DESIGN_STYLES[d][1], linestyle="none",
                      label=DESIGNS[d]) for d, _ in panels]
    handles += [Line2D([], [], color="black", marker="o", linestyle="none", label="end of therapy (filled)"),
                Line2D([], [], color="black", marker="o", markerfacecolor="white", linestyle="none",
                       label="follow-up (hollow); arrows show the direction of change")]
    margins = Margins(left=widest([*chain.from_iterable(panel_labels), *rate_labels], 8) + 0.25, right=0.3,
                      top=0.45, bottom=0.6 + text_height(math.ceil(len(handles) / 3), 8) + 0.1)
    heights = [0.42 * (len(firsts) + 1) for _, firsts in panels] + ([0.45 * (len(rates) + 1)] if rates else [])
    gaps = [PANEL_GAP] * len(panels) + ([PANEL_GAP + 0.6] if rates else [])  # room for the x axis above
    figure, axes = stacked_figure(11, TITLE, heights, gaps, margins)
    effect_axes = axes[: len(panels)]
    for ax, (design, firsts), labels in zip(effect_axes, panels, panel_labels, strict=True):
        if design == "post_to_follow_up_change":
            _draw_changes(ax, firsts)
        else:
            _draw_series(ax, [members for members in series if members[0] in firsts])
        row_labels(ax, range(len(firsts) - 1, -1, -1), labels)
        ax.set_ylim(-0.7, len(firsts) - 0.3)
        ax.axvline(0, color=OKABE_ITO["black"], linewidth=0.8)
        ax.set_title(f"{DESIGNS[design]} ({len(firsts)})", fontsize=9, loc="left", y=1.0, pad=4)
    values = [0.0] + [r.effect_size for members in series for r in members] + [r.effect_size for r in changes]
    span = max(values) - min(values)
    shared_x_grid(effect_axes, min(values) - 0.1 * span, max(values) + 0.25 * span)
    effect_axes[-1].set_xlabel("Effect size (positive favours the treatment named)", fontsize=9)
    if rates:
        _draw_rates(axes[-1], rates, rate_labels)
    figure.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, frameon=False,
                  bbox_to_anchor=(0.5, 0.05 / figure.get_figheight()))
    return figure


def post_vs_follow_up(records: Iterable[EffectSize] | None = None) -> Chart:
    """Figures measured at the end of therapy and again later, the estimate of change after therapy ended,
    and beside them the counter-evidence: between-group figures that shrink and success rates that fell."""
    pool = load_effect_sizes() if records is None else tuple(records)
    series = follow_up_series(pool)
    changes = [r for r in pool if r.design == "post_to_follow_up_change"]
    if not series and not changes:
        raise ValueError("post_vs_follow_up needs records measured at the end of therapy and at follow-up")
    plotted = [r for members in series for r in members] + changes
    rates = success_rates(plotted)
    return Chart(TITLE, partial(_draw, series, changes, rates), _describe(series, changes, rates), RECORD_COLUMNS,
                 record_rows(plotted), record_citations(plotted, "shedler2010"))
