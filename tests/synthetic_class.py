"""The synthetic class the pipeline tests grade: twelve students covering right, wrong, blank, tampered, hostile and
unreadable submissions of the fixture quiz, with the scores and preflight outcome each must get. Built from the
quiz's release and source through synthetic.py, so it follows the fixture quiz, not hard-coded cells."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from course_lib.instructor.course import coursedir
from course_lib.instructor.steps import release
from course_lib.instructor.testing import synthetic

QUIZ = synthetic.FIXTURE_QUIZ

NOISY_Q1 = """import sys, warnings
print("starting", file=sys.stderr)
class Letter(str):
    def __str__(self):
        warnings.warn("Letter.__str__ is deprecated", UserWarning)
        return str.__str__(self)
q1 = Letter('B')"""

# student -> (q1_test, q2_test, q3_test) auto scores (max 1, 2, 1), or None when set aside.
EXPECTED_SCORES = {
    "perfect": (1, 2, 1),
    "blank": (0, 0, 0),
    "partial": (1, 0, 1),
    "tampered_locked": (1, 2, 1),
    "tampered_test": (0, 2, 0),
    "deleted_test": (1, 2, 1),
    "copied_answer": (1, 2, 1),
    "changed_type": (1, 2, 1),
    "infinite_loop": (1, 0, 1),
    "stderr_noise": (1, 2, 1),
    "invalid_json": None,
    "not_notebook": None,
}
# student -> (preflight status, a phrase its entry must contain)
EXPECTED_PREFLIGHT = {
    "perfect": ("clean", ""),
    "blank": ("clean", ""),
    "partial": ("clean", ""),
    "tampered_locked": ("repaired", "restored edited locked cell 'intro'"),
    "tampered_test": ("repaired", "restored edited test cell 'q1_test'"),
    "deleted_test": ("repaired", "restored deleted test cell 'q2_test'"),
    "copied_answer": ("repaired", "dropped 1 copied cell(s) of 'q1_answer'"),
    "changed_type": ("repaired", "changed cell 'q3_answer' back from markdown to code"),
    "infinite_loop": ("clean", ""),
    "stderr_noise": ("clean", ""),
    "invalid_json": ("set aside", "invalid JSON"),
    "not_notebook": ("set aside", "not a notebook"),
}


def find_cell(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def build_class(root: Path) -> None:
    """Release the fixture quiz and submit the twelve synthetic students."""
    check = release.release(root, QUIZ)
    assert check.ok, check.problems
    rel = coursedir.release_notebooks(root, QUIZ)[QUIZ]
    key = synthetic.answers_from_source(coursedir.source_notebooks(root, QUIZ)[QUIZ])
    perfect = synthetic.fill_answers(rel, key)

    def variant(answers=None, edit=None):
        nb = synthetic.fill_answers(rel, {**key, **(answers or {})})
        if edit:
            edit(nb)
        return nb

    def tamper_locked(nb):
        find_cell(nb, "intro").source = "# My own title"

    def tamper_test(nb):
        find_cell(nb, "q1_test").source = "pass"

    def delete_test(nb):
        nb.cells.remove(find_cell(nb, "q2_test"))

    def copy_answer(nb):
        copy = nbformat.from_dict(json.loads(json.dumps(find_cell(nb, "q1_answer"))))
        copy.source, copy.id = "q1 = 'D'", "copied-cell"
        nb.cells.append(copy)

    def change_type(nb):
        cell = find_cell(nb, "q3_answer")
        cell.cell_type = "markdown"
        del cell["outputs"], cell["execution_count"]

    blank_answers = {"q1_answer": rel.cells[1].source, "q2_answer": rel.cells[3].source,
                     "q3_answer": rel.cells[5].source}
    submissions = {
        "perfect": perfect,
        "blank": rel,
        "partial": variant({"q2_answer": "q2 = 0.5", "q3_answer": "q3 = [' a', 'c ']"}),
        "tampered_locked": variant(edit=tamper_locked),
        "tampered_test": variant({"q1_answer": "q1 = 'A'", "q3_answer": blank_answers["q3_answer"]},
                                 edit=tamper_test),
        "deleted_test": variant(edit=delete_test),
        "copied_answer": variant(edit=copy_answer),
        "changed_type": variant(edit=change_type),
        "infinite_loop": variant({"q2_answer": "while True:\n    pass\nq2 = 0.79"}),
        "stderr_noise": variant({"q1_answer": NOISY_Q1}),
        "invalid_json": nbformat.writes(perfect)[:-40].encode(),
        "not_notebook": b"%PDF-1.4\n%binary essay\n",
    }
    for student, content in submissions.items():
        synthetic.submit(root, QUIZ, student, {QUIZ: content})


def gradebook_dump(root: Path) -> dict:
    """Every stored grade of the quiz: (student, item) -> (auto score, manual score, needs manual grade)."""
    with Gradebook(coursedir.db_url(root)) as gb:
        return {(g.student.id, g.name): (g.auto_score, g.manual_score, g.needs_manual_grade)
                for s in gb.find_assignment(QUIZ).submissions for nb in s.notebooks for g in nb.grades}
