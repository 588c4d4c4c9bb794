"""Ten classes instead of two: softmax, cross-entropy over the classes and its gradient, and
training by mini-batches and epochs with a validation set and early stopping. Notebook 06.

The network is the course's own (network.Network), its last layer an identity layer with one
output per class: its Z, the **logits**, one score per class. Softmax turns a row of logits
into probabilities, and the loss is the cross-entropy of the right class:

    P = softmax(Z)                      P[i, k] = e^Z[i, k] / Σⱼ e^Z[i, j]: each row sums to 1
    J = −mean over i of log P[i, y_i]   the cross-entropy over the classes
    dJ/dZ = (P − onehot(y)) / n         where backpropagation starts (`cross_entropy_grad`)

One training step (`gradients` and `step`), as in notebook 04, from that dJ/dZ:

    Z = net.forward(X)                  forward pass: the logits
    net.backward((P − onehot(y)) / n)   backward pass
    W ← W − lr · dJ/dW                  descent.update, for every W and b

Mini-batches and epochs (`train`): each epoch shuffles the training examples and cuts them into
batches; each batch gives one step. After each epoch the loss and accuracy on the training set
and on the validation set are measured; early stopping (`early_stopping`, the one place that
rule is written) ends training when the validation loss has not improved for `patience`
epochs, and keeps the weights of the best epoch.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass

import numpy as np

from . import _validate, descent, learning_rate
from .network import Network

# The most classes a label or a confusion matrix may name: far beyond the course's ten.
MAX_CLASSES = 1_000


# --- Checks at the door -----------------------------------------------------------------------


def _logit_network(value: object, name: str) -> Network:
    """A Network whose last layer gives one logit per class: identity activation, 2+ units."""
    if not isinstance(value, Network):
        raise TypeError(f"{name} should be a Network, got {type(value).__name__}")
    if value.sizes[-1] < 2 or value.layers[-1].activation != "identity":
        raise ValueError(f"{name} should end in an identity layer of one logit per class (at "
                         f"least 2), got {value} ending in {value.layers[-1]}")
    return value


def _labels(value: object, name: str, n: int | None = None) -> np.ndarray:
    """Class labels: a 1-D array of whole numbers from 0 (n of them, if given)."""
    labels = _validate.array(value, name, ndim=1, empty=False)
    if n is not None and len(labels) != n:
        raise ValueError(f"{name} should have one label per example ({n}), got {len(labels)}")
    if np.any(labels != np.round(labels)) or labels.min() < 0 or labels.max() >= MAX_CLASSES:
        raise ValueError(f"{name} should hold class labels, whole numbers from 0 to "
                         f"{MAX_CLASSES - 1}, got values from {labels.min():g} to "
                         f"{labels.max():g}")
    return labels.astype(int)


def _labels_for(value: object, name: str, X: np.ndarray) -> np.ndarray:
    """Class labels, one per row of X."""
    return _labels(value, name, len(X))


def _labels_within(labels: np.ndarray, name: str, classes: int, where: str) -> np.ndarray:
    if labels.max() >= classes:
        raise ValueError(f"{name} holds the class {labels.max()}, but {where} has {classes} "
                         f"classes (0 to {classes - 1})")
    return labels


def _logits(value: object, name: str) -> np.ndarray:
    """Logits Z: (n, classes), bounded numbers, at least one row and two classes."""
    Z = _validate.points(value, name, values="bounded")
    if Z.shape[1] < 2:
        raise ValueError(f"{name} should have one column per class, at least 2, got shape "
                         f"{Z.shape}")
    return Z


def _labels_of(value: object, name: str, Z: np.ndarray) -> np.ndarray:
    """Class labels, one per row of Z, each one of its columns."""
    return _labels_within(_labels(value, name, len(Z)), name, Z.shape[1], "Z")


def _inputs_for(value: object, name: str, net: object) -> np.ndarray:
    """Inputs X for a network of logits (net itself is checked first, by its name)."""
    return _validate.batch_for(value, name, _logit_network(net, "net"))


def _network_for(value: object, name: str, y: np.ndarray) -> Network:
    """A network of logits with a logit for every class in y."""
    net = _logit_network(value, name)
    _labels_within(y, "y", net.sizes[-1], name)
    return net


def _held_out(value: object, name: str, net: Network) -> tuple[np.ndarray, np.ndarray]:
    """A held-out pair (X_val, y_val) for the network net."""
    if not (isinstance(value, tuple | list) and len(value) == 2):
        raise TypeError(f"{name} should be a pair (X_val, y_val), got {value!r:.40}")
    X = _validate.batch_for(value[0], f"{name}[0]", net)
    y = _labels_within(_labels(value[1], f"{name}[1]", len(X)), f"{name}[1]", net.sizes[-1],
                       "net")
    return X, y


# The door of every function that takes a network of logits and a batch: net, X, y (checked in
# this order, so that y can be held to the rows of X and then net to the classes in y).
_BATCH = {"X": (_inputs_for, "net"), "y": (_labels_for, "X"), "net": (_network_for, "y")}


# --- Softmax and cross-entropy ----------------------------------------------------------------


def _softmax(Z: np.ndarray) -> np.ndarray:
    # e^(z − max z) / Σ e^(z − max z): the same P (the factor e^−max cancels), and no e^z of a
    # large z can overflow, since every exponent is 0 or below.
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def _cross_entropy(y: np.ndarray, Z: np.ndarray) -> float:
    # −log P[i, y] = log Σⱼ e^Z[i, j] − Z[i, y], from Z itself: exact even where P rounds to 0.
    top = Z.max(axis=1)
    log_sums = top + np.log(np.exp(Z - top[:, None]).sum(axis=1))
    return float(np.mean(log_sums - Z[np.arange(len(y)), y]))


def _cross_entropy_grad(y: np.ndarray, Z: np.ndarray) -> np.ndarray:
    grad = _softmax(Z)
    grad[np.arange(len(y)), y] -= 1  # P − onehot(y)
    return grad / len(y)


@_validate.arguments(y=_labels, classes=_validate.whole(2, MAX_CLASSES))
def one_hot(y: np.ndarray, classes: int = 10) -> np.ndarray:
    """onehot(y): (n, classes), row i all zeros but a 1 in column y[i]. Notebook 06."""
    _labels_within(y, "y", classes, "classes")
    return (y[:, None] == np.arange(classes)).astype(float)


@_validate.arguments(Z=_logits)
def softmax(Z: np.ndarray) -> np.ndarray:
    """Each row of logits Z (n, classes) turned into probabilities that add up to 1:
    P[i, k] = e^Z[i, k] / Σⱼ e^Z[i, j]. Returns P, shaped like Z. Notebook 06."""
    return _softmax(Z)


@_validate.arguments(Z=_logits, y=(_labels_of, "Z"))
def cross_entropy(y: np.ndarray, Z: np.ndarray) -> float:
    """The cross-entropy over the classes, from the logits: the mean over the examples of
    −log P[i, y_i], P = softmax(Z). y: (n,) labels; Z: (n, classes). Notebook 06."""
    return _cross_entropy(y, Z)


@_validate.arguments(Z=_logits, y=(_labels_of, "Z"))
def cross_entropy_grad(y: np.ndarray, Z: np.ndarray) -> np.ndarray:
    """dJ/dZ of cross_entropy: (softmax(Z) − onehot(y)) / n, shaped like Z. Notebook 06."""
    return _cross_entropy_grad(y, Z)


# --- The network on a batch -------------------------------------------------------------------


@_validate.arguments(**_BATCH)
def gradients(net: Network, X: np.ndarray, y: np.ndarray) -> float:
    """Forward and backward on the batch: fills every layer's grad_W and grad_b with the
    gradient of the cross-entropy J over the classes, and returns J. Notebook 06.

    net: a Network ending in an identity layer of one logit per class; X: (n, inputs);
    y: (n,) class labels. Backpropagation starts from dJ/dZ = (P − onehot(y)) / n."""
    return _gradients(net, X, y)


def _gradients(net: Network, X: np.ndarray, y: np.ndarray) -> float:
    Z = net.forward(X)
    net.backward(_cross_entropy_grad(y, Z))
    return _cross_entropy(y, Z)


def _update(net: Network, lr: float) -> None:
    """descent.update of every weight and bias against its gradient, in place."""
    for parameter, grad in zip(net.parameters(), net.gradients(), strict=True):
        parameter[...] = descent.update(parameter, grad, lr)


@_validate.arguments(**_BATCH)
def step(net: Network, X: np.ndarray, y: np.ndarray, lr: float) -> float:
    """One training step on the batch: gradients, then descent.update of every weight and
    bias in place (net changes); returns the loss before the update. Notebook 06."""
    return _step(net, X, y, lr)


def _step(net: Network, X: np.ndarray, y: np.ndarray, lr: float) -> float:
    # The loops below call this one: their doors have checked net, X, y and lr once.
    loss = _gradients(net, X, y)
    _update(net, lr)
    return loss


@_validate.arguments(X=(_inputs_for, "net"))
def predict(net: Network, X: np.ndarray) -> np.ndarray:
    """The class of each row of X: the one with the largest logit (and so the largest
    probability). Returns (n,) whole numbers. Notebook 06."""
    return np.argmax(net.forward(X), axis=1)


def _measure(net: Network, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(loss, accuracy) of net on (X, y), without touching any gradient."""
    Z = net.forward(X)
    return _cross_entropy(y, Z), float(np.mean(np.argmax(Z, axis=1) == y))


