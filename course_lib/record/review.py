"""The review queue: practice questions come back on fixed intervals (the rule in docs/self-study.md).

Each practice question answered right or wrong has a step ``k`` and a due time, replayed from its answers in order:

- a wrong answer sets ``k = 0``: due ``INTERVALS_DAYS[0]`` (1) day later;
- a right answer, the first answer or one given when the question was due, moves ``k`` one step up (at most to the
  last): due ``INTERVALS_DAYS[k]`` days later. So 3, then 7, then 21 days, and every 21 days after that;
- a right answer given before the question was due changes nothing (cramming does not stretch the interval).

A question is due when its due time has come; the queue lists due questions, the longest overdue first.
Quiz items are not in the queue (they are not cards); reflections are never due.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from course_lib.record.store import Attempt

INTERVALS_DAYS = (1, 3, 7, 21)
DAY = 86400.0
QUEUE_SOURCES = ("practice", "review")


@dataclass(frozen=True)
class Schedule:
    item: str
    step: int  # index into INTERVALS_DAYS
    due: float  # unix time


def schedules(attempts: Iterable[Attempt]) -> dict[str, Schedule]:
    """Each practice question's step and due time after replaying its answers (``attempts`` oldest first)."""
    result: dict[str, Schedule] = {}
    for attempt in attempts:
        if not attempt.scored or attempt.source not in QUEUE_SOURCES:
            continue
        before = result.get(attempt.item)
        if not attempt.right:
            step = 0
        elif before is None:
            step = 1
        elif attempt.at >= before.due:
            step = min(before.step + 1, len(INTERVALS_DAYS) - 1)
        else:
            continue
        result[attempt.item] = Schedule(attempt.item, step, attempt.at + INTERVALS_DAYS[step] * DAY)
    return result


def due_questions(attempts: Iterable[Attempt], now: float | None = None) -> list[Schedule]:
    """The questions due at ``now`` (default: the present), the longest overdue first."""
    now = time.time() if now is None else now
    due = [s for s in schedules(attempts).values() if s.due <= now]
    return sorted(due, key=lambda s: (s.due, s.item))


def next_due(attempts: Iterable[Attempt], now: float | None = None) -> Schedule | None:
    """The question that comes due next after ``now``, for telling a caught-up learner when to come back."""
    now = time.time() if now is None else now
    later = [s for s in schedules(attempts).values() if s.due > now]
    return min(later, key=lambda s: (s.due, s.item), default=None)
