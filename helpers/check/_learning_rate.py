"""Exercise checks of the learning rate (notebook 05): ✓ or a hint, never the answer.

Before the parabola's slider: predict_fastest_lr, a prediction. Exercise 1: one_step_lr;
exercise 2: largest_stable_lr, found by running mystery_descent (descent on a parabola whose
curvature is not told); exercise 3: range_test_function, the learner's own range test run on
fresh parabolas.
"""

from __future__ import annotations

import numbers

import numpy as np

from .. import descent, learning_rate
from ._answers import (
    call_learner,
    guarded,
    read_number,
    say,
    show,
)

# The prediction: on J(w) = ½·w² (L = 1), from w = 1.5, which η is closest to the bottom after
# 30 steps? Right within this distance of 1/L (there |1 − ηL| ≤ 0.05).
FASTEST_RTOL = 0.05
CHOOSE_CURVATURE = 8.0
ONE_STEP_RTOL = 1e-3
# The mystery parabola: its curvature, its bottom and the start of every walk are not told.
MYSTERY_CURVATURE = 5.0
MYSTERY_CENTRE = 0.3
MYSTERY_START = 1.0
MYSTERY_MAX_STEPS = 10_000
STABLE_RTOL = 0.02


@guarded
def predict_fastest_lr(answer: object) -> None:
    """Notebook 05, before the parabola's slider: the learning rate that brings the walk on
    ½·w² closest to the bottom after 30 steps. Every wrong answer gets the same hint, so the
    check cannot be bisected."""
    value, problem = read_number(answer, "Your prediction")
    if problem:
        return say(False, problem)
    if value <= 0:
        return say(False, "A learning rate is positive: a step goes downhill, against the "
                   "slope.")
    if abs(value - 1.0) <= FASTEST_RTOL:
        return say(True, "Right: at η = 1/L = 1 the factor 1 − ηL is 0, so one step lands on "
                   "the bottom. Larger is not faster: at η = 1.9 the factor is −0.9, and the "
                   "walk closes in no faster than at η = 0.1 (factor +0.9). The slider below "
                   "shows it.")
    return say(False, "Each step multiplies the distance to the bottom by the size of the "
               "factor 1 − ηL, here 1 − η, so after 30 steps the closest walk is the one whose "
               "factor is smallest in size (the powers above: 0.5 shrinks faster than 0.9, and "
               "−0.5 as fast as 0.5). Which η makes |1 − η| smallest?")


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


def mystery_descent(lr: float, steps: int = 200) -> descent.DescentResult:
    """Gradient descent at learning rate lr for `steps` steps on a parabola whose curvature
    (and bottom, and start) the learner finds by experiment: a descent.DescentResult (its
    losses, whether it diverged, its message). Notebook 05, exercise 2."""
    if isinstance(lr, bool | np.bool_) or not isinstance(lr, numbers.Real):
        raise TypeError(f"mystery_descent(lr): lr should be a number (a learning rate), got "
                        f"{show(lr)}")
    if not 0 < lr <= 1e50:  # compared as given: 10**400 is no float, and NaN fails too
        raise ValueError(f"mystery_descent(lr): lr should be a positive number no larger than "
                         f"1e50, got {show(lr)}")
    if isinstance(steps, bool | np.bool_) or not isinstance(steps, numbers.Integral):
        raise TypeError(f"mystery_descent(lr, steps): steps should be a whole number, got "
                        f"{show(steps)}")
    if not 1 <= steps <= MYSTERY_MAX_STEPS:
        raise ValueError(f"mystery_descent(lr, steps): steps should be from 1 to "
                         f"{MYSTERY_MAX_STEPS:,}, got {steps}")
    parabola = learning_rate.quadratic(MYSTERY_CURVATURE, centre=MYSTERY_CENTRE)
    return descent.gradient_descent(*parabola, MYSTERY_START, float(lr), int(steps))


@guarded
def largest_stable_lr(answer: object) -> None:
    """Notebook 05: the largest stable learning rate of mystery_descent, found by experiment.
    Right or wrong, never which way: a wrong answer gets the same hint above and below."""
    value, problem = read_number(answer, "Your learning rate")
    if problem:
        return say(False, problem)
    if value <= 0:
        return say(False, "A learning rate must be positive. Hint: run "
                    "check.mystery_descent(lr) for several lr and see where the walk stops "
                    "converging.")
    threshold = 2 / MYSTERY_CURVATURE
    error = abs(value - threshold) / threshold
    if error <= STABLE_RTOL:
        return say(True, f"Correct (within {error:.1%}): above it the walk diverges, below it "
                   "it converges. The curvature must be 2 divided by your rate.")
    return say(False, "Your estimate is more than 2% off. Test it: run check.mystery_descent "
               "at your rate and at a rate 2% above it. If both converge, or neither does, the "
               "edge is elsewhere: keep one rate that converges and one that does not, and "
               "close the gap between them.")


# --- Exercise 3: write the range test -------------------------------------------------------

# The fresh problems a learner's range test runs on: (curvature, start, lr_min, lr_max, steps).
# The first blows up inside its range (2/L = 0.5 < lr_max); the second never does (lr_max is
# below 2/L = 4), so a test must run all its steps there.
RANGE_PROBLEMS = ((4.0, 1.5, 1e-3, 10.0, 60), (0.5, -2.0, 1e-2, 1.0, 25))
RANGE_RTOL = 1e-9


