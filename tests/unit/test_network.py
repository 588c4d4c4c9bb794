import numpy as np
import pytest

from helpers import data, losses, network


def test_dense_forward_is_matrix_form():
    W = np.array([[1.0, -1.0, 0.5], [2.0, 0.0, -0.5]])
    layer = network.Dense(W, np.array([0.1, 0.2, 0.3]), "identity")
    X = np.array([[1.0, 2.0], [0.0, -1.0]])
    np.testing.assert_allclose(layer.forward(X), X @ W + [0.1, 0.2, 0.3])
    assert layer.parameter_count == 9


def test_network_shapes_and_parameter_count():
    net = network.Network.random((3, 5, 2), seed=1)
    assert net.sizes == (3, 5, 2)
    assert net.parameter_count == 3 * 5 + 5 + 5 * 2 + 2
    assert net.forward(np.zeros((7, 3))).shape == (7, 2)


def test_xor_network_computes_xor():
    X, y = data.xor_gate()
    np.testing.assert_array_equal(network.xor_network().predict(X) >= 0.5, y == 1)


def test_two_linear_layers_collapse_into_one():
    rng = np.random.default_rng(0)
    first = network.Dense(rng.normal(size=(2, 3)), rng.normal(size=3), "identity")
    second = network.Dense(rng.normal(size=(3, 1)), rng.normal(size=1), "identity")
    X = rng.normal(size=(10, 2))
    stacked = network.Network([first, second]).forward(X)
    single = network.Dense(first.W @ second.W, first.b @ second.W + second.b, "identity")
    np.testing.assert_allclose(stacked, single.forward(X))


def test_backward_from_the_cross_entropy_gradient_gives_p_minus_y_at_the_output():
    # Notebook 04: the output layer's first formula turns dJ/dp into dJ/dZ = (p − y) / n.
    rng = np.random.default_rng(3)
    net = network.Network.random((2, 3, 1), seed=3)
    X = rng.normal(size=(5, 2))
    y = np.array([0.0, 1.0, 1.0, 0.0, 1.0])
    p = net.predict(X)
    net.backward(losses.binary_cross_entropy_grad(y, p)[:, None])
    hidden = net.layers[0].A
    np.testing.assert_allclose(net.layers[1].grad_W, hidden.T @ ((p - y) / len(y))[:, None],
                               rtol=1e-9)
    np.testing.assert_allclose(net.layers[1].grad_b, [np.sum(p - y) / len(y)], rtol=1e-9)


def test_copy_is_independent():
    net = network.xor_network()
    twin = net.copy()
    twin.layers[0].W[0, 0] = 99
    assert net.layers[0].W[0, 0] != 99


@pytest.mark.parametrize("make, message", [
    (lambda: network.Dense(np.ones((2, 3)), np.ones(2)), "one bias per column of W"),
    (lambda: network.Dense(np.ones(3), np.ones(3)), "W should be 2-D"),
    (lambda: network.Dense(np.ones((2, 3)), np.ones(3), "softmax"), "activation should be"),
    (lambda: network.Network([]), "non-empty list of Dense"),
    (lambda: network.Network([network.Dense.random(2, 3), network.Dense.random(4, 1)]),
     "expects 4 inputs but receives 3"),
    (lambda: network.Network.random((2, 3)).forward(np.ones((5, 3))), r"shape \(n, 2\)"),
    (lambda: network.Network.random((2,)), "at least inputs and outputs"),
    (lambda: network.Network.random((2, 3, 1), activation="elu"), "activation should be one of"),
])
def test_bad_networks_are_explained(make, message):
    with pytest.raises((ValueError, TypeError), match=message):
        make()


# --- Bad input gets a sentence naming the argument (issue 12) -------------------------------

BAD_BATCHES = [
    (None, TypeError, "X should be an array"),
    ("abc", TypeError, "X should be an array"),
    (np.array([[1 + 1j, 0]]), TypeError, "X should be an array of real numbers"),
    (np.ones((2, 2, 2)), ValueError, "X should be 2-D"),
    (np.ones(2), ValueError, "X should be 2-D"),
    (np.empty((0, 2)), ValueError, "X has no rows"),
    (np.ones((4, 3)), ValueError, r"X should have shape \(n, 2\)"),
    (np.array([[0.0, np.nan]]), ValueError, "X contains NaN"),
    ([[10**400, 0]], TypeError, "X should be an array of real numbers"),
]


@pytest.mark.parametrize("X, error, words", BAD_BATCHES, ids=[w for *_, w in BAD_BATCHES])
@pytest.mark.parametrize("call", [
    lambda X: network.Dense.random(2, 3).forward(X),
    lambda X: network.Network.random((2, 3, 1)).forward(X),
    lambda X: network.Network.random((2, 3, 1)).predict(X),
], ids=["Dense.forward", "Network.forward", "Network.predict"])
def test_forward_explains_a_bad_batch(call, X, error, words):
    with pytest.raises(error, match=words):
        call(X)


