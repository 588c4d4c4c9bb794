"""Loss functions: how wrong a prediction is, as one number. Notebook 03.

Each loss takes the targets ``y`` and the predictions (same shape) and returns the mean over the
examples; each ``*_grad`` returns the slope of that mean with respect to every prediction, which
is where backpropagation starts (notebook 04).
"""

from __future__ import annotations

import numpy as np

from . import _validate

# Predicted probabilities are kept this far from 0 and 1 so that log never sees 0.
EPSILON = 1e-12


def _pair(y: object, y_pred: object, pred_name: str = "y_pred") -> tuple[np.ndarray, np.ndarray]:
    if type(y) is np.ndarray and type(y_pred) is np.ndarray and y.dtype == y_pred.dtype \
            == np.float64 and y.shape == y_pred.shape and 0 < y.ndim < 3 and y.size \
            and np.isfinite(y_pred).all() and np.isfinite(y).all():
        return y, y_pred  # the usual call, from a training loop: already clean
    y_pred = _validate.array(y_pred, pred_name, ndim=(1, 2))
    y = _validate.array(y, "y", ndim=(1, 2))
    if y.shape != y_pred.shape:
        raise ValueError(f"y and {pred_name} should have the same shape, got {y.shape} and "
                         f"{y_pred.shape}")
    if y.size == 0:
        raise ValueError("y is empty; a loss needs at least one example")
    return y, y_pred


def _finite(value, names: str):
    """value, computed under np.errstate: a float overflow becomes a sentence, not inf."""
    if not np.all(np.isfinite(value)):
        raise ValueError(f"{names} are too large: the result does not fit in a float; use "
                         "smaller values")
    return value


