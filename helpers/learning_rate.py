"""The learning rate η: what it does, where it breaks, how to choose it. Notebook 05.

On the quadratic J(w) = ½·L·w² (L is the curvature), one step of gradient descent multiplies w by
(1 − η·L). So the walk converges exactly when |1 − η·L| < 1, that is 0 < η < 2/L, and lands on
the minimum in one step at η = 1/L. This module measures that threshold by experiment, names the
regime a walk is in, and turns "start small and raise it" into a procedure: the range test.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass

import numpy as np

from . import _validate, descent, training
from .network import Network

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

    curvatures: np.ndarray  # () for one curvature, (k,) for k
    centre: np.ndarray  # shaped like curvatures

    @_validate.arguments(w=(_validate.point_of, "self"))
    def loss(self, w) -> float:
        """J at one point w: one number per curvature (for one curvature, a number, or an array
        of any shape, the parabola along each of its directions)."""
        return 0.5 * float(np.sum(self.curvatures * (w - self.centre) ** 2))

    @_validate.arguments(w=(_validate.point_of, "self"))
    def grad(self, w):
        """∇J(w) = L·(w − c), shaped like w."""
        return self.curvatures * (w - self.centre)

    @_validate.arguments(points=(_validate.points_of, "self"))
    def loss_at_each(self, points: np.ndarray) -> np.ndarray:
        """J at many points at once, for drawing: points (..., k) for k curvatures → (...)."""
        return 0.5 * np.sum(self.curvatures * (points - self.centre) ** 2, axis=-1)

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


@_validate.arguments(curvature=_validate.curvatures, centre=(_validate.centre_for, "curvature"))
def quadratic(curvature, centre=0.0) -> Quadratic:
    """The quadratic with curvature L > 0 (a number) or curvatures (L₁, L₂, …) (an elongated
    bowl, gentle where L is small, steep where it is large), lowest at `centre`. Notebook 05."""
    return Quadratic(curvature, np.broadcast_to(centre, curvature.shape).copy())


@_validate.arguments()
def theoretical_threshold(curvature: float) -> float:
    """The largest stable learning rate for curvature L: 2/L. Notebook 05."""
    return 2.0 / curvature


# --- Measuring by experiment ----------------------------------------------------------------


def _converges(loss: Callable, grad: Callable, start, lr: float, steps: int) -> bool:
    """Does gradient descent at this learning rate end lower than it started?"""
    walk = descent.gradient_descent(loss, grad, start, lr, steps)
    return not walk.diverged and walk.losses[-1] < walk.losses[0]


@_validate.arguments(iterations=_validate.whole(maximum=_validate.MAX_ITERATIONS))
def stability_threshold(loss: Callable, grad: Callable, start, low: float = 1e-6,
                        high: float = 1e3, steps: int = 200, iterations: int = 30) -> float:
    """The largest learning rate at which descent still converges, found by bisection (in
    log space: learning rates span decades). Notebook 05.

    Each trial runs `steps` steps of descent from `start` and asks whether the loss went down.
    Requires descent to converge at `low` and not at `high`.
    """
    low, high = _validate.rates((low, high), "(low, high)")
    _validate.count(steps * iterations, "steps × iterations", maximum=10 * _validate.MAX_STEPS)
    if not _converges(loss, grad, start, low, steps):  # gradient_descent checks loss, grad, start
        raise ValueError(f"descent does not converge even at low = {low:g}; choose a smaller low "
                         "(or a start away from the minimum, so the loss can go down)")
    if _converges(loss, grad, start, high, steps):
        raise ValueError(f"descent still converges at high = {high:g}; choose a larger high")
    for _ in range(iterations):
        middle = np.sqrt(low * high)
        if _converges(loss, grad, start, middle, steps):
            low = middle
        else:
            high = middle
    return float(np.sqrt(low * high))


@_validate.arguments()
def regime(lr: float, curvature: float) -> str:
    """The regime of learning rate η on a quadratic of curvature L, from the factor 1 − ηL that
    every step multiplies the distance to the bottom by (notebook 05's table):

    slow: 0 < ηL ≤ 0.05;  fast: 0.05 < ηL < 1;  one step: ηL = 1;  oscillating: 1 < ηL < 2;
    on the edge: ηL = 2;  diverging: ηL > 2. (Equal means within 1e-9.)
    """
    product = lr * curvature
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
        return f"the loss blew up at the first rate tried{first}; try a smaller lr_min"

    @property
    def before_blow_up(self) -> np.ndarray:
        """Which of the rates tried came before the blow-up (a boolean mask over lrs)."""
        if self.blow_up_lr is None:
            return np.ones(len(self.lrs), dtype=bool)
        return self.lrs < self.blow_up_lr

    @property
    def best_lr(self) -> float:
        """The rate with the lowest loss before the blow-up."""
        if self.blew_up_at_once:
            raise ValueError(f"no learning rate to suggest: {self._nothing_to_suggest()}")
        usable = self.before_blow_up
        return float(self.lrs[usable][int(np.argmin(self.losses[usable]))])

    @property
    def suggested_lr(self) -> float:
        """A tenth of best_lr, safely below the blow-up."""
        return self.best_lr / 10

    @property
    def message(self) -> str:
        if self.blew_up_at_once:
            return f"no suggestion: {self._nothing_to_suggest()}"
        blow_up = (f"the loss blows up from η ≈ {self.blow_up_lr:.3g}" if self.blow_up_lr
                   else "the loss never blew up in the range tried")
        return (f"lowest loss at η ≈ {self.best_lr:.3g}; {blow_up}; suggested η = "
                f"{self.suggested_lr:.3g}")


@_validate.arguments(steps=_validate.whole(2, _validate.MAX_STEPS))
def range_test(step: Callable[[float], float], lr_min: float = 1e-4, lr_max: float = 100.0,
               steps: int = 100) -> RangeTest:
    """Raise the learning rate exponentially from lr_min to lr_max over `steps` steps of one run.
    Notebook 05.

    step(lr) takes one training step at that rate and returns the loss. Where the loss blows up
    is the course's one divergence rule (descent.diverged_at); the run ends early only if the
    loss overflows (grows past 1e50, or beyond a float). If it blows up at lr_min already, the
    result says so.
    """
    lr_min, lr_max = _validate.rates((lr_min, lr_max), "(lr_min, lr_max)")
    lrs, losses = np.geomspace(lr_min, lr_max, steps), []
    # An overflow (numpy's, or a number the helpers refuse as too large) ends the run.
    with np.errstate(over="raise", divide="raise", invalid="raise"), suppress(FloatingPointError):
        for lr in lrs:
            losses.append(_validate.number(step(float(lr)), "step(lr)", bounded=True))
    where = descent.diverged_at([*losses, np.inf] if len(losses) < steps else losses)
    blow_up = None if where is None else float(lrs[where])
    return RangeTest(lrs[:len(losses)], np.array(losses), blow_up)


@_validate.arguments(**_validate.CLASSIFIER_BATCH)
def range_test_network(net: Network, X: np.ndarray, y: np.ndarray, lr_min: float = 1e-3,
                       lr_max: float = 1e3, steps: int = 120) -> RangeTest:
    """The range test on a copy of a network (binary cross-entropy, full batch: one
    training.step per rate). Notebook 05."""
    net = net.copy()  # the learner's network keeps its weights
    return range_test(lambda lr: training.step(net, X, y, lr), lr_min, lr_max, steps)


@_validate.arguments(grad=_validate.function)
def range_test_function(loss: Callable, grad: Callable, start, lr_min: float = 1e-4,
                        lr_max: float = 100.0, steps: int = 100) -> RangeTest:
    """The range test on a loss function of w, starting from `start`: each step is one
    descent.update at that rate. Notebook 05."""
    w = start

    def step(lr: float) -> float:
        nonlocal w
        w = descent.update(w, grad(w), lr)
        return loss(w)

    return range_test(step, lr_min, lr_max, steps)
