"""Evidence in both directions (data: content/head_to_head.toml): head-to-head trials and which way each came out.

Each finding names its condition, what was compared, a direction from a fixed vocabulary, the result and its caveat
in the course's words, and optionally the manualised therapy it tested and the effect-size rows behind it. Row ids,
reference keys and therapy ids are checked on load, so a typo fails with the file, entry and field named.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course_lib.content.conditions import _known_effect_size_ids, check_effect_size_ids, check_rows_are_cited
from course_lib.content.schema import DATA_DIR, check_references, load_entries

HEAD_TO_HEAD_FILE = DATA_DIR / "head_to_head.toml"

# Which way a comparison came out, in words a student reads; the order is the order the lesson shows them in.
DIRECTIONS: dict[str, str] = {
    "favours_other": "The other treatment came out ahead",
    "favours_psychodynamic": "The psychodynamic therapy came out ahead",
    "no_clear_difference": "No significant difference (not the same as shown equivalence)",
    "equivalent": "Equivalence tested against a margin set in advance, and shown",
}


@dataclass(frozen=True)
class Finding:
    id: str
    condition: str
    kind: str
    comparison: str
    direction: str
    result: str
    caveat: str
    references: tuple[str, ...]
    therapy: str | None = None
    effect_size_ids: tuple[str, ...] = ()

    def validate(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ValueError(f"field 'direction': {self.direction!r} is not one of {', '.join(DIRECTIONS)}")
        if not self.references:
            raise ValueError("field 'references': cite at least one source")

    @property
    def direction_label(self) -> str:
        return DIRECTIONS[self.direction]


def load_findings(path: Path | str = HEAD_TO_HEAD_FILE, *, check: bool = True) -> tuple[Finding, ...]:
    """All findings in file order; row ids and reference keys checked against the evidence library."""
    items = load_entries(path, "finding", Finding)
    if check:
        check_effect_size_ids(path, items, _known_effect_size_ids())
        check_references(path, items)
        check_rows_are_cited(path, items)
    return items


@cache
def findings() -> tuple[Finding, ...]:
    """The course's head-to-head findings (cached: read once per session)."""
    return load_findings()


def finding(finding_id: str) -> Finding:
    """One finding by id; a KeyError lists the known ids."""
    for item in findings():
        if item.id == finding_id:
            return item
    raise KeyError(f"no finding {finding_id!r}; known: {', '.join(f.id for f in findings())}")


def by_direction(direction: str) -> tuple[Finding, ...]:
    """The findings that came out one way, in file order."""
    if direction not in DIRECTIONS:
        raise KeyError(f"no direction {direction!r}; known: {', '.join(DIRECTIONS)}")
    return tuple(f for f in findings() if f.direction == direction)
