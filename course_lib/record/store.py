"""The learner's record: one SQLite file in the platform's user data folder, written in short transactions.

What is kept (and nothing else): for each checked answer, which question, when, where it was answered (practice,
review or quiz) and whether it was right, never what was typed; each lesson run (lesson and time); each
self-graded quiz (quiz, time, score). WAL mode with one transaction per write: a crash mid-write leaves the
record as it was before that write, and lessons open at once (or a ``course`` command) write side by side.

``COURSE_PROGRESS`` moves the record's folder or, set to ``off``, turns recording off. A record that cannot be
read is renamed aside (``progress.damaged-<time>.sqlite3``) and a fresh one started; ``notice`` says so once.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ENVIRONMENT_VARIABLE = "COURSE_PROGRESS"
FILE_NAME = "progress.sqlite3"
APP_NAME = "psychodynamic-course"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS attempt (
    id INTEGER PRIMARY KEY, at REAL NOT NULL, source TEXT NOT NULL, item TEXT NOT NULL,
    objectives TEXT NOT NULL, outcome TEXT NOT NULL, score REAL, max_score REAL);
CREATE TABLE IF NOT EXISTS lesson_run (id INTEGER PRIMARY KEY, at REAL NOT NULL, lesson TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS quiz_grade (
    id INTEGER PRIMARY KEY, at REAL NOT NULL, quiz TEXT NOT NULL, score REAL NOT NULL, max_score REAL NOT NULL);
"""
SOURCES = ("practice", "review", "quiz")
OUTCOMES = ("correct", "incorrect", "noted")


@dataclass(frozen=True)
class Attempt:
    """One checked answer. ``objectives``: the ids it is tied to; ``score``/``max_score`` for quiz items."""

    at: float
    source: str
    item: str
    objectives: tuple[str, ...]
    outcome: str
    score: float | None = None
    max_score: float | None = None

    @property
    def scored(self) -> bool:
        """Right or wrong (a reflection is only noted)."""
        return self.outcome in ("correct", "incorrect")

    @property
    def right(self) -> bool:
        return self.outcome == "correct"


@dataclass(frozen=True)
class LessonRun:
    at: float
    lesson: str


@dataclass(frozen=True)
class QuizGrade:
    at: float
    quiz: str
    score: float
    max_score: float


