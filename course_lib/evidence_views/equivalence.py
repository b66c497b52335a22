"""'Not significantly different' versus 'equivalent': the verdict a confidence interval supports against a margin.

Pure functions behind the equivalence widget in lesson 05. The difference is psychodynamic therapy minus the
comparison therapy, in standard-deviation units (d), so a positive value favours psychodynamic therapy and a negative
value favours the comparison. Two intervals do two jobs, as in the literature:

- the 95% interval answers "is there a difference?" (a two-sided test at the 5% level);
- the 90% interval answers "is any difference smaller than the margin?" (two one-sided tests at 5% each, the
  equivalence test steinert2017 used with a margin of g = ±0.25).

Standard error of d for two groups of n: sqrt(2/n + d²/(4n)) (the usual large-sample approximation).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = [
    "EQUIVALENT",
    "INFERIOR",
    "NOT_SHOWN",
    "SUPERIOR",
    "VERDICTS",
    "Interval",
    "Reading",
    "interval_for",
    "read_interval",
    "verdict",
]

Z_95 = 1.959964  # two-sided 95%
Z_90 = 1.644854  # two-sided 90% = two one-sided tests at 5%

SUPERIOR = "superior"
INFERIOR = "inferior"
EQUIVALENT = "equivalent"
NOT_SHOWN = "not significantly different, equivalence not shown"
VERDICTS = (SUPERIOR, NOT_SHOWN, EQUIVALENT, INFERIOR)


@dataclass(frozen=True)
class Interval:
    """A confidence interval for the difference (positive favours psychodynamic therapy)."""

    low: float
    high: float

    def __post_init__(self):
        if not (math.isfinite(self.low) and math.isfinite(self.high)) or self.low > self.high:
            raise ValueError(f"an interval needs finite ends with low <= high, got {self.low} to {self.high}")

    def excludes_zero(self) -> bool:
        """True when the whole interval lies on one side of zero (a statistically significant difference)."""
        return self.low > 0 or self.high < 0

    def inside(self, margin: float) -> bool:
        """True when the whole interval lies strictly between −margin and +margin."""
        return -margin < self.low and self.high < margin


def standard_error(d: float, n_per_group: int) -> float:
    """Approximate standard error of d for two groups of ``n_per_group`` people each."""
    if n_per_group < 2:
        raise ValueError(f"each group needs at least 2 people, got {n_per_group}")
    return math.sqrt(2 / n_per_group + d * d / (4 * n_per_group))


def interval_for(d: float, n_per_group: int, z: float = Z_95) -> Interval:
    """The interval d ± z·SE for a trial with ``n_per_group`` people in each arm."""
    half = z * standard_error(d, n_per_group)
    return Interval(round(d - half, 3), round(d + half, 3))


def verdict(ci95: Interval, ci90: Interval, margin: float) -> str:
    """One of VERDICTS. Equivalence first: a small difference can be both significant and inside the margin."""
    if margin <= 0:
        raise ValueError(f"the equivalence margin must be positive, got {margin}")
    if ci90.inside(margin):
        return EQUIVALENT
    if ci95.low > 0:
        return SUPERIOR
    if ci95.high < 0:
        return INFERIOR
    return NOT_SHOWN


@dataclass(frozen=True)
class Reading:
    """What a student sees: the two intervals, the verdict and a plain-words explanation."""

    d: float
    n_per_group: int
    margin: float
    ci95: Interval
    ci90: Interval
    verdict: str

    def explanation(self) -> str:
        """Why this verdict, in plain words, naming which therapy a negative value favours."""
        m = f"{self.margin:.2f}"
        if self.verdict == EQUIVALENT:
            text = (f"The whole 90% interval lies inside the margin of ±{m}, so any difference is smaller than "
                    "the margin: equivalence is shown.")
            if self.ci95.excludes_zero():
                side = "psychodynamic therapy" if self.ci95.low > 0 else "the comparison therapy"
                text += (f" The 95% interval also excludes zero: a statistically significant but small difference "
                         f"in favour of {side}, smaller than the margin. Both can be true at once.")
            return text
        if self.verdict == SUPERIOR:
            return ("The whole 95% interval lies above zero: psychodynamic therapy did better, and the difference "
                    "is statistically significant.")
        if self.verdict == INFERIOR:
            return ("The whole 95% interval lies below zero (negative values favour the comparison therapy): the "
                    "comparison therapy did better, and the difference is statistically significant.")
        return (f"The 95% interval includes zero, so no significant difference was found; but the 90% interval "
                f"reaches beyond the margin of ±{m}, so a difference as large as the margin cannot be ruled out. "
                "Not significantly different does not mean equivalent.")


def read_interval(d: float, n_per_group: int, margin: float = 0.25) -> Reading:
    """The reading for an observed difference ``d`` from a trial with ``n_per_group`` people in each arm."""
    ci95 = interval_for(d, n_per_group, Z_95)
    ci90 = interval_for(d, n_per_group, Z_90)
    return Reading(d, n_per_group, margin, ci95, ci90, verdict(ci95, ci90, margin))
