"""``course feedback QUIZ --lms canvas|moodle|blackboard --roster FILE``: after the feedback run, one zip with the
file names the LMS's bulk return expects, in ``reports/QUIZ/feedback-LMS.zip``.

How the LMS matches a returned file to a student is the adapter's (``canvas.py``, ``moodle.py``, ``blackboard.py``):
``feedback_check`` refuses, before any feedback is written, a roster the return cannot use and gathers what the names
need (Canvas: its submissions download); ``feedback_folder`` names one student's folder (``…/``) or file-name prefix.

Only the HTML pages that passed feedback.py's hidden-test check go in, only for students whose quiz is ``complete``
in the export (a page for a pending written answer would show an unfinished score), each from that student's own
``feedback/STUDENT/QUIZ/``; every roster student left out is named with the reason.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from course_lib.instructor.course.coursedir import reports_dir
from course_lib.instructor.lms.roster import Roster
from course_lib.instructor.steps.export import FINAL, natural_key, score_rows
from course_lib.instructor.steps.feedback import FeedbackResult


@dataclass
class Package:
    path: Path | None = None
    files: dict[str, list[str]] = field(default_factory=dict)  # student -> names in the zip
    left_out: dict[str, str] = field(default_factory=dict)  # student -> why

    def summary(self, lms: str) -> str:
        text = (f"feedback zip for {lms}: {self.path} ({len(self.files)} student(s))" if self.path
                else f"feedback zip for {lms}: not written, no student's feedback can be packaged")
        by_reason: dict[str, list[str]] = {}
        for student in sorted(self.left_out, key=natural_key):
            by_reason.setdefault(self.left_out[student], []).append(student)
        return text + "".join(f"\n  not packaged, {why}: {', '.join(students)}"
                              for why, students in sorted(by_reason.items()))


def check_roster(roster: Roster, submissions: Path | None) -> Any:
    """Refuse, before anything is written, a roster the LMS's bulk return cannot use; what the LMS's feedback names
    need besides the roster (Canvas: user id -> the name prefix of that user's submitted file)."""
    return roster.adapter.feedback_check(roster, submissions)


def package(course_dir: Path, quiz: str, result: FeedbackResult, roster: Roster, matching: Any = None) -> Package:
    """Write ``reports/QUIZ/feedback-LMS.zip`` from this feedback run's checked files; say who is left out."""
    base = Path(course_dir) / "feedback"
    files: dict[str, list[Path]] = {}
    for path in (p for p in result.files if p.suffix == ".html"):  # the page the student reads
        files.setdefault(path.relative_to(base).parts[0], []).append(path)
    withheld = {path.relative_to(base).parts[0] for path in result.withheld}
    status = {r["student"]: r["status"] for r in score_rows(course_dir, [quiz]) if r["item"] == "TOTAL"}
    done, entries = Package(), []
    for student, row in roster.rows.items():
        why = (f"feedback failed: {result.failed[student]}" if student in result.failed
               else "feedback withheld (hidden-test text found)" if student in withheld
               else status.get(student, "missing") if status.get(student) not in FINAL
               else "no feedback file from this run" if student not in files else None)
        folder = None if why else roster.adapter.feedback_folder(student, row, matching)
        if why or folder is None:
            done.left_out[student] = why or roster.adapter.feedback_unmatched
            continue
        for path in sorted(files[student]):
            inner = path.relative_to(base / student / quiz).as_posix()
            # in a folder, the page keeps its own path; after a file-name prefix (Canvas), it is one flat name
            name = folder + (inner if folder.endswith("/") else inner.replace("/", "-"))
            entries.append((path, name))
            done.files.setdefault(student, []).append(name)
    for student in sorted(set(files) - set(roster.rows), key=natural_key):
        done.left_out[student] = "not in the roster"
    target = reports_dir(course_dir, quiz) / f"feedback-{roster.lms}.zip"
    if not entries:
        target.unlink(missing_ok=True)  # never leave an older package to be uploaded by mistake
        return done
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, name in entries:
            archive.write(path, name)
    os.replace(partial, target)
    done.path = target
    return done
