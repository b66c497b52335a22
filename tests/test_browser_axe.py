"""The axe gate: axe-core (WCAG 2.1 A/AA) in the course's own JupyterLab finds no serious or critical violation
caused by the course, in every lesson after Run All and after working its widgets, and in every released quiz after
Run All and after working its forms.

Caused by the course: the node sits in a notebook output (lessons, course widgets) or in a quiz form. Everything
else is JupyterLab's own page; its rules are listed with their reasons in tests/data/axe_jupyterlab.toml and
reported as warnings, so they stay visible and a new one fails the gate until it is understood.
Axe skips colour contrast in JupyterLab unless the page has a height (JupyterLab's body is 0 px high, axe-core
#3996): each page gets ``html, body {height: 100%}`` and a viewport as tall as the notebook before axe runs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import warnings
from pathlib import Path

import pytest
from browser_support import KERNEL_READY, LabServer, browser_available, chromium, open_notebook, run_all
from notebook_paths import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.skipif(browser_available() is not None, reason=str(browser_available()))]

PORT = 18950
LESSONS = sorted(path.name for path in (ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb"))
QUIZZES = sorted(path.stem for path in (ROOT / "assignments" / "quizzes").glob("q*.toml"))
JUPYTERLAB_RULES = tomllib.loads((Path(__file__).parent / "data" / "axe_jupyterlab.toml").read_text())["rules"]
COURSE_ZONE = ".jp-OutputArea-output, .cq-form"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async ([zone, tags]) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
                                          elementRef: true});
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact)).flatMap(v => v.nodes.map(n => ({
    rule: v.id, impact: v.impact, course: !!(n.element && n.element.closest(zone)),
    where: n.target.join(' ').slice(-160), why: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 240)})));
}"""
NOTEBOOK_HEIGHT = """() => Math.max(0, ...[...document.querySelectorAll(
  '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer, .jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook'
)].map(e => e.scrollHeight))"""
SKIP_BUTTONS = {"Grade my quiz"}  # runs nbgrader on the saved file: exercised by the progress suite, not here


def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def course(*args: str, root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "course_lib.cli", "--course-dir", str(root), *args],
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """The lessons and every released quiz (``course release`` in a private copy) in one JupyterLab."""
    root = tmp_path_factory.mktemp("lab-root")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    quizzes = root / "course"
    quizzes.mkdir()
    for name in ("nbgrader_config.py", "alignment.toml"):
        shutil.copy(ROOT / "assignments" / name, quizzes)
    shutil.copytree(ROOT / "assignments" / "source", quizzes / "source")
    for quiz in QUIZZES:
        done = course("release", quiz, root=quizzes)
        assert done.returncode == 0, done.stdout + done.stderr
    with LabServer(root, PORT, tmp_path_factory.mktemp("lab-state")) as server, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        yield server, context.new_page(), axe_source()
        context.close()


def audit(page, axe: str) -> list[dict]:
    """Serious and critical violations on the page, each marked as the course's or JupyterLab's."""
    page.set_viewport_size({"width": 1280, "height": min(int(page.evaluate(NOTEBOOK_HEIGHT)) + 200, 32_000)})
    page.add_style_tag(content="html, body {height: 100%}")
    page.evaluate(axe)
    try:
        return page.evaluate(RUN_AXE, [COURSE_ZONE, WCAG])
    finally:
        page.set_viewport_size({"width": 1280, "height": 1000})


def judge(found: list[dict], where: str) -> None:
    """Fail on the course's violations and on an unlisted JupyterLab rule; report the listed ones."""
    ours = [f"{v['rule']} ({v['impact']}) at {v['where']}: {v['why']}" for v in found if v["course"]]
    assert not ours, f"{where}: {len(ours)} serious or critical violations caused by the course:\n" + "\n".join(ours)
    theirs = sorted({v["rule"] for v in found if not v["course"]})
    unlisted = [rule for rule in theirs if rule not in JUPYTERLAB_RULES]
    assert not unlisted, f"{where}: JupyterLab rules not in tests/data/axe_jupyterlab.toml: {unlisted}: " + "; ".join(
        f"{v['rule']} at {v['where']}: {v['why']}" for v in found if v["rule"] in unlisted)
    if theirs:
        warnings.warn(f"axe, {where}: JupyterLab's own (see tests/data/axe_jupyterlab.toml): {', '.join(theirs)}",
                      stacklevel=2)


