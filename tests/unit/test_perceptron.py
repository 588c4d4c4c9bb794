import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import data, perceptron


def test_weighted_sum_and_prediction():
    X = np.array([[1.0, 0.5], [0.0, 0.0]])
    w = np.array([0.8, -0.4])
    np.testing.assert_allclose(perceptron.weighted_sum(X, w, -0.2), [0.4, -0.2])
    assert perceptron.predict(X, w, -0.2).tolist() == [1, 0]


def test_count_misclassified_and_gate():
    X, y = data.and_gate()
    assert perceptron.count_misclassified(X, y, np.array([1.0, 1.0]), -1.5) == 0
    assert perceptron.count_misclassified(X, y, np.array([1.0, 1.0]), -0.5) == 2


@pytest.mark.parametrize("w, b", [((1.0, 2.0), -1.0), ((2.0, 0.0), 1.0), ((0.0, -1.0), 0.5)])
def test_decision_line_points_lie_on_the_line(w, b):
    xs, ys = perceptron.decision_line(np.array(w), b)
    np.testing.assert_allclose(w[0] * xs + w[1] * ys + b, 0, atol=1e-12)


def test_decision_line_without_weights_is_not_drawn():
    xs, ys = perceptron.decision_line(np.zeros(2), 1.0)
    assert np.all(np.isnan(xs)) and np.all(np.isnan(ys))


@pytest.mark.parametrize("maker", [data.and_gate, data.or_gate])
def test_learning_rule_solves_separable_gates(maker):
    X, y = maker()
    history = perceptron.learn(X, y, lr=0.1, max_epochs=50)
    assert history.converged and history.mistakes[-1] == 0
    assert perceptron.count_misclassified(X, y, history.weights[-1], history.biases[-1]) == 0
    assert "converged" in history.message


def test_learning_rule_history_is_consistent():
    X, y = data.two_clouds(n=40, seed=4)
    history = perceptron.learn(X, y, lr=0.1)
    assert history.weights.shape == (history.updates + 1, 2)
    assert history.point[0] == -1 and np.all(history.point[1:] >= 0)
    for k in range(history.updates + 1):
        count = perceptron.count_misclassified(X, y, history.weights[k], history.biases[k])
        assert count == history.mistakes[k]
    # Each update is the rule applied to the point that caused it.
    for k in range(1, history.updates + 1):
        i = history.point[k]
        error = y[i] - perceptron.predict(X[i:i + 1], history.weights[k - 1],
                                          history.biases[k - 1])[0]
        np.testing.assert_allclose(history.weights[k], history.weights[k - 1] + 0.1 * error * X[i])


def test_learning_rule_gives_up_on_xor_and_says_so():
    X, y = data.xor_gate()
    history = perceptron.learn(X, y, lr=0.1, max_epochs=30)
    assert not history.converged and history.epochs == 30
    assert history.message.startswith("did not converge")


# --- Bad input gets a sentence naming the argument (issue 12) -------------------------------

X4, Y4 = data.and_gate()


@pytest.mark.parametrize("xlim", [None, "ab", 1.0, (1.0,), (1.0, 1.0), (3.0, -3.0),
                                  (0.0, float("nan")), (float("-inf"), 0.0), (0, 10**400),
                                  np.ones((2, 2))], ids=repr)
def test_decision_line_limits_must_be_a_finite_increasing_pair(xlim):
    with pytest.raises((ValueError, TypeError), match="xlim"):
        perceptron.decision_line(np.array([1.0, 1.0]), 0.0, xlim)


def test_a_line_too_steep_for_a_float_is_drawn_vertical_without_warning():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        xs, ys = perceptron.decision_line(np.array([1e300, 1e-11]), 1.0)
    np.testing.assert_allclose(xs, [-1e-300, -1e-300])
    np.testing.assert_array_equal(ys, [-3.0, 3.0])


@pytest.mark.parametrize("w0, words", [
    (np.ones(3), "w0 should have 2 weights"),
    (np.ones((2, 2)), "w0 should be 1-D"),
    ("ab", "w0 should be an array"),
    ([1.0, np.nan], "w0 contains NaN"),
    (np.array([1 + 1j, 0]), "w0 should be an array of real numbers"),
])
def test_learn_explains_a_bad_starting_line(w0, words):
    with pytest.raises((ValueError, TypeError), match=words):
        perceptron.learn(X4, Y4, w0=w0)


@pytest.mark.parametrize("max_epochs", [10**9, 10**400, perceptron.MAX_VISITS])
def test_learn_refuses_runs_that_would_hang(max_epochs):
    with pytest.raises(ValueError, match="max_epochs should be at most"):
        perceptron.learn(X4, Y4, max_epochs=max_epochs)


def test_weighted_sums_too_large_for_a_float_are_explained_not_warned():
    with pytest.raises(ValueError, match="weighted sums X·w \\+ b are too large"):
        perceptron.predict(np.full((2, 2), 1e308), np.array([10.0, 10.0]), 0.0)


@pytest.mark.parametrize("call, error, words", [
    (lambda: perceptron.weighted_sum(np.ones((4, 3)), np.ones(2), 0.0), ValueError,
     "X has 3 columns but w has 2 weights"),
    (lambda: perceptron.count_misclassified(X4, Y4[:3], np.ones(2), 0), ValueError,
     "y should have one value per row of X (4), got 3"),
    (lambda: perceptron.learn(X4, Y4 * 2), ValueError, "y should contain only 0 and 1"),
    (lambda: perceptron.learn(X4, Y4, lr=0), ValueError,
     "lr should be a positive number, got 0.0"),
    (lambda: perceptron.learn(X4, Y4, max_epochs=2.5), TypeError,
     "max_epochs should be a whole number"),
    (lambda: perceptron.predict(X4, np.ones(2), float("nan")), ValueError,
     "b should be a finite number"),
    (lambda: perceptron.decision_line(np.ones(3), 0.0), ValueError,
     "w should hold two weights (w1, w2)"),
], ids=["X with 3 columns", "y too short", "y not 0/1", "lr zero", "max_epochs fractional",
        "b NaN", "decision_line with 3 weights"])
def test_bad_arguments_are_explained(call, error, words):
    with pytest.raises(error) as raised:
        call()
    assert words in str(raised.value)


@settings(max_examples=30, deadline=None)
@given(lr=st.floats(1e-6, 1e300))
def test_the_perceptron_rule_survives_any_learning_rate(lr):
    history = perceptron.learn(*data.xor_gate(), lr=lr, max_epochs=5)
    assert np.all(np.isfinite(history.weights)) and np.all(np.isfinite(history.biases))
    assert not history.converged
    assert history.message.startswith(("did not converge", "stopped: the weights grew")), \
        history.message


@pytest.mark.parametrize("x, y, expected_w, expected_b", [
    ([1.0, 1.0], 1.0, [0.5, -0.5], 0.0),     # right already (z = 0 gives 1): nothing changes
    ([1.0, 1.0], 0.0, [0.4, -0.6], -0.1),     # wrong, target 0: w − lr·x, b − lr
    ([-2.0, 1.0], 1.0, [0.3, -0.4], 0.1),     # wrong, target 1: w + lr·x, b + lr
])
def test_the_rule_on_one_point(x, y, expected_w, expected_b):
    w, b = perceptron.update(np.array([0.5, -0.5]), 0.0, np.array(x), y, lr=0.1)
    np.testing.assert_allclose(w, expected_w)
    assert b == pytest.approx(expected_b)
