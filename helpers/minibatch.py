"""Training a network by mini-batch stochastic gradient descent, and a grid of such runs over
batch sizes and learning rates. Notebook 04.

Each batch gives one step, the same `training.step` as full-batch training, on a shuffled
slice of the examples.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

import numpy as np

from . import _validate, descent, training
from .network import Network

# sgd_grid trains every pair: this many runs at most.
_MAX_GRID_RUNS = 100


@dataclass(frozen=True)
class MinibatchResult(training.TrainingResult):
    """What a mini-batch run went through (a training.TrainingResult, one step per batch):
    losses and accuracies on the whole training set before each step and after the last,
    batch_losses the loss on the batch each step used (the noisy curve), in batches of
    batch_size over `epochs` passes."""

    batch_losses: np.ndarray = None
    batch_size: int = 0
    epochs: int = 0

    @property
    def message(self) -> str:
        if self.diverged:
            return f"learning rate {self.lr:g}: " + self._diverged_words()
        return (f"learning rate {self.lr:g}, batches of {self.batch_size}: loss "
                f"{self.losses[0]:.3f} → {self.losses[-1]:.3f} in {self.epochs} epochs "
                f"({self.steps} steps)")


@_validate.arguments(**_validate.CLASSIFIER_BATCH,
                     epochs=_validate.whole(maximum=_validate.MAX_EPOCHS),
                     batch_size=(_validate.batch_size, "X"),
                     test=(_validate.optional(_validate.held_out), "net"))
def train_sgd(net: Network, X: np.ndarray, y: np.ndarray, lr: float, epochs: int,
              batch_size: int, seed: int = 0, test: tuple[np.ndarray, np.ndarray] | None = None
              ) -> MinibatchResult:
    """Train a copy of `net` by mini-batch stochastic gradient descent. Notebook 04.

    Each epoch shuffles the training examples (a generator seeded with `seed`, so a run is
    repeatable) and cuts them into batches of `batch_size` (the last one may be smaller); each
    batch gives one training.step (gradients on that batch, then descent.update of every
    weight). The divergence rule (descent.diverged_at) judges the loss on the whole training
    set, as for `training.train`. With test = (X_test, y_test), their loss and accuracy are
    kept at the same moments. batch_size = len(X) is full-batch gradient descent.
    """
    per_epoch = -(-len(X) // batch_size)  # batches in an epoch, the last one maybe smaller
    _validate.count(epochs * per_epoch, "epochs × batches", maximum=_validate.MAX_STEPS)
    rng, net, history, batch_losses = np.random.default_rng(seed), net.copy(), [], []

    def measure() -> None:  # the whole training set (and the test set) as the net is now
        history.append([*training._measure(net, X, y),
                        *(training._measure(net, *test) if test else ())])

    measure()  # before the first step, outside the loop: an overflow there is an error
    # An overflow (numpy's, or a number the helpers refuse as too large) ends the run.
    with np.errstate(over="raise", divide="raise", invalid="raise"), suppress(FloatingPointError):
        for _ in range(epochs):
            order = rng.permutation(len(X))
            for start in range(0, len(X), batch_size):
                batch = order[start:start + batch_size]
                loss = training.step(net, X[batch], y[batch], lr)  # the loss on this batch
                measure()
                batch_losses.append(loss)
    history = np.array(history)
    losses, stopped_early = history[:, 0], len(batch_losses) < epochs * per_epoch
    return MinibatchResult(
        losses=losses, lr=lr, stopped_early=stopped_early,
        diverged_at=descent.diverged_at([*losses, np.inf] if stopped_early else losses),
        net=net, accuracies=history[:, 1],
        test_losses=history[:, 2] if test else None,
        test_accuracies=history[:, 3] if test else None,
        batch_losses=np.array(batch_losses), batch_size=batch_size, epochs=epochs)


@_validate.arguments(batch_sizes=_validate.whole_numbers, lrs=_validate.positive_numbers)
def sgd_grid(net: Network, X: np.ndarray, y: np.ndarray, batch_sizes, lrs, epochs: int,
             seed: int = 0) -> dict[tuple[int, float], MinibatchResult]:
    """train_sgd for every batch size and learning rate, all from the same start and the same
    seed: {(batch_size, lr): MinibatchResult}. Notebook 04 (the batch-size and η explorer)."""
    _validate.count(len(batch_sizes) * len(lrs), "batch sizes × rates", maximum=_MAX_GRID_RUNS)
    return {(size, lr): train_sgd(net, X, y, lr=lr, epochs=epochs, batch_size=size, seed=seed)
            for size in batch_sizes for lr in lrs}


@_validate.arguments(runs=_validate.sgd_runs, batch_size=(_validate.batch_size_in, "runs"))
def largest_lowering_lr(runs: dict[tuple[int, float], MinibatchResult], batch_size: int
                        ) -> float | None:
    """The largest learning rate whose run with this batch size ended with a lower loss on the
    training points than it started with (not diverged), or None if none did. Notebook 04.

    runs: what sgd_grid returns; batch_size: one of its batch sizes."""
    lowered = [lr for (size, lr), run in runs.items()
               if size == batch_size and not run.diverged and run.losses[-1] < run.losses[0]]
    return max(lowered) if lowered else None
