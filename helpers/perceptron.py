"""One neuron: a weighted sum, a step, and the perceptron learning rule. Notebook 01.

    z = w · x + b        (the weighted sum)
    a = step(z)          (1 if z ≥ 0, else 0)

The learning rule visits the points in turn and, for each one it gets wrong, nudges the line
toward it:  w ← w + lr·(y − a)·x,  b ← b + lr·(y − a).
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

import numpy as np

from . import _validate
from .activations import step


@_validate.arguments(X=_validate.examples, w=(_validate.weights_for, "X"),
                     b=_validate.bounded_number)
def weighted_sum(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """z = X·w + b for every row of X.  X: (n, d), w: (d,), b: a number → z: (n,)."""
    return X @ w + b


def predict(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """The perceptron's 0/1 output step(X·w + b) for every row of X: (n,)."""
    return step(weighted_sum(X, w, b))


@_validate.arguments(X=_validate.examples, y=(_validate.targets_for, "X"))
def count_misclassified(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> int:
    """How many rows of X the line w·x + b = 0 puts on the wrong side."""
    return int(np.sum(predict(X, w, b) != y))


@_validate.arguments(w=_validate.line_weights, b=_validate.bounded_number)
def decision_line(w: np.ndarray, b: float, xlim: tuple[float, float] = (-3.0, 3.0)
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Two points (xs, ys) on the line w₁x₁ + w₂x₂ + b = 0, spanning `xlim` for drawing.

    When w₂ is 0 the line is vertical (x₁ = −b/w₁); when both weights are 0 there is no line
    and both arrays hold NaN, which matplotlib simply does not draw.
    """
    (w1, w2), xs = w, np.array(xlim)
    if abs(w2) > 1e-12:
        return xs, -(w1 * xs + b) / w2
    if abs(w1) > 1e-12:  # vertical
        return np.full(2, -b / w1), xs
    return np.full(2, np.nan), np.full(2, np.nan)


@_validate.arguments(w=_validate.vector, b=_validate.bounded_number, x=(_validate.like, "w"),
                     y=_validate.target)
def update(w: np.ndarray, b: float, x: np.ndarray, y: float, lr: float
           ) -> tuple[np.ndarray, float]:
    """The perceptron rule on one point x (d,) with target y (0 or 1): a = step(w·x + b), then
    w ← w + lr·(y − a)·x and b ← b + lr·(y − a); nothing changes when the point is right.
    Returns the new (w, b). Notebook 01."""
    error = y - step(x @ w + b)
    return w + lr * error * x, float(b + lr * error)


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
    overflowed: bool = False

    @property
    def updates(self) -> int:
        """How many times the rule changed the weights."""
        return len(self.biases) - 1

    @property
    def message(self) -> str:
        """What happened, in words."""
        if self.overflowed:
            return (f"stopped: the weights grew too large to compute with (past 1e50) after "
                    f"{self.updates} updates (choose a smaller learning rate)")
        if self.converged:
            return (f"converged: every point correct after {self.updates} updates "
                    f"({self.epochs} passes over the data)")
        return (f"did not converge: {int(self.mistakes[-1])} point(s) still wrong after "
                f"{self.epochs} passes ({self.updates} updates)")


@_validate.arguments(X=_validate.examples, y=(_validate.targets_for, "X"),
                     max_epochs=(_validate.passes_over, "X"),
                     w0=(_validate.optional(_validate.weights_for), "X"),
                     b0=_validate.bounded_number)
def learn(X: np.ndarray, y: np.ndarray, lr: float = 0.1, max_epochs: int = 20,
          w0: np.ndarray | None = None, b0: float = 0.0) -> PerceptronHistory:
    """Run the perceptron learning rule and keep every update. Notebook 01.

    X: (n, d) inputs, y: (n,) 0/1 targets, lr: the learning rate (> 0), max_epochs: passes over
    the data before giving up (XOR never converges). w0, b0: the starting line (zeros by default).
    """
    w, b = np.zeros(X.shape[1]) if w0 is None else w0, b0

    def mistakes() -> int:  # of the line w, b as it is now
        return int(np.sum(step(X @ w + b) != y))

    weights, biases, points, wrong = [w], [b], [-1], [mistakes()]
    epoch, overflowed = 0, True
    # Weights that grow too large for the formulas end the run: update refuses them.
    with np.errstate(over="raise", invalid="raise"), suppress(FloatingPointError):
        while wrong[-1] and epoch < max_epochs:
            epoch += 1
            for i in range(len(X)):
                new_w, new_b = update(w, b, X[i], y[i], lr)
                if new_b != b or np.any(new_w != w):
                    w, b = new_w, new_b
                    weights.append(w)
                    biases.append(b)
                    points.append(i)
                    wrong.append(mistakes())
        overflowed = False  # not reached when an overflow ended the loop
    return PerceptronHistory(weights=np.array(weights), biases=np.array(biases),
                             point=np.array(points), mistakes=np.array(wrong),
                             converged=wrong[-1] == 0, epochs=epoch, overflowed=overflowed)
