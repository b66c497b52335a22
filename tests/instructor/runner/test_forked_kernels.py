"""Kernels forked from a zygote (the default of ``course autograde``): the same grades as a fresh kernel per student,
and nothing a student's kernel leaves behind, no process and no file, reaches the next student graded in the same
jail; a kernel cannot read the zygote's memory, and one that kills the zygote fails alone."""

from __future__ import annotations

import io
import shutil

import nbformat
import pytest
from nbgrader.api import Gradebook

from course_lib.instructor.course import coursedir
from course_lib.instructor.runner import sandbox
from course_lib.instructor.steps import autograde, release
from course_lib.instructor.testing import synthetic

QUIZ = synthetic.FIXTURE_QUIZ
USABLE, WHY = sandbox.sandbox_status()

PLANT = """import os
os.makedirs('/tmp/ipython/profile_default/startup', exist_ok=True)
open('/tmp/ipython/profile_default/startup/00-cheat.py', 'w').write("TAINT = 'startup file ran'\\n")
for path in ('/tmp/planted.txt', '/dev/shm/planted', 'planted-in-folder.txt'):
    open(path, 'w').write('left for the next student')
if os.fork() == 0:
    os.setsid()
    import time
    while True:
        try:
            open('/tmp/lingering.txt', 'w').write('still here')
        except OSError:
            pass
        time.sleep(0.01)
q1 = 'B'"""

WITNESS = """import os, time
time.sleep(0.3)
found = [p for p in ('/tmp/planted.txt', '/dev/shm/planted', 'planted-in-folder.txt', '/tmp/lingering.txt',
                     '/tmp/ipython/profile_default/startup/00-cheat.py') if os.path.exists(p)]
if 'TAINT' in globals():
    found.append('startup file ran')
others = [p for p in os.listdir('/proc') if p.isdigit() and int(p) not in (1, os.getpid(), os.getppid())]
print('CLEAN' if not found and not others else f'TAINTED {found} processes {others}')
q1 = 'B'"""

READ_ZYGOTE = """import os
for name, mode in (('mem', 'r+b'), ('environ', 'rb')):
    try:
        with open(f'/proc/{os.getppid()}/{name}', mode):
            pass
        print('ESCAPED', name)
    except OSError as exc:
        print('BLOCKED', name, type(exc).__name__)
q1 = 'B'"""

KILL_ZYGOTE = "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\nq1 = 'B'"


def _output(root, student, grade_id="q1_answer") -> str:
    nb = nbformat.read(root / "autograded" / student / QUIZ / f"{QUIZ}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return "".join(o.get("text", "") + o.get("evalue", "") for o in cell.outputs)


def _scores(root, students) -> dict[str, tuple]:
    with Gradebook(coursedir.db_url(root)) as gb:
        return {s: tuple(gb.find_grade(f"q{i}_test", QUIZ, QUIZ, s).score for i in (1, 2, 3)) for s in students}


@pytest.fixture(scope="module")
def one_jail(tmp_path_factory):
    """Five students graded one after another by one worker, so that all share one zygote's jail."""
    if not USABLE:
        pytest.skip(f"no usable sandbox here: {WHY}")
    root = synthetic.write_fixture_course(tmp_path_factory.mktemp("forked") / "course", timeout=10)
    release.release(root, QUIZ)
    rel = coursedir.release_notebooks(root, QUIZ)[QUIZ]
    key = synthetic.answers_from_source(coursedir.source_notebooks(root, QUIZ)[QUIZ])
    # Graded in this order (natural order of the ids) by the one worker.
    for student, q1 in (("s1_planter", PLANT), ("s2_witness", WITNESS), ("s3_reader", READ_ZYGOTE),
                        ("s4_killer", KILL_ZYGOTE), ("s5_after", None)):
        answers = {**key, "q1_answer": q1} if q1 else key
        synthetic.submit(root, QUIZ, student, {QUIZ: synthetic.fill_answers(rel, answers)})
    result = autograde.autograde(root, QUIZ, workers=1, sandbox_mode="require", kernels="forked",
                                 err=io.StringIO())
    return root, result


@pytest.mark.pipeline
@pytest.mark.kernel
def test_nothing_a_kernel_leaves_reaches_the_next_student(one_jail):
    """Files in /tmp, /dev/shm and the working folder, an IPython startup file and a process still running are all
    gone before the next student's kernel starts."""
    root, result = one_jail
    assert "s1_planter" in result.graded and "s2_witness" in result.graded
    assert "CLEAN" in _output(root, "s2_witness"), _output(root, "s2_witness")


@pytest.mark.pipeline
@pytest.mark.kernel
def test_a_kernel_cannot_read_the_zygote(one_jail):
    root, _ = one_jail
    output = _output(root, "s3_reader")
    assert output.count("BLOCKED") == 2 and "ESCAPED" not in output, output


@pytest.mark.pipeline
@pytest.mark.kernel
def test_a_kernel_that_kills_the_zygote_fails_alone(one_jail):
    """Its own grading fails with a plain line; the next student gets a new jail and full marks."""
    root, result = one_jail
    assert list(result.failed) == ["s4_killer"], result.failed
    assert "Traceback" not in result.failed["s4_killer"]
    assert _scores(root, ["s1_planter", "s2_witness", "s3_reader", "s5_after"]) == {
        s: (1, 2, 1) for s in ["s1_planter", "s2_witness", "s3_reader", "s5_after"]}


@pytest.mark.pipeline
@pytest.mark.kernel
@pytest.mark.skipif(not (coursedir.REPO_COURSE / "source" / "q1_features_and_process").is_dir(),
                    reason="the repository's quiz 1 is not here")
def test_forked_and_fresh_kernels_grade_the_real_quiz_alike(tmp_path):
    """Quiz 1 (setup cell, answer lines, examples, Grade my quiz button) graded both ways: every item's score the same,
    for a perfect, an untouched and a half-answered submission."""
    real = "q1_features_and_process"
    scores = {}
    for kernels in autograde.KERNEL_STARTS:
        root = tmp_path / kernels
        shutil.copytree(coursedir.REPO_COURSE, root, ignore=shutil.ignore_patterns(
            "release", "submitted", "autograded", "feedback", "gradebook.db", "reports", "exchange"))
        release.release(root, real)
        rel = coursedir.release_notebooks(root, real)
        key = {name: synthetic.answers_from_source(nb) for name, nb in coursedir.source_notebooks(root, real).items()}
        synthetic.submit(root, real, "perfect", {n: synthetic.fill_answers(nb, key[n]) for n, nb in rel.items()})
        synthetic.submit(root, real, "untouched", dict(rel))
        synthetic.submit(root, real, "half", {n: synthetic.fill_answers(nb, dict(list(key[n].items())[::2]))
                                              for n, nb in rel.items()})
        result = autograde.autograde(root, real, workers=2, kernels=kernels, err=io.StringIO())
        assert not result.failed, result.failed
        with Gradebook(coursedir.db_url(root)) as gb:
            scores[kernels] = {(s, g.name): g.score for s in ("perfect", "untouched", "half")
                               for nb in gb.find_submission(real, s).notebooks for g in nb.grades}
    assert scores["forked"] == scores["fresh"]
    perfect = [score for (student, _), score in scores["forked"].items() if student == "perfect"]
    assert sum(s or 0 for s in perfect) > 0 and any(
        score == 0 for (student, _), score in scores["forked"].items() if student == "untouched")
