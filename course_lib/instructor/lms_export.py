"""``course export --format canvas|moodle|blackboard --roster FILE``: one row per roster student in the LMS's grade
import format.

The roster is the LMS's own download (``roster.py``), so names, LMS ids and sections come from the LMS unchanged, and
a quiz's score goes under the LMS's own column header (``lms_columns.py``). A quiz's cell holds the student's TOTAL
only when the export's status is ``complete``; anything else (pending manual grading, missing, failed, not graded)
is left empty and counted in the warnings, so no upload silently turns ungraded work into a grade.

- Canvas (Grades > Import): ``Student, ID, SIS User ID, SIS Login ID, Section``, then the quiz columns.
- Blackboard Learn (Grade Center > Work Offline > Upload): ``Last Name, First Name, Username, Student ID`` (those the
  download has), then the quiz columns; comma-separated with every value quoted, as Blackboard asks of a ``.csv``.
- Moodle, from an assignment's grading worksheet (the roster has ``Identifier``): the worksheet as downloaded with
  its ``Grade`` column filled, for the assignment's "Upload grading worksheet". This round-trips best: the rows are
  matched by Moodle's own participant id, no column is mapped by hand, and the grade lands in the assignment (where
  the student also finds the feedback file) instead of overriding it from the gradebook, which would lock it.
- Moodle, from any other export: the column its gradebook import matches on, then a column per quiz (Grades >
  Import > CSV file, mapping each column to a grade item).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from course_lib.instructor import lms_columns
from course_lib.instructor.course.coursedir import CourseError
from course_lib.instructor.roster import BLACKBOARD_COLUMNS, CANVAS_COLUMNS, FORMATS, Roster, read_roster
from course_lib.instructor.steps.export import COMPLETE, natural_key, score_rows

__all__ = ["CANVAS_COLUMNS", "FORMATS", "export_lms", "lms_table", "read_roster"]

WORKSHEET_GRADE, WORKSHEET_MAXIMUM = "Grade", "Maximum Grade"
WORKSHEET_COLUMNS = ("Identifier", WORKSHEET_GRADE, "Last modified (grade)")  # what its upload refuses to go without


def _fixed_columns(roster: Roster) -> list[str]:
    if roster.lms == "canvas":
        return list(CANVAS_COLUMNS)
    if roster.lms == "blackboard":
        return [c for c in BLACKBOARD_COLUMNS if c in roster.header]
    return list(roster.header) if roster.is_worksheet else [roster.id_column]


def lms_table(course_dir: Path, roster: Roster, quizzes: list[str] | None = None,
              columns: list[str] | None = None):
    """(header, rows, warnings): one row per roster student, a column per quiz holding complete TOTALs only."""
    totals = {(r["student"], r["quiz"]): r for r in score_rows(course_dir, quizzes) if r["item"] == "TOTAL"}
    names = sorted({quiz for _, quiz in totals} | set(quizzes or []), key=natural_key)
    if roster.is_worksheet:
        if len(names) != 1:
            raise CourseError(f"roster {roster.name} is a Moodle grading worksheet, which holds one assignment: "
                              f"choose the quiz with --quiz ({', '.join(names) or 'no graded quiz yet'})")
        needed = [c for c in WORKSHEET_COLUMNS if c not in roster.header]
        if needed:
            raise CourseError(f"roster {roster.name}: no column {needed[0]!r}, which Moodle's worksheet upload needs; "
                              "download the grading worksheet again")
        headers = {names[0]: WORKSHEET_GRADE}
    else:
        headers = lms_columns.resolve(course_dir, roster, names, columns)
    fixed = _fixed_columns(roster)
    rows, not_final = [], Counter()
    for student, lms_row in roster.rows.items():
        row = {column: lms_row.get(column) or "" for column in fixed}
        for quiz in names:
            total = totals.get((student, quiz))
            if total and total["status"] == COMPLETE:
                row[headers[quiz]] = total["score"]
            else:
                row[headers[quiz]] = ""
                not_final[total["status"] if total else "missing"] += 1
        rows.append(row)
    warnings = []
    if not_final:
        warnings.append("left empty (not a final score): " + ", ".join(
            f"{count} {why}" for why, count in sorted(not_final.items())))
    strangers = sorted({s for s, _ in totals} - set(roster.rows), key=natural_key)
    if strangers:
        warnings.append(f"not in the roster, left out of the file: {', '.join(strangers)}")
    warnings += _format_warnings(roster, headers, totals)
    header = fixed + [h for h in headers.values() if h not in fixed]
    return header, rows, warnings


def _format_warnings(roster: Roster, headers: dict[str, str], totals: dict) -> list[str]:
    """What the LMS would do differently from what the instructor expects."""
    warnings = []
    if roster.lms == "blackboard":
        warnings += [f"{quiz}: no Grade Center column for it in the roster, so Blackboard adds {header!r} as a text "
                     "column worth 0 points; create the column, download the Grade Center again, or map it in "
                     f"{lms_columns.FILE_NAME}" for quiz, header in headers.items()
                     if not lms_columns.has_lms_id("blackboard", header)]
    if roster.is_worksheet:
        (quiz,) = headers
        maximum = next((r["max_score"] for (_, q), r in totals.items() if q == quiz and r["max_score"]), "")
        stated = {(row.get(WORKSHEET_MAXIMUM) or "").strip() for row in roster.rows.values()} - {""}
        if maximum and any(_number(s) != float(maximum) for s in stated):
            warnings.append(f"{quiz} is out of {maximum} but the Moodle assignment's maximum grade is "
                            f"{', '.join(sorted(stated))}; set the assignment's maximum grade to {maximum}")
    return warnings


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def export_lms(course_dir: Path, roster: Roster, out: Path | None = None, quizzes: list[str] | None = None,
               columns: list[str] | None = None) -> tuple[str, list[str]]:
    """Write the LMS import file to ``out`` (or return it); returns (text, warnings)."""
    header, rows, warnings = lms_table(course_dir, roster, quizzes, columns)
    buffer = io.StringIO()
    quoting = csv.QUOTE_ALL if roster.lms == "blackboard" else csv.QUOTE_MINIMAL
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", quoting=quoting, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    text = buffer.getvalue()
    if out is not None:
        Path(out).write_text(text, encoding="utf-8")
    return text, warnings
