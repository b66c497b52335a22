"""The progress view and Review now in a real JupyterLab, driven by headless Chromium: the view renders with its
chart (alt text) and table, and a due review card is answered from the keyboard and mouse and recorded."""

from __future__ import annotations

import time

import nbformat
import pytest
from browser_support import LabServer, browser_available, chromium, open_notebook, run_all
from notebook_paths import ROOT

from course_lib.content.lessons import lessons
from course_lib.practice import find_question
from course_lib.record import store
from course_lib.record.review import DAY
from course_lib.record.store import Attempt, ProgressStore

pytestmark = [pytest.mark.browser, pytest.mark.skipif(browser_available() is not None, reason=str(browser_available()))]

PORT = 18943
OUTPUT = ".jp-Notebook .jp-OutputArea-output"
ARTIFACTS = ROOT / "artifacts" / "browser"


@pytest.fixture
def lab(tmp_path, monkeypatch):
    """A lab whose kernels use a private record in which q01.1 was answered wrongly two days ago."""
    record = tmp_path / "record"
    monkeypatch.setenv(store.ENVIRONMENT_VARIABLE, str(record))
    ProgressStore(record).add_attempts([
        Attempt(time.time() - 2 * DAY, "practice", "q01.1", ("o1.1",), "incorrect"),
        Attempt(time.time() - 2 * DAY, "practice", "q01.8", ("o1.1",), "correct")])
    root = tmp_path / "root"
    root.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from course_lib.progress import progress_view\n\nprogress_view()")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, root / "progress.ipynb")
    with LabServer(root, PORT, tmp_path / "state") as server, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        yield context.new_page(), server, ProgressStore(record)
        context.close()


def test_progress_view_renders_and_a_review_card_is_answered(lab):
    page, server, record = lab
    open_notebook(page, server, "progress.ipynb")
    run_all(page)
    view = page.locator(f"{OUTPUT} .course-progress-view")
    view.wait_for(timeout=30_000)
    course = lessons()
    objectives = sum(len(lesson.objectives) for lesson in course)
    assert f"Lessons done: 0 of {len(course)}" in view.inner_text()
    assert f"0 mastered, 1 in progress, {objectives - 1} not started" in view.inner_text()
    image = view.locator("figure.course-chart img")
    assert image.get_attribute("alt").startswith("Stacked bars, one per lesson")
    assert image.bounding_box()["width"] > 100
    assert view.locator("table.course-chart-data caption").inner_text().startswith("Data shown in the chart")
    status = view.locator("[role=status]").filter(has_text="due for review")
    assert "1 question(s) due for review" in status.inner_text()

    button = view.get_by_role("button", name="Review now")
    button.focus()
    page.keyboard.press("Enter")
    card = view.locator(".course-question-card")
    card.wait_for(timeout=15_000)
    assert "Practice question q01.1" in card.inner_text()
    question = find_question("q01.1")
    card.get_by_text(f"{question.answer}. {question.choices[question.answer]}", exact=True).click()
    card.get_by_role("button", name="Check").click()
    card.locator(".course-card-feedback").get_by_text("Correct", exact=False).first.wait_for(timeout=15_000)
    view.locator(".course-review-status").filter(has_text="1 of 1 answered").wait_for(timeout=15_000)
    latest = record.attempts()[-1]
    assert (latest.item, latest.source, latest.outcome) == ("q01.1", "review", "correct")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "progress_view.png"), full_page=True)
