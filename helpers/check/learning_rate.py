"""Exercise checks of the learning rate (notebook 05): ✓ or a hint, never the answer."""

from __future__ import annotations

from .. import learning_rate
from .answers import (
    guarded,
    read_number,
    say,
)

CHOOSE_CURVATURE = 8.0
ONE_STEP_RTOL = 1e-3
MYSTERY_CURVATURE = 5.0
# The bottom of the mystery parabola is not at 0 and not told, so that no single value of
# mystery_slope (at w = 1 it is L·(1 − c)) or mystery_loss gives the curvature away.
MYSTERY_CENTRE = 0.3
STABLE_RTOL = 0.02


def _factor(factor: float) -> str:
    return f"{factor:.3g}" if abs(factor) < 1e12 else "an enormous number"


@guarded
def one_step_lr(answer: object) -> None:
    """Notebook 05: the learning rate that reaches the bottom of ½·8·w² in one step."""
    value, problem = read_number(answer, "Your learning rate")
    if problem:
        return say(False, problem)
    L = CHOOSE_CURVATURE
    if abs(value - 1 / L) <= ONE_STEP_RTOL / L:
        return say(True, f"Correct: η = 1/L = {1 / L:g}. One step multiplies w by 1 − ηL = 0: "
                    "straight to the bottom.")
    if abs(value - 2 / L) <= ONE_STEP_RTOL * 2 / L:
        return say(False, "That is the edge of stability: there 1 − ηL = −1, so the walk "
                    "bounces between w and −w forever. To land on the bottom in one step, "
                    "what must the factor 1 − ηL be?")
    if value <= 0:
        return say(False, "A learning rate must be positive.")
    factor = 1 - value * L
    if abs(factor) < 1:
        return say(False, f"That converges (each step multiplies w by {_factor(factor)}), but "
                    "not in one step. Which η makes 1 − ηL exactly 0?")
    return say(False, f"That diverges: each step multiplies w by {_factor(factor)}, larger "
                "than 1 in size. Hint: one step multiplies w by 1 − ηL.")


_MYSTERY = learning_rate.quadratic(MYSTERY_CURVATURE, centre=MYSTERY_CENTRE)


def mystery_loss(w):
    """A parabola with a curvature (and a bottom) the learner has to discover. Notebook 05."""
    return _MYSTERY.loss(w)


def mystery_slope(w):
    """The slope of mystery_loss."""
    return _MYSTERY.grad(w)


@guarded
def largest_stable_lr(answer: object) -> None:
    """Notebook 05: the largest stable learning rate on mystery_loss, found by experiment."""
    value, problem = read_number(answer, "Your learning rate")
    if problem:
        return say(False, problem)
    if value <= 0:
        return say(False, "A learning rate must be positive. Hint: run "
                    "descent.gradient_descent(check.mystery_loss, check.mystery_slope, 1.0, lr, "
                    "200) for several lr and see where the loss stops falling.")
    threshold = 2 / MYSTERY_CURVATURE
    error = abs(value - threshold) / threshold
    if error <= STABLE_RTOL:
        return say(True, f"Correct (within {error:.1%}): above about {threshold:g} the walk "
                    "diverges. The curvature must be 2 divided by that.")
    direction = "lower" if value > threshold else "higher"
    return say(False, f"Your estimate is more than 2% off: the real threshold is {direction}. "
                "Hint: run descent.gradient_descent(check.mystery_loss, check.mystery_slope, "
                "1.0, lr, 200) for several lr and see where the loss stops falling.")
