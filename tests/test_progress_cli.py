"""Tests for ``course progress``: the summary, --json, --export, --reset (asks first) and recording off."""

import io
import json
import subprocess
import sys

import pytest

from course_lib.progress.commands import progress_command
from course_lib.record import store
from course_lib.record.store import Attempt


@pytest.fixture
def record(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENVIRONMENT_VARIABLE, str(tmp_path / "record"))
    monkeypatch.setattr(store, "_stores", {})
    kept = store.default_store()
    kept.add_attempts([Attempt(1.0, "practice", "q01.1", ("o1.1",), "correct"),
                       Attempt(2.0, "practice", "q01.2", ("o1.1",), "correct")])
    return kept


def run(**options):
    out = io.StringIO()
    status = progress_command(out=out, **options)
    return status, out.getvalue()


def test_the_summary_names_mastery_the_review_queue_and_the_file(record):
    status, text = run()
    assert status == 0
    assert "Objectives: 1 mastered, 0 in progress, 26 not started" in text
    assert "Review: 2 question(s) due now." in text
    assert str(record.path) in text


def test_json_is_the_whole_record(record):
    data = json.loads(run(as_json=True)[1])
    assert [a["item"] for a in data["record"]["attempts"]] == ["q01.1", "q01.2"]
    assert data["summary"]["objectives"]["o1.1"]["status"] == "mastered"


def test_export_writes_json_or_text_by_the_files_name(record, tmp_path):
    status, text = run(export=str(tmp_path / "out" / "progress.json"))
    assert status == 0 and "Wrote your progress" in text
    assert json.loads((tmp_path / "out" / "progress.json").read_text())["record"]["attempts"][0]["item"] == "q01.1"
    run(export=str(tmp_path / "progress.txt"))
    assert "Objectives: 1 mastered" in (tmp_path / "progress.txt").read_text()


def test_export_to_an_unwritable_place_is_a_clear_error(record, tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    assert run(export=str(tmp_path / "file" / "progress.json"))[0] == 2
    assert "cannot write" in capsys.readouterr().err


def test_reset_asks_and_deletes_only_on_yes(record):
    questions = []
    _, text = run(reset=True, ask=lambda q: questions.append(q) or "no")
    assert "Nothing deleted" in text and len(record.attempts()) == 2
    assert "2 answers" in questions[0] and str(record.path) in questions[0]
    run(reset=True, ask=lambda q: "yes")
    assert record.attempts() == []


def test_reset_without_a_terminal_deletes_nothing(record):
    def no_terminal(_question):
        raise EOFError

    assert "Nothing deleted" in run(reset=True, ask=no_terminal)[1]
    assert len(record.attempts()) == 2


def test_recording_off_says_so(monkeypatch):
    monkeypatch.setenv(store.ENVIRONMENT_VARIABLE, "off")
    assert "Recording is turned off" in run()[1]


def test_the_course_command_has_progress_and_selfcheck(record):
    """Through the installed entry point: exit 0, the summary on stdout; a missing copy is one clear line."""
    done = subprocess.run([sys.executable, "-m", "course_lib.cli", "progress"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and "Objectives: 1 mastered" in done.stdout
    missing = subprocess.run([sys.executable, "-m", "course_lib.cli", "selfcheck",
                              "q1_features_and_process", "nowhere.ipynb"], capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2
    assert "course: error: no file" in missing.stderr and "Traceback" not in missing.stderr


def test_a_damaged_record_is_set_aside_and_said_once(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENVIRONMENT_VARIABLE, str(tmp_path))
    monkeypatch.setattr(store, "_stores", {})
    (tmp_path / store.FILE_NAME).write_bytes(b"garbage" * 300)
    status, text = run()
    assert status == 0 and "Answers checked: 0" in text
    assert "could not be read, so it was kept aside as" in text and "Traceback" not in text
    assert len(list(tmp_path.glob("progress.damaged-*.sqlite3"))) == 1