def _counted_step(curvature: float, start: float):
    """A fresh step(lr) on the parabola ½·L·w² from `start`, and a list that counts its calls."""
    state = {"w": float(start)}
    calls = []

    def step(lr):
        calls.append(lr)
        state["w"] -= float(lr) * curvature * state["w"]  # w − η·L·w, to inf and nan if need be
        return 0.5 * curvature * state["w"] * state["w"]

    return step, calls


def _read_pair(result: object) -> tuple[np.ndarray, np.ndarray] | str:
    """The learner's (rates, losses) as two 1-D float arrays, or a sentence saying what is off."""
    shape = ("Your function should return two lists of the same length: the rates tried and "
             "the loss after each step")
    if isinstance(result, str | bytes | dict) or not isinstance(result, tuple | list) \
            or len(result) != 2:
        return f"{shape}, as `return lrs, losses`; it returned {show(result)}."
    arrays = []
    for part, name in zip(result, ("rates", "losses"), strict=True):
        try:
            raw = np.asarray(part)
            ok = raw.dtype.kind in "iuf" and raw.ndim == 1
            values = raw.astype(float) if ok else None
        except Exception:  # ragged lists, numbers too large for a float
            ok, values = False, None
        if not ok:
            return f"{shape}; its {name} are {show(part)}, not a list of numbers."
        arrays.append(values)
    lrs, losses = arrays
    if lrs.size != losses.size:
        return f"{shape}; it returned {lrs.size} rates and {losses.size} losses."
    if lrs.size == 0:
        return "Your function returned no rates: call step(lr) once for each rate you try."
    return lrs, losses


def _range_test_problem(function, curvature, start, lr_min, lr_max, steps) -> str | None:
    """None if the learner's range test does what learning_rate.range_test does on this
    problem, else a hint that does not give the code away."""
    step, calls = _counted_step(curvature, start)
    result, problem = call_learner(function, step, lr_min, lr_max, steps)
    if problem:
        return f"On a test problem {problem}. Your function is called as my_range_test(step, " \
               "lr_min, lr_max, steps)."
    pair = _read_pair(result)
    if isinstance(pair, str):
        return pair
    lrs, losses = pair
    planned = np.geomspace(lr_min, lr_max, steps)
    reference_step, _ = _counted_step(curvature, start)
    reference = learning_rate.range_test(reference_step, lr_min, lr_max, steps)
    n = lrs.size
    if not np.all(np.isfinite(lrs)):
        return "Some of your rates are not finite numbers (nan or inf)."
    if not np.isclose(lrs[0], lr_min, rtol=RANGE_RTOL):
        return "The first rate tried should be lr_min itself."
    if n > steps:
        return f"Your test tried {n} rates; it should take at most `steps` steps."
    if n > 1 and np.any(np.diff(lrs) <= 0):
        return "Your rates should rise at every step: the range test raises η as it goes."
    if not np.allclose(lrs, planned[:n], rtol=RANGE_RTOL):
        gaps = np.diff(lrs)
        if n > 2 and np.allclose(gaps, gaps[0], rtol=1e-6):
            return ("Your rates go up by the same amount each step, so almost all of them are "
                    "large. The range test multiplies η by the same factor each step, so the "
                    "rates are evenly spaced on a log axis, from lr_min to lr_max in `steps` "
                    "rates.")
        return ("Your rates are not the range test's: each should be the one before times the "
                "same factor, going from lr_min (the first) to lr_max (the last of `steps`).")
    if len(calls) != n:
        return (f"Your function called step {len(calls)} times but returned {n} rates: call "
                "step(lr) exactly once for each rate you return, in order.")
    finite = min(n, reference.losses.size)
    if np.any(np.isnan(losses[:finite])):
        return "Some of your losses are nan (not a number) where step(lr) returned a number."
    if not np.allclose(losses[:finite], reference.losses[:finite], rtol=RANGE_RTOL):
        return ("Your losses are not what step(lr) returned: record the number step(lr) "
                "returns for each rate, in the same order.")
    if reference.blow_up_lr is None:
        needed = reference.losses.size
    else:
        needed = int(np.searchsorted(planned, reference.blow_up_lr)) + 1
    if n < needed:
        return (f"Your test stopped at η = {lrs[-1]:.3g}, before the loss blew up. Keep raising "
                "η until the loss has climbed past 10 times where it started, or is no longer "
                "a finite number, or you reach lr_max.")
    return None


@guarded
def range_test_function(function: object) -> None:
    """Notebook 05, exercise 3: the learner's my_range_test(step, lr_min, lr_max, steps),
    returning (the rates tried, the losses), run on fresh problems and compared with
    learning_rate.range_test."""
    if not callable(function):
        return say(False, "Pass your function itself, my_range_test without brackets, not what "
                   f"it returns; this is {show(function)}.")
    for problem in RANGE_PROBLEMS:
        hint = _range_test_problem(function, *problem)
        if hint:
            return say(False, hint)
    return say(True, f"Your range test gives the same rates and losses as "
               f"learning_rate.range_test on {len(RANGE_PROBLEMS)} fresh parabolas, one that "
               "blows up inside its range and one that never does.")
