"""``course feedback QUIZ``: nbgrader's generate_feedback with every hidden-test line removed.

nbgrader strips hidden tests from cell sources, but a failing hidden test's traceback still
quotes the line (upstream #917). A preprocessor removes those lines before the HTML is written;
then every feedback file is searched once more, and any file still holding a hidden line is
deleted and reported rather than handed to a student.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from traitlets.config import Config

from .coursedir import CourseError, make_api, require_quiz, source_notebooks
from .keylines import key_lines

_TAG = re.compile(r"<[^>]+>")


@dataclass
class FeedbackResult:
    quiz: str
    files: list[Path] = field(default_factory=list)
    withheld: list[Path] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        return 1 if self.withheld else 0

    def summary(self) -> str:
        text = f"feedback {self.quiz}: {len(self.files)} file(s) written"
        return text + (f"; {len(self.withheld)} withheld (hidden-test text found)" if self.withheld else "")


def visible_text(html_text: str) -> str:
    """What a reader sees in an HTML file: tags removed, entities decoded (highlighting spans joined)."""
    return html.unescape(_TAG.sub("", html_text))


def leaked_lines(text: str, hidden: set[str]) -> list[str]:
    """Hidden-test lines that occur in ``text`` (raw or as visible HTML text)."""
    seen = visible_text(text)
    return sorted(line for line in hidden if line in text or line in seen)


def feedback(course_dir: Path, quiz: str, students: list[str] | None = None) -> FeedbackResult:
    """Generate HTML feedback for every autograded student (or the given ones) and check it."""
    from nbgrader.converters import GenerateFeedback
    from nbgrader.preprocessors import ClearHiddenTests

    from .preprocessors import StripHiddenTestText

    require_quiz(course_dir, quiz)
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
    c.StripHiddenTestText.hidden_lines = sorted(hidden)
    api = make_api(course_dir, c)
    result = FeedbackResult(quiz)
    for student in graded:
        outcome = api.generate_feedback(quiz, student, force=True)
        if not outcome["success"]:
            raise CourseError(f"nbgrader generate_feedback failed for {student!r}")
        for path in sorted((course_dir / "feedback" / student / quiz).rglob("*")):
            if not path.is_file() or path.suffix not in (".html", ".ipynb", ".txt", ".md"):
                continue
            if leaked_lines(path.read_text(encoding="utf-8", errors="replace"), hidden):
                path.unlink()
                result.withheld.append(path)
            else:
                result.files.append(path)
    return result
