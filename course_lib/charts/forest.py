"""forest: a labelled dot plot of any set of effect sizes (the evidence explorer's chart)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from matplotlib.figure import Figure

from course_lib.charts.chart import Chart
from course_lib.charts.dot_panels import describe_panels, draw_dot_panels
from course_lib.charts.layout import new_fixed_figure
from course_lib.charts.style import RECORD_COLUMNS, record_citations, record_rows
from course_lib.evidence import EffectSize

DISPUTED_NOTE = (
    "The 1.8 is disputed: critics showed that the way it was computed inflates between-group effects "
    "(thombs2011, bhar2010), and the 2011 update of the same meta-analysis gives 0.44 to 0.68."
)


def _draw_empty() -> Figure:
    figure = new_fixed_figure(6, 1.2)
    figure.text(0.5, 0.5, "No figures match this selection.", ha="center", va="center", fontsize=11)
    return figure


def _empty(title: str) -> Chart:
    return Chart(title, partial(_draw_empty), f"{title}: an empty chart, because no figures match this selection.",
                 RECORD_COLUMNS, (), ())


def forest(records: Iterable[EffectSize], title: str | None = None) -> Chart:
    """One row per record (value, CI whiskers where given), one panel per design, design told by marker and
    colour with a legend. Disputed and type-unknown figures are flagged in labels and alt text."""
    records = tuple(records)
    title = title or f"Effect sizes: {len(records)} selected figure{'s' if len(records) != 1 else ''}"
    if not records:
        return _empty(title)
    alt = (f"Dot plot of {len(records)} effect size{'s' if len(records) != 1 else ''}, one row each, "
           f"in separate panels by study design; positive values favour the treatment named, "
           "negative values the comparison. "
           + describe_panels(records))
    if any(r.disputed for r in records):
        alt += " " + DISPUTED_NOTE
    return Chart(
        title=title,
        draw=partial(draw_dot_panels, records, title),
        alt_text=alt,
        columns=RECORD_COLUMNS,
        rows=record_rows(records),
        citations=record_citations(records),
    )
