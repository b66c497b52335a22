"""The shared dot plot: one labelled row per figure, one panel per design, so that figures of different kinds
are never read off one undifferentiated axis. Used by ``forest`` and ``by_design``."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from matplotlib.lines import Line2D

from course_lib.charts.style import (
    DESIGN_ORDER,
    DESIGN_STYLES,
    OKABE_ITO,
    WARNING_COLOUR,
    new_figure,
    number,
    record_labels,
)
from course_lib.evidence import DESIGNS, EffectSize

ROW_HEIGHT = 0.26  # inches per labelled row
X_LABEL = "Effect size (positive favours the treatment named)"


def group_by_design(records: Sequence[EffectSize]) -> list[tuple[str, list[EffectSize]]]:
    """(design, records) in teaching order: type not stated, within-group, …, between-group vs active."""
    return [(design, [r for r in records if r.design == design])
            for design in DESIGN_ORDER if any(r.design == design for r in records)]


def _x_limits(records: Sequence[EffectSize]) -> tuple[float, float]:
    values = [0.0] + [r.effect_size for r in records]
    values += [v for r in records for v in (r.ci_low, r.ci_high) if v is not None]
    span = max(values) - min(values) or 1.0
    return min(values) - 0.08 * span, max(values) + 0.22 * span  # room on the right for value labels


def draw_dot_panels(records: Sequence[EffectSize], title: str):
    """Figure with one panel per design present; each row a figure with its value, CI whiskers where given,
    design shown by colour and marker, disputed figures hollow and flagged in vermillion."""
    groups = group_by_design(records)
    n_rows = len(records)
    figure = new_figure(11, 1.3 + ROW_HEIGHT * n_rows + 0.55 * len(groups))
    figure.suptitle(title, fontsize=12, fontweight="bold")
    axes = figure.subplots(len(groups), 1, sharex=True, squeeze=False,
                           height_ratios=[len(group) + 1.2 for _, group in groups])[:, 0]
    low, high = _x_limits(records)
    for ax, (design, group) in zip(axes, groups, strict=True):
        colour, marker, _ = DESIGN_STYLES[design]
        labels = record_labels(group)
        positions = range(len(group) - 1, -1, -1)  # first record at the top
        for y, record in zip(positions, group, strict=True):
            if record.ci_low is not None and record.ci_high is not None:
                ax.hlines(y, record.ci_low, record.ci_high, color=colour, linewidth=1.5)
            face = "white" if record.disputed else colour
            ax.plot([record.effect_size], [y], marker=marker, markersize=7, color=colour,
                    markerfacecolor=face, markeredgewidth=1.5, linestyle="none")
            value_text = number(record.effect_size) + (" disputed" if record.disputed else "")
            right_end = record.effect_size if record.ci_high is None else record.ci_high
            ax.annotate(value_text, (right_end, y), xytext=(7, 0), textcoords="offset points",
                        va="center", fontsize=8, color=WARNING_COLOUR if record.disputed else "black",
                        fontweight="bold" if record.disputed else "normal")
        ax.set_yticks(list(positions), labels, fontsize=8)
        for tick, record in zip(ax.get_yticklabels(), group, strict=True):
            if record.disputed:
                tick.set_color(WARNING_COLOUR)
        ax.set_ylim(-0.8, len(group) - 0.2)
        ax.axvline(0, color=OKABE_ITO["black"], linewidth=0.8)
        ax.set_title(f"{DESIGNS[design]} ({len(group)})", fontsize=9, loc="left", color=colour
                     if design != "within_group_pre_post" else OKABE_ITO["black"])
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_xlim(low, high)
    axes[-1].set_xlabel(X_LABEL, fontsize=9)
    handles = [Line2D([], [], color=DESIGN_STYLES[d][0], marker=DESIGN_STYLES[d][1], linestyle="none",
                      label=DESIGNS[d]) for d, _ in groups]
    if any(r.disputed for r in records):
        handles.append(Line2D([], [], color=WARNING_COLOUR, marker="o", markerfacecolor="white",
                              linestyle="none", label="hollow, vermillion: disputed figure"))
    figure.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=8, frameon=False)
    return figure


def describe_values(group: Sequence[EffectSize], list_limit: int = 8) -> str:
    """The group's numbers in words: each one when few, else the range and median, warnings always named."""
    if len(group) <= list_limit:
        parts = [f"{r.study_key} {r.outcome} ({r.timepoint_label.lower()}) {number(r.effect_size)}"
                 + (", DISPUTED" if r.disputed else "") + (", type not stated" if r.type_unknown else "")
                 for r in group]
        return "; ".join(parts)
    values = [r.effect_size for r in group]
    text = (f"from {number(min(values))} to {number(max(values))}, median "
            f"{number(statistics.median(values))}")
    flagged = [r for r in group if r.disputed or r.type_unknown]
    for r in flagged:
        text += (f"; it includes {number(r.effect_size)} from {r.study_key}, "
                 + ("which is DISPUTED" if r.disputed else "whose type is not stated"))
    return text


def describe_panels(records: Sequence[EffectSize]) -> str:
    """One sentence per design panel."""
    sentences = []
    for design, group in group_by_design(records):
        noun = "figure" if len(group) == 1 else "figures"
        sentences.append(f"{DESIGNS[design]}, {len(group)} {noun}: {describe_values(group)}.")
    return " ".join(sentences)
