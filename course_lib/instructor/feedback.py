"""``course feedback QUIZ``: nbgrader's generate_feedback with every hidden-test line removed.

nbgrader strips hidden tests from cell sources, but a failing hidden test's traceback still
quotes the line (upstream #917). A preprocessor removes those lines before the HTML is written;
then every feedback file is searched once more, and any file still holding a hidden line is
deleted and reported rather than handed to a student. Students are processed by a pool of worker
processes (each with its own nbgrader API); the search runs here, as each student's files arrive.
"""

from __future__ import annotations

import html
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import jinja2
import jinja2.bccache
from nbconvert.exporters import HTMLExporter
from traitlets.config import Config

from . import deadlines, lms_record
from .coursedir import CourseError, make_api, require_quiz, source_notebooks
from .keylines import key_lines

_TAG = re.compile(r"<[^>]+>")
_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)


@dataclass
class FeedbackResult:
    quiz: str
    files: list[Path] = field(default_factory=list)
    withheld: list[Path] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def exit_status(self) -> int:
        return 1 if self.withheld or self.failed else 0

    def summary(self) -> str:
        text = f"feedback {self.quiz}: {len(self.files)} file(s) written"
        text += f"; {len(self.withheld)} withheld (hidden-test text found)" if self.withheld else ""
        return text + "".join(f"\n  failed {s}: {why}" for s, why in sorted(self.failed.items()))


def visible_text(html_text: str) -> str:
    """What a reader sees in an HTML file: tags removed, entities decoded (highlighting spans joined)."""
    return html.unescape(_TAG.sub("", html_text))


def leaked_lines(text: str, hidden: set[str]) -> list[str]:
    """Hidden-test lines that occur in ``text`` (raw or as visible HTML text)."""
    seen = visible_text(text)
    return sorted(line for line in hidden if line in text or line in seen)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled Jinja templates, kept in memory for the life of the process (keyed by name and source checksum)."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _CompiledTemplates()


class FeedbackHTMLExporter(HTMLExporter):
    """nbconvert's HTML exporter, its templates compiled once per process: nbgrader makes a new exporter for every
    student, which parsed and compiled the same 60 templates again each time (a third of a feedback page's time)."""

    def _create_environment(self):
        environment = super()._create_environment()
        environment.bytecode_cache = _TEMPLATES
        return environment


_api = None


def _init_worker(course_dir: str, config: Config) -> None:
    global _api
    _api = make_api(Path(course_dir), config)


def _generate(quiz: str, student: str) -> tuple[str, str]:
    """Write one student's feedback; returns (student, error line or "")."""
    from .grade_one import real_error

    outcome = _api.generate_feedback(quiz, student, force=True)
    return student, "" if outcome["success"] else real_error(outcome)


def feedback(course_dir: Path, quiz: str, students: list[str] | None = None, workers: int = 2) -> FeedbackResult:
    """Generate HTML feedback for every autograded student (or the given ones) with ``workers`` processes, and
    check every file it wrote; a student whose feedback fails is reported and the others go on."""
    from nbgrader.converters import GenerateFeedback
    from nbgrader.preprocessors import ClearHiddenTests

    from .preprocessors import StripHiddenTestText

    require_quiz(course_dir, quiz)
    if workers < 1:
        raise CourseError("--workers must be at least 1")
    graded = sorted(p.parent.name for p in (course_dir / "autograded").glob(f"*/{quiz}") if p.is_dir())
    if students:
        graded = [s for s in graded if s in set(students)]
    if not graded:
        raise CourseError(f"no autograded submissions of {quiz!r}; run: course autograde {quiz}")
    hidden = key_lines(source_notebooks(course_dir, quiz).values(), hidden_only=True)
    c = Config()
    steps = list(GenerateFeedback.class_traits()["preprocessors"].default())
    steps[1:1] = [ClearHiddenTests, StripHiddenTestText]
    c.GenerateFeedback.preprocessors = steps
    c.GenerateFeedback.exporter_class = FeedbackHTMLExporter
    c.StripHiddenTestText.hidden_lines = sorted(hidden)
    make_api(course_dir, c)  # a gradebook that cannot be opened stops the run here, in one line
    result = FeedbackResult(quiz)
    late: dict[str, int | str] = dict(deadlines.minutes_late(course_dir, quiz, graded))
    late |= {student: lms for student, lms in lms_record.late_marked(course_dir, quiz).items() if student not in late}
    with ProcessPoolExecutor(max_workers=min(workers, len(graded)), mp_context=get_context("fork"),
                             initializer=_init_worker, initargs=(str(course_dir), c)) as pool:
        for student, error in pool.map(_generate, [quiz] * len(graded), graded):
            if error:
                result.failed[student] = error
                continue
            for path in sorted((course_dir / "feedback" / student / quiz).rglob("*")):
                if not path.is_file() or path.suffix not in (".html", ".ipynb", ".txt", ".md"):
                    continue
                if leaked_lines(path.read_text(encoding="utf-8", errors="replace"), hidden):
                    path.unlink()
                    result.withheld.append(path)
                else:
                    if student in late and path.suffix == ".html":
                        _say_late(path, late[student])
                    result.files.append(path)
    return result


def _say_late(path: Path, late: int | str) -> None:
    """Put the lateness at the top of the student's feedback page: nbgrader's minutes, or the LMS that marked the
    submission late without saying by how much."""
    page = path.read_text(encoding="utf-8")
    if isinstance(late, str):
        when = f"Marked late by {late.capitalize() if late.islower() else late}."
    else:
        hours, rest = divmod(late, 60)
        when = f"Submitted {f'{hours} h {rest} min' if hours else f'{late} min'} after the due date."
    note = f'<p class="course-late" role="note">{html.escape(when)}</p>'
    body = _BODY.search(page)
    path.write_text(page[:body.end()] + note + page[body.end():] if body else note + page, encoding="utf-8")
