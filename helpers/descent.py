"""Gradient descent: start anywhere, measure the gradient, step a little the other way,
repeat. Notebook 04 (and the learning-rate experiments of notebook 05).

    w ← w − lr · ∇J(w)          `update`, the one place the course writes this rule

Also here: the divergence rule (`diverged_at`), the result of a run (`Run`), slopes and
gradients by finite differences and the gradient check that compares them with exact ones,
and a few curves to walk down.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import _validate

Function = Callable[[np.ndarray], float]
Gradient = Callable[[np.ndarray], np.ndarray]

# The divergence rule (diverged_at): a run diverged when its loss ended more than this many
# times above where it started. A run that climbs and comes back down did not diverge.
DIVERGENCE_FACTOR = 10.0


def update(w, gradient, lr: float):
    """One gradient-descent update: w − lr · gradient, a new value of w's shape. Notebook 04."""
    return w - lr * gradient


def diverged_at(losses) -> int | None:
    """The divergence rule, the one place it is written (walks, training, the range test):
    a run diverged when its last loss is not a finite number, or is more than
    DIVERGENCE_FACTOR times its first loss. It diverged at the step from which the loss never
    came back down to where it started; None if it did not diverge. Notebooks 04 and 05."""
    values = np.asarray(losses, dtype=float)
    first, last = abs(values[0]), values[-1]
    if np.isfinite(last) and abs(last) <= DIVERGENCE_FACTOR * first:
        return None
    with np.errstate(invalid="ignore"):
        back_down = np.flatnonzero(np.isfinite(values) & (np.abs(values) <= first))
    return int(back_down[-1]) + 1 if back_down.size else 0


@dataclass(frozen=True)
class Run:
    """What a run of gradient descent went through: losses[k] after k steps, at learning rate
    lr; diverged_at is the step from which the run diverged (the rule `diverged_at`), or None.
    A run stops early only when its numbers overflow; `stopped_early` says so."""

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


def _number_from(value: object, name: str) -> float:
    """What a loss-like function returned, as a float: it must be one real number."""
    if type(value) is float or type(value) is np.float64:  # the usual answers, quickly
        return float(value)
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} should return a number, got {value!r}")
    if isinstance(value, numbers.Real):
        return _validate.number(value, f"the number {name} returned")
    raw = np.asarray(value) if isinstance(value, np.ndarray | list | tuple) else None
    if raw is None or raw.dtype.kind not in "iuf" or raw.size != 1:
        raise TypeError(f"{name} should return one number, got "
                        f"{_validate._describe(value)}")
    return float(raw.reshape(()))


def _finite_from(value: object, name: str, where: str) -> float:
    result = _number_from(value, name)
    if not np.isfinite(result):
        raise ValueError(f"{name} returned {result} {where}; it should return a finite number")
    return result


MAX_ENTRIES = 100_000  # entries of w that numerical_gradient nudges one by one


def numerical_slope(f: Callable[[float], float], x: float, h: float = 1e-5) -> float:
    """The slope of f at x by central differences: (f(x + h) − f(x − h)) / 2h."""
    f = _validate.function(f, "f")
    x = _validate.number(x, "x")
    h = _validate.positive(h, "h")
    up = _finite_from(f(x + h), "f", f"at x + h = {x + h:g}")
    down = _finite_from(f(x - h), "f", f"at x - h = {x - h:g}")
    with np.errstate(over="ignore", invalid="ignore"):
        slope = (up - down) / (2 * h)
    if not np.isfinite(slope):
        raise ValueError(f"the slope of f at x = {x:g} is too large for a float; try a larger h")
    return float(slope)


def numerical_gradient(f: Function, w: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """The gradient of f at w (a float array of any shape), one central difference per entry.

    Each entry of w is nudged in place and put back, so f may read w itself (a network's
    weight matrix) rather than its argument. An array must hold float64 numbers (an integer
    array cannot hold the nudges); a number or a list is copied to one, and f sees the copy.
    """
    f = _validate.function(f, "f")
    h = _validate.positive(h, "h")
    clean = _validate.array(w, "w", ndim=None)
    if isinstance(w, np.ndarray) and w.dtype != np.float64:
        raise TypeError(f"w should be an array of float64 numbers, got one of {w.dtype}: it is "
                        "nudged in place by h, which its entries cannot hold; pass "
                        "w.astype(float)")
    if not isinstance(w, np.ndarray):
        w = clean  # a number or a list: f sees this float copy
    if w.size > MAX_ENTRIES:
        raise ValueError(f"w should have at most {MAX_ENTRIES:,} entries, got {w.size:,}: "
                         "one pair of calls to f per entry would take too long")
    grad = np.zeros_like(w)
    with np.errstate(over="ignore", invalid="ignore"):
        for index in np.ndindex(w.shape):
            saved = w[index]
            try:
                w[index] = saved + h
                up = _finite_from(f(w), "f", f"at w{list(index)} + h")
                w[index] = saved - h
                down = _finite_from(f(w), "f", f"at w{list(index)} - h")
            finally:
                w[index] = saved
            grad[index] = (up - down) / (2 * h)
    if not np.all(np.isfinite(grad)):
        raise ValueError("the gradient of f at w is too large for a float; try a larger h")
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
    exact = _validate.array(exact, "exact", ndim=None)
    numerical = _validate.array(numerical, "numerical", ndim=None)
    if exact.shape != numerical.shape:
        raise ValueError(f"exact and numerical should have the same shape, got {exact.shape} "
                         f"and {numerical.shape}")
    with np.errstate(over="ignore", invalid="ignore"):
        scale = np.linalg.norm(exact) + np.linalg.norm(numerical)
        error = 0.0 if scale == 0 else float(np.linalg.norm(exact - numerical) / scale)
        if not np.isfinite(error):  # huge entries: the same ratio, measured in units of the largest
            size = max(np.abs(exact).max(), np.abs(numerical).max())
            a, b = exact / size, numerical / size
            error = float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))
    return GradientCheck(exact, numerical, error)


