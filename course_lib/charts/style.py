"""Shared look and labelling: the Okabe–Ito palette, one colour AND one marker per design, figure set-up,
row labels that carry the data's warnings, and the data-table columns for records."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from matplotlib.colors import to_hex, to_rgb

from course_lib.evidence import DESIGNS, EffectSize

# Okabe & Ito's colour-blind-safe palette (yellow is kept out of data marks: too faint on white).
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

# Design → (colour, marker, hatch for bars). Shape and pattern repeat what colour says, so no one needs colour.
DESIGN_STYLES: dict[str, tuple[str, str, str]] = {
    "within_group_pre_post": (OKABE_ITO["orange"], "o", ".."),
    "between_group_vs_control": (OKABE_ITO["blue"], "s", ""),
    "between_group_vs_active": (OKABE_ITO["bluish_green"], "^", "\\\\"),
    "between_group_vs_placebo": (OKABE_ITO["reddish_purple"], "D", "--"),
    "post_to_follow_up_change": (OKABE_ITO["sky_blue"], "v", "oo"),
    "unspecified": (OKABE_ITO["black"], "X", "xx"),
}
assert set(DESIGN_STYLES) == set(DESIGNS), "every design code needs a style"

DESIGN_ORDER: tuple[str, ...] = (
    "unspecified",
    "within_group_pre_post",
    "post_to_follow_up_change",
    "between_group_vs_control",
    "between_group_vs_placebo",
    "between_group_vs_active",
)
PALE_STRENGTH = 0.35  # how much of a palette colour a pale bar fill keeps
WARNING_COLOUR = OKABE_ITO["vermillion"]  # only for the "disputed" and caveat marks
# Words drawn in a chart need 4.5:1 on white (WCAG 1.4.3); vermillion reaches 3.87:1, this darker one 6.3:1.
# Palette colours are for marks; text is black, or this for warnings.
WARNING_TEXT_COLOUR = "#A63F00"
DPI = 100

RECORD_COLUMNS: tuple[str, ...] = (
    "Figure id", "Study", "Design", "Treatment", "Outcome", "When", "Effect size", "95% CI", "Metric", "Caution",
)


def pale(colour: str) -> str:
    """``colour`` mixed with white, for bar fills. Opaque rather than transparent: in SVG a transparent fill
    also fades its hatching, and the hatching repeats the design for people who cannot tell the colours apart."""
    red, green, blue = (1 - PALE_STRENGTH + PALE_STRENGTH * c for c in to_rgb(colour))
    return to_hex((red, green, blue))


_DROPOUT = re.compile(r"Dropout (\S+) \(([^)]*)\) v\. (\S+) \(([^)]*)\)")  # "Dropout 38.5% (TFP) v. 67.3% (…)"


def caution(record: EffectSize) -> str:
    """The warnings a reader must see next to this figure, or "": whom a negative value favours, a dispute, an
    untraced headline figure, and uneven dropout between the arms (it travels with every doering2010 figure)."""
    parts = [record.direction] if record.direction else []
    if record.disputed:
        parts.append("DISPUTED: the method inflates between-group effects (thombs2011, bhar2010)")
    if record.untraced_headline:
        parts.append("against weak controls; matches none of the review's reported values: trace it before "
                     "comparing, and never set it against a drug-vs-placebo or therapy-vs-therapy figure")
    dropout = _DROPOUT.search(record.note)
    if dropout:
        ours, arm, theirs, other = dropout.groups()
        parts.append(f"uneven dropout, {ours} with {arm} against {theirs} with {other}: the groups left to "
                     "compare may no longer be alike")
    return "; ".join(parts)


_NON_STANDARDISED = ("phi", "risk difference")


def is_standardised(record: EffectSize) -> bool:
    """False for figures on another scale than a standardised difference (phi, risk difference)."""
    return not record.metric.lower().startswith(_NON_STANDARDISED)


def _metric_tag(record: EffectSize) -> str:
    """Name the metric in the label when it is not a standardised mean difference."""
    metric = record.metric.lower()
    return next((f" ({name})" for name in _NON_STANDARDISED if metric.startswith(name)), "")


def _flag(record: EffectSize) -> str:
    if record.disputed:
        return " [DISPUTED]"
    if record.untraced_headline:
        return " [vs weak controls; not traced]"
    return ""


def record_labels(records: Sequence[EffectSize]) -> list[str]:
    """Short row labels ("study · outcome · when"); the treatment is added where labels would otherwise clash,
    and every disputed or type-unknown figure carries that warning in its label."""
    def base(r: EffectSize) -> str:
        return f"{r.study_key} · {r.outcome} · {r.timepoint_label.lower()}"

    clashes = Counter(base(r) for r in records)
    labels = []
    for r in records:
        text = base(r)
        if clashes[text] > 1:
            text = f"{r.study_key} · {r.treatment.split(' (')[0]} · {r.outcome} · {r.timepoint_label.lower()}"
        labels.append(text + _metric_tag(r) + _flag(r))
    return labels


def interval(record: EffectSize) -> str:
    """The confidence interval in words, or "" when the source gives none."""
    if record.ci_low is None or record.ci_high is None:
        return ""
    return f"{record.ci_low:g} to {record.ci_high:g}"


def record_rows(records: Iterable[EffectSize]) -> tuple[tuple, ...]:
    """One data-table row per record, matching RECORD_COLUMNS."""
    return tuple(
        (r.id, r.study_key, r.design_label, r.treatment, r.outcome, r.timepoint_label, r.effect_size,
         interval(r), r.metric_label, caution(r))
        for r in records
    )


def record_citations(records: Iterable[EffectSize], *extra: str) -> tuple[str, ...]:
    """Reference keys for the records (in order of first appearance), the critiques behind any disputed figure,
    then ``extra``; no duplicates."""
    keys: list[str] = []
    for r in records:
        keys.append(r.study_key)
        if r.disputed:
            keys += ["thombs2011", "bhar2010", "leichsenring2011"]
    keys += extra
    return tuple(dict.fromkeys(keys))


def number(value: float) -> str:
    """A figure as written in prose: two decimals at most, a true minus sign."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace("-", "−") if value != 0 else "0"
