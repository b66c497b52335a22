"""The file names an LMS gives each submitted file in its "download all submissions" zip, read back into who sent it,
the name the student gave it, and what the LMS says about when.

- Canvas (Assignments > Download Submissions): ``lastfirst_[LATE_]USERID_FILEID_original.ipynb``. USERID is Canvas's
  numeric user id (the ``ID`` column of its gradebook export); FILEID is the id of the uploaded file, which grows with
  every upload, so the highest is the latest. A student's resubmission of a file with the same name is renamed by
  Canvas with a ``-1``, ``-2`` suffix; Canvas writes ``LATE`` (read in either case) when it marked the submission
  late, and gives no time. Source: the pattern of a real 60-student download reported in the course's issue 12, and
  Canvas's guide "How do I download all student submissions for an assignment?" (not re-read here: no web access).
- Moodle (Assignment > View all submissions > Download all submissions): each student's files sit in a folder, or
  carry a prefix when "Download submissions in folders" is off, named ``Full Name_PARTICIPANTID_assignsubmission_file``
  then the original name. Moodle writes spaces for underscores in the name, and PARTICIPANTID is the assignment's own
  participant number, not the user id: the grading worksheet (Download grading worksheet) has it as
  ``Participant PARTICIPANTID`` in its ``Identifier`` column. Source: Moodle's ``mod/assign/locallib.php``,
  ``assign::download_submissions`` (``str_replace('_', ' ', fullname)``, ``get_uniqueid_for_user``, the user
  preference ``assign_downloadasfolders``, on by default), read through the code search.
- Blackboard Learn (Grade Centre > Assignment File Download): ``ASSIGNMENT_USERNAME_attempt_YYYY-MM-DD-HH-MM-SS_
  original.ipynb`` and a receipt ``ASSIGNMENT_USERNAME_attempt_YYYY-MM-DD-HH-MM-SS.txt`` per attempt; the username is
  the login and the time is the attempt's submission time, in the server's time zone. Source: nbgrader 0.9's own
  example for this LMS in ``FileNameCollectorPlugin.named_regexp`` (``ps1_bitdiddle_attempt_2016-01-30-15-00-00_
  problem1.ipynb``) and the pattern given in issue 12.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

LMS_NAMES = {"canvas": "Canvas", "moodle": "Moodle", "blackboard": "Blackboard"}
FORMATS = tuple(LMS_NAMES)

_CANVAS = re.compile(r"(?P<who>[^_/]*)_(?:(?P<late>late)_)?(?P<user>\d+)_(?P<file>\d+)_(?P<name>.+)", re.IGNORECASE)
_MOODLE = re.compile(r"(?P<who>[^_/]+)_(?P<user>\d+)_assignsubmission_file(?:_|/)(?:.*/)?(?P<name>[^/]+)")
_BLACKBOARD = re.compile(r"(?P<head>.+)_attempt_(?P<time>\d{4}(?:-\d\d){5})(?:_(?P<name>.+)|\.txt)")
CANVAS_RESUBMISSION = re.compile(r"-(?P<n>\d+)$")  # on the stem: quiz-2
COPY_SUFFIX = re.compile(r" \((?P<n>\d+)\)$")  # on the stem: quiz (1), a browser's second download


@dataclass(frozen=True)
class Upload:
    """One file of the download, as the LMS named it."""

    path: str  # inside the zip
    user: str  # the LMS's key for the student: Canvas user id, Moodle participant id, Blackboard username
    name: str  # the name the student gave the file
    who: str = ""  # the student's name as the file name spells it (Canvas, Moodle)
    late: bool = False  # the LMS marked it late (Canvas)
    time: str = ""  # the submission time the LMS wrote (Blackboard), YYYY-MM-DD-HH-MM-SS
    order: str = ""  # sorts later uploads after earlier ones (Canvas: the file id; Blackboard: the time)
    receipt: bool = False  # Blackboard's .txt receipt of an attempt, not a submitted file


def parse(lms: str, path: str) -> Upload | None:
    """The upload the LMS's name describes, or None when the name does not follow the LMS's pattern."""
    inside = PurePosixPath(path)
    if lms == "canvas":
        found = _CANVAS.fullmatch(inside.name)
        if not found:
            return None
        return Upload(path, found["user"], found["name"], who=found["who"], late=bool(found["late"]),
                      order=found["file"].rjust(20, "0"))
    if lms == "moodle":
        found = _MOODLE.search(path)
        if not found or (found.start() and path[found.start() - 1] != "/"):
            return None
        return Upload(path, found["user"], found["name"], who=found["who"].strip())
    found = _BLACKBOARD.fullmatch(inside.name)
    if not found:
        return None
    head = found["head"]
    user = head.rsplit("_", 1)[-1]
    return Upload(path, user, found["name"] or inside.name, time=found["time"], order=found["time"],
                  receipt=found["name"] is None)


def blackboard_user(upload: Upload, known: set[str]) -> str:
    """The username in a Blackboard name whose username itself holds ``_`` (the longest tail the roster knows)."""
    head = PurePosixPath(upload.path).name.split("_attempt_")[0].split("_")
    for start in range(1, len(head)):
        candidate = "_".join(head[start:])
        if candidate in known:
            return candidate
    return upload.user


def notebook_stem(name: str, lms: str) -> tuple[str, int]:
    """The notebook a file name stands for once a ``(1)`` copy suffix and Canvas's ``-1`` resubmission suffix are taken
    off, and the number they carried (0 for the original), so copies of one notebook group together."""
    stem, copy = PurePosixPath(name).stem, 0
    for suffix in (COPY_SUFFIX, CANVAS_RESUBMISSION) if lms == "canvas" else (COPY_SUFFIX,):
        found = suffix.search(stem)
        if found and found.start():
            stem, copy = stem[:found.start()], copy + int(found["n"])
    return stem, copy
