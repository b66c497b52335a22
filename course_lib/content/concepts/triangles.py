"""Vignettes for Malan's triangle of conflict and triangle of person (lesson 01b).

Data: content/triangles.toml, one ``[[vignette]]`` per invented person: the right text for each of the six corners,
plausible wrong options (decoys) for each triangle, and one sentence per corner saying why.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course_lib.content.schema import DATA_DIR, load_entries

TRIANGLES_FILE = DATA_DIR / "triangles.toml"
# The corners, in the order they are taught: (corner id, label shown to the student).
CONFLICT_CORNERS = (("feeling", "Feeling or impulse"), ("anxiety", "Anxiety"), ("defence", "Defence"))
PERSON_CORNERS = (("current", "Current others"), ("therapist", "The therapist"), ("past", "Past figures"))
CORNERS = CONFLICT_CORNERS + PERSON_CORNERS


@dataclass(frozen=True)
class TriangleVignette:
    id: str
    title: str
    story: str
    feeling: str
    anxiety: str
    defence: str
    current: str
    therapist: str
    past: str
    conflict_decoys: tuple[str, ...]
    person_decoys: tuple[str, ...]
    why: dict[str, str]

    def validate(self) -> None:
        names = {corner for corner, _ in CORNERS}
        if set(self.why) != names:
            raise ValueError(f"field 'why': give one sentence for each corner: {', '.join(sorted(names))}")
        right = [getattr(self, corner) for corner in names]
        if len(set(right)) != len(right) or set(right) & set(self.conflict_decoys + self.person_decoys):
            raise ValueError("field 'conflict_decoys': every option must be different from the others")

    def answer(self, corner: str) -> str:
        """The right text for one corner."""
        return getattr(self, corner)

    def options(self, corner: str) -> tuple[str, ...]:
        """What a corner's drop-down offers: the three right texts of its triangle plus that triangle's decoys,
        sorted so the right one's position gives nothing away."""
        conflict = corner in dict(CONFLICT_CORNERS)
        own = CONFLICT_CORNERS if conflict else PERSON_CORNERS
        decoys = self.conflict_decoys if conflict else self.person_decoys
        return tuple(sorted([self.answer(name) for name, _ in own] + list(decoys)))


def load_triangles(path: Path | str = TRIANGLES_FILE) -> tuple[TriangleVignette, ...]:
    """All vignettes in file order; raises ContentError naming file, entry and field on any problem."""
    return load_entries(path, "vignette", TriangleVignette)


@cache
def triangle_vignettes() -> tuple[TriangleVignette, ...]:
    """The course's triangle vignettes (read once per session)."""
    return load_triangles()
