"""The LMS's roster CSV (Canvas: its gradebook export; Moodle: a participants or grades export), keyed by the column
that holds the course's student ids, and recorded in nbgrader's gradebook (names, email, LMS id) so that every
roster student is listed by ``course export``, with ``missing`` until they submit."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook

from .coursedir import CourseError, db_url

FORMATS = ("canvas", "moodle")
CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
CANVAS_DEFAULT_ID = "SIS Login ID"
MOODLE_ID_COLUMNS = ("Username", "Email address", "ID number")  # the keys Moodle's grade import can match on


@dataclass
class Roster:
    lms: str
    id_column: str
    rows: dict[str, dict[str, str]] = field(default_factory=dict)  # course student id -> the LMS's row


def read_roster(path: Path, lms: str, id_column: str | None = None) -> Roster:
    """The LMS's roster CSV, keyed by the column that holds the course's student ids; one clear line for a roster
    that cannot be used (unreadable, a column missing, an id missing or repeated)."""
    if lms not in FORMATS:
        raise CourseError(f"unknown LMS format {lms!r}; use one of {', '.join(FORMATS)}")
    name = Path(path).name
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CourseError(f"roster {name}: cannot read it as UTF-8 text ({exc.__class__.__name__})") from None
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    if lms == "canvas":
        needed = [c for c in CANVAS_COLUMNS if c not in header]
        if needed:
            raise CourseError(f"roster {name}: no column {needed[0]!r}; a Canvas gradebook export has "
                              f"{', '.join(CANVAS_COLUMNS)}")
        id_column = id_column or CANVAS_DEFAULT_ID
    else:
        id_column = id_column or next((c for c in MOODLE_ID_COLUMNS if c in header), None)
        if id_column is None:
            raise CourseError(f"roster {name}: none of the columns {', '.join(MOODLE_ID_COLUMNS)} that Moodle's "
                              "grade import matches on")
    if id_column not in header:
        raise CourseError(f"roster {name}: no column {id_column!r} (columns: {', '.join(header)})")
    roster, first_line = Roster(lms, id_column), {}
    for line, row in enumerate(reader, start=2):
        if lms == "canvas" and (row.get("Student") or "").strip().startswith("Points Possible"):
            continue
        student = (row.get(id_column) or "").strip()
        if not student:
            raise CourseError(f"roster {name} line {line}: no {id_column}")
        if student in roster.rows:
            raise CourseError(f"roster {name} line {line}: {id_column} {student!r} repeats line {first_line[student]}")
        roster.rows[student], first_line[student] = row, line
    if not roster.rows:
        raise CourseError(f"roster {name}: no students in it")
    return roster


def _names(lms: str, row: dict[str, str]) -> tuple[str, str]:
    if lms == "canvas":  # "Last, First"
        last, _, first = (row.get("Student") or "").partition(",")
        return first.strip(), last.strip()
    return (row.get("First name") or "").strip(), (row.get("Last name") or "").strip()


def record_roster(course_dir: Path, roster: Roster) -> int:
    """Add or update every roster student in the gradebook (first and last name, email, LMS user id); returns the
    number of students."""
    with Gradebook(db_url(course_dir)) as gb:
        for student, row in roster.rows.items():
            first, last = _names(roster.lms, row)
            email = (row.get("Email address") or row.get("Email") or "").strip() or None
            lms_id = ((row.get("ID") if roster.lms == "canvas" else row.get("ID number")) or "").strip() or None
            gb.update_or_create_student(student, first_name=first or None, last_name=last or None, email=email,
                                        lms_user_id=lms_id)
    return len(roster.rows)