@_validate.arguments(**_BATCH)
def accuracy(net: Network, X: np.ndarray, y: np.ndarray) -> float:
    """The fraction of rows of X whose predicted class is y. Notebook 06."""
    return _measure(net, X, y)[1]


@_validate.arguments(y=_labels, predicted=(_labels_for, "y"),
                     classes=_validate.whole(2, MAX_CLASSES))
def confusion_matrix(y: np.ndarray, predicted: np.ndarray, classes: int = 10) -> np.ndarray:
    """counts[t, p]: how many examples of class t were predicted as class p. Row t holds every
    example of class t (its sum), column p every example predicted p; the diagonal holds the
    right ones. y, predicted: (n,) labels. Returns (classes, classes) whole numbers.
    Notebook 06."""
    for labels, name in ((y, "y"), (predicted, "predicted")):
        _labels_within(labels, name, classes, "classes")
    counts = np.zeros((classes, classes), dtype=int)
    np.add.at(counts, (y, predicted), 1)
    return counts


# --- Early stopping ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Stop:
    """Where early stopping ends a run: `stop`, the epoch after which training stops, and
    `best`, the epoch whose weights it keeps (the lowest validation loss up to the stop);
    `patience_ran_out`: the rule stopped it (rather than the last epoch)."""

    stop: int
    best: int
    patience_ran_out: bool

    def __iter__(self):
        return iter((self.stop, self.best))


