"""One class on a real JupyterHub, driven through Chromium: the scenario of tests/scenarios/hub/test_end_to_end.py and
of the hub benchmark (benchmarks/bench_hub.py).

The administrator and the instructor follow docs/jupyterhub.md step by step; three students log in through the
hub's login page, open Nbgrader → Assignment List, fetch quiz 1 (per-student variants on: every choice item's options
in each student's own order), answer it and submit from the tab. alice runs the quiz's cells and clicks her own
version's keys in the forms and writes the written answer; bob runs the cells and types his own version's keys as
plain answer lines; neither types an ID (the hub gives it). carol copies bob: his answer lines and his ID typed in
the ID line. The instructor collects, autogrades, grades alice's written answer in the formgrader served by the hub,
exports, makes and releases feedback; the students fetch it in the tab and alice opens hers. Then each student tries
to read what is not theirs. ``run_class`` returns everything seen, with the timings of each step.

Each student's version (their letters, their keys) comes from the instructor's side,
``course_lib.instructor.quizzes.variant_keys.student_variant``, derived from the source notebook independently of the
kernel and of the forms.
"""

from __future__ import annotations

import csv
import json
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import jupyterhub

from course_lib.grading.quiz import ID_NAME, VARIANT_MIME
from course_lib.instructor.quizzes.build import load_quiz
from course_lib.instructor.quizzes.variant_keys import student_variant
from tests.support.browser_support import chromium
from tests.support.hub_support import (
    COURSE_ID,
    INSTRUCTOR_FILES,
    Hub,
    checkout,
    set_passwords,
    students_environment,
)
from tests.support.unix_accounts import REPO, Machine

QUIZ = "q1_features_and_process"
SAVED = "Answer saved in the notebook."
WRITTEN = ("Both schools do more of some things, not only one thing: CBT sessions also touch feelings and the past, "
           "and psychodynamic therapists also steer sessions at times.")
MANUAL_SCORE = 3  # the instructor's grade for alice's written answer, out of 4
TIMEOUT = 120_000  # ms: a server spawn or a kernel start on a loaded 2-core machine
SHOWN_ITEM = "q1"  # the shuffled item whose show cell's display is read off the page


class Step:
    """Timings of the students' steps, in seconds, by step name."""

    def __init__(self):
        self.times: dict[str, list[float]] = {}

    def record(self, name: str, started: float) -> None:
        self.times.setdefault(name, []).append(time.monotonic() - started)

    def medians(self) -> dict[str, float]:
        return {name: statistics.median(values) for name, values in self.times.items()}