def wait_idle(page) -> None:
    page.wait_for_function(KERNEL_READY, timeout=60_000, polling=200)
    page.wait_for_timeout(300)


def work_widgets(page) -> int:
    """Work every course widget as a student would: pick in every list and radio group, tick a box, move each
    slider, type in each box, press every button. Returns how many controls were worked."""
    worked = 0
    zone = page.locator(".course-widget")
    for select in zone.locator("select:enabled").all():
        if select.is_visible() and select.locator("option").count() > 1:
            select.select_option(index=1)
            worked += 1
    for group in zone.locator(".widget-radio-box").all():
        radio = group.locator("input[type=radio]:enabled").first
        if radio.count() and radio.is_visible():
            radio.check()
            worked += 1
    for box in zone.locator("input[type=checkbox]:enabled").all()[:6]:
        if box.is_visible():
            box.check()
            worked += 1
    for handle in zone.locator(".noUi-handle").all():
        if handle.is_visible():
            handle.focus()
            handle.press("ArrowRight")
            worked += 1
    for field in zone.locator("input[type=text]:enabled, textarea:enabled").all():
        if field.is_visible():
            field.fill("0.5")
            worked += 1
    wait_idle(page)
    for button in zone.locator("button").all():
        if button.is_visible() and button.is_enabled() and button.inner_text().strip() not in SKIP_BUTTONS:
            button.click()
            worked += 1
    wait_idle(page)
    return worked


def test_the_gate_sees_a_violation_in_a_course_output(session):
    """The gate is not vacuous: an unnamed button and an image without alt text in an output are caught as the
    course's, and JupyterLab's own violations are told apart."""
    server, page, axe = session
    open_notebook(page, server, "notebooks/00_start_here.ipynb")
    run_all(page)
    page.evaluate("""() => document.querySelector('.jp-OutputArea-output').insertAdjacentHTML('beforeend',
        '<button class="planted"></button><img class="planted" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">')""")
    found = audit(page, axe)
    ours = {v["rule"] for v in found if v["course"]}
    assert {"button-name", "image-alt"} <= ours
    assert all(v["rule"] in {"button-name", "image-alt"} for v in found if v["course"])


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_lesson_has_no_serious_violation_of_the_courses_own(session, lesson):
    """After Run All and after working every widget: no serious or critical axe violation caused by the course."""
    server, page, axe = session
    open_notebook(page, server, f"notebooks/{lesson}")
    run_all(page)
    judge(audit(page, axe), f"{lesson} after Run All")
    if page.locator(".course-widget").count():
        assert work_widgets(page) > 0
        judge(audit(page, axe), f"{lesson} after working its widgets")


@pytest.mark.parametrize("quiz", QUIZZES)
def test_a_released_quiz_has_no_serious_violation_of_the_courses_own(session, quiz):
    """A released quiz as a student opens it and runs it (Run All, every answer still empty), then with one option
    chosen in every form."""
    server, page, axe = session
    open_notebook(page, server, f"course/release/{quiz}/{quiz}.ipynb")
    page.wait_for_selector(".cq-form", timeout=60_000)
    run_all(page)
    judge(audit(page, axe), f"{quiz} after Run All")
    for fieldset in page.locator(".cq-form fieldset").all():
        control = fieldset.locator("input[type=radio], input[type=checkbox], select").first
        if control.count():
            if control.evaluate("e => e.tagName") == "SELECT":
                control.select_option(index=1)
            else:
                control.check()
    page.wait_for_timeout(500)
    judge(audit(page, axe), f"{quiz} after answering through its forms")
