"""Exercise checks of gradient descent (notebook 04): ✓ or a hint, never the answer."""

from __future__ import annotations

import numpy as np

from .. import activations, curves, data, descent, network, training
from ._answers import call_learner, fixed, guarded, read_array, read_number, say, show

# --- The prediction before the two-valleys slider --------------------------------------------

VALLEY_START, VALLEY_LR, VALLEY_STEPS = 0.05, 0.05, 60
# The three words a prediction may be, and what each says of where descent ends.
VALLEY_CHOICES = {"left": "left", "deep": "left", "right": "right", "shallow": "right",
                  "hump": "hump", "stays": "hump", "middle": "hump"}


def _valley_end() -> str:
    """Where descent from VALLEY_START ends on curves.two_valleys: "left", "right" or "hump"."""
    walk = descent.gradient_descent(curves.two_valleys, curves.two_valleys_slope,
                                    start=VALLEY_START, lr=VALLEY_LR, steps=VALLEY_STEPS)
    end = float(walk.final)
    return "hump" if abs(end - VALLEY_START) < 0.1 else "left" if end < 0 else "right"


@guarded
def which_valley(prediction: object) -> None:
    """Notebook 04, before the two-valleys slider: the learner predicts where descent from
    w = 0.05 ends ("left", "right" or "hump"); a wrong choice gets the reasoning, not the
    answer."""
    words = '"left" (the deep valley), "right" (the shallow one) or "hump" (it stays put)'
    if not isinstance(prediction, str) or prediction.strip().lower() not in VALLEY_CHOICES:
        return say(False, f"prediction should be one of three words: {words}; it is "
                    f"{show(prediction)}.")
    choice = VALLEY_CHOICES[prediction.strip().lower()]
    slope = f"J′(w) = 4w(w² − 1) + 0.3 at w = {VALLEY_START}"
    if choice == _valley_end():
        if choice == "hump":
            return say(True, f"Right: {slope} is 0, so descent does not move.")
        sign, way = ("above", "left") if choice == "left" else ("below", "right")
        return say(True, f"Right: {slope} is {sign} 0, so the first step goes {way}, and every "
                    "step after goes on downhill. The hump sits where the slope is 0, and the "
                    "0.3w tilts it off w = 0. Now drag the start slider and watch.")
    if choice == "hump":
        return say(False, "Descent stops only where the slope is 0, and at the start it is not. "
                    f"Hint: work out {slope}; its sign says which way the first step goes, and "
                    "from there every step goes further downhill.")
    return say(False, "Descent sees only the slope where it stands, not which valley is nearer "
                "or deeper, and the hump between the valleys is not at w = 0 (the 0.3w term tilts "
                f"the curve). Hint: work out {slope}; its sign says which way the first step "
                "goes.")


# --- A gradient by hand: the chain of two neurons ------------------------------------------

# The chain of notebook 04: one input, a tanh neuron, a sigmoid neuron, cross-entropy.
CHAIN = {"x": 2.0, "y": 1.0, "w1": 0.4, "b1": 0.1, "w2": -1.2, "b2": 0.3}
# A hand computation from the printed numbers (three decimals) lands within this share.
CHAIN_TOLERANCE = 0.01


def chain_nodes(x: float, y: float, w1: float, b1: float, w2: float, b2: float
                ) -> dict[str, float]:
    """Every node's value on the chain x → z₁ = w₁x + b₁ → a₁ = tanh z₁ → z₂ = w₂a₁ + b₂ →
    p = σ(z₂) → J, the cross-entropy of p against y."""
    z1 = w1 * x + b1
    a1 = float(np.tanh(z1))
    z2 = w2 * a1 + b2
    p = float(1 / (1 + np.exp(-z2)))
    J = float(-(y * np.log(p) + (1 - y) * np.log(1 - p)))
    return {"z1": z1, "a1": a1, "z2": z2, "p": p, "J": J}


def _chain_slips() -> list[tuple[float, str]]:
    """The usual mistakes' values of ∂J/∂w₁, each with what it missed (never the product)."""
    c, n = CHAIN, chain_nodes(**CHAIN)
    error, tanh_slope = n["p"] - c["y"], 1 - n["a1"] ** 2
    return [
        (error * c["w2"] * c["x"], "the link through neuron 1's tanh is missing: ∂a₁/∂z₁."),
        (error * c["w2"] * n["a1"] * c["x"], "∂a₁/∂z₁ is tanh's slope, 1 − a₁², not a₁ itself."),
        (error * c["w2"] * tanh_slope, "that is ∂J/∂b₁: the last link, ∂z₁/∂w₁, is still "
                                       "missing."),
        (error * n["a1"], "that is ∂J/∂w₂, the one worked above; go on past it to w₁."),
        (error * c["w1"] * tanh_slope * c["x"], "∂z₂/∂a₁ is the weight that multiplies a₁ in "
                                                "z₂ = w₂a₁ + b₂."),
        (-error * c["w2"] * tanh_slope * c["x"], "the sign is flipped: ∂J/∂z₂ is p − y, "
                                                 "not y − p."),
    ]


