"""Exercise checks of layers (notebook 02): ✓ or a hint, never the answer."""

from __future__ import annotations

import numpy as np

from .. import activations, data, network
from ._answers import (
    call_learner,
    guarded,
    read_array,
    read_number,
    read_vector,
    read_whole,
    say,
    show,
)

PARAMETER_SIZES = (3, 5, 2)
SHAPE_BATCH = 10


@guarded
def parameter_count(answer: object) -> None:
    """Notebook 02: the number of weights and biases in a 3 → 5 → 2 network."""
    value = read_whole(answer)
    if value is None:
        return say(False, f"The answer should be a whole number; it is {show(answer)}.")
    sizes = PARAMETER_SIZES
    weights = sum(m * k for m, k in zip(sizes[:-1], sizes[1:], strict=True))
    biases = sum(sizes[1:])
    if value == weights + biases:
        return say(True, f"Correct: {weights} weights and {biases} biases, {value} "
                    "parameters in all.")
    if value == weights:
        return say(False, "You counted the weights. Every neuron also has a bias.")
    if value < 0:
        return say(False, "A number of parameters cannot be negative.")
    return say(False, "Hint: a layer from m inputs to k neurons has an m × k weight matrix "
                "and k biases. Add up both layers.")


def _shape(value: object) -> list | None:
    """The answer as a list of its entries if it is a flat sequence (tuple, list, 1-D array)."""
    if isinstance(value, np.ndarray):
        return value.tolist() if value.ndim == 1 else None
    if isinstance(value, tuple | list):
        return list(value)
    return None


@guarded
def output_shape(answer: object) -> None:
    """Notebook 02: the shape after X (10, 3) goes through layers 3 → 5 → 2."""
    entries = _shape(answer)
    if entries is None:
        return say(False, f"Write the shape as a tuple of two whole numbers, like (4, 1); "
                    f"got {show(answer)}.")
    if len(entries) != 2:
        return say(False, f"A batch of outputs has two dimensions (rows, columns); your answer "
                    f"has {len(entries)}.")
    sizes = [read_whole(entry) for entry in entries]
    if None in sizes:
        return say(False, f"Write the shape as a tuple of two whole numbers, like (4, 1); "
                    f"got {show(answer)}.")
    if tuple(sizes) == (SHAPE_BATCH, PARAMETER_SIZES[-1]):
        return say(True, "Correct: one row per example, one column per output neuron.")
    if tuple(sizes) == (PARAMETER_SIZES[-1], SHAPE_BATCH):
        return say(False, "Close: rows are examples, columns are neurons. Which way round?")
    if tuple(sizes) == (SHAPE_BATCH, PARAMETER_SIZES[1]):
        return say(False, "That is the shape after the hidden layer; one more layer follows.")
    return say(False, "Hint: write down the shape after each layer in turn, starting from X's. "
                "Which of the two numbers counts examples, and which one does a layer change?")


# --- Predict, then try: hidden neuron 1's bias lowered -------------------------------------

# The bias of hidden neuron 1 the prediction is about, in notebook 02's XOR network.
PREDICTION_BIAS = -12.0


def _gate_outputs(w1: float, w2: float, b: float) -> np.ndarray:
    """The 0/1 answers of notebook 02's XOR network on the four gate inputs, with hidden neuron
    1's weights and bias set to w1, w2, b (output ≥ 0.5 counts as 1). The weighted sums are
    clipped, which keeps their sign, so that a learner's huge numbers cannot overflow."""
    X, _ = data.xor_gate()
    net = network.xor_network()
    hidden, output = net.layers
    sums = np.clip(X @ np.array([w1, w2]) + b, -500.0, 500.0)
    H = np.column_stack([activations.sigmoid(sums), hidden.forward(X)[:, 1]])
    return (output.forward(H)[:, 0] >= 0.5).astype(float)


def _points(X: np.ndarray, chosen: np.ndarray) -> str:
    return " and ".join("(" + ", ".join(f"{v:g}" for v in row) + ")" for row in X[chosen])


