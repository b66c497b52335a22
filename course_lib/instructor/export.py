"""``course export``: scores as CSV, read from nbgrader's gradebook.

One row per student, quiz and graded item (``item`` = the grade id) plus a ``TOTAL`` row per
student and quiz. Only numbers leave the gradebook: never the text of an answer or a comment.
The ``status`` column says whether the scores can be used: ``graded``, or ``failed`` for a student whose
grading failed or did not finish (``status``), who gets a single ``TOTAL`` row with no score, never the
partial grades nbgrader may have left.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from . import status
from .coursedir import db_url

COLUMNS = ("student", "quiz", "item", "score", "max_score", "status")


def _number(value) -> str:
    return "" if value is None else f"{float(value):g}"


def score_rows(course_dir: Path, quizzes: list[str] | None = None) -> list[dict[str, str]]:
    """Rows of scores for every graded submission (item score blank while it awaits manual grading), and a
    scoreless ``failed`` row for every student whose grading failed."""
    rows = []
    with Gradebook(db_url(course_dir)) as gb:
        for assignment in sorted(gb.assignments, key=lambda a: a.name):
            if quizzes and assignment.name not in quizzes:
                continue
            failed = status.failed(course_dir, assignment.name)
            for student in sorted({s.id for s in gb.students} | set(failed)):
                row = {"student": student, "quiz": assignment.name}
                if student in failed:
                    rows.append({**row, "item": "TOTAL", "score": "", "max_score": _number(assignment.max_score),
                                 "status": status.FAILED})
                    continue
                try:
                    submission = gb.find_submission(assignment.name, student)
                except MissingEntry:
                    continue
                for notebook in sorted(submission.notebooks, key=lambda n: n.name):
                    for grade in sorted(notebook.grades, key=lambda g: g.name):
                        rows.append({**row, "item": grade.name,
                                     "score": _number(grade.score if not grade.needs_manual_grade else None),
                                     "max_score": _number(grade.max_score), "status": status.GRADED})
                rows.append({**row, "item": "TOTAL", "score": _number(submission.score),
                             "max_score": _number(submission.max_score), "status": status.GRADED})
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
