"""Quiz 3 with per-student variants, end to end through the real nbgrader pipeline: each student graded on their
own version, a copier loses the items that differ and is flagged, nothing of a key in the release or the feedback,
`course variant` agrees with what was graded, and self-grading grades the learner's own version."""

from __future__ import annotations

import io
import json
import re
import shutil

import nbformat
import pytest
from nbgrader.api import Gradebook

from course_lib.instructor.course import coursedir
from course_lib.instructor.quizzes.variant_keys import student_variant
from course_lib.instructor.steps import autograde, feedback, release, variant_flags
from course_lib.instructor.steps.export import VARIANT_FLAGGED, score_rows
from course_lib.instructor.testing import synthetic
from course_lib.progress.selfcheck import selfcheck
from tests.support.course_cli import run_course

pytestmark = pytest.mark.pipeline
QUIZ = "q3_reading_the_evidence"
OWN = ("ann", "ben", "cat")


def _copy_of_repo_course(root):
    shutil.copytree(coursedir.REPO_COURSE, root, ignore=shutil.ignore_patterns(
        "release", "submitted", "autograded", "feedback", "gradebook.db", "reports", "exchange"))
    return root


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Quiz 3 released; ann, ben and cat answer their own versions; dan hands in ann's notebook (her ID typed, her
    version shown); eve answers with ann's keys but types her own ID. Autograded once."""
    root = _copy_of_repo_course(tmp_path_factory.mktemp("variants") / "course")
    check = release.release(root, QUIZ)
    release_nb = coursedir.release_notebooks(root, QUIZ)[QUIZ]
    source = coursedir.source_notebooks(root, QUIZ)[QUIZ]
    for student in OWN:
        synthetic.submit(root, QUIZ, student, {QUIZ: synthetic.fill_answers(
            release_nb, synthetic.own_answers(source, QUIZ, student))})
    anns = synthetic.fill_answers(release_nb, synthetic.own_answers(source, QUIZ, "ann"))
    for cell in anns.cells:  # what ann's saved notebook records after running: the show cells' output
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        if grade_id.endswith("_show"):
            item = grade_id.removesuffix("_show")
            cell.outputs = [nbformat.v4.new_output("display_data", data={
                "application/vnd.course.quiz-variant+json": {
                    "variable": item, "student": "ann",
                    "signature": student_variant(QUIZ, "ann", nb=source)[item].signature}})]
    synthetic.submit(root, QUIZ, "dan", {QUIZ: anns})
    eve = synthetic.own_answers(source, QUIZ, "ann") | {"student_id_answer": 'student_id = "eve"'}
    synthetic.submit(root, QUIZ, "eve", {QUIZ: synthetic.fill_answers(release_nb, eve)})
    result = autograde.autograde(root, QUIZ, workers=2, err=io.StringIO())
    return root, check, result, source


def _auto_scores(root, student):
    with Gradebook(coursedir.db_url(root)) as gb:
        submission = gb.find_submission(QUIZ, student)
        return {g.name: (g.auto_score, g.max_score) for nb in submission.notebooks for g in nb.grades
                if g.cell.cell_type == "code"}


def test_three_students_each_answering_their_own_version_get_full_marks(graded):
    """ann, ben and cat see different versions, and each earns every automatic point on their own."""
    root, _, result, source = graded
    assert sorted(result.graded) == ["ann", "ben", "cat", "dan", "eve"]
    versions = [student_variant(QUIZ, s, nb=source) for s in OWN]
    assert len({json.dumps({i: v.as_json()["key"] for i, v in found.items()}, sort_keys=True)
                for found in versions}) == 3
    for student in OWN:
        scores = _auto_scores(root, student)
        assert len(scores) >= 18 and all(score == top for score, top in scores.values()), (student, scores)
        assert student not in result.variant_flags


