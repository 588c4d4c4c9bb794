"""Training a network by mini-batch stochastic gradient descent, and a grid of such runs over
batch sizes and learning rates. Notebook 04.

Each batch gives one step, the same `training.gradients` and `descent.update` as full-batch
training, on a shuffled slice of the examples.
"""

from __future__ import annotations

import numpy as np

from . import _validate, descent
from .network import Network
from .training import TrainingResult, _checked, _measure, _test_set, _update, gradients

# sgd_grid trains every pair: this many runs at most.
MAX_GRID_RUNS = 100


def train_sgd(net: Network, X: np.ndarray, y: np.ndarray, lr: float, epochs: int,
              batch_size: int, seed: int = 0, test: tuple[np.ndarray, np.ndarray] | None = None
              ) -> TrainingResult:
    """Train a copy of `net` by mini-batch stochastic gradient descent. Notebook 04.

    Each epoch shuffles the training examples (a generator seeded with `seed`, so a run is
    repeatable) and cuts them into batches of `batch_size` (the last one may be smaller); each
    batch gives one step: `gradients` on that batch, then descent.update of every weight.
    losses holds the loss on the whole training set before each step and after the last (so
    the divergence rule descent.diverged_at judges the same quantity as for `train`),
    batch_losses the loss on the batch each step used (the noisy curve). With test =
    (X_test, y_test), their loss and accuracy are kept at the same moments.
    batch_size = len(X) is full-batch gradient descent, one step an epoch.
    """
    net, X, y = _checked(net, X, y)
    lr = _validate.positive(lr, "lr")
    epochs = _validate.count(epochs, "epochs", maximum=_validate.MAX_EPOCHS)
    batch_size = _validate.count(batch_size, "batch_size", maximum=_validate.MAX_POINTS)
    n = X.shape[0]
    if batch_size > n:
        raise ValueError(f"batch_size should be at most the number of examples ({n}), got "
                         f"{batch_size}")
    per_epoch = -(-n // batch_size)
    if epochs * per_epoch > _validate.MAX_STEPS:
        raise ValueError(f"{epochs} epochs of {per_epoch} batches is {epochs * per_epoch:,} "
                         f"steps, more than {_validate.MAX_STEPS:,}; use fewer epochs or "
                         "larger batches")
    rng = np.random.default_rng(_validate.count(seed, "seed", minimum=0))
    held_out = _test_set(test, net)
    net = net.copy()
    history, right, tested, batch_losses = [], [], [], []
    stopped_early = False

    def measure() -> bool:
        loss, fraction = _measure(net, X, y)
        if not np.isfinite(loss):
            return False
        history.append(loss)
        right.append(fraction)
        if held_out is not None:
            tested.append(_measure(net, *held_out))
        return True

    if not measure():
        raise ValueError("the network's output is not a finite number even before training: "
                         "its weights or X are too large; use smaller values")
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            batch = order[start:start + batch_size]
            batch_loss = gradients(net, X[batch], y[batch])
            if not (np.isfinite(batch_loss) and _update(net, lr) and measure()):
                stopped_early = True
                break
            batch_losses.append(batch_loss)
        if stopped_early:
            break
    tested = np.array(tested).reshape(-1, 2)
    where = descent.diverged_at([*history, np.inf] if stopped_early else history)
    return TrainingResult(
        losses=np.array(history), lr=lr, diverged_at=where, stopped_early=stopped_early,
        net=net, accuracies=np.array(right),
        test_losses=tested[:, 0] if held_out is not None else None,
        test_accuracies=tested[:, 1] if held_out is not None else None,
        batch_losses=np.array(batch_losses), batch_size=batch_size, epochs=epochs)


def sgd_grid(net: Network, X: np.ndarray, y: np.ndarray, batch_sizes, lrs, epochs: int,
             seed: int = 0) -> dict[tuple[int, float], TrainingResult]:
    """train_sgd for every batch size and learning rate, all from the same start and the same
    seed: {(batch_size, lr): TrainingResult}. Notebook 04 (the batch-size and η explorer)."""
    net, X, y = _checked(net, X, y)
    sizes = _choices(batch_sizes, "batch_sizes", whole=True)
    rates = _choices(lrs, "lrs", whole=False)
    if len(sizes) * len(rates) > MAX_GRID_RUNS:
        raise ValueError(f"{len(sizes)} batch sizes × {len(rates)} learning rates is "
                         f"{len(sizes) * len(rates)} runs, more than {MAX_GRID_RUNS}")
    return {(size, lr): train_sgd(net, X, y, lr=lr, epochs=epochs, batch_size=size, seed=seed)
            for size in sizes for lr in rates}


def _choices(values: object, name: str, whole: bool) -> list:
    if isinstance(values, str | bytes) or np.ndim(values) != 1 or len(values) == 0:
        raise TypeError(f"{name} should be a non-empty list of numbers, got "
                        f"{_validate._describe(values)}")
    if whole:
        return sorted({_validate.count(v, name, maximum=_validate.MAX_POINTS) for v in values})
    return sorted({_validate.positive(v, name) for v in values})


def largest_lowering_lr(runs: dict[tuple[int, float], TrainingResult], batch_size: int
                        ) -> float | None:
    """The largest learning rate whose run with this batch size ended with a lower loss on the
    training points than it started with (not diverged), or None if none did. Notebook 04."""
    lowered = [lr for (size, lr), run in runs.items()
               if size == batch_size and not run.diverged and run.losses[-1] < run.losses[0]]
    return max(lowered) if lowered else None
