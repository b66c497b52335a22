"""Due dates, per-student extensions and the late policy, kept in the course's ``deadlines.toml`` (a small file the
instructor keeps under version control) and written into nbgrader's gradebook, where nbgrader computes lateness.

    late_penalty = "none"            # nbgrader's late-submission plugin: "none" (the default) or "zero"

    [quiz.q1_features_and_process]
    due = 2026-10-05T23:59:00+02:00  # a TOML date-time with its time zone

    [quiz.q1_features_and_process.extensions]
    alice = 2026-10-08T23:59:00+02:00
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from course_lib.instructor.course.coursedir import CourseError, db_url

FILE_NAME = "deadlines.toml"
PENALTIES = ("none", "zero")  # nbgrader's LateSubmissionPlugin.penalty_method


@dataclass
class Deadlines:
    late_penalty: str = "none"
    due: dict[str, datetime] = field(default_factory=dict)  # quiz -> due date (naive UTC, as nbgrader stores it)
    extended: dict[str, dict[str, datetime]] = field(default_factory=dict)  # quiz -> student -> their due date


def _utc(value, where: str) -> datetime:
    if not isinstance(value, datetime):
        raise CourseError(f"{FILE_NAME}: {where} must be a date and time like 2026-10-05T23:59:00+02:00, "
                          f"not {value!r}")
    if value.tzinfo is None:
        raise CourseError(f"{FILE_NAME}: {where} {value} has no time zone; write it like "
                          f"{value.isoformat(timespec='minutes')}+00:00")
    return value.astimezone(UTC).replace(tzinfo=None)


def load(course_dir: Path) -> Deadlines:
    """The course's deadlines (none when it has no deadlines.toml); a mistake in the file is one clear line."""
    path = Path(course_dir) / FILE_NAME
    if not path.is_file():
        return Deadlines()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CourseError(f"{FILE_NAME}: {exc}") from None
    penalty = data.get("late_penalty", "none")
    if penalty not in PENALTIES:
        raise CourseError(f"{FILE_NAME}: late_penalty {penalty!r} is not one of {', '.join(PENALTIES)}")
    deadlines = Deadlines(late_penalty=penalty)
    for quiz, entry in data.get("quiz", {}).items():
        if "due" not in entry:
            raise CourseError(f"{FILE_NAME}: [quiz.{quiz}] has no due date")
        deadlines.due[quiz] = _utc(entry["due"], f"the due date of {quiz}")
        deadlines.extended[quiz] = {}
        for student, until in entry.get("extensions", {}).items():
            when = _utc(until, f"{student}'s extension of {quiz}")
            if when <= deadlines.due[quiz]:
                raise CourseError(f"{FILE_NAME}: {student}'s extension of {quiz} ends before the due date")
            deadlines.extended[quiz][student] = when
    return deadlines


def apply(course_dir: Path, quiz: str, deadlines: Deadlines | None = None) -> str | None:
    """Write ``quiz``'s due date and extensions into the gradebook (before grading, so nbgrader's late penalty sees
    them); a line saying what was set, or None when the file gives this quiz no due date."""
    deadlines = deadlines or load(course_dir)
    if quiz not in deadlines.due:
        return None
    due, extended = deadlines.due[quiz], deadlines.extended[quiz]
    with Gradebook(db_url(course_dir)) as gb:
        gb.update_or_create_assignment(quiz, duedate=due)
        for student, until in extended.items():
            gb.update_or_create_student(student)
            try:
                gb.find_submission(quiz, student)
            except MissingEntry:
                gb.add_submission(quiz, student)
            gb.grant_extension(quiz, student, minutes=(until - due).total_seconds() / 60)
    extensions = ", ".join(f"{s} until {until:%Y-%m-%d %H:%M}" for s, until in sorted(extended.items()))
    return (f"{quiz}: due {due:%Y-%m-%d %H:%M} UTC; late penalty {deadlines.late_penalty}"
            + (f"; extensions: {extensions}" if extensions else ""))


def minutes_late(course_dir: Path, quiz: str, students: list[str]) -> dict[str, int]:
    """Student -> whole minutes (rounded up) nbgrader counts their submission late, for those who are late."""
    late = {}
    with Gradebook(db_url(course_dir)) as gb:
        for student in students:
            try:
                seconds = gb.find_submission(quiz, student).total_seconds_late
            except MissingEntry:
                continue
            if seconds and seconds > 0:
                late[student] = math.ceil(seconds / 60)
    return late
