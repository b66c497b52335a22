"""The class's answers for the report: each analysed student's autograded notebooks opened once, in one pass that every
reader of answers shares (the option counts, the variant sections), each answer read once however many ask for it,
and each student's version of a variant item derived once.

A notebook is read as plain JSON: for a class of hundreds, nbformat's validation and node objects cost more than the
reading itself, and the report needs nothing but each cell's grade id and source (a notebook of an older format still
goes through nbformat, which converts it). Answers are read by :func:`.answers_read.read_answer`, never run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

import nbformat

from course_lib.grading import variants
from course_lib.grading.form import Reading
from course_lib.instructor.report.answers_read import read_answer

UNREADABLE_NOTEBOOK = Reading(None, "unreadable", "the autograded notebook cannot be read")


def _text(source) -> str:
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    raise TypeError("a cell's source is neither text nor a list of lines")


def cell_sources(path: Path) -> dict[str, str] | None:
    """Grade id -> source of each cell of the notebook at ``path`` (the last cell wins a repeated id), or None when
    it is missing or is not a notebook."""
    try:
        nb = json.loads(path.read_bytes())
        if nb.get("nbformat") != 4:
            nb = nbformat.read(path, as_version=4)
        return {cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", ""): _text(cell.get("source", ""))
                for cell in nb["cells"]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


class NotebookAnswers:
    """One student's autograded notebook, its answers read on demand, each once."""

    def __init__(self, student: str, notebook: str, sources: dict[str, str] | None):
        self.student, self.notebook, self.sources = student, notebook, sources
        self._read: dict[tuple, Reading] = {}
        self._views: dict[str, variants.View] = {}

    def view(self, spec: dict) -> variants.View:
        """The student's version of a variant item (``spec``: its hidden spec), derived once however many ask."""
        if spec["id"] not in self._views:
            self._views[spec["id"]] = variants.view(spec, self.student)
        return self._views[spec["id"]]

    def reading(self, quiz_item: dict) -> Reading:
        """The answer to the item the check cell's ``quiz_item`` metadata describes; an unreadable notebook gives an
        unreadable reading, a missing answer cell reads as an empty one."""
        if self.sources is None:
            return UNREADABLE_NOTEBOOK
        key = tuple(str(quiz_item.get(field)) for field in ("answer_cell", "variable", "kind", "options", "n_items"))
        if key not in self._read:
            self._read[key] = read_answer(self.sources.get(quiz_item.get("answer_cell", ""), ""), quiz_item)
        return self._read[key]


Visit = Callable[[NotebookAnswers], None]


def read_class(course_dir: Path, quiz: str, students: list[str], notebooks: Iterable[str], *visits: Visit) -> None:
    """Open each student's autograded ``notebooks`` once, handing each to every visit in turn."""
    names = sorted(set(notebooks))
    for student in students:
        for notebook in names:
            answers = NotebookAnswers(student, notebook, cell_sources(
                course_dir / "autograded" / student / quiz / f"{notebook}.ipynb"))
            for visit in visits:
                visit(answers)
