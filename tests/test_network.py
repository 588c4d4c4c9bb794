import numpy as np
import pytest

from helpers import data, losses, network


def numerical_gradients(net, X, y):
    """dLoss/dparameter for every parameter by central differences (slow and sure)."""
    def loss():
        return losses.binary_cross_entropy(y, net.predict(X))

    grads = []
    h = 1e-6
    for parameter in net.parameters():
        grad = np.zeros_like(parameter)
        for index in np.ndindex(parameter.shape):
            saved = parameter[index]
            parameter[index] = saved + h
            up = loss()
            parameter[index] = saved - h
            down = loss()
            parameter[index] = saved
            grad[index] = (up - down) / (2 * h)
        grads.append(grad)
    return grads


def relative_error(a, b):
    return np.linalg.norm(a - b) / max(1e-12, np.linalg.norm(a) + np.linalg.norm(b))


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


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_backprop_matches_finite_differences(seed, activation):
    rng = np.random.default_rng(seed)
    net = network.Network.random((2, 4, 3, 1), activation=activation, seed=seed)
    for layer in net.layers:  # biases off zero, so no ReLU sits exactly on its kink
        layer.b += rng.normal(scale=0.5, size=layer.b.shape)
    X = rng.normal(size=(6, 2))
    y = (rng.random(6) > 0.5).astype(float)
    p = net.predict(X)
    net.backward(losses.binary_cross_entropy_grad(y, p)[:, None])
    for exact, numerical in zip(net.gradients(), numerical_gradients(net, X, y), strict=True):
        assert relative_error(exact, numerical) < 1e-6


def test_backward_from_z_equals_full_chain_for_sigmoid_and_cross_entropy():
    rng = np.random.default_rng(3)
    net = network.Network.random((2, 3, 1), seed=3)
    X = rng.normal(size=(5, 2))
    y = np.array([0.0, 1.0, 1.0, 0.0, 1.0])
    p = net.predict(X)
    net.backward(losses.binary_cross_entropy_grad(y, p)[:, None])
    chain = [g.copy() for g in net.gradients()]
    net.backward(((p - y) / len(y))[:, None], from_Z=True)
    for a, b in zip(chain, net.gradients(), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-7, atol=1e-12)


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
])
def test_bad_networks_are_explained(make, message):
    with pytest.raises((ValueError, TypeError), match=message):
        make()
