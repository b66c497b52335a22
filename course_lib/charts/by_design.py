"""by_design: the psychodynamic figures in separate panels by study design, never on one undifferentiated axis."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from functools import partial

from course_lib.charts.chart import Chart
from course_lib.charts.dot_panels import describe_panels, draw_dot_panels
from course_lib.charts.forest import DISPUTED_NOTE
from course_lib.charts.style import RECORD_COLUMNS, is_standardised, number, record_citations, record_rows
from course_lib.evidence import EffectSize, load_effect_sizes

TITLE = "Psychodynamic therapy: effect sizes from the studies charted, by study design"
_PSYCHODYNAMIC_WORDS = ("psychodynamic", "stpp", "psychoanaly")


def is_psychodynamic(record: EffectSize) -> bool:
    """True when the treatment measured is a psychodynamic or psychoanalytic therapy (not a comparison arm)."""
    return any(word in record.treatment.lower() for word in _PSYCHODYNAMIC_WORDS)


def _contrast(records: tuple[EffectSize, ...]) -> str:
    """The lesson's point in numbers: medians per design, over standardised figures only (no phi, no risk
    difference) and without the disputed 1.8, so the comparison is as like-for-like as the data allow."""
    medians = {}
    for design, words in (("within_group_pre_post", "within-group pre-post figures"),
                          ("between_group_vs_control", "between-group figures against control conditions"),
                          ("between_group_vs_active", "between-group figures against other active treatments")):
        values = [r.effect_size for r in records if r.design == design and is_standardised(r) and not r.disputed]
        if values:
            medians[words] = number(statistics.median(values))
    if len(medians) < 2:
        return ""
    listed = "; ".join(f"{words}, median {value}" for words, value in medians.items())
    return (f" Medians of the standardised figures (the disputed 1.8 left out): {listed}. A pre-post change is "
            "larger because it also counts whatever would have improved without the treatment.")


def by_design(records: Iterable[EffectSize] | None = None) -> Chart:
    """The psychodynamic figures among ``records`` (default: the course's data), one panel per design."""
    pool = load_effect_sizes() if records is None else tuple(records)
    chosen = tuple(r for r in pool if is_psychodynamic(r))
    if not chosen:
        raise ValueError("by_design needs at least one psychodynamic figure among the records given")
    alt = (f"Dot plot of {len(chosen)} effect sizes for psychodynamic therapy, in separate panels by study design, "
           "because figures of different designs are different kinds of number; positive values favour "
           "psychodynamic therapy, negative values the comparison. " + describe_panels(chosen) + _contrast(chosen))
    if any(r.disputed for r in chosen):
        alt += " " + DISPUTED_NOTE
    return Chart(TITLE, partial(draw_dot_panels, chosen, TITLE), alt, RECORD_COLUMNS, record_rows(chosen),
                 record_citations(chosen))
