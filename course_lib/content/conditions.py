"""Who might benefit (data: content/conditions.toml): conditions with their evidence status, and the follow-up claim.

Each condition links to rows of the evidence library's effect_sizes.csv by id. Those ids are checked against
``course_lib.evidence.load_effect_sizes()`` on load, so a typo or a removed row fails loudly instead of silently
dropping a figure from a chart. A condition whose trials give no chartable effect size describes them in words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course_lib.content.schema import DATA_DIR, ContentError, check_references, load_entries

CONDITIONS_FILE = DATA_DIR / "conditions.toml"

# The evidence-status vocabulary: what the course can show for a condition, in words a student sees.
EVIDENCE_STATUSES: dict[str, str] = {
    "meta-analysis": "meta-analytic figures for this condition are charted in this course",
    "mixed-sample": "figures are charted, but only as an outcome measured in reviews of mixed diagnoses",
    "cited-only": "cited by shedler2010; the trials are described in words, with no effect size to chart",
}

# How a follow-up entry bears on the claim that gains keep growing after therapy ends.
READINGS: dict[str, str] = {
    "claim": "the claim",
    "supports": "supports the claim",
    "qualifies": "qualifies the claim",
}


@dataclass(frozen=True)
class Condition:
    id: str
    name: str
    evidence_status: str
    summary: str
    effect_size_ids: tuple[str, ...]
    references: tuple[str, ...]
    in_shedler_list: bool = True
    caveats: tuple[str, ...] = ()

    def validate(self) -> None:
        """A status must match the figures: charted statuses need rows, "cited-only" must have none."""
        if self.evidence_status not in EVIDENCE_STATUSES:
            known = ", ".join(repr(s) for s in EVIDENCE_STATUSES)
            raise ValueError(f"field 'evidence_status': {self.evidence_status!r} is not one of {known}")
        if self.evidence_status == "cited-only" and self.effect_size_ids:
            raise ValueError("field 'effect_size_ids': a 'cited-only' condition lists no figures")
        if self.evidence_status != "cited-only" and not self.effect_size_ids:
            raise ValueError(f"field 'effect_size_ids': status {self.evidence_status!r} needs at least one row id")
        if not self.references:
            raise ValueError("field 'references': cite at least one source")

    @property
    def charted(self) -> bool:
        return bool(self.effect_size_ids)

    @property
    def status_explained(self) -> str:
        return EVIDENCE_STATUSES[self.evidence_status]


@dataclass(frozen=True)
class FollowUpEvidence:
    id: str
    label: str
    reading: str
    summary: str
    effect_size_ids: tuple[str, ...]
    references: tuple[str, ...]

    def validate(self) -> None:
        if self.reading not in READINGS:
            known = ", ".join(repr(r) for r in READINGS)
            raise ValueError(f"field 'reading': {self.reading!r} is not one of {known}")
        if not self.effect_size_ids:
            raise ValueError("field 'effect_size_ids': give the rows behind this reading")




def _known_effect_size_ids() -> set[str]:
    from course_lib.evidence import load_effect_sizes

    return {row.id for row in load_effect_sizes()}


def check_effect_size_ids(path: Path | str, items: Iterable, known: set[str]) -> None:
    """Raise ContentError naming file, entry and field when an entry lists an id the evidence CSV does not hold."""
    for item in items:
        for row_id in item.effect_size_ids:
            if row_id not in known:
                raise ContentError(
                    path, f"unknown effect-size id {row_id!r} (not in effect_sizes.csv)", f"entry {item.id!r}",
                    "effect_size_ids",
                )


def check_rows_are_cited(path: Path | str, items: Iterable) -> None:
    """Raise ContentError when an entry charts a row whose study it does not cite (every figure keeps its source)."""
    from course_lib.evidence import effect_size

    for item in items:
        for row_id in item.effect_size_ids:
            key = effect_size(row_id).study_key
            if key not in item.references:
                raise ContentError(
                    path, f"row {row_id!r} comes from {key!r}, which the entry does not cite", f"entry {item.id!r}",
                    "references",
                )


def _load(path: Path | str, table: str, cls: type, check: bool, known_ids: Callable[[], set[str]]) -> tuple:
    items = load_entries(path, table, cls)
    if check:
        check_effect_size_ids(path, items, known_ids())
        check_references(path, items)
        check_rows_are_cited(path, items)
    return items


def load_conditions(
    path: Path | str = CONDITIONS_FILE,
    *,
    check: bool = True,
    known_ids: Callable[[], set[str]] = _known_effect_size_ids,
) -> tuple[Condition, ...]:
    """All conditions in the file's order; ids and reference keys are checked against the evidence library."""
    return _load(path, "condition", Condition, check, known_ids)


def load_follow_up_evidence(
    path: Path | str = CONDITIONS_FILE,
    *,
    check: bool = True,
    known_ids: Callable[[], set[str]] = _known_effect_size_ids,
) -> tuple[FollowUpEvidence, ...]:
    """The claim that gains keep growing after therapy ends, and the figures that support or qualify it."""
    return _load(path, "follow_up", FollowUpEvidence, check, known_ids)


@cache
def conditions() -> tuple[Condition, ...]:
    """The course's conditions (cached: read once per session)."""
    return load_conditions()


@cache
def follow_up_evidence() -> tuple[FollowUpEvidence, ...]:
    """The course's follow-up evidence (cached)."""
    return load_follow_up_evidence()


def condition(condition_id: str) -> Condition:
    """One condition by id."""
    for item in conditions():
        if item.id == condition_id:
            return item
    raise KeyError(f"no condition {condition_id!r}; known: {', '.join(c.id for c in conditions())}")


__all__ = [
    "EVIDENCE_STATUSES",
    "READINGS",
    "Condition",
    "ContentError",
    "FollowUpEvidence",
    "check_effect_size_ids",
    "condition",
    "conditions",
    "follow_up_evidence",
    "load_conditions",
    "load_follow_up_evidence",
]
