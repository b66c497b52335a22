"""The quiz forms extension in JupyterLab and Notebook 7: a click writes the answer line into the right answer cell
and the saved file, a typed line shows in the controls, nothing else in a cell is ever overwritten, keys stay in
the form, and the extension is loaded where students work.

The fixture quiz (tests/support/data/quiz_forms.ipynb) follows the quiz_item metadata contract (extension/README.md):
one item of every kind, an item whose answer cell is locked, and one whose answer cell is missing.
"""

from __future__ import annotations

import itertools
import shutil
import time
from pathlib import Path

import nbformat
import pytest

from tests.support.browser_support import KERNEL_READY, LabServer, browser_available, chromium, run_all
from tests.support.paths import DATA

pytestmark = [pytest.mark.browser, pytest.mark.skipif(browser_available() is not None, reason=str(browser_available()))]

PORTS = {"lab": 18931, "notebook": 18932}
PLUGINS = ("course-quiz-forms:forms", "course-quiz-forms:key-guard", "course-quiz-forms:widget-aria")
SAVED = "Answer saved in the notebook."
CANNOT_SHOW = "Your typed answer is kept; the buttons cannot show it"
_copies = itertools.count()

SOURCE = """([gradeId]) => {
  const notebook = window.jupyterapp.shell.currentWidget.content;
  const cell = notebook.widgets.find(c => (c.model.getMetadata('nbgrader') || {}).grade_id === gradeId);
  return cell.model.sharedModel.getSource();
}"""
SET_SOURCE = """([gradeId, text]) => {
  const notebook = window.jupyterapp.shell.currentWidget.content;
  const cell = notebook.widgets.find(c => (c.model.getMetadata('nbgrader') || {}).grade_id === gradeId);
  cell.model.sharedModel.setSource(text);
}"""
ACTIVE_CELL = "() => window.jupyterapp.shell.currentWidget.content.activeCellIndex"
CELL_COUNT = "() => window.jupyterapp.shell.currentWidget.content.widgets.length"


@pytest.fixture(scope="module", params=["lab", "notebook"])
def session(request, tmp_path_factory):
    """A server (JupyterLab as `make lab` serves it, or a plain Notebook 7) and a page, for the whole module."""
    app = request.param
    root = tmp_path_factory.mktemp(f"{app}-root")
    server = LabServer(root, PORTS[app], tmp_path_factory.mktemp(f"{app}-state"),
                       app="jupyterlab" if app == "lab" else "notebook", instructor=app == "notebook")
    with server, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" after a test left unsaved edits
        yield app, server, page
        context.close()


def open_copy(session, fixture: str = "quiz_forms.ipynb", forms: int = 6,
              sources: dict[str, str] | None = None) -> Path:
    """Copy a fixture notebook into the server's root under a fresh name (``sources``: new sources by grade_id),
    open it, wait for its forms."""
    app, server, page = session
    path = server.root / f"{Path(fixture).stem}_{next(_copies)}.ipynb"
    shutil.copy(DATA / fixture, path)
    if sources:
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            cell.source = sources.get(cell.metadata.get("nbgrader", {}).get("grade_id"), cell.source)
        nbformat.write(notebook, path)
    prefix = "lab/tree" if app == "lab" else "notebooks"
    page.goto(server.url(f"{prefix}/{path.name}") + ("&reset" if app == "lab" else ""))
    page.wait_for_function("() => !!window.jupyterapp", timeout=60_000)
    page.wait_for_function(f"() => window.jupyterapp.shell.currentWidget?.context?.path === '{path.name}'",
                           timeout=60_000)
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_function(f"() => document.querySelectorAll('.cq-form').length === {forms}", timeout=30_000)
    return path


def form(page, question: str):
    return page.get_by_role("group", name=f"{question}: your answer")


def source(page, grade_id: str) -> str:
    return page.evaluate(SOURCE, [grade_id])


def answer_line(page, grade_id: str) -> str:
    return source(page, grade_id).splitlines()[-1]


def line_becomes(page, grade_id: str, expected: str, timeout_s: float = 5.0) -> str:
    """The answer line once it reads ``expected`` (or what it reads when ``timeout_s`` is up): a key press reaches
    the cell through the browser's event loop, which a loaded machine may not have run yet when the call returns."""
    deadline = time.monotonic() + timeout_s
    line = answer_line(page, grade_id)
    while line != expected and time.monotonic() < deadline:
        page.wait_for_timeout(50)
        line = answer_line(page, grade_id)
    return line


def wait_saved(page, question: str) -> None:
    status = form(page, question).locator("[role=status]")
    status.filter(has_text=SAVED).wait_for(timeout=15_000)


