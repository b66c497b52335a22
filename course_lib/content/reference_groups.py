"""The full course bibliography in groups (content/reference_groups.toml), shown at the end of lesson 07.

The groups hold keys only; each key is rendered by ``course_lib.evidence.cite``. Loading checks that every key is
known and that every reference in the bibliography sits in exactly one group, so the list shown is complete.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course_lib.content.schema import DATA_DIR, ContentError, load_entries

REFERENCE_GROUPS_FILE = DATA_DIR / "reference_groups.toml"


@dataclass(frozen=True)
class ReferenceGroup:
    id: str
    title: str
    keys: tuple[str, ...]

    def validate(self) -> None:
        if not self.keys:
            raise ValueError("field 'keys': a group needs at least one reference key")


@cache
def load_reference_groups(path: Path = REFERENCE_GROUPS_FILE) -> tuple[ReferenceGroup, ...]:
    """The groups in order; an unknown, repeated or missing key raises ContentError naming file, group and field."""
    from course_lib.evidence import load_references  # imported here: the evidence package is heavier (scipy)

    path = Path(path)
    groups = load_entries(path, "group", ReferenceGroup)
    known = load_references()
    seen: dict[str, str] = {}
    for group in groups:
        entry = f"[[group]] (id = {group.id!r})"
        for key in group.keys:
            if key not in known:
                raise ContentError(path, f"unknown reference key {key!r}", entry, "keys")
            if key in seen:
                raise ContentError(path, f"key {key!r} is already in group {seen[key]!r}", entry, "keys")
            seen[key] = group.id
    missing = [key for key in known if key not in seen]
    if missing:
        raise ContentError(path, f"reference key(s) in no group: {', '.join(missing)}", None, "keys")
    return groups


class GroupedReferences:
    """Every reference, group by group: headed HTML lists in JupyterLab, plain text elsewhere."""

    def __init__(self, groups: tuple[ReferenceGroup, ...] | None = None):
        from course_lib.evidence import cite

        self.groups = groups if groups is not None else load_reference_groups()
        self.entries = {g.id: [cite(key) for key in g.keys] for g in self.groups}

    def _repr_html_(self) -> str:
        parts = []
        for group in self.groups:
            items = "".join(f"<li>{html.escape(text)}</li>" for text in self.entries[group.id])
            parts.append(f"<h4>{html.escape(group.title)}</h4><ul>{items}</ul>")
        return "".join(parts)

    def __repr__(self) -> str:
        blocks = []
        for group in self.groups:
            blocks.append(group.title + "\n" + "\n".join(f"- {text}" for text in self.entries[group.id]))
        return "\n\n".join(blocks)


def all_references() -> GroupedReferences:
    """Display the complete bibliography, grouped."""
    return GroupedReferences()
