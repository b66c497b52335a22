"""A "Grade my quiz" button for a quiz notebook: runs ``course selfcheck`` on the notebook's saved file and shows
the result in the notebook, so a learner need not open a terminal.

The grading runs in a separate process (the same command a terminal would run), so the quiz's kernel never
imports the answer key or the grading pipeline. The notebook's file is the one JupyterLab started the kernel for
(``JPY_SESSION_NAME``), or the one given.

In a graded class (a hub whose nbgrader config names the course or its exchange, or wherever no course folder is at
hand to grade against) the instructor grades the quiz: there is no button, only a line saying so and where to submit.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
from pathlib import Path

import ipywidgets as widgets

from course_lib.progress.review_session import status_html
from course_lib.ui.look import CourseWidget, control, live_region, sized_button

TIMEOUT_S = 900
GRADED_BY_INSTRUCTOR = ("Your instructor grades this quiz. When you have answered, save it and submit it from "
                        "Nbgrader → Assignment List; your feedback appears there once it is returned.")


def graded_class(course_dir: str | Path | None = None) -> bool:
    """Whether an instructor grades this quiz: the site's nbgrader config names a course or an exchange (a hub), or,
    with no course folder given, none is found here (a quiz fetched from an exchange)."""
    from course_lib.instructor.course.coursedir import CourseError, resolve_course_dir
    from course_lib.instructor.course.exchange import site_configs

    for config in site_configs():
        if ("CourseDirectory" in config and "course_id" in config.CourseDirectory) or (
                "Exchange" in config and "root" in config.Exchange):
            return True
    if course_dir is not None:
        return False
    try:
        resolve_course_dir()
    except CourseError:
        return True
    return False


def this_notebook() -> Path | None:
    """The notebook file this kernel was started for, when JupyterLab said which."""
    name = os.environ.get("JPY_SESSION_NAME", "").strip()
    if not name:
        return None
    path = Path(name)
    return path if path.is_absolute() and path.exists() else Path.cwd() / path.name


class SelfCheckButton(CourseWidget):
    """The button, a live status line and the result."""

    def __init__(self, quiz: str, notebook: str | Path | None = None, course_dir: str | Path | None = None):
        self.quiz = quiz
        self.notebook = Path(notebook) if notebook is not None else None
        self.course_dir = course_dir
        self.result = control(widgets.HTML)
        if graded_class(course_dir):
            self.button = None
            self.status = live_region(status_html(GRADED_BY_INSTRUCTOR))
            super().__init__([self.status])
            return
        self.button = sized_button("Grade my quiz", icon="check-square-o",
                                   tooltip="Grade the saved copy of this quiz on this computer")
        self.status = live_region(status_html("Save the notebook first: the saved file is graded."))
        self.button.on_click(self._grade)
        super().__init__([self.button, self.status, self.result])

    def _grade(self, _button=None) -> None:
        path = self.notebook or this_notebook()
        if path is None:
            self.status.value = status_html(f"Cannot tell which file this is. In a terminal, run: "
                                            f"course selfcheck {self.quiz} PATH-OF-THIS-NOTEBOOK")
            return
        self.status.value = status_html(f"Grading {path.name} on this computer; this takes a little while…")
        self.result.value = ""
        command = [sys.executable, "-m", "course_lib.cli"]
        if self.course_dir is not None:
            command += ["--course-dir", str(self.course_dir)]
        try:
            done = subprocess.run([*command, "selfcheck", self.quiz, str(path)], capture_output=True, text=True,
                                  timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.status.value = status_html(f"Grading took longer than {TIMEOUT_S // 60} minutes and was stopped.")
            return
        if done.returncode != 0:
            problem = next((ln for ln in reversed(done.stderr.splitlines()) if ln.strip()), "unknown problem")
            if "--course-dir" in problem:  # no course folder here after all: the quiz is the instructor's to grade
                self.status.value = status_html(GRADED_BY_INSTRUCTOR)
                return
            self.status.value = status_html(f"Not graded: {problem.removeprefix('course: error: ')}")
            return
        report = done.stdout.split("\n", 1)[-1].strip()  # the first line only said "Grading…"
        self.status.value = status_html(report.splitlines()[0] if report else "Graded.")
        self.result.value = f'<pre class="course-selfcheck-result">{html.escape(report)}</pre>'


def selfcheck_button(quiz: str, notebook: str | Path | None = None) -> SelfCheckButton:
    """A button that grades this quiz notebook's saved file (``course selfcheck``) and shows the result."""
    return SelfCheckButton(quiz, notebook)
