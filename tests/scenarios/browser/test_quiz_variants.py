"""Per-student variants in JupyterLab and Notebook 7: a released quiz shows each student their own option order
with nothing to run, the ID is typed once in a plain form (keyboard included), a click writes the student's own
letter, another ID gets another order, clicking one's own keys earns full marks under ``course autograde``, and the
student's version passes the axe gate.

The quiz is quiz 1 as ``course release`` makes it (every choice item shuffled per student). What each student should
see comes from the instructor's side, ``course_lib.instructor.quizzes.variant_keys.student_variant``, which derives it
from the source notebook independently of the kernel and of the extension.
"""

from __future__ import annotations

import itertools
import shutil
import time
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest

from course_lib.grading.variants import LETTERS
from course_lib.instructor.quizzes.build import load_quiz
from course_lib.instructor.quizzes.variant_keys import student_variant
from tests.scenarios.browser.test_axe import audit, axe_source, judge
from tests.scenarios.browser.test_quiz_answering import click_answer, grade_and_read
from tests.support.browser_support import KERNEL_READY, LabServer, browser_available, chromium
from tests.support.course_cli import run_course
from tests.support.paths import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.skipif(browser_available() is not None, reason=str(browser_available()))]

QUIZ = "q1_features_and_process"
PORTS = {"lab": 18956, "notebook": 18957}
FIRST, SECOND = "s1234567", "ab.cd-2"
SAVED = "Answer saved in the notebook."
WAITING = "Your own version of this question appears once the quiz has your student ID and its cells have run."
MIME = "application/vnd.course.quiz-variant+json"
_copies = itertools.count()

# Whose version each show cell's output holds (null: no variant output yet), by show cell grade_id.
SHOWN_TO = """([mime]) => {
  const notebook = window.jupyterapp.shell.currentWidget.content;
  const shown = {};
  for (const cell of notebook.widgets) {
    const id = (cell.model.getMetadata('nbgrader') || {}).grade_id || '';
    if (!id.endsWith('_show')) continue;
    shown[id] = null;
    for (let i = 0; i < cell.model.outputs.length; i++) {
      const data = cell.model.outputs.get(i).data[mime];
      if (data) shown[id] = data.student;
    }
  }
  return shown;
}"""
SHOWN_WITH_FORMS = """([mime, student, questions]) => {
  const shown = Object.values((""" + SHOWN_TO + """)([mime]));
  const legends = new Set([...document.querySelectorAll('.cq-form legend')].map(legend => legend.textContent));
  return shown.length > 0 && shown.every(s => s === student) && questions.every(q => legends.has(q));
}"""
SOURCE = """([gradeId]) => {
  const notebook = window.jupyterapp.shell.currentWidget.content;
  const cell = notebook.widgets.find(c => (c.model.getMetadata('nbgrader') || {}).grade_id === gradeId);
  return cell.model.sharedModel.getSource();
}"""


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A private copy of the course with quiz 1 released (``course release``, which also checks for key leaks)."""
    root = tmp_path_factory.mktemp("course")
    for name in ("nbgrader_config.py", "alignment.toml"):
        shutil.copy(ROOT / "assignments" / name, root)
    shutil.copytree(ROOT / "assignments" / "source", root / "source")
    done = run_course(root, "release", QUIZ)
    assert done.returncode == 0, done.stdout + done.stderr
    return root


@pytest.fixture(scope="module")
def items(released) -> dict[str, dict]:
    """The released quiz's variant items: variable -> the check cell's quiz_item (canonical option texts)."""
    notebook = nbformat.read(released / "release" / QUIZ / f"{QUIZ}.ipynb", as_version=4)
    found = {cell.metadata["quiz_item"]["variable"]: cell.metadata["quiz_item"] for cell in notebook.cells
             if cell.metadata.get("quiz_item", {}).get("variant")}
    assert len(found) >= 3, "quiz 1 shuffles its choice items"
    return found


@pytest.fixture(scope="module", params=["lab", "notebook"])
def session(request, released, tmp_path_factory):
    """A student's JupyterLab (as ``make lab`` serves it) or a plain Notebook 7 on the released course."""
    app = request.param
    server = LabServer(released, PORTS[app], tmp_path_factory.mktemp(f"{app}-state"),
                       app="jupyterlab" if app == "lab" else "notebook")
    with server, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        yield app, server, page
        context.close()