def tab_to(page, question: str, control: str, presses: int = 6) -> None:
    """Press Tab until a control of the question's form has the focus (after the cell's own toolbar)."""
    wanted = f"{question}: your answer"
    script = f"""() => {{
      const el = document.activeElement;
      const legend = el.closest('fieldset')?.querySelector('legend')?.textContent;
      return legend === {wanted!r} && el.matches({control!r});
    }}"""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(script):
            return
    raise AssertionError(f"Tab never reached a {control} of {question}")


def saved_sources(path: Path) -> dict[str, str]:
    notebook = nbformat.read(path, as_version=4)
    return {cell.metadata["nbgrader"]["grade_id"]: cell.source
            for cell in notebook.cells if "nbgrader" in cell.metadata}


def test_the_extension_is_loaded_where_students_work(session):
    """`make lab` (the student configuration, which disables some extensions) and a plain Notebook 7 both load
    and activate the extension's three plugins; every item gets its form, and the two broken items a plain note
    instead."""
    page = session[2]
    open_copy(session)
    for plugin in PLUGINS:
        assert page.evaluate(f"() => window.jupyterapp.isPluginActivated('{plugin}')"), plugin
    notes = page.locator(".cq-note").all_inner_texts()
    assert len(notes) == 2
    assert "Question 8" in notes[0] and "not an answer cell" in notes[0]
    assert "Question 9" in notes[1] and "missing" in notes[1]
    assert form(page, "Question 8").count() == 0 and form(page, "Question 9").count() == 0


def test_the_instructors_source_version_gets_no_form(session):
    """In nbgrader's source version the answer cell holds the key between solution markers: no form may offer to
    overwrite it."""
    page = session[2]
    key = '### BEGIN SOLUTION\nq6 = "C"\n### END SOLUTION'
    open_copy(session, forms=5, sources={"q6_answer": key})
    assert form(page, "Question 6").count() == 0
    assert source(page, "q6_answer") == key


def test_clicking_every_kind_writes_each_answer_line_and_saves_it(session):
    """One click per kind writes the whole answer line into its own answer cell; the file on disk holds every line
    (so `course autograde` grades it like a typed one), the comment above each line is kept, the test cells and
    the locked cell are untouched, and every form says the answer is saved."""
    _, _, page = session
    path = open_copy(session)
    before = saved_sources(path)

    form(page, "Example").get_by_role("radio", name="B: It is less intensive").check()
    number = form(page, "Question 1").get_by_role("textbox", name="Your answer")
    number.fill("0,74")
    number.press("Enter")
    group = form(page, "Question 5")
    group.get_by_role("checkbox", name="C: It uses a couch").check()
    group.get_by_role("checkbox", name="A: It is shorter").check()
    form(page, "Question 6").get_by_role("radio", name="D: It has no end date").check()
    group = form(page, "Question 7")
    group.get_by_role("combobox", name="Position 1").select_option("C")
    group.get_by_role("combobox", name="Position 2").select_option("A")
    group = form(page, "Question 13")
    group.get_by_role("combobox", name="Exchange 1: The client is late").select_option("B")
    group.get_by_role("combobox", name="Exchange 3: A dream").select_option("C")

    expected = {
        "q0_answer": 'q0 = "B"',
        "q1_answer": "q1 = 0.74",
        "q5_answer": 'q5 = {"A", "C"}',
        "q6_answer": 'q6 = "D"',
        "q7_answer": 'q7 = ["C", "A", "", ""]',
        "q13_answer": 'q13 = {1: "B", 2: "", 3: "C", 4: ""}',
    }
    for grade_id, line in expected.items():
        assert answer_line(page, grade_id) == line
    for question in ("Example", "Question 1", "Question 5", "Question 6", "Question 7", "Question 13"):
        wait_saved(page, question)
    after = saved_sources(path)
    for grade_id, line in expected.items():
        comment = before[grade_id].splitlines()[0]
        assert after[grade_id] == f"{comment}\n{line}", grade_id
    untouched = [grade_id for grade_id in before if grade_id not in expected]
    assert untouched and all(after[grade_id] == before[grade_id] for grade_id in untouched)