@guarded
def bias_prediction(right: object) -> None:
    """Notebook 02, before the hidden-neuron sliders: how many of the four XOR points the
    network gets right once hidden neuron 1's bias is lowered to −12. The hints explain; none
    says higher or lower."""
    X, y = data.xor_gate()
    hidden = network.xor_network().layers[0]
    w1, w2 = hidden.W[:, 0]
    count = int(np.sum(_gate_outputs(w1, w2, PREDICTION_BIAS) == y))
    value = read_whole(right)
    if value is None or not 0 <= value <= len(y):
        return say(False, f"Your prediction should be a whole number of points, from 0 to "
                   f"{len(y)}; it is {show(right)}.")
    if value == count:
        return say(True, f"Right: {count} of {len(y)}. At b = −12 hidden neuron 1's weighted "
                   "sum is below 0 at (0, 1) and (1, 0) as well, so it fires for neither: both "
                   "hidden neurons are off there, and the output neuron says 0 where XOR is 1. "
                   "(0, 0) and (1, 1) stay right. The picture below shows it.")
    if value == len(y):
        return say(False, "Work out hidden neuron 1's weighted sum w₁x₁ + w₂x₂ + b at each of "
                   "the four points with b = −12 (w₁ = w₂ = 10): where is it still above 0, so "
                   "that the neuron fires? The output neuron says 1 only where hidden neuron 1 "
                   "fires and hidden neuron 2 (AND) does not.")
    if value % 2:
        return say(False, "(0, 1) and (1, 0) give hidden neuron 1 the same weighted sum (its "
                   "two weights are equal), and hidden neuron 2 too, so the network treats them "
                   "alike: they are right together or wrong together.")
    return say(False, "(0, 0) and (1, 1), where XOR is 0, were right before. Lowering hidden "
               "neuron 1's bias can only make it fire less, never more. Can that make the "
               "network say 1 at a point where it said 0?")


# --- Exercise 2: NAND from the XOR explorer -------------------------------------------------

NAND_TARGETS = (1.0, 1.0, 1.0, 0.0)  # on the inputs (0, 0), (0, 1), (1, 0), (1, 1)


@guarded
def nand_weights(w: object, b: object) -> None:
    """Notebook 02: hidden neuron 1's weights w = (w₁, w₂) and bias b with which the XOR network
    (its hidden neuron 2 and output neuron unchanged) computes NAND."""
    weights = read_vector(w, 2)
    if weights is None:
        return say(False, f"w should be two finite numbers, like [0.5, -2.0]; it is {show(w)}.")
    bias, problem = read_number(b, "b")
    if problem:
        return say(False, problem)
    values = (*weights, bias)
    X, _ = data.xor_gate()
    wrong = _gate_outputs(*values) != np.array(NAND_TARGETS)
    if not wrong.any():
        return say(True, "Correct: with hidden neuron 1 set so, the network says 1 for (0, 0), "
                   "(0, 1) and (1, 0) and 0 for (1, 1): it computes NAND. The output neuron "
                   "still says 1 where hidden neuron 1 fires and hidden neuron 2 (AND) does not; "
                   "you changed where hidden neuron 1 fires.")
    at_origin = bool(wrong[0])
    if at_origin:
        return say(False, "At (0, 0) NAND is 1, but your network says 0. Hidden neuron 2 (AND) "
                   "is off there, so the output neuron says 1 only if hidden neuron 1 fires; at "
                   "(0, 0) its weighted sum is just its bias b.")
    return say(False, f"At {_points(X, wrong)} NAND is 1, but your network says 0. Hidden "
               "neuron 2 (AND) is off there, so hidden neuron 1 must fire: its weighted sum is "
               "w₂ + b at (0, 1) and w₁ + b at (1, 0).")


# --- The learner's own forward pass --------------------------------------------------------