def open_quiz(session, released) -> Path:
    """A fresh copy of the released quiz, opened as a student opens it; returns once its kernel is ready and the
    ID form is drawn."""
    app, server, page = session
    relative = f"work/{app}/{QUIZ}_{next(_copies)}.ipynb"
    (released / relative).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(released / "release" / QUIZ / f"{QUIZ}.ipynb", released / relative)
    prefix = "lab/tree" if app == "lab" else "notebooks"
    page.goto(server.url(f"{prefix}/{relative}") + ("&reset" if app == "lab" else ""))
    page.wait_for_function("() => !!window.jupyterapp", timeout=60_000)
    page.wait_for_selector(".cq-id-form", timeout=60_000)
    page.wait_for_function(KERNEL_READY, timeout=60_000)
    return released / relative


def shown_to(page) -> dict[str, str | None]:
    return page.evaluate(SHOWN_TO, [MIME])


def wait_shown_to(page, student: str, items: dict[str, dict]) -> None:
    """Until every show cell holds ``student``'s version and every variant item has its form again."""
    questions = [f"{item['question']}: your answer" for item in items.values()]
    page.wait_for_function(SHOWN_WITH_FORMS, arg=[MIME, student, questions], timeout=60_000, polling=200)


def form(page, question: str):
    return page.get_by_role("group", name=f"{question}: your answer")


def option_labels(page, item: dict) -> list[str]:
    """The options a form offers, as their labels read ("B: ...")."""
    box = form(page, item["question"])
    if item["kind"] in ("single", "multiple"):
        return [text.strip() for text in box.locator("label.cq-choice span").all_inner_texts()]
    return [text.strip() for text in box.locator("select").first.locator("option").all_inner_texts()][1:]


def expected_labels(student: str, released: Path, items: dict[str, dict]) -> dict[str, list[str]]:
    """What each variant item's form must offer ``student``: the canonical texts in their order, under A, B, ..."""
    versions = student_variant(QUIZ, student, course_dir=released)
    expected = {}
    for variable, item in items.items():
        order = versions[variable].order
        assert order, f"{variable} is shuffled"
        expected[variable] = [f"{LETTERS[i]}: {item['option_texts'][letter]}" for i, letter in enumerate(order)]
    return expected


def read_saved(path: Path, tries: int = 50) -> nbformat.NotebookNode:
    """The saved notebook; read again if caught while the server rewrites it."""
    for _ in range(tries - 1):
        try:
            return nbformat.read(path, as_version=4)
        except ValueError:
            time.sleep(0.1)
    return nbformat.read(path, as_version=4)


def sources(path: Path) -> dict[str, str]:
    """The saved file's cell sources by grade_id."""
    return {cell.metadata["nbgrader"]["grade_id"]: cell.source for cell in read_saved(path).cells
            if "nbgrader" in cell.metadata}


def id_line(page) -> str:
    """The student ID line: the first line of its answer cell (the form writes it on top of the stub comment)."""
    return source(page, "student_id_answer").splitlines()[0]


def source(page, grade_id: str) -> str:
    return page.evaluate(SOURCE, [grade_id])


def saved_students(page, path: Path, expected: str, timeout_s: float = 15.0) -> set[str]:
    """Whose versions the saved file's show cells record, once they all name ``expected`` (or when time is up)."""
    deadline = time.monotonic() + timeout_s
    while True:
        notebook = read_saved(path)
        students = {output["data"][MIME]["student"] for cell in notebook.cells
                    if cell.metadata.get("nbgrader", {}).get("grade_id", "").endswith("_show")
                    for output in cell.get("outputs", []) if MIME in output.get("data", {})}
        if students == {expected} or time.monotonic() > deadline:
            return students
        page.wait_for_timeout(250)


def type_id(page, student: str) -> None:
    box = page.get_by_role("textbox", name="Your student ID")
    box.fill(student)
    box.press("Enter")


def test_the_show_cells_run_by_themselves_and_each_variant_item_waits_for_the_id(session, released, items):
    """Opened with no outputs and nothing typed: the quiz's own cells run by themselves (every show cell records a
    version for no one yet), each variant item says in plain words what it waits for, and no answer is touched."""
    page = session[2]
    path = open_quiz(session, released)
    page.wait_for_function(f"() => Object.values(({SHOWN_TO})([{MIME!r}])).every(s => s === '')", timeout=60_000)
    assert set(shown_to(page)) == {f"{variable}_show" for variable in items}
    notes = page.locator(".cq-note").all_inner_texts()
    assert sum(WAITING in note for note in notes) == len(items)
    for item in items.values():
        assert form(page, item["question"]).count() == 0
    released_cells = sources(released / "release" / QUIZ / f"{QUIZ}.ipynb")
    assert saved_students(page, path, "") == {""}, "the run was saved: the file records what was shown"
    saved = sources(path)
    assert {grade_id: saved[grade_id] for grade_id in saved if grade_id.endswith("_answer")} == {
        grade_id: released_cells[grade_id] for grade_id in released_cells if grade_id.endswith("_answer")}


