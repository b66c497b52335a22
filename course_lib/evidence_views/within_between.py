"""A seeded simulated trial showing why a within-group pre-post d cannot be set against a between-group d.

Both groups improve by ``background`` (time, regression to the mean, placebo and everything else that happens
anyway); the treated group improves by ``treatment_effect`` more. Scores are in pre-treatment standard deviations,
higher is better. The treated group's pre-post d grows with ``background``; the between-group d at the end of
treatment does not, because both groups share the background change and it cancels.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["PRE_POST_CORRELATION", "WithinBetween", "simulate", "sweep_background"]

PRE_POST_CORRELATION = 0.6  # people who start worse tend to end worse; keeps the post scores' spread near 1
DEFAULT_N = 200
DEFAULT_SEED = 2010


@dataclass(frozen=True)
class WithinBetween:
    """One simulated trial: the settings, each group's mean scores, and the three effect sizes."""

    background: float
    treatment_effect: float
    n_per_group: int
    seed: int
    treated_means: tuple[float, float]  # (pre, post)
    control_means: tuple[float, float]
    pre_post_treated: float
    pre_post_control: float
    between_group: float

    def describe(self) -> str:
        """The result in two sentences a student can check against the sliders."""
        return (
            f"Simulated trial, {self.n_per_group} people per group: everyone improves by {self.background:.2f} SD "
            f"anyway and the treatment adds {self.treatment_effect:.2f} SD. "
            f"The treated group's pre-post d is {self.pre_post_treated:.2f} (the comparison group's, with no "
            f"treatment at all, is {self.pre_post_control:.2f}); the between-group d at the end is "
            f"{self.between_group:.2f}, close to what the treatment itself added."
        )


def _draws(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Baseline scores and noise for both groups: the same seed always gives the same people."""
    rng = np.random.default_rng(seed)
    pre_t, pre_c, noise_t, noise_c = rng.standard_normal((4, n))
    return pre_t, pre_c, noise_t, noise_c


def _post(pre: np.ndarray, noise: np.ndarray, shift: float) -> np.ndarray:
    r = PRE_POST_CORRELATION
    return r * pre + np.sqrt(1.0 - r * r) * noise + shift


def _pre_post_d(pre: np.ndarray, post: np.ndarray) -> float:
    """Mean change divided by the baseline SD: one common way to compute a within-group pre-post d."""
    return float(np.mean(post - pre) / np.std(pre, ddof=1))


def _between_d(treated: np.ndarray, control: np.ndarray) -> float:
    """Difference in means at the end, divided by the pooled SD (Cohen's d between two groups)."""
    pooled = np.sqrt((np.var(treated, ddof=1) + np.var(control, ddof=1)) / 2.0)
    return float((np.mean(treated) - np.mean(control)) / pooled)


def simulate(
    background: float, treatment_effect: float, *, n_per_group: int = DEFAULT_N, seed: int = DEFAULT_SEED
) -> WithinBetween:
    """Simulate one two-arm trial with the given background improvement and treatment effect (both in SD)."""
    if n_per_group < 2:
        raise ValueError(f"n_per_group must be at least 2, got {n_per_group}")
    if not (np.isfinite(background) and np.isfinite(treatment_effect)):
        raise ValueError("background and treatment_effect must be finite numbers")
    pre_t, pre_c, noise_t, noise_c = _draws(n_per_group, seed)
    post_t = _post(pre_t, noise_t, background + treatment_effect)
    post_c = _post(pre_c, noise_c, background)
    return WithinBetween(
        background=float(background),
        treatment_effect=float(treatment_effect),
        n_per_group=n_per_group,
        seed=seed,
        treated_means=(float(np.mean(pre_t)), float(np.mean(post_t))),
        control_means=(float(np.mean(pre_c)), float(np.mean(post_c))),
        pre_post_treated=_pre_post_d(pre_t, post_t),
        pre_post_control=_pre_post_d(pre_c, post_c),
        between_group=_between_d(post_t, post_c),
    )


def sweep_background(
    backgrounds, treatment_effect: float, *, n_per_group: int = DEFAULT_N, seed: int = DEFAULT_SEED
) -> tuple[WithinBetween, ...]:
    """The same trial (same people) at several background improvements: for the "what changes?" chart."""
    return tuple(simulate(b, treatment_effect, n_per_group=n_per_group, seed=seed) for b in backgrounds)
