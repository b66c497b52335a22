"""``course feedback QUIZ``: nbgrader's generate_feedback with every hidden-test line removed.

nbgrader strips hidden tests from cell sources, but a failing hidden test's traceback still
quotes the line (upstream #917). A preprocessor removes those lines before the HTML is written;
then every feedback file is searched once more, and any file still holding a hidden line is
deleted and reported rather than handed to a student. Students are processed by a pool of worker
processes (each with its own nbgrader API); the search runs here, as each student's files arrive.

A student whose submission still has a manually graded item without its grade (``course export``'s "pending manual
grading") would get a page showing that item as 0 and a total that leaves it out. Such students are held back and
named (their earlier pages removed, so ``nbgrader release_feedback`` cannot hand one out), or, with
``provisional=True``, get a page that says "not graded yet" for those items and calls the total provisional.
"""

from __future__ import annotations

import html
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import jinja2
import jinja2.bccache
from nbconvert.exporters import HTMLExporter
from traitlets.config import Config

from course_lib.content.quiz_data import explanations
from course_lib.instructor.course import deadlines
from course_lib.instructor.course.coursedir import CourseError, make_api, require_quiz, source_notebooks
from course_lib.instructor.lms import record as lms_record
from course_lib.instructor.quizzes.keylines import key_lines
from course_lib.instructor.steps.export import PENDING

_TAG = re.compile(r"<[^>]+>")
_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)


@dataclass
class FeedbackResult:
    quiz: str
    files: list[Path] = field(default_factory=list)
    withheld: list[Path] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    held: dict[str, list[str]] = field(default_factory=dict)  # student -> items pending manual grading
    provisional: dict[str, list[str]] = field(default_factory=dict)  # returned with those items "not graded yet"
    removed: list[Path] = field(default_factory=list)  # earlier pages of held students

    @property
    def exit_status(self) -> int:
        return 1 if self.withheld or self.failed or self.held else 0

    def summary(self) -> str:
        text = f"feedback {self.quiz}: {len(self.files)} file(s) written"
        text += f"; {len(self.withheld)} withheld (hidden-test text found)" if self.withheld else ""
        if self.held:
            text += (f"; {len(self.held)} student(s) held back ({PENDING}): "
                     + ", ".join(f"{s} ({', '.join(items)})" for s, items in sorted(self.held.items()))
                     + ". Grade those items in the formgrader and rerun, or rerun with --provisional to return "
                       "pages that say \"not graded yet\" for them")
            text += f"; {len(self.removed)} earlier page(s) of theirs removed" if self.removed else ""
        if self.provisional:
            text += (f"; provisional pages ({PENDING}): "
                     + ", ".join(f"{s} ({', '.join(items)})" for s, items in sorted(self.provisional.items())))
        return text + "".join(f"\n  failed {s}: {why}" for s, why in sorted(self.failed.items()))


def pending_items(course_dir: Path, quiz: str, students: set[str]) -> dict[str, list[str]]:
    """Items of ``students``' submissions still waiting for a manual grade, as ``course export`` reports them."""
    from course_lib.instructor.steps.export import score_rows

    pending: dict[str, list[str]] = {}
    for row in score_rows(course_dir, [quiz]):
        if row["status"] == PENDING and row["item"] != "TOTAL" and row["student"] in students:
            pending.setdefault(row["student"], []).append(row["item"])
    return pending


_ITEM_SCORE = r"Score: [-0-9.]+ / ([-0-9.]+)"


def mark_provisional(page: str, items: list[str]) -> str:
    """A feedback page with each of ``items`` shown as not graded yet (never as 0), the notebook's score called
    provisional, and a note at the top saying which items the instructor still grades."""
    for item in items:
        gid = re.escape(item)
        page = re.sub(rf'(<a href="#{gid}">[^<]*</a> \(){_ITEM_SCORE}\)', r"\1Score: not graded yet, out of \2)",
                      page)
        page = re.sub(rf'(<a name="{gid}"></a>.*?){_ITEM_SCORE}( <a href="#top">)',
                      r"\1Score: not graded yet, out of \2\3", page, count=1, flags=re.S)
    page = re.sub(r"(<h4>[^<]*\()Score: ([-0-9.]+ / [-0-9.]+\))", r"\1Provisional score: \2", page, count=1)
    these = "it" if len(items) == 1 else "them"
    note = (f"Not graded yet: {', '.join(items)}. Your instructor grades {'this' if len(items) == 1 else 'these'} "
            f"by hand; until then the score at the top leaves {these} out, so it is provisional.")
    body = _BODY.search(page)
    tag = f'<p class="course-provisional" role="note">{html.escape(note)}</p>'
    return page[:body.end()] + tag + page[body.end():] if body else tag + page


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
    from course_lib.instructor.runner.grade_one import real_error

    outcome = _api.generate_feedback(quiz, student, force=True)
    return student, "" if outcome["success"] else real_error(outcome)


def feedback(course_dir: Path, quiz: str, students: list[str] | None = None, workers: int = 2,
             provisional: bool = False) -> FeedbackResult:
    """Generate HTML feedback for every autograded student (or the given ones) with ``workers`` processes, and
    check every file it wrote; a student whose feedback fails is reported and the others go on. Students with items
    pending manual grading are held back, or with ``provisional`` get pages saying those items are not graded yet."""
    from nbgrader.converters import GenerateFeedback
    from nbgrader.preprocessors import ClearHiddenTests

    from course_lib.instructor.quizzes.variant_keys import hidden_specs
    from course_lib.instructor.runner.preprocessors import StripHiddenTestText, WorkedExplanations

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
    steps[1:1] = [StripHiddenTestText, ClearHiddenTests]
    specs = {item: spec for nb in source_notebooks(course_dir, quiz).values()
             for item, spec in hidden_specs(nb).items()}
    if specs:  # a quiz with per-student variants: each page explains the student's own version
        steps.insert(steps.index(ClearHiddenTests) + 1, WorkedExplanations)
        c.WorkedExplanations.specs = specs
        c.WorkedExplanations.explanations = explanations(course_dir, quiz)
    c.GenerateFeedback.preprocessors = steps
    c.GenerateFeedback.exporter_class = FeedbackHTMLExporter
    c.StripHiddenTestText.hidden_lines = sorted(hidden)
    make_api(course_dir, c)  # a gradebook that cannot be opened stops the run here, in one line
    result = FeedbackResult(quiz)
    pending = pending_items(course_dir, quiz, set(graded))
    if provisional:
        result.provisional = pending
    else:
        result.held = pending
        graded = [s for s in graded if s not in pending]
        for student in pending:
            old_pages = course_dir / "feedback" / student / quiz
            result.removed += sorted(p for p in old_pages.rglob("*") if p.is_file()) if old_pages.is_dir() else []
            shutil.rmtree(old_pages, ignore_errors=True)
        if not graded:
            return result
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
                    if student in pending and path.suffix == ".html":
                        path.write_text(mark_provisional(path.read_text(encoding="utf-8"), pending[student]),
                                        encoding="utf-8")
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
