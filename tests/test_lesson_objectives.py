"""Tests for course_lib.lesson_objectives: objectives as markdown from the course map, readable without running."""

import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from course_lib.content.lessons import lesson
from course_lib.lesson_objectives import check, main, objectives_markdown, write
from tests.support.paths import NOTEBOOKS

LESSONS_WITH_OBJECTIVES = [p for p in NOTEBOOKS if lesson(p.stem).objectives]


def old_style_notebook(path, lesson_id):
    """A lesson as it was before: objectives shown by a code cell that only runs in a live kernel."""
    nb = new_notebook(cells=[
        new_markdown_cell("# A lesson"),
        new_code_cell("from course_lib.lessons import objectives\n"
                      "from course_lib.practice import practice"),
        new_markdown_cell("## Learning objectives"),
        new_code_cell(f'objectives("{lesson_id}")'),
        new_markdown_cell("## 1. Something"),
        new_markdown_cell("## Summary\n\n- A point."),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


def test_an_old_lesson_gets_markdown_objectives_and_still_records_its_run(tmp_path):
    """The objectives code cell becomes markdown under the heading; the setup cell now records the lesson run."""
    path = tmp_path / "02_seven_distinctive_features.ipynb"
    old_style_notebook(path, "02_seven_distinctive_features")
    assert check(path)
    assert write(path) is True
    nb = nbformat.read(path, as_version=4)
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "markdown", "markdown", "markdown", "markdown"]
    assert nb.cells[3].source == objectives_markdown(lesson("02"))
    assert nb.cells[3].source.startswith("By the end of this lesson you will be able to:\n\n1. List the seven")
    assert "objectives(" not in nb.cells[1].source
    assert nb.cells[1].source.endswith('\n\nstart_lesson("02_seven_distinctive_features")')
    assert check(path) == []


def test_writing_twice_changes_nothing(tmp_path):
    """The tool is idempotent: a second run leaves the file byte for byte as it was."""
    path = tmp_path / "03_how_it_works.ipynb"
    old_style_notebook(path, "03_how_it_works")
    write(path)
    first = path.read_bytes()
    assert write(path) is False
    assert path.read_bytes() == first


def test_a_changed_objective_is_caught_and_rewritten(tmp_path):
    """When the map's wording changes, the check names the notebook and a write brings it back in step."""
    path = tmp_path / "06_beyond_symptom_relief.ipynb"
    shutil.copy(next(p for p in NOTEBOOKS if p.stem == path.stem), path)
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "lesson_objectives" in c.metadata)
    cell.source = cell.source.replace("Describe", "List")
    nbformat.write(nb, path)
    assert any("differ from content/lessons.toml" in problem for problem in check(path))
    write(path)
    assert check(path) == []


def test_a_notebook_without_the_heading_is_refused(tmp_path):
    """Without a '## Learning objectives' heading the tool says so rather than guessing a place."""
    path = tmp_path / "01_what_is_psychodynamic_therapy.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell("# Title"), new_code_cell("x = 1")]), path)
    with pytest.raises(ValueError, match="Learning objectives"):
        write(path)


def test_check_mode_exits_1_naming_the_notebook(tmp_path, capsys, monkeypatch):
    """`--check` prints what is out of step and exits 1; in step it exits 0."""
    path = tmp_path / "02_seven_distinctive_features.ipynb"
    old_style_notebook(path, "02_seven_distinctive_features")
    monkeypatch.setattr("course_lib.lesson_objectives.NOTEBOOKS_DIR", tmp_path)
    monkeypatch.setattr("course_lib.lesson_objectives.lesson_notebooks",
                        lambda names=None: [path])
    assert main(["--check"]) == 1
    assert "02_seven_distinctive_features.ipynb" in capsys.readouterr().out
    assert main(["--write"]) == 0
    assert main(["--check"]) == 0


@pytest.mark.parametrize("path", LESSONS_WITH_OBJECTIVES, ids=lambda p: p.stem)
def test_each_lesson_shows_its_objectives_as_markdown_from_the_map(path):
    """Every lesson's objectives cell is markdown, right after its heading, worded exactly as lessons.toml."""
    assert check(path) == []


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.stem.startswith("00")], ids=lambda p: p.stem)
def test_each_lesson_has_a_markdown_summary(path):
    """Every lesson ends with a '## Summary' markdown section that a static view shows."""
    cells = nbformat.read(path, as_version=4).cells
    assert any(c.cell_type == "markdown" and c.source.lstrip().startswith("## Summary") for c in cells)


def test_other_names_imported_from_lessons_are_kept(tmp_path):
    """A setup cell importing course_map and objectives keeps course_map, drops objectives, gains start_lesson."""
    path = tmp_path / "07_review.ipynb"
    nb = new_notebook(cells=[
        new_markdown_cell("# Review"),
        new_code_cell("from course_lib.content.reference_groups import all_references\n"
                      "from course_lib.lessons import course_map, objectives\n"
                      "from course_lib.practice import practice"),
        new_markdown_cell("## Learning objectives"),
        new_code_cell('objectives("07_review")'),
        new_code_cell("course_map()"),
    ])
    nbformat.write(nb, path)
    write(path)
    setup = nbformat.read(path, as_version=4).cells[1].source
    assert "from course_lib.lesson import course_map, start_lesson\n" in setup
    assert "objectives" not in setup and setup.endswith('start_lesson("07_review")')
    assert check(path) == []
