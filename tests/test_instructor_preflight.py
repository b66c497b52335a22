"""Preflight's checks on single notebooks, without running nbgrader."""

from __future__ import annotations

import json

import nbformat
import pytest

from course_lib.instructor.steps import preflight
from course_lib.instructor.testing import synthetic


@pytest.fixture
def reference():
    """A stand-in release: the fixture notebook with ids, as nbgrader would write it."""
    return nbformat.reads(nbformat.writes(synthetic.fixture_notebook()), as_version=4)


def _data(nb) -> dict:
    return json.loads(nbformat.writes(nb))


def test_untouched_notebook_needs_no_repair(reference):
    """A submission identical to the release comes back unchanged with no actions."""
    fixed, actions = preflight.check_notebook(_data(reference), reference)
    assert actions == [] and fixed == _data(reference)


def test_copy_placed_before_the_original_is_the_one_dropped(reference):
    """With a copy of an answer cell inserted at the top, the cell at the original place is kept."""
    data = _data(reference)
    copy = json.loads(json.dumps(data["cells"][3]))  # q2_answer
    copy["source"], copy["id"] = "q2 = 123", "the-copy"
    data["cells"][3]["source"] = "q2 = 0.79"
    data["cells"].insert(0, copy)
    fixed, actions = preflight.check_notebook(data, reference)
    sources = [c["source"] for c in fixed["cells"]]
    assert "q2 = 0.79" in sources and "q2 = 123" not in sources
    assert actions == ["dropped 1 copied cell(s) of 'q2_answer' (cell 1); kept cell 5, at the original place"]


def test_missing_cell_ids_are_filled_deterministically(reference):
    """Cells without ids get ids, the same ones on every run."""
    data = _data(reference)
    for cell in data["cells"]:
        del cell["id"]
    first, actions = preflight.check_notebook(data, reference)
    second, _ = preflight.check_notebook(data, reference)
    assert actions == [f"filled {len(data['cells'])} missing or duplicate cell id(s)"]
    assert first == second
    nbformat.validate(nbformat.from_dict(first))


def test_edited_grading_metadata_is_restored(reference):
    """A student who raises an item's points gets the release's metadata back, and it is recorded."""
    data = _data(reference)
    data["cells"][2]["metadata"]["nbgrader"]["points"] = 100
    fixed, actions = preflight.check_notebook(data, reference)
    assert fixed["cells"][2]["metadata"]["nbgrader"]["points"] == 1
    assert "restored the grading metadata of cell 'q1_test'" in actions


@pytest.mark.parametrize(("raw", "reason"), [
    (b'{"cells": [', "invalid JSON"),
    (b"def answer():\n    return 1\n", "not a notebook: the file is not JSON"),
    (b"\xff\xfe\x00binary", "not a notebook: the file is not UTF-8"),
    (b'{"hello": "world"}', "not a notebook: JSON without nbformat 4 cells"),
])
def test_unreadable_files_are_set_aside_with_a_reason(raw, reason):
    """Files that are not notebooks raise Unreadable with a reason an instructor understands."""
    with pytest.raises(preflight.Unreadable, match=reason):
        preflight.parse_submission(raw)
