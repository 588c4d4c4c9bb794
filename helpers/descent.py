"""Gradient descent: start anywhere, measure the slope, step a little the other way, repeat.
Notebook 04 (and the learning-rate experiments of notebook 05).

    w ← w − lr · grad(w)

Also here: derivatives by finite differences and the gradient check that compares them with
exact ones, and a few curves to walk down.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import _validate

Function = Callable[[np.ndarray], float]
Gradient = Callable[[np.ndarray], np.ndarray]

# A loss this many times its starting value (or not a number at all) counts as diverged.
BLOW_UP = 1e6


# --- Curves to walk down (notebook 04) ----------------------------------------------------


def parabola(w):
    """J(w) = w²: one valley, at w = 0."""
    return w**2


def parabola_slope(w):
    """J'(w) = 2w."""
    return 2 * w


def two_valleys(w):
    """J(w) = (w² − 1)² + 0.3·w + 0.5: a deep valley near w = −1, a shallow one near w = 1."""
    return (w**2 - 1) ** 2 + 0.3 * w + 0.5


def two_valleys_slope(w):
    """J'(w) = 4w(w² − 1) + 0.3."""
    return 4 * w * (w**2 - 1) + 0.3


def wavy(w):
    """f(x) = sin(x) + x²/10: a curve whose slope changes along the way, for tangent lines."""
    return np.sin(w) + w**2 / 10


def wavy_slope(w):
    """f'(x) = cos(x) + x/5."""
    return np.cos(w) + w / 5


# --- Derivatives by finite differences, and the gradient check ------------------------------


def numerical_derivative(f: Callable[[float], float], x: float, h: float = 1e-5) -> float:
    """The slope of f at x by central differences: (f(x + h) − f(x − h)) / 2h."""
    x = _validate.number(x, "x")
    h = _validate.positive(h, "h")
    return float((f(x + h) - f(x - h)) / (2 * h))


def numerical_gradient(f: Function, w: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """The gradient of f at w (a float array of any shape), one central difference per entry.

    Each entry of w is nudged in place and put back, so f may read w itself (a network's
    weight matrix) rather than its argument.
    """
    grad = np.zeros_like(w)
    for index in np.ndindex(w.shape):
        saved = w[index]
        w[index] = saved + h
        up = f(w)
        w[index] = saved - h
        down = f(w)
        w[index] = saved
        grad[index] = (up - down) / (2 * h)
    return grad


@dataclass(frozen=True)
class GradientCheck:
    """How far an exact gradient is from the finite-difference one.

    relative_error = ‖exact − numerical‖ / (‖exact‖ + ‖numerical‖): about 1e-10 when the
    derivative is right, 1e-2 or more when it is wrong.
    """

    exact: np.ndarray
    numerical: np.ndarray
    relative_error: float
    tolerance: float = 1e-6

    @property
    def passed(self) -> bool:
        return self.relative_error < self.tolerance

    @property
    def message(self) -> str:
        verdict = ("✓ the derivatives agree" if self.passed
                   else "✗ they disagree: the exact derivative has a mistake")
        return f"relative error {self.relative_error:.1e}: {verdict}"

    def __str__(self) -> str:
        return self.message


def compare_gradients(exact: np.ndarray, numerical: np.ndarray) -> GradientCheck:
    """Package two gradients of the same shape as a GradientCheck."""
    exact = np.asarray(exact, dtype=float)
    numerical = np.asarray(numerical, dtype=float)
    scale = np.linalg.norm(exact) + np.linalg.norm(numerical)
    error = 0.0 if scale == 0 else float(np.linalg.norm(exact - numerical) / scale)
    return GradientCheck(exact, numerical, error)


def gradient_check(f: Function, grad: Gradient, w: np.ndarray) -> GradientCheck:
    """Compare grad(w) with the finite-difference gradient of f at w."""
    w = _validate.array(w, "w", ndim=(0, 1, 2))
    return compare_gradients(grad(w.copy()), numerical_gradient(f, w.copy()))


# --- Gradient descent -----------------------------------------------------------------------


@dataclass(frozen=True)
class DescentResult:
    """The whole walk: path[k] is the point after k steps, losses[k] the loss there.

    If the loss blew up, the walk stopped there: diverged_at is that step (else None).
    """

    path: np.ndarray
    losses: np.ndarray
    lr: float
    diverged_at: int | None

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None

    @property
    def steps(self) -> int:
        return len(self.losses) - 1

    @property
    def final(self) -> np.ndarray:
        return self.path[-1]

    @property
    def message(self) -> str:
        if self.diverged:
            return (f"diverged at step {self.diverged_at}: the loss blew up, so the walk "
                    "stopped (try a smaller learning rate)")
        return f"{self.steps} steps: loss {self.losses[0]:.4g} → {self.losses[-1]:.4g}"


def gradient_descent(loss: Function, grad: Gradient, start, lr: float, steps: int,
                     momentum: float = 0.0, decay: float = 0.0) -> DescentResult:
    """Walk downhill from `start` for `steps` steps of size lr · slope, keeping every point.

    loss, grad: functions of the point w (a number or an array like `start`).
    lr: the learning rate η > 0. momentum (0 ≤ β < 1) and decay (≥ 0) are for notebook 05:
    with momentum the step keeps a fraction β of the previous step; with decay the learning
    rate at step k is lr / (1 + decay·k). Both default to plain gradient descent.
    """
    w = _validate.array(start, "start", ndim=(0, 1, 2)).copy()
    lr = _validate.positive(lr, "lr")
    steps = _validate.count(steps, "steps")
    momentum = _validate.number(momentum, "momentum")
    if not 0 <= momentum < 1:
        raise ValueError(f"momentum should be at least 0 and below 1, got {momentum}")
    decay = _validate.number(decay, "decay")
    if decay < 0:
        raise ValueError(f"decay should be 0 or more, got {decay}")
    first = float(loss(w))
    path, values = [w.copy()], [first]
    limit = BLOW_UP * max(abs(first), 1.0)
    velocity = np.zeros_like(w)
    diverged_at = None
    # Overflow is caught below as a blown-up loss, so numpy need not warn about it.
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, steps + 1):
            step_lr = lr / (1 + decay * step)
            velocity = momentum * velocity - step_lr * grad(w)  # 2. slope, 3. step against it
            w = w + velocity
            value = float(loss(w))
            if not np.isfinite(value) or abs(value) > limit or not np.all(np.isfinite(w)):
                diverged_at = step
                break
            path.append(w.copy())
            values.append(value)
    return DescentResult(np.array(path), np.array(values), lr, diverged_at)
