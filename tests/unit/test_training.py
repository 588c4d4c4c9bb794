import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from helpers import data, descent, network, training


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


@pytest.mark.parametrize("lr", [100.0, 1e6])
def test_divergence_is_reported_in_words(moons, lr):
    X, y = moons
    run = training.train(fresh(), X, y, lr=lr, steps=300)
    assert run.diverged
    assert f"diverged at step {run.diverged_at}" in run.message
    assert np.all(np.isfinite(run.losses))


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), hidden=st.lists(st.integers(1, 5), min_size=1, max_size=2),
       activation=st.sampled_from(["tanh", "sigmoid", "identity"]), n=st.integers(1, 8))
def test_backprop_matches_finite_differences_for_any_small_network(seed, hidden, activation, n):
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


def test_the_gradient_check_catches_a_wrong_backpropagation(moons, monkeypatch):
    X, y = moons
    right = network.Dense.backward

    def doubled(layer, grad_A):
        grad_X = right(layer, grad_A)
        layer.grad_W = 2 * layer.grad_W
        return grad_X

    monkeypatch.setattr(network.Dense, "backward", doubled)
    checks = dict(training.check_backpropagation(fresh(), X[:10], y[:10]))
    assert not checks["layer 1 W"].passed and not checks["layer 2 W"].passed
    assert checks["layer 1 b"].passed and checks["layer 2 b"].passed


