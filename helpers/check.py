"""Exercise checks: each says ✓ or gives a hint, never the answer, and works offline.

A check never crashes on a learner's answer: a wrong type, a wrong shape, a number too large
for a float, or a function that raises all get a kind sentence saying what is wrong. Each
check prints its verdict (one line that starts with ✓ or ✗) and returns nothing, so a cell
shows the sentence and only that. No warning escapes a check either: an answer that overflows
is judged on what it gives, not reported by numpy.
"""

from __future__ import annotations

import functools
import numbers
import warnings
from collections.abc import Callable

import numpy as np

from . import data, descent, losses, perceptron

RIGHT = "✓ "
NOT_YET = "✗ Not yet. "


def _say(ok: bool, text: str) -> None:
    print((RIGHT if ok else NOT_YET) + _one_line(text))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _check(body: Callable[..., None]) -> Callable[..., None]:
    """Run a check with numpy's and Python's warnings silenced (a learner's overflow is judged
    by its result), and turn anything unforeseen into a ✗ line rather than a traceback."""

    @functools.wraps(body)
    def checked(*args, **kwargs) -> None:
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                body(*args, **kwargs)
        except Exception as error:  # a last resort: every answer the tests know is handled
            _say(False, f"This answer could not be checked ({_error_text(error)}). Compare its "
                 "form with the example in the exercise.")

    return checked


def _error_text(error: BaseException) -> str:
    """An exception as 'Type: message', on one short line."""
    try:
        message = _one_line(str(error))
    except Exception:  # a learner's exception class may fail even at this
        message = ""
    if len(message) > 120:
        message = message[:117] + "..."
    name = type(error).__name__
    return f"{name}: {message}" if message else name


def _show(value: object) -> str:
    """A learner's answer in a few words, on one line."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) \
            and abs(int(value)) >= 10**15:
        digits = int(abs(int(value)).bit_length() * 0.30103) + 1
        sign = "a negative" if value < 0 else "a"
        return f"{sign} whole number with about {digits} digits"
    if callable(value) and hasattr(value, "__name__"):
        return f"the function {value.__name__}"
    try:
        text = _one_line(repr(value))
    except Exception:  # a broken __repr__
        text = " at 0x"
    if " at 0x" in text:  # <object object at 0x7f...>: the type says more than the address
        return f"an object of type {type(value).__name__}"
    return text if len(text) <= 40 else text[:37] + "..."


def _scalar(value: object) -> object:
    """A numpy array holding one int or float as that one number; anything else unchanged."""
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
        return value.reshape(-1)[0]
    return value


def _number(value: object, name: str) -> tuple[float | None, str | None]:
    """(the answer as a finite float, None), or (None, a sentence saying what is wrong)."""
    value = _scalar(value)
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        return None, f"{name} should be a single number (like 0.75), but it is {_show(value)}."
    try:
        result = float(value)
    except OverflowError:  # a Python int like 10**400
        return None, (f"{name} is {_show(value)}, too large for a computer to hold as a "
                      "number. Check for a typo.")
    except Exception:  # a strange subclass of numbers.Real
        return None, f"{name} should be a single number (like 0.75), but it is {_show(value)}."
    if np.isnan(result):
        return None, f"{name} is nan (not a number): somewhere a calculation went wrong."
    if np.isinf(result):
        return None, f"{name} is {result}; it should be a finite number."
    return result, None


def _whole(value: object) -> int | None:
    """The answer as an exact int if it is a whole number (10, 10.0, np.int64(10)), else None."""
    value = _scalar(value)
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    number, _ = _number(value, "")
    return int(number) if number is not None and number.is_integer() else None


def _vector(value: object, length: int) -> np.ndarray | None:
    """The answer as a finite float array of `length` numbers, or None."""
    if isinstance(value, str | bytes) or value is None:
        return None
    try:
        raw = np.asarray(value)
        if raw.dtype.kind not in "iuf":  # bools, text, objects (10**400 lands here too)
            return None
        result = raw.astype(float).reshape(-1)
    except Exception:  # ragged lists, objects whose __array__ fails
        return None
    if result.shape != (length,) or not np.all(np.isfinite(result)):
        return None
    return result


def _fixed(value: float) -> str:
    """A number with four decimals, or in exponent form if it is huge."""
    return f"{value:.4f}" if abs(value) < 1e9 else f"{value:.4g}"


def _call(function: Callable, *args) -> tuple[object, str | None]:
    """Call the learner's function; return its result, or a sentence about what went wrong."""
    if not callable(function):
        return None, f"expected a function, but got {_show(function)}."
    try:
        return function(*args), None
    except Exception as error:  # a learner's function may fail in any way; say how
        return None, f"your function raised {_error_text(error)}"


def _not_a_number(name: str, value: object) -> None:
    _say(False, _number(value, name)[1])


