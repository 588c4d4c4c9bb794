"""Exercise checks of loss (notebook 03): ✓ or a hint, never the answer."""

from __future__ import annotations

import numpy as np

from .. import losses
from .answers import (
    guarded,
    read_number,
    say,
    show,
)

MSE_TARGETS = (1.0, 2.0, 3.0)
MSE_PREDICTIONS = (1.5, 2.0, 2.0)
MSE_TOLERANCE = 1e-3
MODEL_TARGETS = (0.0, 1.0, 1.0)
MODEL_A = (0.1, 0.6, 0.9)
MODEL_B = (0.4, 0.8, 0.7)


@guarded
def mse_by_hand(answer: object) -> None:
    """Notebook 03: the MSE of predictions (1.5, 2, 2) for targets (1, 2, 3)."""
    value, problem = read_number(answer, "Your MSE")
    if problem:
        return say(False, problem)
    errors = np.subtract(MSE_PREDICTIONS, MSE_TARGETS)
    mse = float(np.mean(errors**2))
    if abs(value - mse) <= MSE_TOLERANCE:
        squares = ", ".join(f"{e**2:g}" for e in errors)
        return say(True, f"Correct: the squared errors are {squares}, and their mean is "
                    f"{mse:.4f}.")
    if abs(value - float(np.sum(errors**2))) <= MSE_TOLERANCE:
        return say(False, "You added the squared errors. The M in MSE is for mean.")
    if abs(value - float(np.mean(np.abs(errors)))) <= MSE_TOLERANCE:
        return say(False, "That is the mean of the errors' sizes. Square each error first.")
    return say(False, "Hint: for each example, subtract the target from the prediction, "
                "square it, then average the three squares.")


@guarded
def lower_loss(answer: object) -> None:
    """Notebook 03: which of models A and B has the lower binary cross-entropy."""
    choice = answer.strip().upper() if isinstance(answer, str) else None
    if choice not in ("A", "B"):
        return say(False, f'Answer with the string "A" or "B"; got {show(answer)}.')
    loss_a = losses.binary_cross_entropy(np.array(MODEL_TARGETS), np.array(MODEL_A))
    loss_b = losses.binary_cross_entropy(np.array(MODEL_TARGETS), np.array(MODEL_B))
    best = "A" if loss_a < loss_b else "B"
    if choice == best:
        return say(True, f"Correct: model A's loss is {loss_a:.3f} and model B's is "
                    f"{loss_b:.3f}. A is more confident, and right where it is confident.")
    return say(False, "Hint: compute −log(p) for each target 1 and −log(1 − p) for each "
                "target 0, for both models, and average. Try losses.binary_cross_entropy.")
