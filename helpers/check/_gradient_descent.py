"""Exercise checks of gradient descent (notebook 04): ✓ or a hint, never the answer."""

from __future__ import annotations

import numbers

import numpy as np

from .. import activations, data, descent, network, training
from ._answers import (
    call_learner,
    fixed,
    guarded,
    one_line,
    read_array,
    read_number,
    say,
    scalar,
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
        uphill = np.asarray(w, dtype=float) + lr * np.asarray(grad, dtype=float)
        shown = f"w = {one_line(str(w))}, grad = {one_line(str(grad))}, lr = {lr}"
        result, problem = call_learner(function, _fresh(w), _fresh(grad), lr)
        if problem:
            return say(False, f"For {shown}, {problem}")
        answer, returned = _new_point(result, w)
        if answer is None:
            return say(False, f"For w = {one_line(str(w))} your function {returned}; it "
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
            kind = "a finite number" if isinstance(scalar(exact), numbers.Real) else "a number"
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


# --- The backward pass of a Dense layer, written by the learner -----------------------------

# (examples n, inputs, units) of the fresh layers a learner's backward pass is tried on: every
# size differs from the others, so a missing transpose cannot pass by luck.
BACKWARD_SHAPES = ((5, 3, 4), (2, 4, 3), (7, 1, 2))
BACKWARD_SEED = 2024


def _backward_case(n: int, inputs: int, units: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, inputs))
    W = rng.normal(scale=0.8, size=(inputs, units))
    b = rng.normal(scale=0.5, size=units)
    grad_A = rng.normal(size=(n, units))
    return {"X": X, "W": W, "b": b, "Z": X @ W + b, "grad_A": grad_A}


def _measured(case: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """dJ/dW, dJ/db and dJ/dX by central differences, for J = Σ grad_A ⊙ tanh(XW + b): a loss
    whose dJ/dA is exactly grad_A, so the learner's answer can be gradient-checked."""
    X, W, b, grad_A = (case[k].copy() for k in ("X", "W", "b", "grad_A"))

    def J(_: np.ndarray) -> float:  # numerical_gradient nudges X, W or b in place
        return float(np.sum(grad_A * activations.tanh(X @ W + b)))

    return {"grad_W": descent.numerical_gradient(J, W), "grad_b": descent.numerical_gradient(J, b),
            "grad_X": descent.numerical_gradient(J, X)}


def _three_arrays(result: object, shapes: dict[str, tuple[int, ...]]
                  ) -> tuple[dict[str, np.ndarray] | None, str]:
    """(grad_W, grad_b, grad_X) as float arrays of the expected shapes, or None and why not."""
    names = list(shapes)
    if result is None:
        return None, "returned None (is the return line missing?)"
    if isinstance(result, str | bytes) or not isinstance(result, tuple | list) \
            or len(result) != 3:
        return None, (f"returned {show(result)}; it should return three arrays, "
                      "grad_W, grad_b, grad_X")
    found = {}
    for name, value in zip(names, result, strict=True):
        raw = read_array(value)
        if raw is None:
            return None, f"returned {show(value)} as {name}, not an array of numbers"
        if raw.shape != shapes[name]:
            hint = {"grad_W": "it should have the shape of W: one slope per weight",
                    "grad_b": "it should have one number per neuron: add dJ/dZ up over the "
                              "examples (the rows)",
                    "grad_X": "it should have the shape of X: one slope per input of each "
                              "example"}[name]
            return None, f"returned {name} of shape {raw.shape}; {hint}"
        answer = raw.astype(float)
        if not np.all(np.isfinite(answer)):
            return None, f"returned {name} with nan or inf in it"
        found[name] = answer
    return found, ""


def _slips(case: dict[str, np.ndarray]) -> list[tuple[dict[str, np.ndarray], str]]:
    """The usual mistakes' answers, each with its hint (none gives the formula away)."""
    X, W, grad_A = case["X"], case["W"], case["grad_A"]
    grad_Z = grad_A * activations.tanh_slope(case["Z"])
    n = X.shape[0]
    return [
        ({"grad_W": X.T @ grad_A, "grad_b": grad_A.sum(axis=0), "grad_X": grad_A @ W.T},
         "the gradient must pass through the activation first: multiply grad_A elementwise (⊙) "
         "by the slope g'(Z) before anything else."),
        ({"grad_W": X.T @ grad_Z, "grad_b": grad_Z.mean(axis=0), "grad_X": grad_Z @ W.T},
         "grad_b should add dJ/dZ up over the examples, not average it: grad_A already holds "
         "the 1/n of the mean loss."),
        ({"grad_W": X.T @ grad_Z / n, "grad_b": grad_Z.sum(axis=0), "grad_X": grad_Z @ W.T},
         "grad_W is divided by the number of examples once too often: grad_A already holds "
         "the 1/n of the mean loss."),
    ]


@guarded
def dense_backward(function: object) -> None:
    """Notebook 04: the learner's dense_backward(X, W, Z, grad_A, g_slope) → (grad_W, grad_b,
    grad_X), gradient-checked against finite differences on fresh layers."""
    if not callable(function):
        return say(False, "Pass your function itself, like check.dense_backward(dense_backward); "
                    f"got {show(function)}.")
    for number, (n, inputs, units) in enumerate(BACKWARD_SHAPES):
        case = _backward_case(n, inputs, units, BACKWARD_SEED + number)
        shapes = {"grad_W": (inputs, units), "grad_b": (units,), "grad_X": (n, inputs)}
        where = f"For a layer of {units} tanh neurons with {inputs} inputs on {n} examples"
        result, problem = call_learner(function, case["X"].copy(), case["W"].copy(),
                                       case["Z"].copy(), case["grad_A"].copy(),
                                       activations.tanh_slope)
        if problem:
            extra = (" Matrix shapes that do not fit usually mean a transpose (.T) is missing."
                     if "matmul" in problem or "align" in problem or "broadcast" in problem
                     else "")
            return say(False, f"{where}, {problem.rstrip('.')}.{extra}")
        answer, returned = _three_arrays(result, shapes)
        if answer is None:
            return say(False, f"{where}, your function {returned}.")
        measured = _measured(case)
        checks = {name: descent.compare_gradients(answer[name], measured[name])
                  for name in shapes}
        if all(check.passed for check in checks.values()):
            continue
        for slip, hint in _slips(case):
            if all(np.allclose(answer[k], slip[k]) for k in shapes):
                return say(False, f"{where}, {hint}")
        wrong = [name for name, check in checks.items() if not check.passed]
        first = checks[wrong[0]]
        verb = "disagrees" if len(wrong) == 1 else "disagree"
        return say(False, f"{where}, {', '.join(wrong)} {verb} with finite differences "
                    f"({wrong[0]}: relative error {first.relative_error:.1e}). Hint: work through "
                    "the four formulas of backpropagation one at a time; the shape each result "
                    "must have tells which matrix is transposed.")
    return say(True, f"Your backward pass passes the gradient check on {len(BACKWARD_SHAPES)} "
                "fresh layers: dJ/dW, dJ/db and dJ/dX all agree with finite differences.")


# --- A training loop, written by the learner -------------------------------------------------

LOOP_LR, LOOP_STEPS = 0.5, 200
LOOP_SIZES = (2, 5, 1)
LOOP_SEED = 11
# The learner's loop must lower the loss by at least this share of what the same number of
# full-batch steps achieve (mini-batches or a different order still pass).
LOOP_SHARE = 0.5


@guarded
def train_loop(function: object) -> None:
    """Notebook 04: the learner's train_loop(net, X, y, lr, steps), which trains net in place,
    must lower its loss on a fresh small data set."""
    if not callable(function):
        return say(False, "Pass your function itself, like check.train_loop(train_loop); got "
                    f"{show(function)}.")
    X, y = data.two_moons(n=40, noise=0.1, seed=LOOP_SEED)
    start = network.Network.random(LOOP_SIZES, seed=LOOP_SEED)
    before = training.gradients(start.copy(), X, y)
    reference = training.train(start, X, y, lr=LOOP_LR, steps=LOOP_STEPS).losses[-1]
    net = start.copy()
    where = f"On {len(y)} fresh points with lr = {LOOP_LR} and steps = {LOOP_STEPS}"
    result, problem = call_learner(function, net, X.copy(), y.copy(), LOOP_LR, LOOP_STEPS)
    if problem:
        return say(False, f"{where}, {problem}.")
    if isinstance(result, network.Network) and result.sizes == start.sizes:
        net = result  # a loop that returns the trained net also passes
    finite = all(np.isfinite(p).all() for p in net.parameters())
    after = training.gradients(net.copy(), X, y) if finite else float("nan")
    if not np.isfinite(after):
        return say(False, f"{where}, the weights your loop leaves give a loss that is nan: a "
                    "step went far too far. Hint: a smaller step, against the gradient.")
    if np.isclose(after, before, rtol=1e-9, atol=0):
        return say(False, f"{where}, the network's loss did not change ({fixed(before)}): the "
                    "loop never changed its weights. Hint: after the gradients, change net's own "
                    "arrays in place (parameter[...] = ...), every step.")
    if after > before:
        return say(False, f"{where}, the loss rose from {fixed(before)} to {fixed(after)}: the "
                    "steps go uphill or far too far. Hint: step against the "
                    "gradient (downhill), with the lr the loop is given.")
    if before - after < LOOP_SHARE * (before - reference):
        return say(False, f"{where}, the loss fell from {fixed(before)} only to {fixed(after)}. "
                    "Hint: does the loop run all the steps, with the learning rate it is "
                    "given?")
    return say(True, f"Your loop lowered the loss from {fixed(before)} to {fixed(after)} in "
                f"{LOOP_STEPS} steps on a fresh data set.")
