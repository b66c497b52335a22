"""Committed notebooks are valid, clean (no outputs), follow the lesson skeleton and cite only known references."""

import re

import nbformat
import pytest
from notebook_paths import NOTEBOOKS

from course_lib.content.lessons import lesson

CITATION = re.compile(r"\b([a-z]+(?:19|20)\d\d)\b")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_valid_nbformat_without_outputs(path):
    """The file validates against nbformat 4 and carries no outputs or execution counts."""
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"{path.name}: cells {dirty} carry outputs or execution counts; run 'make strip'"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", f"{path.name}: kernelspec must be python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_cites_only_known_reference_keys(path):
    """Every reference key mentioned in a lesson resolves to a full reference."""
    from course_lib.evidence import load_references

    known = load_references()
    text = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells)
    unknown = sorted({key for key in CITATION.findall(text) if key not in known})
    assert not unknown, f"{path.name} cites unknown reference keys: {unknown}"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.stem.startswith("00")], ids=lambda p: p.stem)
def test_lesson_follows_the_skeleton(path):
    """A lesson shows its objectives from the course map, has practice questions, a summary and references."""
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").lower()
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), "first cell is the title"
    assert f'start_lesson("{path.stem}")' in code, "the setup cell records the lesson run"
    assert lesson(path.stem).objectives, "the lesson has learning objectives in the course map"
    assert "practice(" in code, "the lesson has practice questions"
    assert "summary" in markdown, "the lesson has a summary"
    assert "references" in markdown, "the lesson has a references section"