@pytest.mark.parametrize("call, message", [
    (lambda X, y: training.train("net", X, y, 0.1, 10), "net should be a Network"),
    (lambda X, y: training.train(network.Network.random((2, 3, 2)), X, y, 0.1, 10),
     "end in one sigmoid neuron"),
    (lambda X, y: training.train(fresh(), X[:, :1], y, 0.1, 10), r"shape \(n, 2\)"),
    (lambda X, y: training.train(fresh(), X, y[:-1], 0.1, 10), "one value per row of X"),
    (lambda X, y: training.train(fresh(), X, y + 1, 0.1, 10), "only 0 and 1"),
    (lambda X, y: training.train(fresh(), X, y, 0.0, 10), "lr should be a positive number"),
    (lambda X, y: training.train(fresh(), X, y, "fast", 10), "lr should be a number, got 'fast'"),
    (lambda X, y: training.train(fresh(), X, y, 0.1, -5), "steps should be at least 1"),
    (lambda X, y: training.train(fresh(), X, y, 0.1, True),
     "steps should be a whole number, got True"),
])
def test_bad_training_arguments_are_explained(moons, call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call(*moons)


# --- Bad input gets a sentence naming the argument (issue 12) -------------------------------

X20, Y20 = data.two_moons(n=20)
BAD_Y = [
    (None, TypeError), ("abc", TypeError), ("0101", TypeError), (1 + 2j, TypeError),
    (np.array([1 + 1j] * 20), TypeError), ([], ValueError), (object(), TypeError),
    (np.where(Y20 == 1, 2.0, 0.0), ValueError), (np.full(20, np.nan), ValueError),
    (Y20[:-1], ValueError), (np.concatenate([Y20, [1.0]]), ValueError),
    (Y20.reshape(4, 5), ValueError), (0.0, ValueError), (Y20 - 0.5, ValueError),
]


@pytest.mark.parametrize("y, error", BAD_Y, ids=[repr(y)[:30] for y, _ in BAD_Y])
@pytest.mark.parametrize("function", [training.accuracy, training.check_backpropagation,
                                      lambda net, X, y: training.train(net, X, y, 0.1, 3),
                                      lambda net, X, y: training.step(net, X, y, 0.1)],
                         ids=["accuracy", "gradient_check", "train", "step"])
def test_bad_targets_are_refused_with_a_sentence_naming_y(function, y, error):
    with pytest.raises(error, match="^y "):
        function(fresh(), X20, y)


@pytest.mark.parametrize("net, error, words", [
    (None, TypeError, "net should be a Network, got NoneType"),
    ("net", TypeError, "net should be a Network, got str"),
    (network.Dense.random(2, 1), TypeError, "net should be a Network, got Dense"),
    (network.Network.random((2, 3, 2)), ValueError, "net should"),
])
@pytest.mark.parametrize("function", [training.accuracy, training.check_backpropagation,
                                      lambda net, X, y: training.step(net, X, y, 0.1)],
                         ids=["accuracy", "gradient_check", "step"])
def test_bad_networks_are_refused(function, net, error, words):
    with pytest.raises(error, match=words):
        function(net, X20, Y20)


@pytest.mark.parametrize("X, error, words", [
    (None, TypeError, "X should be an array"), ("abc", TypeError, "X should be an array"),
    (X20[:, :1], ValueError, r"X should have shape \(n, 2\)"),
    (np.full((20, 2), np.inf), ValueError, "X contains NaN or infinity"),
    (np.empty((0, 2)), ValueError, "X has no rows"),
    (X20[None], ValueError, "X should be 2-D"),
])
@pytest.mark.parametrize("function", [training.accuracy, training.check_backpropagation,
                                      lambda net, X, y: training.train(net, X, y, 0.1, 3),
                                      lambda net, X, y: training.step(net, X, y, 0.1)],
                         ids=["accuracy", "gradient_check", "train", "step"])
def test_bad_inputs_are_refused(function, X, error, words):
    with pytest.raises(error, match=words):
        function(fresh(), X, Y20)


@pytest.mark.parametrize("lr", ["fast", None, 0, -1.0, float("nan"), float("inf"), 10**400])
def test_a_single_step_refuses_a_bad_learning_rate(lr):
    with pytest.raises((ValueError, TypeError), match="^lr "):
        training.step(fresh(), X20, Y20, lr)


@pytest.mark.parametrize("kwargs, error, words", [
    ({"steps": 10**9}, ValueError, "steps should be at most 100,000"),
    ({"steps": 10**400}, ValueError, "steps should be at most"),
    ({"snapshot_every": 10**9}, ValueError, "snapshot_every should be at most"),
    ({"snapshot_every": 0}, ValueError, "snapshot_every should be at least 1"),
    ({"snapshot_every": 1.5}, TypeError, "snapshot_every should be a whole number"),
    ({"snapshot_every": 1, "resolution": 10**6}, ValueError, "resolution should be at most"),
    ({"snapshot_every": 1, "steps": 100_000, "resolution": 100}, ValueError, "too much memory"),
    ({"limits": None}, TypeError, "limits should be a pair"),
    ({"limits": "ab"}, TypeError, "limits should be a pair"),
    ({"limits": (1.0, 1.0)}, ValueError, "limits should have low < high"),
    ({"limits": (0.0, np.nan)}, ValueError, "limits should be a finite number"),
    ({"limits": (-np.inf, 1.0)}, ValueError, "limits should be a finite number"),
    ({"limits": (0, 1, 2)}, TypeError, "limits should be a pair"),
])
def test_train_explains_bad_limits_and_sizes(kwargs, error, words):
    args = {"lr": 0.1, "steps": 3, **kwargs}
    with pytest.raises(error, match=words):
        training.train(fresh(), X20, Y20, **args)


def test_a_gradient_check_too_big_to_finish_is_refused():
    big = network.Network.random((2, 1000, 1000, 1), seed=0)
    X = np.zeros((20, 2))
    with pytest.raises(ValueError, match="would take too long"):
        training.check_backpropagation(big, X, Y20)


def test_the_checked_step_matches_the_training_loop():
    net_a, net_b = fresh(), fresh()
    first = training.step(net_a, X20, Y20, 0.5)
    run = training.train(net_b, X20, Y20, 0.5, 1)
    assert first == run.losses[0]
    for a, b in zip(net_a.parameters(), run.net.parameters(), strict=True):
        np.testing.assert_array_equal(a, b)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), hidden=st.integers(1, 6), n=st.integers(1, 30),
       threshold=st.floats(-3, 3))
