"""The learning rate η: what it does, where it breaks, how to choose it. Notebook 05.

On the quadratic J(w) = ½·L·w² (L is the curvature), one step of gradient descent multiplies w by
(1 − η·L). So the walk converges exactly when |1 − η·L| < 1, that is 0 < η < 2/L, and lands on
the minimum in one step at η = 1/L. This module measures that threshold by experiment, names the
regime a walk is in, and turns "start small and raise it" into a procedure: the range test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import _validate, descent, training
from .network import Network

# Bisection halves the (log) interval each time: 100 iterations is far past float precision.
MAX_ITERATIONS = 100

# The regimes of the learning rate, named from the one number the notebook's table uses: the
# factor 1 − ηL by which every step multiplies the distance to the bottom (see `regime`).
REGIMES = ("slow", "fast", "one step", "oscillating", "on the edge", "diverging")
# ηL at or below this is "slow": each step closes at most 5 % of the distance to the bottom.
SLOW_BELOW = 0.05
# What each regime looks like, in words shown beside its name.
REGIME_WORDS = {
    "slow": "each step closes at most 5 % of the distance to the bottom",
    "fast": "straight towards the bottom, from one side",
    "one step": "lands on the bottom in one step",
    "oscillating": "jumps across the bottom each step, and the jumps shrink",
    "on the edge": "jumps between w and −w forever",
    "diverging": "jumps across the bottom each step, and the jumps grow",
}


# --- Quadratic losses -----------------------------------------------------------------------


@dataclass(frozen=True)
class Quadratic:
    """J(w) = ½·Σ Lᵢ·(wᵢ − cᵢ)², a bowl with curvature Lᵢ along each direction, lowest at the
    centre c (0 unless said). One curvature is the parabola ½·L·w²; two are an elongated bowl.
    It unpacks as (loss, grad): `loss, grad = quadratic(1.0)`.
    """

    curvatures: np.ndarray
    centre: np.ndarray

    def loss(self, w) -> float:
        """J at one point w (a number for one curvature, else an array of that many)."""
        return 0.5 * float(np.sum(self.curvatures * np.square(np.subtract(w, self.centre))))

    def grad(self, w) -> np.ndarray:
        """∇J(w) = L·(w − c), shaped like w."""
        return self.curvatures * np.subtract(w, self.centre) if np.ndim(w) \
            else float(self.curvatures[0] * (w - self.centre[0]))

    def loss_at_each(self, points: np.ndarray) -> np.ndarray:
        """J at many points at once: points (..., directions) → (...), for drawing."""
        return 0.5 * np.sum(self.curvatures * np.square(points - self.centre), axis=-1)

    @property
    def one_step_lr(self) -> float:
        """The learning rate that lands on the bottom in one step (along the steepest
        direction): 1 / the largest curvature, where 1 − ηL = 0."""
        return 1.0 / float(self.curvatures.max())

    @property
    def threshold(self) -> float:
        """The largest stable learning rate: 2 / the largest curvature (theoretical_threshold)."""
        return theoretical_threshold(float(self.curvatures.max()))

    def __iter__(self):
        return iter((self.loss, self.grad))


def quadratic(curvature, centre=0.0) -> Quadratic:
    """The quadratic with curvature L > 0 (a number) or curvatures (L₁, L₂, …) (an elongated
    bowl, gentle where L is small, steep where it is large), lowest at `centre`."""
    if isinstance(curvature, str | bytes) or np.ndim(curvature) > 1:
        raise TypeError("curvature should be a positive number or a list of them, got "
                        f"{_validate._describe(curvature)}")
    values = [curvature] if np.ndim(curvature) == 0 else list(curvature)
    if not values:
        raise ValueError("curvature should hold at least one number, got an empty list")
    L = np.array([_validate.positive(c, "curvature") for c in values])
    c = _validate.array(centre, "centre", ndim=(0, 1))
    if c.size not in (1, L.size):
        raise ValueError(f"centre should be one number or {L.size}, got {c.size}")
    return Quadratic(L, np.broadcast_to(c, L.shape).copy())


def theoretical_threshold(curvature: float) -> float:
    """The largest stable learning rate for curvature L: 2/L."""
    return 2.0 / _validate.positive(curvature, "curvature")


# --- Measuring by experiment ----------------------------------------------------------------


def converges(loss: Callable, grad: Callable, start, lr: float, steps: int = 200) -> bool:
    """Does gradient descent at this learning rate end lower than it started?"""
    walk = descent.gradient_descent(loss, grad, start, lr, steps)
    return not walk.diverged and walk.losses[-1] < walk.losses[0]


def stability_threshold(loss: Callable, grad: Callable, start, low: float = 1e-6,
                        high: float = 1e3, steps: int = 200, iterations: int = 30) -> float:
    """The largest learning rate at which descent still converges, found by bisection.

    Each trial runs `steps` steps of descent from `start` and asks whether the loss went down.
    Requires descent to converge at `low` and not at `high`.
    """
    loss = _validate.function(loss, "loss")
    grad = _validate.function(grad, "grad")
    start = _validate.array(start, "start", ndim=(0, 1, 2))
    low = _validate.positive(low, "low")
    high = _validate.positive(high, "high")
    if not low < high:
        raise ValueError(f"low should be below high, got low = {low:g}, high = {high:g}")
    steps = _validate.count(steps, "steps", maximum=_validate.MAX_STEPS)
    iterations = _validate.count(iterations, "iterations", maximum=MAX_ITERATIONS)
    if steps * iterations > _validate.MAX_STEPS * 10:
        raise ValueError(f"steps × iterations should be at most {_validate.MAX_STEPS * 10:,}, "
                         f"got {steps:,} × {iterations:,}: that many descent steps would take "
                         "too long")
    if not converges(loss, grad, start, low, steps):
        raise ValueError(f"descent does not converge even at low = {low:g}; choose a smaller low "
                         "(or a start away from the minimum, so the loss can go down)")
    if converges(loss, grad, start, high, steps):
        raise ValueError(f"descent still converges at high = {high:g}; choose a larger high")
    for _ in range(iterations):
        middle = np.sqrt(low * high)  # bisect in log space: learning rates span decades
        if converges(loss, grad, start, middle, steps):
            low = middle
        else:
            high = middle
    return float(np.sqrt(low * high))


def regime(lr: float, curvature: float) -> str:
    """The regime of learning rate η on a quadratic of curvature L, from the factor 1 − ηL that
    every step multiplies the distance to the bottom by (notebook 05's table):

    slow: 0 < ηL ≤ 0.05;  fast: 0.05 < ηL < 1;  one step: ηL = 1;  oscillating: 1 < ηL < 2;
    on the edge: ηL = 2;  diverging: ηL > 2. (Equal means within 1e-9.)
    """
    product = _validate.positive(lr, "lr") * _validate.positive(curvature, "curvature")
    if abs(product - 1) <= 1e-9:
        return "one step"
    if abs(product - 2) <= 1e-9:
        return "on the edge"
    if product <= SLOW_BELOW:
        return "slow"
    return "fast" if product < 1 else "oscillating" if product < 2 else "diverging"


# --- The learning-rate range test -----------------------------------------------------------


@dataclass(frozen=True)
class RangeTest:
    """Loss against learning rate, from one short run that raises η every step.

    lrs, losses: every rate tried and the loss there (while the numbers stayed finite);
    blow_up_lr: the rate from which the run diverged (descent.diverged_at: the loss stayed more
    than 10 times above where it started), or None if it never did; suggested_lr: one tenth of
    the rate with the lowest loss before that, safely below the blow-up.
    """

    lrs: np.ndarray
    losses: np.ndarray
    blow_up_lr: float | None

    @property
    def blew_up_at_once(self) -> bool:
        """True when the loss blew up at the very first rate tried: nothing to suggest."""
        return len(self.lrs) == 0

    def _nothing_to_suggest(self) -> str:
        first = "" if self.blow_up_lr is None else f", lr_min = {self.blow_up_lr:.3g}"
        return (f"the loss blew up at the first rate tried{first}; try a smaller lr_min")

    @property
    def before_blow_up(self) -> np.ndarray:
        """Which of the rates tried came before the blow-up (a boolean mask over lrs)."""
        if self.blow_up_lr is None:
            return np.ones(len(self.lrs), dtype=bool)
        return self.lrs < self.blow_up_lr

    @property
    def best_lr(self) -> float:
        if self.blew_up_at_once:
            raise ValueError(f"no best learning rate: {self._nothing_to_suggest()}")
        usable = self.before_blow_up
        return float(self.lrs[usable][int(np.argmin(self.losses[usable]))])

    @property
    def suggested_lr(self) -> float:
        if self.blew_up_at_once:
            raise ValueError(f"no suggested learning rate: {self._nothing_to_suggest()}")
        return self.best_lr / 10

    @property
    def message(self) -> str:
        if self.blew_up_at_once:
            return f"no suggestion: {self._nothing_to_suggest()}"
        blow_up = (f"the loss blows up from η ≈ {self.blow_up_lr:.3g}" if self.blow_up_lr
                   else "the loss never blew up in the range tried")
        return (f"lowest loss at η ≈ {self.best_lr:.3g}; {blow_up}; suggested η = "
                f"{self.suggested_lr:.3g}")


def range_test(step: Callable[[float], float], lr_min: float = 1e-4, lr_max: float = 100.0,
               steps: int = 100) -> RangeTest:
    """Raise the learning rate exponentially from lr_min to lr_max over `steps` steps of one run.

    step(lr) takes one training step at that rate and returns the loss. Where the loss blows up
    is the course's one divergence rule (descent.diverged_at); the run stops early only if the
    loss stops being a finite number. If it blows up at lr_min already, the result says so.
    """
    step = _validate.function(step, "step")
    lr_min = _validate.positive(lr_min, "lr_min")
    lr_max = _validate.positive(lr_max, "lr_max")
    if lr_max <= lr_min:
        raise ValueError(f"lr_max should be above lr_min, got {lr_min:g} and {lr_max:g}")
    steps = _validate.count(steps, "steps", minimum=2, maximum=_validate.MAX_STEPS)
    tried, values = [], []
    with np.errstate(over="ignore", invalid="ignore"):
        for lr in np.geomspace(lr_min, lr_max, steps):
            tried.append(float(lr))
            values.append(descent._number_from(step(lr), "step"))
            if not np.isfinite(values[-1]):
                break
    where = descent.diverged_at(values)
    finite = len(values) - (not np.isfinite(values[-1]))
    return RangeTest(np.array(tried[:finite]), np.array(values[:finite]),
                     None if where is None else tried[where])


def range_test_network(net: Network, X: np.ndarray, y: np.ndarray, lr_min: float = 1e-3,
                       lr_max: float = 1e3, steps: int = 120) -> RangeTest:
    """The range test on a copy of a network (binary cross-entropy, full batch)."""
    training._classifier(net)
    X = _validate.points(X, columns=net.sizes[0])
    y = _validate.labels(y, X.shape[0])
    net = net.copy()
    return range_test(lambda lr: training.step(net, X, y, lr), lr_min, lr_max, steps)


def range_test_function(loss: Callable, grad: Callable, start, lr_min: float = 1e-4,
                        lr_max: float = 100.0, steps: int = 100) -> RangeTest:
    """The range test on a loss function of w, starting from `start`."""
    loss = _validate.function(loss, "loss")
    grad = _validate.function(grad, "grad")
    w = _validate.array(start, "start", ndim=(0, 1)).copy()
    with np.errstate(over="ignore", invalid="ignore"):
        first = descent._number_from(loss(w), "loss")
        slope = grad(w)
    if not np.isfinite(first):
        raise ValueError(f"the loss at start is {first}, not a finite number; choose a start "
                         "closer to the valley")
    descent._gradient_from(slope, w)  # a slope of the wrong shape is explained up front

    def step(lr: float) -> float:
        nonlocal w
        w = descent.update(w, grad(w), lr)
        return loss(w)

    return range_test(step, lr_min, lr_max, steps)
