"""Exercise checks: each says ✓ or gives a hint, never the answer, and works offline.

A check never crashes on a learner's answer: a wrong type, a wrong shape, or a function that
raises all get a kind sentence saying what is wrong. Each check prints its verdict (a line
that starts with ✓ or ✗) and returns nothing, so a cell shows the sentence and only that.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable

import numpy as np

from . import data, perceptron

RIGHT = "✓ "
NOT_YET = "✗ Not yet. "


def _say(ok: bool, text: str) -> None:
    print((RIGHT if ok else NOT_YET) + text)


def _as_number(value: object) -> float | None:
    """The learner's answer as a float, or None if it is not one number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, np.ndarray) and value.size == 1 and np.issubdtype(value.dtype, np.number):
        return float(value.reshape(-1)[0])
    return None


def _as_vector(value: object, length: int) -> np.ndarray | None:
    """The learner's answer as a float array of `length` numbers, or None."""
    if isinstance(value, str | bytes) or value is None:
        return None
    try:
        result = np.asarray(value, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return None
    if result.shape != (length,) or not np.all(np.isfinite(result)):
        return None
    return result


def _not_a_number(name: str, value: object) -> None:
    _say(False, f"{name} should be a single number (like 0.75), but it is {value!r}.")


# --- Notebook 01 ---------------------------------------------------------------------------

NEURON_X = (2.0, -1.0)
NEURON_W = (0.5, 1.5)
NEURON_B = 0.25


def neuron_output(z: object, a: object) -> None:
    """Notebook 01: z and a = step(z) for x = (2, −1), w = (0.5, 1.5), b = 0.25."""
    z_value, a_value = _as_number(z), _as_number(a)
    if z_value is None:
        return _not_a_number("z", z)
    if a_value is None:
        return _not_a_number("a", a)
    true_z = float(np.dot(NEURON_W, NEURON_X) + NEURON_B)
    if not np.isclose(z_value, true_z, atol=1e-6):
        return _say(False, "z is not right yet. Hint: multiply each input by its weight, add "
                    "the two products, then add the bias. Watch the sign of x₂ = −1.")
    if a_value != perceptron.step(true_z):
        return _say(False, "z is right! Now a: the step function gives 1 when z ≥ 0 and 0 "
                    "when z < 0. Which is your z?")
    return _say(True, f"Correct: z = {true_z:g}, and since z is below 0 the neuron outputs a = "
                f"{a_value:g}.")


def or_gate_weights(w: object, b: object) -> None:
    """Notebook 01: weights and bias with which one perceptron computes OR."""
    weights = _as_vector(w, 2)
    if weights is None:
        return _say(False, f"w should be two numbers, like [1.0, 1.0]; it is {w!r}.")
    bias = _as_number(b)
    if bias is None:
        return _not_a_number("b", b)
    X, y = data.or_gate()
    outputs = perceptron.predict(X, weights, bias)
    wrong = [tuple(int(v) for v in X[i]) for i in np.flatnonzero(outputs != y)]
    if not wrong:
        return _say(True, "Correct: your neuron outputs 0 for (0, 0) and 1 for the other "
                    "three inputs — it computes OR.")
    if (0, 0) in wrong:
        hint = ("For (0, 0) the weighted sum is just b, and OR must output 0 there, so b "
                "needs to be negative.")
    else:
        hint = ("Each input alone must lift the sum to 0 or above: w₁ + b ≥ 0 and w₂ + b ≥ 0.")
    inputs = ", ".join(str(p) for p in wrong)
    return _say(False, f"Your neuron gets {inputs} wrong. Hint: {hint}")


def _call(function: Callable, *args) -> tuple[object, str | None]:
    """Call the learner's function; return its result, or a sentence about what went wrong."""
    if not callable(function):
        return None, f"expected a function, but got {function!r}."
    try:
        return function(*args), None
    except Exception as error:  # a learner's function may fail in any way; say how
        return None, f"your function raised {type(error).__name__}: {error}"
