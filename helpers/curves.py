"""Curves to walk down and to draw tangents on, each with its slope. Notebook 04.

Each checks its input (a real number or an array of them, finite) so a mistake gets a sentence;
the plain formula stays available as ``.unchecked``, which gradient descent uses so that a walk
that blows up is reported as diverged rather than raised.
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Callable

import numpy as np

from . import _validate


def _curve(formula: Callable) -> Callable:
    """The learner-facing version of a curve: w must be a real number or an array of them, and
    finite; an answer too large for a float is an error, not inf. The plain formula stays
    available as `.unchecked` (gradient descent uses it, and reports a blow-up as divergence)."""

    @functools.wraps(formula)
    def with_check(w):
        # Fast path for the usual inputs: a float array (400 points from a figure) or a float.
        if type(w) is np.ndarray and w.dtype.kind == "f":
            if not np.all(np.isfinite(w)):
                raise ValueError("w contains NaN or infinity; every value must be a finite "
                                 "number")
        elif isinstance(w, numbers.Real | bool | np.bool_):
            _validate.number(w, "w")  # a bool is refused here
        else:
            _validate.array(w, "w", ndim=None)
            w = np.asarray(w, dtype=float)
        try:
            with np.errstate(over="ignore", invalid="ignore"):
                result = formula(w)
        except OverflowError:  # Python floats raise instead of giving inf
            result = np.inf
        if not np.all(np.isfinite(result)):
            raise ValueError(f"w is too far from 0 for {formula.__name__}: the answer is too "
                             "large for a float (try w between -1e50 and 1e50)")
        return result

    with_check.unchecked = formula
    return with_check


@_curve
def parabola(w):
    """J(w) = w²: one valley, at w = 0."""
    return w**2


@_curve
def parabola_slope(w):
    """J'(w) = 2w."""
    return 2 * w


@_curve
def two_valleys(w):
    """J(w) = (w² − 1)² + 0.3·w + 0.5: a deep valley near w = −1, a shallow one near w = 1."""
    return (w**2 - 1) ** 2 + 0.3 * w + 0.5


@_curve
def two_valleys_slope(w):
    """J'(w) = 4w(w² − 1) + 0.3."""
    return 4 * w * (w**2 - 1) + 0.3


@_curve
def wavy(w):
    """f(x) = sin(x) + x²/10: a curve whose slope changes along the way, for tangent lines."""
    return np.sin(w) + w**2 / 10


@_curve
def wavy_slope(w):
    """f'(x) = cos(x) + x/5."""
    return np.cos(w) + w / 5