def test_each_student_sees_their_own_order_and_a_click_writes_their_letter(session, released, items):
    """After an ID is typed, every shuffled item offers that student's order; clicking the option that holds their
    key writes their own letter; a second ID redraws the forms in that student's order, different for some item."""
    page = session[2]
    path = open_quiz(session, released)
    type_id(page, FIRST)
    assert id_line(page) == f'student_id = "{FIRST}"'
    wait_shown_to(page, FIRST, items)
    first = expected_labels(FIRST, released, items)
    assert {variable: option_labels(page, item) for variable, item in items.items()} == first

    singles = [variable for variable, item in items.items() if item["kind"] == "single"]
    assert singles
    variable = singles[0]
    key = student_variant(QUIZ, FIRST, course_dir=released)[variable].key
    label = next(text for text in first[variable] if text.startswith(f"{key}: "))
    form(page, items[variable]["question"]).get_by_role("radio", name=label).check()
    form(page, items[variable]["question"]).locator("[role=status]").filter(has_text=SAVED).wait_for(timeout=15_000)
    assert f'{variable} = "{key}"' in source(page, f"{variable}_answer").splitlines()
    saved = sources(path)
    assert f'{variable} = "{key}"' in saved[f"{variable}_answer"].splitlines()
    assert saved["student_id_answer"].splitlines()[0] == f'student_id = "{FIRST}"'

    type_id(page, SECOND)
    wait_shown_to(page, SECOND, items)
    second = expected_labels(SECOND, released, items)
    assert {variable: option_labels(page, item) for variable, item in items.items()} == second
    assert any(first[variable] != second[variable] for variable in items), "another ID, another order somewhere"
    assert saved_students(page, path, SECOND) == {SECOND}, "the file records the version shown to the new ID"


def test_every_item_clicked_with_the_students_own_keys_earns_full_marks(session, released, items):
    """A student types their ID and answers every item through the forms with their own version's keys; the saved
    file, graded by ``course autograde`` under that student's name, scores every point (and the shuffled items were
    shuffled for them: some key differs from the declared one)."""
    app, _server, page = session
    student = f"clicker-{app}"
    path = open_quiz(session, released)
    type_id(page, student)
    wait_shown_to(page, student, items)
    versions = student_variant(QUIZ, student, course_dir=released)
    scored = [item for item in load_quiz(ROOT / "assignments" / "quizzes" / f"{QUIZ}.toml").items
              if item.kind != "written"]
    own = [replace(item, key=versions[item.id].key) if item.id in versions else item for item in scored]
    assert any(mine.key != declared.key for mine, declared in zip(own, scored, strict=True))
    for item in own:
        click_answer(page, item)
    scores = grade_and_read(released, QUIZ, student, path)
    assert {item.id: scores[item.id] for item in own} == {item.id: item.points for item in own}


def test_the_id_is_typed_with_the_keyboard_alone(session, released, items):
    """Tab reaches the ID box from its hint; typing and Enter write the line (quotes escaped, so it stays valid
    Python), the live region says it is saved, and that student's version appears."""
    page = session[2]
    open_quiz(session, released)
    page.locator(".cq-id-form .cq-help").click()
    for _ in range(6):  # past the cell's own toolbar, as in test_quiz_forms.tab_to
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.cq-id-form input[type=text]')"):
            break
    else:
        raise AssertionError("Tab never reached the ID box")
    assert page.evaluate("() => document.activeElement.labels[0].textContent") == "Your student ID"
    student = 'o"neil'
    page.keyboard.type(student)
    page.keyboard.press("Enter")
    page.locator(".cq-id-form [role=status]").filter(has_text=SAVED).wait_for(timeout=15_000)
    assert id_line(page) == 'student_id = "o\\"neil"'
    wait_shown_to(page, student, items)
    expected = expected_labels(student, released, items)
    assert {variable: option_labels(page, item) for variable, item in items.items()} == expected


def test_a_students_version_passes_the_axe_gate(session, released, items):
    """The ID form, the notes and the forms drawn for a student's version: no serious or critical axe violation of
    the course's own (the gate of test_axe.py, which audits quizzes before any ID is typed)."""
    app, _server, page = session
    if app != "lab":
        pytest.skip("the axe gate runs in JupyterLab, as test_axe.py does")
    open_quiz(session, released)
    type_id(page, FIRST)
    wait_shown_to(page, FIRST, items)
    axe = axe_source()
    judge(audit(page, axe), f"{QUIZ} with the version of {FIRST}")
    variable, item = next(iter(items.items()))
    form(page, item["question"]).locator("input, select").first.focus()
    judge(audit(page, axe), f"{QUIZ} with {variable}'s form focused")
