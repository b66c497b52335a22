"""Item statistics on a class small enough to compute by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from course_lib.instructor import report


def test_item_stats_match_hand_computation():
    """Mean, difficulty and item-rest correlation agree with the values worked out by hand."""
    # Four students, two items worth 1 and 2 points.
    scores = np.array([[1, 2], [1, 0], [0, 2], [0, 0]], dtype=float)
    stats = report.item_stats(["a", "b"], scores, np.array([1.0, 2.0]))
    a, b = stats
    assert (a.mean, a.difficulty, b.mean, b.difficulty) == (0.5, 0.5, 1.0, 0.5)
    # item a against rest (= item b): [1,1,0,0] vs [2,0,2,0] -> uncorrelated.
    assert a.discrimination == pytest.approx(0.0)
    assert b.discrimination == pytest.approx(0.0)


def test_item_everyone_got_right_has_no_discrimination():
    """An item without spread has discrimination n/a (nan), not a made-up number."""
    scores = np.array([[1, 1], [1, 0], [1, 1]], dtype=float)
    stats = report.item_stats(["easy", "other"], scores, np.array([1.0, 1.0]))
    assert math.isnan(stats[0].discrimination) and stats[0].difficulty == 1.0


def test_perfectly_discriminating_item():
    """An item that rises exactly with the rest of the test correlates 1.0."""
    scores = np.array([[0, 0, 0], [1, 1, 1], [1, 1, 1], [0, 0, 0]], dtype=float)
    assert report.item_stats(["x", "y", "z"], scores, np.ones(3))[0].discrimination == pytest.approx(1.0)


def test_distribution_alt_text_names_the_key_numbers():
    """The plot's alt text states count, maximum, mean, median and range in words."""
    fig, alt = report.distribution_figure(np.array([2.0, 4.0, 4.0, 6.0]), 6.0, "q9")
    assert alt == ("Histogram of total scores on the analysed items of q9 for 4 students, out of 6 points: "
                   "mean 4.00, median 4, lowest 2, highest 6.")
    assert fig.axes[0].get_xlabel() == "Total score on the analysed items (out of 6)"


def _bar_heights(fig) -> dict[float, int]:
    return {round(bar.get_x() + bar.get_width() / 2, 2): int(bar.get_height()) for bar in fig.axes[0].patches}


def test_half_points_get_bins_of_their_own():
    """20.5 and 21 are counted apart (bins half a point wide), never merged into 21."""
    fig, _ = report.distribution_figure(np.array([20.5, 21.0, 21.0]), 26.0, "q1")
    heights = _bar_heights(fig)
    assert heights[20.5] == 1 and heights[21.0] == 2


def test_whole_points_keep_whole_bins():
    """Whole-number totals keep one bar per point, centred on it."""
    heights = _bar_heights(report.distribution_figure(np.array([2.0, 4.0, 4.0]), 6.0, "q9")[0])
    assert (heights[4.0], heights[2.0], len(heights)) == (2, 1, 7)


@pytest.mark.parametrize(("difficulty", "discrimination", "flags"), [
    (0.2, 0.5, ["too hard"]),
    (0.95, 0.5, ["too easy"]),
    (0.6, -0.1, ["negative discrimination"]),
    (0.6, 0.1, ["low discrimination"]),
    (0.6, 0.4, []),
    (1.0, math.nan, ["too easy"]),
])
def test_flags_say_what_to_revise(difficulty, discrimination, flags):
    """An item is flagged too hard under 0.30, too easy over 0.90, and for negative or low (< 0.20)
    discrimination; n/a discrimination raises no discrimination flag."""
    item = report.ItemStats("q1", 1.0, 30, difficulty, difficulty, discrimination)
    assert item.flags == flags