def test_a_student_who_hands_in_a_classmate_answers_loses_the_differing_items_and_is_flagged(graded):
    """dan submits ann's notebook: he scores 0 on each item where ann's key is not his, and is flagged with her ID."""
    root, _, result, source = graded
    anns, dans = student_variant(QUIZ, "ann", nb=source), student_variant(QUIZ, "dan", nb=source)
    differing = [item for item in anns if anns[item].key != dans[item].key]
    assert len(differing) >= 5
    scores = _auto_scores(root, "dan")
    for item in differing:
        assert scores[item][0] < scores[item][1], item
    flags = " ".join(result.variant_flags["dan"])
    assert "'ann'" in flags and "showed the version for 'ann'" in flags
    assert "dan:" in result.summary() and result.exit_status == 1
    total = next(r for r in score_rows(root, [QUIZ]) if r["student"] == "dan" and r["item"] == "TOTAL")
    assert total["status"] == VARIANT_FLAGGED and total["score"] != ""
    assert "eve" not in variant_flags.load(root, QUIZ)  # her own ID, nothing shown: nothing in the notebook says ann


def test_the_release_holds_no_key_and_no_variant_spec(graded):
    """Released quiz 3: the release check passes, and no hidden spec, formula or key field reached it."""
    root, check, *_ = graded
    assert check.ok, check.problems
    text = (root / "release" / QUIZ / f"{QUIZ}.ipynb").read_text(encoding="utf-8")
    for hidden in ("variant=", '\\"formula\\"', '\\"key\\"', '\\"explanation\\"', "Phi_inv(cer)"):
        assert hidden not in text, hidden


def test_feedback_shows_the_student_version_and_no_key_line(graded):
    """ann's feedback page shows her own study and numbers, explanations worked for her, and no hidden-test text."""
    root, _, _, source = graded
    result = feedback.feedback(root, QUIZ, students=["ann", "ben"], workers=1)
    assert not result.withheld and not result.failed
    page = (root / "feedback" / "ann" / QUIZ / f"{QUIZ}.html").read_text(encoding="utf-8")
    mine = student_variant(QUIZ, "ann", nb=source)["q1"]
    assert f"{mine.params['study']}</code>, in {mine.params['condition']}" in page
    assert f"they report an effect of {mine.params['effect']:g}, measured as" in page
    q5 = student_variant(QUIZ, "ann", nb=source)["q5"]
    assert f"Why</strong> (question 5): With Φ⁻¹({q5.params['cer']:g})" in page and f"≈ {q5.key:g}" in page
    q6 = student_variant(QUIZ, "ann", nb=source)["q6"]
    assert f"Why</strong> (question 6): {q6.key}:" in page  # the right option under her own letter
    assert "reload(quiz).grade" not in page and "variant=" not in page and "Phi_inv(cer)" not in page
    bens = (root / "feedback" / "ben" / QUIZ / f"{QUIZ}.html").read_text(encoding="utf-8")
    assert re.search(r"student_id='ann'|ann's", bens) is None


def test_course_variant_gives_the_key_autograde_used(graded):
    """`course variant --json`: for each item of ann's the key her full-marks answers held."""
    root, _, _, source = graded
    done = run_course(root, "variant", QUIZ, "--student", "ann", "--json")
    assert done.returncode == 0, done.stderr
    keys = {item: entry["key"] for item, entry in json.loads(done.stdout).items()}
    expected = student_variant(QUIZ, "ann", nb=source)
    assert keys == {item: seen.as_json()["key"] for item, seen in expected.items()}
    text = run_course(root, "variant", QUIZ, "--student", "ann").stdout
    assert "the version for student 'ann'" in text and "key, as their answer line holds it" in text


def test_self_grading_grades_the_learner_own_version(graded, tmp_path):
    """A learner who typed the ID 'sam' and answered sam's version gets every automatic point from Grade my quiz."""
    root, _, _, source = graded
    release_nb = coursedir.release_notebooks(root, QUIZ)[QUIZ]
    path = tmp_path / "mine.ipynb"
    nbformat.write(synthetic.fill_answers(release_nb, synthetic.own_answers(source, QUIZ, "sam")), path)
    result = selfcheck(QUIZ, path, course_dir=root, store=None)
    auto = [item for item in result.items if item.verdict != "graded by a person"]
    assert auto and all(item.score == item.max_score for item in auto), [(i.id, i.verdict) for i in auto]
    sams = student_variant(QUIZ, "sam", nb=source)
    q6 = next(item for item in result.items if item.id == "q6")
    assert q6.explanation.startswith(f"{sams['q6'].key}:")  # the explanation names sam's letter


