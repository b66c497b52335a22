"""Effect-size arithmetic: turn a standardised mean difference d into numbers a reader can picture.

Every function takes a scalar or an array-like of numbers and returns a float for a scalar, an ndarray for an
array. Φ is the standard normal CDF (the standard library's ``statistics.NormalDist``). Sources: cohen1988 (U3,
benchmarks), mcgraw1992 (probability of superiority), kraemer2006 (NNT from d), furukawa2011 (NNT from d and a
control event rate).
All of them assume two normal distributions with equal spread: they translate d, they do not validate it.
"""

from __future__ import annotations

import math
import numbers
from statistics import NormalDist

import numpy as np

# Φ and Φ⁻¹ element-wise. The standard library's normal distribution rather than scipy's: importing scipy.special
# adds about 0.3 s to every lesson's start, and these arrays are short (a few hundred values at most).
_phi = np.vectorize(NormalDist().cdf, otypes=[float])
_phi_inverse = np.vectorize(NormalDist().inv_cdf, otypes=[float])

__all__ = ["cohen_label", "interpret", "nnt", "overlap", "prob_superiority", "u3"]

# Cohen's conventional cut-offs on |d| (cohen1988): below 0.2 is negligible.
_BENCHMARKS = ((0.8, "large"), (0.5, "medium"), (0.2, "small"))


def _checked(value, name: str = "d") -> np.ndarray:
    """Return ``value`` as a float array, refusing booleans, text, NaN and infinities with a clear message."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_):
        array = np.asarray(float(value))
    else:
        array = np.asarray(value)
        # Kind 'b' (bool), 'U'/'S' (text) and 'O' (mixed objects) are not numbers, even if numpy could coerce them.
        if array.dtype.kind not in "iuf":
            raise ValueError(f"{name} must be a number or an array of numbers, not {value!r}")
        array = array.astype(float)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite (no NaN or infinity), got {value!r}")
    return array


def _shaped(result: np.ndarray, like: np.ndarray):
    """A float for scalar input, an ndarray otherwise."""
    return float(result) if like.ndim == 0 else np.asarray(result, dtype=float)


def u3(d):
    """Cohen's U3 = Φ(d): the share of the treated group scoring above the control group's mean."""
    d_arr = _checked(d)
    return _shaped(_phi(d_arr), d_arr)


def overlap(d):
    """Overlap of the two distributions = 2Φ(−|d|/2): 1 when d = 0, shrinking towards 0 as |d| grows."""
    d_arr = _checked(d)
    return _shaped(2.0 * _phi(-np.abs(d_arr) / 2.0), d_arr)


def prob_superiority(d):
    """Probability of superiority = Φ(d/√2): the chance a random treated person does better than a random control."""
    d_arr = _checked(d)
    return _shaped(_phi(d_arr / math.sqrt(2.0)), d_arr)


def _reciprocal(denominator: np.ndarray, d_arr: np.ndarray) -> np.ndarray:
    """1 / denominator, with exactly ``inf`` where d is 0 (no effect: no number of patients is enough)."""
    with np.errstate(divide="ignore"):
        result = 1.0 / denominator
    return np.where(d_arr == 0.0, math.inf, result)


def nnt(d, cer=None):
    """Number needed to treat for one extra good outcome.

    With ``cer=None`` this is Kraemer & Kupfer's 1 / (2Φ(d/√2) − 1) (kraemer2006). Given a control event rate
    ``cer`` in the open interval (0, 1) it is Furukawa & Leucht's 1 / (Φ(d + Φ⁻¹(cer)) − cer) (furukawa2011),
    which depends on how common the good outcome already is without treatment.

    d = 0 gives ``math.inf``. A negative d gives a negative result: read its size as a number needed to harm
    (how many people treated for one extra bad outcome).
    """
    d_arr = _checked(d)
    if cer is None:
        denominator = 2.0 * _phi(d_arr / math.sqrt(2.0)) - 1.0
    else:
        cer_arr = _checked(cer, "cer")
        if np.any((cer_arr <= 0.0) | (cer_arr >= 1.0)):
            raise ValueError(f"cer (control event rate) must lie strictly between 0 and 1, got {cer!r}")
        denominator = _phi(d_arr + _phi_inverse(cer_arr)) - cer_arr
        d_arr = np.broadcast_to(d_arr, denominator.shape)
    return _shaped(_reciprocal(denominator, d_arr), d_arr)


def cohen_label(d) -> str:
    """Cohen's conventional size label for |d|: "negligible", "small", "medium" or "large"."""
    size = abs(float(_checked(d)))
    return next((label for cut, label in _BENCHMARKS if size >= cut), "negligible")


def interpret(d) -> str:
    """One sentence naming Cohen's label for d (direction noted if negative), with the caveat that goes with it."""
    value = float(_checked(d))
    label = cohen_label(value)
    direction = " in the unfavourable direction (the comparison did better)" if value < 0 else ""
    return (
        f"d = {value:.2f} is {label}{direction} by Cohen's benchmarks (0.2 small, 0.5 medium, 0.8 large; cohen1988). "
        "These benchmarks are conventions, not laws: what an effect means depends on the outcome, "
        "the comparison and the study design."
    )
