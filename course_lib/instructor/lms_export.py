"""``course export --format canvas|moodle --roster FILE``: one row per roster student in the LMS's grade import format.

The roster is the LMS's own CSV (Canvas: the gradebook export; Moodle: a participants or grades export), so names,
LMS ids and sections come from the LMS unchanged. A quiz's column holds the student's TOTAL only when the export's
status is ``complete``; anything else (pending manual grading, missing, failed, not graded) is left empty and
counted in the warnings, so no upload silently turns ungraded work into a grade.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .coursedir import CourseError
from .export import COMPLETE, natural_key, score_rows

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


def lms_table(course_dir: Path, roster: Roster, quizzes: list[str] | None = None):
    """(header, rows, warnings): one row per roster student, a column per quiz holding complete TOTALs only."""
    totals = {(r["student"], r["quiz"]): r for r in score_rows(course_dir, quizzes) if r["item"] == "TOTAL"}
    names = sorted({quiz for _, quiz in totals}, key=natural_key)
    fixed = list(CANVAS_COLUMNS) if roster.lms == "canvas" else [roster.id_column]
    rows, not_final = [], Counter()
    for student, lms_row in roster.rows.items():
        row = {column: lms_row.get(column, "") for column in fixed}
        for quiz in names:
            total = totals.get((student, quiz))
            if total and total["status"] == COMPLETE:
                row[quiz] = total["score"]
            else:
                row[quiz] = ""
                not_final[total["status"] if total else "missing"] += 1
        rows.append(row)
    warnings = []
    if not_final:
        warnings.append("left empty (not a final score): " + ", ".join(
            f"{count} {why}" for why, count in sorted(not_final.items())))
    strangers = sorted({s for s, _ in totals} - set(roster.rows), key=natural_key)
    if strangers:
        warnings.append(f"not in the roster, left out of the file: {', '.join(strangers)}")
    return fixed + names, rows, warnings


def export_lms(course_dir: Path, roster: Roster, out: Path | None = None,
               quizzes: list[str] | None = None) -> tuple[str, list[str]]:
    """Write the LMS import file to ``out`` (or return it); returns (text, warnings)."""
    header, rows, warnings = lms_table(course_dir, roster, quizzes)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    text = buffer.getvalue()
    if out is not None:
        Path(out).write_text(text, encoding="utf-8")
    return text, warnings
