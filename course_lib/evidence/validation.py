"""Turn the rows of effect_sizes.csv into EffectSize records, checking every field.

The whole file is checked and every problem is reported in one EvidenceDataError (the first problem sets its
``row`` and ``field``), so whoever edits the data fixes everything in one pass.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import fields
from pathlib import Path

from course_lib.evidence.errors import EvidenceDataError
from course_lib.evidence.records import DESIGNS, IN_SHEDLER_2010, TIMEPOINTS, EffectSize
from course_lib.evidence.references import Reference

COLUMNS: tuple[str, ...] = tuple(field.name for field in fields(EffectSize))
_OPTIONAL_TEXT = {"note"}
_ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*")


class _RowProblem(Exception):
    """One bad field; caught per field so that the rest of the row is still checked."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def _text(raw: dict[str, str], name: str) -> str:
    value = raw[name]
    if not value.strip() and name not in _OPTIONAL_TEXT:
        raise _RowProblem(name, "is empty (required)")
    return value


def _choice(raw: dict[str, str], name: str, allowed: Iterable[str]) -> str:
    value = _text(raw, name)
    if value not in allowed:
        raise _RowProblem(name, f"unknown value {value!r}; expected one of {sorted(allowed)}")
    return value


def _float(raw: dict[str, str], name: str, *, optional: bool = False) -> float | None:
    text = raw[name].strip()
    if not text and optional:
        return None
    try:
        value = float(text)
    except ValueError:
        raise _RowProblem(name, f"{raw[name]!r} is not a number") from None
    if not math.isfinite(value):
        raise _RowProblem(name, f"{raw[name]!r} is not a finite number")
    return value


def _int(raw: dict[str, str], name: str, *, optional: bool = False, minimum: int = 1) -> int | None:
    text = raw[name].strip()
    if not text and optional:
        return None
    if not text.isdigit() or int(text) < minimum:
        raise _RowProblem(name, f"{raw[name]!r} is not a whole number of at least {minimum}")
    return int(text)


def _parse_row(raw: dict[str, str], references: Mapping[str, Reference], row: int, problems: list) -> EffectSize | None:
    """Parse one row, appending (row, field, message) for each bad field; None if any field was bad."""
    parsers = {
        "id": lambda: _text(raw, "id"),
        "study_key": lambda: _choice(raw, "study_key", references),
        "year": lambda: _int(raw, "year", minimum=1900),
        "design": lambda: _choice(raw, "design", DESIGNS),
        "timepoint": lambda: _choice(raw, "timepoint", TIMEPOINTS),
        "effect_size": lambda: _float(raw, "effect_size"),
        "ci_low": lambda: _float(raw, "ci_low", optional=True),
        "ci_high": lambda: _float(raw, "ci_high", optional=True),
        "n_studies": lambda: _int(raw, "n_studies", optional=True),
        "n_patients": lambda: _int(raw, "n_patients", optional=True),
        "in_shedler_2010": lambda: _choice(raw, "in_shedler_2010", IN_SHEDLER_2010),
    }
    values: dict[str, object] = {}
    before = len(problems)
    for name in COLUMNS:
        try:
            values[name] = parsers.get(name, lambda name=name: _text(raw, name))()
        except _RowProblem as problem:
            problems.append((row, problem.field, str(problem)))
    if len(problems) == before:
        problems.extend((row, field, message) for field, message in _cross_checks(values, references))
    return EffectSize(**values) if len(problems) == before else None


def _cross_checks(values: dict, references: Mapping[str, Reference]) -> list[tuple[str, str]]:
    """Checks that need more than one field: id shape, year against the reference, the interval."""
    found = []
    if not _ID_PATTERN.fullmatch(values["id"]):
        found.append(("id", f"{values['id']!r} must be lower-case letters, digits and underscores"))
    reference_year = references[values["study_key"]].year
    if values["year"] != reference_year:
        found.append(("year", f"{values['year']} differs from the year of {values['study_key']} ({reference_year})"))
    low, high, estimate = values["ci_low"], values["ci_high"], values["effect_size"]
    if (low is None) != (high is None):
        found.append(("ci_low" if low is None else "ci_high", "give both ends of the interval or neither"))
    elif low is not None and not low <= estimate <= high:
        found.append(("ci_low", f"interval {low} to {high} does not contain the effect size {estimate}"))
    return found


def parse_effect_sizes(
    path: Path, lines: Iterable[list[str]], references: Mapping[str, Reference]
) -> tuple[EffectSize, ...]:
    """Records from csv.reader output (header first); raise EvidenceDataError listing every problem."""
    problems: list[tuple[int | None, str, str]] = []
    rows = iter(lines)
    header = next(rows, [])
    missing = [name for name in COLUMNS if name not in header]
    extra = [name for name in header if name not in COLUMNS]
    if missing or extra:
        field = (missing or extra)[0]
        raise EvidenceDataError(path, [(1, field, f"header: missing columns {missing}, unexpected columns {extra}")])
    records: list[EffectSize] = []
    first_row_of: dict[str, int] = {}
    for row_number, cells in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line still counts as a spreadsheet row, so it is skipped after numbering
        if len(cells) != len(header):
            problems.append((row_number, "(row)", f"has {len(cells)} cells, the header has {len(header)}"))
            continue
        raw = dict(zip(header, cells, strict=True))
        row_id = raw["id"].strip()
        if row_id in first_row_of:
            first = first_row_of[row_id]
            problems.append((row_number, "id", f"duplicate id {row_id!r} (first used in row {first})"))
        elif row_id:
            first_row_of[row_id] = row_number
        record = _parse_row(raw, references, row_number, problems)
        if record is not None:
            records.append(record)
    if problems:
        raise EvidenceDataError(path, problems)
    return tuple(records)
