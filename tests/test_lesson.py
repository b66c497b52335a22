"""Tests for course_lib.lesson: a lesson's setup is one import from one module, which loads only what is used."""

import ast
import importlib
import json
import subprocess
import sys

import nbformat
import pytest

import course_lib.lesson as lesson_module
from course_lib.lesson import LESSON_NAMES
from tests.support.paths import NOTEBOOKS


def code_cells(path):
    return [cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]


def course_lib_imports(source: str) -> list[ast.stmt]:
    """The import statements in a cell that reach into course_lib (``import course_lib…`` or ``from course_lib…``)."""
    def modules(node):
        if isinstance(node, ast.ImportFrom):
            return [node.module or ""]
        return [alias.name for alias in node.names] if isinstance(node, ast.Import) else []

    return [node for node in ast.walk(ast.parse(source))
            if any(module.split(".")[0] == "course_lib" for module in modules(node))]


def modules_loaded_after(statement: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``statement`` (a subprocess, so nothing is cached)."""
    script = f"import sys\n{statement}\nimport json\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout))


@pytest.mark.parametrize("name", sorted(LESSON_NAMES))
def test_every_name_resolves_to_the_object_it_names(name):
    """Each table entry is the real function at its module path, reachable as an attribute and by a from-import."""
    module, _, attribute = LESSON_NAMES[name].partition(":")
    expected = getattr(importlib.import_module(module), attribute)
    assert callable(expected)
    assert getattr(lesson_module, name) is expected
    namespace = {}
    exec(f"from course_lib.lesson import {name}", namespace)
    assert namespace[name] is expected


def test_all_and_dir_list_the_table():
    """``__all__`` is exactly the table's names, and ``dir()`` offers every one of them (for tab completion)."""
    assert sorted(lesson_module.__all__) == sorted(LESSON_NAMES)
    assert set(LESSON_NAMES) <= set(dir(lesson_module))


def test_an_unknown_name_fails_naming_it():
    """A misspelt name raises the usual AttributeError, or ImportError from a from-import, with the name in it."""
    with pytest.raises(AttributeError, match="evidense_explorer"):
        _ = lesson_module.evidense_explorer
    with pytest.raises(ImportError, match="evidense_explorer"):
        exec("from course_lib.lesson import evidense_explorer", {})


def test_importing_the_module_loads_no_widget_chart_or_course_module():
    """``import course_lib.lesson`` loads nothing of the course beyond itself: no ipywidgets, matplotlib or widget."""
    loaded = modules_loaded_after("import course_lib.lesson")
    assert {"course_lib", "course_lib.lesson"} <= loaded
    heavy = sorted(m for m in loaded if m.split(".")[0] in {"ipywidgets", "matplotlib", "numpy", "IPython"})
    assert not heavy, f"importing course_lib.lesson loaded {heavy}"
    course = sorted(m for m in loaded if m.startswith("course_lib.") and m != "course_lib.lesson")
    assert not course, f"importing course_lib.lesson loaded {course}"


def test_a_name_loads_its_own_widget_and_no_other():
    """Asking for one widget imports its module and leaves the other widgets and the charts unloaded."""
    def module(name):
        return LESSON_NAMES[name].partition(":")[0]

    loaded = modules_loaded_after("from course_lib.lesson import two_triangles")
    assert module("two_triangles") in loaded
    assert module("evidence_explorer") not in loaded
    assert module("review_quiz") not in loaded
    assert not any(m.startswith("course_lib.charts") for m in loaded)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_lesson_imports_course_lib_once_through_course_lib_lesson_in_its_setup_cell(path):
    """The setup cell holds the lesson's one course_lib import, from course_lib.lesson; no later cell imports any."""
    cells = code_cells(path)
    setup = course_lib_imports(cells[0])
    assert len(setup) == 1, f"{path.name}: the setup cell has {len(setup)} course_lib imports (expected 1)"
    assert isinstance(setup[0], ast.ImportFrom) and setup[0].module == "course_lib.lesson", (
        f"{path.name}: the setup cell imports from {ast.unparse(setup[0])!r}, not from course_lib.lesson")
    later = [(index, ast.unparse(node)) for index, source in enumerate(cells[1:], start=1)
             for node in course_lib_imports(source)]
    assert not later, f"{path.name}: code cells after the setup import course_lib: {later}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_lesson_imports_only_names_it_uses(path):
    """The setup cell imports, in alphabetical order, only table names a cell uses, so no widget loads for nothing."""
    cells = code_cells(path)
    (statement,) = course_lib_imports(cells[0])
    imported = [alias.name for alias in statement.names]
    assert set(imported) <= set(LESSON_NAMES)
    assert imported == sorted(imported), f"{path.name}: list the imported names alphabetically, so each is easy to find"
    used = {node.id for source in cells for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Name)}
    unused = sorted(set(imported) - used)
    assert not unused, f"{path.name} imports names it never uses: {unused}"
