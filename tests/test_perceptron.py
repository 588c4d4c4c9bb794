import numpy as np
import pytest

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
