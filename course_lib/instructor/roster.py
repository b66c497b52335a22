"""The LMS's roster CSV, keyed by the column that holds the course's student ids, and recorded in nbgrader's
gradebook (names, email, LMS id) so that every roster student is listed by ``course export``, with ``missing`` until
they submit.

- Canvas: its gradebook export (``Student, ID, SIS User ID, SIS Login ID, Section``, then a column per assignment
  such as ``Quiz 1 (12345)``).
- Moodle: a participants or grades export keyed by ``Username``, ``Email address`` or ``ID number``; or an
  assignment's grading worksheet (``Identifier`` = ``Participant 1234``, ``Full name``, ``Email address``, ``Grade``,
  ...), which is both what the assignment's grade upload takes back and what names its feedback-file zip.
- Blackboard Learn: the Grade Center download (Work Offline > Download; comma-separated ``.csv``, or tab-separated
  UTF-16 ``.xls``), keyed by ``Username``, a column per item such as ``Quiz 1 [Total Pts: 26 Score] |123456``
  (Blackboard Help, "Uploading or Downloading Grade Center Items for Working Offline": the user name identifies the
  student and the column id after ``|`` the column; a ``.csv`` has every value quoted, an ``.xls`` is tab-separated;
  http://library.blackboard.com/ref/3ea64795-6ecc-4abd-b595-0a9a8dfdec94/Content/_instructor_grade_center/grade_center_upload_download.htm
  ).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook

from course_lib.instructor.course.coursedir import CourseError, db_url

FORMATS = ("canvas", "moodle", "blackboard")
CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
CANVAS_DEFAULT_ID = "SIS Login ID"
MOODLE_ID_COLUMNS = ("Username", "Email address", "ID number")  # the keys Moodle's grade import can match on
MOODLE_WORKSHEET_ID = "Identifier"  # "Participant 1234" in an assignment's grading worksheet
BLACKBOARD_COLUMNS = ("Last Name", "First Name", "Username", "Student ID")
BLACKBOARD_ID = "Username"


@dataclass
class Roster:
    lms: str
    id_column: str
    rows: dict[str, dict[str, str]] = field(default_factory=dict)  # course student id -> the LMS's row
    header: list[str] = field(default_factory=list)
    name: str = "roster"

    @property
    def is_worksheet(self) -> bool:
        """A Moodle assignment's grading worksheet (rather than a participants or grades export)."""
        return self.lms == "moodle" and MOODLE_WORKSHEET_ID in self.header


def check_format(lms: str) -> None:
    if lms not in FORMATS:
        raise CourseError(f"unknown LMS format {lms!r}; use one of {', '.join(FORMATS)}")


def _text(path: Path) -> str:
    """The file as text: UTF-8 (with or without a byte-order mark), or UTF-16 with its mark (Blackboard's .xls)."""
    raw = Path(path).read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig")


def read_roster(path: Path, lms: str, id_column: str | None = None) -> Roster:
    """The LMS's roster CSV, keyed by the column that holds the course's student ids; one clear line for a roster
    that cannot be used (unreadable, a column missing, an id missing or repeated)."""
    check_format(lms)
    name = Path(path).name
    try:
        text = _text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise CourseError(f"roster {name}: cannot read it as UTF-8 text ({exc.__class__.__name__})") from None
    first_line = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter="\t" if "\t" in first_line else ",")
    header = [column.strip() for column in reader.fieldnames or []]
    reader.fieldnames = header
    if lms == "canvas":
        _require(name, header, CANVAS_COLUMNS, "a Canvas gradebook export")
        id_column = id_column or CANVAS_DEFAULT_ID
    elif lms == "blackboard":
        _require(name, header, (BLACKBOARD_ID,), "a Blackboard Grade Center download")
        id_column = id_column or BLACKBOARD_ID
    else:
        id_column = id_column or next((c for c in MOODLE_ID_COLUMNS if c in header), None)
        if id_column is None:
            raise CourseError(f"roster {name}: none of the columns {', '.join(MOODLE_ID_COLUMNS)} that Moodle's "
                              "grade import matches on")
    if id_column not in header:
        raise CourseError(f"roster {name}: no column {id_column!r} (columns: {', '.join(header)})")
    roster, line_of = Roster(lms, id_column, header=header, name=name), {}
    for line, row in enumerate(reader, start=2):
        if lms == "canvas" and (row.get("Student") or "").strip().startswith("Points Possible"):
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


def _require(name: str, header: list[str], columns: tuple[str, ...], what: str) -> None:
    needed = [c for c in columns if c not in header]
    if needed:
        raise CourseError(f"roster {name}: no column {needed[0]!r}; {what} has {', '.join(columns)}")


def _names(lms: str, row: dict[str, str]) -> tuple[str, str]:
    if lms == "canvas":  # "Last, First"
        last, _, first = (row.get("Student") or "").partition(",")
        return first.strip(), last.strip()
    if lms == "blackboard":
        return (row.get("First Name") or "").strip(), (row.get("Last Name") or "").strip()
    if not row.get("First name") and row.get("Full name"):  # a Moodle grading worksheet: "First Last"
        first, _, last = row["Full name"].strip().rpartition(" ")
        return first, last
    return (row.get("First name") or "").strip(), (row.get("Last name") or "").strip()


def _lms_id(lms: str, row: dict[str, str]) -> str | None:
    column = {"canvas": "ID", "moodle": "ID number", "blackboard": "Student ID"}[lms]
    return (row.get(column) or "").strip() or None


def record_roster(course_dir: Path, roster: Roster) -> int:
    """Add or update every roster student in the gradebook (first and last name, email, LMS user id); returns the
    number of students."""
    with Gradebook(db_url(course_dir)) as gb:
        for student, row in roster.rows.items():
            first, last = _names(roster.lms, row)
            email = (row.get("Email address") or row.get("Email") or "").strip() or None
            gb.update_or_create_student(student, first_name=first or None, last_name=last or None, email=email,
                                        lms_user_id=_lms_id(roster.lms, row))
    return len(roster.rows)
