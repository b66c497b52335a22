"""Every lesson in a real JupyterLab, driven by headless Chromium: runs clean, widgets render and respond.

Screenshots of each lesson after its interaction go to artifacts/browser/ (git-ignored) for people to look at.
"""

from __future__ import annotations

import json
import re
import shutil
import urllib.request

import nbformat
import pytest
from browser_support import LabServer, browser_available, chromium, open_notebook, run_all
from nbclient import NotebookClient
from notebook_paths import NOTEBOOKS, ROOT

from course_lib.practice import load_questions

pytestmark = [pytest.mark.browser, pytest.mark.skipif(browser_available() is not None, reason=str(browser_available()))]

PORT = 18917
ARTIFACTS = ROOT / "artifacts" / "browser"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
OUTPUT = ".jp-Notebook .jp-OutputArea-output"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab-root")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    with LabServer(root, PORT, tmp_path_factory.mktemp("lab-state")) as lab:
        yield lab


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    yield page
    context.close()
    shutdown_kernels(server)


def shutdown_kernels(server: LabServer) -> None:
    """Free the CPU between lessons: stop every kernel the previous test started."""
    with urllib.request.urlopen(server.url("api/kernels"), timeout=10) as response:
        kernels = json.load(response)
    for kernel in kernels:
        request = urllib.request.Request(server.url(f"api/kernels/{kernel['id']}"), method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def expected_widget_outputs(path) -> int:
    """How many widget views the notebook displays when run headless (the browser must render each one)."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return sum(WIDGET_VIEW in out.get("data", {}) for cell in nb.cells for out in cell.get("outputs", []))


def rendered_widgets(page):
    return page.locator(f"{OUTPUT} > .jupyter-widgets")


def first_choice_card(page, lesson_id: str):
    """The first practice card in the page whose question is single choice or multiple select, with that question."""
    questions = {q.id: q for q in load_questions(lesson_id) if q.kind in ("single", "multiple")}
    cards = page.locator(f"{OUTPUT} .widget-vbox").filter(has_text=re.compile(r"Practice question q\d\d[a-z]?\.\d+"))
    for index in range(cards.count()):
        card = cards.nth(index)
        found = re.search(r"Practice question (q\d\d[a-z]?\.\d+)", card.text_content() or "")
        if found and found.group(1) in questions:
            return card, questions[found.group(1)]
    return None, None


def answer_card(page, lesson_id: str) -> str:
    """Answer a practice card correctly, press Check, and return the feedback the student sees."""
    card, question = first_choice_card(page, lesson_id)
    assert card is not None, f"{lesson_id}: no single-choice or multiple-select practice card to answer"
    card.scroll_into_view_if_needed()
    keys = [question.answer] if question.kind == "single" else list(question.answer)
    for key in keys:
        card.get_by_text(f"{key}. {question.choices[key]}", exact=True).click()
    card.get_by_role("button", name="Check").click()
    feedback = card.locator(".course-card-feedback")
    feedback.get_by_text("Correct", exact=False).first.wait_for(timeout=15_000)
    return feedback.inner_text()


def interact_00(page):
    page.get_by_role("button", name="Plan my sitting").click()
    status = page.locator(f"{OUTPUT} [role=status]").filter(has_text="plan about")
    status.wait_for(timeout=15_000)
    assert "30 minutes at a steady pace" in status.inner_text()


def interact_05(page):
    """Move the effect-size slider: the numbers shown change."""
    slider = page.locator(f"{OUTPUT} .widget-slider").first
    slider.scroll_into_view_if_needed()
    readout = slider.locator(".widget-readout")
    output = slider.locator("xpath=ancestor::div[contains(@class, 'jp-OutputArea-output')][1]")
    before_text = output.inner_text()
    handle = slider.locator(".noUi-handle").first
    handle.focus()
    for _ in range(20):
        handle.press("ArrowRight")
    page.wait_for_timeout(1500)
    after_text = output.inner_text()
    assert readout.inner_text() and after_text != before_text, "moving the slider changed nothing on screen"


def interact_02(page):
    """Label a vignette in the spot-the-feature trainer: an explanation appears."""
    trainer = page.locator(f"{OUTPUT} > .jupyter-widgets").filter(has_text=re.compile("score", re.I)).first
    trainer.scroll_into_view_if_needed()
    before = trainer.inner_text()
    choice = trainer.locator("select").first
    if choice.count():
        values = choice.locator("option").evaluate_all("opts => opts.map(o => o.value).filter(v => v !== '')")
        choice.select_option(values[-1])
    else:
        trainer.locator("input[type=radio]").first.check()
    trainer.get_by_role("button", name=re.compile("^Check", re.I)).first.click()
    page.wait_for_timeout(1500)
    assert trainer.inner_text() != before, "labelling a vignette showed no explanation"


def interact_01b(page):
    """Name a defence in the spot-the-defence trainer: the scene's explanation is announced in its live region."""
    trainer = page.locator(f"{OUTPUT} > .jupyter-widgets").filter(has_text=re.compile("Next scene")).first
    trainer.scroll_into_view_if_needed()
    choice = trainer.locator("select").first
    values = choice.locator("option").evaluate_all("opts => opts.map(o => o.value).filter(v => v !== '')")
    choice.select_option(values[-1])  # the last defence: the first option is "— choose —"
    trainer.get_by_role("button", name="Check").click()
    feedback = trainer.locator(".course-live").filter(has_text=re.compile("this scene shows|Right: this is"))
    feedback.first.wait_for(timeout=15_000)
    assert "level" in feedback.first.inner_text()


EXTRA_INTERACTIONS = {"00_start_here": interact_00, "01b_core_concepts": interact_01b,
                      "02_seven_distinctive_features": interact_02, "05_evidence": interact_05}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_lesson_runs_renders_its_widgets_and_responds(page, server, path):
    """Run All gives no error or stderr output, every widget renders, and a real interaction gets a response."""
    expected = expected_widget_outputs(path)
    open_notebook(page, server, f"notebooks/{path.name}")
    run_all(page)
    errors = page.locator(f'{OUTPUT}[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, f"{path.name}: error output in the browser: {errors.first.inner_text()[:400]}"
    widgets = rendered_widgets(page)
    assert widgets.count() == expected, f"{path.name}: {widgets.count()} widgets rendered, {expected} expected"
    outputs_text = "\n".join(page.locator(OUTPUT).all_inner_texts())
    assert "Error displaying widget" not in outputs_text and "Loading widget" not in outputs_text
    for index in range(widgets.count()):
        box = widgets.nth(index).bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0, f"{path.name}: widget {index} has no size"

    if path.stem in EXTRA_INTERACTIONS:
        EXTRA_INTERACTIONS[path.stem](page)
    if path.stem != "00_start_here":
        assert "Correct" in answer_card(page, path.stem)

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{path.stem}.png"))
