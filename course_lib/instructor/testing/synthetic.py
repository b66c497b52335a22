"""Synthetic courses and classes for testing and benchmarking the pipeline.

A tiny nbgrader course built with nbformat (so tests never depend on the real quizzes), and
student submissions derived from any released quiz: a perfect copy takes each answer from the
source's solution region, a blank copy leaves the release untouched.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from course_lib.instructor.quizzes.keylines import SOLUTION_BEGIN, SOLUTION_END
from course_lib.instructor.steps.submission import place_submission

FIXTURE_QUIZ = "fixture_quiz"


def _cell(kind: str, source: str, grade_id: str, *, solution=False, grade=False, locked=False, points=0):
    make = new_code_cell if kind == "code" else new_markdown_cell
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    if grade:
        meta["points"] = points
    if solution and kind == "markdown":
        meta["task"] = False
    return make(source, metadata={"nbgrader": meta})


def fixture_notebook() -> nbformat.NotebookNode:
    """Three autograded items (1 + 2 + 1 points), a locked intro and a manually graded reflection."""
    cells = [
        _cell("markdown", "# Fixture quiz\nAnswer with plain Python values.", "intro", locked=True),
        _cell("code", "q1 = None\n### BEGIN SOLUTION\nq1 = 'B'\n### END SOLUTION", "q1_answer", solution=True),
        _cell(
            "code",
            "assert isinstance(q1, str), 'q1 should be a letter'\n"
            "### BEGIN HIDDEN TESTS\nassert str(q1).strip().upper() == 'B', 'hidden key q1'\n### END HIDDEN TESTS",
            "q1_test", grade=True, locked=True, points=1,
        ),
        _cell("code", "q2 = None\n### BEGIN SOLUTION\nq2 = 0.79\n### END SOLUTION", "q2_answer", solution=True),
        _cell(
            "code",
            "assert isinstance(q2, (int, float)), 'q2 should be a number'\n"
            "### BEGIN HIDDEN TESTS\nassert abs(q2 - 0.79) <= 0.01, 'hidden key q2'\n### END HIDDEN TESTS",
            "q2_test", grade=True, locked=True, points=2,
        ),
        _cell("code", "q3 = None\n### BEGIN SOLUTION\nq3 = ['A', 'C']\n### END SOLUTION", "q3_answer", solution=True),
        _cell(
            "code",
            "assert isinstance(q3, (list, tuple, set)), 'q3 should be a collection of letters'\n"
            "### BEGIN HIDDEN TESTS\nassert {str(x).strip().upper() for x in q3} == {'A', 'C'}, 'hidden key q3'\n"
            "### END HIDDEN TESTS",
            "q3_test", grade=True, locked=True, points=1,
        ),
        _cell(
            "markdown",
            "In two sentences, explain what a between-group effect size compares.",
            "reflection_prompt", locked=True,
        ),
        _cell(
            "markdown", "YOUR ANSWER HERE", "reflection", solution=True, grade=True, points=2,
        ),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def write_fixture_course(root: Path, *, timeout: int = 5) -> Path:
    """Create an nbgrader course at ``root`` holding one source quiz; returns ``root``."""
    root = Path(root)
    (root / "source" / FIXTURE_QUIZ).mkdir(parents=True, exist_ok=True)
    (root / "exchange").mkdir(exist_ok=True)
    nbformat.write(fixture_notebook(), root / "source" / FIXTURE_QUIZ / f"{FIXTURE_QUIZ}.ipynb")
    (root / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\n"
        "c.CourseDirectory.course_id = 'fixture-course'\n"
        f"c.Exchange.root = {str(root / 'exchange')!r}\n"
        f"c.ExecutePreprocessor.timeout = {timeout}\n"
        "c.OverwriteCells.add_missing_cells = True\n"
    )
    return root


def solution_text(source: str) -> str | None:
    """The code between the solution markers, or None when the cell has none."""
    lines = source.splitlines()
    if not any(line.strip() == SOLUTION_BEGIN for line in lines):
        return None
    inside, kept = False, []
    for line in lines:
        if line.strip() == SOLUTION_BEGIN:
            inside = True
        elif line.strip() == SOLUTION_END:
            inside = False
        elif inside:
            kept.append(line)
    return "\n".join(kept)


def answers_from_source(source_nb: nbformat.NotebookNode) -> dict[str, str]:
    """Map each autograded answer cell's grade id to the solution code written in the source."""
    answers = {}
    for cell in source_nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            text = solution_text(cell.source)
            if text is not None:
                answers[meta["grade_id"]] = text
    return answers


def own_answers(source_nb: nbformat.NotebookNode, quiz: str, student: str) -> dict[str, str]:
    """``answers_from_source`` for one student of a quiz with per-student variants: each varying item answered with
    the student's own key, and the student ID typed; the same as ``answers_from_source`` for a quiz without."""
    from course_lib.grading.quiz import ID_NAME
    from course_lib.instructor.quizzes.build import py_literal
    from course_lib.instructor.quizzes.variant_keys import student_variant

    answers = answers_from_source(source_nb)
    versions = student_variant(quiz, student, nb=source_nb)
    for item, seen in versions.items():
        answers[f"{item}_answer"] = f"{item} = {py_literal(seen.key)}"
    if versions:
        answers[f"{ID_NAME}_answer"] = f'{ID_NAME} = "{student}"'
    return answers


def fill_answers(release_nb: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
    """A copy of the released notebook with the given answer cells' sources replaced."""
    nb = nbformat.from_dict(json.loads(json.dumps(release_nb)))
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return nb


def submit(root: Path, quiz: str, student: str, notebooks: dict[str, nbformat.NotebookNode | bytes]) -> Path:
    """Place a submission at ``submitted/<student>/<quiz>/`` (bytes are written as they are)."""
    return place_submission(root, quiz, student, notebooks)
