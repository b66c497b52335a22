"""``course export``: scores as CSV, read from nbgrader's gradebook.

One row per student, quiz and graded item (``item`` = the grade id, in natural order: q2 before q10) plus a
``TOTAL`` row per student and quiz. Only numbers leave the gradebook: never the text of an answer or a comment.
Every student the course knows (in the gradebook, or with a folder in ``submitted/``) has a ``TOTAL`` row for every
quiz, and its ``status`` says whether the score can be used:

- ``complete``: every item graded; the TOTAL is final.
- ``pending manual grading``: some item awaits the instructor (its score is empty); the TOTAL is empty, never a sum
  that silently leaves the written answer out.
- ``missing``: nothing submitted; ``failed``: grading failed or did not finish (``status``); ``not graded``: a
  submission nbgrader has not graded (set aside by preflight, or autograde not run yet). These get a single TOTAL
  row with no score, never the partial grades nbgrader may have left.

``minutes_late`` is the lateness nbgrader recorded for the submission against its due date and the student's
extension (``deadlines``; empty when on time); the TOTAL is after the late penalty, if the course sets one.
``late_marked_by`` names the LMS that marked the submission late when it gave no time to count from (Canvas's
``LATE``, recorded by ``course collect``).
"""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from . import lms_record, status
from .coursedir import db_url

COLUMNS = ("student", "quiz", "item", "score", "max_score", "status", "minutes_late", "late_marked_by")
COMPLETE, PENDING, MISSING, FAILED, NOT_GRADED = (
    "complete", "pending manual grading", "missing", status.FAILED, "not graded")


def natural_key(text: str) -> list:
    """Sort key putting q2 before q10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _number(value) -> str:
    return "" if value is None else f"{float(value):g}"


def _minutes_late(seconds) -> str:
    return str(math.ceil(seconds / 60)) if seconds and seconds > 0 else ""


def _submitted(course_dir: Path, quiz: str) -> set[str]:
    folder = course_dir / "submitted"
    return {p.name for p in folder.iterdir() if (p / quiz).is_dir()} if folder.is_dir() else set()


def score_rows(course_dir: Path, quizzes: list[str] | None = None) -> list[dict[str, str]]:
    """Item rows and a TOTAL row for every student and quiz, with the status that says whether to trust them."""
    rows = []
    with Gradebook(db_url(course_dir)) as gb:
        known = {s.id for s in gb.students}
        for assignment in sorted(gb.assignments, key=lambda a: natural_key(a.name)):
            if quizzes and assignment.name not in quizzes:
                continue
            failed = status.failed(course_dir, assignment.name)
            submitted = _submitted(course_dir, assignment.name)
            marked = lms_record.late_marked(course_dir, assignment.name)
            max_score = _number(assignment.max_score)
            for student in sorted(known | set(failed) | submitted, key=natural_key):
                row = {"student": student, "quiz": assignment.name, "item": "TOTAL", "score": "",
                       "max_score": max_score, "minutes_late": "", "late_marked_by": marked.get(student, "")}
                if student in failed:
                    rows.append({**row, "status": FAILED})
                    continue
                try:
                    submission = gb.find_submission(assignment.name, student)
                except MissingEntry:
                    rows.append({**row, "status": NOT_GRADED if student in submitted else MISSING})
                    continue
                if submission.timestamp is None and student not in submitted:  # only an extension recorded
                    rows.append({**row, "status": MISSING})
                    continue
                late = _minutes_late(submission.total_seconds_late)
                pending = False
                for notebook in sorted(submission.notebooks, key=lambda n: natural_key(n.name)):
                    for grade in sorted(notebook.grades, key=lambda g: natural_key(g.name)):
                        pending = pending or grade.needs_manual_grade
                        rows.append({**row, "item": grade.name, "minutes_late": late,
                                     "score": _number(None if grade.needs_manual_grade else grade.score),
                                     "max_score": _number(grade.max_score),
                                     "status": PENDING if grade.needs_manual_grade else COMPLETE})
                total = submission.score - (submission.late_submission_penalty or 0)
                rows.append({**row, "score": "" if pending else _number(total),
                             "max_score": _number(submission.max_score), "minutes_late": late,
                             "status": PENDING if pending else COMPLETE})
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
