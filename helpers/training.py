"""Training a network by gradient descent on binary cross-entropy. Notebooks 04 and 05.

One training step, as notebook 04 builds it:

    p = net.forward(X)                  forward pass: predicted probabilities
    loss = BCE(y, p)                    how wrong, as one number
    net.backward((p − y) / n)           backward pass: every weight's slope
    W ← W − lr · dLoss/dW               step a little the other way (every W and b)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import _validate, data, descent, losses
from .network import Network

# Training stops as diverged when the loss climbs this far above where it started.
DIVERGED_LOSS = 3.0
# Snapshot pictures kept by one run, counted in grid cells (8 bytes each): 50 million = 400 MB.
MAX_SNAPSHOT_CELLS = 50_000_000
# gradient_check runs two forward passes per parameter: parameters × examples stays below this.
MAX_CHECK_WORK = 10_000_000


@dataclass
class TrainingResult:
    """What a training run went through.

    losses: (steps + 1,) the loss before each step and after the last one; snapshots: the
    network's output over a grid at chosen steps ({step: (resolution, resolution) array});
    diverged_at: the step at which training blew up, or None; net: the trained network.
    """

    losses: np.ndarray
    lr: float
    net: Network
    diverged_at: int | None = None
    snapshots: dict[int, np.ndarray] = field(default_factory=dict)

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None

    @property
    def message(self) -> str:
        if self.diverged:
            return (f"learning rate {self.lr:g}: diverged at step {self.diverged_at} — the loss "
                    f"climbed from {self.losses[0]:.3f} to {self.losses[-1]:.3f}, so training "
                    "stopped")
        return (f"learning rate {self.lr:g}: loss {self.losses[0]:.3f} → {self.losses[-1]:.3f} "
                f"in {len(self.losses) - 1} steps")


def _classifier(net: object) -> Network:
    """net must be a Network ending in one sigmoid neuron (a probability of class 1)."""
    if not isinstance(net, Network):
        raise TypeError(f"net should be a Network, got {type(net).__name__}")
    if net.sizes[-1] != 1 or net.layers[-1].activation != "sigmoid":
        raise ValueError("net should end in one sigmoid neuron (a probability of class 1), "
                         f"got {net}")
    return net


def step(net: Network, X: np.ndarray, y: np.ndarray, lr: float) -> float:
    """One gradient-descent step on the whole batch; returns the loss before the step.

    net is changed in place. X: (n, inputs), y: (n,) 0/1 targets, lr > 0.
    """
    # The usual call (float arrays of the right shapes, a float rate) is checked in O(1) plus
    # one pass over X, so this stays about as fast as the unchecked step; anything else gets
    # the full checks and their sentences. (y's values are checked by the loss itself.)
    if not (type(X) is np.ndarray and type(y) is np.ndarray and type(lr) is float
            and isinstance(net, Network) and X.dtype == y.dtype == np.float64
            and X.ndim == 2 and X.shape[0] > 0 and y.shape == X.shape[:1]
            and X.shape[1] == net.layers[0].W.shape[0] and 0 < lr < np.inf
            and net.layers[-1].activation == "sigmoid" and net.layers[-1].W.shape[1] == 1
            and np.isfinite(X).all()):
        _classifier(net)
        X = _validate.points(X, columns=net.sizes[0])
        y = _validate.labels(y, X.shape[0])
        lr = _validate.positive(lr, "lr")
    with np.errstate(over="ignore", invalid="ignore"):
        return _step(net, X, y, lr)


def _step(net: Network, X: np.ndarray, y: np.ndarray, lr: float) -> float:
    # The unchecked step, for loops that validated their inputs once.
    p = net._forward(X)[:, 0]
    loss = _loss(y, p)
    if loss != loss:  # NaN: weights so large the output is not a number; nothing to step on
        return loss
    # For a sigmoid output and cross-entropy, dLoss/dZ of the last layer is (p − y) / n.
    net._backward(((p - y) / len(y))[:, None], from_Z=True)
    for parameter, gradient in zip(net.parameters(), net.gradients(), strict=True):
        parameter -= lr * gradient
    return loss


def _loss(y: np.ndarray, p: np.ndarray) -> float:
    """Cross-entropy, or NaN when the weights grew so large that p is not a number."""
    try:
        return losses.binary_cross_entropy(y, p)
    except ValueError:
        if np.all(np.isfinite(p)):
            raise
        return float("nan")


def _blown_up(loss: float, first: float, net: Network) -> bool:
    return (not np.isfinite(loss) or loss > first + DIVERGED_LOSS
            or not all(np.all(np.isfinite(p)) for p in net.parameters()))


def train(net: Network, X: np.ndarray, y: np.ndarray, lr: float, steps: int,
          snapshot_every: int | None = None, limits: tuple[float, float] = (-2.0, 3.0),
          resolution: int = 60) -> TrainingResult:
    """Train a copy of `net` (the original is left as it was) by full-batch gradient descent.

    X: (n, inputs), y: (n,) 0/1 targets, lr > 0, steps ≥ 1. With `snapshot_every`, the
    network's output over a resolution × resolution grid covering `limits` (both axes) is kept
    every that many steps, for drawing how the decision region evolves. Training stops early,
    as diverged, if the loss climbs more than 3 above where it started.
    """
    _classifier(net)
    X = _validate.points(X, columns=net.sizes[0])
    y = _validate.labels(y, X.shape[0])
    lr = _validate.positive(lr, "lr")
    steps = _validate.count(steps, "steps", maximum=_validate.MAX_STEPS)
    if snapshot_every is not None:
        snapshot_every = _validate.count(snapshot_every, "snapshot_every",
                                         maximum=_validate.MAX_STEPS)
    limits = _validate.interval(limits, "limits")
    resolution = _validate.count(resolution, "resolution", minimum=2,
                                 maximum=_validate.MAX_RESOLUTION)
    if snapshot_every and (steps // snapshot_every + 1) * resolution**2 > MAX_SNAPSHOT_CELLS:
        raise ValueError(
            f"snapshot_every = {snapshot_every} with resolution = {resolution} keeps "
            f"{steps // snapshot_every + 1} pictures of {resolution}×{resolution}: too much "
            f"memory; choose a larger snapshot_every or a smaller resolution")
    net = net.copy()
    cells = data.grid(limits, limits, resolution)[2] if snapshot_every else None
    result = TrainingResult(losses=np.empty(0), lr=lr, net=net)
    history = []
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(steps + 1):
            if snapshot_every and k % snapshot_every == 0:
                picture = net._forward(cells)[:, 0]
                if not np.all(np.isfinite(picture)):  # weights too large for a float
                    result.diverged_at = k
                    break
                result.snapshots[k] = picture.reshape(resolution, resolution)
            loss = _step(net, X, y, lr) if k < steps else _loss(y, net._forward(X)[:, 0])
            if not np.isfinite(loss):  # kept out of the history, which stays finite
                result.diverged_at = k
                break
            history.append(loss)
            if _blown_up(loss, history[0], net):
                result.diverged_at = k
                break
    if not history:
        raise ValueError("the network's output is not a finite number even before training: "
                         "its weights or X are too large; use smaller values")
    result.losses = np.array(history)
    return result


def accuracy(net: Network, X: np.ndarray, y: np.ndarray) -> float:
    """The fraction of rows of X the network puts in the right class (threshold 0.5).

    net: a Network with one output (a probability of class 1), X: (n, inputs), y: (n,) 0/1.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net should be a Network, got {type(net).__name__}")
    if net.sizes[-1] != 1:
        raise ValueError(f"net should have one output (a probability of class 1), got {net}")
    X = _validate.points(X, columns=net.sizes[0])
    y = _validate.labels(y, X.shape[0])
    return float(np.mean((net.predict(X) >= 0.5) == (y == 1)))


