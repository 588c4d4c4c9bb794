"""Training a network by full-batch gradient descent on binary cross-entropy. Notebooks 04 and
05. Mini-batch training is in `minibatch`.

One training step, as notebook 04 builds it (`gradients` and `step` below):

    p = net.predict(X)                  forward pass: one probability per example
    J = BCE(y, p)                       the loss: how wrong, as one number
    net.backward(dJ/dp)                 backward pass: the gradient of J for every W and b
    W ← W − lr · dJ/dW                  descent.update, for every W and b
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import _validate, activations, data, descent, losses
from .network import Network

# Snapshot pictures kept by one run, counted in grid cells (8 bytes each): 50 million = 400 MB.
MAX_SNAPSHOT_CELLS = 50_000_000
# check_backpropagation runs two forward passes per parameter: parameters × examples below this.
MAX_CHECK_WORK = 10_000_000


@dataclass(frozen=True)
class TrainingResult(descent.Run):
    """What a training run went through (a descent.Run: losses, lr, diverged_at).

    losses: (steps + 1,) the loss on the whole training set before each step and after the last
    one; accuracies: the fraction of training points in the right class at the same moments;
    net: the trained network; snapshots: the network's output over a grid at chosen steps
    ({step: (resolution, resolution) array}). With a test set (train(..., test=(X, y))),
    test_losses and test_accuracies at the same moments. Mini-batch runs (train_sgd) also keep
    batch_losses, the loss on the batch each update used, and their batch_size and epochs.
    """

    net: Network = None
    snapshots: dict[int, np.ndarray] = field(default_factory=dict)
    accuracies: np.ndarray | None = None
    test_losses: np.ndarray | None = None
    test_accuracies: np.ndarray | None = None
    batch_losses: np.ndarray | None = None
    batch_size: int | None = None
    epochs: int | None = None

    @property
    def message(self) -> str:
        if self.diverged:
            return f"learning rate {self.lr:g}: " + self._diverged_words()
        if self.batch_size is None:
            return (f"learning rate {self.lr:g}: loss {self.losses[0]:.3f} → "
                    f"{self.losses[-1]:.3f} in {self.steps} steps")
        return (f"learning rate {self.lr:g}, batches of {self.batch_size}: loss "
                f"{self.losses[0]:.3f} → {self.losses[-1]:.3f} in {self.epochs} epochs "
                f"({self.steps} steps)")


def _classifier(net: object) -> Network:
    """net must be a Network ending in one sigmoid neuron (a probability of class 1)."""
    if not isinstance(net, Network):
        raise TypeError(f"net should be a Network, got {type(net).__name__}")
    if net.sizes[-1] != 1 or net.layers[-1].activation != "sigmoid":
        raise ValueError("net should end in one sigmoid neuron (a probability of class 1), "
                         f"got {net}")
    return net


def _checked(net: object, X: object, y: object) -> tuple[Network, np.ndarray, np.ndarray]:
    net = _classifier(net)
    X = _validate.points(X, columns=net.sizes[0])
    return net, X, _validate.labels(y, X.shape[0])


def gradients(net: Network, X: np.ndarray, y: np.ndarray) -> float:
    """Forward and backward on the batch: fills every layer's grad_W and grad_b with the gradient
    of the mean cross-entropy J, and returns J (NaN if the weights grew so large that the output
    is not a number). Notebook 04.

    J is computed from the output layer's Z (losses.binary_cross_entropy_from_logits), so it is
    the true loss even where p rounds to 0 or 1. Backpropagation starts from
    dJ/dp = (p − y) / (p(1 − p)) / n; the output layer's backward multiplies it by
    σ'(Z) = p(1 − p), leaving the simple dJ/dZ = (p − y) / n of notebook 04. p(1 − p) is taken as
    σ'(Z) itself, computed from Z, so the two cancel to the last digit.
    """
    try:
        p = net.forward(X)[:, 0]
    except ValueError:
        _validate.points(X, columns=net.sizes[0])  # a bad X is said as such;
        return float("nan")  # otherwise the weights grew too large for a float
    Z = net.layers[-1].Z[:, 0]
    loss = losses.binary_cross_entropy_from_logits(y, Z)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        seed = ((p - y) / (activations.sigmoid_slope.unchecked(Z) * len(y)))[:, None]
    try:
        net.backward(seed)
    except ValueError:  # gradients too large for a float: no sensible step, the run diverged
        for layer in net.layers:
            layer.grad_W = np.full_like(layer.W, np.nan)
            layer.grad_b = np.full_like(layer.b, np.nan)
    return loss


def step(net: Network, X: np.ndarray, y: np.ndarray, lr: float) -> float:
    """One gradient-descent update of every weight and bias on the whole batch (net changes in
    place); returns the loss before it. X: (n, inputs), y: (n,) 0/1 targets, lr > 0. If the
    update would push a weight past the largest float, the net is left as it was and the
    result is NaN (the run cannot go on)."""
    if not (type(lr) is float and 0 < lr < np.inf):  # the usual call passes at once
        lr = _validate.positive(lr, "lr")
    loss = gradients(_classifier(net), X, y)
    return loss if loss == loss and _update(net, lr) else float("nan")


def _update(net: Network, lr: float) -> bool:
    """Every weight and bias ← descent.update(it, its gradient, lr), unless one would not be a
    finite number; then nothing changes and the answer is False."""
    with np.errstate(over="ignore", invalid="ignore"):
        new = [descent.update(p, g, lr) for p, g in zip(net.parameters(), net.gradients(),
                                                         strict=True)]
    if not all(np.isfinite(value).all() for value in new):
        return False
    for parameter, value in zip(net.parameters(), new, strict=True):
        parameter[...] = value
    return True


def _test_set(test: object, net: Network) -> tuple[np.ndarray, np.ndarray] | None:
    if test is None:
        return None
    if not isinstance(test, tuple | list) or len(test) != 2:
        raise TypeError("test should be a pair (X_test, y_test), got "
                        f"{_validate._describe(test)}")
    X_test = _validate.points(test[0], "X_test", columns=net.sizes[0])
    return X_test, _validate.labels(test[1], X_test.shape[0], "y_test")


def _measure(net: Network, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(loss, accuracy) of net on (X, y), without touching any gradient; NaN if it overflows."""
    try:
        p = net.forward(X)[:, 0]
    except ValueError:
        return float("nan"), float("nan")
    loss = losses.binary_cross_entropy_from_logits(y, net.layers[-1].Z[:, 0])
    return loss, float(np.mean((p >= 0.5) == (y == 1)))


