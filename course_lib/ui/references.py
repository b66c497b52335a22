"""Show a lesson's reference list: the keys it cites, rendered as full references (data: evidence/references.md)."""

from __future__ import annotations

import html
from collections.abc import Iterable


class ReferenceList:
    """Full references for a list of keys: an HTML list in JupyterLab, numbered plain text elsewhere."""

    def __init__(self, keys: Iterable[str]):
        # Keep the author's order but drop repeats, so a lesson can list keys in the order it cites them.
        self.keys = tuple(dict.fromkeys(keys))
        from course_lib.evidence import cite_all  # imported here so that `import course_lib` stays light

        self.entries = tuple(cite_all(self.keys))

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(entry)}</li>" for entry in self.entries)
        return f'<ol class="references">{items}</ol>'

    def __repr__(self) -> str:
        return "\n".join(f"{n}. {entry}" for n, entry in enumerate(self.entries, start=1))


def references(keys: Iterable[str]) -> ReferenceList:
    """Display the full references for ``keys`` (unknown keys raise the evidence library's error)."""
    return ReferenceList(keys)
