"""The shared dot plot: one labelled row per figure, one panel per design, so that figures of different kinds
are never read off one undifferentiated axis. Used by ``forest`` and ``by_design``."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

from matplotlib.lines import Line2D

from course_lib.charts.layout import Margins, row_labels, shared_x_grid, stacked_figure, text_height, widest
from course_lib.charts.style import (
    DESIGN_ORDER,
    DESIGN_STYLES,
    OKABE_ITO,
    WARNING_COLOUR,
    WARNING_TEXT_COLOUR,
    caution,
    number,
    record_labels,
)
from course_lib.evidence import DESIGNS, EffectSize

ROW_HEIGHT = 0.26  # inches per labelled row
PANEL_GAP = 0.34  # inches above each panel, for its title
FIGURE_WIDTH = 11
X_LABEL = "Effect size (positive favours the treatment named)"


def group_by_design(records: Sequence[EffectSize]) -> list[tuple[str, list[EffectSize]]]:
    """(design, records) in teaching order: headline vs weak controls, within-group, …, between-group vs active."""
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
    labels = {id(r): label for _, group in groups for r, label in zip(group, record_labels(group), strict=True)}
    handles = [Line2D([], [], color=DESIGN_STYLES[d][0], marker=DESIGN_STYLES[d][1], linestyle="none",
                      label=DESIGNS[d]) for d, _ in groups]
    if any(r.disputed for r in records):
        handles.append(Line2D([], [], color=WARNING_COLOUR, marker="o", markerfacecolor="white",
                              linestyle="none", label="hollow, vermillion: disputed figure"))
    legend_rows = math.ceil(len(handles) / 2)
    margins = Margins(left=widest(labels.values(), 8) + 0.25, right=0.7, top=0.45,
                      bottom=0.65 + text_height(legend_rows, 8) + 0.1)
    heights = [ROW_HEIGHT * (len(group) + 1.2) for _, group in groups]
    gaps = [PANEL_GAP] * len(groups)
    figure, axes = stacked_figure(FIGURE_WIDTH, title, heights, gaps, margins)
    low, high = _x_limits(records)
    for ax, (design, group) in zip(axes, groups, strict=True):
        colour, marker, _ = DESIGN_STYLES[design]
        positions = range(len(group) - 1, -1, -1)  # first record at the top
        # One artist per kind of mark, not one per row: artists, not points, are what cost time to draw.
        with_ci = [(y, r) for y, r in zip(positions, group, strict=True)
                   if r.ci_low is not None and r.ci_high is not None]
        if with_ci:
            ax.hlines([y for y, _ in with_ci], [r.ci_low for _, r in with_ci], [r.ci_high for _, r in with_ci],
                      color=colour, linewidth=1.5)
        for disputed in (False, True):
            marks = [(y, r.effect_size) for y, r in zip(positions, group, strict=True) if r.disputed == disputed]
            if marks:
                ax.plot([x for _, x in marks], [y for y, _ in marks], marker=marker, markersize=7, color=colour,
                        markerfacecolor="white" if disputed else colour, markeredgewidth=1.5, linestyle="none")
        for y, record in zip(positions, group, strict=True):
            value_text = number(record.effect_size) + (" disputed" if record.disputed else "")
            right_end = record.effect_size if record.ci_high is None else record.ci_high
            ax.annotate(value_text, (right_end, y), xytext=(7, 0), textcoords="offset points",
                        va="center", fontsize=8, color=WARNING_TEXT_COLOUR if record.disputed else "black",
                        fontweight="bold" if record.disputed else "normal")
        row_labels(ax, positions, [labels[id(r)] for r in group],
                   [WARNING_TEXT_COLOUR if r.disputed else "black" for r in group])
        ax.set_ylim(-0.8, len(group) - 0.2)
        ax.axvline(0, color=OKABE_ITO["black"], linewidth=0.8)
        ax.set_title(f"{DESIGNS[design]} ({len(group)})", fontsize=9, loc="left", y=1.0, pad=4,
                     color=OKABE_ITO["black"])
    shared_x_grid(axes, low, high)
    axes[-1].set_xlabel(X_LABEL, fontsize=9)
    figure.legend(handles=handles, loc="lower center", ncol=2, fontsize=8, frameon=False,
                  bbox_to_anchor=(0.5, 0.05 / figure.get_figheight()))
    return figure


def describe_values(group: Sequence[EffectSize], list_limit: int = 8) -> str:
    """The group's numbers in words: each one when few, else the range and median, warnings always named."""
    if len(group) <= list_limit:
        parts = [f"{r.study_key} {r.outcome} ({r.timepoint_label.lower()}) {number(r.effect_size)}"
                 + (", DISPUTED" if r.disputed else "")
                 + (", against weak controls, not traced to the review's tables" if r.untraced_headline else "")
                 + (", with uneven dropout between the arms" if "uneven dropout" in caution(r) else "")
                 for r in group]
        return "; ".join(parts)
    values = [r.effect_size for r in group]
    text = (f"from {number(min(values))} to {number(max(values))}, median "
            f"{number(statistics.median(values))}")
    flagged = [r for r in group if r.disputed or r.untraced_headline]
    for r in flagged:
        text += (f"; it includes {number(r.effect_size)} from {r.study_key}, "
                 + ("which is DISPUTED" if r.disputed
                    else "which is against weak controls and matches none of the review's reported values"))
    return text


def describe_panels(records: Sequence[EffectSize]) -> str:
    """One sentence per design panel."""
    sentences = []
    for design, group in group_by_design(records):
        noun = "figure" if len(group) == 1 else "figures"
        sentences.append(f"{DESIGNS[design]}, {len(group)} {noun}: {describe_values(group)}.")
    return " ".join(sentences)