def _ok(done: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert done.returncode == 0, (done.stdout[-2000:], done.stderr[-3000:])
    return done


# ------------------------------------------------------------------ the browser side


def log_in(page, hub: Hub, user: str, password: str) -> None:
    """The hub's own login page, then JupyterLab once the hub has started the user's server."""
    page.goto(f"{hub.url}/hub/login")
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill(password)
    page.locator("#login_submit").click()
    page.wait_for_url(re.compile(rf"/user/{user}/lab"), timeout=TIMEOUT)
    page.wait_for_selector("#jp-main-dock-panel", timeout=TIMEOUT)


def open_assignment_list(page) -> None:
    """Nbgrader → Assignment List, as a student finds it in the menu bar."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator(".lm-Menu-itemLabel", has_text="Assignment List").click()
    page.wait_for_selector("#released_assignments_list", timeout=TIMEOUT)


def nbgrader_menu(page) -> list[str]:
    """The items of the Nbgrader menu as this user sees them (the menu is closed again)."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    labels = page.locator(".lm-Menu-itemLabel").all_inner_texts()
    page.keyboard.press("Escape")
    return labels


def _row(page, listing: str):
    return page.locator(f"#{listing} .list_item", has_text=QUIZ)


def fetch(page) -> None:
    _row(page, "released_assignments_list").get_by_role("button", name="Fetch").click()
    _row(page, "fetched_assignments_list").get_by_role("button", name="Submit").wait_for(timeout=TIMEOUT)


def open_quiz(page, forms: int) -> None:
    """Open the fetched notebook from the assignment list and wait for the forms of its items (a student ID box, where
    the forms offer one, is a form too)."""
    row = _row(page, "fetched_assignments_list")
    row.locator("a", has_text=QUIZ).first.click()  # unfolds the assignment's notebooks
    page.locator("#fetched_assignments_list a", has_text=f"{QUIZ}.ipynb").or_(
        page.locator("#fetched_assignments_list a", has_text=re.compile(rf"^{QUIZ}$"))).last.click()
    page.locator(".cq-form").first.wait_for(timeout=TIMEOUT)
    page.wait_for_function(f"() => document.querySelectorAll('.cq-form').length >= {forms}", timeout=TIMEOUT)


# What the show cells display: their output is markdown (the check cells print plain text), in notebook order.
SHOWN = ".jp-OutputArea-output.jp-RenderedMarkdown"
KERNEL_IDLE = '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status="idle"]'


def _run_all(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()


def run_all_and_read_version(page, shows: int) -> str:
    """Once the kernel says it is idle, Run › Run All Cells; wait until all ``shows`` show cells display something,
    and return the text the first of them (SHOWN_ITEM's) displays."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_selector(KERNEL_IDLE, timeout=TIMEOUT)
    all_shown = f"() => document.querySelectorAll({SHOWN!r}).length >= {shows}"
    _run_all(page)
    try:
        page.wait_for_function(all_shown, timeout=60_000)
    except PlaywrightTimeout:
        # The toolbar can read idle while a kernel still starts on a loaded machine, and a run asked for then may be
        # dropped: ask once more, as a student would.
        _run_all(page)
        page.wait_for_function(all_shown, timeout=TIMEOUT)
    page.wait_for_selector(KERNEL_IDLE, timeout=TIMEOUT)  # the run finished: no form is redrawn under a click
    shown = page.locator(SHOWN).first
    shown.scroll_into_view_if_needed()  # (an output off screen is laid out, and so has its text, once on screen)
    page.wait_for_function("(selector) => document.querySelector(selector).innerText.trim() !== ''", arg=SHOWN,
                           timeout=30_000)
    return shown.inner_text()


def _form(page, label: str):
    return page.get_by_role("group", name=f"{label}: your answer")


def click_answer(page, item, answer) -> None:
    """Answer one item with the mouse in its form and wait until the form says the notebook holds it."""
    box = _form(page, item.label)
    if item.kind == "single":
        box.locator(f'input[value="{answer}"]').check()
    elif item.kind == "multiple":
        for letter in answer:
            box.locator(f'input[value="{letter}"]').check()
    elif item.kind == "matching":
        for n, letter in sorted(answer.items(), key=lambda pair: int(pair[0])):
            box.locator("select").nth(int(n) - 1).select_option(letter)
    elif item.kind == "ordering":
        for position, letter in enumerate(answer):
            box.locator("select").nth(position).select_option(letter)
    else:
        field = box.get_by_role("textbox", name="Your answer")
        field.fill(f"{answer}")
        field.press("Enter")
    box.locator("[role=status]").filter(has_text=SAVED).wait_for(timeout=30_000)


def plain_line(item, key) -> str:
    """How someone who has never programmed types the answer ``key``: bare letters, no quotes or brackets."""
    if item.kind == "multiple":
        return f"{item.id} = {', '.join(sorted(key))}"
    if item.kind == "matching":
        pairs = sorted(key.items(), key=lambda pair: int(pair[0]))
        return f"{item.id} = " + ", ".join(f"{n}: {letter}" for n, letter in pairs)
    if item.kind == "ordering":
        return f"{item.id} = {', '.join(key)}"
    return f"{item.id} = {key}"


def type_answer(page, item, key) -> None:
    """Click into the answer line of the item's answer cell, replace it by typing, leave the editor."""
    line = page.locator(".jp-CodeCell .cm-line", has_text=re.compile(rf"^{item.id} = ")).first
    line.click()
    page.keyboard.press("Home")
    page.keyboard.press("Shift+End")
    page.keyboard.type(plain_line(item, key))
    page.keyboard.press("Escape")


def type_student_id(page, student_id: str) -> None:
    """Click into the student ID's answer cell (the code cell right after the note on what the ID is for), replace
    whatever it holds by the ID line typed, leave the editor."""
    note = page.locator(".jp-MarkdownCell", has=page.locator("h2", has_text="Your version of this quiz"))
    note.locator("xpath=following-sibling::div[contains(concat(' ', @class, ' '), ' jp-CodeCell ')][1]").locator(
        ".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.type(f"{ID_NAME} = {student_id}")
    page.keyboard.press("Escape")


def write_answer(page, text: str) -> None:
    """The written answer: open the markdown cell, replace the placeholder, render it again."""
    cell = page.locator(".jp-MarkdownCell", has_text="YOUR ANSWER HERE")
    cell.dblclick()
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.type(text)
    page.keyboard.press("Shift+Enter")


def save_and_wait(page) -> None:
    """Ctrl+S, then wait until the notebook's tab no longer shows unsaved changes: what is submitted is the file."""
    page.keyboard.press("Control+s")
    page.wait_for_function(
        "() => !document.querySelector('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty')", timeout=30_000)


def submit(page) -> None:
    open_assignment_list(page)
    _row(page, "fetched_assignments_list").get_by_role("button", name="Submit").click()
    _row(page, "submitted_assignments_list").first.wait_for(timeout=TIMEOUT)


def fetch_feedback(page) -> None:
    open_assignment_list(page)
    page.locator("#refresh_assignments_list").click()
    button = _row(page, "submitted_assignments_list").get_by_role("button", name="Fetch Feedback")
    button.click()
    page.locator("#submitted_assignments_list a", has_text="view feedback").first.wait_for(timeout=TIMEOUT)


def open_feedback(page) -> str:
    """Follow "view feedback" to the folder, open the page in JupyterLab's HTML viewer, return its text."""
    page.locator("#submitted_assignments_list a", has_text="view feedback").first.click()
    item = page.locator(".jp-DirListing-item", has_text=f"{QUIZ}.html")
    item.wait_for(timeout=30_000)
    item.dblclick()
    frame = page.frame_locator(".jp-HTMLViewer iframe")
    frame.locator("body").wait_for(timeout=30_000)
    return frame.locator("body").inner_text(timeout=30_000)


# ------------------------------------------------------------------ the class


def own_keys(items, versions: dict) -> dict[str, object]:
    """Each autograded item's key as a student's answer line holds it, given their ``versions``
    (``student_variant``): their own letters for a shuffled item."""
    return {item.id: versions[item.id].key if item.id in versions else item.key for item in items}


def recorded_versions(path: Path) -> dict[str, dict]:
    """Item id -> the version record its show cell's saved output holds, in the notebook file ``path``."""
    found = {}
    for cell in json.loads(path.read_text()).get("cells", []):
        for output in cell.get("outputs", []):
            record = output.get("data", {}).get(VARIANT_MIME)
            if record:
                found[record["variable"]] = record
    return found


def run_class(base: Path | None = None) -> dict:
    """The whole class on one hub; returns what was seen (commands' results, scores, pages, probes, timings)."""
    base = base or Path(tempfile.mkdtemp(prefix="course-jupyterhub-"))
    base.chmod(0o755)
    machine = Machine(base)
    hub = None
    try:
        seen: dict = {"base": base}
        steps = Step()
        teacher, alice, bob, carol = (machine.add_user(role) for role in ("teacher", "alice", "bob", "carol"))
        users = [teacher, alice, bob, carol]
        seen.update(teacher=teacher, alice=alice, bob=bob, carol=carol)

        # docs/jupyterhub.md, 1: the students' environment, from a checkout of the repository.
        admin = base / "admin"
        admin.mkdir()
        checkout(admin / "course-repo")
        environment = students_environment(machine, admin)
        quiz = load_quiz(REPO / "assignments" / "quizzes" / f"{QUIZ}.toml")
        seen["key_in_environment"] = key_copies(environment, quiz)
        # 2: the exchange and the site config that students and instructor both read.
        exchange = base / "srv" / "nbgrader" / "exchange"
        exchange.mkdir(parents=True)
        exchange.chmod(0o1777)
        site = base / "etc" / "jupyter"
        site.mkdir(parents=True)
        (site / "nbgrader_config.py").write_text(
            f'c = get_config()\nc.Exchange.root = "{exchange}"\nc.CourseDirectory.course_id = "{COURSE_ID}"\n')
        machine.env["JUPYTER_CONFIG_PATH"] = str(site)
        # 2: homes closed to other users.
        for user in users:
            machine.home(user).chmod(0o700)
        seen["exchange"] = exchange

        # 3: the instructor's private clone.
        clone = machine.home(teacher) / "course-repo"
        # (Root's checkout stands for the repository on the web here; git reads another account's repository only
        # when a config it trusts says so.)
        trust = admin / "gitconfig"
        trust.write_text(f"[safe]\n\tdirectory = {admin / 'course-repo'}\n"
                         f"\tdirectory = {admin / 'course-repo' / '.git'}\n")
        trust.chmod(0o644)
        _ok(machine.run(teacher, "git", "clone", "-q", str(admin / "course-repo"), str(clone),
                        extra_env={"GIT_CONFIG_GLOBAL": str(trust)}))
        _ok(machine.run(teacher, "chmod", "700", str(clone)))
        course = clone / "assignments"
        for name, text in INSTRUCTOR_FILES.items():
            (machine.home(teacher) / name).parent.mkdir(parents=True, exist_ok=True)
            (machine.home(teacher) / name).write_text(text)
        machine.give(teacher, machine.home(teacher) / ".jupyter")
        seen.update(clone=clone, course=course)

        # 4: release.
        seen["release"] = _ok(machine.run(teacher, "course", "release", QUIZ, cwd=course))
        seen["publish"] = _ok(machine.run(teacher, "nbgrader", "release_assignment", QUIZ, cwd=course))

        passwords = set_passwords(users)
        hub = Hub(base / "hub", environment, users,
                  {"JUPYTER_CONFIG_PATH": str(site), **machine.python_env}).start()
        items = [item for item in quiz.items if item.kind != "written"]
        forms = len(items) + len(quiz.examples)
        versions = {student: student_variant(QUIZ, student) for student in (alice, bob, carol)}
        keys = {student: own_keys(items, versions[student]) for student in versions}
        seen.update(items=items, keys=keys, versions=versions, displayed={}, recorded={})

        with chromium() as browser:
            for student in (alice, bob, carol):
                context = browser.new_context(viewport={"width": 1280, "height": 1000})
                page = context.new_page()
                started = time.monotonic()
                log_in(page, hub, student, passwords[student])
                steps.record("login to JupyterLab", started)
                if student == alice:
                    seen["student_menu"] = nbgrader_menu(page)
                    seen["student_formgrader"] = page.request.get(f"{hub.url}/user/{alice}/formgrader/").status
                open_assignment_list(page)
                fetching = time.monotonic()
                fetch(page)
                steps.record("fetch", fetching)
                open_quiz(page, forms)
                steps.record("login to first quiz form", started)
                if student == alice:
                    seen["displayed"][student] = run_all_and_read_version(page, len(versions[student]))
                    for item in items:
                        click_answer(page, item, keys[alice][item.id])
                    write_answer(page, WRITTEN)
                elif student == bob:
                    seen["displayed"][student] = run_all_and_read_version(page, len(versions[student]))
                    for item in items:
                        type_answer(page, item, keys[bob][item.id])
                else:  # carol copies bob: his answer lines, his ID
                    for item in items:
                        type_answer(page, item, keys[bob][item.id])
                    type_student_id(page, bob)
                save_and_wait(page)
                seen["recorded"][student] = recorded_versions(machine.home(student) / QUIZ / f"{QUIZ}.ipynb")
                submitting = time.monotonic()
                submit(page)
                steps.record("submit", submitting)
                context.close()

            seen["probes_before_collect"] = _probes(machine, seen)
            seen["collect"] = _ok(machine.run(teacher, "nbgrader", "collect", QUIZ, cwd=course))
            # --sandbox off: the instructor here runs the suite's own Python, copied where the accounts can run it and
            # reading its packages through PYTHONPATH, which the bubblewrap jail (rightly) does not pass on; a .venv
            # made by make setup has none of that (the jail: tests/instructor/runner/test_sandbox.py).
            # (exit status 1 when a submission is flagged: carol's is, so the test reads the status itself)
            seen["autograde"] = machine.run(teacher, "course", "autograde", QUIZ, "--sandbox", "off", cwd=course)
            flags = course / "reports" / QUIZ / "variant-flags.json"  # (read here: root must not make the folder)
            seen["variant_flags"] = json.loads(flags.read_text()) if flags.exists() else None
            seen["pending_export"] = _export(machine, teacher, course, "pending.csv")

            context = browser.new_context()
            page = context.new_page()
            log_in(page, hub, teacher, passwords[teacher])
            seen["instructor_menu"] = nbgrader_menu(page)
            seen["manual_grade"] = _grade_through_the_hub(page, hub, teacher, alice, "q14", MANUAL_SCORE)
            context.close()

            seen["export"] = _export(machine, teacher, course, "grades.csv")
            seen["feedback"] = machine.run(teacher, "course", "feedback", QUIZ, cwd=course)
            seen["release_feedback"] = machine.run(teacher, "nbgrader", "release_feedback", QUIZ, cwd=course)
            seen["feedback_pages"] = {}
            for student in (alice, bob, carol):
                context = browser.new_context(viewport={"width": 1280, "height": 1000})
                page = context.new_page()
                log_in(page, hub, student, passwords[student])
                fetching = time.monotonic()
                fetch_feedback(page)
                steps.record("feedback fetch", fetching)
                if student == alice:
                    seen["feedback_in_lab"] = open_feedback(page)
                context.close()
                seen["feedback_pages"][student] = [  # (not JupyterLab's checkpoint of the page alice opened)
                    p.read_text() for p in (machine.home(student) / QUIZ / "feedback").rglob("*.html")
                    if ".ipynb_checkpoints" not in p.parts]
        seen["probes"] = _probes(machine, seen)
        seen["jupyterhub_version"] = jupyterhub.__version__
        seen["timings"] = steps.times
        seen["medians"] = steps.medians()
        return seen
    finally:
        if hub is not None:
            hub.stop()
        machine.remove()


def key_copies(folder: Path, quiz) -> list[str]:
    """Files under ``folder`` that hold any of the quiz's key: its data file, its source notebook, or a text file
    quoting an explanation of an answer."""
    explanations = [item.explanation[:60] for item in quiz.items if item.explanation]
    found = [str(p) for p in folder.rglob(f"{quiz.name}.toml")]
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix in (".ipynb", ".py", ".json", ".md", ".toml", ".txt", ".html"):
            text = path.read_text(errors="ignore")
            if path.name == f"{quiz.name}.ipynb" or any(e in text for e in explanations):
                found.append(str(path))
    return found


def _export(machine: Machine, teacher: str, course: Path, name: str) -> list[dict]:
    _ok(machine.run(teacher, "course", "export", "--out", name, cwd=course))
    with (course / name).open() as handle:
        return list(csv.DictReader(handle))


def _grade_through_the_hub(page, hub: Hub, teacher: str, student: str, item: str, score: float) -> dict:
    """The formgrader in the instructor's server on the hub: its page loads, and its API, called from that page as
    its own scripts call it (the login cookie and the _xsrf cookie as X-CSRFToken), gives ``student``'s ``item`` a
    manual score."""
    base = f"{hub.url}/user/{teacher}/formgrader"
    page.goto(base)
    page.get_by_text("Manage Assignments").first.wait_for(timeout=TIMEOUT)

    def call(method: str, path: str, body: dict | None = None):
        done = page.evaluate(FORMGRADER_CALL, [method, f"{base}/api{path}", body])
        assert done["status"] == 200, done
        return done["json"]

    notebooks = call("GET", f"/submitted_notebooks/{QUIZ}/{QUIZ}")
    notebook = next((n for n in notebooks if n["student"] == student), None)
    assert notebook is not None, f"the formgrader lists no graded notebook of {student}: {notebooks}"
    grade = next(g for g in call("GET", f"/grades?submission_id={notebook['id']}") if g["name"] == item)
    assert grade["needs_manual_grade"] and grade["manual_score"] is None, grade
    return call("PUT", f"/grade/{grade['id']}", {"manual_score": score})


FORMGRADER_CALL = """async ([method, url, body]) => {
  const xsrf = (document.cookie.match(/(?:^|; )_xsrf=([^;]*)/) || [])[1] || '';
  const response = await fetch(url, {method, credentials: 'same-origin',
    headers: {'X-CSRFToken': decodeURIComponent(xsrf), 'Content-Type': 'application/json'},
    body: body === null ? undefined : JSON.stringify(body)});
  const text = await response.text();
  let json = null;
  try { json = JSON.parse(text); } catch (e) {}
  return {status: response.status, json, text: json === null ? text.slice(0, 500) : '', xsrf: xsrf !== ''};
}"""


def _probes(machine: Machine, seen: dict) -> dict[str, subprocess.CompletedProcess]:
    """alice tries to read what is not hers: the key in every form it takes, the gradebook, bob's copies."""
    alice, bob, clone = seen["alice"], seen["bob"], seen["clone"]
    course, inbound = seen["course"], seen["exchange"] / COURSE_ID / "inbound"
    cache = machine.home(bob) / ".local" / "share" / "jupyter" / "nbgrader_cache"
    run = machine.run
    return {
        "the quiz data (keys and explanations)": run(alice, "cat", str(course / "quizzes" / f"{QUIZ}.toml")),
        "the source notebook": run(alice, "cat", str(course / "source" / QUIZ / f"{QUIZ}.ipynb")),
        "the clone's git objects": run(alice, "ls", str(clone / ".git" / "objects")),
        "the quiz data through git": run(alice, "git", "-C", str(clone), "show",
                                         f"HEAD:assignments/quizzes/{QUIZ}.toml"),
        "the gradebook": run(alice, "cat", str(course / "gradebook.db")),
        "bob's fetched quiz": run(alice, "cat", str(machine.home(bob) / QUIZ / f"{QUIZ}.ipynb")),
        "bob's nbgrader cache": run(alice, "ls", "-R", str(cache)),
        "the exchange's inbound list": run(alice, "ls", str(inbound)),
        "bob's submission in the exchange": run(alice, "sh", "-c", f"cat {inbound}/{bob}+{QUIZ}+*/*"),
    }
