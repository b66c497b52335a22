"""Small tables for the evidence lesson: what kind of number each headline figure is, and a cross-check on the 1.8.

Each table is a ``RecordTable``: HTML with a caption in JupyterLab, aligned plain text elsewhere.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from course_lib.evidence import effect_size, select
from course_lib.ui.scroll_region import scroll_region

__all__ = ["RecordTable", "disputed_cross_check", "kind_of_number", "paired_change_gaps"]


@dataclass(frozen=True)
class RecordTable:
    """A captioned table of text cells."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()

    def _repr_html_(self) -> str:
        head = "".join(f"<th scope='col'>{html.escape(c)}</th>" for c in self.columns)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in self.rows)
        notes = "".join(f"<p>{html.escape(n)}</p>" for n in self.notes)
        table = (f"<table><caption>{html.escape(self.caption)}</caption><thead><tr>{head}</tr></thead>"
                 f"<tbody>{body}</tbody></table>")
        return scroll_region(table, f"{self.caption} (scrolls sideways)") + notes

    def __repr__(self) -> str:
        widths = [max(len(str(x)) for x in col) for col in zip(self.columns, *self.rows, strict=True)]
        lines = [self.caption, "  ".join(c.ljust(w) for c, w in zip(self.columns, widths, strict=True))]
        lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in self.rows]
        return "\n".join(lines + list(self.notes))


def kind_of_number(ids: Iterable[str]) -> RecordTable:
    """One row per record id: the figure, its source, what it compares, its design, metric and timepoint."""
    rows = []
    for row_id in ids:
        r = effect_size(row_id)
        figure = f"{r.effect_size:g}" + (" (DISPUTED)" if r.disputed else "")
        rows.append((figure, r.study_key, r.treatment, r.comparison_label, r.design_label, r.metric_label,
                     r.timepoint_label))
    return RecordTable(
        caption="What kind of number each figure is",
        columns=("Figure", "Source", "Treatment", "Compared with", "Design", "Metric", "When"),
        rows=tuple(rows),
    )


def paired_change_gaps() -> tuple[tuple[str, float, float, float], ...]:
    """leichsenring2008's paired pre-post rows: (outcome, long-term d, comparison d, difference), same 8 studies."""
    within = select(study_key="leichsenring2008", design="within_group_pre_post")
    long_term = {r.id.removeprefix("leichsenring2008_ltpp_"): r for r in within if "_ltpp_" in r.id}
    comparison = {r.id.removeprefix("leichsenring2008_comparison_"): r for r in within if "_comparison_" in r.id}
    return tuple(
        (r.outcome, r.effect_size, comparison[k].effect_size, round(r.effect_size - comparison[k].effect_size, 2))
        for k, r in long_term.items()
        if k in comparison
    )


def disputed_cross_check() -> RecordTable:
    """The disputed 1.8 beside a rough gauge from the same studies' pre-post figures and the 2011 update's range."""
    disputed = effect_size("leichsenring2008_between")
    low, high = effect_size("leichsenring2011_between_low"), effect_size("leichsenring2011_between_high")
    rows = [("Between-group d, converted from a correlation (DISPUTED)", disputed.outcome, f"{disputed.effect_size:g}")]
    rows += [
        (f"Long-term pre-post d {lt:g} minus comparison pre-post d {cmp:g}", outcome, f"{gap:.2f}")
        for outcome, lt, cmp, gap in paired_change_gaps()
    ]
    update = f"{low.effect_size:g} to {high.effect_size:g}"
    rows.append(("2011 update of the meta-analysis, between-group", "range across outcome domains", update))
    return RecordTable(
        caption="The disputed 1.8 beside two other views of the same question (leichsenring2008, leichsenring2011)",
        columns=("Figure", "Outcome", "Value"),
        rows=tuple(rows),
        notes=(
            "The differences between pre-post figures are only a rough gauge, not proper between-group effect sizes: "
            "they come from the same 8 controlled comparisons and ignore differences in spread and design.",
        ),
    )
