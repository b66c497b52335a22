"""The modern, manualised psychodynamic therapies (data: content/therapies.toml), with IPT and CAT set apart.

Each therapy names what it targets, its core idea, its manual (a reference key), the head-to-head findings that
tested it (ids in head_to_head.toml) and the effect-size rows from them. A therapy that is not psychodynamic must say
why it is set apart. Every cross-reference is checked on load: a typo fails with the file, entry and field named.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course_lib.content.conditions import _known_effect_size_ids, check_effect_size_ids
from course_lib.content.head_to_head import HEAD_TO_HEAD_FILE, findings
from course_lib.content.schema import DATA_DIR, ContentError, is_reference_key, load_entries

THERAPIES_FILE = DATA_DIR / "therapies.toml"


@dataclass(frozen=True)
class Therapy:
    id: str
    name: str
    abbreviation: str
    targets: str
    core_idea: str
    trials: tuple[str, ...]
    psychodynamic: bool
    manual: str | None = None
    effect_size_ids: tuple[str, ...] = ()
    set_apart_because: str | None = None

    def validate(self) -> None:
        if not self.psychodynamic and self.set_apart_because is None:
            raise ValueError("field 'set_apart_because': a therapy that is not psychodynamic must say why")
        if self.psychodynamic and self.set_apart_because is not None:
            raise ValueError("field 'set_apart_because': only a therapy set apart (psychodynamic = false) has one")

    @property
    def label(self) -> str:
        """Name and abbreviation, e.g. "Mentalization-based treatment (MBT)"."""
        return f"{self.name} ({self.abbreviation})"

    @property
    def references(self) -> tuple[str, ...]:
        """The manual, then the studies behind the trials that tested it."""
        keys = [self.manual] if self.manual else []
        for trial in self.trials:
            keys += _finding_references()[trial]
        return tuple(dict.fromkeys(keys))


@cache
def _finding_references() -> dict[str, tuple[str, ...]]:
    return {f.id: f.references for f in findings()}


def load_therapies(path: Path | str = THERAPIES_FILE, *, check: bool = True) -> tuple[Therapy, ...]:
    """All therapies in file order; manuals, trials and rows checked against the library and head_to_head.toml."""
    items = load_entries(path, "therapy", Therapy)
    if check:
        check_effect_size_ids(path, items, _known_effect_size_ids())
        known_trials = set(_finding_references())
        for item in items:
            if item.manual is not None and not is_reference_key(item.manual):
                raise ContentError(path, f"unknown reference key {item.manual!r}", f"entry {item.id!r}", "manual")
            for trial in item.trials:
                if trial not in known_trials:
                    raise ContentError(path, f"unknown finding {trial!r} (not in head_to_head.toml)",
                                       f"entry {item.id!r}", "trials")
        _check_findings_name_known_therapies(items)
    return items


def _check_findings_name_known_therapies(items: tuple[Therapy, ...]) -> None:
    """A finding that names the therapy it tested must name one listed here, which lists it among its trials."""
    by_id = {t.id: t for t in items}
    for item in findings():
        if item.therapy is None:
            continue
        if item.therapy not in by_id or item.id not in by_id[item.therapy].trials:
            raise ContentError(HEAD_TO_HEAD_FILE, f"therapy {item.therapy!r} does not list this finding in its "
                               "trials (therapies.toml)", f"entry {item.id!r}", "therapy")


@cache
def therapies() -> tuple[Therapy, ...]:
    """The course's therapies (cached: read once per session)."""
    return load_therapies()


def therapy(therapy_id: str) -> Therapy:
    """One therapy by id; a KeyError lists the known ids."""
    for item in therapies():
        if item.id == therapy_id:
            return item
    raise KeyError(f"no therapy {therapy_id!r}; known: {', '.join(t.id for t in therapies())}")