def test_backward_before_forward_says_what_to_do():
    with pytest.raises(ValueError, match="call forward before backward"):
        network.Dense.random(2, 3).backward(np.ones((4, 3)))
    with pytest.raises(ValueError, match="call forward before backward"):
        network.Network.random((2, 3, 1)).backward(np.ones((4, 1)))


@pytest.mark.parametrize("grad, error, words", [
    (np.ones((4, 2)), ValueError, r"should have shape \(4, 3\)"),
    (np.ones((5, 3)), ValueError, r"should have shape \(4, 3\)"),
    (np.ones(12), ValueError, "should be 2-D"),
    (None, TypeError, "should be an array"),
    (np.full((4, 3), np.nan), ValueError, "contains NaN"),
    (np.full((4, 3), 1 + 1j), TypeError, "should be an array of real numbers"),
])
def test_layer_backward_explains_a_bad_gradient(grad, error, words):
    layer = network.Dense.random(2, 3)
    layer.forward(np.ones((4, 2)))
    with pytest.raises(error, match=f"grad_A {words}"):
        layer.backward(grad)


@pytest.mark.parametrize("grad, words", [
    (np.ones((4, 2)), r"grad_output should have shape \(4, 1\)"),
    (np.ones(4), "grad_output should be 2-D"),
    ("abc", "grad_output should be an array"),
    (np.full((4, 1), 1e308), "gradients are too large"),
])
def test_network_backward_explains_a_bad_gradient(grad, words):
    net = network.Network.random((2, 3, 1), activation="identity", output="identity")
    for layer in net.layers:
        layer.W *= 1e10
    net.forward(np.ones((4, 2)))
    with pytest.raises((ValueError, TypeError), match=words):
        net.backward(grad)


def test_a_network_that_only_saw_part_of_a_batch_is_explained():
    net = network.Network.random((2, 3, 1))
    net.forward(np.ones((4, 2)))
    net.layers[0].forward(np.ones((5, 2)))
    with pytest.raises(ValueError, match="call forward on the whole network"):
        net.backward(np.ones((4, 1)))


def test_outputs_too_large_for_a_float_are_explained_not_warned():
    net = network.Network([network.Dense(np.ones((2, 1)), np.zeros(1), "identity")])
    with pytest.raises(ValueError, match="output is not a finite number"):
        net.forward(np.full((2, 2), 1e308))
    with pytest.raises(ValueError, match="output is not a finite number"):
        net.layers[0].forward(np.full((2, 2), 1e308))
    # Saturating activations give the true limit, with no warning.
    assert np.all(network.xor_network().forward(np.full((2, 2), 1e307)) < 1)


@pytest.mark.parametrize("make, error, words", [
    (lambda: network.Dense.random(10**9, 2), ValueError, "inputs should be at most"),
    (lambda: network.Dense.random(2, 10**9), ValueError, "units should be at most"),
    (lambda: network.Dense.random(2, 10**400), ValueError, "units should be at most"),
    (lambda: network.Dense.random(2.5, 2), TypeError, "inputs should be a whole number"),
    (lambda: network.Dense.random(2, 3, rng=0), TypeError, "rng should be a numpy random"),
    (lambda: network.Dense(np.ones((2, 3)), np.ones(3), None), ValueError,
     "activation should be one of"),
    (lambda: network.Dense(np.ones((2, 3)), np.ones(3), ["tanh"]), ValueError,
     "activation should be one of"),
    (lambda: network.Dense(np.ones((0, 3)), np.ones(3)), ValueError, "W should have at least"),
    (lambda: network.Dense(np.ones((2, 3)), np.ones((3, 1))), ValueError, "b should be 1-D"),
    (lambda: network.Dense(np.full((2, 3), np.inf), np.ones(3)), ValueError, "W contains NaN"),
    (lambda: network.Network(np.array([1, 2])), TypeError, "layers should be a non-empty list"),
    (lambda: network.Network(network.Dense.random(2, 3)), TypeError,
     "layers should be a non-empty list"),
    (lambda: network.Network.random(None), TypeError, "sizes should be a list"),
    (lambda: network.Network.random((2, 10**9, 1)), ValueError, "sizes should be at most"),
    (lambda: network.Network.random((2, 0, 1)), ValueError, "sizes should be at least 1"),
    (lambda: network.Network.random((2, 2.5, 1)), TypeError, "sizes should be a whole number"),
    (lambda: network.Network.random((2,) * 200), ValueError, "at most 100 layers"),
    (lambda: network.xor_network(1e300), ValueError, "sharpness should be at most"),
    (lambda: network.xor_network("sharp"), TypeError, "sharpness should be a number"),
])
def test_bad_layers_and_networks_are_explained(make, error, words):
    with pytest.raises(error, match=words):
        make()
