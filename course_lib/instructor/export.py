"""``course export``: scores as CSV, read from nbgrader's gradebook.

One row per student, quiz and graded item (``item`` = the grade id) plus a ``TOTAL`` row per
student and quiz. Only numbers leave the gradebook: never the text of an answer or a comment.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from .coursedir import db_url

COLUMNS = ("student", "quiz", "item", "score", "max_score")


def _number(value) -> str:
    return "" if value is None else f"{float(value):g}"


def score_rows(course_dir: Path, quizzes: list[str] | None = None) -> list[dict[str, str]]:
    """Rows of scores for every graded submission (item score blank while it awaits manual grading)."""
    rows = []
    with Gradebook(db_url(course_dir)) as gb:
        for assignment in sorted(gb.assignments, key=lambda a: a.name):
            if quizzes and assignment.name not in quizzes:
                continue
            for student in sorted(gb.students, key=lambda s: s.id):
                try:
                    submission = gb.find_submission(assignment.name, student.id)
                except MissingEntry:
                    continue
                for notebook in sorted(submission.notebooks, key=lambda n: n.name):
                    for grade in sorted(notebook.grades, key=lambda g: g.name):
                        rows.append({"student": student.id, "quiz": assignment.name, "item": grade.name,
                                     "score": _number(grade.score if not grade.needs_manual_grade else None),
                                     "max_score": _number(grade.max_score)})
                rows.append({"student": student.id, "quiz": assignment.name, "item": "TOTAL",
                             "score": _number(submission.score), "max_score": _number(submission.max_score)})
    return rows


def export_csv(course_dir: Path, out: Path | None = None, quizzes: list[str] | None = None) -> str:
    """Write the scores CSV to ``out`` (or return it as text when ``out`` is None)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(score_rows(course_dir, quizzes))
    text = buffer.getvalue()
    if out is not None:
        Path(out).write_text(text)
    return text
