"""Self-study progress, shown: the summary (``summary``), the progress view (``overview``), Review now
(``review_session``), self-grading of the quizzes (``selfcheck``, ``selfcheck_button``) and the learner's ``course``
commands (``commands``). The record they read is :mod:`course_lib.record`; the rules are in docs/self-study.md.

In a lesson (which imports through course_lib.lesson)::

    from course_lib.lesson import progress_view, review_now
    progress_view()   # lessons done, objectives mastered, Review now
    review_now()      # the questions due for review, as cards

The views load only when asked for, so importing this package costs nothing.
"""


def progress_view(lesson: str | None = None, now: float | None = None):
    """Show your progress (``lesson``: the lesson showing it, recorded as run)."""
    from course_lib.progress.overview import progress_view as view

    return view(lesson, now)


def review_now(now: float | None = None):
    """The questions due for review now, as cards."""
    from course_lib.progress.review_session import review_now as session

    return session(now)


__all__ = ["progress_view", "review_now"]
