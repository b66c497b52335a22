"""Tests for course_lib.record.store and the recording hooks: the record survives restarts, concurrent writers
and crashes; a damaged record is set aside with one clear message; recording can be turned off; a lesson never
sees an error from it."""

import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest

from course_lib.practice import Correct, Incorrect, practice
from course_lib.record import store
from course_lib.record.store import Attempt, ProgressStore, QuizGrade
from course_lib.widgets.lesson_start import objectives


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A private record folder for one test, as COURSE_PROGRESS would give."""
    monkeypatch.setenv(store.ENVIRONMENT_VARIABLE, str(tmp_path / "record"))
    monkeypatch.setattr(store, "_stores", {})
    return tmp_path / "record"


def attempt(item="q01.1", outcome="correct", at=1000.0, source="practice", objectives=("o1.1",)):
    return Attempt(at, source, item, objectives, outcome)


def test_a_checked_practice_answer_is_recorded_without_what_was_typed(folder):
    """Right, wrong and noted answers land in the record as question, time, outcome; an untouched one does not."""
    question = practice("q01.1")
    assert isinstance(question.check(question.question.answer), Correct)
    assert isinstance(question.check(question.question.wrong[0]), Incorrect)
    question.check(None)
    practice("q01.9").check("I think the relationship matters.")  # a reflection
    rows = store.default_store().attempts()
    assert [(a.item, a.outcome, a.source, a.objectives) for a in rows] == [
        ("q01.1", "correct", "practice", ("o1.1",)), ("q01.1", "incorrect", "practice", ("o1.1",)),
        ("q01.9", "noted", "practice", ("o1.3",))]
    raw = sqlite3.connect(folder / store.FILE_NAME).execute("SELECT * FROM attempt").fetchall()
    assert not any("relationship" in str(row) or question.question.wrong[0] in row for row in raw)


def test_the_record_survives_a_restart_and_is_in_wal_mode(folder):
    """A new store on the same folder (a restarted kernel) reads what the old one wrote."""
    first = ProgressStore(folder)
    first.add_attempts([attempt()])
    first.add_lesson_run("01_what_is_psychodynamic_therapy", at=5.0)
    first.close()
    again = ProgressStore(folder)
    assert again.attempts() == [attempt()]
    assert [(r.lesson, r.at) for r in again.lesson_runs()] == [("01_what_is_psychodynamic_therapy", 5.0)]
    assert sqlite3.connect(folder / store.FILE_NAME).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_record_is_in_the_platform_user_data_folder_by_default(monkeypatch):
    """Without COURSE_PROGRESS the folder is platformdirs' user data folder for the course."""
    import platformdirs

    monkeypatch.delenv(store.ENVIRONMENT_VARIABLE, raising=False)
    assert store.record_folder() == Path(platformdirs.user_data_dir("psychodynamic-course", appauthor=False))


def _writer(folder: str, name: str, count: int) -> None:
    writer = ProgressStore(Path(folder))
    for n in range(count):
        writer.add_attempts([Attempt(float(n), "practice", f"{name}-{n}", ("o1.1",), "correct")])


def test_concurrent_writers_lose_nothing(folder):
    """Four processes (four open lessons) writing at once: every answer is in the record."""
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(folder), f"w{k}", 150)) for k in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    items = {a.item for a in ProgressStore(folder).attempts()}
    assert items == {f"w{k}-{n}" for k in range(4) for n in range(150)}


def _crash_mid_write(folder: str) -> None:
    crashing = ProgressStore(Path(folder))
    connection = crashing._connect()
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO attempt (at, source, item, objectives, outcome) "
                       "VALUES (1, 'practice', 'half-written', 'o1.1', 'correct')")
    os._exit(1)  # the kernel dies before the commit