# --- Notebook 01 ---------------------------------------------------------------------------

NEURON_X = (2.0, -1.0)
NEURON_W = (0.5, 1.5)
NEURON_B = 0.25
NEURON_TOLERANCE = 1e-6


@_check
def neuron_output(z: object, a: object) -> None:
    """Notebook 01: z and a = step(z) for x = (2, −1), w = (0.5, 1.5), b = 0.25."""
    (z_value, z_problem), (a_value, a_problem) = _number(z, "z"), _number(a, "a")
    if z_problem:
        return _say(False, z_problem)
    if a_problem:
        return _say(False, a_problem)
    true_z = float(np.dot(NEURON_W, NEURON_X) + NEURON_B)
    true_a = float(perceptron.step(true_z))
    if not abs(z_value - true_z) <= NEURON_TOLERANCE:
        return _say(False, "z is not right yet. Hint: multiply each input by its weight, add "
                    "the two products, then add the bias. Watch the sign of x₂ = −1.")
    if a_value != true_a:
        return _say(False, "z is right! Now a: the step function gives 1 when z ≥ 0 and 0 "
                    "when z < 0. Which is your z?")
    return _say(True, f"Correct: z = {true_z:g}, and since z is below 0 the neuron outputs a = "
                f"{true_a:g}.")


@_check
def or_gate_weights(w: object, b: object) -> None:
    """Notebook 01: weights and bias with which one perceptron computes OR."""
    weights = _vector(w, 2)
    if weights is None:
        return _say(False, f"w should be two finite numbers, like [0.5, -2.0]; it is {_show(w)}.")
    bias, problem = _number(b, "b")
    if problem:
        return _say(False, problem)
    X, y = data.or_gate()
    # Huge weights overflow the sum to ±inf, which still has the right sign (_check keeps
    # numpy quiet, and perceptron.weighted_sum would refuse it); clipping keeps that sign
    # while giving step a finite number.
    outputs = perceptron.step(np.clip(X @ weights + bias, -1.0, 1.0))
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


# --- Notebook 02 ---------------------------------------------------------------------------

PARAMETER_SIZES = (3, 5, 2)
SHAPE_BATCH = 10


@_check
def parameter_count(answer: object) -> None:
    """Notebook 02: the number of weights and biases in a 3 → 5 → 2 network."""
    value = _whole(answer)
    if value is None:
        return _say(False, f"The answer should be a whole number; it is {_show(answer)}.")
    sizes = PARAMETER_SIZES
    weights = sum(m * k for m, k in zip(sizes[:-1], sizes[1:], strict=True))
    biases = sum(sizes[1:])
    if value == weights + biases:
        return _say(True, f"Correct: {weights} weights and {biases} biases, {value} "
                    "parameters in all.")
    if value == weights:
        return _say(False, "You counted the weights. Every neuron also has a bias.")
    if value < 0:
        return _say(False, "A number of parameters cannot be negative.")
    return _say(False, "Hint: a layer from m inputs to k neurons has an m × k weight matrix "
                "and k biases. Add up both layers.")


def _shape(value: object) -> list | None:
    """The answer as a list of its entries if it is a flat sequence (tuple, list, 1-D array)."""
    if isinstance(value, np.ndarray):
        return value.tolist() if value.ndim == 1 else None
    if isinstance(value, tuple | list):
        return list(value)
    return None


@_check
def output_shape(answer: object) -> None:
    """Notebook 02: the shape after X (10, 3) goes through layers 3 → 5 → 2."""
    entries = _shape(answer)
    if entries is None:
        return _say(False, f"Write the shape as a tuple of two whole numbers, like (4, 1); "
                    f"got {_show(answer)}.")
    if len(entries) != 2:
        return _say(False, f"A batch of outputs has two dimensions (rows, columns); your answer "
                    f"has {len(entries)}.")
    sizes = [_whole(entry) for entry in entries]
    if None in sizes:
        return _say(False, f"Write the shape as a tuple of two whole numbers, like (4, 1); "
                    f"got {_show(answer)}.")
    if tuple(sizes) == (SHAPE_BATCH, PARAMETER_SIZES[-1]):
        return _say(True, "Correct: one row per example, one column per output neuron.")
    if tuple(sizes) == (PARAMETER_SIZES[-1], SHAPE_BATCH):
        return _say(False, "Close: rows are examples, columns are neurons. Which way round?")
    return _say(False, "Hint: the number of rows never changes from layer to layer; the "
                "number of columns is the number of neurons in the last layer.")


# --- Notebook 03 ---------------------------------------------------------------------------

MSE_TARGETS = (1.0, 2.0, 3.0)
MSE_PREDICTIONS = (1.5, 2.0, 2.0)
MSE_TOLERANCE = 1e-3
MODEL_TARGETS = (0.0, 1.0, 1.0)
MODEL_A = (0.1, 0.6, 0.9)
MODEL_B = (0.4, 0.8, 0.7)


