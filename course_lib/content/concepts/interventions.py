"""Therapist interventions on the expressive–supportive continuum, and sentences that show them (lesson 01b).

Data: content/interventions.toml: ``[[intervention]]`` entries with their position (1 = the most expressive end) and
``[[sentence]]`` entries, each labelled with the intervention it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course_lib.content.schema import DATA_DIR, ContentError, load_entries

INTERVENTIONS_FILE = DATA_DIR / "interventions.toml"


@dataclass(frozen=True)
class Intervention:
    id: str
    name: str
    position: int
    definition: str


@dataclass(frozen=True)
class TherapistSentence:
    id: str
    intervention: str
    client: str
    therapist: str
    explanation: str


@dataclass(frozen=True)
class Continuum:
    """The interventions from the expressive to the supportive end, and the sentences to place on it."""

    interventions: tuple[Intervention, ...]
    sentences: tuple[TherapistSentence, ...]

    def intervention(self, intervention_id: str) -> Intervention:
        return next(item for item in self.interventions if item.id == intervention_id)


def load_continuum(path: Path | str = INTERVENTIONS_FILE) -> Continuum:
    """Read and check the continuum: positions 1..n with no gaps, every sentence's label known."""
    path = Path(path)
    interventions = tuple(sorted(load_entries(path, "intervention", Intervention), key=lambda item: item.position))
    positions = [item.position for item in interventions]
    if positions != list(range(1, len(interventions) + 1)):
        raise ContentError(path, f"positions must run 1, 2, 3 … without gaps or repeats, got {positions}",
                           "[[intervention]]", "position")
    sentences = load_entries(path, "sentence", TherapistSentence)
    known = {item.id for item in interventions}
    for number, item in enumerate(sentences, start=1):
        if item.intervention not in known:
            raise ContentError(path, f"unknown intervention {item.intervention!r}; known: {', '.join(sorted(known))}",
                               f"[[sentence]] entry {number} (id = {item.id!r})", "intervention")
    return Continuum(interventions, sentences)


@cache
def continuum() -> Continuum:
    """The course's continuum (read once per session)."""
    return load_continuum()
