"""Blackboard Learn.

- Roster: the Grade Center download (Work Offline > Download; comma-separated ``.csv``, or tab-separated UTF-16
  ``.xls``), keyed by ``Username``, with ``Last Name, First Name, Username, Student ID`` and a column per item such as
  ``Quiz 1 [Total Pts: 26 Score] |123456`` (Blackboard Help, "Uploading or Downloading Grade Center Items for Working
  Offline": the user name identifies the student and the column id after ``|`` the column; a ``.csv`` has every value
  quoted, an ``.xls`` is tab-separated;
  http://library.blackboard.com/ref/3ea64795-6ecc-4abd-b595-0a9a8dfdec94/Content/_instructor_grade_center/grade_center_upload_download.htm
  ). Grades go back the same way (Work Offline > Upload), every value quoted; a column it does not have becomes a new
  text column worth 0 points.
- Submissions (Grade Centre > Assignment File Download): ``ASSIGNMENT_USERNAME_attempt_YYYY-MM-DD-HH-MM-SS_
  original.ipynb`` and a receipt ``ASSIGNMENT_USERNAME_attempt_YYYY-MM-DD-HH-MM-SS.txt`` per attempt; the username is
  the login and the time is the attempt's submission time, in the server's time zone. Source: nbgrader 0.9's own
  example for this LMS in ``FileNameCollectorPlugin.named_regexp`` (``ps1_bitdiddle_attempt_2016-01-30-15-00-00_
  problem1.ipynb``) and the pattern given in issue 12.
- Feedback: Blackboard Learn has no upload of feedback files in bulk (Original or Ultra): the zip holds a folder per
  student, ``Username - Last, First/``, for attaching each file in the grading panel by hand.
"""

from __future__ import annotations

import csv
import re
from pathlib import PurePosixPath

from course_lib.instructor.lms.rules import LmsAdapter, safe_file_name

USERNAME = "Username"
ATTEMPT = "_attempt_"


def usernames(upload) -> tuple[str, ...]:
    """The usernames a file name may carry, longest first: a username may itself hold ``_``, the separator of the
    name, so each tail of ``ASSIGNMENT_USER_NAME`` is tried against the roster before the last part alone."""
    head = PurePosixPath(upload.path).name.split(ATTEMPT)[0].split("_")
    return (*("_".join(head[start:]) for start in range(1, len(head))), upload.user)


def feedback_folder(student: str, row: dict[str, str], matching: None) -> str:
    """``Username - Last, First/``, for the instructor to find each student in the grading panel."""
    last, first = (row.get("Last Name") or "").strip(), (row.get("First Name") or "").strip()
    return safe_file_name(f"{row[USERNAME].strip()} - {last}, {first}".rstrip(", ")) + "/"


ADAPTER = LmsAdapter(
    name="blackboard",
    display="Blackboard",
    roster_help="the Grade Center download",
    roster_kind="a Blackboard Grade Center download",
    required_columns=(USERNAME,),
    id_columns=(USERNAME,),
    user_id_column="Student ID",
    first_last_columns=("First Name", "Last Name"),
    full_name_column=None,
    split_full_name=None,
    export_columns=("Last Name", "First Name", USERNAME, "Student ID"),
    export_quoting=csv.QUOTE_ALL,
    column_title=re.compile(r"^(?P<title>.*?) \[[^\]]*\] \|(?P<id>\d+)$"),
    new_column_warning="{quiz}: no Grade Center column for it in the roster, so Blackboard adds {header!r} as a text "
                       "column worth 0 points; create the column, download the Grade Center again, or map it in "
                       "{file}",
    upload_pattern=re.compile(r"(?:.*_)?(?P<user>[^_]+)" + ATTEMPT + r"(?P<time>\d{4}(?:-\d\d){5})"
                              r"(?:_(?P<name>.+)|\.txt)"),
    order_group="time",
    user_candidates=usernames,
    feedback_folder=feedback_folder,
)
