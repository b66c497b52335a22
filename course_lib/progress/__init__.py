"""Self-study progress, kept only on the learner's machine: the record (``store``), mastery per objective
(``mastery``), the review queue (``review``), the progress view and Review now, and self-grading of the quizzes
(``selfcheck``). The rules are in docs/self-study.md.

In a lesson::

    from course_lib.progress import progress_view, review_now
    progress_view()   # lessons done, objectives mastered, Review now
    review_now()      # the questions due for review, as cards

The quiz package imports ``recorder`` from here, so the widgets load only when a view is asked for.
"""


def progress_view(lesson: str | None = None, now: float | None = None):
    """Show your progress (``lesson``: the lesson showing it, recorded as run)."""
    from course_lib.progress.view import progress_view as view

    return view(lesson, now)


def review_now(now: float | None = None):
    """The questions due for review now, as cards."""
    from course_lib.progress.review_session import review_now as session

    return session(now)


__all__ = ["progress_view", "review_now"]
