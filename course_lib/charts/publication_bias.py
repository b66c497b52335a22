"""publication_bias: published vs bias-adjusted effects, for psychotherapy and for antidepressants alike."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from functools import partial

from matplotlib.figure import Figure

from course_lib.charts.chart import Chart
from course_lib.charts.layout import Margins, row_labels, stacked_figure, widest
from course_lib.charts.style import (
    DESIGN_STYLES,
    OKABE_ITO,
    RECORD_COLUMNS,
    WARNING_TEXT_COLOUR,
    number,
    pale,
    record_citations,
    record_rows,
)
from course_lib.evidence import EffectSize, select

TITLE = "Publication bias shrinks effects on both sides: psychotherapy and antidepressants"
_TAGS = ("unadjusted", "adjusted for bias", "all trials, published or not")  # what each bar is
DEFAULT_STUDIES = ("cuijpers2010", "cuijpers2019", "turner2008")
# turner2008's note states how much the published record inflated the effect; the course has no pooled
# published-only figure, so the inflation is written as an annotation, never drawn as a bar.
_INFLATION = re.compile(r"inflated the effect by (\d+)%(?: on average)?(?: \(([^)]*)\))?")


def _is_adjusted(record: EffectSize) -> bool:
    return "adjusted" in record.comparison.lower() or "bias-adjusted" in record.metric.lower()


def bias_pairs(records: Iterable[EffectSize]) -> list[tuple[EffectSize, EffectSize]]:
    """(unadjusted, adjusted) pairs: one study's figure before and after adjusting for bias."""
    records = tuple(records)
    pairs = []
    for key in dict.fromkeys(r.study_key for r in records):
        adjusted = [r for r in records if r.study_key == key and _is_adjusted(r)]
        published = [r for r in records if r.study_key == key and not _is_adjusted(r)]
        if len(adjusted) == 1 and len(published) == 1:
            pairs.append((published[0], adjusted[0]))
    return pairs


def inflation_notes(records: Iterable[EffectSize]) -> list[tuple[EffectSize, str, str]]:
    """(record, percent, range or "") for records whose note says the published record inflated them."""
    found = []
    for record in records:
        match = _INFLATION.search(record.note)
        if match:
            found.append((record, match.group(1), match.group(2) or ""))
    return found


def _shrink(published: EffectSize, adjusted: EffectSize) -> int:
    return round(100 * (published.effect_size - adjusted.effect_size) / published.effect_size)


def _rows(kind: str, items: list) -> list[tuple[EffectSize, str]]:
    """(record, what its bar is) in drawing order: each pair unadjusted then adjusted, or all trials."""
    if kind == "pairs":
        return [(r, tag) for pub, adj in items for r, tag in ((pub, _TAGS[0]), (adj, _TAGS[1]))]
    return [(r, _TAGS[2]) for r, _, _ in items]


def _label(record: EffectSize, tag: str) -> str:
    return f"{record.study_key} · {tag}"


def _draw(panels: list[tuple[str, list]]) -> Figure:
    """One panel per kind: bias pairs (bars, the adjusted one hatched) and all-trials figures with their notes."""
    panel_rows = [_rows(kind, items) for kind, items in panels]
    margins = Margins(left=widest([_label(r, tag) for rows in panel_rows for r, tag in rows], 8) + 0.25,
                      right=0.3, top=0.45, bottom=0.6)
    heights = [0.55 * (len(rows) + 1) for rows in panel_rows]
    gaps = [0.34] * len(panels)
    figure, axes = stacked_figure(10, TITLE, heights, gaps, margins)
    for ax, (kind, items), rows in zip(axes, panels, panel_rows, strict=True):
        for y, (record, tag) in enumerate(rows):
            position = len(rows) - 1 - y
            colour, marker, _ = DESIGN_STYLES[record.design]
            adjusted = tag == _TAGS[1]
            ax.barh(position, record.effect_size, height=0.6, facecolor="white" if adjusted else pale(colour),
                    hatch="//" if adjusted else "", edgecolor=colour, linewidth=1.2)
            ax.plot([record.effect_size], [position], marker=marker, color=colour, markersize=8, linestyle="none")
            ax.annotate(number(record.effect_size), (record.effect_size, position), xytext=(8, 0),
                        textcoords="offset points", va="center", fontsize=9)
        row_labels(ax, range(len(rows) - 1, -1, -1), [_label(r, tag) for r, tag in rows])
        ax.set_ylim(-0.7, len(rows) - 0.3)
        if kind == "pairs":
            ax.set_title("Psychotherapy for adult depression vs control groups: unadjusted, then adjusted for bias",
                         fontsize=9, loc="left", y=1.0, pad=4)
            for index, (pub, adj) in enumerate(items):
                top = len(rows) - 1 - 2 * index
                ax.annotate(f"{_shrink(pub, adj)}% smaller after adjustment", (pub.effect_size, top - 0.5),
                            xytext=(60, 0), textcoords="offset points", va="center", fontsize=8,
                            color=WARNING_TEXT_COLOUR)
        else:
            ax.set_title("Antidepressants vs placebo: every trial submitted to the regulator, published or not",
                         fontsize=9, loc="left", y=1.0, pad=4)
            for index, (record, percent, spread) in enumerate(items):
                extra = f" ({spread})" if spread else ""
                note = (f"The published trials alone gave an effect about {percent}% larger on average{extra}. "
                        "The chart shows that as this note, not as a second bar.")
                ax.annotate(textwrap.fill(note, width=62),
                            (record.effect_size, len(items) - 1 - index), xytext=(40, 0),
                            textcoords="offset points", va="center", fontsize=8, color=WARNING_TEXT_COLOUR)
        ax.axvline(0, color=OKABE_ITO["black"], linewidth=0.8)
        if ax is not axes[-1]:
            ax.sharex(axes[-1])
            ax.tick_params(labelbottom=False)
    axes[-1].set_xlim(0, max(r.effect_size for rows in panel_rows for r, _ in rows) * 1.9)
    axes[-1].set_xlabel("Standardised effect size vs control or placebo", fontsize=9)
    return figure


def publication_bias(records: Iterable[EffectSize] | None = None) -> Chart:
    """Paired bars (unadjusted; hatched: adjusted) for psychotherapy; the antidepressant figure from all
    trials, published or not, with the published-only inflation written beside it rather than invented as a bar."""
    pool = select(study_key=DEFAULT_STUDIES) if records is None else tuple(records)
    pairs = bias_pairs(pool)
    inflated = inflation_notes(pool)
    if not pairs and not inflated:
        raise ValueError("publication_bias needs a published/adjusted pair or a record noting publication inflation")
    panels = [p for p in (("pairs", pairs), ("inflated", inflated)) if p[1]]
    plotted = [r for kind, items in panels for r, _ in _rows(kind, items)]

    sentences = ["Horizontal bars of effect sizes before and after accounting for unpublished or biased studies."]
    for pub, adj in pairs:
        sentences.append(f"{pub.study_key} ({pub.treatment}): {number(pub.effect_size)} unadjusted, "
                         f"{number(adj.effect_size)} adjusted ({adj.comparison}), {_shrink(pub, adj)}% smaller.")
    for record, percent, spread in inflated:
        extra = f", {spread}" if spread else ""
        sentences.append(f"{record.study_key} ({record.treatment}): {number(record.effect_size)} from all trials "
                         f"including unpublished ones; the published trials alone gave an effect about {percent}% "
                         f"larger on average{extra}, shown as a note, not a bar.")
    return Chart(TITLE, partial(_draw, panels), " ".join(sentences), RECORD_COLUMNS, record_rows(plotted),
                 record_citations(plotted))
