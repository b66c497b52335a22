"""Mastery per learning objective, from the learner's recent answers (the rule in docs/self-study.md).

For one objective, take every question tied to it (practice, review or quiz item) that was answered right or
wrong, and the latest answer to each. Of those latest answers keep the ``WINDOW`` most recent.

- not started: no question of the objective answered yet;
- mastered: at least ``MIN_QUESTIONS`` different questions answered, and every kept answer right;
- in progress: anything in between.

A quiz item counts as right only with full marks. Reflections are not scored, so they do not count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from course_lib.record.store import Attempt

WINDOW = 3
MIN_QUESTIONS = 2
NOT_STARTED, IN_PROGRESS, MASTERED = "not started", "in progress", "mastered"
STATUSES = (MASTERED, IN_PROGRESS, NOT_STARTED)


@dataclass(frozen=True)
class ObjectiveMastery:
    objective: str
    status: str
    questions_answered: int  # different questions answered right or wrong
    recent_right: int  # of the (up to WINDOW) latest answers counted
    recent_counted: int


def latest_per_question(attempts: Iterable[Attempt]) -> dict[str, Attempt]:
    """The latest scored answer to each question (``attempts`` oldest first)."""
    latest: dict[str, Attempt] = {}
    for attempt in attempts:
        if attempt.scored:
            latest.pop(attempt.item, None)  # re-insert so dict order is the order of latest answers
            latest[attempt.item] = attempt
    return latest


def mastery(objective_ids: Iterable[str], attempts: Iterable[Attempt]) -> dict[str, ObjectiveMastery]:
    """Each objective's status under the rule above."""
    by_objective: dict[str, list[Attempt]] = {}
    for attempt in latest_per_question(attempts).values():
        for objective in attempt.objectives:
            by_objective.setdefault(objective, []).append(attempt)
    result = {}
    for objective in objective_ids:
        latest = by_objective.get(objective, [])
        recent = latest[-WINDOW:]
        right = sum(a.right for a in recent)
        if not latest:
            status = NOT_STARTED
        elif len(latest) >= MIN_QUESTIONS and right == len(recent):
            status = MASTERED
        else:
            status = IN_PROGRESS
        result[objective] = ObjectiveMastery(objective, status, len(latest), right, len(recent))
    return result
