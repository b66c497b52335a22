"""A practice card's number box in a real JupyterLab: what a student types with the keyboard is what is checked.

Chromium's own number box turns a typed "0,69" into 069; the card's box must hand the course the text as typed.
"""

from __future__ import annotations

import nbformat
import pytest
from browser_support import LabServer, browser_available, chromium, open_notebook, run_all

pytestmark = [pytest.mark.browser, pytest.mark.skipif(browser_available() is not None, reason=str(browser_available()))]

PORT = 18937
CARD = 'from course_lib.practice import practice\npractice("q05.1").card()'  # U3 for d = 0.5: 0.69 ± 0.01, a proportion


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab-root")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CARD)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, root / "card.ipynb")
    with LabServer(root, PORT, tmp_path_factory.mktemp("lab-state")) as server, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        open_notebook(page, server, "card.ipynb")
        run_all(page)
        yield page


@pytest.mark.parametrize(("typed", "verdict"), [("0,69", "Correct"), ("69%", "Correct"), ("0.5", "Incorrect")])
def test_a_number_typed_in_the_card_is_checked_as_typed(page, typed, verdict):
    """Typed with the keyboard: a comma decimal and a percent sign read as the proportion; a wrong number is wrong."""
    card = page.locator(".course-question-card")
    box = card.get_by_role("textbox", name="Your answer (a number):")
    box.click()
    box.press("Control+a")
    page.keyboard.type(typed)
    assert box.input_value() == typed
    card.get_by_role("button", name="Check").click()
    feedback = card.locator(".course-card-feedback")
    feedback.get_by_text(verdict, exact=False).first.wait_for(timeout=15_000)
    assert "percentage" not in feedback.inner_text()
