"""What ``course collect`` knew about a submission from the LMS, kept beside it in ``submitted/STUDENT/QUIZ/lms.json``
so that it moves with the submission, whole: which LMS, the LMS's own order of uploads (to tell a newer download from
an older one), the files it came from, and whether the LMS marked it late. Canvas gives a late marker but no time,
and the course never invents a submission time: ``course export`` and ``course autograde`` show the marker instead."""

from __future__ import annotations

import json
from pathlib import Path

FILE_NAME = "lms.json"


def write(folder: Path, record: dict) -> None:
    (Path(folder) / FILE_NAME).write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")


def read(folder: Path) -> dict | None:
    """The record of a collected submission, or None (not collected from an LMS, or unreadable)."""
    try:
        record = json.loads((Path(folder) / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def late_marked(course_dir: Path, quiz: str) -> dict[str, str]:
    """Student -> the LMS that marked their submission of ``quiz`` late."""
    marked = {}
    for folder in sorted(Path(course_dir, "submitted").glob(f"*/{quiz}")):
        record = read(folder)
        if record and record.get("late"):
            marked[folder.parent.name] = str(record.get("lms", "the LMS"))
    return marked