@guarded
def chain_gradient(dJ_dw1: object) -> None:
    """Notebook 04: the learner's ∂J/∂w₁ on the chain CHAIN, by hand, against the slope that
    central differences measure."""
    value, problem = read_number(dJ_dw1, "dJ_dw1")
    if problem:
        return say(False, problem)
    c = CHAIN
    measured = descent.numerical_slope(
        lambda w1: chain_nodes(c["x"], c["y"], w1, c["b1"], c["w2"], c["b2"])["J"], c["w1"])

    def close(a: float, b: float) -> bool:
        return abs(a - b) <= CHAIN_TOLERANCE * abs(b)

    if close(value, measured):
        return say(True, "Your ∂J/∂w₁ agrees with the slope measured by central differences, "
                    "to the rounding of the printed numbers: four local slopes, multiplied "
                    "backwards.")
    for slip, why in _chain_slips():
        if close(value, slip):
            return say(False, f"Your ∂J/∂w₁ is not the measured slope: {why}")
    return say(False, "Your ∂J/∂w₁ is not the slope that central differences measure. Hint: "
                "multiply the four local slopes from J back to w₁, one per link: ∂J/∂z₂, "
                "∂z₂/∂a₁, ∂a₁/∂z₁ and ∂z₁/∂w₁.")


# --- The backward pass of a ReLU layer, written by the learner -------------------------------

# (examples n, inputs, units) of the fresh layers a learner's backward pass is tried on: every
# size differs from the others, so a missing transpose cannot pass by luck.
BACKWARD_SHAPES = ((5, 3, 4), (2, 4, 3), (7, 1, 2))
BACKWARD_SEED = 2024


def _backward_case(n: int, inputs: int, units: int, seed: int) -> dict[str, np.ndarray]:
    """A fresh layer, drawn until no weighted sum lies near ReLU's kink (where finite
    differences cannot measure its slope)."""
    rng = np.random.default_rng(seed)
    while True:
        X = rng.normal(size=(n, inputs))
        W = rng.normal(scale=0.8, size=(inputs, units))
        b = rng.normal(scale=0.5, size=units)
        Z = X @ W + b
        if np.all(np.abs(Z) > 1e-3) and np.any(Z < 0) and np.any(Z > 0):
            return {"X": X, "W": W, "b": b, "Z": Z, "grad_A": rng.normal(size=(n, units))}


def _measured(case: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """dJ/dW, dJ/db and dJ/dX by central differences, for J = Σ grad_A ⊙ relu(XW + b): a loss
    whose dJ/dA is exactly grad_A, so the learner's answer can be gradient-checked."""
    X, W, b, grad_A = (case[k].copy() for k in ("X", "W", "b", "grad_A"))

    def J(_: np.ndarray) -> float:  # numerical_gradient nudges X, W or b in place
        return float(np.sum(grad_A * activations.relu(X @ W + b)))

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
    X, W, Z, grad_A = case["X"], case["W"], case["Z"], case["grad_A"]
    n = X.shape[0]

    def through(grad_Z: np.ndarray) -> dict[str, np.ndarray]:
        return {"grad_W": X.T @ grad_Z, "grad_b": grad_Z.sum(axis=0), "grad_X": grad_Z @ W.T}

    grad_Z = grad_A * activations.relu_slope(Z)
    return [
        (through(grad_A), "the gradient must pass through the ReLU first: multiply grad_A, "
                          "entry by entry (⊙), by ReLU's slope at Z."),
        (through(grad_A * activations.tanh_slope(Z)), "that is tanh's slope, 1 − tanh(Z)²; "
                                                      "ReLU's slope is another (notebook 01 "
                                                      "drew it)."),
        (through(grad_A * activations.relu(Z)), "you multiplied by ReLU's output, not by its "
                                                "slope: what is the slope of max(0, z)?"),
        ({**through(grad_Z), "grad_b": grad_Z.mean(axis=0)},
         "grad_b should add dJ/dZ up over the examples, not average it: grad_A already holds "
         "the 1/n of the mean loss."),
        ({**through(grad_Z), "grad_W": X.T @ grad_Z / n},
         "grad_W is divided by the number of examples once too often: grad_A already holds "
         "the 1/n of the mean loss."),
    ]


@guarded
def relu_backward(function: object) -> None:
    """Notebook 04: the learner's relu_backward(X, W, Z, grad_A) → (grad_W, grad_b, grad_X) for
    a layer A = relu(XW + b), gradient-checked against finite differences on fresh layers."""
    if not callable(function):
        return say(False, "Pass your function itself, like check.relu_backward(relu_backward); "
                    f"got {show(function)}.")
    for number, (n, inputs, units) in enumerate(BACKWARD_SHAPES):
        case = _backward_case(n, inputs, units, BACKWARD_SEED + number)
        shapes = {"grad_W": (inputs, units), "grad_b": (units,), "grad_X": (n, inputs)}
        where = f"For a layer of {units} ReLU neurons with {inputs} inputs on {n} examples"
        result, problem = call_learner(function, case["X"].copy(), case["W"].copy(),
                                       case["Z"].copy(), case["grad_A"].copy())
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
                    f"({wrong[0]}: relative error {first.relative_error:.1e}). Hint: first "
                    "dJ/dZ, through ReLU's slope; then the three formulas of the matrix form, one "
                    "at a time; the shape each result must have tells which matrix is "
                    "transposed.")
    return say(True, f"Your backward pass passes the gradient check on {len(BACKWARD_SHAPES)} "
                "fresh ReLU layers: dJ/dW, dJ/db and dJ/dX all agree with finite differences.")


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