def mse(y: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean squared error: the average of (y_pred − y)²."""
    y, y_pred = _pair(y, y_pred)
    with np.errstate(over="ignore", invalid="ignore"):
        return float(_finite(np.mean((y_pred - y) ** 2), "y and y_pred"))


def mse_grad(y: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    """d(MSE)/d(y_pred) = 2 (y_pred − y) / n, same shape as y_pred."""
    y, y_pred = _pair(y, y_pred)
    with np.errstate(over="ignore", invalid="ignore"):
        return _finite(2 * (y_pred - y) / y.size, "y and y_pred")


def _probabilities(y: object, p: object) -> tuple[np.ndarray, np.ndarray]:
    y, p = _pair(y, p, "p")
    if p.min() < 0 or p.max() > 1:
        raise ValueError("p should hold probabilities between 0 and 1 (a sigmoid's output); "
                         f"got values from {p.min():.3g} to {p.max():.3g}")
    if y.min() < 0 or y.max() > 1:
        raise ValueError("y should hold targets between 0 and 1")
    return y, np.clip(p, EPSILON, 1 - EPSILON)


def binary_cross_entropy(y: np.ndarray, p: np.ndarray) -> float:
    """Binary cross-entropy: the average of −[y·log p + (1 − y)·log(1 − p)].

    p: predicted probabilities of class 1 (kept within [1e-12, 1 − 1e-12], so a confident
    wrong answer costs about 27.6, never infinity).
    """
    y, p = _probabilities(y, p)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def binary_cross_entropy_grad(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    """d(BCE)/dp = (p − y) / (p (1 − p)) / n, same shape as p."""
    y, p = _probabilities(y, p)
    return (p - y) / (p * (1 - p)) / y.size


def binary_cross_entropy_from_logits(y: np.ndarray, z: np.ndarray) -> float:
    """Binary cross-entropy of p = sigmoid(z), computed from z without overflow for any size.

    Uses  −[y log σ(z) + (1 − y) log(1 − σ(z))] = max(z, 0) − z·y + log(1 + e^(−|z|)).
    """
    y, z = _pair(y, z, "z")
    if y.min() < 0 or y.max() > 1:
        raise ValueError("y should hold targets between 0 and 1")
    with np.errstate(over="ignore", invalid="ignore"):
        return float(_finite(np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))),
                             "z"))


LOSSES = {"mse": (mse, mse_grad), "binary_cross_entropy": (binary_cross_entropy,
                                                          binary_cross_entropy_grad)}


def get(name: str):
    """The loss function called `name` ("mse" or "binary_cross_entropy")."""
    return LOSSES[_validate.choice(name, "loss", tuple(LOSSES))][0]


# --- Fitting a line (notebook 03) ----------------------------------------------------------


# Residuals line_loss_surface may compute at once (8 bytes each: 20 million = 160 MB).
MAX_SURFACE_CELLS = 20_000_000


def _points(x: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    x = _validate.array(x, "x", ndim=1)
    y = _validate.array(y, "y", ndim=1)
    if x.shape != y.shape:
        raise ValueError(f"x and y should have the same length, got {x.size} and {y.size}")
    if x.size == 0:
        raise ValueError("x and y are empty; they need at least one point")
    return x, y


def line_mse(x: np.ndarray, y: np.ndarray, slope: float, intercept: float) -> float:
    """MSE of the line y = slope·x + intercept on the points (x, y)."""
    x, y = _points(x, y)
    slope = _validate.number(slope, "slope")
    intercept = _validate.number(intercept, "intercept")
    with np.errstate(over="ignore", invalid="ignore"):
        predictions = _finite(slope * x + intercept, "slope, intercept and x")
    return mse(y, predictions)


def line_loss_surface(x: np.ndarray, y: np.ndarray, slopes: np.ndarray, intercepts: np.ndarray
                      ) -> np.ndarray:
    """MSE of every line on a grid: result[i, j] is the loss of slope slopes[j], intercept
    intercepts[i] (rows follow the intercept, so it draws with slope across, intercept up)."""
    x, y = _points(x, y)
    slopes = _validate.array(slopes, "slopes", ndim=1)
    intercepts = _validate.array(intercepts, "intercepts", ndim=1)
    for name, values in (("slopes", slopes), ("intercepts", intercepts)):
        if not 1 <= values.size <= _validate.MAX_RESOLUTION:
            raise ValueError(f"{name} should hold between 1 and {_validate.MAX_RESOLUTION:,} "
                             f"values, got {values.size:,}")
    cells = slopes.size * intercepts.size * x.size
    if cells > MAX_SURFACE_CELLS:
        raise ValueError(f"{intercepts.size:,} intercepts × {slopes.size:,} slopes × {x.size:,} "
                         f"points is too many residuals ({cells:,}; at most "
                         f"{MAX_SURFACE_CELLS:,}): use a coarser grid or fewer points")
    # residual for every (intercept, slope, point): c + m·x − y
    with np.errstate(over="ignore", invalid="ignore"):
        residuals = (intercepts[:, None, None] + slopes[None, :, None] * x[None, None, :]
                     - y[None, None, :])
        return _finite(np.mean(residuals**2, axis=2), "slopes, intercepts, x and y")


def line_loss_grad(x: np.ndarray, y: np.ndarray, slope: float, intercept: float
                   ) -> np.ndarray:
    """The gradient (dMSE/dslope, dMSE/dintercept) of the line's MSE. Notebook 04."""
    x, y = _points(x, y)
    slope = _validate.number(slope, "slope")
    intercept = _validate.number(intercept, "intercept")
    with np.errstate(over="ignore", invalid="ignore"):
        residual = slope * x + intercept - y
        return _finite(np.array([2 * np.mean(residual * x), 2 * np.mean(residual)]),
                       "slope, intercept, x and y")


def least_squares_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The (slope, intercept) with the lowest MSE, from the closed-form least-squares formula:
    slope = cov(x, y) / var(x), intercept = mean(y) − slope·mean(x)."""
    x, y = _points(x, y)
    if x.size < 2:
        raise ValueError(f"x and y should hold at least 2 points, got {x.size}")
    if np.all(x == x[0]):
        raise ValueError("x should not be all the same value: no single best line exists")
    with np.errstate(over="ignore", invalid="ignore"):
        dx = x - x.mean()
        slope = float(np.sum(dx * (y - y.mean())) / np.sum(dx**2))
        intercept = float(y.mean() - slope * x.mean())
    _finite((slope, intercept), "x and y")
    return slope, intercept
