"""The real nbgrader pipeline on a synthetic class: preflight, parallel autograde, feedback, export, report."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from synthetic_class import EXPECTED_PREFLIGHT, EXPECTED_SCORES, QUIZ, build_class, find_cell, gradebook_dump

from course_lib.instructor.course import coursedir
from course_lib.instructor.quizzes.keylines import key_lines
from course_lib.instructor.report import item_analysis as report
from course_lib.instructor.steps import autograde, export, feedback
from course_lib.instructor.testing import synthetic

pytestmark = pytest.mark.pipeline
COURSE = [sys.executable, "-m", "course_lib.cli"]

@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The synthetic class, released, submitted, then graded with two workers (with a copy kept ungraded)."""
    root = synthetic.write_fixture_course(tmp_path_factory.mktemp("course") / "course", timeout=3)
    build_class(root)
    pristine = tmp_path_factory.mktemp("pristine") / "course"
    shutil.copytree(root, pristine)
    err = io.StringIO()
    result = autograde.autograde(root, QUIZ, workers=2, err=err)
    return root, pristine, result, err.getvalue()


def test_synthetic_class_gets_exactly_the_expected_scores(graded):
    """Each synthetic student's item scores match the table written above; set-aside files get none."""
    root, _, result, _ = graded
    dump = gradebook_dump(root)
    for student, expected in EXPECTED_SCORES.items():
        got = tuple(dump.get((student, item), (None,))[0] for item in ("q1_test", "q2_test", "q3_test"))
        assert got == (expected or (None, None, None)), student
    assert sorted(result.graded) == sorted(s for s, e in EXPECTED_SCORES.items() if e is not None)
    assert not result.failed


def test_preflight_report_records_every_repair_and_set_aside(graded):
    """preflight.json has one entry per student with the expected status and what was done or why."""
    root, *_ = graded
    data = json.loads((root / "reports" / QUIZ / "preflight.json").read_text())
    entries = {e["student"]: e for e in data["entries"]}
    assert set(entries) == set(EXPECTED_PREFLIGHT)
    for student, (status, phrase) in EXPECTED_PREFLIGHT.items():
        entry = entries[student]
        assert entry["status"] == status, student
        assert phrase in " ".join(entry["actions"]) + entry["reason"], (student, entry)
    assert (root / "reports" / QUIZ / "preflight.md").read_text().count("set aside |") == 2


def test_originals_of_set_aside_and_repaired_files_stay_untouched(graded):
    """preflight never writes into submitted/: the student's own bytes are kept."""
    root, pristine, *_ = graded
    for student in EXPECTED_SCORES:
        path = Path("submitted") / student / QUIZ / f"{QUIZ}.ipynb"
        assert (root / path).read_bytes() == (pristine / path).read_bytes(), student


def test_run_needs_attention_and_says_so(graded):
    """The run exits 1 (attention) and the summary names the set-aside count; the sandbox state is shown."""
    _, _, result, err = graded
    assert result.exit_status == 1
    assert "2 set aside" in err and "12 graded" not in err and "10 graded" in err


def test_stderr_in_test_cell_does_not_zero_a_correct_answer(graded):
    """The noisy student's q1 test printed a warning, yet scored full marks; the text is still shown."""
    root, *_ = graded
    nb = nbformat.read(root / "autograded" / "stderr_noise" / QUIZ / f"{QUIZ}.ipynb", as_version=4)
    outputs = find_cell(nb, "q1_test").outputs
    assert any("deprecated" in o.get("text", "") for o in outputs)
    assert gradebook_dump(root)[("stderr_noise", "q1_test")][0] == 1


def _graded_in_state(path: Path) -> list[str]:
    return [s for s, v in json.loads(path.read_text() or "{}").items() if v.get("status") == "graded"]


def test_serial_run_interrupted_and_rerun_equals_parallel_gradebook(graded):
    """A serial run killed mid-batch, then rerun, ends with exactly the parallel run's gradebook."""
    root, pristine, *_ = graded
    state = pristine / "reports" / QUIZ / "autograde-state.json"
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    cmd = [*COURSE, "--course-dir", str(pristine), "autograde", QUIZ, "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                            start_new_session=True)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if state.exists() and len(_graded_in_state(state)) >= 2:
            break
        time.sleep(0.2)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = _graded_in_state(state)
    assert 2 <= len(done_before) < 10
    cut_off = {r["student"] for r in csv.DictReader(io.StringIO(export.export_csv(pristine, quizzes=[QUIZ])))
               if r["status"] == "failed"}
    assert cut_off == set(EXPECTED_SCORES) - set(done_before) - {"invalid_json", "not_notebook"}
    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert rerun.returncode == 1, rerun.stderr
    assert f"{len(done_before)} already graded (skipped)" in rerun.stderr
    assert gradebook_dump(pristine) == gradebook_dump(root)
    assert export.export_csv(pristine, quizzes=[QUIZ]) == export.export_csv(root, quizzes=[QUIZ])


def test_feedback_holds_no_hidden_test_line(graded):
    """No line of any hidden test appears in any feedback file, even for failing tests."""
    root, *_ = graded
    result = feedback.feedback(root, QUIZ)
    assert result.exit_status == 0 and len(result.files) >= 10
    hidden = key_lines(coursedir.source_notebooks(root, QUIZ).values(), hidden_only=True)
    assert "assert abs(q2 - 0.79) <= 0.01, 'hidden key q2'" in hidden
    for path in (root / "feedback").rglob("*"):
        if path.is_file():
            text = path.read_text(errors="replace")
            assert not feedback.leaked_lines(text, hidden), path
            assert "hidden key" not in feedback.visible_text(text), path
    blank = (root / "feedback" / "blank" / QUIZ / f"{QUIZ}.html").read_text()
    assert "AssertionError" in blank or "NotImplementedError" in blank  # failures are still explained


def test_export_has_right_columns_numbers_and_no_answer_text(graded):
    """The CSV has one row per item plus TOTAL, the gradebook's numbers, and never answer text."""
    root, *_ = graded
    text = export.export_csv(root, quizzes=[QUIZ])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == export.COLUMNS
    by_key = {(r["student"], r["item"]): r for r in rows}
    assert by_key[("perfect", "TOTAL")]["score"] == "4" and by_key[("perfect", "TOTAL")]["max_score"] == "6"
    assert by_key[("partial", "q2_test")]["score"] == "0"
    assert by_key[("infinite_loop", "q3_test")]["score"] == "1"
    assert by_key[("invalid_json", "TOTAL")]["status"] == export.NOT_GRADED  # set aside by preflight: no score
    assert by_key[("invalid_json", "TOTAL")]["score"] == ""
    for forbidden in ("'B'", "0.79", "YOUR ANSWER", "between-group"):
        assert forbidden not in text


def test_report_files_exist_with_item_statistics(graded):
    """report writes CSV, PNG and HTML; the CSV's means match the expected score table."""
    root, *_ = graded
    paths = report.write_report(root, QUIZ)
    assert all(p.exists() and p.stat().st_size > 0 for p in paths.values())
    rows = {r["item"]: r for r in csv.DictReader(paths["csv"].open())}
    graded_scores = [s for s in EXPECTED_SCORES.values() if s is not None]
    for j, item in enumerate(("q1_test", "q2_test", "q3_test")):
        mean = sum(s[j] for s in graded_scores) / len(graded_scores)
        assert float(rows[item]["mean"]) == pytest.approx(mean, abs=1e-4)
    page = paths["html"].read_text()
    assert 'alt="Histogram of total scores on the analysed items' in page and "10 students" in page
