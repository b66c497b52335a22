"""Moodle.

- Roster: a participants or grades export keyed by ``Username``, ``Email address`` or ``ID number`` (the keys its
  gradebook's CSV import can match on); or an assignment's grading worksheet (``Identifier`` = ``Participant 1234``,
  ``Full name``, ``Email address``, ``Grade``, ...), which is both what the assignment's grade upload takes back and
  what names its feedback-file zip. From the worksheet, the export is the worksheet as downloaded with its ``Grade``
  column filled, for the assignment's "Upload grading worksheet": rows match by Moodle's own participant id, no column
  is mapped by hand, and the grade lands in the assignment (where the student also finds the feedback file) instead of
  overriding it from the gradebook, which would lock it. From any other export: the column its gradebook import
  matches on, then a column per quiz (Grades > Import > CSV file, mapping each column to a grade item).
- Submissions (Assignment > View all submissions > Download all submissions): each student's files sit in a folder,
  or carry a prefix when "Download submissions in folders" is off, named ``Full Name_PARTICIPANTID_assignsubmission_
  file`` then the original name. Moodle writes spaces for underscores in the name, and PARTICIPANTID is the
  assignment's own participant number, not the user id: the grading worksheet has it as ``Participant
  PARTICIPANTID`` in its ``Identifier`` column. Source: Moodle's ``mod/assign/locallib.php``,
  ``assign::download_submissions`` (``str_replace('_', ' ', fullname)``, ``get_uniqueid_for_user``, the user
  preference ``assign_downloadasfolders``, on by default), read through the code search.
- Feedback: the assignment's "Upload multiple feedback files in a zip" matches each file by the folder it sits in,
  ``Full Name_PARTICIPANTID_assignsubmission_file_/`` as in the submissions download (mod/assign/feedback/file/
  importziplib.php reads the second ``_`` part as the participant id), so the roster for it is the worksheet.
"""

from __future__ import annotations

import re
from pathlib import Path

from course_lib.instructor.course.coursedir import CourseError
from course_lib.instructor.lms.rules import LmsAdapter, Worksheet, first_space_last, safe_file_name

WORKSHEET = Worksheet(id_column="Identifier", grade_column="Grade", maximum_column="Maximum Grade",
                      upload_needs=("Identifier", "Grade", "Last modified (grade)"))
PARTICIPANT = re.compile(r"(\d+)\s*$")  # in the worksheet's Identifier: "Participant 1234"


def require_worksheet(roster, submissions: Path | None) -> None:
    """Only the grading worksheet has the participant ids the feedback zip's folders are named by."""
    if not roster.is_worksheet:
        raise CourseError(f"roster {roster.name}: Moodle matches feedback files by participant id, which only the "
                          "assignment's grading worksheet has (View all submissions > Download grading worksheet)")


def feedback_folder(student: str, row: dict[str, str], matching: None) -> str | None:
    """The folder Moodle's own download gives the student: ``Full Name_PARTICIPANTID_assignsubmission_file_/``."""
    participant = PARTICIPANT.search(row.get(WORKSHEET.id_column) or "")
    if not participant:
        return None
    name = safe_file_name((row.get("Full name") or "").replace("_", " "))
    return f"{name}_{participant[1]}_assignsubmission_file_/"


ADAPTER = LmsAdapter(
    name="moodle",
    display="Moodle",
    roster_help="the assignment's grading worksheet or a participants export",
    feedback_roster_help="the assignment's grading worksheet",
    roster_kind="a Moodle participants export or grading worksheet",
    required_columns=(),
    id_columns=("Username", "Email address", "ID number"),  # the keys Moodle's grade import can match on
    user_id_column="ID number",
    first_last_columns=("First name", "Last name"),
    full_name_column="Full name",  # the grading worksheet's: "First Last"
    split_full_name=first_space_last,
    worksheet=WORKSHEET,
    export_columns=(),
    column_title=None,
    upload_pattern=re.compile(r"(?P<who>[^_/]+)_(?P<user>\d+)_assignsubmission_file(?:_|/)(?:.*/)?(?P<name>[^/]+)"),
    upload_on_path=True,
    key_column=WORKSHEET.id_column,
    key_pattern=PARTICIPANT,
    key_label="participant",
    match_by_name=True,
    same_name_fix="add the grading worksheet's Identifier column to the roster",
    feedback_check=require_worksheet,
    feedback_folder=feedback_folder,
    feedback_unmatched="no participant id in the worksheet's Identifier",
)