@_validate.arguments(losses=_validate.losses, patience=_validate.whole())
def early_stopping(losses, patience: int) -> Stop:
    """The early-stopping rule, the one place it is written. Notebook 06.

    losses: the validation loss after each epoch (losses[0] before training, any numbers:
    a NaN is never an improvement). Read as training sees them, epoch by epoch: the best epoch
    so far is the one with the lowest loss (an equal loss is no improvement); training stops
    after the first epoch that is `patience` epochs past the best so far, or after the last
    epoch. Returns Stop(stop, best): only epochs up to the stop are ever looked at.
    """
    best = 0
    for epoch in range(1, len(losses)):
        if losses[epoch] < losses[best]:
            best = epoch
        elif epoch - best >= patience:
            return Stop(epoch, best, True)
    return Stop(len(losses) - 1, best, False)


# --- Training by mini-batches and epochs ------------------------------------------------------


@dataclass(frozen=True)
class EpochRun:
    """What training by epochs went through.

    losses, accuracies: (epochs + 1,) the loss and accuracy on the whole training set before
    training and after each epoch; validation_losses, validation_accuracies: the same on the
    validation set (None without one); batch_losses: (steps,) the loss of the batch each step
    used; lr, batch_size; steps: how many updates were made; best_epoch: the epoch of lowest
    validation loss (the last without a validation set); net: the trained network, with the
    weights of best_epoch when early stopping ended the run; networks: a copy of the network
    after each epoch (epoch 0 first), if kept. diverged_at: the epoch from which the training
    loss diverged (descent.diverged_at, on the loss after each epoch), or None; stopped_early:
    the numbers overflowed and the run ended there; early_stopped: early stopping ended it.
    """

    losses: np.ndarray
    accuracies: np.ndarray
    validation_losses: np.ndarray | None
    validation_accuracies: np.ndarray | None
    batch_losses: np.ndarray
    lr: float
    batch_size: int
    steps: int
    best_epoch: int
    net: Network
    networks: tuple[Network, ...] = ()
    diverged_at: int | None = None
    stopped_early: bool = False
    early_stopped: bool = False

    @property
    def epochs(self) -> int:
        """How many epochs were run (the losses hold one more: the start)."""
        return len(self.losses) - 1

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None

    @property
    def steps_per_epoch(self) -> int:
        """Updates in one epoch: one per batch, the last batch maybe smaller."""
        return self.steps // self.epochs if self.epochs and not self.stopped_early else 0

    @property
    def message(self) -> str:
        where = (f"η = {self.lr:.3g}, batches of {self.batch_size}: {self.epochs} epochs, "
                 f"{self.steps} steps")
        if self.diverged:
            return (f"{where}: diverged at epoch {self.diverged_at}: the training loss rose "
                    "above its start and never came back down"
                    + ("; the numbers overflowed and the run stopped" if self.stopped_early
                       else ""))
        words = f"{where}: training loss {self.losses[0]:.3f} → {self.losses[-1]:.3f}"
        if self.validation_losses is None:
            return words
        stopped = " (early stopping)" if self.early_stopped else ""
        return (words + f"; lowest validation loss {self.validation_losses[self.best_epoch]:.3f}"
                f" at epoch {self.best_epoch}{stopped}, "
                f"{self.validation_accuracies[self.best_epoch]:.1%} of validation examples right")


