"""Exercise checks of loss (notebook 03): ✓ or a hint, never the answer."""

from __future__ import annotations

import numpy as np

from .. import losses
from ._answers import (
    call_learner,
    guarded,
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


# --- Exercises 3 and 4: the learner writes the loss itself ----------------------------------


def _function_cases(kind: str) -> list[tuple[object, object]]:
    """(y, predictions) on which a learner's loss runs: seeded, none from the notebook, numpy
    arrays first (5, 1, 2 and 10 examples), then plain lists (3 and 7). Five examples come first
    so that a wrong formula is told apart from the others (on one example the mean of the errors
    and the root of the MSE are the same number) and named. For binary
    cross-entropy the targets are 0 or 1, with both present, and each p lies between 0.05 and
    0.95, where the helpers' clipping changes nothing."""
    rng = np.random.default_rng(2003 if kind == "mse" else 2004)
    cases: list[tuple[object, object]] = []
    for n, as_list in ((5, False), (1, False), (2, False), (10, False), (3, True), (7, True)):
        if kind == "mse":
            y = np.round(rng.uniform(-3, 3, n), 1)
            y_pred = y + np.round(rng.choice((-1, 1), n) * rng.uniform(0.2, 2.0, n), 1)
        else:
            y = rng.permutation(np.resize([1.0, 0.0], n))
            y_pred = np.round(rng.uniform(0.05, 0.95, n), 2)
        cases.append((y.tolist(), y_pred.tolist()) if as_list else (y, y_pred))
    return cases


MSE_FUNCTION_CASES = _function_cases("mse")
BCE_FUNCTION_CASES = _function_cases("bce")
FUNCTION_RTOL = 1e-6


def _same(value: float, expected: float) -> bool:
    return bool(np.isclose(value, expected, rtol=FUNCTION_RTOL, atol=1e-12))


def _shown(values: object) -> str:
    """Inputs as a learner would type them, rounded: [0.3, -1.2] or array([0.3, -1.2])."""
    numbers = ", ".join(f"{v:g}" for v in np.asarray(values, dtype=float))
    return f"[{numbers}]" if isinstance(values, list) else f"array([{numbers}])"


def _fresh(value: object) -> object:
    """A copy the learner's function may change in place without touching the check's own."""
    return list(value) if isinstance(value, list) else np.array(value, dtype=float)


def _mse_hint(y: np.ndarray, y_pred: np.ndarray, value: float) -> str | None:
    """The misconception behind a wrong MSE, if it is a known one; never the right value."""
    errors = y_pred - y
    expected = float(np.mean(errors**2))
    if y.size > 1 and _same(value, float(np.sum(errors**2))):
        return "You added the squared errors. The M in MSE is for mean: divide by n."
    if _same(value, float(np.mean(errors))) or _same(value, -float(np.mean(errors))):
        return "You averaged the errors themselves. Square each error before averaging."
    if _same(value, float(np.mean(np.abs(errors)))):
        return "You averaged the sizes of the errors. Square each error instead."
    if _same(value, float(np.mean(errors)) ** 2):
        return "You squared the average error. Square each error first, then average."
    if _same(value, float(np.sqrt(expected))):
        return "You took a square root at the end: MSE stays squared."
    if _same(value, expected / 2):
        return "Your result is half of the mean squared error: leave out the ½."
    return None


def _bce_formula(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    """−[y log p + (1 − y) log(1 − p)] for each example (y and p already in the open (0, 1))."""
    return -(y * np.log(p) + (1 - y) * np.log(1 - p))


def _bce_hint(y: np.ndarray, p: np.ndarray, value: float) -> str | None:
    """The misconception behind a wrong binary cross-entropy, if it is a known one."""
    each = _bce_formula(y, p)
    expected = float(np.mean(each))
    if y.size > 1 and _same(value, float(np.sum(each))):
        return "You added the losses of the examples. Average them: divide by n."
    if _same(value, -expected):
        return ("Your loss is negative. A log of a probability is never positive, so the "
                "formula has a minus sign in front to make the loss 0 or more.")
    if _same(value, expected / np.log(10)) or _same(value, expected / np.log(2)):
        return "Use the natural logarithm, np.log (not np.log10 or np.log2)."
    if y.size > 1 and _same(value, float(np.mean(-y * np.log(p)))):
        return ("Only the examples with target 1 count in your loss. A target 0 costs "
                "−log(1 − p).")
    if _same(value, float(np.mean(-np.log(p)))):
        return "You used −log p for every example; for a target 0 the loss is −log(1 − p)."
    with np.errstate(all="ignore"):
        swapped = float(np.mean(_bce_formula(p, y)))
    if np.isfinite(swapped) and _same(value, swapped):
        return "You swapped y and p: the log is taken of the probability p, never of y."
    return None


_LOSSES = {
    "mse": ("mse", "y_pred", lambda y, q: losses.mse(y, q), _mse_hint,
            "for each example subtract the target from the prediction, square it, then "
            "average the squares."),
    "bce": ("binary_cross_entropy", "p", lambda y, q: losses.binary_cross_entropy(y, q),
            _bce_hint, "for each example take y·log p + (1 − y)·log(1 − p), average over the "
            "examples, and put a minus sign in front."),
}


def _check_loss_function(function: object, kind: str) -> None:
    name, second, reference, hint, recipe = _LOSSES[kind]
    if not callable(function):
        return say(False, f"Pass your function itself, like check.{kind}_function({name}); got "
                    f"{show(function)}.")
    cases = MSE_FUNCTION_CASES if kind == "mse" else BCE_FUNCTION_CASES
    for y, predictions in cases:
        target, guess = np.asarray(y, dtype=float), np.asarray(predictions, dtype=float)
        expected = reference(target, guess)
        shown = f"y = {_shown(y)}, {second} = {_shown(predictions)}"
        result, problem = call_learner(function, _fresh(y), _fresh(predictions))
        if problem:
            extra = (" Turn lists into arrays first: y = np.asarray(y, dtype=float)."
                     if isinstance(y, list) and "TypeError" in problem else "")
            return say(False, f"For {shown}, {problem}.{extra}")
        if result is None:
            return say(False, f"For {shown} your function returned None: is the return line "
                        "missing?")
        value = scalar(result)
        if isinstance(value, np.ndarray) and value.dtype.kind in "iuf" and value.size > 1:
            each = ", one value per example" if value.size == target.size else ""
            return say(False, f"For {shown} your function returned {show(result)}{each}. A "
                        "loss is one number: average over the examples.")
        number, problem = read_number(value, "Its result")
        if problem:
            if isinstance(value, float | np.floating) and not np.isfinite(value):
                why = (" Is a log taken of 0? The log is taken of p and 1 − p, never of y."
                       if kind == "bce" else "")
                return say(False, f"For {shown} your function returned {value}, not a finite "
                            f"number.{why}")
            return say(False, f"For {shown} your function should return one number. {problem}")
        if not _same(number, expected):
            known = hint(target, guess, number)
            # The learner's value is not shown: a sign or a factor away, it would be the answer.
            what = "mean squared error" if kind == "mse" else "binary cross-entropy"
            return say(False, f"For {shown} your function does not give the {what}. "
                        + (known or f"Hint: {recipe}"))
    sizes = sorted({np.size(y) for y, _ in cases})
    return say(True, f"Correct: your {name} agrees with losses.{name} on all {len(cases)} "
                f"fresh examples, as lists and as arrays, from {sizes[0]} to {sizes[-1]} "
                "values each.")


@guarded
def mse_function(function: object) -> None:
    """Notebook 03: the learner's mse(y, y_pred), run on fresh lists and arrays."""
    return _check_loss_function(function, "mse")


@guarded
def bce_function(function: object) -> None:
    """Notebook 03: the learner's binary_cross_entropy(y, p), run on fresh lists and arrays."""
    return _check_loss_function(function, "bce")
