"""The learning rate η: what it does, where it breaks, how to choose it. Notebook 05.

On the quadratic J(w) = ½·L·w² (L is the curvature), one step of gradient descent multiplies w by
(1 − η·L). So the walk converges exactly when |1 − η·L| < 1, that is 0 < η < 2/L, and lands on
the minimum in one step at η = 1/L. This module measures that threshold by experiment, names the
regime a walk is in, gives momentum's factor per direction, trains a network at many rates and
from many nearby starts at once (where rounding decides the outcome, the spread is the result),
and turns "start small and raise it" into a procedure: the range test.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass

import numpy as np

from . import _validate, activations, descent, training
from .network import Dense, Network

# The regimes of the learning rate: this course's own names for what the one number of the
# notebook's table does, the factor r = 1 − ηL by which every step multiplies the distance to
# the bottom (see `regime`). No cut-off inside a regime: how slow a smooth walk is, is a number
# (steps_to_a_tenth), not a name.
REGIMES = ("smooth", "one step", "oscillating", "on the edge", "diverging")
# What each regime looks like, in words shown beside its name.
REGIME_WORDS = {
    "smooth": "straight towards the bottom, from one side",
    "one step": "lands on the bottom in one step",
    "oscillating": "jumps across the bottom each step, and the jumps shrink",
    "on the edge": "jumps between w and −w forever",
    "diverging": "jumps across the bottom each step, and the jumps grow",
}
# Nearby starts (nearby_starts): the k-th moves one starting weight by k times this, far below
# any difference that matters, about what rounding changes in a few steps.
NUDGE = 1e-13
# Two runs from nearby starts "agree" when their final losses are this close (relative), and
# they agree on whether the run diverged.
AGREE_RTOL = 0.01


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

    @_validate.arguments(start=(_validate.point_of, "self"))
    def final_losses(self, start, lrs, momenta=0.0, steps: int = 40) -> np.ndarray:
        """The loss after `steps` steps of descent from `start` at every learning rate in
        `lrs` and every momentum β in `momenta`, all at once: (len(lrs), len(momenta)), for a
        scan. Each is where descent.gradient_descent(loss, grad, start, lr, steps,
        momentum=β) ends, inf where that walk overflows (its loss passes 1e50)."""
        rates = _rates(lrs, "lrs")
        betas = _validate.array(momenta, "momenta", ndim=(0, 1), values="bounded", empty=False)
        if rates.ndim != 1 or np.any((betas < 0) | (betas >= 1)):
            raise ValueError("lrs should be learning rates and momenta numbers from 0 up to "
                             "(not including) 1")
        steps = _validate.steps(steps, "steps")
        _validate.count(rates.size * betas.size * steps, "lrs × momenta × steps",
                        maximum=100 * _validate.MAX_STEPS)
        lr, beta = rates.reshape(-1, 1, 1), betas.reshape(1, -1, 1)
        curvatures, centre = self.curvatures.reshape(-1), self.centre.reshape(-1)
        w = np.broadcast_to(np.reshape(start, -1), (rates.size, betas.size, curvatures.size))
        velocity = np.zeros_like(w)
        highest = np.zeros(w.shape[:2])
        with np.errstate(all="ignore"):
            for _ in range(steps):
                velocity = beta * velocity + curvatures * (w - centre)  # β·v + ∇J(w)
                w = w - lr * velocity                                    # w − η·v
                loss = 0.5 * np.sum(curvatures * (w - centre) ** 2, axis=-1)
                highest = np.fmax(highest, np.where(np.isfinite(loss), loss, np.inf))
        return np.where(highest > _validate.LARGEST, np.inf, loss)

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
    every step multiplies the distance to the bottom by (notebook 05's table; the names are the
    course's own):

    smooth: 0 < ηL < 1;  one step: ηL = 1;  oscillating: 1 < ηL < 2;  on the edge: ηL = 2;
    diverging: ηL > 2. (Equal means within 1e-9.)
    """
    product = lr * curvature
    if abs(product - 1) <= 1e-9:
        return "one step"
    if abs(product - 2) <= 1e-9:
        return "on the edge"
    return "smooth" if product < 1 else "oscillating" if product < 2 else "diverging"


