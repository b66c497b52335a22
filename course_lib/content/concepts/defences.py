"""Defence mechanisms on Vaillant's four levels, and everyday scenes that show them (lesson 01b).

Data: content/defences.toml, three flat tables: ``[[level]]`` (psychotic, immature, neurotic, mature, ranked from
less to more adaptive), ``[[defence]]`` (each on one level) and ``[[scene]]`` (each showing one defence). Loading
checks every link, so a typo in a level or defence id names the file, the entry and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course_lib.content.schema import DATA_DIR, ContentError, load_entries

DEFENCES_FILE = DATA_DIR / "defences.toml"
LEVEL_IDS = ("psychotic", "immature", "neurotic", "mature")  # Vaillant's order, from less to more adaptive


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    rank: int
    description: str


@dataclass(frozen=True)
class Defence:
    id: str
    name: str
    level: str
    definition: str


@dataclass(frozen=True)
class Scene:
    """A short invented everyday moment and the defence it shows."""

    id: str
    defence: str
    text: str
    explanation: str


@dataclass(frozen=True)
class DefenceCatalogue:
    """Levels in order from less to more adaptive, the defences on them, and the scenes."""

    levels: tuple[Level, ...]
    defences: tuple[Defence, ...]
    scenes: tuple[Scene, ...]

    def level(self, level_id: str) -> Level:
        return next(item for item in self.levels if item.id == level_id)

    def defence(self, defence_id: str) -> Defence:
        return next(item for item in self.defences if item.id == defence_id)

    def level_of(self, defence_id: str) -> Level:
        return self.level(self.defence(defence_id).level)

    def on_level(self, level_id: str) -> tuple[Defence, ...]:
        return tuple(item for item in self.defences if item.level == level_id)

    def shown_in_scenes(self) -> tuple[Defence, ...]:
        """The defences at least one scene shows, in catalogue order (the trainer's choices)."""
        used = {scene.defence for scene in self.scenes}
        return tuple(item for item in self.defences if item.id in used)


def _link(path: Path, items, attr: str, known: set[str], table: str) -> None:
    for number, item in enumerate(items, start=1):
        value = getattr(item, attr)
        if value not in known:
            entry = f"[[{table}]] entry {number} (id = {item.id!r})"
            raise ContentError(path, f"unknown {attr} {value!r}; known: {', '.join(sorted(known))}", entry, attr)


def load_defences(path: Path | str = DEFENCES_FILE) -> DefenceCatalogue:
    """Read and check the catalogue: the four levels ranked 1-4 in Vaillant's order, and every link resolving."""
    path = Path(path)
    levels = tuple(sorted(load_entries(path, "level", Level), key=lambda item: item.rank))
    if tuple(item.id for item in levels) != LEVEL_IDS or [item.rank for item in levels] != [1, 2, 3, 4]:
        raise ContentError(path, f"expected the four levels {', '.join(LEVEL_IDS)} ranked 1 to 4 in that order",
                           "[[level]]", "rank")
    defences = load_entries(path, "defence", Defence)
    _link(path, defences, "level", set(LEVEL_IDS), "defence")
    scenes = load_entries(path, "scene", Scene)
    _link(path, scenes, "defence", {item.id for item in defences}, "scene")
    return DefenceCatalogue(levels, defences, scenes)


@cache
def defence_catalogue() -> DefenceCatalogue:
    """The course's catalogue (read once per session)."""
    return load_defences()
