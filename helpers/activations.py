"""Activation functions g(z) and their slopes g'(z). Introduced in notebook 01.

Each takes a number or an array ``z`` and works element by element; ``z`` is checked first
(numbers only, no NaN), so a mistake gets a sentence. ``get(name)`` and ``slope(name)`` give
the unchecked versions that layers call on every training step (notebooks 02 and 04).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

from . import _validate

ArrayLike = float | np.ndarray


def checked(function: Callable[[ArrayLike], np.ndarray]) -> Callable[[ArrayLike], np.ndarray]:
    """The learner-facing version of an activation: z must be numbers and finite. The plain
    version stays available as `.unchecked` for code that already knows its input is clean."""

    @functools.wraps(function)
    def with_check(z: ArrayLike) -> np.ndarray:
        return function(_validate.array(z, "z", ndim=None))

    with_check.unchecked = function
    return with_check


@checked
def step(z: ArrayLike) -> np.ndarray:
    """1 where z ≥ 0, else 0: the original perceptron's all-or-nothing output."""
    return np.where(np.asarray(z) >= 0, 1.0, 0.0)


@checked
def sigmoid(z: ArrayLike) -> np.ndarray:
    """1 / (1 + e^(−z)): a smooth step from 0 to 1 (computed without overflow for large |z|)."""
    z = np.asarray(z, dtype=float)
    # e^(−|z|) is never larger than 1, so this form cannot overflow.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


@checked
def tanh(z: ArrayLike) -> np.ndarray:
    """The hyperbolic tangent: a smooth step from −1 to 1."""
    return np.tanh(np.asarray(z, dtype=float))


@checked
def relu(z: ArrayLike) -> np.ndarray:
    """max(0, z): zero for negative inputs, the input itself otherwise."""
    return np.maximum(0.0, np.asarray(z, dtype=float))


@checked
def identity(z: ArrayLike) -> np.ndarray:
    """z itself: a layer with no non-linearity (notebook 02 shows why that is not enough)."""
    return np.asarray(z, dtype=float)


@checked
def step_slope(z: ArrayLike) -> np.ndarray:
    """0 everywhere (undefined at 0): why the step cannot be trained by gradient descent."""
    return np.zeros_like(np.asarray(z, dtype=float))


@checked
def sigmoid_slope(z: ArrayLike) -> np.ndarray:
    """σ'(z) = σ(z)·(1 − σ(z)), computed as e/(1 + e)² with e = e^(−|z|), so that it is never
    rounded to 0 while it is still a (tiny) positive number."""
    e = np.exp(-np.abs(np.asarray(z, dtype=float)))
    return e / (1.0 + e) ** 2


@checked
def tanh_slope(z: ArrayLike) -> np.ndarray:
    """tanh'(z) = 1 − tanh(z)²."""
    return 1.0 - np.tanh(np.asarray(z, dtype=float)) ** 2


@checked
def relu_slope(z: ArrayLike) -> np.ndarray:
    """1 where z > 0, else 0."""
    return np.where(np.asarray(z) > 0, 1.0, 0.0)


@checked
def identity_slope(z: ArrayLike) -> np.ndarray:
    """1 everywhere."""
    return np.ones_like(np.asarray(z, dtype=float))


Activation = Callable[[ArrayLike], np.ndarray]

# The unchecked versions: a layer calls these on every step, on arrays it built itself.
ACTIVATIONS: dict[str, tuple[Activation, Activation]] = {
    name: (function.unchecked, slope.unchecked) for name, function, slope in (
        ("step", step, step_slope),
        ("sigmoid", sigmoid, sigmoid_slope),
        ("tanh", tanh, tanh_slope),
        ("relu", relu, relu_slope),
        ("identity", identity, identity_slope),
    )
}


def _lookup(name: str) -> tuple[Activation, Activation]:
    if not isinstance(name, str) or name not in ACTIVATIONS:
        raise ValueError(
            f"activation should be one of {', '.join(ACTIVATIONS)}; got {name!r}"
        )
    return ACTIVATIONS[name]


def get(name: str) -> Activation:
    """The activation function called `name` ("step", "sigmoid", "tanh", "relu", "identity")."""
    return _lookup(name)[0]


def slope(name: str) -> Activation:
    """The slope function of the activation called `name`."""
    return _lookup(name)[1]
