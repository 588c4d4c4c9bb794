"""Curves to walk down and to draw tangents on, each with its slope. Notebook 04.

Each takes w, a number or an array of numbers (each at most 1e50 in size, so that even the
quartic two_valleys fits in a float), and works element by element.
"""

from __future__ import annotations

import numpy as np

from . import _validate

_door = _validate.arguments(w=_validate.numbers)


@_door
def parabola(w):
    """J(w) = w²: one valley, at w = 0."""
    return w**2


@_door
def parabola_slope(w):
    """J'(w) = 2w."""
    return 2 * w


@_door
def two_valleys(w):
    """J(w) = (w² − 1)² + 0.3·w + 0.5: a deep valley near w = −1, a shallow one near w = 1."""
    return (w**2 - 1) ** 2 + 0.3 * w + 0.5


@_door
def two_valleys_slope(w):
    """J'(w) = 4w(w² − 1) + 0.3."""
    return 4 * w * (w**2 - 1) + 0.3


@_door
def wavy(w):
    """f(x) = sin(x) + x²/10: a curve whose slope changes along the way, for tangent lines."""
    return np.sin(w) + w**2 / 10


@_door
def wavy_slope(w):
    """f'(x) = cos(x) + x/5."""
    return np.cos(w) + w / 5
