"""Exercise checks of gradient descent (notebook 04): ✓ or a hint, never the answer."""

from __future__ import annotations

import numbers

import numpy as np

from .. import descent
from .answers import (
    _one_line,
    _scalar,
    call_learner,
    fixed,
    guarded,
    read_number,
    say,
    show,
)

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
        value, problem = read_number(result, "")
        if problem is None:
            return np.array(value), ""
    elif not isinstance(result, str | bytes):
        try:
            raw = np.asarray(result)
            if raw.dtype.kind in "iuf" and raw.shape == np.shape(like):
                answer = raw.astype(float)
                if np.all(np.isfinite(answer)):
                    return answer, ""
                return None, f"returned {show(result)} with nan or inf in it"
        except Exception:  # a ragged list, an object that is no array
            pass
    return None, f"returned {show(result)}"


@guarded
def descent_step(function: object) -> None:
    """Notebook 04: a function descent_step(w, grad, lr) returning the point after one step."""
    if not callable(function):
        return say(False, "Pass your function itself, like check.descent_step(descent_step); "
                    f"got {show(function)}.")
    for w, grad, lr in DESCENT_CASES:
        # Both answers first, so a function that changes w in place cannot change them.
        expected = np.asarray(descent.update(w, grad, lr), dtype=float)
        uphill = np.asarray(descent.update(w, grad, -lr), dtype=float)
        shown = f"w = {_one_line(str(w))}, grad = {_one_line(str(grad))}, lr = {lr}"
        result, problem = call_learner(function, _fresh(w), _fresh(grad), lr)
        if problem:
            return say(False, f"For {shown}, {problem}")
        answer, returned = _new_point(result, w)
        if answer is None:
            return say(False, f"For w = {_one_line(str(w))} your function {returned}; it "
                        "should return the new point, with the same shape as w.")
        if not np.allclose(answer, expected):
            if np.allclose(answer, uphill):
                return say(False, "Your step goes uphill: the slope points up, so step the "
                            "other way (subtract).")
            return say(False, f"For {shown} your step gives {show(result)}. Hint: the step "
                        "is the learning rate times the slope.")
    return say(True, "Correct: w − lr · grad, for numbers and for arrays alike.")


OWN_FUNCTION_POINTS = (-1.5, -0.3, 0.0, 0.8, 2.0)
OWN_FUNCTION_H = 1e-5  # the finite-difference step, as in descent.numerical_slope


@guarded
def own_derivative(f: object, f_slope: object) -> None:
    """Notebook 04: gradient-check the learner's derivative f_slope of f(w) = w³ − 2w."""
    if not callable(f):
        return say(False, f"f should be your function f(w); it is {show(f)}.")
    if not callable(f_slope):
        return say(False, f"f_slope should be your derivative, a function of w; it is "
                    f"{show(f_slope)}.")
    for w in OWN_FUNCTION_POINTS:
        exact, problem = call_learner(f_slope, w)
        if problem:
            return say(False, f"At w = {w}, {problem}")
        value, problem = read_number(exact, "")
        if problem:
            kind = "a finite number" if isinstance(_scalar(exact), numbers.Real) else "a number"
            return say(False, f"At w = {w} your derivative returned {show(exact)}, not {kind}.")
        sides = []
        for point in (w + OWN_FUNCTION_H, w - OWN_FUNCTION_H):
            height, problem = call_learner(f, point)
            if problem:
                return say(False, f"Computing f itself at w = {w}: {problem}")
            number, problem = read_number(height, "")
            if problem:
                return say(False, f"Computing f itself near w = {w}: f returned "
                            f"{show(height)}, not a finite number.")
            sides.append(number)
        numerical = (sides[0] - sides[1]) / (2 * OWN_FUNCTION_H)
        if not np.isfinite(numerical):
            return say(False, f"Near w = {w} your f is too large to measure its slope: "
                        "check that f is the function of the exercise.")
        # The relative error does not change with scale; scaling huge slopes down keeps
        # its norms from overflowing.
        largest = max(abs(value), abs(numerical))
        scale = largest if largest > 1e150 else 1.0
        check = descent.compare_gradients(np.array([value / scale]),
                                          np.array([numerical / scale]))
        if not check.passed:
            return say(False, f"At w = {w} your derivative gives {fixed(value)} but the slope "
                        f"measured by finite differences is {fixed(numerical)} "
                        f"({check.message}). Hint: the derivative of wⁿ is n·wⁿ⁻¹.")
    return say(True, "Your derivative passes the gradient check at all "
                f"{len(OWN_FUNCTION_POINTS)} points (relative error below 1e-6 at each).")
