"""Students whose answers fit a classmate's variant instead of their own: a list for the instructor, never a penalty.

A student is listed beside a classmate when, on every variant item where the two were given different keys (at least
``MIN_ITEMS`` such items), the student answered with the classmate's key and not their own. Items where the two keys
are the same say nothing either way and are left out of the comparison; an item left blank, or answered with neither
key, where the keys differ, rules the classmate out. A numeric answer counts as a key when it is within the item's
tolerance of it, its own key first.

Answers and keys are compared as the grader reads them (:func:`course_lib.grading.form.read`'s canonical answers:
"C", {"A", "D"}, {1: "B"}, ("D", "B", "A", "C") or "DBAC", 0.7389). Classmates with the same keys on every variant
item form one group, listed together. To stay fast in a class of thousands, no pair of students is compared: for each
item and each key, the groups given that key are one bit set (a Python int), and a student's candidates are the groups
that, item by item, hold their own key or the key they answered with: a few ANDs of bit sets per student. Of the
classmates a student's answers fit, only those whose differing items are not a part of another fit's are listed: a
classmate whose keys agree with the copied ones on q1 and q2 and with the student's own elsewhere fits too, but says
less than the one whose keys explain every answer.

Each listing comes with ``chance``: how many classmates the student's answers would fit in this way by coincidence,
were the keys handed out afresh (the product over items of the shares of the class given the student's own key or the
key they answered with, less the fits on fewer than ``MIN_ITEMS`` items, times the number of classmates). In a class
of 300, a copy of a classmate's keys on a dozen shuffled items of four options would fit under 0.1 classmates by
coincidence; on three items it would fit several, and the list says so. A listing is a reason to talk with the student,
never proof: the class's own answers are the only evidence.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from course_lib.instructor.steps.export import natural_key

MIN_ITEMS = 2  # variant items, with different keys, answered with the classmate's key
NO_FIT = -1  # an answer that is blank, unreadable, or none of the class's keys
NUMERIC_SLACK = 1e-9  # as the grader's comparison: rounding is forgiven


@dataclass(frozen=True)
class Match:
    """A student whose answers fit a classmate's variant on ``items``, and none of them their own."""

    student: str
    others: tuple[str, ...]  # classmates given the same keys on every variant item (natural order)
    items: tuple[str, ...]  # the variant items where the keys differ, each answered with the classmate's key
    chance: float  # classmates the answers would fit this way by coincidence (expected number)


def canonical(value: Any) -> Hashable:
    """One comparable form for a key and an answer read: letters upper case, a set as a frozenset, a matching as
    sorted pairs, an ordering as its letters run together, a number as a float; None stays None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, str):
        return "".join(value.split()).upper()
    if isinstance(value, set | frozenset):
        return frozenset(str(v).strip().upper() for v in value)
    if isinstance(value, Mapping):
        return tuple(sorted((int(k), str(v).strip().upper()) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return "".join(str(v).strip().upper() for v in value)
    return repr(value)


def _codes(keys: list[Hashable], answers: list[Hashable], tolerance: float) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of one item's keys (equal keys, equal codes) and of its answers (the code of the key each answer
    is, its own first; NO_FIT when none)."""
    numeric = all(isinstance(k, float) for k in keys)
    distinct = sorted(set(keys)) if numeric else list(dict.fromkeys(keys))
    code = {key: i for i, key in enumerate(distinct)}
    key_codes = np.array([code[k] for k in keys], dtype=np.int64)
    answer_codes = np.full(len(keys), NO_FIT, dtype=np.int64)
    values = np.array(distinct, dtype=float) if numeric else None
    for s, answer in enumerate(answers):
        if answer is None:
            continue
        if not numeric:
            answer_codes[s] = code.get(answer, NO_FIT)
        elif isinstance(answer, float) and math.isfinite(answer):
            if abs(answer - keys[s]) <= tolerance + NUMERIC_SLACK:
                answer_codes[s] = key_codes[s]
                continue
            at = int(np.searchsorted(values, answer))
            near = min((i for i in (at - 1, at) if 0 <= i < len(values)), key=lambda i: abs(values[i] - answer))
            if abs(values[near] - answer) <= tolerance + NUMERIC_SLACK:
                answer_codes[s] = near
    return key_codes, answer_codes