# (examples in the batch, inputs, neurons, activation): a batch of 5 and a batch of 1, a
# 2 → 3 and a 3 → 1 layer, then a batch as tall as the layer is wide (a bias added down the
# columns shows) and a square W (a transposed W shows).
DENSE_CASES = ((5, 2, 3, "sigmoid"), (1, 3, 1, "tanh"), (3, 2, 3, "relu"), (4, 2, 2, "tanh"))
# (examples, layer sizes, activations): a 2 → 3 → 1 network and a three-layer one.
NETWORK_CASES = ((5, (2, 3, 1), ("tanh", "sigmoid")),
                 (1, (3, 2, 2, 1), ("relu", "tanh", "sigmoid")))
CASES_SEED = 2  # the check's own inputs, the same on every run (not the notebook's)
FORWARD_RTOL = 1e-6


def _random_layer(rng: np.random.Generator, inputs: int, units: int) -> tuple[np.ndarray, ...]:
    return rng.normal(size=(inputs, units)), rng.normal(size=units)


def _dense_cases() -> list[tuple[np.ndarray, np.ndarray, np.ndarray, str]]:
    rng = np.random.default_rng(CASES_SEED)
    cases = []
    for n, inputs, units, activation in DENSE_CASES:
        X = rng.normal(size=(n, inputs))
        cases.append((X, *_random_layer(rng, inputs, units), activation))
    return cases


def _network_cases() -> list[tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray, str]]]]:
    rng = np.random.default_rng(CASES_SEED + 1)
    cases = []
    for n, sizes, kinds in NETWORK_CASES:
        X = rng.normal(size=(n, sizes[0]))
        layers = [(*_random_layer(rng, m, k), kind)
                  for m, k, kind in zip(sizes[:-1], sizes[1:], kinds, strict=True)]
        cases.append((X, layers))
    return cases


