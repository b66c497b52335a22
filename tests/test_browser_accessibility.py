"""Accessibility in the rendered page: widgets work from the keyboard alone; chart images carry real alt text."""

from __future__ import annotations

import re
import shutil

import pytest
from browser_support import LabServer, browser_available, chromium, open_notebook, run_all
from notebook_paths import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.skipif(browser_available() is not None, reason=str(browser_available()))]

PORT = 18919
OUTPUT = ".jp-Notebook .jp-OutputArea-output"
GENERIC_ALT = re.compile(r"^(chart|figure|image|plot|graph|png|img)?\s*\d*$", re.I)
ACTIVE = """() => {
  const el = document.activeElement;
  if (!el) return '';
  if (el.classList.contains('noUi-handle')) return 'slider';
  if (el.closest('.widget-dropdown') && el.tagName === 'SELECT') return 'dropdown:' + el.value;
  if (el.tagName === 'BUTTON' && el.closest('.jp-OutputArea-output')) return 'button:' + el.textContent.trim();
  return el.tagName.toLowerCase();
}"""


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab-root")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    with LabServer(root, PORT, tmp_path_factory.mktemp("lab-state")) as server, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        yield server, context.new_page()
        context.close()


def tab_to(page, wanted: str, presses: int = 40) -> None:
    """Press Tab until the focused element is ``wanted`` (a prefix of the ACTIVE description)."""
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(ACTIVE))
        if seen[-1].startswith(wanted):
            return
    raise AssertionError(f"Tab never reached {wanted!r}; focus went through {seen}")


def test_every_control_of_the_tour_is_reached_and_operated_by_keyboard(session):
    """Tab reaches the slider, the dropdown and the button; arrows and Enter operate them; feedback follows."""
    server, page = session
    open_notebook(page, server, "notebooks/00_start_here.ipynb")
    run_all(page)
    intro = page.locator(OUTPUT).get_by_text("Practise here", exact=False)
    intro.scroll_into_view_if_needed()
    intro.click()  # a non-focusable spot: sequential focus navigation starts from here

    tab_to(page, "slider")
    for _ in range(2):
        page.keyboard.press("ArrowRight")
    tab_to(page, "dropdown")
    # A plain ArrowDown changes the list, as in any web form (not JupyterLab's "next cell"): lesson 00 says so.
    page.keyboard.press("ArrowDown")
    # The key reaches the list through the browser's event loop, which a loaded machine may not have run yet.
    page.wait_for_function(f"() => ({ACTIVE})() === 'dropdown:Quick overview'", timeout=5_000)
    tab_to(page, "button:Plan my sitting")
    page.keyboard.press("Enter")

    status = page.locator(f"{OUTPUT} [role=status]").filter(has_text="plan about")
    status.wait_for(timeout=15_000)
    assert "40 minutes at a quick pace" in status.inner_text()


def test_chart_images_in_the_evidence_lesson_load_and_have_real_alt_text(session):
    """Every image in the lesson's outputs is drawn (JupyterLab kept its SVG or PNG data) and has alt text that
    describes it (not empty, not 'chart')."""
    server, page = session
    open_notebook(page, server, "notebooks/05_evidence.ipynb")
    run_all(page)
    alts = page.locator(f"{OUTPUT} img").evaluate_all("imgs => imgs.map(i => i.getAttribute('alt') || '')")
    assert len(alts) >= 4, f"expected the lesson's charts, found {len(alts)} images"
    loaded = page.locator(f"{OUTPUT} img").evaluate_all(
        "imgs => imgs.map(i => i.complete && i.naturalWidth > 0 ? '' : i.src.slice(0, 40))")
    assert not any(loaded), f"images that did not load: {[src for src in loaded if src]}"
    for alt in alts:
        assert alt.strip() and not GENERIC_ALT.match(alt.strip()), f"generic or empty alt text: {alt!r}"
        assert len(alt) >= 60 and re.search(r"\d", alt), f"alt text should describe the chart and its numbers: {alt!r}"


SAME_NODE = "([a, b]) => a === b && a.isConnected"
CONTRAST = """el => {
  const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const style = getComputedStyle(el);
  return {width: parseFloat(style.outlineWidth), style: style.outlineStyle,
          ratio: (1 + 0.05) / (lum(style.outlineColor) + 0.05)};
}"""