def _bit_sets(group_keys: np.ndarray) -> list[dict[int, int]]:
    """Per item: key code -> the groups given that key, as the bits of an int."""
    found = []
    for column in group_keys.T:
        sets: dict[int, int] = {}
        for group, key in enumerate(column.tolist()):
            sets[key] = sets.get(key, 0) | (1 << group)
        found.append(sets)
    return found


def _chance(own: np.ndarray, answered: np.ndarray, shares: list[np.ndarray], classmates: int, min_items: int
            ) -> float:
    """Expected number of classmates whose keys fit the answers (own key or the key answered, item by item) on at
    least ``min_items`` items where they differ, were keys drawn afresh at the class's rates."""
    q = np.array([shares[i][own[i]] for i in range(len(own))])
    r = np.array([shares[i][a] if a != NO_FIT and a != own[i] else 0.0 for i, a in enumerate(answered)])
    at_most = np.zeros(max(min_items, 1))  # at_most[d]: probability of a fit differing on exactly d items
    at_most[0] = 1.0
    for qi, ri in zip(q, r, strict=True):
        at_most = at_most * qi + np.concatenate([[0.0], at_most[:-1]]) * ri
    return max(0.0, float(np.prod(q + r)) - float(at_most.sum())) * classmates


def find_copying(answers: Mapping[str, Mapping[str, Any]], key_for: Callable[[str, str], Any],
                 items: Sequence[str], *, tolerance: Mapping[str, float] | None = None,
                 min_items: int = MIN_ITEMS) -> list[Match]:
    """The students of ``answers`` (student -> variant item -> canonical answer, None when blank or unreadable) whose
    answers fit a classmate's keys (``key_for(student, item)``) instead of their own, on at least ``min_items``
    variant items; the least likely by coincidence first."""
    students = sorted(answers, key=natural_key)
    if len(students) < 2 or not items:
        return []
    tolerance = tolerance or {}
    columns = [_codes([canonical(key_for(s, item)) for s in students],
                      [canonical(answers[s].get(item)) for s in students], float(tolerance.get(item, 0.0)))
               for item in items]
    keys = np.stack([k for k, _ in columns], axis=1)
    answered = np.stack([a for _, a in columns], axis=1)
    group_keys, group_of = np.unique(keys, axis=0, return_inverse=True)
    group_of = group_of.ravel()
    members: dict[int, list[str]] = {}
    for student, group in zip(students, group_of.tolist(), strict=True):
        members.setdefault(group, []).append(student)
    bit_sets = _bit_sets(group_keys)
    everyone = (1 << len(group_keys)) - 1
    shares = [np.bincount(keys[:, i]) / len(students) for i in range(len(items))]
    found: list[Match] = []
    for s, student in enumerate(students):
        own_group = 1 << int(group_of[s])
        fits = everyone
        for i, sets in enumerate(bit_sets):
            own, given = int(keys[s, i]), int(answered[s, i])
            fits &= sets[own] | (sets.get(given, 0) if given not in (NO_FIT, own) else 0)
            if fits == own_group:
                break
        fits &= ~own_group
        mine = []
        while fits:
            low = fits & -fits
            group = low.bit_length() - 1
            fits ^= low
            differ = frozenset(np.flatnonzero(group_keys[group] != keys[s]).tolist())
            if len(differ) >= min_items:
                mine.append((differ, group))
        if mine:
            chance = _chance(keys[s], answered[s], shares, len(students) - 1, min_items)
            found += [Match(student, tuple(members[group]), tuple(items[i] for i in sorted(differ)), chance)
                      for differ, group in mine if not any(differ < other for other, _ in mine)]
    return sorted(found, key=lambda m: (m.chance, natural_key(m.student), -len(m.items),
                                        [natural_key(o) for o in m.others]))
