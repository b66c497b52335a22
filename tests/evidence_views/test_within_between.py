"""Tests for course_lib.evidence_views.within_between: the simulated trial behind the comparability demo."""

import pytest

from course_lib.evidence_views.within_between import simulate, sweep_background


def test_same_settings_give_the_same_numbers():
    """The simulation is seeded: a student and the lesson text always see identical figures."""
    assert simulate(0.8, 0.3) == simulate(0.8, 0.3)
    assert simulate(0.8, 0.3, seed=1) != simulate(0.8, 0.3, seed=2)


def test_pre_post_d_grows_with_background_but_between_group_d_does_not():
    """Raising the 'improves anyway' setting inflates the treated pre-post d; the between-group d stays put."""
    runs = sweep_background([0.0, 0.4, 0.8, 1.2], treatment_effect=0.3)
    pre_post = [r.pre_post_treated for r in runs]
    assert pre_post == sorted(pre_post) and pre_post[-1] - pre_post[0] == pytest.approx(1.2, abs=0.1)
    between = [r.between_group for r in runs]
    assert max(between) - min(between) == pytest.approx(0.0, abs=1e-9)


def test_effect_sizes_are_near_the_settings():
    """Pre-post d is near background + treatment; between-group d near the treatment effect alone."""
    r = simulate(0.8, 0.3)
    assert r.pre_post_treated == pytest.approx(1.1, abs=0.1)
    assert r.pre_post_control == pytest.approx(0.8, abs=0.1)
    assert r.between_group == pytest.approx(0.3, abs=0.1)


def test_no_treatment_effect_still_gives_a_large_pre_post_d():
    """A useless treatment with 0.97 of background change shows a pre-post d near 0.97 and a between d near 0."""
    r = simulate(0.97, 0.0)
    assert r.pre_post_treated > 0.8
    assert abs(r.between_group) < 0.15
    assert "0.97" in r.describe()


def test_bad_settings_are_refused():
    """Non-finite settings or fewer than two people per group raise ValueError."""
    with pytest.raises(ValueError):
        simulate(float("nan"), 0.3)
    with pytest.raises(ValueError):
        simulate(0.5, 0.3, n_per_group=1)