@_validate.arguments()
def steps_to_a_tenth(lr: float, curvature: float) -> float:
    """How many steps at rate η bring w to a tenth of its distance from the bottom of a
    quadratic of curvature L: the smallest k with |1 − ηL|^k ≤ 0.1 (1 at η = 1/L; math.inf
    when |1 − ηL| ≥ 1, where it never gets there). Notebook 05."""
    factor = abs(1 - lr * curvature)
    if factor == 0:
        return 1
    if factor >= 1:
        return math.inf
    return math.ceil(math.log(0.1) / math.log(factor) - 1e-9)


@_validate.arguments()
def momentum_factor(lr: float, momentum: float, curvature: float) -> float:
    """The factor by which descent with momentum β shrinks (or grows) the distance to the
    bottom per step, in the long run, along a direction of curvature L. Notebook 05.

    With v ← β·v + L·w and w ← w − η·v, each step makes w_next = (1 + β − ηL)·w − β·w_before;
    its solutions go as r^k, where r² − (1 + β − ηL)·r + β = 0. The factor is the size of the
    larger root: |1 − ηL| without momentum; √β when the roots are complex (their product is β).
    """
    middle = 1 + momentum - lr * curvature
    discriminant = middle**2 - 4 * momentum
    if discriminant < 0:
        return math.sqrt(momentum)
    return (abs(middle) + math.sqrt(discriminant)) / 2


# --- A network trained at many rates, and from many nearby starts, at once -----------------


def _rates(value: object, name: str) -> np.ndarray:
    """Learning rates in the order given: one (a number), several (1-D), or one per step for
    each of several runs (2-D, a schedule per row): bounded, 0 or more, some rate above 0."""
    rates = _validate.array(value, name, ndim=(0, 1, 2), values="bounded", empty=False)
    if np.any(rates < 0) or (rates.ndim < 2 and np.any(rates < 1 / _validate.LARGEST)):
        raise ValueError(f"{name} should hold positive learning rates (a schedule's may be 0), "
                         f"got {rates.min():g}")
    if rates.ndim == 2 and np.any(rates.max(axis=1) <= 0):
        raise ValueError(f"{name}: every schedule should have a rate above 0")
    return rates.reshape(-1) if rates.ndim < 2 else rates


@_validate.arguments(net=_validate.classifier, count=_validate.whole(1, 10_000),
                     nudge=_validate.bounded_positive)
def nearby_starts(net: Network, count: int = 24, nudge: float = NUDGE) -> list[Network]:
    """`count` copies of net, the k-th (k = 0, 1, …) with its first weight, layers[0].W[0, 0],
    moved by k·nudge: the same start, to within rounding. The first is net's own weights.
    Notebook 05."""
    starts = []
    for k in range(count):
        start = net.copy()
        start.layers[0].W[0, 0] += k * nudge
        starts.append(start)
    return starts


@dataclass(frozen=True)
class Spread:
    """One training (one learning rate, or one schedule of rates) run from nearby starts
    (nearby_starts): runs[0] from the start itself. Where the runs agree, one speaks for all;
    where they do not, rounding decides the outcome, and the spread is the result.

    runs: training.TrainingResult, one per start; rates: (steps,) the rate of each step.
    """

    runs: tuple
    rates: np.ndarray

    @property
    def lr(self) -> float:
        """The learning rate (a schedule's largest)."""
        return float(self.rates.max())

    @property
    def constant(self) -> bool:
        return bool(np.all(self.rates == self.rates[0]))

    @property
    def final_losses(self) -> np.ndarray:
        return np.array([run.losses[-1] for run in self.runs])

    @property
    def final_accuracies(self) -> np.ndarray:
        return np.array([run.accuracies[-1] for run in self.runs])

    @property
    def diverged(self) -> int:
        """How many of the runs diverged (descent.diverged_at)."""
        return sum(run.diverged for run in self.runs)

    @property
    def agree(self) -> bool:
        """Do the runs end alike? All diverged (descent.diverged_at), or none did and every
        final loss is within AGREE_RTOL of the first run's."""
        if self.diverged == len(self.runs):
            return True
        first = self.runs[0].losses[-1]
        return not self.diverged and bool(
            np.all(np.abs(self.final_losses - first) <= AGREE_RTOL * abs(first)))

    def _diverged_words(self) -> str:
        n = len(self.runs)
        if n == 1:
            return "diverged" if self.diverged else "did not diverge"
        return ("none diverged" if not self.diverged else f"all {n} diverged"
                if self.diverged == n else f"{self.diverged} of {n} diverged")

    @property
    def message(self) -> str:
        name = f"η = {self.lr:.3g}" if self.constant else f"peak η = {self.lr:.3g}"
        starts = "" if len(self.runs) == 1 else f", {len(self.runs)} nearby starts"
        return (f"{name}{starts}: {self._diverged_words()}; final loss "
                f"{_span(self.final_losses, '.3g')}, accuracy "
                f"{_span(self.final_accuracies, '.0%')}")


