"""Which column of the LMS's gradebook receives a quiz's score, so that nobody renames columns by hand.

In order: ``--column QUIZ=HEADER`` on the command line; the course's ``lms.toml`` (a small file the instructor keeps
under version control, beside ``deadlines.toml``)::

    [columns]
    q1_features_and_process = "Quiz 1 (12345)"                               # Canvas
    q2_evidence = "Quiz 2 [Total Pts: 26 Score] |123456"                       # Blackboard

then a column of the roster whose title is the quiz id itself (``q1_features_and_process (12345)``,
``q1_features_and_process [Total Pts: 4 Score] |777``); else the quiz id, which Canvas imports as a new assignment and
Blackboard as a new text column. A header named by hand must be in the roster (the LMS's own download), so a typo
never creates a stray column; a quiz the course does not have is refused.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from course_lib.instructor.course.coursedir import CourseError
from course_lib.instructor.course.coursedir import quizzes as course_quizzes
from course_lib.instructor.lms.roster import Roster
from course_lib.instructor.lms.rules import LmsAdapter

FILE_NAME = "lms.toml"


def parse_options(options: list[str] | None) -> dict[str, str]:
    """``--column QUIZ=HEADER`` options as a mapping; one clear line for one without ``=``."""
    mapping = {}
    for option in options or []:
        quiz, sep, header = option.partition("=")
        if not sep or not quiz.strip() or not header.strip():
            raise CourseError(f"--column {option!r}: write it as QUIZ=HEADER, e.g. q1=\"Quiz 1 (12345)\"")
        mapping[quiz.strip()] = header.strip()
    return mapping


def load(course_dir: Path) -> dict[str, str]:
    """The ``[columns]`` table of the course's lms.toml (empty without the file)."""
    path = Path(course_dir) / FILE_NAME
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CourseError(f"{FILE_NAME}: {exc}") from None
    columns = data.get("columns", {})
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise CourseError(f'{FILE_NAME}: [columns] must map quiz ids to column headers, like q1 = "Quiz 1 (12345)"')
    return columns


def title(spec: LmsAdapter, header: str) -> str:
    """A gradebook column's title without the LMS's id (``Quiz 1 (12345)`` -> ``Quiz 1``), by the adapter's
    ``column_title`` pattern."""
    match = spec.column_title.match(header) if spec.column_title else None
    return match["title"] if match else header


def has_lms_id(spec: LmsAdapter, header: str) -> bool:
    """The header names a column the LMS already has (it carries the LMS's id for it)."""
    return bool(spec.column_title and spec.column_title.match(header))


def resolve(course_dir: Path, roster: Roster, quizzes: list[str], options: list[str] | None = None
            ) -> dict[str, str]:
    """Quiz -> the header its score goes under, for ``quizzes``."""
    chosen = {**load(course_dir), **parse_options(options)}
    known = set(course_quizzes(course_dir)) | set(quizzes)
    for quiz, header in chosen.items():
        if quiz not in known:
            raise CourseError(f"{FILE_NAME} or --column names quiz {quiz!r}, which this course does not have "
                              f"(quizzes: {', '.join(sorted(known)) or 'none'})")
        if quiz in quizzes and header not in roster.header:
            raise CourseError(f"column {header!r} for {quiz} is not in roster {roster.name}; copy the header "
                              "exactly from the LMS's download")
    by_title = {title(roster.adapter, h): h for h in roster.header if has_lms_id(roster.adapter, h)}
    headers = {quiz: chosen.get(quiz) or by_title.get(quiz) or quiz for quiz in quizzes}
    taken = {}
    for quiz, header in headers.items():
        if header in taken:
            raise CourseError(f"{taken[header]} and {quiz} would both go to column {header!r}")
        taken[header] = quiz
    return headers
