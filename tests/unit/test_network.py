"""Layers and networks, forward (notebook 02) and backward (notebook 04) (helpers/network.py).
Backpropagation against finite differences is in test_training.py, where the loss is."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import data, descent, network


def test_a_layer_is_g_of_the_weighted_sums():
    rng = np.random.default_rng(0)
    W, b, X = rng.normal(size=(2, 3)), rng.normal(size=3), rng.normal(size=(5, 2))
    layer = network.Dense(W, b, "tanh")
    np.testing.assert_allclose(layer.forward(X),
                               [[np.tanh(x @ W[:, j] + b[j]) for j in range(3)] for x in X])
    assert layer.X.shape == (5, 2) and layer.Z.shape == layer.A.shape == (5, 3)
    assert repr(layer) == "Dense(2 → 3, tanh)"


def test_a_network_chains_its_layers_and_counts_its_parameters():
    net = network.Network.random((3, 5, 2), seed=1)
    X = np.random.default_rng(1).normal(size=(7, 3))
    hidden, output = net.layers
    np.testing.assert_array_equal(net.forward(X), output.forward(hidden.forward(X)))
    assert net.sizes == (3, 5, 2) and repr(net) == "Network(3 → 5 → 2)"
    assert net.parameter_count == sum(p.size for p in net.parameters()) == 32


def test_the_same_seed_gives_the_same_network():
    a, b, c = (network.Network.random((2, 4, 1), seed=s) for s in (3, 3, 4))
    assert all(np.array_equal(p, q) for p, q in zip(a.parameters(), b.parameters(), strict=True))
    assert not np.array_equal(a.layers[0].W, c.layers[0].W)


def test_the_hand_made_network_computes_xor():
    X, y = data.xor_gate()
    for sharpness in (5.0, 10.0, 1000.0):
        np.testing.assert_array_equal(network.xor_network(sharpness).predict(X) >= 0.5, y == 1)


def test_two_linear_layers_collapse_into_one():
    rng = np.random.default_rng(0)
    first = network.Dense(rng.normal(size=(2, 3)), rng.normal(size=3), "identity")
    second = network.Dense(rng.normal(size=(3, 1)), rng.normal(size=1), "identity")
    X = rng.normal(size=(10, 2))
    single = network.Dense(first.W @ second.W, first.b @ second.W + second.b, "identity")
    np.testing.assert_allclose(network.Network([first, second]).forward(X), single.forward(X))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 1000), n=st.integers(1, 6), inputs=st.integers(1, 4),
       units=st.integers(1, 4), activation=st.sampled_from(["tanh", "sigmoid", "identity"]))
def test_a_layer_s_backward_gives_the_gradients_of_a_loss_of_its_weighted_sums(
        seed, n, inputs, units, activation):
    # For J = Σ C ⊙ Z, dJ/dZ = C: backward must give dJ/dW, dJ/db and dJ/dX of that J.
    rng = np.random.default_rng(seed)
    layer = network.Dense(rng.normal(size=(inputs, units)), rng.normal(size=units), activation)
    X, C = rng.normal(size=(n, inputs)), rng.normal(size=(n, units))

    def J(_):
        return float(np.sum(C * (X @ layer.W + layer.b)))

    layer.forward(X)
    grad_X = layer.backward(C)
    for exact, point in ((layer.grad_W, layer.W), (layer.grad_b, layer.b), (grad_X, X)):
        check = descent.compare_gradients(exact, descent.numerical_gradient(J, point))
        assert check.relative_error < 1e-7


def test_copy_is_independent():
    net = network.xor_network()
    twin = net.copy()
    twin.layers[0].W[0, 0] = 99
    assert net.layers[0].W[0, 0] != 99


def test_a_layer_owns_copies_of_its_weights():
    W = np.ones((2, 1))
    layer = network.Dense(W, np.zeros(1))
    W[0, 0] = 5.0
    assert layer.W[0, 0] == 1.0


# --- Each door names the argument -----------------------------------------------------------

def ready_layer():
    layer = network.Dense(np.ones((2, 3)), np.zeros(3))
    layer.forward(np.ones((4, 2)))
    return layer


def half_run_network():
    net = network.Network.random((2, 3, 1))
    net.forward(np.ones((4, 2)))
    net.layers[0].forward(np.ones((5, 2)))
    return net


@pytest.mark.parametrize("call, words", [
    (lambda: network.Dense(np.ones((2, 3)), np.ones(2)), r"b should have shape \(3,\)"),
    (lambda: network.Dense(np.ones((2, 3)), np.ones(3), "softmax"), "activation should be one"),
    (lambda: network.Dense(np.ones((2, 3)), np.zeros(3)).forward(np.ones((4, 3))),
     r"X should have shape \(n, 2\)"),
    (lambda: network.Dense(np.ones((2, 3)), np.zeros(3)).backward(np.ones((4, 3))),
     "call forward before backward"),
    (lambda: ready_layer().backward(np.ones((4, 2))), r"grad_Z should have shape \(4, 3\)"),
    (lambda: network.Network([]), "layers should be a non-empty list of Dense layers"),
    (lambda: network.Network([network.Dense(np.ones((2, 3)), np.zeros(3)),
                              network.Dense(np.ones((4, 1)), np.zeros(1))]),
     "layers should each take as many inputs as the layer below has neurons"),
    (lambda: network.Network.random((2,)), r"len\(sizes\) should be at least 2"),
    (lambda: network.Network.random((2, 10**9, 1)), "sizes should be at most 1,000"),
    (lambda: network.Network.random((2, 3, 1)).predict(np.full((1, 2), np.inf)),
     "X contains NaN or infinity"),
    (lambda: half_run_network().backward(np.ones((4, 1))), "call net.forward before backward"),
    (lambda: network.xor_network("sharp"), "sharpness should be a number"),
], ids=["Dense", "Dense activation", "Dense.forward", "Dense.backward first", "Dense.backward",
        "Network", "Network chain", "Network.random", "Network.random size", "Network.predict",
        "Network.backward", "xor_network"])
def test_each_door_names_the_argument(call, words):
    with pytest.raises((ValueError, TypeError), match=f"^{words}"):
        call()
