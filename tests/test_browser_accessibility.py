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
    # Plain ArrowDown is JupyterLab's "next cell" in command mode; Alt+ArrowDown opens the list (lesson 00 says so).
    for key in ("Alt+ArrowDown", "ArrowDown", "Enter"):
        page.keyboard.press(key)
    assert page.evaluate(ACTIVE) == "dropdown:Quick overview"
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
