"""The package's layout keeps its promises: layers that import only downwards, no circles, small folders, a face
that lists every subpackage, and a learner's path that never touches the test helpers."""

import ast
import re

import course_lib
from tests.support.import_graph import PACKAGE_DIR, cycles, edges, module_name, modules

README = PACKAGE_DIR.parent / "README.md"

# Lowest first. A module may import from its own layer and the layers below; anything else runs back up.
LAYERS = [
    {"content", "evidence"},  # the course's facts as data
    {"grading", "record"},  # reading answers; the learner's record
    {"ui"},  # the shared look
    {"practice", "charts", "evidence_views"},  # questions, figures and the logic the explorers show
    {"widgets"},  # what a lesson shows
    {"instructor"},  # the nbgrader pipeline
    {"progress"},  # the learner's views, self-grading on the instructors' pipeline
    {"<top>"},  # the front doors: cli, lab, lesson, lesson_objectives, private_files
]
MAX_UPWARD = 2
MAX_MODULES_PER_FOLDER = 15


def _layer(module: str) -> int:
    if module == "course_lib":  # the package's face: a version and a docstring, below everything
        return 0
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 and (PACKAGE_DIR / parts[1]).is_dir() else "<top>"
    return next(i for i, names in enumerate(LAYERS) if top in names)


def test_every_subpackage_has_a_layer():
    """A new subpackage must be placed in the layer table before it can be used."""
    for name in modules():
        _layer(name)


def test_no_import_circles():
    """No group of modules imports itself round (lazy imports inside functions count; type-only ones do not)."""
    assert cycles(edges()) == []


def test_imports_run_down_the_layers_with_at_most_two_justified_exceptions():
    """At most two imports run back up, each saying why in a comment on its line."""
    upward = [e for e in edges() if _layer(e.target) > _layer(e.source)]
    assert len(upward) <= MAX_UPWARD, "\n".join(f"{e.source}:{e.line} -> {e.target}" for e in upward)
    for edge in upward:
        assert "#" in edge.text, f"{edge.source}:{edge.line} imports upwards without saying why"


def test_no_folder_holds_more_than_fifteen_modules():
    """Every package folder stays small enough to read at a glance (its __init__ counted)."""
    for folder in [PACKAGE_DIR, *(p.parent for p in PACKAGE_DIR.rglob("__init__.py"))]:
        count = len(list(folder.glob("*.py")))
        assert count <= MAX_MODULES_PER_FOLDER, f"{folder.relative_to(PACKAGE_DIR.parent)} holds {count} modules"


def test_every_package_has_a_docstring_that_names_what_it_offers():
    """Each package's face says what it is for, and names each of its subpackages and modules."""
    for init in PACKAGE_DIR.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text())) or ""
        assert len(doc) > 60, f"{init} has no docstring worth the name"
        children = [p.stem for p in init.parent.glob("*.py") if p.stem != "__init__"]
        children += [p.name for p in init.parent.iterdir() if (p / "__init__.py").is_file()]
        missing = [c for c in children if c not in doc]
        assert not missing, f"{module_name(init)}'s docstring does not mention {missing}"


def _subpackages() -> set[str]:
    return {p.parent.name for p in PACKAGE_DIR.glob("*/__init__.py")}


def test_the_package_face_and_the_readme_list_every_subpackage():
    """course_lib's docstring and the README's layout section both list every subpackage, and nothing that is gone."""
    face = course_lib.__doc__
    layout = README.read_text().split("## Layout", 1)[1].split("\n## ", 1)[0]
    for name in _subpackages():
        assert f"course_lib.{name}" in face, name
        assert f"{name}/" in layout, name
    for text in (face, layout):
        for named in set(re.findall(r"course_lib[./](\w+)", text)):
            assert (PACKAGE_DIR / named).is_dir() or (PACKAGE_DIR / f"{named}.py").is_file(), named


def test_the_learners_path_uses_no_test_helper():
    """Nothing a learner runs (lessons, practice, progress, self-grading) reaches the synthetic test classes."""
    found = edges()
    graph: dict[str, set[str]] = {}
    for edge in found:
        graph.setdefault(edge.source, set()).add(edge.target)
    learner = [m for m in modules() if m.split(".")[1:2] and m.split(".")[1] in
               {"lesson", "practice", "progress", "record", "widgets", "ui", "grading", "charts"}]
    seen, todo = set(), list(learner)
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(graph.get(current, ()))
    assert not {m for m in seen if m.startswith("course_lib.instructor.testing")}


def test_the_import_graph_sees_a_planted_circle(tmp_path):
    """The circle check can fail: two modules that import each other are reported, lazily or not; a type-only import
    back (c → a under TYPE_CHECKING, with a importing c) does not close a circle."""
    package = tmp_path / "course_lib"
    package.mkdir()
    (package / "__init__.py").write_text('"""x."""\n')
    (package / "a.py").write_text("from course_lib import b, c\n")
    (package / "b.py").write_text("def f():\n    from course_lib import a\n")
    (package / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from course_lib import a\n")
    assert cycles(edges(package)) == [["course_lib.a", "course_lib.b"]]
