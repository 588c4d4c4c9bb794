"""Activation functions g(z) and their slopes g'(z). Introduced in notebook 01.

Each takes a number or an array ``z`` and works element by element. ``z`` may hold any real
numbers, infinities included (σ(∞) = 1); a NaN, a string or a complex number is refused with a
sentence. ``get(name)`` and ``slope(name)`` look a pair up by name, as a layer does (notebook 02).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import _validate

_ArrayLike = float | np.ndarray
_Activation = Callable[[_ArrayLike], np.ndarray]

# Every activation works on any size of z, infinities too, so none refuses a large number.
_door = _validate.arguments(z=_validate.reals)


@_door
def step(z: _ArrayLike) -> np.ndarray:
    """1 where z ≥ 0, else 0: the original perceptron's all-or-nothing output."""
    return np.where(z >= 0, 1.0, 0.0)


@_door
def sigmoid(z: _ArrayLike) -> np.ndarray:
    """1 / (1 + e^(−z)): a smooth step from 0 to 1."""
    # Written with e^(−|z|), which is never larger than 1, so that a large |z| cannot overflow.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


@_door
def tanh(z: _ArrayLike) -> np.ndarray:
    """The hyperbolic tangent: a smooth step from −1 to 1."""
    return np.tanh(z)


@_door
def relu(z: _ArrayLike) -> np.ndarray:
    """max(0, z): zero for negative inputs, the input itself otherwise."""
    return np.maximum(0.0, z)


@_door
def identity(z: _ArrayLike) -> np.ndarray:
    """z itself: a layer with no non-linearity (notebook 02 shows why that is not enough)."""
    return z


@_door
def step_slope(z: _ArrayLike) -> np.ndarray:
    """0 everywhere (undefined at 0): why the step cannot be trained by gradient descent."""
    return np.zeros_like(z)


@_door
def sigmoid_slope(z: _ArrayLike) -> np.ndarray:
    """σ'(z) = σ(z)·(1 − σ(z))."""
    # As e/(1 + e)² with e = e^(−|z|): no overflow, and never rounded to 0 while it is a (tiny)
    # positive number.
    e = np.exp(-np.abs(z))
    return e / (1 + e) ** 2


@_door
def tanh_slope(z: _ArrayLike) -> np.ndarray:
    """tanh'(z) = 1 − tanh(z)²."""
    return 1 - np.tanh(z) ** 2


@_door
def relu_slope(z: _ArrayLike) -> np.ndarray:
    """1 where z > 0, else 0."""
    return np.where(z > 0, 1.0, 0.0)


@_door
def identity_slope(z: _ArrayLike) -> np.ndarray:
    """1 everywhere."""
    return np.ones_like(z)


# Each activation with its slope, by the name a layer is given.
_PAIRS: dict[str, tuple[_Activation, _Activation]] = {
    "step": (step, step_slope),
    "sigmoid": (sigmoid, sigmoid_slope),
    "tanh": (tanh, tanh_slope),
    "relu": (relu, relu_slope),
    "identity": (identity, identity_slope),
}


def get(name: str) -> _Activation:
    """The activation function called `name` ("step", "sigmoid", "tanh", "relu", "identity")."""
    return _PAIRS[_validate.choice(name, "activation", tuple(_PAIRS))][0]


def slope(name: str) -> _Activation:
    """The slope function of the activation called `name`."""
    return _PAIRS[_validate.choice(name, "activation", tuple(_PAIRS))][1]