def gradient_check(net: Network, X: np.ndarray, y: np.ndarray
                   ) -> list[tuple[str, descent.GradientCheck]]:
    """Backpropagation's gradients against finite differences, for every weight matrix and bias
    vector of `net` on the batch (X, y). Returns [(name, GradientCheck), ...]. Notebook 04."""
    _classifier(net)
    X = _validate.points(X, columns=net.sizes[0])
    y = _validate.labels(y, X.shape[0])
    if net.parameter_count * X.shape[0] > MAX_CHECK_WORK:
        raise ValueError(f"a gradient check of {net.parameter_count:,} parameters on "
                         f"{X.shape[0]:,} examples would take too long; check on fewer rows "
                         "of X (X[:20], y[:20]) or a smaller network")
    net = net.copy()
    p = net._forward(X)[:, 0]
    net._backward(((p - y) / len(y))[:, None], from_Z=True)
    exact = [g.copy() for g in net.gradients()]

    def loss(_: np.ndarray) -> float:
        # numerical_gradient nudges the network's own array in place, so the network sees it.
        return losses.binary_cross_entropy(y, net._forward(X)[:, 0])

    checks = []
    for index, (parameter, gradient) in enumerate(zip(net.parameters(), exact, strict=True)):
        name = f"layer {index // 2 + 1} {'W' if index % 2 == 0 else 'b'}"
        numerical = descent.numerical_gradient(loss, parameter)
        checks.append((name, descent.compare_gradients(gradient, numerical)))
    return checks

