"""Canvas.

- Roster: its gradebook export (Grades > Export): ``Student, ID, SIS User ID, SIS Login ID, Section``, a "Points
  Possible" row, then a column per assignment such as ``Quiz 1 (12345)``. ``Student`` is ``Last, First``; ``ID`` is
  Canvas's numeric user id. The same columns, then the quiz columns, go back through Grades > Import.
- Submissions (Assignments > Download Submissions): ``lastfirst_[LATE_]USERID_FILEID_original.ipynb``. FILEID is the
  id of the uploaded file, which grows with every upload, so the highest is the latest. A student's resubmission of a
  file with the same name is renamed by Canvas with a ``-1``, ``-2`` suffix; Canvas writes ``LATE`` (read in either
  case) when it marked the submission late, and gives no time. Source: the pattern of a real 60-student download
  reported in the course's issue 12, and Canvas's guide "How do I download all student submissions for an
  assignment?" (not re-read here: no web access).
- Feedback: the assignment's "Re-upload Submissions" (Gradebook or assignment page, after "Download Submissions")
  attaches each file as a comment on the submission named by its file name: Canvas reads the first two all-digit
  ``_`` parts as the user id and the id of a file of that user's submission (Assignment#
  infer_comment_context_from_filename), and ignores a file without them. Those ids exist only in the names of the
  submissions download, so it is needed too (``--submissions ZIP``); each feedback file is named with the prefix of
  the student's own submitted file, ``leeann_101_5550_``.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from course_lib.instructor.course.coursedir import CourseError
from course_lib.instructor.lms.rules import LmsAdapter, last_comma_first

USER_ID = "ID"


def submission_prefixes(roster, submissions: Path | None) -> dict[str, str]:
    """User id -> the name prefix of that user's submitted file, from the submissions download; refused without it."""
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


def feedback_prefix(student: str, row: dict[str, str], prefixes: dict[str, str]) -> str | None:
    """The student's feedback files are named after their own submitted file: ``leeann_101_5550_QUIZ.html``."""
    prefix = prefixes.get((row.get(USER_ID) or "").strip())
    return f"{prefix}_" if prefix else None


ADAPTER = LmsAdapter(
    name="canvas",
    display="Canvas",
    roster_help="its gradebook export",
    roster_kind="a Canvas gradebook export",
    required_columns=("Student", USER_ID, "SIS User ID", "SIS Login ID", "Section"),
    id_columns=("SIS Login ID",),
    user_id_column=USER_ID,
    first_last_columns=None,
    full_name_column="Student",
    split_full_name=last_comma_first,
    not_students=(("Student", "Points Possible"),),
    export_columns=("Student", USER_ID, "SIS User ID", "SIS Login ID", "Section"),
    column_title=re.compile(r"^(?P<title>.*) \((?P<id>\d+)\)$"),
    upload_pattern=re.compile(r"(?P<who>[^_/]*)_(?:(?P<late>late)_)?(?P<user>\d+)_(?P<file>\d+)_(?P<name>.+)",
                              re.IGNORECASE),
    order_group="file",
    order_width=20,
    resubmission_suffix=re.compile(r"-(?P<n>\d+)$"),  # on the stem: quiz-2
    key_column=USER_ID,
    key_label="user id",
    feedback_check=submission_prefixes,
    feedback_folder=feedback_prefix,
    feedback_unmatched="no file of theirs in the submissions download, so Canvas could not match a returned file",
)
