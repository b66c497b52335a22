"""Write constraints.txt from ``pip freeze`` (standard input), keeping its comments and its older-Python pins.

Used by ``make constraints``. A freeze pins what this interpreter installed; a package whose newest version needs a
newer Python than the course's floor (soupsieve 4.1 needs 3.11.5; Debian 12 has 3.11.2) keeps two pins told apart by
an environment marker. The pin whose marker holds here takes the frozen version; the other lines stay as written, and
tests/packaging/test_constraints.py resolves the file on the lowest and highest supported Python to prove both still
install.
"""

from __future__ import annotations

import sys
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def merge(old: str, frozen: str) -> str:
    comments = [line for line in old.splitlines() if line.startswith("#")]
    marked: dict[str, list[Requirement]] = {}
    for line in old.splitlines():
        if line.strip() and not line.startswith("#") and ";" in line:
            requirement = Requirement(line)
            marked.setdefault(canonicalize_name(requirement.name), []).append(requirement)
    pins = []
    for line in frozen.splitlines():
        if not line.strip() or line.startswith("#") or canonicalize_name(line.partition("==")[0]) == "course-lib":
            continue
        name = canonicalize_name(line.partition("==")[0])
        if name not in marked:
            pins.append(line)
            continue
        for requirement in marked[name]:
            if requirement.marker.evaluate():
                pins.append(f"{line}; {requirement.marker}")
            else:
                pins.append(str(requirement))
    return "\n".join(comments + pins) + "\n"


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.write_text(merge(target.read_text(), sys.stdin.read()))
