"""The progress view: lessons done, objectives mastered / in progress / not started (chart with alt text, and a
table), where the record is kept, and a Review now button that opens the due questions as cards."""

from __future__ import annotations

import html

import ipywidgets as widgets

from course_lib.content.lessons import lessons
from course_lib.progress.review_session import ReviewSession, status_html
from course_lib.progress.summary import Summary, summarise
from course_lib.record.recorder import pending_notice, record_lesson_run
from course_lib.record.store import ENVIRONMENT_VARIABLE, ProgressStore, default_store
from course_lib.ui.look import CourseWidget, control, live_region, sized_button


def chart_rows(summary: Summary) -> tuple[tuple[str, int, int, int], ...]:
    """One row per lesson that has objectives: (label, mastered, in progress, not started)."""
    return tuple((f"{item.id.split('_', 1)[0]} {item.title}", item.objectives["mastered"],
                  item.objectives["in progress"],
                  item.objectives["not started"]) for item in summary.lessons if sum(item.objectives.values()))


def objectives_table_html(summary: Summary) -> str:
    """Every learning objective with its status and the answers that decided it."""
    rows = []
    for item in lessons():
        for objective in item.objectives:
            state = summary.objectives[objective.id]
            basis = (f"{state.recent_right} of the latest {state.recent_counted} right, "
                     f"{state.questions_answered} question(s) answered") if state.questions_answered else ""
            rows.append(f"<tr><td>{html.escape(item.number)}</td><td>{html.escape(objective.text)}</td>"
                        f"<td>{html.escape(state.status)}</td><td>{html.escape(basis)}</td></tr>")
    head = "".join(f'<th scope="col">{name}</th>' for name in ("Lesson", "Objective", "Status", "Based on"))
    return (f'<details><summary>Each learning objective</summary><table class="course-objectives">'
            f"<caption>Your learning objectives and their status</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></details>")


def summary_html(summary: Summary, store: ProgressStore) -> str:
    counts = summary.objective_counts()
    done = "".join(f"<li>{html.escape(item.title)}: {'done' if item.done else 'not done yet'} "
                   f"({item.questions_checked} of {item.questions} practice questions checked)</li>"
                   for item in summary.lessons)
    return (f"<h3>Your progress</h3><p><strong>Lessons done: {summary.lessons_done} of "
            f"{len(summary.lessons)}.</strong> "
            f"Objectives: {counts['mastered']} mastered, {counts['in progress']} in progress, "
            f"{counts['not started']} not started. Answers checked so far: {summary.attempts}.</p>"
            f"<details><summary>Lesson by lesson</summary><ul>{done}</ul></details>{objectives_table_html(summary)}"
            f"<p><small>Kept on this computer only, in <code>{html.escape(str(store.path))}</code>. "
            f"<code>course progress --reset</code> in a terminal deletes it; "
            f"<code>{ENVIRONMENT_VARIABLE}=off</code> turns recording off.</small></p>")


class ProgressView(CourseWidget):
    """Summary, chart and table, and Review now."""

    def __init__(self, store: ProgressStore | None = None, now: float | None = None, notice: str = ""):
        """``notice``: something already found about the record (while recording the lesson run)."""
        from course_lib.charts.progress import progress_chart  # matplotlib loads only when the view is shown

        self.store = store if store is not None else default_store()
        self.now = now
        self.review_box = control(widgets.VBox)
        self.status = live_region(status_html(""))
        self.summary = None
        self._earlier_notice = notice
        if self.store is None:
            self._message(f"Recording is turned off ({ENVIRONMENT_VARIABLE}=off): the course keeps no record of "
                          "your answers, so there is no progress to show.")
            return
        try:
            self.summary = summarise(self.store, now)
        except Exception as error:  # the lesson goes on; the learner is told in plain words
            self._message(f"Your progress record could not be read ({type(error).__name__}: {error}), so there is "
                          "no progress to show. Everything else works as before.")
            return
        notice = self._notice()  # after reading: a record set aside while reading is said here
        notice_html = f'<p role="note"><em>{html.escape(notice)}</em></p>' if notice else ""
        self.heading = control(widgets.HTML, value=notice_html + summary_html(self.summary, self.store))
        self.chart = progress_chart(chart_rows(self.summary))
        self.chart_view = control(widgets.HTML, value=self.chart.to_html())
        due = len(self.summary.due)
        self.review_button = sized_button("Review now", icon="refresh",
                                          tooltip="Show the questions due for review as cards")
        self.review_button.on_click(self._review)
        self.status.value = status_html(f"{due} question(s) due for review." if due
                                        else self.summary.caught_up_text())
        super().__init__([self.heading, self.chart_view, self.status, self.review_button, self.review_box])
        self.add_class("course-progress-view")

    def _notice(self) -> str:
        return " ".join(text for text in (self._earlier_notice, pending_notice()) if text)

    def _message(self, text: str) -> None:
        notice = self._notice()
        extra = f"<p><em>{html.escape(notice)}</em></p>" if notice else ""
        self.heading = control(widgets.HTML, value=f"<h3>Your progress</h3><p>{html.escape(text)}</p>{extra}")
        super().__init__([self.heading])

    def _review(self, _button=None) -> None:
        session = ReviewSession(self.store, self.now)
        self.review_box.children = (session,)
        self.status.value = status_html("The questions due for review are below." if session.cards
                                        else "Nothing is due for review.")


def progress_view(lesson: str | None = None, now: float | None = None) -> ProgressView:
    """Show your progress. ``lesson``: the lesson showing it, recorded as run (lesson 00 uses this)."""
    notice = record_lesson_run(lesson) if lesson is not None else ""
    return ProgressView(now=now, notice=notice)