@_check
def mse_by_hand(answer: object) -> None:
    """Notebook 03: the MSE of predictions (1.5, 2, 2) for targets (1, 2, 3)."""
    value, problem = _number(answer, "Your MSE")
    if problem:
        return _say(False, problem)
    errors = np.subtract(MSE_PREDICTIONS, MSE_TARGETS)
    mse = float(np.mean(errors**2))
    if abs(value - mse) <= MSE_TOLERANCE:
        squares = ", ".join(f"{e**2:g}" for e in errors)
        return _say(True, f"Correct: the squared errors are {squares}, and their mean is "
                    f"{mse:.4f}.")
    if abs(value - float(np.sum(errors**2))) <= MSE_TOLERANCE:
        return _say(False, "You added the squared errors. The M in MSE is for mean.")
    if abs(value - float(np.mean(np.abs(errors)))) <= MSE_TOLERANCE:
        return _say(False, "That is the mean of the errors' sizes. Square each error first.")
    return _say(False, "Hint: for each example, subtract the target from the prediction, "
                "square it, then average the three squares.")


@_check
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

# (w, grad, lr): a number, an array, and a step to the other side of 0.
DESCENT_CASES = ((3.0, 6.0, 0.1), (np.array([1.0, -2.0]), np.array([0.5, -4.0]), 0.25),
                 (-1.0, -2.0, 0.5))


def _fresh(value: object) -> object:
    """A copy the learner's function may change in place without touching the check's own."""
    return np.array(value, dtype=float) if isinstance(value, np.ndarray) else value


def _new_point(result: object, like: object) -> tuple[np.ndarray | None, str]:
    """The returned point as a float array shaped like `like`, or None and why not."""
    if result is None:
        return None, "returned None (is the return line missing?)"
    if np.ndim(like) == 0:
        value, problem = _number(result, "")
        if problem is None:
            return np.array(value), ""
    elif not isinstance(result, str | bytes):
        try:
            raw = np.asarray(result)
            if raw.dtype.kind in "iuf" and raw.shape == np.shape(like):
                answer = raw.astype(float)
                if np.all(np.isfinite(answer)):
                    return answer, ""
                return None, f"returned {_show(result)} with nan or inf in it"
        except Exception:  # a ragged list, an object that is no array
            pass
    return None, f"returned {_show(result)}"


@_check
def descent_step(function: object) -> None:
    """Notebook 04: a function descent_step(w, grad, lr) returning the point after one step."""
    if not callable(function):
        return _say(False, "Pass your function itself, like check.descent_step(descent_step); "
                    f"got {_show(function)}.")
    for w, grad, lr in DESCENT_CASES:
        # Both answers first, so a function that changes w in place cannot change them.
        expected = np.asarray(w - lr * grad, dtype=float)
        uphill = np.asarray(w + lr * grad, dtype=float)
        shown = f"w = {_one_line(str(w))}, grad = {_one_line(str(grad))}, lr = {lr}"
        result, problem = _call(function, _fresh(w), _fresh(grad), lr)
        if problem:
            return _say(False, f"For {shown}, {problem}")
        answer, returned = _new_point(result, w)
        if answer is None:
            return _say(False, f"For w = {_one_line(str(w))} your function {returned}; it "
                        "should return the new point, with the same shape as w.")
        if not np.allclose(answer, expected):
            if np.allclose(answer, uphill):
                return _say(False, "Your step goes uphill: the slope points up, so step the "
                            "other way (subtract).")
            return _say(False, f"For {shown} your step gives {_show(result)}. Hint: the step "
                        "is the learning rate times the slope.")
    return _say(True, "Correct: w − lr · grad, for numbers and for arrays alike.")


OWN_FUNCTION_POINTS = (-1.5, -0.3, 0.0, 0.8, 2.0)
OWN_FUNCTION_H = 1e-5  # the finite-difference step, as in descent.numerical_derivative