def best_of(spreads: Sequence[Spread]) -> Spread:
    """The spread whose first run ends at the lowest loss, among those whose nearby starts agree
    (Spread.agree): the best rate of a scan that another start would reproduce. Notebook 05."""
    if isinstance(spreads, Spread) or not all(isinstance(s, Spread) for s in spreads):
        raise TypeError("spreads should be a list of Spread, from train_at_rates")
    agreeing = [spread for spread in spreads if spread.agree]
    if not agreeing:
        raise ValueError("no rate's nearby starts agree: there is no best rate to reproduce "
                         "(with one start each, every run agrees with itself)")
    return min(agreeing, key=lambda spread: spread.runs[0].losses[-1])


def _span(values: np.ndarray, spec: str) -> str:
    """The values' range as printed: one number when both ends print the same."""
    low, high = (format(v, spec) for v in (values.min(), values.max()))
    return low if low == high else f"from {low} to {high}"


@_validate.arguments(**_validate.CLASSIFIER_BATCH, starts=_validate.whole(1, 10_000),
                     nudge=_validate.bounded_positive)
def train_at_rates(net: Network, X: np.ndarray, y: np.ndarray, lrs, steps: int,
                   starts: int = 1, nudge: float = NUDGE) -> list[Spread]:
    """training.train(start, X, y, lr, steps) for every learning rate in `lrs` and every one of
    `starts` nearby starts (nearby_starts(net, starts, nudge)), all at once. Notebook 05.

    lrs: rates (a number or a list), or schedules, one row of `steps` rates each (a 2-D array;
    step k uses row[k − 1]). Returns one Spread per rate or schedule, in order, each holding
    one training.TrainingResult per start. Each run is what training.train gives (its losses,
    accuracies, diverged_at, where it ends early and the network it ends with), for a schedule
    with the rate of each step.
    """
    rates = _rates(lrs, "lrs")
    if rates.ndim == 2 and rates.shape[1] != steps:
        raise ValueError(f"lrs: each schedule should hold one rate per step ({steps}), got "
                         f"{rates.shape[1]}")
    _validate.count(len(rates) * starts * steps, "rates × starts × steps",
                    maximum=10 * _validate.MAX_STEPS)
    schedules = rates if rates.ndim == 2 else np.repeat(rates[:, None], steps, axis=1)
    nets = nearby_starts(net, starts, nudge)
    runs = _train_together([start for _ in schedules for start in nets], X, y,
                           np.repeat(schedules, starts, axis=0))
    return [Spread(tuple(runs[i * starts:(i + 1) * starts]), schedule)
            for i, schedule in enumerate(schedules)]


