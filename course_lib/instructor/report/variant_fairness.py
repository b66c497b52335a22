"""Is each variant of an item as hard as its siblings? Difficulty per variant, and a flag when one differs by more
than chance.

Method (the report says the same in plain words). For each item, the analysed students are grouped by the variant
they were given (its signature: "key at C", "pool 2", "g=0.64"). Each variant is compared with the pooled rest of the
item's students by a two-sided test:

- Fisher's exact test on the 2 × 2 table (right or wrong) × (this variant or the rest) when every score of the item is
  0 or full marks;
- the Mann–Whitney test on the score fractions (normal approximation with the correction for ties and for
  continuity) when the item gives partial credit, so a third of a matching counts as a third.

A variant is tested only when it and the rest each hold at least ``MIN_STUDENTS`` (20) students: below that a
difficulty has a standard error above 0.1 (√(0.25 / 20) ≈ 0.11), so even a large gap could not survive the
correction, and the normal approximation of the Mann–Whitney test is not yet trustworthy. Smaller variants are still
shown, with their difficulty, as "too few students to test". The p-values of all tested variants of all items of the
quiz are corrected together by Holm's step-down method at a family-wise α of 0.05: on a quiz whose variants are all
equally hard, the chance that the report flags any variant at all is at most 5%. The effect shown is the variant's
difficulty (mean score as a share of the item's points) minus that of the rest of the item's students.

Measured on simulated classes (:mod:`.fairness_simulation`, whose ``MEASURED`` a test recomputes): 1,000 classes
of 300 students, a quiz of 15 items of 3 or 4 variants each (11 scored right or wrong, 4 with partial credit), abilities
and item difficulties on a logistic model. With all variants equally hard, 4.1% of classes had any variant flagged
(the false-alarm rate, under the 5% the correction promises). A variant of a right-or-wrong item whose chance of a
right answer was lowered by 0.25 (say from 0.75 to 0.50) was flagged as harder in 70.5% of classes of 300 (about 75 to
100 students per variant) and in 95.9% of classes of 500; lowered by 0.15, in 17.9% of classes of 300; by 0.10, in
4.3%. Planted in an item with partial credit (four parts, each 0.25 less likely right), it was flagged in 99.8%. So
the check finds large differences in large classes and misses small ones: no flag does not prove the variants equal.
Nor does a flag prove a variant unfair: it is a reason to read that variant again. When one variant is clearly harder,
its siblings can show as easier than the rest of the item's students (the rest includes the harder one): read the
item's variants together.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

ALPHA = 0.05  # family-wise, over all tested variants of all items of a quiz
MIN_STUDENTS = 20  # per variant, and in the rest of the item's students, for a variant to be tested

FISHER, MANN_WHITNEY = "Fisher's exact test", "Mann-Whitney test"
HARDER, EASIER = "harder than its siblings", "easier than its siblings"
SAME = "no difference beyond chance"
TOO_FEW = "too few students to test"
ONLY = "the only variant given"


def signature_order(signature: str) -> list:
    """Sort key putting "pool 2" before "pool 10" and "cer=0.15" before "cer=0.2": numbers compared as numbers."""
    return [float(part) if i % 2 else part for i, part in enumerate(re.split(r"(\d+(?:\.\d+)?)", signature))]


@dataclass(frozen=True)
class VariantRow:
    """One variant of one item: who got it, how hard it was for them, and what the test says."""

    item: str
    signature: str
    n: int
    difficulty: float  # mean score fraction of the students who got it
    effect: float  # difficulty minus that of the rest of the item's students; nan for the only variant
    p: float  # two-sided, before correction; nan when not tested
    p_holm: float  # after Holm's correction over the quiz; nan when not tested
    test: str  # FISHER, MANN_WHITNEY, or "" when not tested
    verdict: str  # HARDER, EASIER, SAME, TOO_FEW or ONLY

    @property
    def flagged(self) -> bool:
        return self.verdict in (HARDER, EASIER)


def _log_factorials(n: int) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, n + 1)))])


def fisher_exact_p(x, n, k, total) -> np.ndarray:
    """Two-sided p of Fisher's exact test, elementwise: ``x`` right among the ``n`` students of a variant, ``k``
    right among all ``total`` students of the item. As scipy's ``fisher_exact``: the sum of the probabilities of all
    tables (same margins) no more likely than the one observed."""
    x, n, k, total = (np.asarray(a, dtype=np.int64) for a in np.broadcast_arrays(x, n, k, total))
    if x.size == 0:
        return np.zeros(x.shape)
    lf = _log_factorials(int(total.max()))
    j = np.arange(int(n.max()) + 1)  # every count the variant could have had right
    shape = (*x.shape, 1)
    x_, n_, k_, t_ = (a.reshape(shape) for a in (x, n, k, total))
    possible = (j >= np.maximum(0, n_ + k_ - t_)) & (j <= np.minimum(n_, k_))
    jj = np.where(possible, j, 0)
    log_pmf = (lf[k_] - lf[jj] - lf[np.clip(k_ - jj, 0, None)] + lf[t_ - k_] - lf[np.clip(n_ - jj, 0, None)]
               - lf[np.clip(t_ - k_ - n_ + jj, 0, None)] - lf[t_] + lf[n_] + lf[t_ - n_])
    pmf = np.where(possible, np.exp(log_pmf), 0.0)
    observed = np.take_along_axis(pmf, np.clip(x_, 0, j[-1]), axis=-1)
    p = np.where(pmf <= observed * (1 + 1e-7), pmf, 0.0).sum(axis=-1)
    return np.minimum(p, 1.0)


def average_ranks(values) -> tuple[np.ndarray, np.ndarray]:
    """Ranks (1 = lowest, ties sharing their mean rank) along the last axis of a 2-D array, and per row the tie term
    Σ(t³ − t) over groups of t equal values."""
    values = np.asarray(values, dtype=float)
    rows, width = values.shape
    order = np.argsort(values, axis=1, kind="stable")
    ordered = np.take_along_axis(values, order, axis=1)
    new_group = np.ones_like(ordered, dtype=bool)
    new_group[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    group = np.cumsum(new_group.ravel()) - 1  # groups numbered across rows: a row always starts a new one
    sizes = np.bincount(group)
    first = np.flatnonzero(new_group.ravel()) % width  # position in its row where each group starts
    mean_rank = first + (sizes + 1) / 2
    ranks = np.empty_like(values)
    np.put_along_axis(ranks, order, mean_rank[group].reshape(rows, width), axis=1)
    row_of_group = np.flatnonzero(new_group.ravel()) // width
    ties = np.bincount(row_of_group, weights=sizes.astype(float) ** 3 - sizes, minlength=rows)
    return ranks, ties


def mann_whitney_p(rank_sum, n1, total, ties) -> np.ndarray:
    """Two-sided p of the Mann–Whitney test, elementwise, from the rank sum of the ``n1`` students of a variant among
    ``total`` (normal approximation with tie and continuity corrections, as scipy's ``mannwhitneyu`` asymptotic)."""
    rank_sum, n1, total, ties = (np.asarray(a, dtype=float) for a in np.broadcast_arrays(rank_sum, n1, total, ties))
    n2 = total - n1
    u = rank_sum - n1 * (n1 + 1) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        sigma = np.sqrt(n1 * n2 / 12 * ((total + 1) - ties / (total * (total - 1))))
        z = np.maximum(np.abs(u - n1 * n2 / 2) - 0.5, 0) / sigma
    p = np.vectorize(lambda v: math.erfc(v / math.sqrt(2)) if math.isfinite(v) else 1.0, otypes=[float])(z)
    return np.where(sigma > 0, np.minimum(p, 1.0), 1.0)


def holm(p) -> np.ndarray:
    """Holm-adjusted p-values along the last axis (nan = not tested, left out of the count and kept nan)."""
    p = np.atleast_2d(np.asarray(p, dtype=float))
    order = np.argsort(np.where(np.isnan(p), np.inf, p), axis=1, kind="stable")
    ordered = np.take_along_axis(p, order, axis=1)
    tested = (~np.isnan(p)).sum(axis=1, keepdims=True)
    factor = tested - np.arange(p.shape[1])
    adjusted = np.fmax.accumulate(np.where(np.isnan(ordered), np.nan, np.minimum(ordered * factor, 1.0)), axis=1)
    result = np.empty_like(p)
    np.put_along_axis(result, order, np.where(np.isnan(ordered), np.nan, adjusted), axis=1)
    return result


def is_right_or_wrong(scores: np.ndarray) -> bool:
    """Every score is 0 or full marks: the item is compared by Fisher's exact test, else by Mann–Whitney."""
    return bool(np.all((scores == 0) | (scores == 1)))


def _item_tests(scores: np.ndarray, groups: np.ndarray, n_groups: int, min_students: int
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, str]:
    """(n, difficulty, raw p with nan where not tested) per variant of one item, and the test used."""
    total = len(scores)
    n = np.bincount(groups, minlength=n_groups)
    sums = np.bincount(groups, weights=scores, minlength=n_groups)
    difficulty = sums / np.maximum(n, 1)
    testable = (n >= min_students) & (total - n >= min_students)
    if is_right_or_wrong(scores):
        test, p = FISHER, fisher_exact_p(np.rint(sums), n, int(scores.sum()), total)
    else:
        ranks, ties = average_ranks(scores[None, :])
        test, p = MANN_WHITNEY, mann_whitney_p(np.bincount(groups, weights=ranks[0], minlength=n_groups), n,
                                               total, ties[0])
    return n, difficulty, np.where(testable, p, np.nan), test


def fairness(items: Mapping[str, Sequence[tuple[str, float]]], *, alpha: float = ALPHA,
             min_students: int = MIN_STUDENTS) -> dict[str, list[VariantRow]]:
    """Per item (in the order given), per variant (in :func:`signature_order`): n, difficulty, effect, p-values and
    verdict. ``items`` maps each item to the (variant signature, score fraction 0..1) of every analysed student;
    the correction runs over all tested variants of all the items given."""
    found = []
    for item, answers in items.items():
        signatures = sorted({signature for signature, _ in answers}, key=signature_order)
        index = {signature: i for i, signature in enumerate(signatures)}
        groups = np.array([index[signature] for signature, _ in answers], dtype=np.int64)
        scores = np.array([score for _, score in answers], dtype=float)
        n, difficulty, p, test = _item_tests(scores, groups, len(signatures), min_students)
        others = len(scores) - n
        rest = np.where(others > 0, (scores.sum() - difficulty * n) / np.maximum(others, 1), np.nan)
        found.append((item, signatures, n, difficulty, difficulty - rest, p, test))
    raw = np.concatenate([p for *_, p, _ in found]) if found else np.zeros(0)
    adjusted = holm(raw)[0] if raw.size else raw
    result, at = {}, 0
    for item, signatures, n, difficulty, effect, p, test in found:
        rows = []
        for i, signature in enumerate(signatures):
            p_holm = float(adjusted[at + i])
            if len(signatures) == 1:
                verdict = ONLY
            elif math.isnan(p[i]):
                verdict = TOO_FEW
            elif p_holm <= alpha:
                verdict = HARDER if effect[i] < 0 else EASIER
            else:
                verdict = SAME
            tested = not math.isnan(p[i])
            rows.append(VariantRow(item, signature, int(n[i]), float(difficulty[i]),
                                   float(effect[i]), float(p[i]), p_holm,
                                   test if tested else "", verdict))
        at += len(signatures)
        result[item] = rows
    return result


def any_flagged(rows: Mapping[str, list[VariantRow]]) -> bool:
    return any(row.flagged for item_rows in rows.values() for row in item_rows)
