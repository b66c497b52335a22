"""The report's one pass over the class: each notebook read once as plain JSON with the sources nbformat would give,
anything that is not a notebook handed over as unreadable, each answer read once however many readers ask."""

from __future__ import annotations

import json

import nbformat
import pytest

from course_lib.instructor.report import class_answers
from course_lib.instructor.report.answers_read import read_answer

META = {"variable": "q1", "answer_cell": "q1_answer", "kind": "single", "options": "ABCD"}


def _notebook(answer: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Quiz", metadata={"nbgrader": {"grade_id": "intro"}}),
                nbformat.v4.new_code_cell(answer, metadata={"nbgrader": {"grade_id": "q1_answer"}}),
                nbformat.v4.new_code_cell("print(1)")]
    return nb


def test_sources_are_those_nbformat_reads_lines_joined(tmp_path):
    """A notebook saved with its sources split into lines (as Jupyter writes them) gives each grade id the whole
    source, as nbformat.read does."""
    path = tmp_path / "q.ipynb"
    raw = json.loads(nbformat.writes(_notebook('# answer\nq1 = "B"\n')))
    raw["cells"][1]["source"] = ["# answer\n", 'q1 = "B"\n']
    path.write_text(json.dumps(raw))
    expected = {c.metadata.get("nbgrader", {}).get("grade_id", ""): c.source
                for c in nbformat.read(path, as_version=4).cells}
    assert class_answers.cell_sources(path) == expected
    assert expected["q1_answer"] == '# answer\nq1 = "B"\n'


@pytest.mark.parametrize("content", [None, b"%PDF-1.4 an essay", b'{"cells": 5, "nbformat": 4}',
                                     b'{"cells": [{"source": 7}], "nbformat": 4}', b"[1, 2]"])
def test_anything_but_a_notebook_is_unreadable(tmp_path, content):
    """A missing file, a PDF, cells that are not a list, a source that is not text, or JSON that is not an object:
    None, never an exception."""
    path = tmp_path / "q.ipynb"
    if content is not None:
        path.write_bytes(content)
    assert class_answers.cell_sources(path) is None


def test_each_answer_is_read_once_and_as_the_grader_reads_it(monkeypatch):
    """Two readers asking for the same item get one reading, the one read_answer gives; an unreadable notebook reads
    as unreadable."""
    calls = []
    monkeypatch.setattr(class_answers, "read_answer", lambda source, meta: calls.append(source) or
                        read_answer(source, meta))
    answers = class_answers.NotebookAnswers("ann", "q", {"q1_answer": 'q1 = "c"'})
    first, second = answers.reading(META), answers.reading(dict(META))
    assert first is second and first.answer == "C" and len(calls) == 1
    assert class_answers.NotebookAnswers("ann", "q", None).reading(META).state == "unreadable"
    assert answers.reading({**META, "answer_cell": "gone"}).state == "not answered"


def test_the_pass_hands_every_notebook_once_to_every_visit(tmp_path, monkeypatch):
    """Each student's notebook is opened once and handed to each visit in turn; a missing one comes as unreadable."""
    for student, answer in (("ann", 'q1 = "A"'), ("ben", 'q1 = "B"')):
        folder = tmp_path / "autograded" / student / "quiz"
        folder.mkdir(parents=True)
        nbformat.write(_notebook(answer), folder / "quiz.ipynb")
    seen = []
    opened = []
    original = class_answers.cell_sources
    monkeypatch.setattr(class_answers, "cell_sources", lambda path: opened.append(path) or original(path))
    class_answers.read_class(tmp_path, "quiz", ["ann", "ben", "cat"], ["quiz", "quiz"],
                             lambda a: seen.append(("first", a.student, a.reading(META).answer)),
                             lambda a: seen.append(("second", a.student, a.reading(META).state)))
    assert len(opened) == 3
    assert seen == [("first", "ann", "A"), ("second", "ann", "answered"), ("first", "ben", "B"),
                    ("second", "ben", "answered"), ("first", "cat", None), ("second", "cat", "unreadable")]