def _snapshots_fit(count: int, resolution: int, snapshot_every: int) -> None:
    if count * resolution**2 > MAX_SNAPSHOT_CELLS:
        raise ValueError(
            f"snapshot_every = {snapshot_every} with resolution = {resolution} keeps "
            f"{count} pictures of {resolution}×{resolution}: too much "
            f"memory; choose a larger snapshot_every or a smaller resolution")


def train(net: Network, X: np.ndarray, y: np.ndarray, lr: float, steps: int,
          snapshot_every: int | None = None, limits: tuple[float, float] = (-2.0, 3.0),
          resolution: int = 60, test: tuple[np.ndarray, np.ndarray] | None = None
          ) -> TrainingResult:
    """Train a copy of `net` (the original is left as it was) by full-batch gradient descent.

    X: (n, inputs), y: (n,) 0/1 targets, lr > 0, steps ≥ 1. With `snapshot_every`, the
    network's output over a resolution × resolution grid covering `limits` (both axes) is kept
    every that many steps, for drawing how the decision region evolves. With test =
    (X_test, y_test), the loss and accuracy on those held-out examples are kept at every step
    too (they never move a weight). Whether the run diverged is the rule descent.diverged_at; it
    stops early only if its numbers overflow.
    """
    net, X, y = _checked(net, X, y)
    lr = _validate.positive(lr, "lr")
    steps = _validate.count(steps, "steps", maximum=_validate.MAX_STEPS)
    if snapshot_every is not None:
        snapshot_every = _validate.count(snapshot_every, "snapshot_every",
                                         maximum=_validate.MAX_STEPS)
    limits = _validate.interval(limits, "limits")
    resolution = _validate.count(resolution, "resolution", minimum=2,
                                 maximum=_validate.MAX_RESOLUTION)
    held_out = _test_set(test, net)
    if snapshot_every:
        _snapshots_fit(steps // snapshot_every + 1, resolution, snapshot_every)
    net = net.copy()
    cells = data.grid(limits, limits, resolution)[2] if snapshot_every else None
    snapshots, history, right, tested, stopped_early = {}, [], [], [], False
    for k in range(steps + 1):
        if snapshot_every and k % snapshot_every == 0:
            snapshots[k] = net.predict(cells).reshape(resolution, resolution)
        if held_out is not None:
            tested.append(_measure(net, *held_out))
        loss = gradients(net, X, y)  # the loss after k updates, and its gradient
        if not np.isfinite(loss):
            stopped_early = True
            break
        history.append(loss)
        right.append(float(np.mean((net.layers[-1].A[:, 0] >= 0.5) == (y == 1))))
        if k < steps and not _update(net, lr):  # the next update would overflow
            stopped_early = True
            break
    if not history:
        raise ValueError("the network's output is not a finite number even before training: "
                         "its weights or X are too large; use smaller values")
    tested = np.array(tested[:len(history)]).reshape(-1, 2)
    where = descent.diverged_at([*history, np.inf] if stopped_early else history)
    return TrainingResult(
        losses=np.array(history), lr=lr, diverged_at=where, stopped_early=stopped_early,
        net=net, snapshots=snapshots, accuracies=np.array(right),
        test_losses=tested[:, 0] if held_out is not None else None,
        test_accuracies=tested[:, 1] if held_out is not None else None)


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


def check_backpropagation(net: Network, X: np.ndarray, y: np.ndarray
                          ) -> list[tuple[str, descent.GradientCheck]]:
    """Backpropagation's gradients against finite differences (descent.gradient_check), for
    every weight matrix and bias vector of `net` on the batch (X, y).
    Returns [(name, GradientCheck), ...]. Notebook 04."""
    net, X, y = _checked(net, X, y)
    if net.parameter_count * X.shape[0] > MAX_CHECK_WORK:
        raise ValueError(f"a gradient check of {net.parameter_count:,} parameters on "
                         f"{X.shape[0]:,} examples would take too long; check on fewer rows "
                         "of X (X[:20], y[:20]) or a smaller network")
    net = net.copy()
    gradients(net, X, y)
    exact = [g.copy() for g in net.gradients()]

    def loss(_: np.ndarray) -> float:
        # gradient_check nudges the network's own array in place, so the network sees it.
        net.forward(X)
        return losses.binary_cross_entropy_from_logits(y, net.layers[-1].Z[:, 0])

    names = [f"layer {i + 1} {kind}" for i in range(len(net.layers)) for kind in ("W", "b")]
    return [(name, descent.gradient_check(loss, lambda _, g=gradient: g, parameter))
            for name, parameter, gradient in zip(names, net.parameters(), exact, strict=True)]
