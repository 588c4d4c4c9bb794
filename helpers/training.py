"""Training a network by full-batch gradient descent on binary cross-entropy. Notebooks 04 and
05. Mini-batch training is in `minibatch`.

One training step, as notebook 04 builds it (`gradients` and `step` below):

    p = net.forward(X)[:, 0]            forward pass: one probability per example
    J = BCE(y, p)                       the loss, computed from the output layer's Z
    net.backward((p − y) / n)           backward pass, from dJ/dZ of the output layer
    W ← W − lr · dJ/dW                  descent.update, for every W and b
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field

import numpy as np

from . import _validate, data, descent
from .network import Network

# Snapshot pictures kept by one run, counted in grid cells (8 bytes each): 50 million = 400 MB.
_MAX_SNAPSHOT_CELLS = 50_000_000
# check_backpropagation runs two forward passes per parameter: parameters × examples below this.
_MAX_CHECK_WORK = 10_000_000


@dataclass(frozen=True)
class TrainingResult(descent.Run):
    """What a training run went through (a descent.Run: losses, lr, diverged_at).

    losses: (steps + 1,) the loss on the whole training set before each step and after the last
    one; accuracies: the fraction of training points in the right class at the same moments;
    net: the trained network; snapshots: the network's output over a grid at chosen steps
    ({step: (resolution, resolution) array}). With a test set (train(..., test=(X, y))),
    test_losses and test_accuracies at the same moments, else None.
    """

    net: Network = None
    snapshots: dict[int, np.ndarray] = field(default_factory=dict)
    accuracies: np.ndarray | None = None
    test_losses: np.ndarray | None = None
    test_accuracies: np.ndarray | None = None

    @property
    def message(self) -> str:
        if self.diverged:
            return f"learning rate {self.lr:g}: " + self._diverged_words()
        return (f"learning rate {self.lr:g}: loss {self.losses[0]:.3f} → "
                f"{self.losses[-1]:.3f} in {self.steps} steps")


def _cross_entropy(y: np.ndarray, Z: np.ndarray) -> float:
    """The mean binary cross-entropy of p = σ(Z), from Z itself, so that it stays exact where p
    rounds to 0 or 1: −[y log σ(z) + (1 − y) log(1 − σ(z))] = max(z, 0) − z·y + log(1 + e^−|z|)."""
    return float(np.mean(np.maximum(Z, 0) - Z * y + np.log1p(np.exp(-np.abs(Z)))))


@_validate.arguments(**_validate.CLASSIFIER_BATCH)
def gradients(net: Network, X: np.ndarray, y: np.ndarray) -> float:
    """Forward and backward on the batch: fills every layer's grad_W and grad_b with the gradient
    of the mean cross-entropy J, and returns J. Notebook 04.

    net: a Network ending in one sigmoid neuron; X: (n, inputs); y: (n,) 0/1 targets.
    Backpropagation starts from the output layer's dJ/dZ = (p − y) / n.
    """
    p = net.forward(X)[:, 0]
    net.backward(((p - y) / len(y))[:, None])
    return _cross_entropy(y, net.layers[-1].Z[:, 0])


@_validate.arguments(**_validate.CLASSIFIER_BATCH)
def step(net: Network, X: np.ndarray, y: np.ndarray, lr: float) -> float:
    """One training step on the whole batch: gradients, then descent.update of every weight and
    bias in place (net changes); returns the loss before the update. X: (n, inputs), y: (n,)
    0/1 targets, lr > 0. Notebooks 04 and 05 (the range test)."""
    loss = gradients(net, X, y)
    _update(net, lr)
    return loss


def _update(net: Network, lr: float) -> None:
    """descent.update of every weight and bias against its gradient, in place."""
    for parameter, grad in zip(net.parameters(), net.gradients(), strict=True):
        parameter[...] = descent.update(parameter, grad, lr)


def _measure(net: Network, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(loss, accuracy) of net on (X, y), without touching any gradient."""
    p = net.predict(X)
    return _cross_entropy(y, net.layers[-1].Z[:, 0]), float(np.mean((p >= 0.5) == (y == 1)))


@_validate.arguments(**_validate.CLASSIFIER_BATCH,
                     snapshot_every=_validate.optional(_validate.count),
                     test=(_validate.optional(_validate.held_out), "net"))
