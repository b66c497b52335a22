"""The LMS's roster CSV, keyed by the column that holds the course's student ids, and recorded in nbgrader's
gradebook (names, email, LMS id) so that every roster student is listed by ``course export``, with ``missing`` until
they submit.

Which download each LMS's roster is, which columns it must have, where the student ids and names are: the LMS's
adapter (``canvas.py``, ``moodle.py``, ``blackboard.py``). Read here for every LMS alike: UTF-8 (with or without a
byte-order mark) or UTF-16 with its mark, comma- or tab-separated (Blackboard's ``.xls`` is tab-separated UTF-16).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook

from course_lib.instructor import lms as registry
from course_lib.instructor.course.coursedir import CourseError, db_url
from course_lib.instructor.lms.rules import LmsAdapter


@dataclass
class Roster:
    adapter: LmsAdapter
    id_column: str
    rows: dict[str, dict[str, str]] = field(default_factory=dict)  # course student id -> the LMS's row
    header: list[str] = field(default_factory=list)
    name: str = "roster"

    @property
    def lms(self) -> str:
        return self.adapter.name

    @property
    def is_worksheet(self) -> bool:
        """An assignment's grading worksheet (Moodle's), rather than a participants or grades export."""
        sheet = self.adapter.worksheet
        return sheet is not None and sheet.id_column in self.header


def _text(path: Path) -> str:
    """The file as text: UTF-8 (with or without a byte-order mark), or UTF-16 with its mark (Blackboard's .xls)."""
    raw = Path(path).read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig")


def read_roster(path: Path, lms: str, id_column: str | None = None) -> Roster:
    """The LMS's roster CSV, keyed by the column that holds the course's student ids; one clear line for a roster
    that cannot be used (unreadable, a column missing, an id missing or repeated)."""
    spec = registry.adapter(lms)
    name = Path(path).name
    try:
        text = _text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise CourseError(f"roster {name}: cannot read it as UTF-8 text ({exc.__class__.__name__})") from None
    first_line = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter="\t" if "\t" in first_line else ",")
    header = [column.strip() for column in reader.fieldnames or []]
    reader.fieldnames = header
    needed = [c for c in spec.required_columns if c not in header]
    if needed:
        raise CourseError(f"roster {name}: no column {needed[0]!r}; {spec.roster_kind} has "
                          f"{', '.join(spec.required_columns)}")
    id_column = id_column or next((c for c in spec.id_columns if c in header), None)
    if id_column is None:
        raise CourseError(f"roster {name}: none of the columns {', '.join(spec.id_columns)} that {spec.display}'s "
                          "grade import matches on")
    if id_column not in header:
        raise CourseError(f"roster {name}: no column {id_column!r} (columns: {', '.join(header)})")
    roster, line_of = Roster(spec, id_column, header=header, name=name), {}
    for line, row in enumerate(reader, start=2):
        if any((row.get(column) or "").strip().startswith(start) for column, start in spec.not_students):
            continue
        student = (row.get(id_column) or "").strip()
        if not student:
            raise CourseError(f"roster {name} line {line}: no {id_column}")
        if student in roster.rows:
            raise CourseError(f"roster {name} line {line}: {id_column} {student!r} repeats line {line_of[student]}")
        roster.rows[student], line_of[student] = row, line
    if not roster.rows:
        raise CourseError(f"roster {name}: no students in it")
    return roster


def student_name(spec: LmsAdapter, row: dict[str, str]) -> tuple[str, str]:
    """(first, last) from the roster row: its first and last name columns, else its one full-name column."""
    first_column, last_column = spec.first_last_columns or ("", "")
    whole = (row.get(spec.full_name_column) or "") if spec.full_name_column else ""
    if whole and spec.split_full_name and not (first_column and row.get(first_column)):
        return spec.split_full_name(whole)
    return ((row.get(first_column) or "").strip() if first_column else "",
            (row.get(last_column) or "").strip() if last_column else "")


def record_roster(course_dir: Path, roster: Roster) -> int:
    """Add or update every roster student in the gradebook (first and last name, email, LMS user id); returns the
    number of students."""
    spec = roster.adapter
    with Gradebook(db_url(course_dir)) as gb:
        for student, row in roster.rows.items():
            first, last = student_name(spec, row)
            email = (row.get("Email address") or row.get("Email") or "").strip() or None
            gb.update_or_create_student(student, first_name=first or None, last_name=last or None, email=email,
                                        lms_user_id=(row.get(spec.user_id_column) or "").strip() or None)
    return len(roster.rows)
