"""One neuron: a weighted sum, a step, and the perceptron learning rule. Notebook 01.

    z = w · x + b        (the weighted sum)
    a = step(z)          (1 if z ≥ 0, else 0)

The learning rule visits the points in turn and, for each one it gets wrong, nudges the line
toward it:  w ← w + lr·(y − a)·x,  b ← b + lr·(y − a).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate
from .activations import step


def weighted_sum(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """z = X·w + b for every row of X.  X: (n, d), w: (d,), b: a number → z: (n,)."""
    X = _validate.points(X)
    w = _validate.array(w, "w", ndim=1)
    if w.shape[0] != X.shape[1]:
        raise ValueError(
            f"X has {X.shape[1]} columns but w has {w.shape[0]} weights; the perceptron needs "
            "one weight per input column"
        )
    b = _validate.number(b, "b")
    with np.errstate(over="ignore", invalid="ignore"):
        z = X @ w + b
    if not np.all(np.isfinite(z)):
        raise ValueError("the weighted sums X·w + b are too large for a float; use smaller "
                         "weights or inputs")
    return z


def predict(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """The perceptron's 0/1 output step(X·w + b) for every row of X: (n,)."""
    return step(weighted_sum(X, w, b))


def count_misclassified(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> int:
    """How many rows of X the line w·x + b = 0 puts on the wrong side."""
    predictions = predict(X, w, b)
    y = _validate.labels(y, len(predictions))
    return int(np.sum(predictions != y))


def decision_line(
    w: np.ndarray, b: float, xlim: tuple[float, float] = (-3.0, 3.0)
) -> tuple[np.ndarray, np.ndarray]:
    """Two points (xs, ys) on the line w₁x₁ + w₂x₂ + b = 0, spanning `xlim` for drawing.

    When w₂ is 0 the line is vertical (x₁ = −b/w₁); when both weights are 0 there is no line
    and both arrays hold NaN, which matplotlib simply does not draw (as when the line lies
    further away than a float can say).
    """
    w = _validate.array(w, "w", ndim=1)
    if w.shape != (2,):
        raise ValueError(f"w should hold two weights (w1, w2), got shape {w.shape}")
    b = _validate.number(b, "b")
    xlim = _validate.interval(xlim, "xlim")
    w1, w2 = w
    with np.errstate(over="ignore", invalid="ignore"):
        if abs(w2) > 1e-12:
            xs = np.array(xlim, dtype=float)
            ys = -(w1 * xs + b) / w2
            if np.all(np.isfinite(ys)):
                return xs, ys
        if abs(w1) > 1e-12:
            # Vertical, or so nearly vertical that the slope overflows a float.
            x1 = -b / w1
            if np.isfinite(x1):
                return np.full(2, x1), np.array(xlim, dtype=float)
    # No line (both weights 0), or one too far away to be represented: nothing to draw.
    return np.full(2, np.nan), np.full(2, np.nan)


# Point visits (rows × passes) one call to learn may make: a few seconds at most.
MAX_VISITS = 1_000_000


def update(w: np.ndarray, b: float, x: np.ndarray, y: float, lr: float
           ) -> tuple[np.ndarray, float]:
    """The perceptron rule on one point x (d,) with target y: a = step(w·x + b), then
    w ← w + lr·(y − a)·x and b ← b + lr·(y − a); nothing changes when the point is right.
    Returns the new (w, b). (Unchecked: `learn` calls it on inputs it has checked.)"""
    error = y - step.unchecked(x @ w + b)
    return w + lr * error * x, b + lr * error


@dataclass(frozen=True)
class PerceptronHistory:
    """Every state the learning rule went through, one row per update (row 0 is the start).

    weights: (k+1, d), biases: (k+1,), point: (k+1,) index of the point that caused each update
    (−1 for the start), mistakes: (k+1,) misclassified count after each update.
    """

    weights: np.ndarray
    biases: np.ndarray
    point: np.ndarray
    mistakes: np.ndarray
    converged: bool
    epochs: int
    blew_up: bool = False

    @property
    def updates(self) -> int:
        """How many times the rule changed the weights."""
        return len(self.biases) - 1

    @property
    def message(self) -> str:
        """What happened, in words."""
        if self.blew_up:
            return (f"stopped: the weights grew past the largest number a computer can hold "
                    f"after {self.updates} updates (choose a smaller learning rate)")
        if self.converged:
            return (
                f"converged: every point correct after {self.updates} updates "
                f"({self.epochs} passes over the data)"
            )
        return (
            f"did not converge: {int(self.mistakes[-1])} point(s) still wrong after "
            f"{self.epochs} passes ({self.updates} updates)"
        )


def learn(
    X: np.ndarray,
    y: np.ndarray,
    lr: float = 0.1,
    max_epochs: int = 20,
    w0: np.ndarray | None = None,
    b0: float = 0.0,
) -> PerceptronHistory:
    """Run the perceptron learning rule and keep every update.

    X: (n, d) inputs, y: (n,) 0/1 targets, lr: the learning rate (> 0), max_epochs: passes over
    the data before giving up (XOR never converges). w0, b0: the starting line (zeros by default).
    """
    X = _validate.points(X)
    y = _validate.labels(y, X.shape[0])
    lr = _validate.positive(lr, "lr")
    max_epochs = _validate.count(max_epochs, "max_epochs", maximum=_validate.MAX_EPOCHS)
    if X.shape[0] > _validate.MAX_POINTS:
        raise ValueError(f"X should have at most {_validate.MAX_POINTS:,} rows, got "
                         f"{X.shape[0]:,}")
    if X.shape[0] * max_epochs > MAX_VISITS:
        raise ValueError(f"max_epochs should be at most {MAX_VISITS // X.shape[0]:,} for "
                         f"{X.shape[0]:,} points, got {max_epochs:,}: that many passes would "
                         "take too long")
    w = np.zeros(X.shape[1]) if w0 is None else _validate.array(w0, "w0", ndim=1).copy()
    if w.shape[0] != X.shape[1]:
        raise ValueError(f"w0 should have {X.shape[1]} weights, got {w.shape[0]}")
    b = _validate.number(b0, "b0")

    def mistakes() -> int:
        return int(np.sum(step.unchecked(X @ w + b) != y))

    epoch = 0
    # An absurd learning rate can push the weights past the largest float; that is caught
    # below and reported, so numpy need not warn about it.
    with np.errstate(over="ignore", invalid="ignore"):
        weights, biases, points, wrong = [w.copy()], [b], [-1], [mistakes()]
        converged, blew_up = wrong[0] == 0, False
        while not (converged or blew_up) and epoch < max_epochs:
            epoch += 1
            for i in range(X.shape[0]):
                new_w, new_b = update(w, b, X[i], y[i], lr)
                if new_b != b or np.any(new_w != w):
                    w, b = new_w, new_b
                    if not (np.all(np.isfinite(w)) and np.isfinite(b)):
                        blew_up = True
                        break
                    weights.append(w.copy())
                    biases.append(b)
                    points.append(i)
                    wrong.append(mistakes())
            converged = wrong[-1] == 0
    return PerceptronHistory(
        weights=np.array(weights),
        biases=np.array(biases),
        point=np.array(points),
        mistakes=np.array(wrong),
        converged=bool(converged),
        epochs=epoch,
        blew_up=blew_up,
    )
