import numpy as np
import pytest

from helpers import data, network, training


@pytest.fixture
def moons():
    return data.two_moons(n=100, noise=0.15)


def fresh():
    return network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)


def test_training_lowers_the_loss_and_leaves_the_network_alone(moons):
    X, y = moons
    net = fresh()
    before = [p.copy() for p in net.parameters()]
    run = training.train(net, X, y, lr=1.0, steps=400)
    assert run.losses.shape == (401,)
    assert run.losses[-1] < 0.2 * run.losses[0]
    assert training.accuracy(run.net, X, y) > 0.95
    for a, b in zip(before, net.parameters(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_snapshots_are_kept_at_the_chosen_steps(moons):
    X, y = moons
    run = training.train(fresh(), X, y, lr=1.0, steps=50, snapshot_every=10, resolution=20)
    assert sorted(run.snapshots) == [0, 10, 20, 30, 40, 50]
    assert run.snapshots[50].shape == (20, 20)
    assert np.all((run.snapshots[0] >= 0) & (run.snapshots[0] <= 1))


@pytest.mark.parametrize("lr", [10.0, 100.0, 1e6])
def test_divergence_is_reported_in_words(moons, lr):
    X, y = moons
    run = training.train(fresh(), X, y, lr=lr, steps=300)
    assert run.diverged
    assert f"diverged at step {run.diverged_at}" in run.message
    assert np.all(np.isfinite(run.losses))


def test_backprop_passes_the_gradient_check(moons):
    X, y = moons
    checks = training.gradient_check(fresh(), X[:10], y[:10])
    assert [name for name, _ in checks] == ["layer 1 W", "layer 1 b", "layer 2 W", "layer 2 b"]
    assert all(check.relative_error < 1e-6 for _, check in checks)


@pytest.mark.parametrize("call, message", [
    (lambda X, y: training.train("net", X, y, 0.1, 10), "net should be a Network"),
    (lambda X, y: training.train(network.Network.random((2, 3, 2)), X, y, 0.1, 10),
     "end in one sigmoid neuron"),
    (lambda X, y: training.train(fresh(), X[:, :1], y, 0.1, 10), r"shape \(n, 2\)"),
    (lambda X, y: training.train(fresh(), X, y[:-1], 0.1, 10), "one value per row of X"),
    (lambda X, y: training.train(fresh(), X, y + 1, 0.1, 10), "only 0 and 1"),
    (lambda X, y: training.train(fresh(), X, y, 0.0, 10), "lr should be a positive number"),
    (lambda X, y: training.train(fresh(), X, y, 0.1, -5), "steps should be at least 1"),
])
def test_bad_training_arguments_are_explained(moons, call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call(*moons)
