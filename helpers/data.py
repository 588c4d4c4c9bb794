"""Small toy data sets, made on the spot from a fixed seed (nothing is downloaded).

Every function returns ``X`` with one row per example and ``y`` with one target per row, and the
same arrays on every call with the same arguments, so every notebook run shows the same pictures.
"""

from __future__ import annotations

import numpy as np

from . import _validate

# How many points a data set holds: 2 at least, for two classes or a line.
_size = _validate.whole(minimum=2, maximum=_validate.MAX_POINTS)


def _gate(outputs: tuple[int, int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array(outputs, dtype=float)


def or_gate() -> tuple[np.ndarray, np.ndarray]:
    """The OR truth table: y (4,) is 1 when either input is 1. Notebook 01."""
    return _gate((0, 1, 1, 1))


def xor_gate() -> tuple[np.ndarray, np.ndarray]:
    """The XOR truth table: y (4,) is 1 when exactly one input is 1. Notebooks 01 and 02."""
    return _gate((0, 1, 1, 0))


@_validate.arguments(n=_size)
def two_clouds(n: int = 40, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two round clouds of points, one per class, that a straight line can separate.

    Returns X (n, 2) and y (n,), the two classes in shuffled order (class 0 lower left, class 1
    upper right). Notebook 01.
    """
    rng = np.random.default_rng(seed)
    half = n // 2
    lower = rng.normal(loc=(-1.0, -0.8), scale=0.6, size=(half, 2))
    upper = rng.normal(loc=(1.0, 1.0), scale=0.6, size=(n - half, 2))
    X = np.vstack([lower, upper])
    y = np.concatenate([np.zeros(half), np.ones(n - half)])
    order = rng.permutation(n)
    return X[order], y[order]


@_validate.arguments(n=_size)
def two_moons(
    n: int = 100, noise: float = 0.15, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles: no straight line separates them. Notebooks 04 and 05.

    Returns X (n, 2) and y (n,): the upper moon is class 0, the lower one class 1.
    """
    rng = np.random.default_rng(seed)
    half = n // 2
    angle_upper = np.linspace(0, np.pi, half)
    angle_lower = np.linspace(0, np.pi, n - half)
    upper = np.column_stack([np.cos(angle_upper), np.sin(angle_upper)])
    lower = np.column_stack([1 - np.cos(angle_lower), 0.5 - np.sin(angle_lower)])
    X = np.vstack([upper, lower]) + rng.normal(scale=noise, size=(n, 2))
    y = np.concatenate([np.zeros(half), np.ones(n - half)])
    return X, y


@_validate.arguments(n=_size)
def noisy_line(
    n: int = 20, slope: float = 1.5, intercept: float = 0.5, noise: float = 0.4,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Points scattered around the line y = slope·x + intercept, for fitting by hand. Notebook 03.

    Returns x (n,) evenly spread over [0, 2] and y (n,) with Gaussian noise of size `noise`.
    """
    rng = np.random.default_rng(seed)
    x = np.linspace(0.0, 2.0, n)
    y = slope * x + intercept + rng.normal(scale=noise, size=n)
    return x, y


@_validate.arguments(X=_validate.examples, y=(_validate.one_per, "X"))
def train_test_split(X: np.ndarray, y: np.ndarray, test_fraction: float = 0.3,
                     seed: int = 0
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Hold some examples back: a seeded shuffle puts round(test_fraction · n) rows of X (and
    their targets) in a test set the training never sees, the rest in the training set.
    Notebook 04.

    X: (n, inputs), y: (n,), 0 < test_fraction < 1, leaving at least one example on each
    side. Returns X_train, y_train, X_test, y_test (copies, in shuffled order).
    """
    n = len(X)
    n_test = round(test_fraction * n)
    if not 1 <= n_test <= n - 1:
        raise ValueError(f"test_fraction = {test_fraction:g} of {n} examples leaves {n_test} "
                         f"for testing and {n - n_test} for training; each needs one at least")
    order = np.random.default_rng(seed).permutation(n)
    test, train = order[:n_test], order[n_test:]
    return X[train], y[train], X[test], y[test]


@_validate.arguments()
def grid(xlim: tuple[float, float], ylim: tuple[float, float], resolution: int = 100
         ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A square grid of points covering the box, for drawing a function of two inputs
    (a decision region: notebooks 01, 02, 04 and 05).

    Returns xs (resolution,), ys (resolution,) and the points themselves as rows, (resolution², 2),
    in the order that ``values.reshape(resolution, resolution)`` turns back into an image.
    """
    xs = np.linspace(*xlim, resolution)
    ys = np.linspace(*ylim, resolution)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, np.column_stack([gx.ravel(), gy.ravel()])
