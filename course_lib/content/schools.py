"""The schools of psychodynamic therapy (data: content/schools.toml), loaded and validated.

The list is the one the source article names (course-facts.md §1). Each school carries the founding figures usually
credited, a broad era, a few key ideas, how it relates to psychoanalysis, and a classification from a small
controlled vocabulary, so that Gestalt therapy's usual place outside the psychodynamic family can be shown honestly.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course_lib.content.schema import DATA_DIR, ContentError, check_references, load_entries

SCHOOLS_FILE = DATA_DIR / "schools.toml"

# The classification vocabulary, each with the explanation a student sees next to it.
CLASSIFICATIONS: dict[str, str] = {
    "classical psychoanalysis": "psychoanalysis as Freud founded it: the root of the family",
    "psychodynamic": "a school within the psychodynamic family that grew from psychoanalysis",
    "integrative": "combines analytic ideas with those of another tradition",
    "humanistic-experiential": "usually classed outside the psychodynamic family, though it may share its roots",
}


@dataclass(frozen=True)
class School:
    id: str
    name: str
    founders: tuple[str, ...]
    era: str
    key_ideas: tuple[str, ...]
    relation_to_psychoanalysis: str
    classification: str
    references: tuple[str, ...]
    classification_note: str | None = None

    def validate(self) -> None:
        """Reject entries a reader would be misled by: no founders or ideas, or an unknown classification."""
        if not self.founders:
            raise ValueError("field 'founders': name at least one founding figure")
        if not self.key_ideas:
            raise ValueError("field 'key_ideas': give at least one key idea")
        if self.classification not in CLASSIFICATIONS:
            known = ", ".join(repr(c) for c in CLASSIFICATIONS)
            raise ValueError(f"field 'classification': {self.classification!r} is not one of {known}")
        # A school classed outside the psychodynamic family is in this course only because of its roots: say why.
        if self.classification == "humanistic-experiential" and not self.classification_note:
            raise ValueError("field 'classification_note': explain why a humanistic-experiential school is listed")

    @property
    def founders_text(self) -> str:
        """The founders as one readable phrase ("Fritz Perls and Laura Perls")."""
        if len(self.founders) == 1:
            return self.founders[0]
        return ", ".join(self.founders[:-1]) + " and " + self.founders[-1]

    @property
    def classification_explained(self) -> str:
        return f"{self.classification}: {CLASSIFICATIONS[self.classification]}"




def load_schools(path: Path | str = SCHOOLS_FILE, *, check_refs: bool = True) -> tuple[School, ...]:
    """All schools in the file's order; raises ContentError naming file, entry and field on any bad entry."""
    schools = load_entries(path, "school", School)
    if check_refs:
        check_references(path, schools)
    return schools


@cache
def schools() -> tuple[School, ...]:
    """The course's schools (cached: the file is read once per session)."""
    return load_schools()


def school(school_id: str) -> School:
    """One school by id."""
    for item in schools():
        if item.id == school_id:
            return item
    raise KeyError(f"no school {school_id!r}; known: {', '.join(s.id for s in schools())}")


__all__ = ["CLASSIFICATIONS", "ContentError", "School", "load_schools", "school", "schools"]
