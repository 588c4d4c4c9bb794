"""Exercise checks of the perceptron (notebook 01): ✓ or a hint, never the answer."""

from __future__ import annotations

import numpy as np

from .. import data, perceptron
from .answers import (
    guarded,
    read_number,
    read_vector,
    say,
    show,
)

NEURON_X = (2.0, -1.0)
NEURON_W = (0.5, 1.5)
NEURON_B = 0.25
NEURON_TOLERANCE = 1e-6


@guarded
def neuron_output(z: object, a: object) -> None:
    """Notebook 01: z and a = step(z) for x = (2, −1), w = (0.5, 1.5), b = 0.25."""
    (z_value, z_problem), (a_value, a_problem) = read_number(z, "z"), read_number(a, "a")
    if z_problem:
        return say(False, z_problem)
    if a_problem:
        return say(False, a_problem)
    true_z = float(np.dot(NEURON_W, NEURON_X) + NEURON_B)
    true_a = float(perceptron.step(true_z))
    if not abs(z_value - true_z) <= NEURON_TOLERANCE:
        return say(False, "z is not right yet. Hint: multiply each input by its weight, add "
                    "the two products, then add the bias. Watch the sign of x₂ = −1.")
    if a_value != true_a:
        return say(False, "z is right! Now a: the step function gives 1 when z ≥ 0 and 0 "
                    "when z < 0. Which is your z?")
    return say(True, f"Correct: z = {true_z:g}, and since z is below 0 the neuron outputs a = "
                f"{true_a:g}.")


@guarded
def or_gate_weights(w: object, b: object) -> None:
    """Notebook 01: weights and bias with which one perceptron computes OR."""
    weights = read_vector(w, 2)
    if weights is None:
        return say(False, f"w should be two finite numbers, like [0.5, -2.0]; it is {show(w)}.")
    bias, problem = read_number(b, "b")
    if problem:
        return say(False, problem)
    X, y = data.or_gate()
    # Huge weights overflow the sum to ±inf, which still has the right sign (guarded keeps
    # numpy quiet, and perceptron.weighted_sum would refuse it); clipping keeps that sign
    # while giving step a finite number.
    outputs = perceptron.step(np.clip(X @ weights + bias, -1.0, 1.0))
    wrong = [tuple(int(v) for v in X[i]) for i in np.flatnonzero(outputs != y)]
    if not wrong:
        return say(True, "Correct: your neuron outputs 0 for (0, 0) and 1 for the other "
                    "three inputs — it computes OR.")
    if (0, 0) in wrong:
        hint = ("For (0, 0) the weighted sum is just b, and OR must output 0 there, so b "
                "needs to be negative.")
    else:
        hint = ("Each input alone must lift the sum to 0 or above: w₁ + b ≥ 0 and w₂ + b ≥ 0.")
    inputs = ", ".join(str(p) for p in wrong)
    return say(False, f"Your neuron gets {inputs} wrong. Hint: {hint}")
