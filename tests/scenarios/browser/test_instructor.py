"""The instructor view in a real browser: formgrader lists the quizzes; a released quiz keeps locked cells locked."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.browser_support import LabServer, browser_available, chromium, open_notebook
from tests.support.paths import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.skipif(browser_available() is not None, reason=str(browser_available()))]

PORT = 18918
QUIZ = "q1_features_and_process"
COURSE = Path(sys.executable).parent / "course"

SOURCE_OF = """(index) => window.jupyterapp.shell.currentWidget.content.widgets[index].model.sharedModel.getSource()"""


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory):
    """A copy of the nbgrader course with quiz 1 released by `course release`."""
    course = tmp_path_factory.mktemp("course")
    shutil.copytree(ROOT / "assignments" / "source", course / "source")
    shutil.copy(ROOT / "assignments" / "nbgrader_config.py", course)
    done = subprocess.run([COURSE, "--course-dir", str(course), "release", QUIZ], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return course


@pytest.fixture(scope="module")
def session(course_dir, tmp_path_factory):
    with LabServer(course_dir, PORT, tmp_path_factory.mktemp("lab-state"), instructor=True) as server, \
            chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        yield server, context.new_page()
        context.close()


def test_formgrader_lists_every_quiz(session, course_dir):
    """With the course directory as the server root, the formgrader's assignment list shows each quiz."""
    server, page = session
    page.goto(server.url("formgrader"))
    quizzes = sorted(p.name for p in (course_dir / "source").iterdir() if p.is_dir())
    assert len(quizzes) >= 4
    table = page.locator("table")
    for quiz in quizzes:
        table.get_by_text(quiz, exact=True).first.wait_for(timeout=30_000)


def test_released_quiz_locks_its_locked_cells_but_not_the_answer_cells(session):
    """Typing into a locked test cell changes nothing; typing into an answer cell does (so the check can fail)."""
    server, page = session
    open_notebook(page, server, f"release/{QUIZ}/{QUIZ}.ipynb")
    cells = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")
    metadata = page.evaluate(
        "() => window.jupyterapp.shell.currentWidget.content.widgets.map("
        "c => [c.model.type, c.model.getMetadata('nbgrader') || {}])"
    )
    locked = next(i for i, (kind, nbg) in enumerate(metadata) if kind == "code" and nbg.get("locked"))
    answer = next(i for i, (kind, nbg) in enumerate(metadata) if kind == "code" and nbg.get("solution"))

    for index, should_change in ((locked, False), (answer, True)):
        before = page.evaluate(SOURCE_OF, index)
        editor = cells.nth(index).locator(".jp-InputArea-editor")
        editor.scroll_into_view_if_needed()
        editor.click()
        page.keyboard.press("Enter")  # command mode → edit mode, where it is allowed
        page.keyboard.type("zzz_typed")
        page.keyboard.press("Escape")
        after = page.evaluate(SOURCE_OF, index)
        assert (after != before) is should_change, f"cell {index}: {before!r} became {after!r}"