def _batches(n: int, batch_size: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    """The rows of one epoch: a fresh shuffle of range(n), cut into batches of batch_size (the
    last one maybe smaller)."""
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


@_validate.arguments(**_BATCH, epochs=_validate.whole(maximum=_validate.MAX_EPOCHS),
                     batch_size=(_validate.batch_size, "X"),
                     validation=(_validate.optional(_held_out), "net"),
                     patience=_validate.optional(_validate.whole()))
def train(net: Network, X: np.ndarray, y: np.ndarray, lr: float, epochs: int, batch_size: int,
          seed: int = 0, validation: tuple[np.ndarray, np.ndarray] | None = None,
          patience: int | None = None, keep_networks: bool = False) -> EpochRun:
    """Train a copy of `net` (the original is left as it was) by mini-batch gradient descent
    for up to `epochs` epochs. Notebook 06.

    Each epoch shuffles the training examples (a generator seeded with `seed`: a run is
    repeatable) and cuts them into batches of `batch_size`; each batch gives one `step`.
    batch_size = len(X) is full-batch gradient descent: one step per epoch. After each epoch
    the loss and accuracy are measured on all of X, and on validation = (X_val, y_val) if
    given. With `patience` (and a validation set), early stopping ends the run as the rule
    `early_stopping` says and the network returned has the weights of the best epoch. With
    keep_networks, a copy of the network after every epoch is kept (for drawing). The
    divergence rule (descent.diverged_at) judges the training loss after each epoch; the run
    ends early only if its numbers overflow.
    """
    if patience is not None and validation is None:
        raise ValueError("patience needs a validation set: early stopping watches the "
                         "validation loss (pass validation=(X_val, y_val))")
    _validate.count(epochs * -(-len(X) // batch_size), "epochs × batches",
                    maximum=_validate.MAX_STEPS)
    rng, net = np.random.default_rng(seed), net.copy()
    history, batch_losses, networks, best = [], [], [], net.copy()

    def measure() -> None:  # the whole training set (and the validation set), as net is now
        history.append([*_measure(net, X, y), *(_measure(net, *validation) if validation
                                                 else ())])
        if keep_networks:
            networks.append(net.copy())

    measure()  # before the first step, outside the loop: an overflow there is an error
    early_stopped = False
    # An overflow (numpy's, or a number the helpers refuse as too large) ends the run.
    with np.errstate(over="raise", divide="raise", invalid="raise"), suppress(FloatingPointError):
        for epoch in range(1, epochs + 1):
            for batch in _batches(len(X), batch_size, rng):
                batch_losses.append(_step(net, X[batch], y[batch], lr))
            measure()
            if validation is not None and patience is not None:
                stop = early_stopping([row[2] for row in history], patience)
                if stop.best == epoch:
                    best = net.copy()
                if stop.patience_ran_out:
                    early_stopped = epoch < epochs
                    break
    history = np.array(history)
    losses = history[:, 0]
    stopped_early = not early_stopped and len(history) <= epochs
    validation_losses = history[:, 2] if validation else None
    best_epoch = (len(losses) - 1 if validation is None
                  else early_stopping(validation_losses, patience or len(losses)).best)
    return EpochRun(
        losses=losses, accuracies=history[:, 1], validation_losses=validation_losses,
        validation_accuracies=history[:, 3] if validation else None,
        batch_losses=np.array(batch_losses), lr=lr, batch_size=batch_size,
        steps=len(batch_losses), best_epoch=best_epoch,
        net=best if patience is not None else net,
        networks=tuple(networks),
        diverged_at=descent.diverged_at([*losses, np.inf] if stopped_early else losses),
        stopped_early=stopped_early, early_stopped=early_stopped)


# --- Choosing the learning rate ---------------------------------------------------------------


def _runs_with_validation(value: object, name: str) -> dict:
    """{lr: EpochRun}, each run with a validation set."""
    if not (isinstance(value, dict) and value
            and all(isinstance(run, EpochRun) for run in value.values())):
        raise TypeError(f"{name} should be a dict {{lr: EpochRun}} of at least one run (from "
                        f"multiclass.train), got {type(value).__name__}")
    if any(run.validation_losses is None for run in value.values()):
        raise ValueError(f"{name} should hold runs with a validation set: train with "
                         "validation=(X_val, y_val)")
    return value


def _epoch_of(value: object, name: str, runs: dict) -> int | None:
    """None, or an epoch every run reached."""
    if value is None:
        return None
    reached = min(run.epochs for run in runs.values())
    return _validate.count(value, name, minimum=0, maximum=reached,
                           why=f"the shortest run has {reached} epochs")


@_validate.arguments(runs=_runs_with_validation, epoch=(_epoch_of, "runs"))
def choose_rate(runs: dict, epoch: int | None = None) -> float:
    """The validation set chooses: of runs {lr: EpochRun} (from train, with a validation set),
    the learning rate whose validation loss is lowest, at its best epoch (epoch=None) or after
    the same `epoch` in every run (a budget). Notebook 06."""
    def loss(run: EpochRun) -> float:
        value = run.validation_losses[run.best_epoch if epoch is None else epoch]
        return value if np.isfinite(value) else np.inf
    return min(runs, key=lambda lr: loss(runs[lr]))


@_validate.arguments(**_BATCH, validation=(_held_out, "net"),
                     batch_size=(_validate.batch_size, "X"))
def range_test(net: Network, X: np.ndarray, y: np.ndarray,
               validation: tuple[np.ndarray, np.ndarray], batch_size: int = 32,
               lr_min: float = 1e-3, lr_max: float = 100.0, steps: int = 100, seed: int = 0
               ) -> learning_rate.RangeTest:
    """Notebook 05's range test (learning_rate.range_test) for mini-batch training, read on the
    validation set: on a copy of `net`, each step takes one mini-batch step at the next rate
    (batches of a fresh shuffle every epoch, seeded) and records the loss on all of
    validation = (X_val, y_val) after it. Notebook 06."""
    net, rng = net.copy(), np.random.default_rng(seed)

    def batches() -> Iterator[np.ndarray]:
        while True:
            yield from _batches(len(X), batch_size, rng)

    upcoming = batches()

    def one_step(lr: float) -> float:
        batch = next(upcoming)
        _step(net, X[batch], y[batch], lr)
        return _measure(net, *validation)[0]

    return learning_rate.range_test(one_step, lr_min, lr_max, steps)

