"""Difficulty per variant and the fairness flag: the tests agree with scipy's, a clearly harder variant is flagged,
equal ones and small ones are not, and the correction runs over the whole quiz."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from course_lib.instructor.report import variant_fairness as vf


def _answers(groups: dict[str, tuple[int, int]]) -> list[tuple[str, float]]:
    """signature -> (right, students) as a list of (signature, score) in the order a class would give them."""
    found = []
    for signature, (right, students) in groups.items():
        found += [(signature, 1.0)] * right + [(signature, 0.0)] * (students - right)
    return found


def test_fisher_agrees_with_scipy_on_every_table_of_a_small_class():
    """The exact test gives scipy's two-sided p for every possible 2 × 2 table of 30 students, 12 in the variant."""
    total, n = 30, 12
    for k in range(total + 1):
        for x in range(max(0, n + k - total), min(n, k) + 1):
            ref = stats.fisher_exact([[x, n - x], [k - x, total - n - k + x]]).pvalue
            assert vf.fisher_exact_p(x, n, k, total) == pytest.approx(ref, rel=1e-9, abs=1e-12), (x, k)


def test_mann_whitney_and_ranks_agree_with_scipy_on_partial_credit():
    """Tied partial-credit scores get scipy's mean ranks and the Mann–Whitney p of scipy's asymptotic test."""
    rng = np.random.default_rng(3)
    scores = rng.integers(0, 4, 90) / 3
    mine = rng.random(90) < 0.3
    ranks, ties = vf.average_ranks(scores[None, :])
    assert np.allclose(ranks[0], stats.rankdata(scores))
    ref = stats.mannwhitneyu(scores[mine], scores[~mine], method="asymptotic").pvalue
    assert vf.mann_whitney_p(ranks[0][mine].sum(), mine.sum(), 90, ties[0]) == pytest.approx(ref, rel=1e-9)


def test_holm_matches_hand_computation_and_leaves_untested_out():
    """Holm multiplies the k-th smallest of m p-values by m − k + 1 (kept monotone); nan is not counted."""
    adjusted = vf.holm([0.01, math.nan, 0.04, 0.03, 0.005])[0]
    assert adjusted[[0, 2, 3, 4]] == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert math.isnan(adjusted[1])


def test_a_clearly_harder_variant_is_flagged_and_an_equal_item_is_not():
    """A variant 10 of 60 right against siblings 45 of 60 is flagged harder; an item with equal variants is not."""
    rows = vf.fairness({
        "q1": _answers({"key at A": (10, 60), "key at B": (45, 60), "key at C": (44, 60)}),
        "q2": _answers({"key at A": (40, 60), "key at B": (41, 60), "key at C": (39, 60)}),
    })
    harder = rows["q1"][0]
    assert (harder.signature, harder.n, harder.verdict, harder.test) == ("key at A", 60, vf.HARDER, vf.FISHER)
    assert harder.difficulty == pytest.approx(10 / 60)
    assert harder.effect == pytest.approx(10 / 60 - 89 / 120)
    assert harder.p_holm <= vf.ALPHA
    assert [row.verdict for row in rows["q2"]] == [vf.SAME] * 3


def test_a_variant_with_too_few_students_is_shown_but_not_tested():
    """A variant 19 students took keeps its n and difficulty, with no p and the words "too few students to test",
    however wide its gap."""
    rows = vf.fairness({"q1": _answers({"pool 1": (0, 19), "pool 2": (50, 60)})})["q1"]
    small = rows[0]
    assert (small.n, small.difficulty, small.verdict, small.test) == (19, 0.0, vf.TOO_FEW, "")
    assert math.isnan(small.p) and math.isnan(small.p_holm)
    assert rows[1].verdict == vf.TOO_FEW  # its rest is those 19 students: too few to compare with


def test_an_item_everyone_got_the_same_variant_of_is_not_tested():
    """One variant only: nothing to compare, said in words."""
    row = vf.fairness({"q1": _answers({"g=0.64": (30, 50)})})["q1"][0]
    assert (row.verdict, row.n) == (vf.ONLY, 50) and math.isnan(row.effect)


def test_partial_credit_items_are_compared_on_their_score_fractions():
    """A matching scored in thirds uses the Mann–Whitney test; a variant a third lower throughout is flagged harder."""
    answers = [("key at 1", 1 / 3)] * 40 + [("key at 2", 2 / 3)] * 40 + [("key at 3", 1.0)] * 20 + \
              [("key at 3", 2 / 3)] * 20
    rows = vf.fairness({"q7": answers})["q7"]
    assert [row.test for row in rows] == [vf.MANN_WHITNEY] * 3
    assert rows[0].verdict == vf.HARDER and rows[0].difficulty == pytest.approx(1 / 3)


def test_the_correction_runs_over_all_variants_of_the_quiz():
    """A gap that would pass on its own at 0.05 (p near 0.01) is not flagged among the 30 variants of ten items."""
    lone = {"q1": _answers({"key at A": (28, 50), "key at B": (40, 50)})}
    alone = vf.fairness(lone)["q1"][0]
    assert 0.005 < alone.p < 0.05 and alone.verdict == vf.HARDER
    many = lone | {f"q{i}": _answers({"key at A": (30, 50), "key at B": (31, 50), "key at C": (30, 50)})
                   for i in range(2, 11)}
    assert vf.fairness(many)["q1"][0].verdict == vf.SAME


def test_variants_are_listed_in_the_order_of_their_numbers():
    """"pool 2" comes before "pool 10", and cer=0.15 before cer=0.2, whatever order the students came in."""
    rows = vf.fairness({"q3": [("pool 10", 1.0), ("pool 2", 0.0), ("pool 10", 0.0)]})["q3"]
    assert [(row.signature, row.n) for row in rows] == [("pool 2", 1), ("pool 10", 2)]
    rows = vf.fairness({"q5": [("cer=0.2", 1.0), ("cer=0.25", 0.0), ("cer=0.15", 0.0)]})["q5"]
    assert [row.signature for row in rows] == ["cer=0.15", "cer=0.2", "cer=0.25"]