@_check
def own_derivative(f: object, f_slope: object) -> None:
    """Notebook 04: gradient-check the learner's derivative f_slope of f(w) = w³ − 2w."""
    if not callable(f):
        return _say(False, f"f should be your function f(w); it is {_show(f)}.")
    if not callable(f_slope):
        return _say(False, f"f_slope should be your derivative, a function of w; it is "
                    f"{_show(f_slope)}.")
    for w in OWN_FUNCTION_POINTS:
        exact, problem = _call(f_slope, w)
        if problem:
            return _say(False, f"At w = {w}, {problem}")
        value, problem = _number(exact, "")
        if problem:
            kind = "a finite number" if isinstance(_scalar(exact), numbers.Real) else "a number"
            return _say(False, f"At w = {w} your derivative returned {_show(exact)}, not {kind}.")
        sides = []
        for point in (w + OWN_FUNCTION_H, w - OWN_FUNCTION_H):
            height, problem = _call(f, point)
            if problem:
                return _say(False, f"Computing f itself at w = {w}: {problem}")
            number, problem = _number(height, "")
            if problem:
                return _say(False, f"Computing f itself near w = {w}: f returned "
                            f"{_show(height)}, not a finite number.")
            sides.append(number)
        numerical = (sides[0] - sides[1]) / (2 * OWN_FUNCTION_H)
        if not np.isfinite(numerical):
            return _say(False, f"Near w = {w} your f is too large to measure its slope: "
                        "check that f is the function of the exercise.")
        # The relative error does not change with scale; scaling huge slopes down keeps
        # its norms from overflowing.
        largest = max(abs(value), abs(numerical))
        scale = largest if largest > 1e150 else 1.0
        check = descent.compare_gradients(np.array([value / scale]),
                                          np.array([numerical / scale]))
        if not check.passed:
            return _say(False, f"At w = {w} your derivative gives {_fixed(value)} but the slope "
                        f"measured by finite differences is {_fixed(numerical)} "
                        f"({check.message}). Hint: the derivative of wⁿ is n·wⁿ⁻¹.")
    return _say(True, "Your derivative passes the gradient check at all "
                f"{len(OWN_FUNCTION_POINTS)} points (relative error below 1e-6 at each).")


# --- Notebook 05 ---------------------------------------------------------------------------

CHOOSE_CURVATURE = 8.0
ONE_STEP_RTOL = 1e-3
MYSTERY_CURVATURE = 5.0
# The bottom of the mystery parabola is not at 0 and not told, so that no single value of
# mystery_slope (at w = 1 it is L·(1 − c)) or mystery_loss gives the curvature away.
MYSTERY_CENTRE = 0.3
STABLE_RTOL = 0.02


def _factor(factor: float) -> str:
    return f"{factor:.3g}" if abs(factor) < 1e12 else "an enormous number"


@_check
def one_step_lr(answer: object) -> None:
    """Notebook 05: the learning rate that reaches the bottom of ½·8·w² in one step."""
    value, problem = _number(answer, "Your learning rate")
    if problem:
        return _say(False, problem)
    L = CHOOSE_CURVATURE
    if abs(value - 1 / L) <= ONE_STEP_RTOL / L:
        return _say(True, f"Correct: η = 1/L = {1 / L:g}. One step multiplies w by 1 − ηL = 0: "
                    "straight to the bottom.")
    if abs(value - 2 / L) <= ONE_STEP_RTOL * 2 / L:
        return _say(False, "That is the edge of stability: there 1 − ηL = −1, so the walk "
                    "bounces between w and −w forever. To land on the bottom in one step, "
                    "what must the factor 1 − ηL be?")
    if value <= 0:
        return _say(False, "A learning rate must be positive.")
    factor = 1 - value * L
    if abs(factor) < 1:
        return _say(False, f"That converges (each step multiplies w by {_factor(factor)}), but "
                    "not in one step. Which η makes 1 − ηL exactly 0?")
    return _say(False, f"That diverges: each step multiplies w by {_factor(factor)}, larger "
                "than 1 in size. Hint: one step multiplies w by 1 − ηL.")


def mystery_loss(w):
    """A parabola with a curvature (and a bottom) the learner has to discover. Notebook 05."""
    return 0.5 * MYSTERY_CURVATURE * np.sum(np.square(np.asarray(w, dtype=float)
                                                      - MYSTERY_CENTRE))


def mystery_slope(w):
    """The slope of mystery_loss."""
    return MYSTERY_CURVATURE * (np.asarray(w, dtype=float) - MYSTERY_CENTRE)


@_check
def largest_stable_lr(answer: object) -> None:
    """Notebook 05: the largest stable learning rate on mystery_loss, found by experiment."""
    value, problem = _number(answer, "Your learning rate")
    if problem:
        return _say(False, problem)
    if value <= 0:
        return _say(False, "A learning rate must be positive. Hint: run "
                    "descent.gradient_descent(check.mystery_loss, check.mystery_slope, 1.0, lr, "
                    "200) for several lr and see where the loss stops falling.")
    threshold = 2 / MYSTERY_CURVATURE
    error = abs(value - threshold) / threshold
    if error <= STABLE_RTOL:
        return _say(True, f"Correct (within {error:.1%}): above about {threshold:g} the walk "
                    "diverges. The curvature must be 2 divided by that.")
    direction = "lower" if value > threshold else "higher"
    return _say(False, f"Your estimate is more than 2% off: the real threshold is {direction}. "
                "Hint: run descent.gradient_descent(check.mystery_loss, check.mystery_slope, "
                "1.0, lr, 200) for several lr and see where the loss stops falling.")