def test_self_grading_without_an_id_says_what_to_do(graded, tmp_path):
    """No ID typed and no hub: a plain sentence saying to type one, not a grade on somebody else's version."""
    root, *_ = graded
    path = tmp_path / "blank.ipynb"
    nbformat.write(coordinates := coursedir.release_notebooks(root, QUIZ)[QUIZ], path)
    assert coordinates
    with pytest.raises(coursedir.CourseError, match="no student ID yet"):
        selfcheck(QUIZ, path, course_dir=root, store=None)


def test_the_report_counts_each_choice_under_its_declared_option(graded):
    """ann, ben and cat each chose the right option under their own letter: the report counts all three on the
    declared key, not scattered over the letters they happened to see it under; dan and eve, who answered ann's
    version, are listed with her ID, and the autograde flags are named."""
    import csv

    from course_lib.instructor.report.item_analysis import write_report

    root, *_ = graded
    write_report(root, QUIZ)
    with (root / "reports" / QUIZ / "option_counts.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["item"] == "q6" and row["key"] == "yes"]
    assert len(rows) == 1 and rows[0]["option"] == "A" and int(rows[0]["students"]) >= 3
    with (root / "reports" / QUIZ / "copying.csv").open(encoding="utf-8") as handle:
        listed = {row["student"]: row["whose_variant"] for row in csv.DictReader(handle)}
    assert listed.get("dan") == "ann" and listed.get("eve") == "ann"  # both answered ann's version
    assert not {"ann", "ben", "cat"} & set(listed)  # answering one's own version is never listed
    page = (root / "reports" / QUIZ / "report.html").read_text(encoding="utf-8")
    assert "<h2>Possible copying</h2>" in page and "the ID typed in the notebook is &#x27;ann&#x27;" in page


def _naive(key) -> str:
    """A student's own key typed as someone who never programmed types it: no quotes, lower case, a decimal comma."""
    if isinstance(key, set):
        return ", ".join(sorted(key)).lower()
    if isinstance(key, dict):
        return ", ".join(f"{n}: {letter}" for n, letter in sorted(key.items()))
    if isinstance(key, list):
        return " ".join(key)
    if isinstance(key, str):
        return key.lower()
    return f"{key:.3f}".replace(".", ",")


def test_naive_typing_and_run_all_work_on_every_variant_item(graded, tmp_path):
    """Una types her ID and every answer of her own version without quotes; Run All runs clean, each check reads
    her answer, and autograde gives every automatic point."""
    from nbclient import NotebookClient

    root, _, _, source = graded
    release_nb = coursedir.release_notebooks(root, QUIZ)[QUIZ]
    answers = {f"{item}_answer": f"{item} = {_naive(seen.key)}"
               for item, seen in student_variant(QUIZ, "una", nb=source).items()}
    filled = synthetic.fill_answers(release_nb, {**synthetic.own_answers(source, QUIZ, "una"), **answers,
                                                 "student_id_answer": "student_id = una"})
    NotebookClient(filled, timeout=120, kernel_name="python3", allow_errors=False).execute()
    cells = {cell.metadata["nbgrader"]["grade_id"]: cell for cell in filled.cells}
    for item in answers:
        variable = item.removesuffix("_answer")
        printed = "".join(output.get("text", "") for output in cells[variable].outputs)
        assert "answer read as" in printed, (variable, printed)
        shown = [o for o in cells[f"{variable}_show"].outputs if "data" in o]
        assert shown[0]["data"]["application/vnd.course.quiz-variant+json"]["student"] == "una"
    synthetic.submit(root, QUIZ, "una", {QUIZ: filled})
    autograde.autograde(root, QUIZ, workers=1, students=["una"], err=io.StringIO())
    scores = _auto_scores(root, "una")
    assert all(score == top for score, top in scores.values()), scores
