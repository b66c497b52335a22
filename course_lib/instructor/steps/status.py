"""Each student's grading status for a quiz, as ``course autograde`` left it.

nbgrader writes a submission to the gradebook in several steps (the submission, then each notebook's grades), so a
grading that fails part-way can leave some of it there. ``course autograde`` therefore records, in
``reports/QUIZ/autograde-state.json``, every student it is about to grade as failed ("not finished") and only turns
that into ``graded`` (with a digest of the files graded) once nbgrader reported success. ``course export`` and
``course report`` read it: a failed student's gradebook rows are never used. Students the file does not name (graded
by the formgrader or plain nbgrader) count as graded.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from course_lib.instructor.course.coursedir import reports_dir

# Statuses as written in the export's ``status`` column; more (late, missing, pending manual grading) can join.
GRADED = "graded"
FAILED = "failed"
NOT_FINISHED = "grading did not finish (the run was interrupted); rerun course autograde"


@dataclass(frozen=True)
class StudentStatus:
    status: str
    digest: str = ""  # of the staged files graded (GRADED only)
    error: str = ""  # the last line of the real error (FAILED only)

    @property
    def graded(self) -> bool:
        return self.status == GRADED


def state_path(course_dir: Path, quiz: str) -> Path:
    return reports_dir(course_dir, quiz) / "autograde-state.json"


def _parse(value) -> StudentStatus:
    if isinstance(value, str):  # the earlier format: student -> digest of a finished grading
        return StudentStatus(GRADED, digest=value)
    return StudentStatus(value.get("status", FAILED), value.get("digest", ""), value.get("error", ""))


def load(course_dir: Path, quiz: str) -> dict[str, StudentStatus]:
    """The recorded statuses (empty when ``course autograde`` never ran on this quiz)."""
    try:
        raw = json.loads(state_path(course_dir, quiz).read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return {student: _parse(value) for student, value in raw.items()}


def save(course_dir: Path, quiz: str, statuses: dict[str, StudentStatus]) -> None:
    """Write all statuses at once: an interruption leaves the old file or the new one, never half."""
    path = state_path(course_dir, quiz)
    data = {student: {k: v for k, v in asdict(s).items() if v} for student, s in sorted(statuses.items())}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1))
    os.replace(tmp, path)


def failed(course_dir: Path, quiz: str) -> dict[str, str]:
    """Students whose latest grading failed or did not finish, with the reason."""
    return {student: s.error or s.status for student, s in load(course_dir, quiz).items() if not s.graded}
