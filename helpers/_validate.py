"""Checks at the edge of every public helper, so a bad input gets a sentence, not a traceback.

Each function takes the value and the argument's name, and either returns a clean value
(a float numpy array, a float, an int) or raises ValueError/TypeError saying which argument
was wrong, what it got and what was expected. Internal code trusts what these return.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np

# Upper limits, so that a typo (steps=10**9) gets a sentence instead of a frozen notebook.
# Each is far beyond anything the course needs, and each runs in seconds at most.
MAX_STEPS = 100_000       # descent steps, training steps, range-test steps
MAX_POINTS = 100_000      # points in a data set
MAX_EPOCHS = 10_000       # passes of the perceptron rule over the data
MAX_RESOLUTION = 1_000    # grid points along one side of a picture
MAX_UNITS = 1_000         # neurons in one layer, inputs to one layer


def _describe(value: object) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def array(
    value: object, name: str, ndim: int | Sequence[int] | None, columns: int | None = None
) -> np.ndarray:
    """A finite float array with `ndim` dimensions (any if None; `columns` columns if given)."""
    if isinstance(value, str | bytes) or value is None:
        raise TypeError(f"{name} should be an array of numbers, got {_describe(value)}")
    try:
        raw = np.asarray(value)
        if raw.dtype.kind not in "biuf":  # not bool, int or float: complex, text, objects
            raise TypeError
        result = raw.astype(float)
    except (TypeError, ValueError, OverflowError):
        raise TypeError(f"{name} should be an array of real numbers, got {_describe(value)}"
                        ) from None
    allowed = (result.ndim,) if ndim is None else (ndim,) if isinstance(ndim, int) else tuple(ndim)
    if result.ndim not in allowed:
        expected = " or ".join(f"{d}-D" for d in allowed)
        raise ValueError(f"{name} should be {expected}, got shape {result.shape}")
    if columns is not None and (result.ndim != 2 or result.shape[1] != columns):
        raise ValueError(
            f"{name} should have shape (n, {columns}): one row per example and {columns} "
            f"columns, got shape {result.shape}"
        )
    if result.size and not np.all(np.isfinite(result)):
        raise ValueError(f"{name} contains NaN or infinity; every value must be a finite number")
    return result


def points(X: object, name: str = "X", columns: int | None = None) -> np.ndarray:
    """Inputs X: a 2-D array, one row per example."""
    result = array(X, name, ndim=2, columns=columns)
    if result.shape[0] == 0:
        raise ValueError(f"{name} has no rows; it needs at least one example")
    return result


def labels(y: object, n: int, name: str = "y", binary: bool = True) -> np.ndarray:
    """Targets y: a 1-D array of length n (0/1 values when `binary`)."""
    result = array(y, name, ndim=1)
    if result.shape[0] != n:
        raise ValueError(f"{name} should have one value per row of X ({n}), got {result.shape[0]}")
    if binary and not np.all((result == 0) | (result == 1)):
        raise ValueError(f"{name} should contain only 0 and 1, got values {np.unique(result)}")
    return result


def number(value: object, name: str) -> float:
    """A finite real number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} should be a number, got {_describe(value)}")
    try:
        result = float(value)
    except OverflowError:  # a Python int beyond the largest float, like 10**400
        raise ValueError(f"{name} should be a finite number, got one too large for a float"
                         ) from None
    if not np.isfinite(result):
        raise ValueError(f"{name} should be a finite number, got {result}")
    return result


def positive(value: object, name: str) -> float:
    """A finite number above zero (a learning rate, a step size, a curvature)."""
    result = number(value, name)
    if result <= 0:
        raise ValueError(f"{name} should be a positive number, got {result}")
    return result


def count(value: object, name: str, minimum: int = 1, maximum: int | None = None) -> int:
    """A whole number at least `minimum` and at most `maximum` (a step count, a number of
    points); the limits above are the usual maximums."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} should be a whole number, got {_describe(value)}")
    if value < minimum:
        raise ValueError(f"{name} should be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} should be at most {maximum:,}, got {value:,}: more would take "
                         "too long or run out of memory")
    return int(value)


def interval(value: object, name: str) -> tuple[float, float]:
    """A pair (low, high) of finite numbers with low < high (axis limits, a slider's range)."""
    if isinstance(value, str | bytes) or value is None or np.ndim(value) != 1 \
            or len(value) != 2:
        raise TypeError(f"{name} should be a pair of numbers (low, high), got {_describe(value)}")
    low, high = (number(v, name) for v in value)
    if not low < high:
        raise ValueError(f"{name} should have low < high, got ({low:g}, {high:g})")
    return low, high


def function(value: object, name: str) -> object:
    """Something that can be called (a loss, a slope)."""
    if not callable(value):
        raise TypeError(f"{name} should be a function, got {_describe(value)}")
    return value


def choice(value: object, name: str, options: Sequence[str]) -> str:
    """One of a few names (an activation, a data set)."""
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} should be one of {', '.join(options)}; got {_describe(value)}")
    return value
