"""One neuron and the perceptron rule (helpers/perceptron.py, notebook 01)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import data, perceptron


def test_the_prediction_is_the_step_of_the_weighted_sum():
    X = np.array([[1.0, 0.5], [0.0, 0.0], [-1.0, 2.0]])
    w, b = np.array([0.8, -0.4]), -0.2
    z = perceptron.weighted_sum(X, w, b)
    np.testing.assert_allclose(z, [x @ w + b for x in X])
    assert perceptron.predict(X, w, b).tolist() == [float(v >= 0) for v in z]


def test_the_or_line_gets_every_point_right_and_a_shifted_one_does_not():
    X, y = data.or_gate()
    assert perceptron.count_misclassified(X, y, np.array([1.0, 1.0]), -0.5) == 0
    assert perceptron.count_misclassified(X, y, np.array([1.0, 1.0]), -1.5) == 2


@pytest.mark.parametrize("w, b", [((1.0, 2.0), -1.0), ((2.0, 0.0), 1.0), ((0.0, -1.0), 0.5),
                                  ((1e50, 1e-11), 1.0)])
def test_decision_line_points_lie_on_the_line(w, b):
    xs, ys = perceptron.decision_line(np.array(w), b)
    np.testing.assert_allclose(w[0] * xs + w[1] * ys + b, 0, atol=1e-12 * max(map(abs, w)))


def test_decision_line_without_weights_is_not_drawn():
    xs, ys = perceptron.decision_line(np.zeros(2), 1.0)
    assert np.all(np.isnan(xs)) and np.all(np.isnan(ys))


@pytest.mark.parametrize("x, y, moved", [
    ([1.0, 1.0], 1.0, 0),      # right already (z = 0 gives 1): nothing changes
    ([1.0, 1.0], 0.0, -1),     # wrong, target 0: the line moves away from x
    ([-2.0, 1.0], 1.0, 1),     # wrong, target 1: the line moves towards x
])
def test_the_rule_on_one_point_moves_the_line_by_lr_times_x(x, y, moved):
    w0, b0, lr = np.array([0.5, -0.5]), 0.0, 0.1
    w, b = perceptron.update(w0, b0, np.array(x), y, lr=lr)
    np.testing.assert_allclose(w - w0, moved * lr * np.array(x))
    assert b - b0 == pytest.approx(moved * lr)


def test_the_rule_learns_the_or_gate_and_keeps_every_update():
    X, y = data.or_gate()
    history = perceptron.learn(X, y, lr=0.1, max_epochs=50)
    assert history.converged and history.mistakes[-1] == 0 and "converged" in history.message
    assert history.weights.shape == (history.updates + 1, 2) and history.point[0] == -1
    for k in range(history.updates + 1):
        assert perceptron.count_misclassified(X, y, history.weights[k],
                                              history.biases[k]) == history.mistakes[k]
    for k in range(1, history.updates + 1):  # each update is the rule on the point that caused it
        i = history.point[k]
        w, b = perceptron.update(history.weights[k - 1], history.biases[k - 1], X[i], y[i], 0.1)
        np.testing.assert_array_equal(w, history.weights[k])


def test_the_rule_gives_up_on_xor_and_says_so():
    history = perceptron.learn(*data.xor_gate(), lr=0.1, max_epochs=30)
    assert not history.converged and history.epochs == 30
    assert history.message.startswith("did not converge")


@settings(max_examples=30, deadline=None)
@given(lr=st.floats(1e-6, 1e50))
def test_any_learning_rate_ends_the_rule_without_a_warning(lr):
    history = perceptron.learn(*data.xor_gate(), lr=lr, max_epochs=5)
    assert np.all(np.abs(history.weights) <= 1e50) and not history.converged
    assert history.message.startswith("stopped: the weights grew" if history.overflowed
                                      else "did not converge")


def test_weights_that_outgrow_the_bound_stop_the_rule():
    X, y = data.xor_gate()
    history = perceptron.learn(X * 1e49, y, lr=1e50, max_epochs=50)
    assert history.overflowed and history.epochs < 50


X4, Y4 = data.or_gate()


@pytest.mark.parametrize("call, words", [
    (lambda: perceptron.weighted_sum(X4, np.ones(3), 0.0), r"w should have shape \(2,\)"),
    (lambda: perceptron.predict(X4, np.ones(2), "b"), "b should be a number"),
    (lambda: perceptron.count_misclassified(X4, Y4[:3], np.ones(2), 0.0), "y should have one"),
    (lambda: perceptron.decision_line(np.ones(2), 0.0, (3.0, -3.0)), "xlim should have low < "
     "high"),
    (lambda: perceptron.update(np.ones(2), 0.0, np.ones(2), 2.0, 0.1), "y should contain only"),
    (lambda: perceptron.learn(X4, Y4, w0=[1.0, np.nan]), "w0 contains NaN"),
    (lambda: perceptron.learn(X4, Y4, max_epochs=10**9), "max_epochs should be at most"),
], ids=["weighted_sum", "predict", "count_misclassified", "decision_line", "update",
        "learn", "learn epochs"])
def test_each_door_names_the_argument(call, words):
    with pytest.raises((ValueError, TypeError), match=f"^{words}"):
        call()
