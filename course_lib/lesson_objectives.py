"""Each lesson's learning objectives as a markdown cell, generated from content/lessons.toml.

Objectives written as markdown are readable in any static view of a notebook (GitHub, nbviewer, a printout), where a
code cell's output would be missing. The course map stays the single source: this tool writes the cell, and a test
fails when a notebook's cell and the map disagree.

    python -m course_lib.lesson_objectives --write            # every lesson notebook
    python -m course_lib.lesson_objectives --write 04 05_evidence
    python -m course_lib.lesson_objectives --check            # exit 1, naming notebooks out of step

Writing is idempotent. In each notebook it (1) puts the objectives cell right after the "## Learning objectives"
heading, replacing the old ``objectives("…")`` code cell or an earlier generated cell, and (2) makes the setup cell
record the lesson run with ``start_lesson("…")``, which ``objectives()`` used to do.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_markdown_cell

from course_lib.content.lessons import NOTEBOOKS_DIR, Lesson, lesson, lessons

HEADING = "## Learning objectives"
INTRO = "By the end of this lesson you will be able to:"
MARKER = "lesson_objectives"  # cell metadata key that identifies the generated cell
_OLD_CALL = re.compile(r'^\s*objectives\(\s*"([^"]+)"\s*\)\s*$')
# Older lessons imported from course_lib.lessons (the course map before it split); today they import course_lib.lesson.
_LESSONS_IMPORT = re.compile(r"^from course_lib\.lessons? import ([\w, ]+)$")
_NEW_IMPORT = "from course_lib.lesson import start_lesson"


def objectives_markdown(item: Lesson) -> str:
    """The cell's text: a lead-in and the objectives as a numbered list, exactly as lessons.toml words them."""
    lines = [f"{n}. {objective.text}" for n, objective in enumerate(item.objectives, start=1)]
    return INTRO + "\n\n" + "\n".join(lines)


def _is_generated(cell) -> bool:
    return cell.cell_type == "markdown" and MARKER in cell.get("metadata", {})


def _heading_index(nb) -> int | None:
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and cell.source.strip().splitlines()[:1] == [HEADING]:
            return index
    return None


def _with_start_lesson_import(source: str, keep_objectives: bool) -> str:
    """The setup source importing start_lesson from ``course_lib.lesson`` (and objectives only if still used)."""
    lines = source.split("\n")
    for index, line in enumerate(lines):
        match = _LESSONS_IMPORT.match(line)
        if match:
            names = {name.strip() for name in match.group(1).split(",") if name.strip()}
            if not keep_objectives:
                names.discard("objectives")
            names.add("start_lesson")
            lines[index] = "from course_lib.lesson import " + ", ".join(sorted(names))
            return "\n".join(lines)
    # No import from course_lib.lesson yet: put one where an import sorter would (modules in alphabetical order).
    modules = [(index, line.split()[1]) for index, line in enumerate(lines) if line.startswith("from ")]
    after = [index for index, module in modules if module > "course_lib.lesson"]
    position = after[0] if after else (modules[-1][0] + 1 if modules else 0)
    lines.insert(position, _NEW_IMPORT)
    return "\n".join(lines)


def _record_run_in_setup(nb, lesson_id: str) -> None:
    """The first code cell imports start_lesson and ends by calling it (once)."""
    setup = next((cell for cell in nb.cells if cell.cell_type == "code"), None)
    if setup is None:
        raise ValueError("the notebook has no setup code cell")
    others = "\n".join(c.source for c in nb.cells if c.cell_type == "code" and c is not setup)
    source = setup.source
    if "start_lesson" not in source or "objectives" in source.split("start_lesson")[0]:
        source = _with_start_lesson_import(source, keep_objectives="objectives(" in others)
    call = f'start_lesson("{lesson_id}")'
    if call not in source:
        source = source.rstrip("\n") + "\n\n" + call
    setup.source = source


def write(path: Path) -> bool:
    """Bring one notebook in step with the course map; True when the file changed."""
    item = lesson(path.stem)
    nb = nbformat.read(path, as_version=4)
    before = nbformat.writes(nb)
    heading = _heading_index(nb)
    if heading is None:
        raise ValueError(f"{path.name}: no '{HEADING}' heading to put the objectives under")
    nb.cells = [cell for i, cell in enumerate(nb.cells)
                if not _is_generated(cell)
                and not (cell.cell_type == "code" and _OLD_CALL.match(cell.source) and i > heading)]
    heading = _heading_index(nb)
    # A fixed cell id keeps rewriting idempotent (nbformat would draw a random one each time).
    cell = new_markdown_cell(objectives_markdown(item), metadata={MARKER: item.id}, id="learning-objectives")
    nb.cells.insert(heading + 1, cell)
    _record_run_in_setup(nb, item.id)
    after = nbformat.writes(nb)
    if after == before:
        return False
    nbformat.write(nb, path)
    return True


def check(path: Path) -> list[str]:
    """What is out of step in one notebook (empty when all is well)."""
    item = lesson(path.stem)
    nb = nbformat.read(path, as_version=4)
    problems = []
    generated = [cell for cell in nb.cells if _is_generated(cell)]
    heading = _heading_index(nb)
    if heading is None:
        problems.append(f"{path.name}: no '{HEADING}' heading")
    if len(generated) != 1:
        problems.append(f"{path.name}: {len(generated)} objectives cells (expected 1); run --write")
    elif generated[0].source != objectives_markdown(item):
        problems.append(f"{path.name}: objectives differ from content/lessons.toml; run --write")
    elif heading is not None and nb.cells[heading + 1] is not generated[0]:
        problems.append(f"{path.name}: the objectives cell is not right after the heading; run --write")
    if f'start_lesson("{item.id}")' not in "\n".join(c.source for c in nb.cells if c.cell_type == "code"):
        problems.append(f"{path.name}: the lesson run is not recorded (start_lesson); run --write")
    return problems


def lesson_notebooks(names: list[str] | None = None, notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The notebooks of lessons that have objectives, optionally only those named (by id or two-digit number)."""
    wanted = {lesson(name).id for name in names} if names else None
    return [notebooks_dir / item.filename for item in lessons()
            if item.objectives and (wanted is None or item.id in wanted) and (notebooks_dir / item.filename).exists()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_lib.lesson_objectives", description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="write the objectives cells")
    mode.add_argument("--check", action="store_true", help="report notebooks out of step; exit 1 if any")
    parser.add_argument("lessons", nargs="*", help="lesson ids or numbers (default: every lesson notebook)")
    args = parser.parse_args(argv)
    paths = lesson_notebooks(args.lessons)
    if args.write:
        for path in paths:
            print(f"{path.name}: {'written' if write(path) else 'already in step'}")
        return 0
    problems = [problem for path in paths for problem in check(path)]
    print("\n".join(problems) or "every lesson's objectives are in step with content/lessons.toml")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
