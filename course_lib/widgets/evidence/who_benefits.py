"""Lesson 04's who-benefits map: pick a condition to see its evidence status, the figures behind it and their caveats;
and a "gains after therapy ends" view that sets the claim beside the figures that support or qualify it.

Data: content/conditions.toml (conditions, follow-up entries) → evidence rows by id → plain functions building HTML
(testable without a browser) → two small widgets. Charts come from ``course_lib.charts.forest``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from functools import cache

import ipywidgets as widgets

from course_lib.content.conditions import (
    READINGS,
    Condition,
    FollowUpEvidence,
    condition,
    conditions,
    follow_up_evidence,
)
from course_lib.evidence import EffectSize, cite_all, effect_size
from course_lib.ui.look import WIDE_LABEL, CourseWidget, control

_WITHIN = {"within_group_pre_post", "post_to_follow_up_change"}


def rows_for(item: Condition | FollowUpEvidence) -> tuple[EffectSize, ...]:
    """The evidence rows an entry links to, in the entry's order."""
    return tuple(effect_size(row_id) for row_id in item.effect_size_ids)


def design_caveat(rows: Iterable[EffectSize]) -> str | None:
    """Say how many figures are within-group, between-group or untraced headline figures, and why that matters."""
    rows = tuple(rows)
    within = sum(r.design in _WITHIN for r in rows)
    unknown = sum(r.untraced_headline for r in rows)
    between = len(rows) - within - unknown
    if not rows:
        return None
    counts = []
    if within:
        counts.append(f"{within} within-group (how much one group changed)")
    if between:
        counts.append(f"{between} between-group (how much better than a comparison group)")
    if unknown:
        counts.append(f"{unknown} headline figure{'s' if unknown > 1 else ''} against weak controls, "
                      "not found in the review's reported results")
    text = "Kinds of figure: " + "; ".join(counts) + "."
    if within and between:
        text += " Within-group changes run far larger than between-group differences: do not compare them directly."
    elif within:
        text += " None of these compares the therapy with a control group."
    if unknown:
        text += (" A headline figure should be traced to the table it came from, and an effect against wait-list"
                 " or usual care is not comparable with one against placebo or another therapy.")
    return text


def _flags(row: EffectSize) -> str:
    flags = [row.direction] if row.direction else []
    if row.disputed:
        flags.append("DISPUTED: see caveats")
    if row.untraced_headline:
        flags.append("vs weak controls; not traced")
    return "; ".join(flags)


def _ci(row: EffectSize) -> str:
    return "" if row.ci_low is None or row.ci_high is None else f"{row.ci_low:g} to {row.ci_high:g}"


TABLE_COLUMNS = ("Study", "Treatment", "Outcome", "Design", "Timepoint", "Effect size", "95% CI", "Type", "Flag")


def rows_table_html(rows: Iterable[EffectSize], caption: str) -> str:
    """The figures as an accessible table: study, treatment, outcome, design, timepoint, value, CI, type, flags."""
    head = "".join(f'<th scope="col">{c}</th>' for c in TABLE_COLUMNS)
    body = ""
    for r in rows:
        cells = (r.study_key, r.treatment, r.outcome, r.design_label, r.timepoint_label, f"{r.effect_size:g}",
                 _ci(r), r.metric_label, _flags(r))
        body += "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>"
    caption_html = f"<caption>{html.escape(caption)}</caption>"
    return f"<table>{caption_html}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _list(lines: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"


def sources_html(keys: Iterable[str]) -> str:
    """The full references for ``keys``, as a small list."""
    return "<p><strong>Sources</strong></p>" + _list(cite_all(keys))


def condition_html(item: Condition, *, with_table: bool = True) -> str:
    """A condition's status, summary, kinds of figure, caveats, figures and sources (everything but the chart).

    Leave the table out (``with_table=False``) when the chart is shown: the chart carries the same data table.
    """
    parts = [
        f"<h4>{html.escape(item.name)}</h4>",
        f"<p><strong>Evidence status:</strong> {html.escape(item.status_explained)}.</p>",
        f"<p>{html.escape(item.summary)}</p>",
    ]
    if not item.in_shedler_list:
        parts.append("<p><em>Not one of the conditions shedler2010 lists.</em></p>")
    rows = rows_for(item)
    caveat = design_caveat(rows)
    if caveat:
        parts.append(f"<p><strong>Design:</strong> {html.escape(caveat)}</p>")
    if item.caveats:
        parts.append("<p><strong>Caveats</strong></p>" + _list(item.caveats))
    if rows and with_table:
        parts.append(rows_table_html(rows, f"Figures behind: {item.name}"))
    parts.append(sources_html(item.references))
    return "".join(parts)


