"""Every graded quiz answered by clicking only, in JupyterLab and in Notebook 7, then graded by the real pipeline.

For each released quiz: open it as a student would, answer every autograded item through its form (no typing in a
cell), let the form save, put the saved file in ``submitted/``, run ``course autograde`` and read the gradebook: full
marks on every item. A keyboard-only pass answers one quiz with Tab, arrows, Space and Enter alone. A quiz with
per-student variants is answered as the student graded: their ID typed in its box, their own version's keys clicked.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from course_lib.instructor.quizzes.build import load_quiz
from course_lib.instructor.quizzes.variant_keys import student_variant
from tests.support.browser_support import LabServer, browser_available, chromium
from tests.support.course_cli import run_course
from tests.support.paths import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.skipif(browser_available() is not None, reason=str(browser_available()))]

ASSIGNMENTS = ROOT / "assignments"
QUIZZES = sorted(path.stem for path in (ASSIGNMENTS / "quizzes").glob("q*.toml"))
PORTS = {"lab": 18944, "notebook": 18945}
SAVED = "Answer saved in the notebook."


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A private copy of the course with every quiz released (``course release``, which also checks for key leaks)."""
    root = tmp_path_factory.mktemp("course")
    shutil.copy(ASSIGNMENTS / "nbgrader_config.py", root)
    shutil.copy(ASSIGNMENTS / "alignment.toml", root)
    shutil.copytree(ASSIGNMENTS / "source", root / "source")
    for quiz in QUIZZES:
        done = run_course(root, "release", quiz)
        assert done.returncode == 0, done.stdout + done.stderr
    return root


@pytest.fixture(scope="module", params=["lab", "notebook"])
def session(request, released, tmp_path_factory):
    app = request.param
    server = LabServer(released, PORTS[app], tmp_path_factory.mktemp(f"{app}-state"),
                       app="jupyterlab" if app == "lab" else "notebook")
    with server, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        yield app, server, page
        context.close()


def open_quiz(session, relative: str, forms: int, student: str | None = None) -> None:
    """Open a quiz as a student; with ``student``, type that ID in the quiz's ID box first (a quiz with variants
    draws a variant item's form once the student's version is shown)."""
    app, server, page = session
    prefix = "lab/tree" if app == "lab" else "notebooks"
    page.goto(server.url(f"{prefix}/{relative}") + ("&reset" if app == "lab" else ""))
    page.wait_for_function("() => !!window.jupyterapp", timeout=60_000)
    if student:
        box = page.locator(".cq-id-form input[type=text]")
        box.wait_for(timeout=60_000)
        box.fill(student)
        box.press("Enter")
    page.wait_for_function(f"() => document.querySelectorAll('.cq-form').length === {forms}", timeout=120_000)


def scored_items(root: Path, quiz: str, student: str) -> tuple[object, list]:
    """The quiz's data and its automatically scored items, each with the key of ``student``'s own version."""
    data = load_quiz(ASSIGNMENTS / "quizzes" / f"{quiz}.toml")
    items = [item for item in data.items if item.kind != "written"]
    versions = student_variant(quiz, student, course_dir=root) if data.variants.on else {}
    return data, [replace(item, key=versions[item.id].key) if item.id in versions else item for item in items]


def form(page, label: str):
    return page.get_by_role("group", name=f"{label}: your answer")


def click_answer(page, item) -> None:
    """Answer one item through its form with the mouse, as a student would."""
    box = form(page, item.label)
    if item.kind == "single":
        box.locator(f'input[value="{item.key}"]').check()
    elif item.kind == "multiple":
        for letter in item.key:
            box.locator(f'input[value="{letter}"]').check()
    elif item.kind == "matching":
        for n, letter in sorted(item.key.items(), key=lambda pair: int(pair[0])):
            box.locator("select").nth(int(n) - 1).select_option(letter)
    elif item.kind == "ordering":
        for position, letter in enumerate(item.key):
            box.locator("select").nth(position).select_option(letter)
    else:
        field = box.get_by_role("textbox", name="Your answer")
        field.fill(f"{item.key}")
        field.press("Enter")
    box.locator("[role=status]").filter(has_text=SAVED).wait_for(timeout=15_000)


def grade_and_read(root: Path, quiz: str, student: str, notebook: Path) -> dict[str, float]:
    target = root / "submitted" / student / quiz
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(notebook, target / f"{quiz}.ipynb")
    done = run_course(root, "autograde", quiz, "--workers", "1")
    assert done.returncode in (0, 1), done.stdout + done.stderr
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission_notebook(quiz, quiz, student)
        return {grade.name: grade.score for grade in submission.grades}


@pytest.mark.parametrize("quiz", QUIZZES)
def test_every_item_answered_by_clicking_earns_full_marks(session, released, quiz):
    """Clicks alone answer every autograded item; the saved file, graded by course autograde, scores every point."""
    app, _server, page = session
    student = f"clicker-{app}"
    data, items = scored_items(released, quiz, student)
    work = released / "work" / app
    work.mkdir(parents=True, exist_ok=True)
    notebook = work / f"{quiz}.ipynb"
    shutil.copy(released / "release" / quiz / f"{quiz}.ipynb", notebook)
    open_quiz(session, f"work/{app}/{quiz}.ipynb", forms=len(items) + len(data.examples),
              student=student if data.variants.on else None)
    for item in items:
        click_answer(page, item)
    scores = grade_and_read(released, quiz, student, notebook)
    assert {item.id: scores[item.id] for item in items} == {item.id: item.points for item in items}


def test_one_quiz_answered_with_the_keyboard_alone(session, released):
    """Tab, arrow keys, Space and Enter answer quiz 3 (numbers, choices, an order, a matching) in the student's own
    version (the ID typed once in its box; its keyboard path is tested in test_quiz_variants): full marks."""
    app, _server, page = session
    if app != "lab":
        pytest.skip("the keyboard pass runs once, in JupyterLab")
    quiz = "q3_reading_the_evidence"
    data, items = scored_items(released, quiz, "keyboard")
    notebook = released / "work" / "keys" / f"{quiz}.ipynb"
    notebook.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(released / "release" / quiz / f"{quiz}.ipynb", notebook)
    open_quiz(session, f"work/keys/{quiz}.ipynb", forms=len(items) + len(data.examples), student="keyboard")
    for item in items:
        box = form(page, item.label)
        first = box.locator("input, select").first
        first.focus()  # stands for the Tabs that reach the form; every step below is a key press
        if item.kind == "single":
            page.keyboard.press("Space")  # selects the focused first option, like a click on it
            for _ in range("ABCDEFG".index(item.key)):
                page.keyboard.press("ArrowDown")
        elif item.kind == "multiple":
            for letter in item.letters:
                if letter in item.key:
                    page.keyboard.press("Space")
                page.keyboard.press("Tab")
        elif item.kind in ("matching", "ordering"):
            slots = sorted(item.key.items(), key=lambda p: int(p[0])) if item.kind == "matching" else \
                list(enumerate(item.key, 1))
            for _, letter in slots:
                for _ in range("ABCDEFG".index(letter) + 1):  # "— choose —" first, then A, B, …
                    page.keyboard.press("ArrowDown")
                page.keyboard.press("Tab")
        else:
            page.keyboard.type(f"{item.key}")
            page.keyboard.press("Enter")
        box.locator("[role=status]").filter(has_text=SAVED).wait_for(timeout=15_000)
    scores = grade_and_read(released, quiz, "keyboard", notebook)
    assert {item.id: scores[item.id] for item in items} == {item.id: item.points for item in items}
