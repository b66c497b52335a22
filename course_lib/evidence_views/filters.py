"""Choose effect-size records by condition, design, timepoint and treatment (logic for the evidence explorer)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from course_lib.evidence import DESIGNS, TIMEPOINTS, EffectSize, load_effect_sizes, select

__all__ = ["ANY", "EMPTY_MESSAGE", "FILTER_FIELDS", "filter_options", "filter_records", "selection_notes"]

ANY = "any"
FILTER_FIELDS = ("condition", "design", "timepoint", "treatment")
EMPTY_MESSAGE = (
    "No figure in the explorer matches every filter you chose. "
    "Set one or more filters back to “any” to see figures again."
)
# Design and timepoint are stored as codes; the explorer shows their labels.
_LABELS = {"design": DESIGNS, "timepoint": TIMEPOINTS}


def _normalise(value: str | Collection[str] | None) -> str | Collection[str] | None:
    """ANY, None and an empty collection all mean "no filter"; anything else passes through to select()."""
    if value is None or value == ANY:
        return None
    if not isinstance(value, str):
        value = tuple(v for v in value if v != ANY)
        return value or None
    return value


def filter_records(
    records: Iterable[EffectSize] | None = None,
    *,
    condition: str | Collection[str] | None = ANY,
    design: str | Collection[str] | None = ANY,
    timepoint: str | Collection[str] | None = ANY,
    treatment: str | Collection[str] | None = ANY,
) -> tuple[EffectSize, ...]:
    """Records (default: all the course's figures) matching every filter; "any", None or () leaves a filter off.

    Each filter is one value or a collection of allowed values; design and timepoint take codes (see DESIGNS and
    TIMEPOINTS). An empty result is a normal answer, not an error.
    """
    return select(
        records,
        condition=_normalise(condition),
        design=_normalise(design),
        timepoint=_normalise(timepoint),
        treatment=_normalise(treatment),
    )


def filter_options(records: Iterable[EffectSize] | None = None) -> dict[str, list[tuple[str, str]]]:
    """For each filter, ("label", value) pairs: "any" first, then every value present in the records, sorted."""
    pool = load_effect_sizes() if records is None else tuple(records)
    options = {}
    for field in FILTER_FIELDS:
        labels = _LABELS.get(field, {})
        values = sorted({getattr(r, field) for r in pool}, key=lambda v: labels.get(v, v).lower())
        options[field] = [("any", ANY)] + [(labels.get(v, v), v) for v in values]
    return options


def selection_notes(records: Iterable[EffectSize]) -> list[str]:
    """Warnings a reader needs before looking at a selection: nothing found, disputed rows, mixed designs."""
    records = tuple(records)
    if not records:
        return [EMPTY_MESSAGE]
    notes = []
    disputed = [r.id for r in records if r.disputed]
    if disputed:
        notes.append(
            f"DISPUTED figure(s) in this selection: {', '.join(disputed)}. "
            "Critics showed the method behind it inflates between-group effects (see the lesson)."
        )
    designs = {r.design for r in records}
    if len(designs) > 1:
        notes.append(
            "This selection mixes designs (" + "; ".join(sorted(DESIGNS[d] for d in designs)) + "). "
            "Compare figures only within one design: a within-group change is not a difference between groups."
        )
    return notes
