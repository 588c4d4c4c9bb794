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
    y_pred = _validate.array(y_pred, pred_name, ndim=(1, 2))
    y = _validate.array(y, "y", ndim=(1, 2))
    if y.shape != y_pred.shape:
        raise ValueError(f"y and {pred_name} should have the same shape, got {y.shape} and "
                         f"{y_pred.shape}")
    if y.size == 0:
        raise ValueError("y is empty; a loss needs at least one example")
    return y, y_pred


def mse(y: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean squared error: the average of (y_pred − y)²."""
    y, y_pred = _pair(y, y_pred)
    return float(np.mean((y_pred - y) ** 2))


def mse_grad(y: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    """d(MSE)/d(y_pred) = 2 (y_pred − y) / n, same shape as y_pred."""
    y, y_pred = _pair(y, y_pred)
    return 2 * (y_pred - y) / y.size


def _probabilities(y: object, p: object) -> tuple[np.ndarray, np.ndarray]:
    y, p = _pair(y, p, "p")
    if np.any((p < 0) | (p > 1)):
        raise ValueError("p should hold probabilities between 0 and 1 (a sigmoid's output); "
                         f"got values from {p.min():.3g} to {p.max():.3g}")
    if np.any((y < 0) | (y > 1)):
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
    return float(np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))))


LOSSES = {"mse": (mse, mse_grad), "binary_cross_entropy": (binary_cross_entropy,
                                                          binary_cross_entropy_grad)}


def get(name: str):
    """The loss function called `name` ("mse" or "binary_cross_entropy")."""
    return LOSSES[_validate.choice(name, "loss", tuple(LOSSES))][0]


# --- Fitting a line (notebook 03) ----------------------------------------------------------


def line_mse(x: np.ndarray, y: np.ndarray, slope: float, intercept: float) -> float:
    """MSE of the line y = slope·x + intercept on the points (x, y)."""
    x = _validate.array(x, "x", ndim=1)
    y = _validate.array(y, "y", ndim=1)
    if x.shape != y.shape:
        raise ValueError(f"x and y should have the same length, got {x.size} and {y.size}")
    return mse(y, _validate.number(slope, "slope") * x + _validate.number(intercept, "intercept"))


def line_loss_surface(x: np.ndarray, y: np.ndarray, slopes: np.ndarray, intercepts: np.ndarray
                      ) -> np.ndarray:
    """MSE of every line on a grid: result[i, j] is the loss of slope slopes[j], intercept
    intercepts[i] (rows follow the intercept, so it draws with slope across, intercept up)."""
    x = _validate.array(x, "x", ndim=1)
    y = _validate.array(y, "y", ndim=1)
    slopes = _validate.array(slopes, "slopes", ndim=1)
    intercepts = _validate.array(intercepts, "intercepts", ndim=1)
    # residual for every (intercept, slope, point): c + m·x − y
    residuals = (intercepts[:, None, None] + slopes[None, :, None] * x[None, None, :]
                 - y[None, None, :])
    return np.mean(residuals**2, axis=2)


def line_loss_grad(x: np.ndarray, y: np.ndarray, slope: float, intercept: float
                   ) -> np.ndarray:
    """The gradient (dMSE/dslope, dMSE/dintercept) of the line's MSE. Notebook 04."""
    x = _validate.array(x, "x", ndim=1)
    y = _validate.array(y, "y", ndim=1)
    if x.shape != y.shape:
        raise ValueError(f"x and y should have the same length, got {x.size} and {y.size}")
    slope = _validate.number(slope, "slope")
    intercept = _validate.number(intercept, "intercept")
    residual = slope * x + intercept - y
    return np.array([2 * np.mean(residual * x), 2 * np.mean(residual)])


def least_squares_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The (slope, intercept) with the lowest MSE, from the closed-form least-squares formula:
    slope = cov(x, y) / var(x), intercept = mean(y) − slope·mean(x)."""
    x = _validate.array(x, "x", ndim=1)
    y = _validate.array(y, "y", ndim=1)
    if x.shape != y.shape or x.size < 2:
        raise ValueError("x and y should have the same length, at least 2")
    if np.ptp(x) == 0:
        raise ValueError("x should not be all the same value: no single best line exists")
    dx = x - x.mean()
    slope = float(np.sum(dx * (y - y.mean())) / np.sum(dx**2))
    return slope, float(y.mean() - slope * x.mean())
