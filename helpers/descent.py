"""Gradient descent: start anywhere, measure the gradient, step a little the other way,
repeat. Notebook 04 (and the learning-rate experiments of notebook 05).

    w ← w − lr · ∇J(w)          `update`, the one place the course writes this rule

Also here: the divergence rule (`diverged_at`), the result of a run (`Run`), slopes and
gradients by finite differences, and the gradient check that compares them with exact ones.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass

import numpy as np

from . import _validate

_Function = Callable[[np.ndarray], float]
_Gradient = Callable[[np.ndarray], np.ndarray]

# The divergence rule (diverged_at): a run diverged when its loss ended more than this many
# times above where it started. A run that climbs and comes back down did not diverge.
DIVERGENCE_FACTOR = 10.0


@_validate.arguments(w=_validate.numbers, grad=(_validate.like, "w"))
def update(w, grad, lr: float):
    """One gradient-descent update: w − lr · grad. Notebook 04.

    w: a number or an array; grad: the gradient at w, shaped like w; lr: the learning rate η > 0.
    Returns the new w (a new number or array; w itself is not changed).
    """
    return w - lr * grad


@_validate.arguments(losses=_validate.losses)
def diverged_at(losses) -> int | None:
    """The divergence rule, the one place it is written (walks, training, the range test):
    a run diverged when its last loss is not a finite number, or is more than
    DIVERGENCE_FACTOR times its first loss. It diverged at the step from which the loss never
    came back down to where it started; None if it did not diverge. Notebooks 04 and 05.

    losses: the loss before the first step and after each one (any numbers, inf and NaN too).
    """
    # In Python floats, a product beyond the largest float is inf, without a warning.
    first, last = abs(float(losses[0])), float(losses[-1])
    if np.isfinite(last) and abs(last) <= DIVERGENCE_FACTOR * first:
        return None
    back_down = np.flatnonzero(np.isfinite(losses) & (np.abs(losses) <= first))
    return int(back_down[-1]) + 1 if back_down.size else 0


@dataclass(frozen=True)
class Run:
    """What a run of gradient descent went through: losses[k] after k steps, at learning rate
    lr; diverged_at is the step from which the run diverged (the rule `diverged_at`), or None.
    A run ends early only when its numbers overflow (grow past 1e50, or beyond a float);
    `stopped_early` says so."""

    losses: np.ndarray
    lr: float
    diverged_at: int | None
    stopped_early: bool = False

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None

    @property
    def steps(self) -> int:
        """How many steps were taken (the losses hold one more: the start)."""
        return len(self.losses) - 1

    def _diverged_words(self) -> str:
        """What the divergence rule saw, in words."""
        words = (f"diverged at step {self.diverged_at}: the loss rose above its start and never "
                 "came back down")
        if self.stopped_early:
            return words + f"; at step {self.steps + 1} the numbers overflowed and the run stopped"
        return (words + f", ending at {self.losses[-1]:.4g}, more than {DIVERGENCE_FACTOR:g}× its "
                f"start of {self.losses[0]:.4g}")


# --- Derivatives by finite differences, and the gradient check ------------------------------

@_validate.arguments(x=_validate.bounded_number)
def numerical_slope(f: Callable[[float], float], x: float, h: float = 1e-5) -> float:
    """The slope of f at x by central differences: (f(x + h) − f(x − h)) / 2h. Notebook 04.

    f: a function of one number that returns one number; h > 0: how far to each side of x.
    """
    up = _validate.number(f(x + h), "f(x + h)", bounded=True)
    down = _validate.number(f(x - h), "f(x - h)", bounded=True)
    return (up - down) / (2 * h)


@_validate.arguments(w=_validate.nudgeable)
def numerical_gradient(f: _Function, w: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """The gradient of f at w (any shape), one central difference per entry. Notebook 04.

    Each entry of w is nudged by ±h in place and put back, so f may read w itself (a network's
    weight matrix) rather than its argument. An array must hold float64 numbers (an integer
    array cannot hold the nudges); a number or a list is copied to one, and f sees the copy.
    Returns an array shaped like w.
    """
    grad = np.zeros_like(w)
    for index in np.ndindex(w.shape):
        saved = w[index]
        w[index] = saved + h
        up = f(w)
        w[index] = saved - h
        down = f(w)
        w[index] = saved
        up, down = (_validate.number(value, "f(w)", bounded=True) for value in (up, down))
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


@_validate.arguments(exact=_validate.numbers, numerical=(_validate.like, "exact"))
def compare_gradients(exact: np.ndarray, numerical: np.ndarray) -> GradientCheck:
    """Two gradients of the same shape, compared as a GradientCheck. Notebook 04."""
    scale = np.linalg.norm(exact) + np.linalg.norm(numerical)
    error = 0.0 if scale == 0 else float(np.linalg.norm(exact - numerical) / scale)
    return GradientCheck(exact, numerical, error)


@_validate.arguments(grad=_validate.function, w=_validate.nudgeable)
def gradient_check(f: _Function, grad: _Gradient, w: np.ndarray) -> GradientCheck:
    """Compare grad(w) with the finite-difference gradient of f at w (numerical_gradient: a
    float array w is nudged in place and put back, so f may read it rather than its argument).
    Notebook 04."""
    exact = _validate.like(grad(w.copy()), "grad(w)", w)
    return compare_gradients(exact, numerical_gradient(f, w))


# --- Gradient descent -----------------------------------------------------------------------


@dataclass(frozen=True)
class DescentResult(Run):
    """The whole walk (a Run): path[k] is the point after k steps, losses[k] the loss there."""

    path: np.ndarray = None

    @property
    def final(self) -> np.ndarray:
        return self.path[-1]

    @property
    def message(self) -> str:
        if self.diverged:
            return self._diverged_words()
        return f"{self.steps} steps: loss {self.losses[0]:.4g} → {self.losses[-1]:.4g}"


@_validate.arguments(grad=_validate.function)
def gradient_descent(loss: _Function, grad: _Gradient, start, lr: float, steps: int,
                     momentum: float = 0.0, decay: float = 0.0) -> DescentResult:
    """Walk downhill from `start` for `steps` updates of size lr · gradient, keeping every point.

    loss, grad: functions of the point w (a number or an array like `start`).
    lr: the learning rate η > 0. momentum (0 ≤ β < 1) and decay (≥ 0) are for notebook 05:
    with momentum the update follows a velocity v ← β·v + ∇J(w) that keeps a fraction β of the
    previous one; with decay the learning rate of step k (1, 2, …) is lr / (1 + decay·(k − 1)),
    so the first step uses lr itself. Both default to plain gradient descent. Whether the walk
    diverged is the rule `diverged_at`; the walk ends early only if its numbers overflow.
    """
    w, velocity = start, np.zeros_like(start)  # 1. start anywhere
    path, losses = [w], [_validate.number(loss(w), "loss(start)", bounded=True)]
    # An overflow (numpy's, or a number the helpers refuse as too large) ends the walk.
    with np.errstate(over="raise", divide="raise", invalid="raise"), suppress(FloatingPointError):
        for k in range(1, steps + 1):                            # 4. repeat
            grad_w = _validate.like(grad(w), "grad(w)", w)       # 2. the gradient here
            velocity = momentum * velocity + grad_w
            w = update(w, velocity, lr / (1 + decay * (k - 1)))  # 3. a step against it
            losses.append(_validate.number(loss(w), "loss(w)", bounded=True))
            path.append(w)
    stopped_early = len(losses) <= steps
    where = diverged_at([*losses, np.inf] if stopped_early else losses)
    return DescentResult(np.array(losses), lr, where, stopped_early, path=np.array(path))
