"""The answer key's text in a source notebook: lines inside solution and hidden-test regions.

Lines that also appear outside those regions (``pass``, a blank line, a shared import) are public
anyway and are left out, so a search for key lines in a release or feedback file has no false alarms.
"""

from __future__ import annotations

from collections.abc import Iterable

import nbformat

SOLUTION_BEGIN, SOLUTION_END = "### BEGIN SOLUTION", "### END SOLUTION"
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def regions(source: str, begin: str, end: str) -> tuple[list[str], list[str]]:
    """Split a cell's stripped lines into (inside the begin/end region, outside it), markers dropped.

    Like nbgrader, a line containing the delimiter text (without the leading ###) is a marker.
    """
    begin, end = begin.lstrip("# "), end.lstrip("# ")
    inside, outside, active = [], [], False
    for line in source.splitlines():
        if begin in line:
            active = True
        elif end in line:
            active = False
        else:
            (inside if active else outside).append(line.strip())
    return inside, outside


def key_lines(notebooks: Iterable[nbformat.NotebookNode], *, hidden_only: bool = False) -> set[str]:
    """Stripped, non-trivial lines that only occur inside protected regions of the source notebooks."""
    protected, public = set(), set()
    for nb in notebooks:
        for cell in nb.cells:
            source = cell.source
            hidden, rest = regions(source, HIDDEN_BEGIN, HIDDEN_END)
            protected.update(hidden)
            if hidden_only:
                public.update(rest)
                continue
            solution, rest = regions("\n".join(rest), SOLUTION_BEGIN, SOLUTION_END)
            protected.update(solution)
            public.update(rest)
    return {line for line in protected - public if line and len(line) > 3}
