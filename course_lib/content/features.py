"""The seven distinctive features of psychodynamic-interpersonal therapy and the six CBT-distinctive activities.

Data: content/features.toml (``[[feature]]`` from blagys2000, ``[[cbt_activity]]`` from blagys2002).
Both lists are taught as contrasts of degree, not kind (tryon2011), so they share one file and one vocabulary of
labels that vignettes and the session walk-through use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course_lib.content.schema import DATA_DIR, ContentError, check_references, load_entries

FEATURES_FILE = DATA_DIR / "features.toml"


@dataclass(frozen=True)
class Feature:
    """One of the seven features: what it is, its clinical name if it has one, and how it is thought to help."""

    id: str
    number: int
    name: str
    summary: str
    description: str
    mechanism: str
    references: tuple[str, ...]
    clinical_term: str | None = None

    kind = "feature"  # a class attribute, not a field: lets views treat features and CBT activities alike

    def validate(self) -> None:
        if not self.references:
            raise ValueError("field 'references': cite at least one reference key")


@dataclass(frozen=True)
class CbtActivity:
    """One of the six activities that set cognitive-behavioural sessions apart (blagys2002)."""

    id: str
    name: str
    summary: str
    references: tuple[str, ...]

    kind = "cbt"

    def validate(self) -> None:
        if not self.references:
            raise ValueError("field 'references': cite at least one reference key")




def load_features(path: Path | str = FEATURES_FILE, *, check_refs: bool = True) -> tuple[Feature, ...]:
    """The features in the review's order; numbers must run 1, 2, 3 … in file order (ContentError otherwise)."""
    features = load_entries(path, "feature", Feature)
    for expected, item in enumerate(features, start=1):
        if item.number != expected:
            entry = f"[[feature]] entry {expected} (id = {item.id!r})"
            raise ContentError(path, f"expected number {expected}: features are listed in order", entry, "number")
    if check_refs:
        check_references(path, features)
    return features


def load_cbt_activities(path: Path | str = FEATURES_FILE, *, check_refs: bool = True) -> tuple[CbtActivity, ...]:
    """The six CBT-distinctive activities, in file order; their ids must not clash with a feature id."""
    activities = load_entries(path, "cbt_activity", CbtActivity)
    feature_ids = {item.id for item in load_entries(path, "feature", Feature)}
    for number, item in enumerate(activities, start=1):
        if item.id in feature_ids:
            entry = f"[[cbt_activity]] entry {number} (id = {item.id!r})"
            raise ContentError(path, "this id is already a feature id: labels must be unambiguous", entry, "id")
    if check_refs:
        check_references(path, activities)
    return activities


@cache
def features() -> tuple[Feature, ...]:
    """The course's seven features (cached: the file is read once per session)."""
    return load_features()


@cache
def cbt_activities() -> tuple[CbtActivity, ...]:
    """The course's six CBT-distinctive activities (cached)."""
    return load_cbt_activities()


def labels() -> dict[str, Feature | CbtActivity]:
    """Every label a vignette or response may carry (feature ids, then CBT activity ids) mapped to its item."""
    return {item.id: item for item in (*features(), *cbt_activities())}


def label_name(label: str) -> str:
    """A readable name for a label: "Feature 2 · Exploration of …" or "CBT · Teaching coping skills"."""
    item = labels()[label]
    if isinstance(item, Feature):
        return f"Feature {item.number} · {item.name}"
    return f"CBT · {item.name}"
