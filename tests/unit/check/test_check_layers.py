"""Notebook 02's checks: the learner's own forward passes (dense_forward, network_forward) and
the reworded hint of output_shape. ✓ for a right answer in any right form, the right hint for a
typical mistake, one kind line for anything else, and never the answer."""


import numpy as np
import pytest
from verdicts import right, said, wrong

from helpers import activations
from helpers.check import _layers as checks

# Pieces of the answer no ✗ line may contain: the code of a layer's and a network's forward pass.
ANSWERS = ("X @ W + b", "X @ W", "g(X", "np.dot", "for W, b, g", "dense_forward(A", "(10, 2)",
           "10, 2")


# --- Right forward passes, written in several ways ------------------------------------------

def dense_matmul(X, W, b, g):
    return g(X @ W + b)


def dense_dot(X, W, b, g):
    return g(np.dot(X, W) + b)


def dense_loops(X, W, b, g):
    """Neuron by neuron and example by example, into a list of lists."""
    return [[float(g(sum(X[i, m] * W[m, j] for m in range(W.shape[0])) + b[j]))
             for j in range(W.shape[1])] for i in range(X.shape[0])]


def dense_transposed_twice(X, W, b, g):
    return g((W.T @ X.T).T + b)


def dense_in_place(X, W, b, g):
    """Right, but it scribbles over its inputs afterwards."""
    A = g(X @ W + b)
    X[...], W[...], b[...] = 1e9, -1e9, 1e9
    return A


def network_loop(X, layers):
    A = X
    for W, b, g in layers:
        A = dense_matmul(A, W, b, g)
    return A


def network_by_index(X, layers):
    A_prev = X
    for i in range(len(layers)):
        A_prev = layers[i][2](A_prev @ layers[i][0] + layers[i][1])
    return A_prev.tolist()


@pytest.mark.parametrize("function", [dense_matmul, dense_dot, dense_loops,
                                      dense_transposed_twice, dense_in_place])
def test_dense_forward_passes_any_right_layer(function):
    right(checks.dense_forward, function)


@pytest.mark.parametrize("function", [network_loop, network_by_index])
def test_network_forward_passes_any_right_network(function):
    right(checks.network_forward, function)


def test_the_lines_the_notebook_prints():
    assert said(checks.dense_forward, dense_matmul) == (
        "✓ Correct: your layer agrees with network.Dense on all 4 layers, batches of 1 to 5 "
        "examples.\n")
    assert said(checks.network_forward, network_loop) == (
        "✓ Correct: your network agrees with network.Network on a 2-layer and a 3-layer "
        "network.\n")
    assert said(checks.dense_forward, lambda X, W, b, g: X) == (
        "✗ Not yet. For X of shape (5, 2), W (2, 3), b (3,), your function returned shape "
        "(5, 2), but it should have one row per example and one column per neuron, (5, 3).\n")


# --- Typical mistakes get their hint --------------------------------------------------------

DENSE_MISTAKES = [
    (lambda X, W, b, g: X @ W + b, "the activation is missing"),
    (lambda X, W, b, g: g(X @ W), "the bias is missing"),
    (lambda X, W, b, g: g(X @ W) + b, "added after the activation"),
    (lambda X, W, b, g: g(X @ W.T + b), "neither needs transposing"),
    (lambda X, W, b, g: g(W @ X + b), "neither needs transposing"),
    (lambda X, W, b, g: g(X @ W + b[:, None]), "b, of shape (k,), is added to every row"),
    (lambda X, W, b, g: g(X @ W + b).T, "rows and columns are swapped"),
    (lambda X, W, b, g: g(X @ W + b).ravel(), "one row per example and one column per neuron"),
    (lambda X, W, b, g: g(X @ W - b), "compute Z = XW + b first"),
    (lambda X, W, b, g: None, "returned None"),
]


@pytest.mark.parametrize("function, hint", DENSE_MISTAKES)
def test_dense_forward_mistakes_get_their_hint(function, hint):
    assert hint in wrong(checks.dense_forward, function, forbidden=ANSWERS)


def test_a_bias_added_down_the_columns_is_named_when_the_shapes_happen_to_fit():
    # For a batch as tall as the layer is wide, b[:, None] raises nothing: the values tell.
    X, W, b = np.ones((3, 2)), np.arange(6.0).reshape(2, 3), np.array([1.0, 2.0, 3.0])
    hint = checks._dense_mistake(activations.relu(X @ W + b[:, None]), X, W, b, "relu")
    assert "added down the columns" in hint


def test_a_transposed_square_w_is_named():
    X, W, b = np.ones((4, 2)), np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([0.5, -0.5])
    hint = checks._dense_mistake(np.tanh(X @ W.T + b), X, W, b, "tanh")
    assert "W is used transposed" in hint


def first_layer_only(X, layers):
    W, b, g = layers[0]
    return g(X @ W + b)


def every_layer_on_x(X, layers):
    for W, b, g in layers:
        A = g(X @ W + b)
    return A


def no_activations(X, layers):
    A = X
    for W, b, _ in layers:
        A = A @ W + b
    return A


@pytest.mark.parametrize("function, hint", [
    (first_layer_only, "returned the first layer's output"),
    (every_layer_on_x, "only the first layer sees X"),
    (no_activations, "each one with its own g"),
    (lambda X, layers: network_loop(X, layers[::-1][:1]), "ValueError"),
    (lambda X, layers: None, "returned None"),
])
def test_network_forward_mistakes_get_their_hint(function, hint):
    assert hint in wrong(checks.network_forward, function, forbidden=ANSWERS)


@pytest.mark.parametrize("answer, hint", [
    ((10, 5), "after the hidden layer"),
    ((0, 0), "write down the shape after each layer"),
    ((10, 3), "write down the shape after each layer"),
    ((10, 10**400), "write down the shape after each layer"),
])
def test_output_shape_hints_guide_without_giving_the_pair(answer, hint):
    text = wrong(checks.output_shape, answer, forbidden=ANSWERS)
    assert hint in text
    assert "last layer" not in text and "never changes" not in text


# --- A function that crashes, and answers that are no function at all -----------------------

def _raises(*args):
    raise RuntimeError("oops")


@pytest.mark.parametrize("check", [checks.dense_forward, checks.network_forward])
def test_a_function_that_raises_is_quoted_with_its_error(check):
    assert "your function raised RuntimeError: oops" in wrong(check, _raises, forbidden=ANSWERS)


@pytest.mark.parametrize("check", [checks.dense_forward, checks.network_forward])
@pytest.mark.parametrize("returned", [
    float("nan"), np.full((5, 3), np.nan), np.full((5, 1), np.inf), "abc", None, 10**400,
    [[1, 2], [3]], np.ones((2, 2, 2)), np.ones(3), True, object(), 1 + 2j,
])
def test_a_function_returning_nonsense_gets_a_plain_hint(check, returned):
    text = wrong(check, lambda *args: returned, forbidden=ANSWERS)
    assert "raised" not in text


@pytest.mark.parametrize("check", [checks.dense_forward, checks.network_forward])
@pytest.mark.parametrize("answer", [None, "abc", float("nan"), 10**400, np.ones((3, 3)), [],
                                    0.5, object()])
def test_an_answer_that_is_no_function_is_asked_for_the_function(check, answer):
    assert "Pass your function itself" in wrong(check, answer, forbidden=ANSWERS)