def test_accuracy_is_the_fraction_predict_gets_right(seed, hidden, n, threshold):
    rng = np.random.default_rng(seed)
    net = network.Network.random((2, hidden, 1), seed=seed)
    X = rng.normal(size=(n, 2))
    y = (X[:, 0] > threshold).astype(float)
    value = training.accuracy(net, X, y)
    right = sum(int(p >= 0.5) == int(t) for p, t in zip(net.predict(X), y, strict=True))
    assert 0 <= value <= 1
    assert value == pytest.approx(right / n)


@settings(max_examples=40, deadline=None)
@given(y=st.one_of(
    hnp.arrays(float, st.integers(0, 25), elements=st.floats(allow_nan=True)),
    hnp.arrays(np.int64, st.integers(0, 25), elements=st.integers(-3, 3)),
    st.lists(st.sampled_from([0.0, 1.0]), max_size=25),
    st.text(max_size=5), st.none(), st.floats(), st.complex_numbers()))
def test_accuracy_refuses_every_invalid_y(y):
    array = np.asarray(y) if not isinstance(y, str) else None
    valid = (array is not None and array.dtype.kind in "iuf" and array.shape == (20,)
             and np.all((array == 0) | (array == 1)))
    if valid:
        assert 0 <= training.accuracy(fresh(), X20, y) <= 1
    else:
        with pytest.raises((TypeError, ValueError), match="y "):
            training.accuracy(fresh(), X20, y)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 1000), sizes=st.lists(st.integers(1, 6), min_size=0, max_size=2),
       activation=st.sampled_from(["tanh", "sigmoid", "relu", "identity"]),
       log_lr=st.floats(-4, 4), steps=st.integers(1, 40), n=st.integers(1, 25))
def test_training_never_warns_and_reports_divergence(seed, sizes, activation, log_lr, steps, n):
    rng = np.random.default_rng(seed)
    net = network.Network.random((2, *sizes, 1), activation=activation, seed=seed)
    X = rng.normal(scale=2, size=(n, 2))
    y = (rng.random(n) > 0.5).astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = training.train(net, X, y, 10.0**log_lr, steps)
    assert np.all(np.isfinite(run.losses))
    # The one divergence rule decides (descent.diverged_at); a run stops early only on overflow.
    assert run.diverged_at == descent.diverged_at([*run.losses, np.inf] if run.stopped_early
                                                  else run.losses)
    assert len(run.losses) == steps + 1 or run.stopped_early
    if run.diverged:
        assert 0 <= run.diverged_at <= steps
        assert f"diverged at step {run.diverged_at}" in run.message
    else:
        assert run.message.endswith(f"in {steps} steps")


# --- A held-out test set and mini-batches (notebook 04) -------------------------------------

SPLIT = data.train_test_split(*data.two_moons(n=60, noise=0.2), test_fraction=0.25, seed=1)


def test_a_test_set_is_measured_at_every_step_and_never_trained_on():
    X_train, y_train, X_test, y_test = SPLIT
    plain = training.train(fresh(), X_train, y_train, lr=1.0, steps=40)
    tested = training.train(fresh(), X_train, y_train, lr=1.0, steps=40, test=(X_test, y_test))
    np.testing.assert_array_equal(plain.losses, tested.losses)  # the test set moves nothing
    assert tested.test_losses.shape == tested.test_accuracies.shape == (41,)
    probe = fresh()
    for _ in range(40):
        training.step(probe, X_train, y_train, 1.0)
    assert tested.test_losses[-1] == pytest.approx(training.gradients(probe.copy(), X_test,
                                                                      y_test))
    assert tested.test_accuracies[-1] == training.accuracy(probe, X_test, y_test)
    assert tested.accuracies[-1] == training.accuracy(probe, X_train, y_train)
    assert plain.test_losses is None


def test_train_refuses_a_bad_test_set():
    X_train, y_train, X_test, y_test = SPLIT
    with pytest.raises(ValueError, match="y_test should have one value per row"):
        training.train(fresh(), X_train, y_train, 0.1, 3, test=(X_test, y_test[:-1]))
