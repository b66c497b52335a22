"""The learner's progress in one object: lessons done, mastery per objective, the review queue, quiz grades.

A lesson is done when it has been run and every one of its practice questions has been checked at least once
(lesson 00 has none, so running it is enough).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field

from course_lib.content.lessons import lessons
from course_lib.practice import all_questions
from course_lib.record.mastery import STATUSES, ObjectiveMastery, mastery
from course_lib.record.review import Schedule, due_questions, next_due
from course_lib.record.store import Attempt, LessonRun, ProgressStore, QuizGrade


@dataclass(frozen=True)
class LessonProgress:
    id: str
    title: str
    runs: int
    questions: int
    questions_checked: int
    objectives: dict[str, int]  # status → number of the lesson's objectives

    @property
    def done(self) -> bool:
        return self.runs > 0 and self.questions_checked == self.questions

    @property
    def started(self) -> bool:
        """Run, or any of its questions answered (a quiz item counts too)."""
        return bool(self.runs or self.questions_checked or self.objectives["not started"] < sum(
            self.objectives.values()))


@dataclass
class Summary:
    lessons: list[LessonProgress]
    objectives: dict[str, ObjectiveMastery]
    due: list[Schedule]
    next_due: Schedule | None
    quiz_grades: list[QuizGrade]
    attempts: int
    now: float = field(default_factory=time.time)

    @property
    def lessons_done(self) -> int:
        return sum(item.done for item in self.lessons)

    def objective_counts(self) -> dict[str, int]:
        return {status: sum(m.status == status for m in self.objectives.values()) for status in STATUSES}

    def caught_up_text(self) -> str:
        """What to tell a learner with nothing due."""
        if self.next_due is None:
            return "Nothing to review yet: questions you check in the lessons come back here when they are due."
        days = max((self.next_due.due - self.now) / 86400, 0)
        when = "within a day" if days < 1 else f"in {days:.0f} day{'s' if round(days) != 1 else ''}"
        return f"You are all caught up. The next question comes due {when}."

    def text(self) -> str:
        """The summary as plain text (``course progress``)."""
        counts = self.objective_counts()
        lines = [f"Lessons done: {self.lessons_done} of {len(self.lessons)}",
                 f"Objectives: {counts['mastered']} mastered, {counts['in progress']} in progress, "
                 f"{counts['not started']} not started",
                 f"Answers checked: {self.attempts}", ""]
        for item in self.lessons:
            mark = "done" if item.done else ("started" if item.started else "not started")
            lines.append(f"  {item.title}: {mark}; {item.questions_checked} of {item.questions} practice questions "
                         f"checked; objectives mastered {item.objectives['mastered']} of "
                         f"{sum(item.objectives.values())}")
        lines.append("")
        lines.append(f"Review: {len(self.due)} question(s) due now." if self.due else self.caught_up_text())
        for grade in self.quiz_grades[-5:]:
            day = time.strftime("%Y-%m-%d", time.localtime(grade.at))
            lines.append(f"Quiz {grade.quiz} self-graded {day}: {grade.score:g} of {grade.max_score:g} points")
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {"lessons_done": self.lessons_done, "objective_counts": self.objective_counts(),
                "lessons": [{**asdict(item), "done": item.done} for item in self.lessons],
                "objectives": {key: asdict(value) for key, value in self.objectives.items()},
                "due": [asdict(s) for s in self.due], "quiz_grades": [asdict(g) for g in self.quiz_grades]}


def summarise_data(attempts: list[Attempt], runs: list[LessonRun], grades: list[QuizGrade],
                   now: float | None = None) -> Summary:
    """The summary of a record's data at ``now`` (default: the present)."""
    now = time.time() if now is None else now
    questions = all_questions()
    objective_ids = [o.id for item in lessons() for o in item.objectives]
    states = mastery(objective_ids, attempts)
    checked = {a.item for a in attempts if a.source != "quiz"}
    run_counts: dict[str, int] = {}
    for run in runs:
        run_counts[run.lesson] = run_counts.get(run.lesson, 0) + 1
    rows = []
    for item in lessons():
        own = [q.id for q in questions if q.lesson_number == item.number]
        counts = {status: sum(states[o.id].status == status for o in item.objectives) for status in STATUSES}
        rows.append(LessonProgress(item.id, item.title, run_counts.get(item.id, 0), len(own),
                                   sum(q in checked for q in own), counts))
    return Summary(rows, states, due_questions(attempts, now), next_due(attempts, now), grades, len(attempts), now)


def summarise(store: ProgressStore, now: float | None = None) -> Summary:
    """The summary of the record in ``store``."""
    return summarise_data(store.attempts(), store.lesson_runs(), store.quiz_grades(), now)
