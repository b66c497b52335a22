"""A quiz's scores for the whole class, read from the gradebook in two queries, and who is left out and why.

The report needs every grade of every student at once; walking nbgrader's objects grade by grade costs one database
round trip per attribute (about 25 ms per student), so the rows are selected directly from nbgrader's tables. Who
counts follows ``course export``: a student whose grading failed or did not finish (``status``) is left out and
named with the reason; one with no submission is missing, or not graded when a submission sits in ``submitted/``
(preflight set it aside); a gradebook entry that only holds an extension is missing too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import (
    Assignment,
    Grade,
    Gradebook,
    GradeCell,
    MissingEntry,
    Notebook,
    Student,
    SubmittedAssignment,
    SubmittedNotebook,
)

from course_lib.instructor.course.coursedir import CourseError, db_url
from course_lib.instructor.steps import status
from course_lib.instructor.steps.export import MISSING, NOT_GRADED, natural_key, submitted_students


@dataclass
class ClassScores:
    students: list[str] = field(default_factory=list)  # analysed, in natural order
    scores: dict[tuple[str, str], float] = field(default_factory=dict)  # (student, item) -> score
    maxima: dict[str, float] = field(default_factory=dict)  # item -> max score
    pending: set[str] = field(default_factory=set)  # items awaiting manual grading for someone
    not_analysed: dict[str, list[str]] = field(default_factory=dict)  # MISSING / NOT_GRADED -> students
    failed: dict[str, str] = field(default_factory=dict)  # student -> why their grading failed


def class_scores(course_dir: Path, quiz: str) -> ClassScores:
    result = ClassScores(failed=status.failed(course_dir, quiz))
    submitted = submitted_students(course_dir, quiz)
    with Gradebook(db_url(course_dir)) as gb:
        try:
            several = len(gb.find_assignment(quiz).notebooks) > 1
        except MissingEntry as exc:
            raise CourseError(f"quiz {quiz!r} is not in the gradebook; release and autograde it first") from exc
        known = [student for (student,) in gb.db.query(Student.id)]
        timestamps = dict(gb.db.query(SubmittedAssignment.student_id, SubmittedAssignment.timestamp)
                          .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
                          .filter(Assignment.name == quiz))
        grades = (gb.db.query(SubmittedAssignment.student_id, Notebook.name, GradeCell.name, GradeCell.max_score,
                              Grade.score, Grade.needs_manual_grade)
                  .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
                  .join(SubmittedNotebook, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
                  .join(Grade, Grade.notebook_id == SubmittedNotebook.id)
                  .join(GradeCell, GradeCell.id == Grade.cell_id)
                  .join(Notebook, Notebook.id == GradeCell.notebook_id)
                  .filter(Assignment.name == quiz).all())
    for student in sorted(set(known) | submitted | set(timestamps), key=natural_key):
        if student in result.failed:
            continue
        if student not in timestamps:
            result.not_analysed.setdefault(NOT_GRADED if student in submitted else MISSING, []).append(student)
        elif timestamps[student] is None and student not in submitted:  # only an extension recorded
            result.not_analysed.setdefault(MISSING, []).append(student)
        else:
            result.students.append(student)
    analysed = set(result.students)
    for student, notebook, cell, max_score, score, needs_manual in grades:
        if student not in analysed:
            continue
        item = f"{notebook}:{cell}" if several else cell
        result.maxima[item] = float(max_score or 0.0)
        if needs_manual:
            result.pending.add(item)
        result.scores[(student, item)] = float(score or 0.0)
    return result
