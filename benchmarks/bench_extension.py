"""The quiz forms extension in JupyterLab (as ``make lab`` serves it, default rendering), headless Chromium:

- click → answer line updated: from the pointer going down on a radio button or the list's change to the answer
  cell's model holding the new line, median of 40 real clicks (goal ≤ 50 ms);
- quiz opened → all forms rendered: from the page's navigation to the last of 20 forms on screen, and from the
  first and the last notebook cell on screen to the last form (reported).

The quiz is the browser suite's fixture (tests/support/data/quiz_forms.ipynb) grown to 20 items, four of each kind.
"""

from __future__ import annotations

import copy
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the repository, for the tests' helpers (tests.support)

from tests.support.browser_support import LabServer, browser_available, chromium  # noqa: E402

FIXTURE = ROOT / "tests" / "support" / "data" / "quiz_forms.ipynb"
PORT = 18991
ITEMS = 20
CLICKS = 40
OPENS = 5
CLICK_GOAL_MS = 50.0

# Installed before the page's own scripts: notes when the first cell and the last form appear (checked each frame).
WATCH_RENDERING = """
window.__cqBench = {};
(function watch() {
  const bench = window.__cqBench;
  const cells = document.querySelectorAll('.jp-Notebook .jp-Cell').length;
  if (bench.cell === undefined && cells) bench.cell = performance.now();
  if (bench.cells === undefined && cells >= %(cells)d) bench.cells = performance.now();
  if (document.querySelectorAll('.cq-form').length >= %(items)d) { bench.forms = performance.now(); return; }
  requestAnimationFrame(watch);
})();
"""
# Times one click: from pointerdown (or the list's change) to the answer cell's source changing.
WATCH_CLICK = """([gradeId]) => {
  const notebook = window.jupyterapp.shell.currentWidget.content;
  const cell = notebook.widgets.find(c => (c.model.getMetadata('nbgrader') || {}).grade_id === gradeId);
  window.__cqClick = {};
  const start = () => { if (window.__cqClick.start === undefined) window.__cqClick.start = performance.now(); };
  document.addEventListener('pointerdown', start, { capture: true, once: true });
  document.addEventListener('change', start, { capture: true, once: true });
  const done = (_, change) => {
    if (change.sourceChange && window.__cqClick.end === undefined) {
      window.__cqClick.end = performance.now();
      cell.model.sharedModel.changed.disconnect(done);
    }
  };
  cell.model.sharedModel.changed.connect(done);
}"""


def bench_quiz(path: Path) -> None:
    """The fixture's well-formed items (the example and the broken pairings left out) repeated up to ITEMS items."""
    fixture = nbformat.read(FIXTURE, as_version=4)
    pairs = []
    for i, cell in enumerate(fixture.cells):
        item = cell.metadata.get("quiz_item")
        answer = fixture.cells[i - 1].metadata.get("nbgrader", {})
        if item and not item.get("example") and answer.get("grade_id") == item["answer_cell"] and answer["solution"]:
            pairs.append((fixture.cells[i - 1], cell))
    cells = [fixture.cells[0]]
    for n in range(1, ITEMS + 1):
        answer, test = (copy.deepcopy(cell) for cell in pairs[(n - 1) % len(pairs)])
        new = f"q{n}"
        answer["id"], test["id"] = f"{new}-answer", f"{new}-test"
        empty = answer.source.splitlines()[-1].split("=", 1)[1].strip()
        answer.source = f"# Question {n}: click your answer below, or type it between the quotes.\n{new} = {empty}"
        answer.metadata["nbgrader"]["grade_id"] = f"{new}_answer"
        test.metadata["nbgrader"]["grade_id"] = f"{new}_test"
        test.metadata["quiz_item"].update(variable=new, answer_cell=f"{new}_answer", question=f"Question {n}")
        cells += [answer, test]
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=fixture.metadata), path)


def open_times(browser, server: LabServer, name: str) -> tuple[float, float, float]:
    """Seconds from navigation to all forms, from the first cell to all forms, and from all cells to all forms."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    try:
        page = context.new_page()
        page.add_init_script(WATCH_RENDERING % {"cells": 2 * ITEMS + 1, "items": ITEMS})
        page.goto(server.url(f"lab/tree/{name}") + "&reset")
        page.wait_for_function("() => window.__cqBench && window.__cqBench.forms !== undefined", timeout=90_000)
        bench = page.evaluate("() => window.__cqBench")
        last_cell = bench.get("cells", bench["forms"])
        return bench["forms"] / 1000, (bench["forms"] - bench["cell"]) / 1000, (bench["forms"] - last_cell) / 1000
    finally:
        context.close()


def click_times(browser, server: LabServer, name: str) -> list[float]:
    """Milliseconds per click, alternating radio buttons of a single-choice item and the lists of a matching one."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    times = []
    try:
        page = context.new_page()
        page.goto(server.url(f"lab/tree/{name}") + "&reset")
        page.wait_for_function(f"() => document.querySelectorAll('.cq-form').length === {ITEMS}", timeout=90_000)
        single = page.get_by_role("group", name="Question 3: your answer")
        matching = page.get_by_role("group", name="Question 5: your answer")
        for i in range(CLICKS):
            if i % 2 == 0:
                grade_id, act = "q3_answer", single.get_by_role("radio").nth(i // 2 % 3 + 1).click
            else:
                letter = "ABCD"[i // 2 % 4]
                grade_id, act = "q5_answer", lambda letter=letter: matching.get_by_role("combobox").first.select_option(
                    letter)
            page.evaluate(WATCH_CLICK, [grade_id])
            act()
            page.wait_for_function("() => window.__cqClick.end !== undefined", timeout=10_000)
            click = page.evaluate("() => window.__cqClick")
            times.append(click["end"] - click["start"])
    finally:
        context.close()
    return times


def run() -> list[dict]:
    reason = browser_available()
    if reason:
        return [{"name": "quiz form click to answer line", "value": float("nan"), "unit": "ms",
                 "goal": f"<= {CLICK_GOAL_MS:g} ms", "met": False, "notes": f"not run: {reason}"}]
    root = Path(tempfile.mkdtemp(prefix="bench-extension-"))
    try:
        bench_quiz(root / "quiz.ipynb")
        with LabServer(root, PORT, root / "state", render_all=False) as server, chromium() as browser:
            opens = [open_times(browser, server, "quiz.ipynb") for _ in range(OPENS)]
            clicks = click_times(browser, server, "quiz.ipynb")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    click_ms = statistics.median(clicks)
    total_s = statistics.median(t for t, _, _ in opens)
    after_cell_s = statistics.median(t for _, t, _ in opens)
    after_cells_s = statistics.median(t for _, _, t in opens)
    return [
        {"name": "quiz form click to answer line in the cell", "value": click_ms, "unit": f"ms median of {CLICKS}",
         "goal": f"<= {CLICK_GOAL_MS:g} ms", "met": click_ms <= CLICK_GOAL_MS,
         "notes": f"real clicks (radio buttons and lists); slowest {max(clicks):.1f} ms; the save follows 400 ms "
                  "later on purpose (one save for quick successive clicks)"},
        {"name": f"quiz opened to all {ITEMS} forms rendered", "value": total_s, "unit": f"s median of {OPENS}",
         "goal": "none (reported)", "met": True,
         "notes": f"from navigation (JupyterLab loading included); first cell on screen to last form: "
                  f"{after_cell_s * 1000:.0f} ms, last cell on screen to last form: {after_cells_s * 1000:.0f} ms; "
                  f"runs: {', '.join(f'{t:.1f}' for t, _, _ in opens)} s"},
    ]
