"""Exercise checks of loss (notebook 03): ✓ or a hint, never the answer."""

from __future__ import annotations

import numpy as np

from .. import activations, losses
from ._answers import (
    call_learner,
    guarded,
    read_array,
    read_number,
    say,
    scalar,
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


# --- Predict, then try: the tilt of the valley ---------------------------------------------

# The points of notebook 03's line fit: x spread evenly from 0 to 2 (data.noisy_line).
VALLEY_CHOICES = ("up", "down", "neither")


@guarded
def valley_prediction(answer: object) -> None:
    """Notebook 03, before the line-fit sliders: to keep the best line as close to the points
    as it can be once it is made steeper, does its intercept go up, down, or neither? The
    points lie at x from 0 to 2, so the answer is down. The hints explain the reasoning."""
    choice = answer.strip().lower() if isinstance(answer, str) else None
    if choice not in VALLEY_CHOICES:
        return say(False, 'Answer with one of the strings "up", "down" or "neither"; got '
                   f"{show(answer)}.")
    if choice == "down":
        return say(True, "Right: down. The best line runs through the middle of the points, "
                   "and all of them lie to the right of x = 0, where the intercept is read. "
                   "Turned steeper about that middle, the line goes up on the right and down on "
                   "the left, at x = 0 too. Raise the slope slider and find the lowest loss "
                   "again: the dot on the surface moves down as it moves right.")
    if choice == "neither":
        return say(False, "Keep the intercept and raise the slope: the line turns about its "
                   "point at x = 0, the left end of the points (x from 0 to 2), so it moves "
                   "away from the points to its right, more the further right they are. Which "
                   "way must the whole line then shift to come back among them?")
    return say(False, "Picture the steeper line turning about the middle of the points, so "
               "that it stays among them. The points lie at x from 0 to 2, so their middle "
               "is to the right of x = 0, where the intercept is read. On which side of the "
               "middle does a steeper line rise, and on which side does it fall?")


# --- Exercises 3 and 4: a loss's slope, and a neuron's loss ---------------------------------


def _function_cases(kind: str) -> list[tuple[object, object]]:
    """(y, predictions) on which a learner's slope of the MSE runs: seeded, none from the
    notebook, numpy arrays first (5, 1, 2 and 10 examples), then plain lists (3 and 7). Five
    examples with errors of both signs come first, so that a wrong formula is told apart from
    the others (on one example every multiple of the error looks alike) and named."""
    rng = np.random.default_rng(2003 if kind == "mse" else 2004)
    cases: list[tuple[object, object]] = []
    for n, as_list in ((5, False), (1, False), (2, False), (10, False), (3, True), (7, True)):
        y = np.round(rng.uniform(-3, 3, n), 1)
        y_pred = y + np.round(rng.choice((-1, 1), n) * rng.uniform(0.2, 2.0, n), 1)
        cases.append((y.tolist(), y_pred.tolist()) if as_list else (y, y_pred))
    return cases


MSE_SLOPE_CASES = _function_cases("mse")
FUNCTION_RTOL = 1e-6


def _same(value: float | np.ndarray, expected: float | np.ndarray) -> bool:
    return bool(np.allclose(value, expected, rtol=FUNCTION_RTOL, atol=1e-12))


def _shown(values: object) -> str:
    """Inputs as a learner would type them, rounded: [0.3, -1.2] or array([0.3, -1.2])."""
    numbers = ", ".join(f"{v:g}" for v in np.asarray(values, dtype=float).reshape(-1))
    return f"[{numbers}]" if isinstance(values, list) else f"array([{numbers}])"


def _fresh(value: object) -> object:
    """A copy the learner's function may change in place without touching the check's own."""
    return list(value) if isinstance(value, list) else np.array(value, dtype=float)


def _slope_hint(y: np.ndarray, y_pred: np.ndarray, slopes: np.ndarray) -> str:
    """The mistake behind wrong slopes of the MSE, named without the formula or the values."""
    expected = losses.mse_grad(y, y_pred)
    n = y.size
    factor = float(slopes @ expected / (expected @ expected))
    if _same(slopes, factor * expected):  # the right slopes, times a wrong number
        if factor < 0:
            return ("Your slopes have the wrong sign. Where a prediction is above its target, "
                    "raising it makes its error, and so J, larger: the slope there is positive.")
        if np.isclose(factor, n / 2):
            return ("Your slopes are the errors themselves. Two things change them on the "
                    "way to J: the square, and the mean.")
        if np.isclose(factor, n):
            return ("Your slopes are n times too large: J is a mean, so each squared error "
                    "enters it divided by n, and so does its slope.")
        if np.isclose(factor, 0.5):
            return "Your slopes are half the right size: the slope of a square u² is 2u, not u."
    if _same(slopes, (y_pred - y) ** 2 / n) or _same(slopes, (y_pred - y) ** 2):
        return ("Your values are the squared errors, each example's part of J, not how fast J "
                "changes when the prediction moves.")
    return ("Nudge one prediction by a tiny amount in a cell of your own, as the maths box "
            "does, and measure how much J changes per unit of nudge; compare that with what "
            "your function gives for that prediction.")


@guarded
def mse_slope_function(function: object) -> None:
    """Notebook 03: the learner's mse_slope(y, y_pred), the slope of the MSE with respect to
    each prediction, run on fresh lists and arrays against losses.mse_grad."""
    if not callable(function):
        return say(False, "Pass your function itself, like check.mse_slope_function(mse_slope); "
                   f"got {show(function)}.")
    for y, predictions in MSE_SLOPE_CASES:
        target, guess = np.asarray(y, dtype=float), np.asarray(predictions, dtype=float)
        expected = losses.mse_grad(target, guess)
        shown = f"y = {_shown(y)}, y_pred = {_shown(predictions)}"
        result, problem = call_learner(function, _fresh(y), _fresh(predictions))
        if problem:
            extra = (" Turn lists into arrays first: y = np.asarray(y, dtype=float)."
                     if isinstance(y, list) and "TypeError" in problem else "")
            return say(False, f"For {shown}, {problem}.{extra}")
        if result is None:
            return say(False, f"For {shown} your function returned None: is the return line "
                       "missing?")
        raw = read_array(result)
        if raw is None:
            return say(False, f"For {shown} your function returned {show(result)}, not numbers.")
        if raw.size != target.size:
            what = "one number" if raw.size == 1 else f"{raw.size} numbers"
            return say(False, f"For {shown} your function returned {what}. J has one slope per "
                       f"prediction: return {target.size}, an array shaped like y_pred.")
        slopes = raw.astype(float).reshape(-1)
        if not np.all(np.isfinite(slopes)):
            return say(False, f"For {shown} your function returned nan or infinity: somewhere a "
                       "calculation went wrong.")
        if not _same(slopes, expected):
            return say(False, f"For {shown} your slopes are not those of the MSE. "
                       + _slope_hint(target, guess, slopes))
    sizes = sorted({np.size(y) for y, _ in MSE_SLOPE_CASES})
    return say(True, f"Correct: your mse_slope agrees with losses.mse_grad on all "
               f"{len(MSE_SLOPE_CASES)} fresh examples, as lists and as arrays, from {sizes[0]} "
               f"to {sizes[-1]} predictions each.")


def _neuron_cases() -> list[tuple[np.ndarray, np.ndarray, np.ndarray, float]]:
    """(X, y, w, b) on which a learner's neuron_bce runs: seeded, none from the notebook, 5, 1,
    8 and 3 examples of 2, 3, 1 and 2 inputs. Every weighted sum lies between −3 and 3, so every
    p lies between 0.04 and 0.96, where the helpers' clipping changes nothing. The first case
    has both classes and sums of both signs, so that each typical mistake is told apart."""
    rng = np.random.default_rng(2004)
    cases = []
    for n, d in ((5, 2), (1, 3), (8, 1), (3, 2)):
        while True:
            X = np.round(rng.normal(size=(n, d)), 1)
            w = np.round(rng.uniform(-1.5, 1.5, d), 1)
            b = float(np.round(rng.uniform(-1, 1), 1))
            y = rng.permutation(np.resize([1.0, 0.0], n))
            z = X @ w + b
            mixed = n == 1 or (np.any(z > 0) and np.any(z < 0) and b != 0)
            if np.all(np.abs(z) < 3) and mixed:
                cases.append((X, y, w, b))
                break
    return cases


NEURON_CASES = _neuron_cases()


def _bce_formula(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    """−[y log p + (1 − y) log(1 − p)] for each example (y and p already in the open (0, 1))."""
    return -(y * np.log(p) + (1 - y) * np.log(1 - p))


def _neuron_hint(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, value: float) -> str:
    """The mistake behind a wrong loss of a neuron, named without the formula or the value."""
    p = activations.sigmoid(X @ w + b)
    each = _bce_formula(y, p)
    expected = float(np.mean(each))
    many = y.size > 1
    with np.errstate(all="ignore"):
        known = [
            (float(np.mean(_bce_formula(y, activations.sigmoid(X @ w)))),
             "Your loss leaves out the bias: every weighted sum is w·x + b."),
            (float(np.mean(_bce_formula(y, 1 - p))),
             "Your probabilities are those of class 0: the sigmoid of z is the probability of "
             "class 1, and it rises with z."),
            (-expected, "Your loss is negative. A log of a probability is never positive, so "
             "the loss has a minus sign in front to make it 0 or more."),
            (expected / np.log(10), "Use the natural logarithm, np.log (not np.log10)."),
            (expected / np.log(2), "Use the natural logarithm, np.log (not np.log2)."),
            (float(np.mean(-np.log(p))), "You used −log p for every example; an example of "
             "class 0 costs −log(1 − p)."),
        ]
        if many:
            known += [
                (float(np.sum(each)), "You added the losses of the examples. J is their "
                 "average."),
                (float(np.mean(-y * np.log(p))), "Only the examples of class 1 count in your "
                 "loss. An example of class 0 costs −log(1 − p)."),
            ]
    for other, hint in known:
        if np.isfinite(other) and _same(value, other):
            return hint
    return ("Print the neuron's probabilities p for a few rows of X and look at them: one per "
            "example, each between 0 and 1, larger where the weighted sum is larger. Then take "
            "their loss for the targets y, as in Exercise 2.")


def _neuron_shown(X: np.ndarray, w: np.ndarray, b: float) -> str:
    return f"X of shape {X.shape}, w = {_shown(w)}, b = {b:g}"


@guarded
def neuron_bce_function(function: object) -> None:
    """Notebook 03: the learner's neuron_bce(X, y, w, b), the binary cross-entropy of a sigmoid
    neuron's predictions σ(Xw + b) for the targets y, run on the check's own neurons."""
    if not callable(function):
        return say(False, "Pass your function itself, like check.neuron_bce_function("
                   f"neuron_bce); got {show(function)}.")
    for X, y, w, b in NEURON_CASES:
        expected = losses.binary_cross_entropy(y, activations.sigmoid(X @ w + b))
        shown = _neuron_shown(X, w, b)
        result, problem = call_learner(function, X.copy(), y.copy(), w.copy(), b)
        if problem:
            shapes = any(word in problem for word in ("shape", "matmul", "aligned", "broadcast"))
            extra = (" Hint: X is (n, d) and w is (d,), so X @ w gives one weighted sum per "
                     "row of X." if shapes else "")
            return say(False, f"For {shown}, {problem}.{extra}")
        if result is None:
            return say(False, f"For {shown} your function returned None: is the return line "
                       "missing?")
        value = scalar(result)
        if isinstance(value, np.ndarray) and value.dtype.kind in "iuf" and value.size > 1:
            each = ", one value per example" if value.size == y.size else ""
            return say(False, f"For {shown} your function returned {show(result)}{each}. A "
                       "loss is one number: average over the examples.")
        number, problem = read_number(value, "Its result")
        if problem:
            if isinstance(value, float | np.floating) and not np.isfinite(value):
                return say(False, f"For {shown} your function returned {value}: was a log taken "
                           "of 0, or of a number that is no probability? The weighted sum z can "
                           "be any number, and a step gives exactly 0 or 1; the neuron's "
                           "probability is σ(z), strictly between 0 and 1.")
            return say(False, f"For {shown} your function should return one number. {problem}")
        if not _same(number, expected):
            # The learner's value is not shown: a sign or a factor away, it would be the answer.
            return say(False, f"For {shown} your function does not give the neuron's binary "
                       f"cross-entropy. {_neuron_hint(X, y, w, b, number)}")
    sizes = sorted({len(y) for _, y, _, _ in NEURON_CASES})
    return say(True, f"Correct: your neuron_bce agrees with losses.binary_cross_entropy of "
               f"σ(Xw + b) on all {len(NEURON_CASES)} neurons, from {sizes[0]} to {sizes[-1]} "
               "examples each.")
