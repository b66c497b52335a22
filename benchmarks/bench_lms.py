"""LMS return for a large class: ``course export --format canvas`` and the Moodle feedback zip of
``course feedback --lms moodle`` for COURSE_BENCH_LMS_N students (default 5,000).

Two students of the fixture quiz are graded and given feedback for real; the others are added through nbgrader's
Gradebook API with the same grades and a copy of the real feedback page, since only the LMS step is measured here
(grading and feedback have their own rows in the autograde benchmark).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from nbgrader.api import Gradebook
from sqlalchemy import text

from course_lib.instructor.course import coursedir
from course_lib.instructor.lms import export as lms_export
from course_lib.instructor.lms import feedback as lms_feedback
from course_lib.instructor.lms.roster import read_roster
from course_lib.instructor.steps import autograde, export, feedback, release
from course_lib.instructor.testing import synthetic

QUIZ = synthetic.FIXTURE_QUIZ
EXPORT_GOAL_S, PACKAGE_GOAL_S = 10.0, 30.0


def _graded_class(root: Path, n: int) -> feedback.FeedbackResult:
    """A real graded pair, then n students in the gradebook copying the first one's grades and feedback page."""
    synthetic.write_fixture_course(root)
    release.release(root, QUIZ)
    rel = coursedir.release_notebooks(root, QUIZ)[QUIZ]
    key = synthetic.answers_from_source(coursedir.source_notebooks(root, QUIZ)[QUIZ])
    synthetic.submit(root, QUIZ, "s00000", {QUIZ: synthetic.fill_answers(rel, key)})
    autograde.autograde(root, QUIZ, workers=1, err=io.StringIO())
    page = feedback.feedback(root, QUIZ, workers=1).files[0].read_bytes()
    with Gradebook(coursedir.db_url(root)) as gb:
        gb.db.execute(text("PRAGMA synchronous = OFF"))  # a throw-away gradebook: building it is not measured
        first = gb.find_submission(QUIZ, "s00000")
        model = {g.name: (g.auto_score, g.manual_score, g.needs_manual_grade) for g in first.notebooks[0].grades}
        for i in range(1, n):
            gb.add_student(f"s{i:05d}")
            submission = gb.add_submission(QUIZ, f"s{i:05d}", timestamp=first.timestamp)
            for grade in submission.notebooks[0].grades:
                grade.auto_score, grade.manual_score, grade.needs_manual_grade = model[grade.name]
        gb.db.commit()
    result = feedback.FeedbackResult(QUIZ)
    for i in range(n):
        folder = root / "feedback" / f"s{i:05d}" / QUIZ
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{QUIZ}.html").write_bytes(page)
        result.files.append(folder / f"{QUIZ}.html")
    return result


def _rosters(tmp: Path, n: int) -> tuple[Path, Path]:
    canvas, moodle = io.StringIO(), io.StringIO()
    canvas_rows = csv.writer(canvas, lineterminator="\n")
    canvas_rows.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", f"{QUIZ} (9001)"])
    moodle_rows = csv.writer(moodle, lineterminator="\n")
    moodle_rows.writerow(["Identifier", "Full name", "ID number", "Grade", "Maximum Grade", "Last modified (grade)"])
    for i in range(n):
        canvas_rows.writerow([f"Student, Number {i}", 1000 + i, f"S{i}", f"s{i:05d}", "A", ""])
        moodle_rows.writerow([f"Participant {5000 + i}", f"Number {i} Student", f"s{i:05d}", "", "6.00", "-"])
    (tmp / "canvas.csv").write_text(canvas.getvalue())
    (tmp / "worksheet.csv").write_text(moodle.getvalue())
    return tmp / "canvas.csv", tmp / "worksheet.csv"


def _median_time(action, runs: int = 3) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def run() -> list[dict]:
    n = int(os.environ.get("COURSE_BENCH_LMS_N", "5000"))
    tmp = Path(tempfile.mkdtemp(prefix="course-bench-lms-"))
    try:
        built = time.perf_counter()
        result = _graded_class(tmp / "course", n)
        built = time.perf_counter() - built
        canvas_path, worksheet_path = _rosters(tmp, n)
        canvas = read_roster(canvas_path, "canvas")
        worksheet = read_roster(worksheet_path, "moodle", "ID number")
        runs = 3 if n <= 1000 else 1  # a large class takes minutes a run on a shared 2-core machine
        reading, _ = _median_time(lambda: export.score_rows(tmp / "course"), 1)
        written = []
        export_s, export_runs = _median_time(
            lambda: written.append(lms_export.export_lms(tmp / "course", canvas)[0]), runs)
        packed = []
        package_s, package_runs = _median_time(
            lambda: packed.append(lms_feedback.package(tmp / "course", QUIZ, result, worksheet)), runs)
        filled = sum(1 for line in written[-1].splitlines()[1:] if not line.endswith(","))
        size_mb = packed[-1].path.stat().st_size / 1e6
        page_kb = len(result.files[0].read_bytes()) // 1000
        return [
            {"name": f"course export --format canvas, {n} students", "value": export_s, "unit": "s",
             "goal": f"<= {EXPORT_GOAL_S:g} s", "met": export_s <= EXPORT_GOAL_S and filled == n,
             "notes": f"median of {runs} ({', '.join(f'{t:.1f}' for t in export_runs)} s); of which {reading:.0f} s "
                      "reading the gradebook (export.score_rows, shared with course export: two queries a quiz); "
                      f"{filled} of {n} cells filled; SQLite "
                      f"gradebook filled through nbgrader's API in {built:.0f} s"},
            {"name": f"Moodle feedback zip, {n} students", "value": package_s, "unit": "s",
             "goal": f"<= {PACKAGE_GOAL_S:g} s", "met": package_s <= PACKAGE_GOAL_S and len(packed[-1].files) == n,
             "notes": f"median of {runs} ({', '.join(f'{t:.1f}' for t in package_runs)} s); of which about "
                      f"{reading:.0f} s reading statuses from the gradebook (as above); {len(packed[-1].files)} pages "
                      f"of {page_kb} KB, zip {size_mb:.0f} MB"},
        ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
