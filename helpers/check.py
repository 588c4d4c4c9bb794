"""Exercise checks: each says ✓ or gives a hint, never the answer, and works offline.

A check never crashes on a learner's answer: a wrong type, a wrong shape, or a function that
raises all get a kind sentence saying what is wrong. Each check prints its verdict (a line
that starts with ✓ or ✗) and returns nothing, so a cell shows the sentence and only that.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable

import numpy as np

from . import data, descent, losses, perceptron

RIGHT = "✓ "
NOT_YET = "✗ Not yet. "


def _say(ok: bool, text: str) -> None:
    print((RIGHT if ok else NOT_YET) + text)


def _as_number(value: object) -> float | None:
    """The learner's answer as a float, or None if it is not one finite number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):
        result = float(value)
    elif (isinstance(value, np.ndarray) and value.size == 1
          and np.issubdtype(value.dtype, np.number)):
        result = float(value.reshape(-1)[0])
    else:
        return None
    return result if np.isfinite(result) else None


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


def _show(value: object) -> str:
    """A learner's answer in a few words, on one line."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    text = " ".join(repr(value).split())
    return text if len(text) <= 40 else text[:37] + "..."


def _not_a_number(name: str, value: object) -> None:
    _say(False, f"{name} should be a single number (like 0.75), but it is {_show(value)}.")


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
        return _say(False, f"w should be two numbers, like [1.0, 1.0]; it is {_show(w)}.")
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
        return None, f"expected a function, but got {_show(function)}."
    try:
        return function(*args), None
    except Exception as error:  # a learner's function may fail in any way; say how
        return None, f"your function raised {type(error).__name__}: {error}"


# --- Notebook 02 ---------------------------------------------------------------------------

PARAMETER_SIZES = (3, 5, 2)
SHAPE_BATCH = 10


def parameter_count(answer: object) -> None:
    """Notebook 02: the number of weights and biases in a 3 → 5 → 2 network."""
    value = _as_number(answer)
    if value is None or not np.isfinite(value) or value != int(value):
        return _say(False, f"The answer should be a whole number; it is {_show(answer)}.")
    sizes = PARAMETER_SIZES
    weights = sum(m * k for m, k in zip(sizes[:-1], sizes[1:], strict=True))
    biases = sum(sizes[1:])
    if value == weights + biases:
        return _say(True, f"Correct: {weights} weights and {biases} biases, {int(value)} "
                    "parameters in all.")
    if value == weights:
        return _say(False, "You counted the weights. Every neuron also has a bias.")
    return _say(False, "Hint: a layer from m inputs to k neurons has an m × k weight matrix "
                "and k biases. Add up both layers.")


def output_shape(answer: object) -> None:
    """Notebook 02: the shape after X (10, 3) goes through layers 3 → 5 → 2."""
    if isinstance(answer, str) or not isinstance(answer, tuple | list):
        return _say(False, f"Write the shape as a tuple of two whole numbers, like (4, 1); "
                    f"got {_show(answer)}.")
    if len(answer) != 2:
        return _say(False, f"A batch of outputs has two dimensions (rows, columns); your answer "
                    f"has {len(answer)}.")
    if tuple(answer) == (SHAPE_BATCH, PARAMETER_SIZES[-1]):
        return _say(True, "Correct: one row per example, one column per output neuron.")
    if tuple(answer) == (PARAMETER_SIZES[-1], SHAPE_BATCH):
        return _say(False, "Close: rows are examples, columns are neurons. Which way round?")
    return _say(False, "Hint: the number of rows never changes from layer to layer; the "
                "number of columns is the number of neurons in the last layer.")


# --- Notebook 03 ---------------------------------------------------------------------------

MSE_TARGETS = (1.0, 2.0, 3.0)
MSE_PREDICTIONS = (1.5, 2.0, 2.0)
MODEL_TARGETS = (0.0, 1.0, 1.0)
MODEL_A = (0.1, 0.6, 0.9)
MODEL_B = (0.4, 0.8, 0.7)


def mse_by_hand(answer: object) -> None:
    """Notebook 03: the MSE of predictions (1.5, 2, 2) for targets (1, 2, 3)."""
    value = _as_number(answer)
    if value is None:
        return _not_a_number("Your MSE", answer)
    errors = np.subtract(MSE_PREDICTIONS, MSE_TARGETS)
    if np.isclose(value, np.mean(errors**2), atol=1e-3):
        squares = ", ".join(f"{e**2:g}" for e in errors)
        return _say(True, f"Correct: the squared errors are {squares}, and their mean is "
                    f"{np.mean(errors**2):.4f}.")
    if np.isclose(value, np.sum(errors**2), atol=1e-3):
        return _say(False, "You added the squared errors. The M in MSE is for mean.")
    if np.isclose(value, np.mean(np.abs(errors)), atol=1e-3):
        return _say(False, "That is the mean of the errors' sizes. Square each error first.")
    return _say(False, "Hint: for each example, subtract the target from the prediction, "
                "square it, then average the three squares.")


def lower_loss(answer: object) -> None:
    """Notebook 03: which of models A and B has the lower binary cross-entropy."""
    choice = answer.strip().upper() if isinstance(answer, str) else None
    if choice not in ("A", "B"):
        return _say(False, f'Answer with the string "A" or "B"; got {_show(answer)}.')
    loss_a = losses.binary_cross_entropy(np.array(MODEL_TARGETS), np.array(MODEL_A))
    loss_b = losses.binary_cross_entropy(np.array(MODEL_TARGETS), np.array(MODEL_B))
    best = "A" if loss_a < loss_b else "B"
    if choice == best:
        return _say(True, f"Correct: model A's loss is {loss_a:.3f} and model B's is "
                    f"{loss_b:.3f}. A is more confident, and right where it is confident.")
    return _say(False, "Hint: compute −log(p) for each target 1 and −log(1 − p) for each "
                "target 0, for both models, and average. Try losses.binary_cross_entropy.")


# --- Notebook 04 ---------------------------------------------------------------------------


def descent_step(function: object) -> None:
    """Notebook 04: a function descent_step(w, grad, lr) returning the point after one step."""
    cases = [(3.0, 6.0, 0.1), (np.array([1.0, -2.0]), np.array([0.5, -4.0]), 0.25),
             (-1.0, -2.0, 0.5)]
    for w, grad, lr in cases:
        result, problem = _call(function, w, grad, lr)
        if problem:
            return _say(False, f"For w = {w}, grad = {grad}, lr = {lr}, {problem}")
        expected = w - lr * grad
        answer = _as_vector(result, np.size(expected))
        if answer is None:
            return _say(False, f"For w = {w} your function returned {_show(result)}; it should "
                        "return the new point, with the same shape as w.")
        if not np.allclose(answer, np.reshape(expected, -1)):
            if np.allclose(answer, np.reshape(w + lr * grad, -1)):
                return _say(False, "Your step goes uphill: the slope points up, so step the "
                            "other way (subtract).")
            return _say(False, f"For w = {w}, grad = {grad}, lr = {lr} your step gives "
                        f"{_show(result)}. Hint: the step is the learning rate times the slope.")
    return _say(True, "Correct: w − lr · grad, for numbers and for arrays alike.")


OWN_FUNCTION_POINTS = (-1.5, -0.3, 0.0, 0.8, 2.0)


def own_derivative(f: object, f_slope: object) -> None:
    """Notebook 04: gradient-check the learner's derivative f_slope of f(w) = w³ − 2w."""
    for w in OWN_FUNCTION_POINTS:
        exact, problem = _call(f_slope, w)
        if problem:
            return _say(False, f"At w = {w}, {problem}")
        value = _as_number(exact)
        if value is None:
            return _say(False, f"At w = {w} your derivative returned {_show(exact)}, not a number.")
        numerical, problem = _call(lambda x: descent.numerical_derivative(f, x), w)
        if problem:
            return _say(False, f"Computing f itself at w = {w}: {problem}")
        check = descent.compare_gradients(np.array([value]), np.array([numerical]))
        if not check.passed:
            return _say(False, f"At w = {w} your derivative gives {value:.4f} but the slope "
                        f"measured by finite differences is {numerical:.4f} ({check.message}). "
                        "Hint: the derivative of wⁿ is n·wⁿ⁻¹.")
    return _say(True, "Your derivative passes the gradient check at all "
                f"{len(OWN_FUNCTION_POINTS)} points (relative error below 1e-6 at each).")


