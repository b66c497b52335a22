"""Tests for assignments/alignment.toml: every objective is assessed, and the map matches the quizzes."""

import tomllib
from collections import Counter

import nbformat
import pytest

from tests.support.paths import ROOT

SOURCE = ROOT / "assignments" / "source"
ALIGNMENT = tomllib.loads((ROOT / "assignments" / "alignment.toml").read_text(encoding="utf-8"))
LESSONS = tomllib.loads((ROOT / "course_lib" / "content" / "lessons.toml").read_text(encoding="utf-8"))["lesson"]
GRADED_LESSONS = [lesson for lesson in LESSONS if "01" <= lesson["id"][:2] <= "07"]
OBJECTIVES = {objective["id"] for lesson in GRADED_LESSONS for objective in lesson["objectives"]}
QUIZZES = sorted(path.name for path in SOURCE.iterdir() if path.is_dir())


def graded_cells(quiz):
    nb = nbformat.read(SOURCE / quiz / f"{quiz}.ipynb", as_version=4)
    return {
        cell.metadata["nbgrader"]["grade_id"]: cell
        for cell in nb.cells
        if cell.metadata.get("nbgrader", {}).get("grade")
    }


def test_lessons_01_to_07_have_objectives_to_assess():
    """The course map offers objectives for lessons 01 to 07, 01b included (so the coverage check is not vacuous)."""
    assert len(GRADED_LESSONS) == 8
    assert {"o1b.1", "o1b.5"} <= OBJECTIVES
    assert len(OBJECTIVES) >= 14


def test_every_objective_has_at_least_two_graded_items():
    """Each learning objective of lessons 01–07 is assessed by two or more graded items."""
    counts = Counter(objective for quiz in ALIGNMENT.values() for ids in quiz.values() for objective in ids)
    thin = {objective: counts[objective] for objective in OBJECTIVES if counts[objective] < 2}
    assert thin == {}


def test_alignment_names_only_real_objectives():
    """Every objective id in the alignment exists in lessons.toml; no item is left without one."""
    for quiz, items in ALIGNMENT.items():
        for grade_id, objectives in items.items():
            assert objectives, f"{quiz}:{grade_id} assesses no objective"
            assert set(objectives) <= OBJECTIVES, f"{quiz}:{grade_id}"


def test_alignment_covers_exactly_the_quizzes():
    """The alignment has one table per quiz folder, no more and no fewer."""
    assert sorted(ALIGNMENT) == QUIZZES


@pytest.mark.parametrize("quiz", QUIZZES)
def test_alignment_ids_are_the_notebooks_graded_cells(quiz):
    """Every graded cell is in the alignment and every aligned id is a graded cell of that quiz."""
    assert set(ALIGNMENT[quiz]) == set(graded_cells(quiz))


@pytest.mark.parametrize("quiz", QUIZZES)
def test_every_quiz_has_a_manually_graded_reflection_with_a_rubric(quiz):
    """Each quiz has a written answer graded by hand, whose prompt shows how it is marked."""
    cells = graded_cells(quiz)
    nb = nbformat.read(SOURCE / quiz / f"{quiz}.ipynb", as_version=4)
    by_id = {cell.metadata["nbgrader"]["grade_id"]: cell for cell in nb.cells}
    reflections = [gid for gid, cell in cells.items()
                   if cell.cell_type == "markdown" and cell.metadata["nbgrader"]["solution"]]
    assert reflections
    for gid in reflections:
        prompt = by_id[f"{gid}_prompt"].source
        assert "How it is marked" in prompt
        assert prompt.count("point") >= 3  # a rubric lists what earns each point
        assert by_id[f"{gid}_prompt"].metadata["nbgrader"]["locked"]
