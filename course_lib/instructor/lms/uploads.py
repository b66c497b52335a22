"""The file names an LMS gives each submitted file in its "download all submissions" zip, read back into who sent it,
the name the student gave it, and what the LMS says about when.

Each LMS's naming is its adapter's ``upload_pattern`` (with its sources in ``canvas.py``, ``moodle.py``,
``blackboard.py``); this module reads any of them the same way, through the pattern's named groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from course_lib.instructor.lms.rules import LmsAdapter

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


def parse_upload(spec: LmsAdapter, path: str) -> Upload | None:
    """The upload the LMS's name describes, or None when the name does not follow the LMS's pattern."""
    inside = PurePosixPath(path)
    if spec.upload_on_path:  # folders are part of the naming: from the start of the outermost folder that matches
        starts = [0, *(i + 1 for i, char in enumerate(path) if char == "/")]
        found = next(filter(None, (spec.upload_pattern.fullmatch(path, start) for start in starts)), None)
    else:
        found = spec.upload_pattern.fullmatch(inside.name)
    if not found:
        return None
    groups = found.groupdict()
    order = (groups.get(spec.order_group) or "") if spec.order_group else ""
    return Upload(path, found["user"], groups.get("name") or inside.name, who=(groups.get("who") or "").strip(),
                  late=bool(groups.get("late")), time=groups.get("time") or "",
                  order=order.rjust(spec.order_width, "0"), receipt="name" in groups and groups["name"] is None)


def notebook_stem(name: str, spec: LmsAdapter) -> tuple[str, int]:
    """The notebook a file name stands for once a ``(1)`` copy suffix and the LMS's own resubmission suffix (Canvas:
    ``-1``) are taken off, and the number they carried (0 for the original), so copies of one notebook group
    together."""
    stem, copy = PurePosixPath(name).stem, 0
    for suffix in (COPY_SUFFIX, spec.resubmission_suffix):
        found = suffix.search(stem) if suffix else None
        if found and found.start():
            stem, copy = stem[:found.start()], copy + int(found["n"])
    return stem, copy