def train(net: Network, X: np.ndarray, y: np.ndarray, lr: float, steps: int,
          snapshot_every: int | None = None, limits: tuple[float, float] = (-2.0, 3.0),
          resolution: int = 60, test: tuple[np.ndarray, np.ndarray] | None = None
          ) -> TrainingResult:
    """Train a copy of `net` (the original is left as it was) by full-batch gradient descent.
    Notebooks 04 and 05.

    X: (n, inputs), y: (n,) 0/1 targets, lr > 0, steps ≥ 1. With `snapshot_every`, the
    network's output over a resolution × resolution grid covering `limits` (both axes) is kept
    every that many steps, for drawing how the decision region evolves. With test =
    (X_test, y_test), the loss and accuracy on those held-out examples are kept at every step
    too (they never move a weight). Whether the run diverged is the rule descent.diverged_at;
    it ends early only if its numbers overflow.
    """
    pictures = steps // snapshot_every + 1 if snapshot_every else 0
    if pictures * resolution**2 > _MAX_SNAPSHOT_CELLS:
        raise ValueError(f"snapshot_every = {snapshot_every} keeps {pictures} pictures: too much "
                         "memory; choose a larger snapshot_every or a smaller resolution")
    net, cells = net.copy(), data.grid(limits, limits, resolution)[2]
    snapshots, history = {}, []  # history: [loss, accuracy (, test loss, test accuracy)] a step
    # An overflow (numpy's, or a number the helpers refuse as too large) ends the run.
    with np.errstate(over="raise", divide="raise", invalid="raise"), suppress(FloatingPointError):
        for k in range(steps + 1):
            loss = gradients(net, X, y)  # the loss after k updates, and its gradient
            right = float(np.mean((net.layers[-1].A[:, 0] >= 0.5) == (y == 1)))
            history.append([loss, right, *(_measure(net, *test) if test else ())])
            if snapshot_every and k % snapshot_every == 0:
                snapshots[k] = net.predict(cells).reshape(resolution, resolution)
            if k < steps:
                _update(net, lr)
    if not history:
        raise ValueError("the network's loss is too large even before training: use smaller "
                         "weights or X")
    history, stopped_early = np.array(history), len(history) <= steps
    losses = history[:, 0]
    return TrainingResult(
        losses=losses, lr=lr, stopped_early=stopped_early,
        diverged_at=descent.diverged_at([*losses, np.inf] if stopped_early else losses),
        net=net, snapshots=snapshots, accuracies=history[:, 1],
        test_losses=history[:, 2] if test else None,
        test_accuracies=history[:, 3] if test else None)


@_validate.arguments(**_validate.CLASSIFIER_BATCH)
def accuracy(net: Network, X: np.ndarray, y: np.ndarray) -> float:
    """The fraction of rows of X the network puts in the right class (threshold 0.5).
    Notebooks 04 and 05.

    net: a Network ending in one sigmoid neuron (a probability of class 1), X: (n, inputs),
    y: (n,) 0/1 targets.
    """
    return _measure(net, X, y)[1]


@_validate.arguments(**_validate.CLASSIFIER_BATCH)
def check_backpropagation(net: Network, X: np.ndarray, y: np.ndarray
                          ) -> list[tuple[str, descent.GradientCheck]]:
    """Backpropagation's gradients against finite differences (descent.gradient_check), for
    every weight matrix and bias vector of `net` on the batch (X, y).
    Returns [(name, GradientCheck), ...]. Notebook 04."""
    if net.parameter_count * len(X) > _MAX_CHECK_WORK:
        raise ValueError(f"a gradient check of {net.parameter_count:,} parameters on {len(X):,} "
                         "examples would take too long; use fewer rows (X[:20], y[:20])")
    net = net.copy()
    gradients(net, X, y)
    exact = [grad.copy() for grad in net.gradients()]

    def loss(_: np.ndarray) -> float:
        # gradient_check nudges the network's own array in place, so the network sees it.
        net.forward(X)
        return _cross_entropy(y, net.layers[-1].Z[:, 0])

    names = [f"layer {i + 1} {kind}" for i in range(len(net.layers)) for kind in ("W", "b")]
    return [(name, descent.gradient_check(loss, lambda _, grad=grad: grad, parameter))
            for name, parameter, grad in zip(names, net.parameters(), exact, strict=True)]
