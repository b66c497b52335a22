"""Load the packaged effect sizes once, look one up by id, and filter them."""

from __future__ import annotations

import csv
import difflib
from collections.abc import Collection, Iterable
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from course_lib.evidence.records import DESIGNS, TIMEPOINTS, EffectSize
from course_lib.evidence.references import load_references
from course_lib.evidence.validation import parse_effect_sizes


def _packaged_path() -> Path:
    return Path(str(files("course_lib.evidence") / "data" / "effect_sizes.csv"))


def _read(path: Path) -> tuple[EffectSize, ...]:
    # utf-8-sig: a spreadsheet may save the file with a byte-order mark.
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return parse_effect_sizes(path, csv.reader(handle), load_references())


@lru_cache(maxsize=1)
def _packaged() -> tuple[EffectSize, ...]:
    return _read(_packaged_path())


def load_effect_sizes(path: Path | str | None = None) -> tuple[EffectSize, ...]:
    """Every verified effect size, in file order: the packaged CSV (read once, then cached) unless ``path`` is given.

    A malformed file raises EvidenceDataError naming the file, the row and the field.
    """
    return _packaged() if path is None else _read(Path(path))


def effect_size(id: str) -> EffectSize:
    """The packaged record with this id; KeyError naming the id and close matches if there is none."""
    by_id = {record.id: record for record in _packaged()}
    if id in by_id:
        return by_id[id]
    close = difflib.get_close_matches(str(id), by_id, n=3, cutoff=0.5)
    hint = f"; close matches: {', '.join(close)}" if close else ""
    raise KeyError(f"no effect size with id {id!r}{hint}")


def _allowed(value: str | Collection[str] | None, name: str, known: Iterable[str] | None = None) -> set[str] | None:
    """Normalise one filter to a set of allowed values (None = any); refuse codes that cannot match."""
    if value is None:
        return None
    allowed = {value} if isinstance(value, str) else set(value)
    if known is not None and not allowed <= set(known):
        raise ValueError(f"unknown {name} {sorted(allowed - set(known))}; expected codes from {sorted(known)}")
    return allowed


def select(
    records: Iterable[EffectSize] | None = None,
    *,
    condition: str | Collection[str] | None = None,
    design: str | Collection[str] | None = None,
    timepoint: str | Collection[str] | None = None,
    treatment: str | Collection[str] | None = None,
    study_key: str | Collection[str] | None = None,
) -> tuple[EffectSize, ...]:
    """The records (default: all packaged ones) matching every filter given, in their original order.

    Each filter is one exact value or a collection of allowed values; None means any. Design and timepoint take
    the codes of DESIGNS and TIMEPOINTS, and an unknown code raises ValueError rather than silently matching nothing.
    """
    filters = {
        "condition": _allowed(condition, "condition"),
        "design": _allowed(design, "design", DESIGNS),
        "timepoint": _allowed(timepoint, "timepoint", TIMEPOINTS),
        "treatment": _allowed(treatment, "treatment"),
        "study_key": _allowed(study_key, "study_key"),
    }
    active = {name: allowed for name, allowed in filters.items() if allowed is not None}
    pool = _packaged() if records is None else tuple(records)
    return tuple(r for r in pool if all(getattr(r, name) in allowed for name, allowed in active.items()))
