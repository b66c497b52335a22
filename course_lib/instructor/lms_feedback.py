"""``course feedback QUIZ --lms canvas|moodle|blackboard --roster FILE``: after the feedback run, one zip with the
file names the LMS's bulk return expects, in ``reports/QUIZ/feedback-LMS.zip``.

- Moodle: the assignment's "Upload multiple feedback files in a zip" matches each file by the folder it sits in,
  ``Full Name_PARTICIPANTID_assignsubmission_file_/`` as in the submissions download (mod/assign/feedback/file/
  importziplib.php reads the second ``_`` part as the participant id). The participant id is in the assignment's
  grading worksheet (``Identifier``: ``Participant 1234``), so the roster for this is that worksheet.
- Canvas: the assignment's "Re-upload Submissions" (Gradebook or assignment page, after "Download Submissions")
  attaches each file as a comment on the submission named by its file name: Canvas reads the first two all-digit
  ``_`` parts as the user id and the id of a file of that user's submission (Assignment#
  infer_comment_context_from_filename), and ignores a file without them. Those ids exist only in the names of the
  submissions download, so it is needed too (``--submissions ZIP``); each feedback file is named with the prefix of
  the student's own submitted file, ``leeann_101_5550_``.
- Blackboard Learn has no upload of feedback files in bulk (Original or Ultra): the zip holds a folder per student,
  ``Username - Last, First/``, for attaching each file in the grading panel by hand.

Only the HTML pages that passed feedback.py's hidden-test check go in, only for students whose quiz is ``complete``
in the export (a page for a pending written answer would show an unfinished score), each from that student's own
``feedback/STUDENT/QUIZ/``; every roster student left out is named with the reason.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from course_lib.instructor.course.coursedir import CourseError, reports_dir
from course_lib.instructor.roster import MOODLE_WORKSHEET_ID, Roster
from course_lib.instructor.steps.export import COMPLETE, natural_key, score_rows
from course_lib.instructor.steps.feedback import FeedbackResult

_UNSAFE = re.compile(r"[\x00-\x1f/\\:*?\"<>|]+")
_PARTICIPANT = re.compile(r"(\d+)\s*$")


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


def check_roster(lms: str, roster: Roster, submissions: Path | None) -> dict[str, str] | None:
    """Refuse, before anything is written, a roster the LMS's bulk return cannot use; Canvas: user id -> the name
    prefix of that user's submitted file, from the submissions download."""
    if lms == "moodle" and not roster.is_worksheet:
        raise CourseError(f"roster {roster.name}: Moodle matches feedback files by participant id, which only the "
                          "assignment's grading worksheet has (View all submissions > Download grading worksheet)")
    if lms != "canvas":
        return None
    if submissions is None:
        raise CourseError("--lms canvas needs --submissions ZIP (the assignment's Download Submissions zip): Canvas "
                          "matches a returned file by the ids in the name of the student's submitted file")
    try:
        with zipfile.ZipFile(submissions) as archive:
            names = archive.namelist()
    except (OSError, zipfile.BadZipFile) as exc:
        raise CourseError(f"submissions {Path(submissions).name}: not a zip file Canvas wrote "
                          f"({exc.__class__.__name__})") from None
    prefixes = {}
    for name in sorted(names):
        parts = Path(name).name.split("_")
        ids = [i for i, part in enumerate(parts) if part.isascii() and part.isdigit()][:2]
        if len(ids) == 2:
            prefixes.setdefault(parts[ids[0]], "_".join(parts[:ids[1] + 1]))
    if not prefixes:
        raise CourseError(f"submissions {Path(submissions).name}: no file named like Canvas's download "
                          "(name_USERID_FILEID_file)")
    return prefixes


def _safe(text: str) -> str:
    return _UNSAFE.sub(" ", text).strip(" .") or "student"


def _folder(lms: str, row: dict[str, str], canvas: dict[str, str] | None) -> str | None:
    """The zip folder or name prefix for one student, or None when the LMS cannot match them."""
    if lms == "moodle":
        participant = _PARTICIPANT.search(row.get(MOODLE_WORKSHEET_ID) or "")
        if not participant:
            return None
        name = _safe((row.get("Full name") or "").replace("_", " "))
        return f"{name}_{participant[1]}_assignsubmission_file_/"
    if lms == "canvas":
        prefix = canvas.get((row.get("ID") or "").strip())
        return f"{prefix}_" if prefix else None
    last, first = (row.get("Last Name") or "").strip(), (row.get("First Name") or "").strip()
    return _safe(f"{row['Username'].strip()} - {last}, {first}".rstrip(", ")) + "/"


def _unmatched(lms: str) -> str:
    return {"moodle": "no participant id in the worksheet's Identifier",
            "canvas": "no file of theirs in the submissions download, so Canvas could not match a returned file"}[lms]


def package(course_dir: Path, quiz: str, result: FeedbackResult, roster: Roster,
            canvas: dict[str, str] | None = None) -> Package:
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
               else status.get(student, "missing") if status.get(student) != COMPLETE
               else "no feedback file from this run" if student not in files else None)
        folder = None if why else _folder(roster.lms, row, canvas)
        if why or folder is None:
            done.left_out[student] = why or _unmatched(roster.lms)
            continue
        for path in sorted(files[student]):
            inner = path.relative_to(base / student / quiz).as_posix()
            name = folder + (inner.replace("/", "-") if roster.lms == "canvas" else inner)
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
