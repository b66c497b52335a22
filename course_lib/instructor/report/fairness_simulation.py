"""Simulated classes for the fairness check of :mod:`.variant_fairness`: how often it flags variants that are equally
hard (false alarms), and how often it finds one made harder on purpose (power).

Each simulated class has 300 students and a quiz of 15 items; each item has 3 or 4 variants (drawn per item), and each
student gets one variant of each item at random, as the course's derivation from the student's id does. A student
answers right with the probability of a logistic model, 1 / (1 + e^-(ability − difficulty)), abilities drawn from a
standard normal and item difficulties uniformly from −1.5 to 0.5 (classes get 60–80% right on most items). The
first 11 items are scored right or wrong; the last 4 give partial credit, a share of four parts each answered on the
same model. To plant a harder variant, its students' probability of a right answer is lowered by ``harder_by`` (0.25
takes a 0.75 chance down to 0.50). The classes are judged by the same tests, minimum and correction as the report
(:func:`variant_fairness.fisher_exact_p`, :func:`~variant_fairness.mann_whitney_p`, :func:`~variant_fairness.holm`),
all classes at once, so 1,000 classes take about a second.

``MEASURED`` holds the results quoted in the docs and in :mod:`.variant_fairness`; a test recomputes them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from course_lib.instructor.report.variant_fairness import (
    ALPHA,
    MIN_STUDENTS,
    average_ranks,
    fisher_exact_p,
    holm,
    mann_whitney_p,
)

STUDENTS, ITEMS, PARTIAL_ITEMS, PARTS = 300, 15, 4, 4
MAX_VARIANTS = 4
SEED = 21
CLASSES = 1000
CHUNK = 100  # classes judged at once: bounds the memory of Fisher's tables

# Recomputed by tests/instructor/report/test_fairness_simulation.py with the seed and sizes above.
MEASURED = {
    "classes": CLASSES,
    "students": STUDENTS,
    "items": ITEMS,
    "variants_per_item": "3 or 4",
    "alpha": ALPHA,
    "min_students": MIN_STUDENTS,
    "false_alarm_rate": 0.041,  # share of classes with equal variants where any variant was flagged
    "power": {0.25: 0.705, 0.15: 0.179, 0.10: 0.043},  # harder_by -> share of classes where it was flagged harder
    "power_partial_credit": {0.25: 0.998},  # the same, planted in an item with partial credit (four parts)
    "power_500_students": {0.25: 0.959},  # the same as power, in classes of 500
}


@dataclass(frozen=True)
class Simulated:
    """What the check said about a batch of simulated classes."""

    classes: int
    any_flagged: float  # share of classes where at least one variant was flagged
    planted_found: float  # share where the planted variant was flagged as harder (nan when none was planted)
    other_items_flagged: float  # share where a variant of another item than the planted one was flagged


def simulate_class(rng: np.random.Generator, classes: int, *, students: int = STUDENTS, items: int = ITEMS,
                   harder_by: float = 0.0, planted_item: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(variant given [class, student, item], score fraction [class, student, item]); variant 0 of
    ``planted_item`` is ``harder_by`` harder in probability of a right answer."""
    ability = rng.standard_normal((classes, students, 1))
    difficulty = rng.uniform(-1.5, 0.5, (classes, 1, items))
    n_variants = rng.integers(3, MAX_VARIANTS + 1, (classes, 1, items))
    variant = np.floor(rng.random((classes, students, items)) * n_variants).astype(np.int64)
    right = 1 / (1 + np.exp(-(ability - difficulty)))
    planted = (variant == 0) & (np.arange(items) == planted_item)
    right = np.clip(right - harder_by * planted, 0.0, 1.0)
    partial = np.arange(items) >= items - PARTIAL_ITEMS
    parts = (rng.random((classes, students, items, PARTS)) < right[..., None]).mean(axis=-1)
    binary = rng.random((classes, students, items)) < right
    return variant, np.where(partial, parts, binary).astype(float)


