"""A graded class written straight into a course, as ``course autograde`` leaves it, without running a kernel.

For the report's tests and benchmark, where what matters is what each student answered and scored, not the grading
itself: each student's autograded notebook is the quiz's source with their answer lines in its answer cells, and the
gradebook holds their submission with the scores given.
"""

from __future__ import annotations

import copy
from datetime import datetime
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from course_lib.instructor.course.coursedir import db_url, source_notebooks
from course_lib.instructor.quizzes.keylines import SOLUTION_BEGIN, SOLUTION_END, regions

SUBMITTED_AT = datetime(2026, 1, 1, 10, 0)


def with_answers(source_nb: nbformat.NotebookNode, lines: dict[str, str]) -> nbformat.NotebookNode:
    """A copy of ``source_nb`` whose answer cells hold ``lines`` (variable → answer text, e.g. ``q1 = "B"``) under
    the usual comment line; answer cells not named are left as released (the solution region taken out)."""
    nb = copy.deepcopy(source_nb)
    answer_cells = {cell.metadata["quiz_item"]["answer_cell"]: cell.metadata["quiz_item"]["variable"]
                    for cell in nb.cells if "quiz_item" in cell.metadata}
    for cell in nb.cells:
        variable = answer_cells.get(cell.metadata.get("nbgrader", {}).get("grade_id", ""))
        if variable in lines:
            cell.source = f"# {variable}: the student's answer.\n{lines[variable]}"
        elif variable:
            cell.source = "\n".join(regions(cell.source, SOLUTION_BEGIN, SOLUTION_END)[1])
    return nb


def write_graded_class(root: Path, quiz: str, answers: dict[str, dict[str, str]],
                       scores: dict[str, dict[str, float]]) -> None:
    """Autograded notebooks and gradebook submissions for each student of ``answers`` (the quiz must be released,
    so that the gradebook knows its cells); ``scores`` gives each student's score per grade id (0 when absent)."""
    source = source_notebooks(root, quiz)
    for student, lines in answers.items():
        folder = root / "autograded" / student / quiz
        folder.mkdir(parents=True, exist_ok=True)
        for name, nb in source.items():
            nbformat.write(with_answers(nb, lines), folder / f"{name}.ipynb")
    with Gradebook(db_url(root)) as gb:
        for student in answers:
            gb.update_or_create_student(student)
            submission = gb.add_submission(quiz, student, timestamp=SUBMITTED_AT)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    grade.auto_score = scores.get(student, {}).get(grade.name, 0.0)
                    grade.needs_manual_grade = False
        gb.db.commit()