def _train_together(nets: Sequence[Network], X: np.ndarray, y: np.ndarray,
                    rates: np.ndarray) -> list[training.TrainingResult]:
    """training.train for run r = (nets[r], the rates rates[r, k − 1] of its steps k = 1, 2, …),
    all runs at once: the formulas of notebook 04's training loop, on weights stacked along a
    first axis, one slice per run (W: (runs, inputs, units), b: (runs, 1, units)). A run ends,
    as train's does, when its loss or its next update is not a finite number; the others go
    on."""
    runs, steps = rates.shape
    first = nets[0].layers
    Ws = [np.stack([net.layers[i].W for net in nets]) for i in range(len(first))]
    bs = [np.stack([net.layers[i].b[None] for net in nets]) for i in range(len(first))]
    gs = [activations.get(layer.activation) for layer in first]
    slopes = [activations.slope(layer.activation) for layer in first]
    losses = np.full((runs, steps + 1), np.nan)
    right = np.full((runs, steps + 1), np.nan)
    ends = np.full(runs, steps + 1)  # how many losses each run keeps
    going = np.arange(runs)  # the runs still training
    n = len(y)
    # A run that blows up overflows: that ends it (below), it is not an error.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for k in range(steps + 1):
            inputs, Zs, A = [], [], X  # forward pass: Z = A W + b, A = g(Z), layer by layer
            for W, b, g in zip(Ws, bs, gs, strict=True):
                inputs.append(A)
                Zs.append(A @ W[going] + b[going])
                A = g(Zs[-1])
            z = Zs[-1][..., 0]  # the loss from the output's Z, as training does
            loss = np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))), axis=1)
            finite = np.isfinite(loss)
            losses[going[finite], k] = loss[finite]
            right[going, k] = np.mean((A[..., 0] >= 0.5) == (y == 1), axis=1)
            ends[going[~finite]] = k
            if k == steps:
                break
            rate = rates[going, k][:, None, None]
            grad_Z = (A - y[:, None]) / n  # dJ/dZ of the output layer: (p − y) / n
            updated = []
            for i in reversed(range(len(Ws))):  # backward pass, from the last layer down
                grad_W = np.swapaxes(inputs[i], -1, -2) @ grad_Z  # dJ/dW = Aᵀ · dJ/dZ
                grad_b = grad_Z.sum(axis=-2, keepdims=True)        # dJ/db = Σ dJ/dZ
                if i:  # dJ/dZ below = dJ/dZ · Wᵀ ⊙ g'(Z below)
                    grad_Z = (grad_Z @ np.swapaxes(Ws[i][going], -1, -2)) * slopes[i - 1](
                        Zs[i - 1])
                updated.append((Ws[i][going] - rate * grad_W,  # descent.update
                                bs[i][going] - rate * grad_b))
            for W, b in updated:
                finite &= np.isfinite(W).all(axis=(1, 2)) & np.isfinite(b).all(axis=(1, 2))
            ends[going[~finite & (ends[going] > k)]] = k + 1
            for (W, b), W_all, b_all in zip(updated[::-1], Ws, bs, strict=True):
                W_all[going[finite]], b_all[going[finite]] = W[finite], b[finite]
            going = going[finite]
            if not going.size:
                break
    results = []
    for r in range(runs):
        kept = losses[r, :ends[r]]
        stopped = bool(ends[r] < steps + 1)
        layers = [Dense(W[r], b[r, 0], layer.activation)
                  for W, b, layer in zip(Ws, bs, first, strict=True)]
        results.append(training.TrainingResult(
            losses=kept, lr=float(rates[r].max()), stopped_early=stopped,
            diverged_at=descent.diverged_at([*kept, np.inf] if stopped else kept),
            net=Network(layers), accuracies=right[r, :ends[r]]))
    return results


@_validate.arguments(peak=_validate.bounded_positive, steps=_validate.steps,
                     warmup=_validate.whole(0, _validate.MAX_STEPS))
def warmup_cosine(peak: float, steps: int, warmup: int) -> np.ndarray:
    """A learning-rate schedule as practised: over the first `warmup` steps the rate rises in
    a straight line to `peak` (step k uses peak·k/warmup), then it falls along half a cosine to
    0 at the last step. Returns the rate of each step k = 1 … steps. Notebook 05."""
    if warmup >= steps:
        raise ValueError(f"warmup should be fewer steps than steps ({steps}), got {warmup}")
    k = np.arange(1, steps + 1)
    falling = 0.5 * (1 + np.cos(np.pi * (k - warmup) / (steps - warmup)))
    return peak * np.where(k <= warmup, k / max(warmup, 1), falling)


# --- The learning-rate range test -----------------------------------------------------------


@dataclass(frozen=True)
class RangeTest:
    """Loss against learning rate, from one short run that raises η every step.

    lrs, losses: every rate tried and the loss after the step at that rate (while the numbers
    stayed finite); blow_up_lr: the rate from which the run diverged (descent.diverged_at: the
    loss ended more than 10 times above where it started and never came back down from there),
    or None if it never did. The suggestion rule, the one place it is written: a tenth of the
    rate with the lowest loss before the blow-up (suggested_lr).
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

    step(lr) takes one training step at that rate and returns the loss after it. Where the loss
    blows up is the course's one divergence rule (descent.diverged_at); the run ends early only
    if the loss overflows (grows past 1e50, or beyond a float). If it blows up at lr_min
    already, the result says so.
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
    """The range test on a copy of a network (binary cross-entropy, full batch): each step
    is one update of every weight and bias at that rate, and records the loss after it.
    Notebook 05."""
    net = net.copy()  # the learner's network keeps its weights
    training.gradients(net, X, y)  # the gradient at the start, for the first step

    def step(lr: float) -> float:
        for parameter, grad in zip(net.parameters(), net.gradients(), strict=True):
            parameter[...] = descent.update(parameter, grad, lr)
        return training.gradients(net, X, y)  # the loss after the step (and its gradient)

    return range_test(step, lr_min, lr_max, steps)


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
