"""``course export``: scores as CSV, read from nbgrader's gradebook.

One row per student, quiz and graded item (``item`` = the grade id, in natural order: q2 before q10) plus a
``TOTAL`` row per student and quiz. Only numbers leave the gradebook: never the text of an answer or a comment.
Every student the course knows (in the gradebook, or with a folder in ``submitted/``) has a ``TOTAL`` row for every
quiz, and its ``status`` says whether the score can be used:

- ``complete``: every item graded; the TOTAL is final. ``complete, version flagged``: the same, for a quiz with
  per-student variants whose notebook named or showed another student's version (``variant_flags``; the autograde
  summary and the report say which): the TOTAL is the score on the version of the ID graded under; look before use.
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

from nbgrader.api import (
    BaseCell,
    Grade,
    Gradebook,
    Notebook,
    Student,
    SubmittedAssignment,
    SubmittedNotebook,
)

from course_lib.instructor.course.coursedir import db_url
from course_lib.instructor.lms import record as lms_record
from course_lib.instructor.steps import status, variant_flags

COLUMNS = ("student", "quiz", "item", "score", "max_score", "status", "minutes_late", "late_marked_by")
COMPLETE, PENDING, MISSING, FAILED, NOT_GRADED = (
    "complete", "pending manual grading", "missing", status.FAILED, "not graded")
#: Complete, graded on the version of the ID graded under, but the notebook showed or named another (variant_flags).
VARIANT_FLAGGED = "complete, version flagged"
FINAL = (COMPLETE, VARIANT_FLAGGED)  # a TOTAL that may go to the LMS


def natural_key(text: str) -> list:
    """Sort key putting q2 before q10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _number(value) -> str:
    return "" if value is None else f"{float(value):g}"


def _minutes_late(seconds) -> str:
    return str(math.ceil(seconds / 60)) if seconds and seconds > 0 else ""


def submitted_students(course_dir: Path, quiz: str) -> set[str]:
    """Students with a folder for ``quiz`` in ``submitted/``."""
    folder = course_dir / "submitted"
    return {p.name for p in folder.iterdir() if (p / quiz).is_dir()} if folder.is_dir() else set()


def _late_seconds(timestamp, duedate, extension) -> float:
    """nbgrader's ``SubmittedAssignment.total_seconds_late``, from the columns it is computed from."""
    if timestamp is None or duedate is None:
        return 0
    return max(0, (timestamp - (duedate + extension if extension is not None else duedate)).total_seconds())


def _class_rows(gb: Gradebook, assignment) -> tuple[dict, dict]:
    """One assignment's submissions and grades for the whole class, in two queries (walking nbgrader's objects costs
    a database round trip per attribute: minutes for a class of 5,000). Same values as nbgrader's own properties:
    ``Grade.score`` and ``SubmittedAssignment.score`` are its SQL column properties."""
    submissions = {student: (timestamp, score, penalty, max_score, _late_seconds(timestamp, assignment.duedate, ext))
                   for student, timestamp, ext, score, penalty, max_score in gb.db.query(
                       SubmittedAssignment.student_id, SubmittedAssignment.timestamp, SubmittedAssignment.extension,
                       SubmittedAssignment.score, SubmittedAssignment.late_submission_penalty,
                       SubmittedAssignment.max_score).filter(SubmittedAssignment.assignment_id == assignment.id)}
    grades: dict[str, list] = {}
    for student, notebook, item, score, max_score, needs_manual in gb.db.query(
            SubmittedAssignment.student_id, Notebook.name, BaseCell.name, Grade.score, Grade.max_score,
            Grade.needs_manual_grade) \
            .join(SubmittedNotebook, SubmittedNotebook.assignment_id == SubmittedAssignment.id) \
            .join(Notebook, Notebook.id == SubmittedNotebook.notebook_id) \
            .join(Grade, Grade.notebook_id == SubmittedNotebook.id) \
            .join(BaseCell, BaseCell.id == Grade.cell_id) \
            .filter(SubmittedAssignment.assignment_id == assignment.id):
        grades.setdefault(student, []).append((natural_key(notebook), natural_key(item), item, score, max_score,
                                               needs_manual))
    return submissions, grades


def score_rows(course_dir: Path, quizzes: list[str] | None = None) -> list[dict[str, str]]:
    """Item rows and a TOTAL row for every student and quiz, with the status that says whether to trust them."""
    rows = []
    with Gradebook(db_url(course_dir)) as gb:
        known = {student for (student,) in gb.db.query(Student.id)}
        for assignment in sorted(gb.assignments, key=lambda a: natural_key(a.name)):
            if quizzes and assignment.name not in quizzes:
                continue
            failed = status.failed(course_dir, assignment.name)
            flagged = variant_flags.load(course_dir, assignment.name)
            submitted = submitted_students(course_dir, assignment.name)
            marked = lms_record.late_marked(course_dir, assignment.name)
            max_score = _number(assignment.max_score)
            submissions, grades = _class_rows(gb, assignment)
            for student in sorted(known | set(failed) | submitted, key=natural_key):
                row = {"student": student, "quiz": assignment.name, "item": "TOTAL", "score": "",
                       "max_score": max_score, "minutes_late": "", "late_marked_by": marked.get(student, "")}
                if student in failed:
                    rows.append({**row, "status": FAILED})
                    continue
                if student not in submissions:
                    rows.append({**row, "status": NOT_GRADED if student in submitted else MISSING})
                    continue
                timestamp, score, penalty, submission_max, late_seconds = submissions[student]
                if timestamp is None and student not in submitted:  # only an extension recorded
                    rows.append({**row, "status": MISSING})
                    continue
                late = _minutes_late(late_seconds)
                pending = False
                for *_, item, grade_score, grade_max, needs_manual in sorted(grades.get(student, [])):
                    pending = pending or needs_manual
                    rows.append({**row, "item": item, "minutes_late": late,
                                 "score": _number(None if needs_manual else grade_score),
                                 "max_score": _number(grade_max),
                                 "status": PENDING if needs_manual else COMPLETE})
                total = (score or 0) - (penalty or 0)
                rows.append({**row, "score": "" if pending else _number(total),
                             "max_score": _number(submission_max), "minutes_late": late,
                             "status": PENDING if pending else VARIANT_FLAGGED if student in flagged else COMPLETE})
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
