"""Containment: hostile submissions graded through the sandbox fail to escape, and grading goes on."""

from __future__ import annotations

import io

import nbformat
import pytest

from course_lib.instructor.course import coursedir
from course_lib.instructor.runner import sandbox
from course_lib.instructor.steps import autograde, release
from course_lib.instructor.testing import synthetic

QUIZ = synthetic.FIXTURE_QUIZ
USABLE, WHY = sandbox.sandbox_status()


def _attempt(action: str) -> str:
    """Answer cell: try ``action``, print ESCAPED or BLOCKED, then answer q1 correctly."""
    body = "\n".join("    " + line for line in action.splitlines())
    return (f"try:\n{body}\n    print('ESCAPED')\nexcept BaseException as exc:\n"
            f"    print('BLOCKED', type(exc).__name__)\nq1 = 'B'")


@pytest.fixture(scope="module", params=autograde.KERNEL_STARTS)
def hostile_class(request, tmp_path_factory):
    """Four hostile students graded in the sandbox, next to an honest one, with kernels forked from a zygote (the
    default) and with a fresh kernel process per student."""
    if not USABLE:
        pytest.skip(f"no usable sandbox here: {WHY}")
    root = synthetic.write_fixture_course(tmp_path_factory.mktemp("sandbox") / "course", timeout=5)
    release.release(root, QUIZ)
    rel = coursedir.release_notebooks(root, QUIZ)[QUIZ]
    key = synthetic.answers_from_source(coursedir.source_notebooks(root, QUIZ)[QUIZ])
    gradebook = root / "gradebook.db"
    attacks = {
        "reads_source": f"open({str(root / 'source' / QUIZ / (QUIZ + '.ipynb'))!r}).read()",
        "writes_gradebook": f"open({str(gradebook)!r}, 'r+b').write(b'corrupt')",
        "lists_classmate": f"import os\nprint(os.listdir({str(root / 'submitted' / 'honest')!r}))\n"
                           f"print(os.listdir({str(root / 'autograded' / 'honest')!r}))",
        "hogs_memory": "block = bytearray(6 * 1024 ** 3)",
    }
    synthetic.submit(root, QUIZ, "honest", {QUIZ: synthetic.fill_answers(rel, key)})
    for student, action in attacks.items():
        nb = synthetic.fill_answers(rel, {**key, "q1_answer": _attempt(action)})
        synthetic.submit(root, QUIZ, student, {QUIZ: nb})
    before = gradebook.stat().st_size
    result = autograde.autograde(root, QUIZ, workers=2, sandbox_mode="require", memory_mb=1536,
                                 kernels=request.param, err=io.StringIO())
    return root, result, attacks, before


def _answer_output(root, student) -> str:
    nb = nbformat.read(root / "autograded" / student / QUIZ / f"{QUIZ}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q1_answer")
    return "".join(o.get("text", "") + o.get("evalue", "") for o in cell.outputs)


@pytest.mark.pipeline
@pytest.mark.parametrize("student", ["reads_source", "writes_gradebook", "lists_classmate", "hogs_memory"])
def test_hostile_action_fails_inside_the_sandbox(hostile_class, student):
    """Reading the key, writing the gradebook, listing a classmate or hogging memory is blocked."""
    root, *_ = hostile_class
    output = _answer_output(root, student)
    assert "BLOCKED" in output and "ESCAPED" not in output, output


@pytest.mark.pipeline
def test_grading_goes_on_after_hostile_submissions(hostile_class):
    """Every hostile student is still graded (q1 answered after the attempt), the batch completes."""
    root, result, attacks, _ = hostile_class
    assert result.sandboxed and not result.failed
    assert sorted(result.graded) == sorted([*attacks, "honest"])
    with __import__("nbgrader.api").api.Gradebook(coursedir.db_url(root)) as gb:
        for student in [*attacks, "honest"]:
            assert gb.find_grade("q1_test", QUIZ, QUIZ, student).score == 1, student


def test_sandbox_refuses_a_kernel_outside_the_autograded_folder(tmp_path, monkeypatch):
    """The kernel launcher exits rather than jail a kernel in, say, the course root."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(sandbox.ENV_ALLOWED_ROOT, str(tmp_path / "autograded"))
    with pytest.raises(SystemExit, match="refusing"):
        sandbox.launch(["-f", str(tmp_path / "kernel.json")])


def test_bwrap_command_binds_only_the_student_folder(tmp_path):
    """The jail binds the student's folder and runtime folder writable, and nothing of the course else."""
    work, runtime = tmp_path / "course" / "autograded" / "s1" / "q", tmp_path / "rt"
    cmd = sandbox.bwrap_command(work, runtime, ["-f", "x.json"])
    writable = [cmd[i + 1] for i, arg in enumerate(cmd) if arg == "--bind"]
    assert writable == [str(runtime), str(work)]
    assert not any(str(tmp_path / "course") == arg for arg in cmd)
    assert "--unshare-all" in cmd and "--share-net" not in cmd and "--clearenv" in cmd


def test_no_sandbox_warns_once(monkeypatch):
    """Without a usable sandbox grading goes on, with one warning per process however many runs."""
    monkeypatch.setattr(autograde, "_warned_no_sandbox", False)
    monkeypatch.setattr(sandbox, "sandbox_status", lambda: (False, "bubblewrap (bwrap) is not installed"))
    err = io.StringIO()
    assert autograde.decide_sandbox("auto", err) is False
    assert autograde.decide_sandbox("auto", err) is False
    assert err.getvalue().count("WITHOUT a sandbox") == 1
    with pytest.raises(autograde.CourseError, match="no grading sandbox"):
        autograde.decide_sandbox("require", err)


def test_sandbox_refuses_a_connection_file_outside_the_private_runtime_folder(tmp_path, monkeypatch):
    """Its folder is bound into the jail, so a connection file straight in a shared folder (say /tmp, beside the
    course) stops the launch instead of exposing that folder."""
    student = tmp_path / "autograded" / "s" / "q"
    student.mkdir(parents=True)
    (tmp_path / "runtime").mkdir()
    monkeypatch.chdir(student)
    monkeypatch.setenv(sandbox.ENV_ALLOWED_ROOT, str(tmp_path / "autograded"))
    monkeypatch.setenv(sandbox.ENV_RUNTIME, str(tmp_path / "runtime"))
    with pytest.raises(SystemExit, match="outside the private runtime folder"):
        sandbox.launch(["-f", str(tmp_path / "kernel.json")])
