"""The hooks the lessons call: record a checked practice answer or a lesson run, never raising into the lesson.

Whatever goes wrong (no writable folder, a full disk, a damaged record) is kept as one plain sentence, shown by
the next lesson's objectives and by the progress view, instead of an error in the lesson.
"""

from __future__ import annotations

import time

_problems: list[str] = []


def record_answer(question, result, source: str = "practice") -> None:
    """Record a checked practice answer: which question, when, right, wrong or noted (never the answer itself)."""
    from course_lib.record.store import OUTCOMES, Attempt, default_store

    if result.status not in OUTCOMES:  # an untouched answer is not an attempt
        return
    try:
        store = default_store()
        if store is not None:
            store.add_attempts([Attempt(time.time(), source, question.id, (question.objective,), result.status)])
    except Exception as error:  # a lesson must go on whatever the record's trouble
        _remember(error)


def record_lesson_run(lesson_id: str) -> str:
    """Record that a lesson was run; returns a notice for the learner ("" when all is well)."""
    from course_lib.record.store import default_store

    try:
        store = default_store()
        if store is not None:
            store.add_lesson_run(lesson_id)
    except Exception as error:  # a lesson must go on whatever the record's trouble
        _remember(error)
    return pending_notice()


def _remember(error: Exception) -> None:
    text = (f"Your progress could not be saved ({type(error).__name__}: {error}); the lesson works as before. "
            "Run `course progress` in a terminal to see where the record is kept.")
    if text not in _problems:
        _problems.append(text)


def pending_notice() -> str:
    """Anything the learner should know about their record, each said once, then forgotten."""
    from course_lib.record.store import default_store

    store = None
    try:
        store = default_store()
    except Exception as error:
        _remember(error)
    notes = [store.notice] if store is not None and store.notice else []
    if store is not None:
        store.notice = ""
    notes += _problems
    _problems.clear()
    return " ".join(notes)
