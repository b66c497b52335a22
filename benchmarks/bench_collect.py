"""``course collect`` on a Canvas download: a class of 500 and of 5,000 students, one notebook each (the test
fixture's quiz, about 4 KB; a real quiz notebook is larger, so copying takes longer), timed from the command to the
last student's folder in ``submitted/`` (nbgrader's extraction and copy included), then the same download again (every
submission unchanged, nothing moved)."""

from __future__ import annotations

import csv
import tempfile
import time
import zipfile
from pathlib import Path

import nbformat

CLASSES = (500, 5000)
GOAL_S = 60.0  # a class of 5,000 while the instructor waits


def _download(folder: Path, root: Path, quiz: str, students: int) -> tuple[Path, Path]:
    from course_lib.instructor.course import coursedir

    text = nbformat.writes(coursedir.release_notebooks(root, quiz)[quiz])
    roster = folder / f"roster-{students}.csv"
    with open(roster, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section"])
        writer.writerows([f"Last{i}, First{i}", 10_000 + i, f"SIS{i}", f"s{i:04}", "A"] for i in range(students))
    download = folder / f"submissions-{students}.zip"
    with zipfile.ZipFile(download, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(students):
            archive.writestr(f"last{i}first{i}_{10_000 + i}_{50_000 + i}_{quiz}.ipynb", text)
    return download, roster


def run() -> list[dict]:
    from course_lib.instructor.lms import collect as lms_collect
    from course_lib.instructor.lms import roster
    from course_lib.instructor.steps import release
    from course_lib.instructor.testing import synthetic

    quiz = synthetic.FIXTURE_QUIZ
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-collect-") as tmp:
        for students in CLASSES:
            folder = Path(tmp) / str(students)
            root = synthetic.write_fixture_course(folder / "course")
            assert release.release(root, quiz).ok
            download, roster_file = _download(folder, root, quiz, students)
            known = roster.read_roster(roster_file, "canvas")
            start = time.perf_counter()
            first = lms_collect.collect(root, quiz, download, "canvas", known)
            first_s = time.perf_counter() - start
            start = time.perf_counter()
            again = lms_collect.collect(root, quiz, download, "canvas", known)
            again_s = time.perf_counter() - start
            ok = len(first.collected) == students and len(again.unchanged) == students
            rows.append({"name": f"course collect, Canvas class of {students}", "value": first_s, "unit": "s",
                         "goal": f"<= {GOAL_S:g} s" if students == max(CLASSES) else "reference",
                         "met": ok and (first_s <= GOAL_S or students != max(CLASSES)),
                         "notes": f"{len(first.collected)} collected; zip {download.stat().st_size / 1e6:.1f} MB"})
            rows.append({"name": f"course collect again, same download, class of {students}", "value": again_s,
                         "unit": "s", "goal": "reference", "met": ok,
                         "notes": f"{len(again.unchanged)} unchanged, nothing moved"})
    return rows
