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
from pathlib import Path

from .export import COMPLETE, natural_key, score_rows
from .roster import CANVAS_COLUMNS, FORMATS, Roster, read_roster

__all__ = ["CANVAS_COLUMNS", "FORMATS", "export_lms", "lms_table", "read_roster"]

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
