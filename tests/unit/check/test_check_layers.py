"""Notebook 02's checks: parameter_count, output_shape and the learner's own forward passes
(dense_forward, network_forward). ✓ for a right answer in any right form and only for it, the
right hint for a typical mistake, never the answer. (Strange answers in every slot, and
functions that raise, return nonsense or never return: test_check_answers.py.)"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
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


# --- parameter_count and output_shape ------------------------------------------------------

@pytest.mark.parametrize("answer", [32, 32.0, np.int64(32), np.float32(32), np.array(32),
                                    np.array([32.0])], ids=repr)
def test_parameter_count_passes_32_in_any_form(answer):
    right(checks.parameter_count, answer)


@pytest.mark.parametrize("answer, hint", [
    (25, "You counted the weights"),
    (30, "m × k weight matrix"),
    (10**400, "m × k weight matrix"),
    (-32, "cannot be negative"),
    (32.5, "whole number"),
    (float("inf"), "whole number"),
])
def test_parameter_count_names_what_is_wrong(answer, hint):
    assert hint in wrong(checks.parameter_count, answer, forbidden=("32 parameters",))


@pytest.mark.parametrize("answer", [(10, 2), [10, 2], np.array([10, 2]), np.array([10.0, 2.0]),
                                    (np.int64(10), np.int32(2)), (10.0, 2.0),
                                    [10.0, np.float64(2)], np.zeros((10, 2)).shape], ids=repr)
def test_output_shape_passes_10_by_2_in_any_form(answer):
    right(checks.output_shape, answer)


@pytest.mark.parametrize("answer, hint", [
    ((2, 10), "Which way round"),
    (np.array([2, 10]), "Which way round"),
    ((10, 5), "after the hidden layer"),
    ((10, 2, 1), "your answer has 3"),
    ((10.5, 2), "two whole numbers"),
    ((10, None), "two whole numbers"),
    (np.array([[10, 2]]), "two whole numbers"),
    ((0, 0), "write down the shape after each layer"),
    ((10, 3), "write down the shape after each layer"),
    ((10, 10**400), "write down the shape after each layer"),
])
def test_output_shape_names_what_is_wrong_without_the_pair(answer, hint):
    text = wrong(checks.output_shape, answer, forbidden=ANSWERS)
    assert hint in text
    assert "last layer" not in text and "never changes" not in text


any_number = st.one_of(st.floats(), st.integers(),
                       st.integers(min_value=10**300, max_value=10**400))


def passes(function, *args):
    return said(function, *args).startswith("✓")


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_number, st.integers(20, 40), st.floats(31, 33)))
def test_parameter_count_passes_only_for_32(n):
    assert passes(checks.parameter_count, n) == (n == 32)


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_number, st.integers(0, 12)), st.one_of(any_number, st.integers(0, 12)))
def test_output_shape_passes_only_for_10_by_2(rows, columns):
    expected = rows == 10 and columns == 2
    assert passes(checks.output_shape, (rows, columns)) == expected
    assert passes(checks.output_shape, [rows, columns]) == expected


# --- bias_prediction: Predict, then try -----------------------------------------------------

@pytest.mark.parametrize("answer", [2, 2.0, np.int64(2), np.array([2])])
def test_bias_prediction_passes_the_count_the_network_gets_right(answer):
    right(checks.bias_prediction, answer)


@pytest.mark.parametrize("answer, hint", [
    (4, "Work out hidden neuron 1's weighted sum"),
    (3, "right together or wrong together"),
    (1, "right together or wrong together"),
    (0, "can only make it fire less"),
    (5, "a whole number of points, from 0 to 4"),
    (-2, "a whole number of points, from 0 to 4"),
    (2.5, "a whole number of points"),
    (None, "a whole number of points"),
    ("two", "a whole number of points"),
])
def test_bias_prediction_explains_without_the_answer_or_a_direction(answer, hint):
    text = wrong(checks.bias_prediction, answer, forbidden=("2 of 4",))
    assert hint in text
    assert not any(word in text.lower() for word in ("higher", "too many", "too few", "fewer"))


def test_the_prediction_is_the_one_the_notebooks_picture_shows():
    assert checks._gate_outputs(10.0, 10.0, checks.PREDICTION_BIAS).tolist() == [0, 0, 0, 0]


# --- nand_weights: Exercise 2 ---------------------------------------------------------------

def _computes_nand(w1, w2, b):
    """NAND by the network's own forward pass (notebook 02's XOR network, neuron 1 replaced)."""
    from helpers import data, network
    net = network.xor_network()
    net.layers[0].W[:, 0], net.layers[0].b[0] = (w1, w2), b
    X, _ = data.xor_gate()
    return ((net.predict(X) >= 0.5) == [1, 1, 1, 0]).all()


@pytest.mark.parametrize("w, b", [([10, 10], 5), ((0, 0), 10), (np.array([10.0, 10.0]), 0.5),
                                  ([np.float32(-3), 20], np.int64(4)), ([1e308, 1e308], 1e308)])
def test_nand_weights_passes_a_hidden_neuron_that_makes_nand(w, b):
    right(checks.nand_weights, w, b)


@pytest.mark.parametrize("w, b, hint", [
    ([10, 10], -5, "At (0, 0) NAND is 1"),
    ([10, 10], 0, "At (0, 0) NAND is 1"),   # h₁ = 0.5 exactly: the output is just under 0.5
    ([10, -10], 1, "At (0, 1) NAND is 1"),
    ([-10, -10], 1, "At (0, 1) and (1, 0) NAND is 1"),
    (None, 1, "w should be two finite numbers"),
    ([0, "1"], 1, "w should be two finite numbers"),
    ([0, 0, 0], 1, "w should be two finite numbers"),
    ([0, 0], float("inf"), "b is inf"),
    ([0, 0], 10**400, "too large"),
])
def test_nand_weights_names_the_input_that_goes_wrong(w, b, hint):
    assert hint in wrong(checks.nand_weights, w, b)


@settings(max_examples=200, deadline=None)
@given(st.floats(-30, 30), st.floats(-30, 30), st.floats(-30, 30))
def test_nand_weights_passes_exactly_when_the_network_computes_nand(w1, w2, b):
    assert said(checks.nand_weights, [w1, w2], b).startswith("✓") == _computes_nand(w1, w2, b)