def judge(variant: np.ndarray, scores: np.ndarray, *, alpha: float = ALPHA, min_students: int = MIN_STUDENTS
          ) -> tuple[np.ndarray, np.ndarray]:
    """(flagged [class, item, variant], effect [class, item, variant]) by the report's method; a variant nobody got
    is never flagged."""
    classes, students, items = scores.shape
    cell = (np.arange(classes)[:, None, None] * items + np.arange(items)) * MAX_VARIANTS + variant
    size = classes * items * MAX_VARIANTS
    n = np.bincount(cell.ravel(), minlength=size).reshape(classes, items, MAX_VARIANTS)
    sums = np.bincount(cell.ravel(), weights=scores.ravel(), minlength=size).reshape(classes, items, MAX_VARIANTS)
    totals = sums.sum(axis=-1, keepdims=True)
    p = np.full(n.shape, np.nan)
    binary = np.all((scores == 0) | (scores == 1), axis=1)  # [class, item]
    p[binary] = fisher_exact_p(np.rint(sums[binary]), n[binary], np.rint(totals[binary]), students)
    if (~binary).any():
        rows = scores.transpose(0, 2, 1)[~binary]  # [class·item with partial credit, student]
        ranks, ties = average_ranks(rows)
        groups = variant.transpose(0, 2, 1)[~binary] + MAX_VARIANTS * np.arange(len(rows))[:, None]
        rank_sums = np.bincount(groups.ravel(), weights=ranks.ravel(), minlength=len(rows) * MAX_VARIANTS)
        p[~binary] = mann_whitney_p(rank_sums.reshape(-1, MAX_VARIANTS), n[~binary], students, ties[:, None])
    testable = (n >= min_students) & (students - n >= min_students)
    p = np.where(testable, p, np.nan)
    flagged = (holm(p.reshape(classes, -1)) <= alpha).reshape(p.shape)
    with np.errstate(invalid="ignore", divide="ignore"):
        effect = sums / n - (totals - sums) / (students - n)
    return flagged, effect


def simulate(classes: int = CLASSES, *, harder_by: float = 0.0, planted_item: int = 0, seed: int = SEED,
             students: int = STUDENTS) -> Simulated:
    """Simulate ``classes`` classes (seeded) and report how often the check flagged anything, and the planted
    variant (variant 0 of ``planted_item``, when ``harder_by`` > 0)."""
    rng = np.random.default_rng(seed)
    any_flag = found = other = 0
    for start in range(0, classes, CHUNK):
        variant, scores = simulate_class(rng, min(CHUNK, classes - start), students=students, harder_by=harder_by,
                                         planted_item=planted_item)
        flagged, effect = judge(variant, scores)
        any_flag += int(flagged.any(axis=(1, 2)).sum())
        found += int((flagged[:, planted_item, 0] & (effect[:, planted_item, 0] < 0)).sum())
        elsewhere = np.delete(flagged, planted_item, axis=1) if harder_by > 0 else flagged
        other += int(elsewhere.any(axis=(1, 2)).sum())
    return Simulated(classes, any_flag / classes, found / classes if harder_by > 0 else float("nan"),
                     other / classes)


def measure(classes: int = CLASSES, seed: int = SEED) -> dict:
    """``MEASURED``, recomputed: the false-alarm rate and the power at three sizes of difference (and one planted in
    an item with partial credit)."""
    return {
        "classes": classes, "students": STUDENTS, "items": ITEMS, "variants_per_item": "3 or 4", "alpha": ALPHA,
        "min_students": MIN_STUDENTS,
        "false_alarm_rate": simulate(classes, seed=seed).any_flagged,
        "power": {d: simulate(classes, harder_by=d, seed=seed).planted_found for d in (0.25, 0.15, 0.10)},
        "power_partial_credit": {0.25: simulate(classes, harder_by=0.25, planted_item=ITEMS - 1,
                                                seed=seed).planted_found},
        "power_500_students": {0.25: simulate(classes, harder_by=0.25, students=500, seed=seed).planted_found},
    }
