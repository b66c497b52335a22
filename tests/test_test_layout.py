"""tests/ mirrors course_lib/: every module has a test module named after it, or is listed in one small table with the
test that covers it, and every test file sits in the folder of its subject."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.paths import ROOT

PACKAGE = ROOT / "course_lib"
TESTS = ROOT / "tests"

# Modules without a test module of their own (path inside course_lib -> the test file that covers them, and how).
# A module appears here only when a test module named after it would repeat that file.
COVERED_ELSEWHERE = {
    "charts/equivalence.py": ("widgets/evidence/test_equivalence_explorer.py", "the explorer's chart"),
    "charts/progress.py": ("progress/test_overview.py", "the progress view's chart, alt text and table"),
    "content/concepts/case.py": ("widgets/concepts/test_case_walkthrough.py", "the case data with its walk-through"),
    "content/concepts/interventions.py": ("widgets/concepts/test_continuum.py", "the interventions with the continuum"),
    "content/concepts/triangles.py": ("widgets/concepts/test_two_triangles.py", "the triangles with their widget"),
    "content/head_to_head.py": ("content/concepts/test_therapies.py", "the findings in both directions"),
    "grading/errors.py": ("grading/test_normalise.py", "the error a normaliser raises for an unreadable answer"),
    "instructor/course/__init__.py": ("test_cli.py", "CourseError as one plain line from the course command"),
    "instructor/course/coursedir.py": ("instructor/course/test_deadlines.py", "finding and opening a course"),
    "instructor/course/hub_probe.py": ("instructor/course/test_check_hub.py", "what check-hub probes"),
    "instructor/course/tempdirs.py": ("scenarios/pipeline/test_synthetic_class.py", "grading's private folders"),
    "instructor/lms/blackboard.py": ("instructor/lms/test_init.py", "every adapter's declared rules"),
    "instructor/lms/canvas.py": ("instructor/lms/test_init.py", "every adapter's declared rules"),
    "instructor/lms/moodle.py": ("instructor/lms/test_init.py", "every adapter's declared rules"),
    "instructor/lms/rules.py": ("instructor/lms/test_init.py", "the rules an adapter declares, a fourth LMS"),
    "instructor/lms/columns.py": ("instructor/lms/test_feedback.py", "a quiz's own LMS column"),
    "instructor/lms/record.py": ("instructor/lms/test_collect.py", "what collect writes down"),
    "instructor/lms/roster.py": ("instructor/lms/test_export.py", "rosters read for the LMS export"),
    "instructor/lms/uploads.py": ("instructor/lms/test_collect.py", "the LMS's upload names"),
    "instructor/quizzes/keylines.py": ("scenarios/pipeline/test_synthetic_class.py", "keys read from hidden tests"),
    "instructor/report/answers_read.py": ("instructor/report/test_item_analysis.py", "what each student answered"),
    "instructor/report/class_scores.py": ("instructor/report/test_item_analysis.py", "the class's scores"),
    "instructor/report/item_info.py": ("instructor/report/test_item_analysis.py", "each item's question"),
    "instructor/report/option_counts.py": ("instructor/report/test_item_analysis.py", "who chose each option"),
    "instructor/report/option_tables.py": ("instructor/report/test_item_analysis.py", "the option tables"),
    "instructor/runner/grade_one.py": ("scenarios/pipeline/test_failed_grading.py", "one student's grading"),
    "instructor/runner/kernel_zygote.py": ("instructor/runner/test_forked_kernels.py", "the zygote's kernels"),
    "instructor/steps/autograde.py": ("scenarios/pipeline/test_synthetic_class.py", "parallel autograde"),
    "instructor/steps/status.py": ("scenarios/pipeline/test_synthetic_class.py", "course status on a class"),
    "instructor/steps/submission.py": ("instructor/runner/test_sandbox.py", "submissions put in place"),
    "instructor/testing/synthetic.py": ("scenarios/pipeline/test_synthetic_class.py", "the synthetic class"),
    "instructor/testing/synthetic_graded.py": ("instructor/report/test_item_analysis.py", "graded classes"),
    "practice/voice.py": ("content/test_vignettes.py", "the voices of the exchanges"),
    "progress/__init__.py": ("scenarios/notebooks/test_simulated_learner.py", "the views a lesson opens"),
    "progress/review_session.py": ("progress/test_overview.py", "Review now"),
    "progress/selfcheck_button.py": ("progress/test_selfcheck.py", "the self-check a quiz offers"),
    "progress/summary.py": ("progress/test_commands.py", "course progress's summary"),
    "record/recorder.py": ("record/test_store.py", "the recording hooks"),
    "record/review.py": ("record/test_mastery.py", "the review queue's rules"),
    "ui/scroll_region.py": ("evidence_views/test_tables.py", "tables in a labelled scroll region"),
    "widgets/evidence/both_directions.py": ("widgets/concepts/test_therapies_map.py", "the both-directions view"),
    "widgets/lesson_start.py": ("content/test_lessons.py", "what a lesson shows of the course map"),
}

# Test folders about the repository rather than a module: each test module there is named after the file it checks.
REPOSITORY_FOLDERS = {
    "packaging": {"bootstrap": "tools/bootstrap.sh", "constraints": "constraints.txt",
                  "environment": "environment.yml", "extension_packaging": "course_lib/labextension"},
    "docs": "docs/{name}.md",
}
# Top-level test modules that are about the package as a whole.
ABOUT_THE_PACKAGE = {"test_architecture.py", "test_test_layout.py"}


def _needs_a_test(module: Path) -> bool:
    """A package face needs its own tests only where it holds code (a function or a class), not just imports."""
    if module.name != "__init__.py":
        return True
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.FunctionDef | ast.ClassDef) for node in tree.body)


def _own_test(module: Path, package: Path, tests: Path) -> Path:
    relative = module.relative_to(package)
    name = "test_init.py" if module.name == "__init__.py" else f"test_{module.stem}.py"
    return tests / relative.parent / name


def untested(package: Path, tests: Path, elsewhere: dict) -> list[str]:
    """Modules with neither a test module named after them nor an entry in ``elsewhere``."""
    return [str(m.relative_to(package)) for m in sorted(package.rglob("*.py"))
            if "labextension" not in m.parts and _needs_a_test(m)
            and not _own_test(m, package, tests).is_file() and str(m.relative_to(package)) not in elsewhere]


def misplaced(package: Path, tests: Path, repo: Path) -> list[str]:
    """Test files whose folder and name do not say their subject (a module, a scenario or a repository file)."""
    wrong = []
    for test in sorted(tests.rglob("test_*.py")):
        folder = test.parent.relative_to(tests)
        parts, name = folder.parts, test.stem.removeprefix("test_")
        if parts[:1] == ("scenarios",):
            ok = len(parts) == 2 and _docstring(test.parent)
        elif parts[:1] == ("support",):
            ok = False  # helpers only; a test there would hide from its subject's folder
        elif len(parts) == 1 and parts[0] in REPOSITORY_FOLDERS:
            rule = REPOSITORY_FOLDERS[parts[0]]
            target = rule.get(name) if isinstance(rule, dict) else rule.format(name=name)
            ok = target is not None and (repo / target).exists()
        elif not parts:
            ok = test.name in ABOUT_THE_PACKAGE or (package / f"{name}.py").is_file()
        else:
            home = package.joinpath(*parts)
            ok = (home / "__init__.py").is_file() and (name == "init" or (home / f"{name}.py").is_file())
        if not ok:
            wrong.append(str(test.relative_to(tests)))
    return wrong


def _docstring(folder: Path) -> bool:
    init = folder / "__init__.py"
    return init.is_file() and len(ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or "") > 40


def test_every_module_has_a_test_module_named_after_it_or_a_listed_one():
    """No silent gaps: a module without tests of its own names, in COVERED_ELSEWHERE, the test that covers it."""
    assert untested(PACKAGE, TESTS, COVERED_ELSEWHERE) == []


def test_the_table_lists_only_modules_that_exist_and_tests_that_exist():
    """COVERED_ELSEWHERE points at real test files, and names no module that is gone or has its own test module."""
    for module, (test, _) in COVERED_ELSEWHERE.items():
        assert (PACKAGE / module).is_file(), f"{module} is gone: drop it from COVERED_ELSEWHERE"
        assert (TESTS / test).is_file(), f"{module} is said to be covered by {test}, which does not exist"
        assert not _own_test(PACKAGE / module, PACKAGE, TESTS).is_file(), f"{module} has its own test module now"


def test_every_test_file_sits_in_the_folder_of_its_subject():
    """tests/<package>/test_<module>.py for a module, tests/scenarios/<flow>/ for flows, never loose or in support/."""
    assert misplaced(PACKAGE, TESTS, ROOT) == []


def test_every_test_folder_is_a_package():
    """Each folder of Python files under tests/ has an __init__.py, so test modules are imported by their full name
    (tests.charts.test_style, tests.ui.test_look...) and two test_<module>.py files never collide."""
    folders = {path.parent for path in TESTS.rglob("*.py") if "__pycache__" not in path.parts}
    assert sorted(str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").is_file()) == []


def test_the_layout_check_finds_a_gap_and_a_stray(tmp_path):
    """The checks can fail: a module with no test and a test in the wrong folder are both reported."""
    package, tests = tmp_path / "course_lib", tmp_path / "tests"
    for folder in (package / "charts", tests / "charts", tests / "practice", tests / "scenarios" / "flows"):
        folder.mkdir(parents=True)
        (folder / "__init__.py").write_text('"""Flows that cross modules: a lesson run end to end in a kernel."""\n')
    (package / "charts" / "forest.py").write_text("")
    (package / "charts" / "curves.py").write_text("")
    (tests / "charts" / "test_forest.py").write_text("")
    (tests / "practice" / "test_forest.py").write_text("")  # no course_lib/practice/forest.py
    (tests / "scenarios" / "flows" / "test_anything.py").write_text("")
    assert untested(package, tests, {}) == ["charts/curves.py"]
    assert untested(package, tests, {"charts/curves.py": ("charts/test_forest.py", "")}) == []
    assert misplaced(package, tests, tmp_path) == ["practice/test_forest.py"]
