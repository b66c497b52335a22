"""``course export --format canvas|moodle|blackboard --roster FILE``: one row per roster student in the LMS's grade
import format.

The roster is the LMS's own download (``roster.py``), so names, LMS ids and sections come from the LMS unchanged, and
a quiz's score goes under the LMS's own column header (``columns.py``). A quiz's cell holds the student's TOTAL only
when the export's status is ``complete``; anything else (pending manual grading, missing, failed, not graded) is left
empty and counted in the warnings, so no upload silently turns ungraded work into a grade.

What differs between LMSs is the adapter's (each LMS's import is described in ``canvas.py``, ``moodle.py``,
``blackboard.py``): which of the roster's columns go in first (``export_columns``), how the CSV is quoted, what the LMS
does with a quiz column it does not have, and, for an LMS with a per-assignment grading worksheet (Moodle), the
worksheet itself as downloaded with its grade column filled, for one quiz.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from course_lib.instructor.course.coursedir import CourseError
from course_lib.instructor.lms import columns as lms_columns
from course_lib.instructor.lms.roster import Roster, read_roster
from course_lib.instructor.steps.export import FINAL, natural_key, score_rows

__all__ = ["export_lms", "lms_table", "read_roster"]


def _fixed_columns(roster: Roster) -> list[str]:
    """The roster's columns the import gets as they are: a worksheet whole, else the adapter's (those the roster
    has), else the column of the course's student ids."""
    if roster.is_worksheet:
        return list(roster.header)
    return [c for c in roster.adapter.export_columns if c in roster.header] or [roster.id_column]


def lms_table(course_dir: Path, roster: Roster, quizzes: list[str] | None = None,
              columns: list[str] | None = None):
    """(header, rows, warnings): one row per roster student, a column per quiz holding complete TOTALs only."""
    totals = {(r["student"], r["quiz"]): r for r in score_rows(course_dir, quizzes) if r["item"] == "TOTAL"}
    names = sorted({quiz for _, quiz in totals} | set(quizzes or []), key=natural_key)
    spec = roster.adapter
    if roster.is_worksheet:
        if len(names) != 1:
            raise CourseError(f"roster {roster.name} is a {spec.display} grading worksheet, which holds one "
                              f"assignment: choose the quiz with --quiz ({', '.join(names) or 'no graded quiz yet'})")
        needed = [c for c in spec.worksheet.upload_needs if c not in roster.header]
        if needed:
            raise CourseError(f"roster {roster.name}: no column {needed[0]!r}, which {spec.display}'s worksheet "
                              "upload needs; download the grading worksheet again")
        headers = {names[0]: spec.worksheet.grade_column}
    else:
        headers = lms_columns.resolve(course_dir, roster, names, columns)
    fixed = _fixed_columns(roster)
    rows, not_final = [], Counter()
    for student, lms_row in roster.rows.items():
        row = {column: lms_row.get(column) or "" for column in fixed}
        for quiz in names:
            total = totals.get((student, quiz))
            if total and total["status"] in FINAL:
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
    warnings, spec = [], roster.adapter
    if spec.new_column_warning:
        warnings += [spec.new_column_warning.format(quiz=quiz, header=header, file=lms_columns.FILE_NAME)
                     for quiz, header in headers.items() if not lms_columns.has_lms_id(spec, header)]
    if roster.is_worksheet:
        (quiz,) = headers
        maximum = next((r["max_score"] for (_, q), r in totals.items() if q == quiz and r["max_score"]), "")
        stated = {(row.get(spec.worksheet.maximum_column) or "").strip() for row in roster.rows.values()} - {""}
        if maximum and any(_number(s) != float(maximum) for s in stated):
            warnings.append(f"{quiz} is out of {maximum} but the {spec.display} assignment's maximum grade is "
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
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", quoting=roster.adapter.export_quoting,
                            extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    text = buffer.getvalue()
    if out is not None:
        Path(out).write_text(text, encoding=roster.adapter.export_encoding)
    return text, warnings
