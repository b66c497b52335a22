"""The session walk-through of lesson 03: an invented client's statements, each with possible therapist responses.

Data: content/sessions.toml, three flat tables so the shared schema loader checks every field:
``[[session]]`` (exactly one: who the client is), ``[[step]]`` (what the client says) and ``[[option]]`` (a possible
response, linked to its step by ``step``, labelled with a feature or CBT activity id and a stance).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course_lib.content.features import FEATURES_FILE
from course_lib.content.schema import DATA_DIR, ContentError, load_entries
from course_lib.content.vignettes import STANCES, check_labels, known_labels

SESSIONS_FILE = DATA_DIR / "sessions.toml"
OPTIONS_PER_STEP = (3, 4)  # few enough to read, enough to contrast stances


@dataclass(frozen=True)
class Option:
    """One possible therapist response and what it embodies."""

    id: str
    step: str
    text: str
    label: str
    stance: str
    comment: str

    def validate(self) -> None:
        if self.stance not in STANCES:
            raise ValueError(f"field 'stance': {self.stance!r} is not one of {', '.join(STANCES)}")


@dataclass(frozen=True)
class _StepEntry:
    id: str
    client: str


@dataclass(frozen=True)
class _SessionEntry:
    id: str
    title: str
    client: str
    note: str


@dataclass(frozen=True)
class Step:
    """What the client says at one point in the session, with the responses to choose from."""

    id: str
    client: str
    options: tuple[Option, ...]

    def option(self, option_id: str) -> Option:
        for item in self.options:
            if item.id == option_id:
                return item
        raise KeyError(f"step {self.id} has no option {option_id!r}; options: {[o.id for o in self.options]}")


@dataclass(frozen=True)
class Session:
    """The whole walk-through: who the (invented) client is, and the steps in order."""

    id: str
    title: str
    client: str
    note: str
    steps: tuple[Step, ...]


def load_session(path: Path | str = SESSIONS_FILE, *, features_path: Path | str = FEATURES_FILE) -> Session:
    """Read and check the walk-through; raises ContentError naming file, entry and field on any problem."""
    sessions = load_entries(path, "session", _SessionEntry)
    if len(sessions) != 1:
        raise ContentError(path, f"expected exactly one [[session]] entry, found {len(sessions)}", "[[session]]")
    steps = load_entries(path, "step", _StepEntry)
    options = load_entries(path, "option", Option)
    check_labels(path, options, known_labels(features_path), table="option")
    step_ids = {s.id for s in steps}
    for number, item in enumerate(options, start=1):
        if item.step not in step_ids:
            entry = f"[[option]] entry {number} (id = {item.id!r})"
            raise ContentError(path, f"no [[step]] has id {item.step!r}", entry, "step")
    built = []
    for number, raw in enumerate(steps, start=1):
        mine = tuple(o for o in options if o.step == raw.id)
        low, high = OPTIONS_PER_STEP
        if not low <= len(mine) <= high:
            entry = f"[[step]] entry {number} (id = {raw.id!r})"
            raise ContentError(path, f"has {len(mine)} options; give {low} to {high}", entry, "option")
        built.append(Step(raw.id, raw.client, mine))
    info = sessions[0]
    return Session(info.id, info.title, info.client, info.note, tuple(built))


@cache
def session() -> Session:
    """The course's walk-through (cached: the file is read once per session)."""
    return load_session()
