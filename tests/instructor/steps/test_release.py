"""The release step: nbgrader's student version, checked for key text and locks; real quiz 1 end to end."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from course_lib.instructor.course import coursedir
from course_lib.instructor.steps import autograde, release
from course_lib.instructor.testing import synthetic

pytestmark = pytest.mark.pipeline
REAL_QUIZ = "q1_features_and_process"


@pytest.fixture(scope="module")
def fixture_release(tmp_path_factory):
    root = synthetic.write_fixture_course(tmp_path_factory.mktemp("rel") / "course")
    return root, release.release(root, synthetic.FIXTURE_QUIZ)


def _release_path(root: Path, quiz: str) -> Path:
    return root / "release" / quiz / f"{quiz}.ipynb"


def test_release_check_passes_on_a_fresh_release(fixture_release):
    """A freshly generated release has no key text and every locked cell locked."""
    _, check = fixture_release
    assert check.ok, check.problems
    assert check.files_checked == 1


def test_tampered_release_check_fails(fixture_release, tmp_path):
    """Key text pasted back into the release, or a test cell made deletable, fails the check."""
    root, _ = fixture_release
    copy = tmp_path / "course"
    shutil.copytree(root, copy)
    path = _release_path(copy, synthetic.FIXTURE_QUIZ)
    nb = nbformat.read(path, as_version=4)
    nb.cells[2].source += "\nassert abs(q2 - 0.79) <= 0.01, 'hidden key q2'"
    nb.cells[4].metadata["deletable"] = True
    nbformat.write(nb, path)
    check = release.check_release(copy, synthetic.FIXTURE_QUIZ)
    assert not check.ok
    assert any("answer-key text" in p for p in check.problems)
    assert any("'q2_test' is deletable" in p for p in check.problems)


@pytest.fixture(scope="module")
def real_quiz(tmp_path_factory):
    """A temporary copy of the repo's course with quiz 1 released, and a blank and a perfect student graded."""
    repo_course = coursedir.REPO_COURSE
    if not (repo_course / "source" / REAL_QUIZ).is_dir():
        pytest.skip(f"{REAL_QUIZ} not written yet")
    root = tmp_path_factory.mktemp("real") / "course"
    shutil.copytree(repo_course, root, ignore=shutil.ignore_patterns(
        "release", "submitted", "autograded", "feedback", "gradebook.db", "reports", "exchange"))
    check = release.release(root, REAL_QUIZ)
    rel = coursedir.release_notebooks(root, REAL_QUIZ)[REAL_QUIZ]
    key = synthetic.own_answers(coursedir.source_notebooks(root, REAL_QUIZ)[REAL_QUIZ], REAL_QUIZ, "perfect")
    synthetic.submit(root, REAL_QUIZ, "blank", {REAL_QUIZ: rel})
    synthetic.submit(root, REAL_QUIZ, "perfect", {REAL_QUIZ: synthetic.fill_answers(rel, key)})
    result = autograde.autograde(root, REAL_QUIZ, workers=2, err=io.StringIO())
    return root, check, result


def test_real_quiz_release_check_passes(real_quiz):
    """Quiz 1's release holds no key text and its locked cells are locked."""
    _, check, _ = real_quiz
    assert check.ok, check.problems


def test_real_quiz_release_fails_every_item_and_key_earns_all(real_quiz):
    """The untouched release scores 0 on every autograded item; the source's key scores full marks."""
    root, _, result = real_quiz
    assert result.exit_status == 0 and sorted(result.graded) == ["blank", "perfect"]
    with Gradebook(coursedir.db_url(root)) as gb:
        for student, full in (("blank", False), ("perfect", True)):
            submission = gb.find_submission(REAL_QUIZ, student)
            auto = [g for nb in submission.notebooks for g in nb.grades if g.cell.cell_type == "code"]
            assert len(auto) >= 8
            for g in auto:
                assert g.auto_score == (g.max_score if full else 0), (student, g.name, g.auto_score)
