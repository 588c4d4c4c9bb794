"""Loss functions: how wrong a prediction is, as one number. Notebook 03.

Each loss takes the targets ``y`` and the predictions (1-D, one per example) and returns the
mean over the examples; each ``*_grad`` returns the slope of that mean with respect to every
prediction, which is where backpropagation starts (notebook 04).
"""

from __future__ import annotations

import numpy as np

from . import _validate

# Predicted probabilities are kept this far from 0 and 1 so that log never sees 0.
_EPSILON = 1e-12
# Residuals line_loss_surface may compute at once (8 bytes each: 20 million = 160 MB).
_MAX_SURFACE_CELLS = 20_000_000


@_validate.arguments(y_pred=_validate.vector, y=(_validate.one_per, "y_pred"))
def mse(y: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean squared error: the average of (y_pred − y)²."""
    return float(np.mean((y_pred - y) ** 2))


@_validate.arguments(y_pred=_validate.vector, y=(_validate.one_per, "y_pred"))
def mse_grad(y: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    """d(MSE)/d(y_pred) = 2 (y_pred − y) / n, shaped like y_pred."""
    return 2 * (y_pred - y) / y.size


@_validate.arguments(p=_validate.probabilities, y=(_validate.targets_for, "p"))
def binary_cross_entropy(y: np.ndarray, p: np.ndarray) -> float:
    """Binary cross-entropy: the average of −[y·log p + (1 − y)·log(1 − p)].

    p: predicted probabilities of class 1, kept within [1e-12, 1 − 1e-12], so that a confident
    wrong answer costs about 27.6, never infinity.
    """
    p = np.clip(p, _EPSILON, 1 - _EPSILON)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


@_validate.arguments(p=_validate.probabilities, y=(_validate.targets_for, "p"))
def binary_cross_entropy_grad(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    """d(BCE)/dp = (p − y) / (p (1 − p)) / n, shaped like p."""
    p = np.clip(p, _EPSILON, 1 - _EPSILON)
    return (p - y) / (p * (1 - p)) / y.size


# --- Fitting a line (notebook 03) ----------------------------------------------------------


@_validate.arguments(x=_validate.vector, y=(_validate.one_per, "x"))
def line_mse(x: np.ndarray, y: np.ndarray, slope: float, intercept: float) -> float:
    """MSE of the line y = slope·x + intercept on the points (x, y)."""
    return float(np.mean((slope * x + intercept - y) ** 2))


@_validate.arguments(x=_validate.vector, y=(_validate.one_per, "x"), slopes=_validate.vector,
                     intercepts=_validate.vector)
def line_loss_surface(x: np.ndarray, y: np.ndarray, slopes: np.ndarray, intercepts: np.ndarray
                      ) -> np.ndarray:
    """MSE of every line on a grid: result[i, j] is the loss of slope slopes[j], intercept
    intercepts[i] (rows follow the intercept, so it draws with slope across, intercept up)."""
    _validate.count(intercepts.size * slopes.size * x.size, "the grid", maximum=_MAX_SURFACE_CELLS)
    # The residual for every (intercept, slope, point): c + m·x − y
    residuals = intercepts[:, None, None] + slopes[None, :, None] * x - y
    return np.mean(residuals**2, axis=2)


@_validate.arguments(x=_validate.vector, y=(_validate.one_per, "x"))
def line_loss_grad(x: np.ndarray, y: np.ndarray, slope: float, intercept: float
                   ) -> np.ndarray:
    """The gradient (dMSE/dslope, dMSE/dintercept) of the line's MSE. Notebook 04."""
    residual = slope * x + intercept - y
    return np.array([2 * np.mean(residual * x), 2 * np.mean(residual)])


@_validate.arguments(x=_validate.vector, y=(_validate.one_per, "x"))
def least_squares_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The (slope, intercept) with the lowest MSE, from the closed-form least-squares formula:
    slope = cov(x, y) / var(x), intercept = mean(y) − slope·mean(x)."""
    dx = x - x.mean()
    if not np.sum(dx**2) > 0:
        raise ValueError("x should hold two different values at least: no line is best")
    slope = float(np.sum(dx * (y - y.mean())) / np.sum(dx**2))
    return slope, float(y.mean() - slope * x.mean())
