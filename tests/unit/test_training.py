"""Training a network by full-batch gradient descent (helpers/training.py, notebooks 04, 05)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import data, descent, network, training

X100, Y100 = data.two_moons(n=100, noise=0.15)
X20, Y20 = data.two_moons(n=20)


def fresh():
    return network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)


def logits_loss(net, X, y):
    """The mean cross-entropy from the output layer's Z, written here independently."""
    net.forward(X)
    z = net.layers[-1].Z[:, 0]
    return float(np.mean(np.logaddexp(0, z) - y * z))


# --- Backpropagation against finite differences ---------------------------------------------

@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), hidden=st.lists(st.integers(1, 5), min_size=0, max_size=2),
       activation=st.sampled_from(["tanh", "sigmoid", "identity"]), n=st.integers(1, 8))
def test_backpropagation_matches_finite_differences_for_any_small_network(seed, hidden,
                                                                          activation, n):
    # Not ReLU: with zero biases a dead unit has z = 0 exactly, at its kink, where a central
    # difference straddles two slopes and measures neither.
    rng = np.random.default_rng(seed)
    net = network.Network.random((2, *hidden, 1), activation=activation, seed=seed)
    X = rng.normal(size=(n, 2))
    y = (rng.random(n) > 0.5).astype(float)
    checks = training.check_backpropagation(net, X, y)
    assert [name for name, _ in checks] == [f"layer {k} {p}" for k in range(1, len(hidden) + 2)
                                            for p in "Wb"]
    for name, result in checks:
        # A gradient near zero is measured by finite differences to about 1e-10 only (rounding
        # of the loss over 2h), so there the absolute difference is what can be asked for.
        assert result.relative_error < 1e-6 or np.abs(
            result.exact - result.numerical).max() < 1e-9, (name, result.message)


@pytest.mark.parametrize("target", [0.0, 1.0])
def test_a_sigmoid_neuron_far_in_its_flat_tail_still_has_its_true_gradient(target):
    # At z = 800, σ'(z) rounds to 0: backpropagation must start from dJ/dZ = (p − y)/n, not
    # divide by σ'(z). The loss is 800 (a confident wrong answer) or 0, and its gradient finite.
    neuron = network.Network([network.Dense(np.array([[800.0]]), np.array([0.0]), "sigmoid")])
    X, y = np.array([[1.0]]), np.array([target])
    loss = training.gradients(neuron, X, y)
    assert loss == pytest.approx(logits_loss(neuron, X, y)) == pytest.approx(800 * (1 - target))
    W = neuron.layers[0].W
    exact = neuron.layers[0].grad_W.copy()
    measured = descent.numerical_gradient(lambda _: logits_loss(neuron, X, y), W)
    assert np.all(np.isfinite(exact)) and exact == pytest.approx(measured, abs=1e-6)
    assert exact == pytest.approx(1 - target)


def test_a_network_whose_output_saturates_keeps_finite_exact_gradients():
    net = network.Network.random((2, 3, 1), seed=1)
    net.layers[1].W *= 2000  # |z| of the output far past 745, where σ'(z) is exactly 0
    checks = dict(training.check_backpropagation(net, X20, Y20))
    for result in checks.values():
        assert np.all(np.isfinite(result.exact))
        assert result.relative_error < 1e-6 or np.abs(result.exact - result.numerical).max() < 1e-6


def test_the_gradient_check_catches_a_wrong_backward_pass(monkeypatch):
    right = network.Dense.backward

    def doubled(layer, grad_Z):
        grad_X = right(layer, grad_Z)
        layer.grad_W = 2 * layer.grad_W
        return grad_X

    monkeypatch.setattr(network.Dense, "backward", doubled)
    checks = dict(training.check_backpropagation(fresh(), X20[:10], Y20[:10]))
    assert not checks["layer 1 W"].passed and not checks["layer 2 W"].passed
    assert checks["layer 1 b"].passed and checks["layer 2 b"].passed


# --- Training -------------------------------------------------------------------------------

