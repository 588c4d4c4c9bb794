"""Exercise checks of layers (notebook 02): ✓ or a hint, never the answer."""

from __future__ import annotations

import numpy as np

from .answers import (
    guarded,
    read_whole,
    say,
    show,
)

PARAMETER_SIZES = (3, 5, 2)
SHAPE_BATCH = 10


@guarded
def parameter_count(answer: object) -> None:
    """Notebook 02: the number of weights and biases in a 3 → 5 → 2 network."""
    value = read_whole(answer)
    if value is None:
        return say(False, f"The answer should be a whole number; it is {show(answer)}.")
    sizes = PARAMETER_SIZES
    weights = sum(m * k for m, k in zip(sizes[:-1], sizes[1:], strict=True))
    biases = sum(sizes[1:])
    if value == weights + biases:
        return say(True, f"Correct: {weights} weights and {biases} biases, {value} "
                    "parameters in all.")
    if value == weights:
        return say(False, "You counted the weights. Every neuron also has a bias.")
    if value < 0:
        return say(False, "A number of parameters cannot be negative.")
    return say(False, "Hint: a layer from m inputs to k neurons has an m × k weight matrix "
                "and k biases. Add up both layers.")


def _shape(value: object) -> list | None:
    """The answer as a list of its entries if it is a flat sequence (tuple, list, 1-D array)."""
    if isinstance(value, np.ndarray):
        return value.tolist() if value.ndim == 1 else None
    if isinstance(value, tuple | list):
        return list(value)
    return None


@guarded
def output_shape(answer: object) -> None:
    """Notebook 02: the shape after X (10, 3) goes through layers 3 → 5 → 2."""
    entries = _shape(answer)
    if entries is None:
        return say(False, f"Write the shape as a tuple of two whole numbers, like (4, 1); "
                    f"got {show(answer)}.")
    if len(entries) != 2:
        return say(False, f"A batch of outputs has two dimensions (rows, columns); your answer "
                    f"has {len(entries)}.")
    sizes = [read_whole(entry) for entry in entries]
    if None in sizes:
        return say(False, f"Write the shape as a tuple of two whole numbers, like (4, 1); "
                    f"got {show(answer)}.")
    if tuple(sizes) == (SHAPE_BATCH, PARAMETER_SIZES[-1]):
        return say(True, "Correct: one row per example, one column per output neuron.")
    if tuple(sizes) == (PARAMETER_SIZES[-1], SHAPE_BATCH):
        return say(False, "Close: rows are examples, columns are neurons. Which way round?")
    return say(False, "Hint: the number of rows never changes from layer to layer; the "
                "number of columns is the number of neurons in the last layer.")
