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


def step(net: Network, X: np.ndarray, y: np.ndarray, lr: float) -> float:
    """One gradient-descent step on the whole batch; returns the loss before the step."""
    p = net._forward(X)[:, 0]
    loss = losses.binary_cross_entropy(y, p)
    # For a sigmoid output and cross-entropy, dLoss/dZ of the last layer is (p − y) / n.
    net.backward(((p - y) / len(y))[:, None], from_Z=True)
    for parameter, gradient in zip(net.parameters(), net.gradients(), strict=True):
        parameter -= lr * gradient
    return loss


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
    if not isinstance(net, Network):
        raise TypeError(f"net should be a Network, got {type(net).__name__}")
    if net.sizes[-1] != 1 or net.layers[-1].activation != "sigmoid":
        raise ValueError("net should end in one sigmoid neuron (a probability of class 1), "
                         f"got {net}")
    X = _validate.points(X, columns=net.sizes[0])
    y = _validate.labels(y, X.shape[0])
    lr = _validate.positive(lr, "lr")
    steps = _validate.count(steps, "steps")
    if snapshot_every is not None:
        snapshot_every = _validate.count(snapshot_every, "snapshot_every")
    net = net.copy()
    cells = data.grid(limits, limits, resolution)[2] if snapshot_every else None
    result = TrainingResult(losses=np.empty(0), lr=lr, net=net)
    history = []
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(steps + 1):
            if snapshot_every and k % snapshot_every == 0:
                result.snapshots[k] = net._forward(cells)[:, 0].reshape(resolution, resolution)
            loss = step(net, X, y, lr) if k < steps else losses.binary_cross_entropy(
                y, net._forward(X)[:, 0])
            history.append(loss)
            if _blown_up(loss, history[0], net):
                result.diverged_at = k
                break
    result.losses = np.array(history)
    return result


def accuracy(net: Network, X: np.ndarray, y: np.ndarray) -> float:
    """The fraction of rows of X the network puts in the right class (threshold 0.5)."""
    return float(np.mean((net.predict(X) >= 0.5) == (y == 1)))


def gradient_check(net: Network, X: np.ndarray, y: np.ndarray
                   ) -> list[tuple[str, descent.GradientCheck]]:
    """Backpropagation's gradients against finite differences, for every weight matrix and bias
    vector of `net` on the batch (X, y). Returns [(name, GradientCheck), ...]. Notebook 04."""
    X = _validate.points(X, columns=net.sizes[0])
    y = _validate.labels(y, X.shape[0])
    net = net.copy()
    p = net._forward(X)[:, 0]
    net.backward(((p - y) / len(y))[:, None], from_Z=True)
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