def test_a_crash_mid_write_leaves_the_record_as_it_was(folder):
    """What was written before stays; the interrupted write is simply absent; the record still works."""
    ProgressStore(folder).add_attempts([attempt()])
    crash = multiprocessing.get_context("spawn").Process(target=_crash_mid_write, args=(str(folder),))
    crash.start()
    crash.join(60)
    after = ProgressStore(folder)
    assert [a.item for a in after.attempts()] == ["q01.1"]
    after.add_attempts([attempt("q01.2")])
    assert [a.item for a in after.attempts()] == ["q01.1", "q01.2"]
    assert after.notice == ""


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_record_is_set_aside_and_a_fresh_one_started(folder, damage):
    """Not a database, or cut short: kept under a new name, a fresh record started, one plain message."""
    writer = ProgressStore(folder)
    writer.add_attempts([attempt(f"q01.{n % 9 + 1}", at=float(n)) for n in range(3000)])
    writer.close()
    path = folder / store.FILE_NAME
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    original = path.read_bytes()
    path.write_bytes(b"this is not a database" * 200 if damage == "garbage" else original[: len(original) // 2])
    reopened = ProgressStore(folder)
    reopened.add_attempts([attempt("q02.1")])
    assert [a.item for a in reopened.attempts()] == ["q02.1"]
    kept = list(folder.glob("progress.damaged-*.sqlite3"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == (b"this is not a database" * 200 if damage == "garbage"
                                    else original[: len(original) // 2])
    assert "could not be read" in reopened.notice and str(kept[0]) in reopened.notice
    assert "Traceback" not in reopened.notice


def test_a_lesson_shows_the_damage_message_once_instead_of_an_error(folder):
    """The next lesson's objectives carry the one message; the lesson after that does not repeat it."""
    folder.mkdir(parents=True)
    (folder / store.FILE_NAME).write_bytes(b"\x00garbage" * 100)
    view = objectives("01")
    assert "kept aside as" in view._repr_html_() and 'role="status"' in view._repr_html_()
    assert "kept aside" not in repr(objectives("02"))


def test_recording_off_keeps_nothing(tmp_path, monkeypatch):
    """COURSE_PROGRESS=off: checks and lesson runs work and no file is written anywhere."""
    monkeypatch.setenv(store.ENVIRONMENT_VARIABLE, "off")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    question = practice("q01.1")
    assert isinstance(question.check(question.question.answer), Correct)
    objectives("01")
    assert store.default_store() is None
    assert list(tmp_path.rglob("*")) == []


def test_an_unwritable_record_never_raises_into_a_lesson(tmp_path, monkeypatch):
    """The record's folder is a file: the check still answers, and the lesson is told in plain words."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv(store.ENVIRONMENT_VARIABLE, str(blocker))
    monkeypatch.setattr(store, "_stores", {})
    question = practice("q01.1")
    assert isinstance(question.check(question.question.answer), Correct)
    text = repr(objectives("01"))
    assert "could not be saved" in text and "works as before" in text


def test_a_quiz_grade_and_its_items_are_written_together(folder):
    """A self-graded quiz lands with all its items or not at all."""
    record = ProgressStore(folder)
    with pytest.raises(ValueError):
        record.add_quiz_grade(QuizGrade(1.0, "q1", 3, 4), [attempt(source="quiz"), attempt(outcome="maybe")])
    assert record.quiz_grades() == [] and record.attempts() == []
    record.add_quiz_grade(QuizGrade(1.0, "q1", 3, 4), [attempt(source="quiz")])
    assert len(record.quiz_grades()) == 1 and len(record.attempts()) == 1


def test_reset_empties_the_record(folder):
    record = ProgressStore(folder)
    record.add_attempts([attempt()])
    record.add_lesson_run("00_start_here")
    record.reset()
    assert record.as_dict() == {"attempts": [], "lesson_runs": [], "quiz_grades": []}


def test_passing_trouble_never_costs_the_record(folder, monkeypatch):
    """Busy, read-only or full (sqlite3's OperationalError) is reported, and the record is not set aside."""
    ProgressStore(folder).add_attempts([attempt()])

    def busy(self):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(ProgressStore, "_open", busy)
    with pytest.raises(sqlite3.OperationalError):
        ProgressStore(folder).add_attempts([attempt("q01.2")])
    question = practice("q01.1")
    assert isinstance(question.check(question.question.answer), Correct)  # the lesson goes on
    assert "database is locked" in repr(objectives("01"))
    assert list(folder.glob("progress.damaged-*")) == []
    monkeypatch.undo()
    assert [a.item for a in ProgressStore(folder).attempts()] == ["q01.1"]
