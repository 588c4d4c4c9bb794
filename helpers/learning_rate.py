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

REGIMES = ("slow", "fast", "oscillating", "diverging")
# What each regime looks like, in words shown beside its name.
REGIME_WORDS = {
    "slow": "small careful steps, still far from the bottom",
    "fast": "straight down to the bottom",
    "oscillating": "overshoots the bottom each step, but converges",
    "diverging": "each step overshoots further, the loss grows",
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


def classify_regime(walk: descent.DescentResult, minimum=0.0, slow_fraction: float = 0.01
                    ) -> str:
    """Name what a walk did: "slow", "fast", "oscillating" or "diverging".

    diverging: the loss blew up or ended no lower than it started. oscillating: the walk jumped
    over the minimum (some coordinate changed sign around it) on most steps. slow: the loss
    fell, but is still above `slow_fraction` of where it started. fast: otherwise.
    """
    if not isinstance(walk, descent.DescentResult):
        raise TypeError("walk should be what descent.gradient_descent returns (a "
                        f"DescentResult), got {type(walk).__name__}")
    minimum = _validate.array(minimum, "minimum", ndim=None)
    if minimum.shape not in ((), walk.path.shape[1:]):
        raise ValueError(f"minimum should be one number or a point shaped like the walk's "
                         f"points {walk.path.shape[1:]}, got shape {minimum.shape}")
    slow_fraction = _validate.positive(slow_fraction, "slow_fraction")
    if walk.diverged or walk.losses[-1] >= walk.losses[0]:
        return "diverging"
    offsets = np.reshape(walk.path - minimum, (len(walk.path), -1))
    flips = np.any(np.sign(offsets[1:]) * np.sign(offsets[:-1]) < 0, axis=1)
    moving = np.any(np.abs(offsets[1:]) > 1e-12, axis=1)
    if moving.any() and flips[moving].mean() > 0.5:
        return "oscillating"
    if walk.losses[-1] > slow_fraction * walk.losses[0]:
        return "slow"
    return "fast"


# --- The learning-rate range test -----------------------------------------------------------


@dataclass(frozen=True)
class RangeTest:
    """Loss against learning rate, from one short run that raises η every step.

    lrs, losses: what was tried and the loss at each; suggested_lr: one tenth of the rate with
    the lowest loss, safely below where the loss blows up (blow_up_lr, or None if it never did).
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
    def best_lr(self) -> float:
        if self.blew_up_at_once:
            raise ValueError(f"no best learning rate: {self._nothing_to_suggest()}")
        return float(self.lrs[int(np.argmin(self.losses))])

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
               steps: int = 100, blow_up: float = descent.RANGE_TEST_BLOW_UP) -> RangeTest:
    """Raise the learning rate exponentially from lr_min to lr_max over `steps` steps of one run.

    step(lr) takes one training step at that rate and returns the loss. The run stops once the
    loss is `blow_up` times the lowest seen (or not a number): past there, rates are too large.
    If it blows up at lr_min already, the result says so (and has no suggestion).
    """
    step = _validate.function(step, "step")
    lr_min = _validate.positive(lr_min, "lr_min")
    lr_max = _validate.positive(lr_max, "lr_max")
    if lr_max <= lr_min:
        raise ValueError(f"lr_max should be above lr_min, got {lr_min:g} and {lr_max:g}")
    steps = _validate.count(steps, "steps", minimum=2, maximum=_validate.MAX_STEPS)
    blow_up = _validate.number(blow_up, "blow_up")
    if blow_up <= 1:
        raise ValueError(f"blow_up should be above 1 (how many times the lowest loss counts as "
                         f"blown up), got {blow_up:g}")
    lrs, values, blown = [], [], None
    with np.errstate(over="ignore", invalid="ignore"):
        for lr in np.geomspace(lr_min, lr_max, steps):
            value = descent._number_from(step(lr), "step")
            if descent.has_diverged(value, min(values, default=np.inf), blow_up):
                blown = float(lr)
                break
            lrs.append(float(lr))
            values.append(value)
    return RangeTest(np.array(lrs), np.array(values), blown)


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
