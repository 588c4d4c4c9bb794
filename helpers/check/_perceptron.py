"""Exercise checks of the perceptron (notebook 01): ✓ or a hint, never the answer."""

from __future__ import annotations

import numpy as np

from .. import data, perceptron
from ._answers import (
    call_learner,
    guarded,
    read_number,
    read_vector,
    read_whole,
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


def _update_cases() -> list[tuple[np.ndarray, float, np.ndarray, int, float]]:
    """(w, b, x, y, lr) on which the learner's update runs: seeded random points the neuron
    gets right (y = 1 and y = 0) and wrong (each way), then one exactly on the line (z = 0, where
    the step gives 1) and one with three inputs."""
    rng = np.random.default_rng(1958)
    cases = []
    for target, right in ((1, True), (0, True), (1, False), (0, False)):
        while True:
            w = np.round(rng.uniform(-2, 2, 2), 1)
            b = float(np.round(rng.uniform(-1, 1), 1))
            x = np.round(rng.uniform(-2, 2, 2), 1)
            a = int(perceptron.predict(x[None, :], w, b)[0])
            if (a == target) == right and w @ x + b != 0:
                cases.append((w, b, x, target, float(rng.choice((0.1, 0.25, 0.5)))))
                break
    cases.append((np.array([1.0, -1.0]), 0.0, np.array([0.5, 0.5]), 0, 0.5))
    cases.append((np.array([0.5, -0.2, 0.1]), -0.3, np.array([1.0, 2.0, -1.0]), 1, 0.1))
    return cases


UPDATE_CASES = _update_cases()


def rule(w: np.ndarray, b: float, x: np.ndarray, y: int, lr: float) -> tuple[np.ndarray, float]:
    """The perceptron rule on one point: w + lr·(y − a)·x and b + lr·(y − a), a = step(w·x + b)."""
    return perceptron.update(np.asarray(w, dtype=float), float(b), np.asarray(x, dtype=float),
                             float(y), float(lr))


def _read_pair(result: object, inputs: int) -> tuple[np.ndarray | None, float | None, str]:
    """The returned (new w, new b) as a float vector and a number, or (None, None, why not)."""
    if result is None:
        return None, None, "returned None (is the return line missing?)"
    numeric_array = isinstance(result, np.ndarray) and result.dtype.kind != "O"
    if isinstance(result, str | bytes) or numeric_array or not hasattr(result, "__len__"):
        return None, None, f"returned {show(result)}, not a pair"
    try:
        count = len(result)
        parts = list(result) if count == 2 else None
    except Exception:  # an object whose len or iteration fails
        return None, None, f"returned {show(result)}, not a pair"
    if parts is None:
        return None, None, f"returned {count} values, not a pair"
    weights = read_vector(parts[0], inputs)
    if weights is None:
        if _has_nan(parts[0]):
            return None, None, "returned new weights with nan (not a number) or inf in them"
        return None, None, (f"returned new weights {show(parts[0])}; they should be {inputs} "
                            "numbers, one per input")
    bias, problem = read_number(parts[1], "the new bias")
    if problem:
        return None, None, f"returned the new bias {show(parts[1])}, not a finite number"
    return weights, bias, ""


def _has_nan(value: object) -> bool:
    try:
        return bool(np.any(~np.isfinite(np.asarray(value, dtype=float))))
    except Exception:  # not numbers at all
        return False


# Loose enough for an answer computed in float32, tight enough for every wrong rule.
UPDATE_TOLERANCE = 1e-6


def _close(w: np.ndarray, b: float, expected: tuple[np.ndarray, float]) -> bool:
    return bool(np.allclose(w, expected[0], rtol=UPDATE_TOLERANCE, atol=UPDATE_TOLERANCE)
                and np.isclose(b, expected[1], rtol=UPDATE_TOLERANCE, atol=UPDATE_TOLERANCE))


def _update_hint(w, b, x, y, lr, new_w, new_b) -> str:
    """Name the misconception behind a wrong update, without giving the new values."""
    error = y - int(perceptron.predict(x[None, :], w, b)[0])
    expected = rule(w, b, x, y, lr)
    if error == 0:
        return ("For a point the neuron already gets right, y − a = 0, so nothing should change; "
                "your function changed w or b. Compute a = step(w·x + b) first.")
    if w @ x + b == 0 and _close(new_w, new_b, (w, b)):
        return ("This point lies exactly on the line, z = 0, where the step function gives 1 "
                "(1 if z ≥ 0).")
    if _close(new_w, new_b, (w, b)):
        return ("For a point the neuron gets wrong, your function left w and b as they were. "
                "There y − a is +1 or −1, and the rule nudges both.")
    if _close(new_w, new_b, (w - lr * error * x, b - lr * error)):
        return ("Your update moves the line away from the point. For a point that should be 1 "
                "but got 0, y − a = +1 and the weights move toward x; check the sign of y − a.")
    if _close(new_w, new_b, (expected[0], new_b)):
        if _close(new_w, new_b, (new_w, b)):
            return ("The weights are right, but the bias did not change. The bias learns too: "
                    "it moves like a weight whose input is always 1.")
        return ("The weights are right, but not the bias. It moves like a weight whose input "
                "is always 1.")
    if _close(new_w, new_b, (w + error * x, b + error)):
        return "The nudge should be scaled by the learning rate lr."
    return ("First compute the neuron's output a = step(w·x + b). Then compare each part of "
            "your update with the rule above: what multiplies x in the nudge of the weights, and "
            "what is added to the bias?")


@guarded
def perceptron_update(function: object) -> None:
    """Notebook 01: a function perceptron_update(w, b, x, y, lr) returning (new w, new b) after
    the perceptron rule on the one point x with target y."""
    if not callable(function):
        return say(False, "Pass your function itself: its name, without brackets after it; "
                    f"got {show(function)}.")
    for w, b, x, y, lr in UPDATE_CASES:
        expected = rule(w, b, x, y, lr)
        # Copies, so a function that changes w in place cannot change the check's own.
        result, problem = call_learner(function, w.copy(), b, x.copy(), y, lr)
        if problem:
            return say(False, f"On a point with {len(x)} inputs {problem}.")
        new_w, new_b, problem = _read_pair(result, len(x))
        if new_w is None:
            return say(False, f"On a point with {len(x)} inputs your function {problem}. It "
                        "should return the new weights and the new bias as a pair: "
                        "return w_new, b_new.")
        if not _close(new_w, new_b, expected):
            return say(False, _update_hint(w, b, x, y, lr, new_w, new_b))
    return say(True, f"Correct: your update passes all {len(UPDATE_CASES)} test points — it "
                "leaves the line alone where the neuron is right and nudges it toward the "
                "point where it is wrong, in either direction, with any number of inputs.")


# --- Predict, then try: the signs of w and b flipped ----------------------------------------

# The decision-line explorer's start in notebook 01: its 40 points and its line.
FLIP_POINTS = {"n": 40, "seed": 4}
FLIP_W = (0.5, 1.0)
FLIP_B = 0.5


def _flip_counts() -> tuple[int, int, int]:
    """(points, wrong at the start, wrong with the signs of w and b flipped)."""
    X, y = data.two_clouds(**FLIP_POINTS)
    w = np.array(FLIP_W)
    before = perceptron.count_misclassified(X, y, w, FLIP_B)
    after = perceptron.count_misclassified(X, y, -w, -FLIP_B)
    return len(y), before, after


@guarded
def sign_flip_prediction(wrong: object) -> None:
    """Notebook 01, before the decision-line sliders: how many of the 40 points the neuron gets
    wrong once w₁, w₂ and b all change sign. The hints explain; none says higher or lower."""
    value = read_whole(wrong)
    n, before, after = _flip_counts()
    if value is None or not 0 <= value <= n:
        return say(False, f"Your prediction should be a whole number of points, from 0 to {n}; "
                   f"it is {show(wrong)}.")
    if value == after:
        return say(True, f"Right: {after} of {n}. The line stays where it is (w·x + b = 0 "
                   "holds for the same points), but z changes sign for every point, so the "
                   "neuron now calls each side the other class: every point that was right is "
                   "wrong, and the other way round. Drag the sliders to see it.")
    if value == before:
        return say(False, "The line does stay where it is: the points where w·x + b = 0 are the "
                   "same. But look at what happens to z = w·x + b at a point off the line when "
                   "all three numbers change sign. Which side does the neuron call class 1 now?")
    if value == 0:
        return say(False, "Flipping the signs does not move the line, so no point changes from "
                   "one side of it to the other. What changes is which side is called class "
                   "1. Can that make every point right?")
    return say(False, f"Flipping all three signs multiplies z = w·x + b by −1 for every point. "
               "A point with z > 0 (class 1) now has z < 0 (class 0), and the other way round. "
               f"Start from the {before} points that are wrong now: what becomes of "
               "them, and of all the others?")