def test_a_line_typed_by_hand_shows_in_the_controls(session):
    """The forgiving forms a person types first show as the controls' state; what cannot be shown clears the
    controls and says so, and the typed line is kept as it was."""
    _, _, page = session
    open_copy(session)
    editor = page.locator(".jp-Cell", has=page.get_by_text("# Question 6: click your answer")).locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+End")
    for _ in range(2):
        page.keyboard.press("Shift+Home")
    page.keyboard.type('q6 = "(b)"')
    page.keyboard.press("Escape")
    assert line_becomes(page, "q6_answer", 'q6 = "(b)"') == 'q6 = "(b)"'
    assert form(page, "Question 6").get_by_role("radio", name="B: It is less intensive").is_checked()

    typed = {
        "q5_answer": 'q5 = "a c"',
        "q7_answer": 'q7 = "C A D B"',
        "q13_answer": 'q13 = {1: "B", 2: "A"}',
        "q1_answer": "q1 = 74%",
        "q0_answer": "q0 = “C”",
    }
    for grade_id, line in typed.items():
        page.evaluate(SET_SOURCE, [grade_id, line])
    group = form(page, "Question 5")
    assert [group.get_by_role("checkbox").nth(i).is_checked() for i in range(5)] == [True, False, True, False, False]
    group = form(page, "Question 7")
    assert [group.get_by_role("combobox", name=f"Position {i}").input_value() for i in range(1, 5)] == list("CADB")
    group = form(page, "Question 13")
    assert [group.get_by_role("combobox").nth(i).input_value() for i in range(4)] == ["B", "A", "", ""]
    assert form(page, "Question 1").get_by_role("textbox").input_value() == "0.74"
    assert form(page, "Example").get_by_role("radio", name="C: It uses a couch").is_checked()
    status = form(page, "Question 6").locator("[role=status]")
    assert "Not saved yet: press Ctrl+S" in status.inner_text()

    # A set where an order is asked, and a word that is no option: nothing shown, the line kept, a plain note.
    for grade_id, line, question in (("q7_answer", 'q7 = {"C", "A"}', "Question 7"),
                                     ("q6_answer", 'q6 = "Option Z"', "Question 6")):
        page.evaluate(SET_SOURCE, [grade_id, line])
        assert CANNOT_SHOW in form(page, question).locator("[role=status]").inner_text()
        assert source(page, grade_id) == line
    assert all(value == "" for value in form(page, "Question 7").get_by_role("combobox").evaluate_all(
        "selects => selects.map(s => s.value)"))
    assert not any(form(page, "Question 6").get_by_role("radio").evaluate_all("radios => radios.map(r => r.checked)"))


def test_a_statement_over_several_lines_is_replaced_whole_and_the_rest_kept(session):
    """A matching answer typed over two lines is replaced as one statement; the comments around it stay."""
    _, _, page = session
    open_copy(session)
    page.evaluate(SET_SOURCE, ["q13_answer", '# my notes\nq13 = {1: "A",\n       2: "B"}  # typed\n# after'])
    form(page, "Question 13").get_by_role("combobox", name="Exchange 4: A gift").select_option("D")
    assert source(page, "q13_answer") == '# my notes\nq13 = {1: "A", 2: "B", 3: "", 4: "D"}  # typed\n# after'


def test_a_cell_with_two_answer_statements_is_left_alone_with_a_note(session):
    """Two lines `q6 = ...`: the buttons cannot know which one counts, so they write nothing and say why."""
    _, _, page = session
    path = open_copy(session)
    twice = 'q6 = "A"\nq6 = "B"'
    page.evaluate(SET_SOURCE, ["q6_answer", twice])
    radio = form(page, "Question 6").get_by_role("radio", name="C: It uses a couch")
    radio.click()
    page.wait_for_timeout(800)  # longer than the save delay: nothing may be written or saved
    assert source(page, "q6_answer") == twice
    assert not radio.is_checked(), "the buttons must not show a choice that was not written"
    status = form(page, "Question 6").locator("[role=status]").inner_text()
    assert "more than one line" in status and "q6" in status
    assert saved_sources(path)["q6_answer"].endswith('q6 = ""')


def test_the_live_region_is_one_node_whose_text_changes(session):
    """Screen readers announce a live region only if it exists before the update: the same node, new text."""
    _, _, page = session
    open_copy(session)
    page.evaluate("() => { window.__cqStatus = [...document.querySelectorAll('.cq-status')][3]; }")
    status = form(page, "Question 6").locator("[role=status]")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == "Not answered yet."
    form(page, "Question 6").get_by_role("radio", name="A: It is shorter").check()
    wait_saved(page, "Question 6")
    assert status.evaluate("node => node === window.__cqStatus")


