"""What the grader does faster than plain nbgrader does the same thing: the metadata check with a compiled schema
rejects what nbgrader's rejects, and feedback pages made with compiled templates kept for the process are the pages
nbconvert makes."""

from __future__ import annotations

import copy
import re

import jinja2
import nbformat
import pytest
from nbconvert.exporters import HTMLExporter
from nbgrader.nbgraderformat import ValidationError
from nbgrader.nbgraderformat.common import SchemaMismatchError
from nbgrader.preprocessors import CheckCellMetadata

from course_lib.instructor.runner.preprocessors import CheckCellMetadataOnce
from course_lib.instructor.steps.feedback import FeedbackHTMLExporter
from course_lib.instructor.testing import synthetic


def _broken(kind: str) -> nbformat.NotebookNode:
    nb = synthetic.fixture_notebook()
    test_cell = next(c for c in nb.cells if c.metadata.nbgrader.get("grade_id") == "q1_test")
    if kind == "duplicate id":
        test_cell.metadata.nbgrader["grade_id"] = "q1_answer"
    elif kind == "no points":
        del test_cell.metadata.nbgrader["points"]
    elif kind == "points not a number":
        test_cell.metadata.nbgrader["points"] = "one"
    elif kind == "old schema":
        test_cell.metadata.nbgrader["schema_version"] = 1
    elif kind == "unknown type of grade":
        test_cell.metadata.nbgrader["grade"] = "yes"
    return nb


@pytest.mark.parametrize("kind", ["duplicate id", "no points", "points not a number", "old schema",
                                  "unknown type of grade"])
def test_compiled_metadata_check_rejects_what_nbgrader_rejects(kind):
    """The same error nbgrader's own check raises (a validation error, or nbgrader's schema-version error)."""
    nb = _broken(kind)
    with pytest.raises(Exception) as theirs:
        CheckCellMetadata().preprocess(copy.deepcopy(nb), {})
    with pytest.raises(Exception) as ours:
        CheckCellMetadataOnce().preprocess(copy.deepcopy(nb), {})
    assert type(ours.value) is type(theirs.value)
    assert isinstance(ours.value, (ValidationError, SchemaMismatchError))


def test_compiled_metadata_check_accepts_a_good_notebook():
    nb = synthetic.fixture_notebook()
    assert CheckCellMetadataOnce().preprocess(nb, {})[0] is nb


def _page(exporter_class, nb) -> str:
    html, _ = exporter_class(template_name="lab").from_notebook_node(copy.deepcopy(nb))
    return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID", html)


def test_feedback_pages_with_kept_templates_are_nbconverts_pages(monkeypatch):
    """The second exporter compiles no template, and its page is the page nbconvert's own exporter makes."""
    nb = synthetic.fixture_notebook()
    first = _page(FeedbackHTMLExporter, nb)
    compiled = []
    original = jinja2.Environment.compile

    def counting(self, *args, **kwargs):
        compiled.append(args[1] if len(args) > 1 else kwargs.get("name"))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    second = _page(FeedbackHTMLExporter, nb)
    assert compiled == []
    plain = _page(HTMLExporter, nb)
    assert compiled  # nbconvert's own exporter compiles them again
    assert first == second == plain
    assert "Fixture quiz" in plain