def test_the_tour_names_its_slider_and_groups_and_announces_in_a_region_that_was_already_there(session):
    """The slider's handle is named and says the value shown; the button's name has no icon glyph; the feedback
    region is the same node before and after Plan my sitting, and its text changed; focus is outlined at 3:1."""
    server, page = session
    open_notebook(page, server, "notebooks/00_start_here.ipynb")
    run_all(page)
    tour = page.locator(".course-widget").filter(has=page.get_by_role("button", name="Plan my sitting"))
    handle = tour.get_by_role("slider", name="Minutes per sitting")
    handle.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    readout = tour.get_by_role("textbox", name="Minutes per sitting: type a value")
    page.wait_for_function("r => r.textContent.trim() === '45'", arg=readout.element_handle(), timeout=15_000)
    assert handle.get_attribute("aria-valuetext") == "45" and handle.get_attribute("aria-valuenow") == "45"

    button = tour.get_by_role("button", name="Plan my sitting", exact=True)
    live = tour.locator(".course-live")
    assert live.get_attribute("role") == "status" and live.get_attribute("aria-live") == "polite"
    before = live.element_handle()
    assert not before.inner_text().strip()
    button.focus()
    page.keyboard.press("Enter")
    live.get_by_text("plan about", exact=False).wait_for(timeout=15_000)
    assert page.evaluate(SAME_NODE, [before, live.element_handle()])
    assert "45 minutes at a steady pace" in before.inner_text()
    assert live.locator("[aria-live], [role=status]").count() == 0  # one live region, not one inside another

    outline = button.evaluate(CONTRAST)  # the button still has focus after Enter
    assert outline["style"] == "solid" and outline["width"] >= 2 and outline["ratio"] >= 3, outline


def answer_with_keys(page, card, question) -> None:
    """Answer one practice card with key presses alone, from its first control to its Check button."""
    first = card.locator("input, select, textarea").first
    first.focus()  # stands for the Tabs that reach the card; every step below is a key press
    kind = question.kind
    if kind == "single":
        page.keyboard.press("Space")
        for _ in range(list(question.choices).index(question.answer)):
            page.keyboard.press("ArrowDown")
    elif kind == "multiple":
        for key in question.choices:
            if key in question.answer:
                page.keyboard.press("Space")
            page.keyboard.press("Tab")
    elif kind in ("matching", "ordering"):
        options = list(question.right if kind == "matching" else question.items)
        wanted = [question.answer[key] for key in question.left] if kind == "matching" else question.answer
        for letter in wanted:
            for _ in range(options.index(letter) + 1):  # "— choose —" first, then A, B, …
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Tab")
    else:
        page.keyboard.type("A dream; I'd add a bit and delete it. X, D D, M, Z.")
        assert first.input_value() == "A dream; I'd add a bit and delete it. X, D D, M, Z."
    for _ in range(4):
        if page.evaluate("() => document.activeElement.textContent.trim()") == "Check":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Check"
    page.keyboard.press("Enter")


def test_lesson_01_practice_cards_answered_with_the_keyboard_alone(session):
    """Every practice card of lesson 01 answered with arrows, Space, Tab, typing and Enter: each says Correct (or
    takes the reflection), in its live region; no key ran a notebook command; Escape goes back to the notebook."""
    from course_lib.practice import practice

    server, page = session
    open_notebook(page, server, "notebooks/01_what_is_psychodynamic_therapy.ipynb")
    run_all(page)
    cells = page.locator(".jp-Notebook .jp-Cell").count()
    cards = page.locator(".course-question-card")
    assert cards.count() >= 5
    assert cards.first.get_by_role("radiogroup", name="Your answer:").count() == 1  # the group has a name
    for index in range(cards.count()):
        card = cards.nth(index)
        card.scroll_into_view_if_needed()
        question_id = card.locator("strong").first.inner_text().removeprefix("Practice question ").strip()
        question = practice(question_id).question
        live = card.locator(".course-live").element_handle()
        answer_with_keys(page, card, question)
        expected = "Correct" if question.kind != "reflection" else "not scored"
        card.locator(".course-live").get_by_text(expected, exact=False).first.wait_for(timeout=15_000)
        assert page.evaluate(SAME_NODE, [live, card.locator(".course-live").element_handle()]), question_id
        assert page.locator(".jp-Notebook .jp-Cell").count() == cells, f"a key ran a notebook command ({question_id})"
        assert page.evaluate("() => !!document.activeElement.closest('.course-widget')")
    page.keyboard.press("Escape")
    assert page.evaluate("() => !document.activeElement.closest('.course-widget')")
    assert page.evaluate("() => window.jupyterapp.shell.currentWidget.content.mode") == "command"