def record_folder() -> Path | None:
    """Where the record lives, or None when recording is turned off."""
    setting = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if setting.lower() == "off":
        return None
    if setting:
        return Path(setting).expanduser()
    import platformdirs  # imported here: a lesson that never records does not pay for it

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class ProgressStore:
    """The record at ``folder/progress.sqlite3``; opened on first use, set aside and restarted if damaged."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = self.folder / FILE_NAME
        self.notice = ""  # one plain sentence when the record had to be set aside
        self._connection: sqlite3.Connection | None = None
        self._pid = os.getpid()
        self._lock = threading.Lock()

    # --- opening, and recovering from damage --------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            connection = self._open()
        except sqlite3.DatabaseError as error:
            if not _damaged(error):
                raise
            self._set_aside()
            connection = self._open()
        self._connection, self._pid = connection, os.getpid()
        return connection

    def _open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")  # with WAL: never corrupt, at most the last write lost
            if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check failed")
            connection.executescript(_SCHEMA)
        except BaseException:
            connection.close()
            raise
        return connection

    def _set_aside(self) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.folder / f"progress.damaged-{stamp}-{os.getpid()}.sqlite3"
        if self.path.exists():
            os.replace(self.path, target)
        for suffix in ("-wal", "-shm"):
            companion = Path(f"{self.path}{suffix}")
            if companion.exists():
                os.replace(companion, Path(f"{target}{suffix}"))
        self.notice = (f"Your progress record could not be read, so it was kept aside as {target} and a fresh "
                       f"record was started. Everything else works as before.")

    def _write(self, *statements: tuple[str, list[tuple]]) -> None:
        """Run the statements in one transaction; a damaged record is set aside and the write made afresh."""
        with self._lock:
            for retry in (False, True):
                try:
                    connection = self._connect()
                    connection.execute("BEGIN IMMEDIATE")
                    try:
                        for sql, rows in statements:
                            connection.executemany(sql, rows)
                    except BaseException:
                        connection.execute("ROLLBACK")
                        raise
                    connection.execute("COMMIT")
                    return
                except sqlite3.DatabaseError as error:
                    if retry or not _damaged(error):
                        raise
                    self._discard_connection()
                    self._set_aside()

    def _read(self, sql: str) -> list[tuple]:
        with self._lock:
            try:
                return self._connect().execute(sql).fetchall()
            except sqlite3.DatabaseError as error:
                if not _damaged(error):
                    raise
                self._discard_connection()
                self._set_aside()
                return self._connect().execute(sql).fetchall()

    def _discard_connection(self) -> None:
        if self._connection is not None:
            self._connection.close()
        self._connection = None

    def close(self) -> None:
        with self._lock:
            self._discard_connection()

    # --- writing ------------------------------------------------------------------------------------------
    def add_attempts(self, attempts: list[Attempt]) -> None:
        """Record checked answers, all in one transaction."""
        self._write(_insert_attempts(attempts))

    def add_lesson_run(self, lesson: str, at: float | None = None) -> None:
        at = time.time() if at is None else at
        self._write(("INSERT INTO lesson_run (at, lesson) VALUES (?, ?)", [(at, lesson)]))

    def add_quiz_grade(self, grade: QuizGrade, items: list[Attempt]) -> None:
        """A self-graded quiz and its items, together or not at all."""
        self._write(("INSERT INTO quiz_grade (at, quiz, score, max_score) VALUES (?, ?, ?, ?)",
                     [(grade.at, grade.quiz, grade.score, grade.max_score)]), _insert_attempts(items))

    def reset(self) -> None:
        """Delete everything recorded (the file stays, empty)."""
        self._write(*((f"DELETE FROM {table}", [()]) for table in ("attempt", "lesson_run", "quiz_grade")))

    # --- reading ------------------------------------------------------------------------------------------
    def attempts(self) -> list[Attempt]:
        """Every checked answer, oldest first."""
        rows = self._read("SELECT at, source, item, objectives, outcome, score, max_score FROM attempt "
                          "ORDER BY at, id")
        return [Attempt(at, source, item, tuple(objectives.split()), outcome, score, max_score)
                for at, source, item, objectives, outcome, score, max_score in rows]

    def lesson_runs(self) -> list[LessonRun]:
        return [LessonRun(*row) for row in self._read("SELECT at, lesson FROM lesson_run ORDER BY at, id")]

    def quiz_grades(self) -> list[QuizGrade]:
        return [QuizGrade(*row) for row in
                self._read("SELECT at, quiz, score, max_score FROM quiz_grade ORDER BY at, id")]

    def as_dict(self) -> dict:
        """The whole record as plain data (for ``--json`` and ``--export``)."""
        return {"attempts": [asdict(a) for a in self.attempts()],
                "lesson_runs": [asdict(r) for r in self.lesson_runs()],
                "quiz_grades": [asdict(g) for g in self.quiz_grades()]}


def _damaged(error: sqlite3.DatabaseError) -> bool:
    """The file is not a database or is malformed, as opposed to trouble that passes and must not cost the record
    (busy past the timeout, a read-only folder, a full disk: sqlite3's OperationalError)."""
    return not isinstance(error, sqlite3.OperationalError)


def _insert_attempts(attempts: list[Attempt]) -> tuple[str, list[tuple]]:
    for attempt in attempts:
        if attempt.source not in SOURCES or attempt.outcome not in OUTCOMES:
            raise ValueError(f"not a recordable attempt: {attempt}")
    return ("INSERT INTO attempt (at, source, item, objectives, outcome, score, max_score) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(a.at, a.source, a.item, " ".join(a.objectives), a.outcome, a.score, a.max_score) for a in attempts])


_stores: dict[Path, ProgressStore] = {}


def default_store() -> ProgressStore | None:
    """This process's store for the configured folder, or None when recording is off."""
    folder = record_folder()
    if folder is None:
        return None
    store = _stores.get(folder)
    if store is None:
        store = _stores[folder] = ProgressStore(folder)
    return store