def not_charted_html(item: Condition) -> str:
    """The clear message shown in place of a chart for a condition cited without figures here."""
    return (
        f'<p role="note"><strong>Described in words, not charted.</strong> {html.escape(item.name)} is among '
        "the conditions for which shedler2010 cites evidence; the trials named above report rates or results "
        "without an effect size that could be charted, so no chart is drawn.</p>"
    )


@cache
def chart_html(item: Condition | FollowUpEvidence) -> str:
    """The forest chart for a condition or follow-up entry, or the not-charted notice (cached: drawn once)."""
    if not item.effect_size_ids:
        return not_charted_html(item)
    from course_lib.charts.forest import forest  # imported here: matplotlib loads only when a chart is drawn

    title = item.name if isinstance(item, Condition) else item.label
    return forest(list(rows_for(item)), title=f"Figures behind: {title}").to_html()


def follow_up_overview_html() -> str:
    """The claim and each reading side by side, one line each, so support and qualification are seen together."""
    lines = [
        f"{READINGS[f.reading].capitalize()} ({', '.join(f.references)}): {f.summary}" for f in follow_up_evidence()
    ]
    return "<p><strong>Gains after therapy ends: the claim and the evidence</strong></p>" + _list(lines)


def follow_up_html(item: FollowUpEvidence, *, with_table: bool = True) -> str:
    """One follow-up entry: how it bears on the claim, what it found, the kinds of figure, the rows, the sources."""
    rows = rows_for(item)
    parts = [
        f"<h4>{html.escape(item.label)}</h4>",
        f"<p><strong>Reading:</strong> {html.escape(READINGS[item.reading])}.</p>",
        f"<p>{html.escape(item.summary)}</p>",
    ]
    caveat = design_caveat(rows)
    if caveat:
        parts.append(f"<p><strong>Design:</strong> {html.escape(caveat)}</p>")
    if with_table:
        parts.append(rows_table_html(rows, f"Figures behind: {item.label}"))
    parts.append(sources_html(item.references))
    return "".join(parts)


class WhoBenefitsMap(CourseWidget):
    """A labelled condition picker → the condition's evidence (status, summary, caveats), then its chart or a notice."""

    def __init__(self, initial: str | None = None, show_chart: bool = True):
        self.show_chart = show_chart
        self.picker = control(
            widgets.Dropdown,
            options=[(c.name, c.id) for c in conditions()], value=condition(initial or conditions()[0].id).id,
            description="Condition", style=WIDE_LABEL,
        )
        self.details = control(widgets.HTML)
        self.chart = control(widgets.HTML)
        self.picker.observe(self._update, names="value")
        self._update()
        super().__init__([self.picker, self.details, self.chart])

    def _update(self, _change=None) -> None:
        item = condition(self.picker.value)
        self.details.value = condition_html(item, with_table=not self.show_chart)
        if self.show_chart or not item.charted:
            self.chart.value = chart_html(item)
        else:
            self.chart.value = ""


class GainsAfterTherapy(CourseWidget):
    """The follow-up claim beside its evidence: an overview, then a labelled picker for each reading's details."""

    def __init__(self, show_chart: bool = True):
        self.show_chart = show_chart
        self.overview = control(widgets.HTML, value=follow_up_overview_html())
        self.picker = control(
            widgets.Dropdown, options=[(f.label, f.id) for f in follow_up_evidence()], description="Look closer at",
            style=WIDE_LABEL,
        )
        self.details = control(widgets.HTML)
        self.chart = control(widgets.HTML)
        self.picker.observe(self._update, names="value")
        self._update()
        super().__init__([self.overview, self.picker, self.details, self.chart])

    def _update(self, _change=None) -> None:
        item = next(f for f in follow_up_evidence() if f.id == self.picker.value)
        self.details.value = follow_up_html(item, with_table=not self.show_chart)
        self.chart.value = chart_html(item) if self.show_chart else ""


def who_benefits_map(initial: str | None = None, show_chart: bool = True) -> WhoBenefitsMap:
    """Show the who-benefits map, opened at condition ``initial`` (an id such as "anxiety") or at the first one."""
    return WhoBenefitsMap(initial, show_chart)


def gains_after_therapy(show_chart: bool = True) -> GainsAfterTherapy:
    """Show the gains-after-therapy view."""
    return GainsAfterTherapy(show_chart)