# --- Notebook 05 ---------------------------------------------------------------------------

CHOOSE_CURVATURE = 8.0
MYSTERY_CURVATURE = 5.0


def one_step_lr(answer: object) -> None:
    """Notebook 05: the learning rate that reaches the bottom of ½·8·w² in one step."""
    value = _as_number(answer)
    if value is None:
        return _not_a_number("Your learning rate", answer)
    L = CHOOSE_CURVATURE
    if np.isclose(value, 1 / L, rtol=1e-3):
        return _say(True, f"Correct: η = 1/L = {1 / L:g}. One step multiplies w by 1 − ηL = 0: "
                    "straight to the bottom.")
    if np.isclose(value, 2 / L, rtol=1e-3):
        return _say(False, "That is the edge of stability: at 2/L the walk bounces between w "
                    "and −w forever. Half of that?")
    factor = 1 - value * L
    if value <= 0:
        return _say(False, "A learning rate must be positive.")
    if abs(factor) < 1:
        return _say(False, f"That converges (each step multiplies w by {factor:.3g}), but not "
                    "in one step. Which η makes 1 − ηL exactly 0?")
    return _say(False, f"That diverges: each step multiplies w by {factor:.3g}, larger than 1 "
                "in size. Hint: one step multiplies w by 1 − ηL.")


def mystery_loss(w):
    """A quadratic with a curvature the learner has to discover by experiment. Notebook 05."""
    return 0.5 * MYSTERY_CURVATURE * np.sum(np.square(w))


def mystery_slope(w):
    """The slope of mystery_loss."""
    return MYSTERY_CURVATURE * np.asarray(w)


def largest_stable_lr(answer: object) -> None:
    """Notebook 05: the largest stable learning rate on mystery_loss, found by experiment."""
    value = _as_number(answer)
    if value is None:
        return _not_a_number("Your learning rate", answer)
    threshold = 2 / MYSTERY_CURVATURE
    error = abs(value - threshold) / threshold
    if error <= 0.02:
        return _say(True, f"Correct (within {error:.1%}): above about {threshold:g} the walk "
                    "diverges. The curvature must be 2 divided by that.")
    direction = "lower" if value > threshold else "higher"
    return _say(False, f"Your estimate is more than 2% off: the real threshold is {direction}. "
                "Hint: run descent.gradient_descent(check.mystery_loss, check.mystery_slope, "
                "1.0, lr, 200) for several lr and see where the loss stops falling.")