def _gradient_from(value: object, w: np.ndarray, name: str = "grad") -> np.ndarray:
    """What a gradient function returned: real numbers, shaped like the point w."""
    g = _validate.array(value, f"the gradient {name} returned", ndim=None)
    if g.shape != w.shape:
        raise ValueError(f"{name} should return a gradient shaped like the point w {w.shape}, "
                         f"got shape {g.shape}")
    return g


def gradient_check(f: Function, grad: Gradient, w: np.ndarray) -> GradientCheck:
    """Compare grad(w) with the finite-difference gradient of f at w (numerical_gradient: a
    float array w is nudged in place and put back, so f may read it rather than its argument)."""
    f = _validate.function(f, "f")
    grad = _validate.function(grad, "grad")
    clean = _validate.array(w, "w", ndim=(0, 1, 2))
    exact = _gradient_from(grad(clean.copy()), clean)
    point = w if isinstance(w, np.ndarray) and w.dtype == np.float64 else clean
    return compare_gradients(exact, numerical_gradient(f, point))


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


def gradient_descent(loss: Function, grad: Gradient, start, lr: float, steps: int,
                     momentum: float = 0.0, decay: float = 0.0) -> DescentResult:
    """Walk downhill from `start` for `steps` updates of size lr · gradient, keeping every point.

    loss, grad: functions of the point w (a number or an array like `start`).
    lr: the learning rate η > 0. momentum (0 ≤ β < 1) and decay (≥ 0) are for notebook 05:
    with momentum the update follows a velocity v ← β·v + ∇J(w) that keeps a fraction β of the
    previous one; with decay the learning rate of step k (1, 2, …) is lr / (1 + decay·(k − 1)),
    so the first step uses lr itself. Both default to plain gradient descent. Whether the walk
    diverged is the rule `diverged_at`; the walk stops early only if its numbers overflow.
    """
    loss = _validate.function(loss, "loss")
    grad = _validate.function(grad, "grad")
    w = _validate.array(start, "start", ndim=(0, 1, 2)).copy()
    lr = _validate.positive(lr, "lr")
    steps = _validate.count(steps, "steps", maximum=_validate.MAX_STEPS)
    momentum = _validate.number(momentum, "momentum")
    if not 0 <= momentum < 1:
        raise ValueError(f"momentum should be at least 0 and below 1, got {momentum}")
    decay = _validate.number(decay, "decay")
    if decay < 0:
        raise ValueError(f"decay should be 0 or more, got {decay}")
    # The course's curves check their input; here the walk itself is checked, and a blow-up is
    # reported as divergence rather than raised, so the plain formulas are used.
    loss = getattr(loss, "unchecked", loss)
    grad = getattr(grad, "unchecked", grad)
    with np.errstate(over="ignore", invalid="ignore"):
        first = _number_from(loss(w), "loss")
        gradient = _gradient_from(grad(w), w)
    if not np.isfinite(first):
        raise ValueError(f"the loss at start is {first}, not a finite number; choose a start "
                         "closer to the valley")
    path, values = [w.copy()], [first]
    velocity = np.zeros_like(w)
    stopped_early = False
    # Overflow ends the walk below (there is nothing left to step on), so numpy need not warn.
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, steps + 1):
            if k > 1:
                gradient = grad(w)  # 2. the gradient here (checked on the first step)
            velocity = momentum * velocity + gradient
            if velocity.shape != w.shape:
                raise ValueError(f"grad should return a gradient shaped like the point w "
                                 f"{w.shape}, got shape {np.shape(gradient)} at step {k}")
            w = update(w, velocity, lr / (1 + decay * (k - 1)))  # 3. a step against it
            value = _number_from(loss(w), "loss")
            if not (np.isfinite(value) and np.all(np.isfinite(w))):
                stopped_early = True
                break
            path.append(w.copy())
            values.append(value)
    where = diverged_at([*values, np.inf] if stopped_early else values)
    return DescentResult(losses=np.array(values), lr=lr, diverged_at=where,
                         stopped_early=stopped_early, path=np.array(path))