def test_keyboard_only_answers_stay_in_the_form_and_escape_returns_to_the_notebook(session):
    """Tab into a radio group: ArrowDown changes the choice (not the notebook's active cell); in a list ArrowDown
    changes the choice; Enter in the number field commits without running anything; Escape leaves for the
    notebook, whose own keys then work again."""
    _, _, page = session
    open_copy(session)
    help_text = form(page, "Question 6").locator(".cq-help")
    help_text.click()
    tab_to(page, "Question 6", "input[type=radio]")
    active = page.evaluate(ACTIVE_CELL)
    cells = page.evaluate(CELL_COUNT)
    page.keyboard.press("ArrowDown")
    assert form(page, "Question 6").get_by_role("radio", name="B: It is less intensive").is_checked()
    assert line_becomes(page, "q6_answer", 'q6 = "B"') == 'q6 = "B"'
    for key in ("a", "b", "d", "d", "Shift+Enter"):
        page.keyboard.press(key)
    assert page.evaluate(ACTIVE_CELL) == active and page.evaluate(CELL_COUNT) == cells

    form(page, "Question 7").locator(".cq-help").click()
    tab_to(page, "Question 7", "select")
    page.keyboard.press("ArrowDown")
    assert line_becomes(page, "q7_answer", 'q7 = ["A", "", "", ""]') == 'q7 = ["A", "", "", ""]'

    form(page, "Question 1").locator(".cq-help").click()
    tab_to(page, "Question 1", "input[type=text]")
    page.keyboard.type("0,5")
    page.keyboard.press("Enter")
    assert line_becomes(page, "q1_answer", "q1 = 0.5") == "q1 = 0.5"
    assert page.evaluate(CELL_COUNT) == cells

    page.keyboard.press("Escape")
    assert page.evaluate("() => !document.activeElement.closest('.cq-form')")
    assert page.evaluate("() => !!document.activeElement.closest('.jp-Notebook')")
    before = page.evaluate(ACTIVE_CELL)
    page.keyboard.press("j")  # the notebook's own "next cell" works again
    assert page.evaluate(ACTIVE_CELL) == before + 1


def test_keys_stay_inside_a_course_widget(session):
    """An ipywidgets box with the class course-widget: ArrowDown moves its radio buttons; A, B and D D neither
    insert nor delete cells; Escape leaves for the notebook."""
    page = session[2]
    open_copy(session, "course_widget_keys.ipynb", forms=0)
    page.wait_for_function(KERNEL_READY, timeout=60_000)
    run_all(page)
    radios = page.locator(".course-widget input[type=radio]")
    radios.first.wait_for(timeout=30_000)
    radios.first.focus()
    cells = page.evaluate(CELL_COUNT)
    active = page.evaluate(ACTIVE_CELL)
    page.keyboard.press("ArrowDown")
    assert radios.nth(1).is_checked()
    for key in ("a", "b", "d", "d", "ArrowDown"):
        page.keyboard.press(key)
    assert radios.nth(2).is_checked()
    assert page.evaluate(CELL_COUNT) == cells and page.evaluate(ACTIVE_CELL) == active
    page.keyboard.press("Escape")
    assert page.evaluate("() => !document.activeElement.closest('.course-widget')")


def test_ctrl_s_inside_a_form_still_saves_and_clear_empties_the_line(session):
    """Shortcuts with Ctrl are not kept from the notebook: Ctrl+S on a focused control saves a hand-typed line.
    "Clear my answer" writes the empty line of the item's kind."""
    page = session[2]
    path = open_copy(session)
    page.evaluate(SET_SOURCE, ["q6_answer", 'q6 = "A"'])
    status = form(page, "Question 6").locator("[role=status]")
    assert status.inner_text().startswith("Not saved yet")
    form(page, "Question 6").get_by_role("radio", name="A: It is shorter").focus()
    page.keyboard.press("Control+s")
    wait_saved(page, "Question 6")
    assert saved_sources(path)["q6_answer"] == 'q6 = "A"'

    form(page, "Question 5").get_by_role("checkbox", name="B: It is less intensive").check()
    assert line_becomes(page, "q5_answer", 'q5 = {"B"}') == 'q5 = {"B"}'
    form(page, "Question 5").get_by_role("button", name="Clear my answer").click()
    assert line_becomes(page, "q5_answer", 'q5 = ""') == 'q5 = ""'
    assert not form(page, "Question 5").get_by_role("checkbox", name="B: It is less intensive").is_checked()


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two CSS rgb()/rgba() colours."""
    def luminance(colour: str) -> float:
        channels = [float(v) / 255 for v in colour[colour.index("(") + 1:-1].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("theme", ["JupyterLab Light", "JupyterLab Dark"])
def test_the_focus_outline_stands_out_in_light_and_dark_themes(session, theme):
    """A keyboard user sees where the focus is: a solid outline of 2 px or more, at least 3:1 against the form."""
    page = session[2]
    open_copy(session)
    page.evaluate(f"() => window.jupyterapp.commands.execute('apputils:change-theme', {{theme: '{theme}'}})")
    page.wait_for_function(f"() => document.body.dataset.jpThemeName === '{theme}'", timeout=15_000)
    form(page, "Question 6").locator(".cq-help").click()
    tab_to(page, "Question 6", "input[type=radio]")
    style = page.evaluate("""() => {
      const el = document.activeElement, look = getComputedStyle(el);
      const fieldset = getComputedStyle(el.closest('fieldset'));
      return {width: parseFloat(look.outlineWidth), line: look.outlineStyle, colour: look.outlineColor,
              background: fieldset.backgroundColor};
    }""")
    assert style["line"] == "solid" and style["width"] >= 2, style
    assert contrast(style["colour"], style["background"]) >= 3, style
