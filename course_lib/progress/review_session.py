"""Review now: the practice questions due for review, as the practice package's own cards; each check is recorded
as a review answer. A learner with nothing due is told so, and when the next question comes due."""

from __future__ import annotations

import html

from course_lib.practice import NotAttempted, PracticeQuestion, check, find_question
from course_lib.progress.summary import summarise
from course_lib.record.store import ProgressStore, default_store
from course_lib.ui.look import CourseWidget, live_region

MAX_CARDS = 10  # a sitting's worth; the rest stay due for the next one


def status_html(text: str) -> str:
    """The status text (its widget is the live region: ``live_region``)."""
    return f'<div class="course-review-status"><p>{html.escape(text)}</p></div>'


class ReviewSession(CourseWidget):
    """The due questions (at most ``MAX_CARDS``), longest overdue first, with a running count."""

    def __init__(self, store: ProgressStore | None = None, now: float | None = None):
        self.store = store if store is not None else default_store()
        self.status = live_region(status_html(""))
        self.cards: list = []
        self.checked: set[str] = set()
        self.due_count = 0
        rows = []
        if self.store is None:
            self.status.value = status_html("Recording is turned off (COURSE_PROGRESS=off), so there is nothing to "
                                            "review: the course keeps no record of your answers.")
        else:
            try:
                summary = summarise(self.store, now)
            except Exception as error:  # the lesson goes on; the learner is told in plain words
                self.status.value = status_html(f"Your progress record could not be read ({type(error).__name__}: "
                                                f"{error}), so there is nothing to review.")
                super().__init__([self.status])
                return
            self.due_count = len(summary.due)
            for schedule in summary.due[:MAX_CARDS]:
                try:
                    practice = PracticeQuestion(find_question(schedule.item))
                except KeyError:  # a question removed from the course since it was answered
                    continue
                practice.source = "review"
                card = practice.card()
                card.check_button.on_click(lambda _b, c=card: self._checked(c))
                self.cards.append(card)
                rows.append(card)
            self.status.value = status_html(self._count_text() if self.cards else summary.caught_up_text())
        super().__init__([self.status, *rows])
        self.add_class("course-review-session")

    def _count_text(self) -> str:
        shown = len(self.cards)
        more = f" (showing the first {shown}; the rest stay due)" if self.due_count > shown else ""
        return (f"{self.due_count} question(s) due for review{more}. "
                f"{len(self.checked)} of {shown} answered in this sitting.")

    def _checked(self, card) -> None:
        if not isinstance(check(card.practice.question, card.answer()), NotAttempted):  # pure: not recorded again
            self.checked.add(card.practice.id)
        text = self._count_text()
        if len(self.checked) == len(self.cards):
            text += " That is all for now: well done."
        self.status.value = status_html(text)


def review_now(now: float | None = None) -> ReviewSession:
    """The questions due for review now, as cards (lesson 07 and the progress view)."""
    return ReviewSession(now=now)