def _shapes(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> str:
    return f"X of shape {X.shape}, W {W.shape}, b {b.shape}"


def _batch(result: object, shape: tuple[int, int]) -> tuple[np.ndarray | None, str]:
    """The learner's result as a float array of `shape`, or None and what it is instead."""
    if result is None:
        return None, "returned None (is the return line missing?)"
    raw = read_array(result)
    if raw is None:
        return None, f"returned {show(result)}, not an array of numbers"
    if raw.shape != shape:
        if raw.shape == shape[::-1] and shape[0] != shape[1]:
            return None, (f"returned shape {raw.shape}: rows and columns are swapped. One row "
                          "per example, one column per neuron")
        return None, (f"returned shape {raw.shape}, but it should have one row per example "
                      f"and one column per neuron, {shape}")
    answer = raw.astype(float)
    if not np.all(np.isfinite(answer)):
        return None, "returned nan or infinity: somewhere a calculation went wrong"
    return answer, ""


def _shape_of(value: object) -> tuple | None:
    """The shape numpy gives the value, or None if it is no array at all."""
    try:
        return np.shape(value)
    except Exception:  # a ragged list, an object whose __array__ fails
        return None


def _same(answer: np.ndarray, other: np.ndarray) -> bool:
    return answer.shape == np.shape(other) and np.allclose(answer, other, rtol=FORWARD_RTOL,
                                                           atol=1e-12)


def _dense_mistake(answer: np.ndarray, X: np.ndarray, W: np.ndarray, b: np.ndarray,
                   activation: str) -> str:
    """What a wrong forward pass most likely did, as a hint that gives no code away."""
    g = activations.get(activation)
    with np.errstate(all="ignore"):
        guesses = [
            (X @ W + b, "the activation is missing: Z = XW + b is not the layer's output yet, "
             "g(Z) is."),
            (g(X @ W), "the bias is missing: every neuron adds its own bias."),
            (g(X @ W) + b, "the bias is added after the activation; it belongs inside, "
             "in Z."),
        ]
        if W.shape[0] == W.shape[1]:
            guesses.append((g(X @ W.T + b), "W is used transposed: column j of W holds "
                            "neuron j's weights."))
        if X.shape[0] == W.shape[1]:
            guesses.append((g(X @ W + b[:, None]), "b is added down the columns: b holds one "
                            "bias per neuron, and neurons are the columns, so each row gets "
                            "the whole b."))
    for guess, hint in guesses:
        if _same(answer, guess):
            return "Hint: " + hint
    return ("Hint: compute Z = XW + b first (one row per example, one column per neuron), "
            "then apply g to it.")


def _shape_hint(problem: str) -> str:
    """A hint for an error that says the arrays' shapes do not fit together."""
    if any(word in problem for word in ("shape", "matmul", "aligned", "broadcast")):
        return (" Hint: X is (n, d) and W is (d, k), one column per neuron, so neither needs "
                "transposing: X times W has one row per example and one column per neuron, "
                "(n, k), and b, of shape (k,), is added to every row.")
    return ""


@guarded
def dense_forward(function: object) -> None:
    """Notebook 02: the learner's dense_forward(X, W, b, g), run on the check's own layers
    against network.Dense(W, b, activation).forward(X)."""
    if not callable(function):
        return say(False, "Pass your function itself, like check.dense_forward("
                   f"dense_forward); got {show(function)}.")
    for X, W, b, activation in _dense_cases():
        expected = network.Dense(W, b, activation).forward(X)
        shown = _shapes(X, W, b)
        result, problem = call_learner(function, X.copy(), W.copy(), b.copy(),
                                       getattr(activations, activation))
        if problem:
            return say(False, f"For {shown}, {problem}.{_shape_hint(problem)}")
        answer, returned = _batch(result, expected.shape)
        if answer is None:
            return say(False, f"For {shown}, your function {returned}.")
        if not _same(answer, expected):
            return say(False, f"For {shown} and g = {activation}, your output is not the "
                       f"layer's. {_dense_mistake(answer, X, W, b, activation)}")
    return say(True, f"Correct: your layer agrees with network.Dense on all {len(DENSE_CASES)} "
               "layers, batches of 1 to 5 examples.")


@guarded
def network_forward(function: object) -> None:
    """Notebook 02: the learner's network_forward(X, layers), layers a list of (W, b, g), run
    on the check's own networks against network.Network(...).forward(X)."""
    if not callable(function):
        return say(False, "Pass your function itself, like check.network_forward("
                   f"network_forward); got {show(function)}.")
    for X, layers in _network_cases():
        dense = [network.Dense(W, b, kind) for W, b, kind in layers]
        expected = network.Network(dense).forward(X)
        first = dense[0].forward(X)
        sizes = " → ".join(map(str, [layers[0][0].shape[0], *(W.shape[1] for W, _, _ in layers)]))
        given = [(W.copy(), b.copy(), getattr(activations, kind)) for W, b, kind in layers]
        result, problem = call_learner(function, X.copy(), given)
        if problem:
            hint = (" Hint: each layer's input is the output A of the layer before it; only "
                    "the first layer sees X.") if _shape_hint(problem) else ""
            return say(False, f"For a {sizes} network and X of shape {X.shape}, {problem}."
                       f"{hint}")
        if _shape_of(result) == first.shape != expected.shape:
            return say(False, f"For a {sizes} network your function returned the first "
                       "layer's output. Hint: feed each layer's output into the next, and "
                       "return the last one.")
        answer, returned = _batch(result, expected.shape)
        if answer is None:
            return say(False, f"For a {sizes} network and X of shape {X.shape}, your function "
                       f"{returned}.")
        if not _same(answer, expected):
            return say(False, f"For a {sizes} network your output is not the network's. Hint: "
                       "apply the layers in order, each one with its own g, each one to the "
                       "output of the one before.")
    depths = " and a ".join(f"{len(sizes) - 1}-layer" for _, sizes, _ in NETWORK_CASES)
    return say(True, f"Correct: your network agrees with network.Network on a {depths} "
               "network.")