def test_training_lowers_the_loss_and_leaves_the_network_alone():
    net = fresh()
    before = [p.copy() for p in net.parameters()]
    run = training.train(net, X100, Y100, lr=1.0, steps=400)
    assert run.losses.shape == run.accuracies.shape == (401,)
    assert run.losses[-1] < 0.2 * run.losses[0] and run.accuracies[-1] > 0.95
    assert run.losses[0] == pytest.approx(logits_loss(fresh(), X100, Y100))
    assert run.losses[-1] == pytest.approx(logits_loss(run.net, X100, Y100))
    for a, b in zip(before, net.parameters(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_a_training_step_is_one_step_of_train():
    probe = fresh()
    first = training.step(probe, X20, Y20, 0.5)
    run = training.train(fresh(), X20, Y20, 0.5, 1)
    assert first == run.losses[0]
    for a, b in zip(probe.parameters(), run.net.parameters(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_snapshots_are_kept_at_the_chosen_steps():
    run = training.train(fresh(), X100, Y100, lr=1.0, steps=50, snapshot_every=10, resolution=20)
    assert sorted(run.snapshots) == [0, 10, 20, 30, 40, 50]
    assert run.snapshots[50].shape == (20, 20)
    _, _, cells = data.grid((-2.0, 3.0), (-2.0, 3.0), 20)
    np.testing.assert_allclose(run.snapshots[50].ravel(), run.net.predict(cells))


@pytest.mark.parametrize("lr", [1e3, 1e6])
def test_divergence_is_reported_in_words(lr):
    run = training.train(fresh(), X100, Y100, lr=lr, steps=300)
    assert run.diverged and f"diverged at step {run.diverged_at}" in run.message
    assert np.all(np.isfinite(run.losses))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 1000), sizes=st.lists(st.integers(1, 6), min_size=0, max_size=2),
       activation=st.sampled_from(["tanh", "sigmoid", "relu", "identity"]),
       log_lr=st.floats(-4, 6), steps=st.integers(1, 40), n=st.integers(1, 25))
def test_any_training_run_ends_without_a_warning_and_follows_the_divergence_rule(
        seed, sizes, activation, log_lr, steps, n):
    rng = np.random.default_rng(seed)
    net = network.Network.random((2, *sizes, 1), activation=activation, seed=seed)
    X = rng.normal(scale=2, size=(n, 2))
    y = (rng.random(n) > 0.5).astype(float)
    run = training.train(net, X, y, 10.0**log_lr, steps)  # a warning fails (filterwarnings)
    assert np.all(np.isfinite(run.losses))
    assert run.diverged_at == descent.diverged_at([*run.losses, np.inf] if run.stopped_early
                                                  else run.losses)
    assert len(run.losses) == steps + 1 or run.stopped_early
    assert run.message.endswith(f"in {steps} steps") != run.diverged


SPLIT = data.train_test_split(*data.two_moons(n=60, noise=0.2), test_fraction=0.25, seed=1)


def test_a_test_set_is_measured_at_every_step_and_never_trained_on():
    X_train, y_train, X_test, y_test = SPLIT
    plain = training.train(fresh(), X_train, y_train, lr=1.0, steps=40)
    tested = training.train(fresh(), X_train, y_train, lr=1.0, steps=40, test=(X_test, y_test))
    np.testing.assert_array_equal(plain.losses, tested.losses)  # the test set moves nothing
    assert tested.test_losses.shape == tested.test_accuracies.shape == (41,)
    assert tested.test_losses[-1] == pytest.approx(logits_loss(tested.net, X_test, y_test))
    assert tested.test_accuracies[-1] == training.accuracy(tested.net, X_test, y_test)
    assert plain.test_losses is None


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), hidden=st.integers(1, 6), n=st.integers(1, 30),
       threshold=st.floats(-3, 3))
def test_accuracy_is_the_fraction_predict_gets_right(seed, hidden, n, threshold):
    rng = np.random.default_rng(seed)
    net = network.Network.random((2, hidden, 1), seed=seed)
    X = rng.normal(size=(n, 2))
    y = (X[:, 0] > threshold).astype(float)
    right = sum(int(p >= 0.5) == int(t) for p, t in zip(net.predict(X), y, strict=True))
    assert training.accuracy(net, X, y) == pytest.approx(right / n)


# --- Each door names the argument -----------------------------------------------------------

@pytest.mark.parametrize("call, words", [
    (lambda: training.gradients("abc", X20, Y20), "net should be a Network, got str"),
    (lambda: training.gradients(network.Network.random((2, 3, 2)), X20, Y20),
     "net should end in one sigmoid neuron"),
    (lambda: training.gradients(fresh(), X20[:, :1], Y20), r"X should have shape \(n, 2\)"),
    (lambda: training.step(fresh(), X20, Y20, float("nan")), "lr should be a finite number"),
    (lambda: training.train(fresh(), X20, Y20 + 1, 0.1, 3), "y should contain only 0 and 1"),
    (lambda: training.train(fresh(), X20, Y20, 0.1, 100_000, snapshot_every=1, resolution=100),
     "snapshot_every = 1 keeps 100001 pictures"),
    (lambda: training.train(fresh(), X20, Y20, 0.1, 3, test=(X20, Y20[:-1])),
     "y_test should have one value per example"),
    (lambda: training.train(fresh(), X20, Y20, 0.1, 3, test="X"), "test should be a pair"),
    (lambda: training.accuracy(fresh(), X20, Y20[:-1]), "y should have one value per example"),
    (lambda: training.check_backpropagation(network.Network.random((2, 1000, 1000, 1)),
                                            np.zeros((20, 2)), Y20), "a gradient check of"),
], ids=["gradients", "gradients net", "gradients X", "step", "train", "train snapshots",
        "train test", "train test pair", "accuracy", "check_backpropagation"])
def test_each_door_names_the_argument(call, words):
    with pytest.raises((ValueError, TypeError), match=f"^{words}"):
        call()
