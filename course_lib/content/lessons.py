"""The course map as data: lessons in teaching order with their learning objectives (content/lessons.toml).

How a lesson shows them is :mod:`course_lib.widgets.lesson_start`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course_lib.content.schema import DATA_DIR, ContentError, read_toml

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
LESSONS_FILE = DATA_DIR / "lessons.toml"


@dataclass(frozen=True)
class Objective:
    id: str
    text: str


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    summary: str
    objectives: tuple[Objective, ...]

    @property
    def filename(self) -> str:
        return f"{self.id}.ipynb"

    @property
    def number(self) -> str:
        """The lesson's number as it starts the id: "02", or "01b" for a lesson slotted in after 01."""
        return self.id.split("_", 1)[0]


@cache
def lessons(path: Path = LESSONS_FILE) -> tuple[Lesson, ...]:
    """All lessons in teaching order."""
    entries = read_toml(path).get("lesson", [])
    result = []
    for n, raw in enumerate(entries, start=1):
        try:
            objectives = tuple(Objective(o["id"], o["text"]) for o in raw["objectives"])
            result.append(Lesson(raw["id"], raw["title"], raw["summary"], objectives))
        except (KeyError, TypeError) as error:
            raise ContentError(path, f"missing or malformed {error}", f"[[lesson]] entry {n}") from None
    return tuple(result)


def lesson(lesson_id: str) -> Lesson:
    """One lesson by id or by its two-digit number ("02")."""
    for item in lessons():
        if lesson_id in (item.id, item.number):
            return item
    raise KeyError(f"no lesson {lesson_id!r}; known: {', '.join(x.id for x in lessons())}")
