"""Short, invented therapist–client exchanges, each labelled with the feature or CBT activity it shows best.

Data: content/vignettes.toml. Labels are checked against the ids in features.toml, so a typo in a label is caught
when the file is loaded, with the file, the entry and the field named.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course_lib.content.features import FEATURES_FILE, load_cbt_activities, load_features
from course_lib.content.schema import DATA_DIR, ContentError, load_entries

VIGNETTES_FILE = DATA_DIR / "vignettes.toml"
STANCES = ("directive", "non-directive")


@dataclass(frozen=True)
class Vignette:
    """One exchange: what the client says, what the therapist replies, and why that reply shows its label."""

    id: str
    label: str
    stance: str
    client: str
    therapist: str
    explanation: str

    def validate(self) -> None:
        if self.stance not in STANCES:
            raise ValueError(f"field 'stance': {self.stance!r} is not one of {', '.join(STANCES)}")


def check_labels(path: Path | str, items, known: set[str], attr: str = "label", table: str = "vignette") -> None:
    """Raise ContentError naming the first entry whose label is not a known feature or CBT activity id."""
    for number, item in enumerate(items, start=1):
        value = getattr(item, attr)
        if value not in known:
            entry = f"[[{table}]] entry {number} (id = {item.id!r})"
            raise ContentError(path, f"unknown label {value!r}; known: {', '.join(sorted(known))}", entry, attr)


def known_labels(features_path: Path | str = FEATURES_FILE) -> set[str]:
    """Every valid label: the seven feature ids and the six CBT activity ids."""
    items = (*load_features(features_path, check_refs=False), *load_cbt_activities(features_path, check_refs=False))
    return {item.id for item in items}


def load_vignettes(
    path: Path | str = VIGNETTES_FILE, *, features_path: Path | str = FEATURES_FILE
) -> tuple[Vignette, ...]:
    """All vignettes in file order; raises ContentError on a schema problem or an unknown label."""
    vignettes = load_entries(path, "vignette", Vignette)
    check_labels(path, vignettes, known_labels(features_path))
    return vignettes


@cache
def vignettes() -> tuple[Vignette, ...]:
    """The course's vignettes (cached: the file is read once per session)."""
    return load_vignettes()


def vignettes_for(label: str, items: tuple[Vignette, ...] | None = None) -> tuple[Vignette, ...]:
    """The vignettes that carry ``label``, in file order."""
    return tuple(v for v in (vignettes() if items is None else items) if v.label == label)
