"""What differs between one LMS and another, as one frozen record: the roster it downloads, how it names submitted
files, how it titles gradebook columns, how its grade import wants the CSV, and how its bulk feedback return names
files. ``canvas.py``, ``moodle.py`` and ``blackboard.py`` each fill one in; the generic modules (``roster``,
``uploads``, ``collect``, ``columns``, ``export``, ``feedback``) read these fields and never ask which LMS it is.

A rule is a field of data wherever it can be (a column name, a pattern, a flag); a function only where the rule is
a small procedure of its own (Canvas's feedback names need its submissions download; Blackboard's usernames may hold
``_``, the separator of its file names).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for the annotations only: roster.py and uploads.py read this module, not the other way round
    from course_lib.instructor.lms.roster import Roster
    from course_lib.instructor.lms.uploads import Upload

_UNSAFE = re.compile(r"[\x00-\x1f/\\:*?\"<>|]+")


def last_comma_first(text: str) -> tuple[str, str]:
    """(first, last) from ``Last, First``."""
    last, _, first = text.partition(",")
    return first.strip(), last.strip()


def first_space_last(text: str) -> tuple[str, str]:
    """(first, last) from ``First Middle Last``: the last word is the last name."""
    first, _, last = text.strip().rpartition(" ")
    return first, last


def safe_file_name(text: str) -> str:
    """``text`` as a file or folder name any zip tool and file system takes."""
    return _UNSAFE.sub(" ", text).strip(" .") or "student"


def no_feedback_check(roster: Roster, submissions: Path | None) -> None:
    """For an LMS whose feedback return needs nothing beyond the roster."""
    return None


def folder_per_student(student: str, row: dict[str, str], matching: Any) -> str:
    """A folder per student named by the course's id, for an LMS without a bulk return: attached by hand."""
    return safe_file_name(student) + "/"


@dataclass(frozen=True)
class Worksheet:
    """A per-assignment grading worksheet the LMS downloads and takes back with one grade column filled in."""

    id_column: str  # its first column, naming the LMS's own id for the student in this assignment
    grade_column: str  # the column the export fills
    maximum_column: str  # the assignment's maximum grade, to warn when the quiz's differs
    upload_needs: tuple[str, ...]  # the columns its upload refuses to go without


@dataclass(frozen=True)
class LmsAdapter:
    """Everything the course knows about one LMS. Fields without a default must be given by every adapter."""

    # --- who it is -----------------------------------------------------------------------------------------------
    name: str  # the value of --lms / --format, lower case
    display: str  # the LMS's own name, in messages

    # --- the roster: the LMS's own download of its students ------------------------------------------------------
    roster_help: str  # which download to pass as --roster, for the command-line help
    roster_kind: str  # what that download is called in a message about a missing column
    required_columns: tuple[str, ...]  # the columns a roster of this LMS always has
    id_columns: tuple[str, ...]  # where the course's student ids are, unless --roster-id says: the first present
    user_id_column: str  # the LMS's own user id, recorded in the gradebook
    first_last_columns: tuple[str, str] | None  # (first name, last name), when the roster has them apart
    full_name_column: str | None  # the whole name, when the roster has it in one column
    split_full_name: Callable[[str], tuple[str, str]] | None  # that column's text -> (first, last)

    # --- grades back: the LMS's grade import ---------------------------------------------------------------------
    export_columns: tuple[str, ...]  # the roster's columns copied into the import, those present (none: the id)
    column_title: re.Pattern[str] | None  # a gradebook header "title + the LMS's id"; its group "title"

    # --- the submissions download ("download all submissions", one zip) ------------------------------------------
    # The pattern's groups: user (the LMS's key for the student, required), name (the file as the student named it;
    # unmatched: a receipt, not a submitted file), and where the LMS writes them: who (the student's name),
    # late (a late marker), time (YYYY-MM-DD-HH-MM-SS), and the group named by order_group.
    upload_pattern: re.Pattern[str]

    # --- the rest have a default: most LMSs do without them ------------------------------------------------------
    feedback_roster_help: str = ""  # which roster `course feedback` needs, when not roster_help
    not_students: tuple[tuple[str, str], ...] = ()  # (column, start of its text): a roster row that is no student
    worksheet: Worksheet | None = None  # a roster holding worksheet.id_column is that worksheet
    new_column_warning: str = ""  # what the LMS does with a quiz column it does not have: {quiz}, {header}, {file}
    export_quoting: int = csv.QUOTE_MINIMAL
    export_encoding: str = "utf-8"
    upload_on_path: bool = False  # match upload_pattern on the path in the zip from a folder on, not on the file's name
    order_group: str = ""  # the group that sorts a later upload after an earlier one
    order_width: int = 0  # zero-padded to this width, so that a longer number sorts later
    resubmission_suffix: re.Pattern[str] | None = None  # on the stem, the LMS's own mark of a resubmitted copy
    user_candidates: Callable[[Upload], tuple[str, ...]] | None = None  # keys to try for an upload, best first
    # The roster column holding the key in the LMS's file names (None: they carry the course's own student id), the
    # pattern whose group 1 is that key inside the column, and what the LMS calls it in a message.
    key_column: str | None = None
    key_pattern: re.Pattern[str] | None = None
    key_label: str = ""
    match_by_name: bool = False  # an upload whose key is not in the roster is matched by the student's name
    same_name_fix: str = ""  # what to do when two roster students share the name an upload carries
    feedback_check: Callable[[Roster, Path | None], Any] = no_feedback_check  # refuse early; what feedback_folder needs
    # One student (course id, roster row, what feedback_check returned) -> the folder ("…/") or file-name prefix of
    # their files in the feedback zip, or None when the LMS could not match them (feedback_unmatched says why).
    feedback_folder: Callable[[str, dict[str, str], Any], str | None] = folder_per_student
    feedback_unmatched: str = ""

    @property
    def needs_roster_to_collect(self) -> bool:
        """The LMS's file names carry its own ids, which only its roster maps to the course's student ids."""
        return self.key_column is not None
