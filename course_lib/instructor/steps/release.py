"""``course release QUIZ``: nbgrader's generate_assignment, then a check of what students get."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from course_lib.instructor.course.coursedir import (
    CourseError,
    make_api,
    release_notebooks,
    require_quiz,
    source_notebooks,
)
from course_lib.instructor.quizzes.keylines import key_lines


@dataclass
class ReleaseCheck:
    """What the release check found; ``ok`` when there is nothing to fix."""

    quiz: str
    files_checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _locked(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("locked")) or (bool(meta.get("grade")) and not meta.get("solution"))


def check_release(course_dir: Path, quiz: str) -> ReleaseCheck:
    """No key line in any released file; every locked or test cell locked the way nbgrader locks it."""
    check = ReleaseCheck(quiz)
    keys = key_lines(source_notebooks(course_dir, quiz).values())
    release_notebooks(course_dir, quiz)  # raises when nothing was released
    for path in sorted((course_dir / "release" / quiz).rglob("*")):
        if not path.is_file():
            continue
        check.files_checked += 1
        text = path.read_text(encoding="utf-8", errors="replace")
        leaked = sorted(line for line in keys if line in text)
        if leaked:
            check.problems.append(f"{path.name}: answer-key text in the release: {leaked[0]!r}"
                                  + (f" (+{len(leaked) - 1} more)" if len(leaked) > 1 else ""))
        if path.suffix == ".ipynb":
            nb = nbformat.read(path, as_version=4)
            for cell in nb.cells:
                if not _locked(cell):
                    continue
                grade_id = cell.metadata["nbgrader"].get("grade_id", "?")
                if cell.metadata.get("deletable", True) is not False:
                    check.problems.append(f"{path.name}: locked cell {grade_id!r} is deletable")
                if cell.metadata.get("editable", True) is not False and not cell.metadata["nbgrader"].get(
                        "grade"):
                    check.problems.append(f"{path.name}: read-only cell {grade_id!r} is editable")
                if cell.metadata.get("editable", True) is not False and cell.metadata["nbgrader"].get("grade"):
                    check.problems.append(f"{path.name}: test cell {grade_id!r} is editable")
    return check


def release(course_dir: Path, quiz: str) -> ReleaseCheck:
    """Generate the student version of ``quiz`` with nbgrader, then check it."""
    require_quiz(course_dir, quiz)
    result = make_api(course_dir).generate_assignment(quiz, force=True, create=True)
    if not result["success"]:
        detail = (result.get("error") or result.get("log") or "").strip().splitlines()
        raise CourseError(f"nbgrader generate_assignment failed for {quiz!r}: {detail[-1] if detail else '?'}")
    return check_release(course_dir, quiz)
