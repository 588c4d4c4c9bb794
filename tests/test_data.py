import numpy as np
import pytest

from helpers import data, perceptron


@pytest.mark.parametrize("maker", [data.and_gate, data.or_gate, data.xor_gate])
def test_gates_are_truth_tables(maker):
    X, y = maker()
    assert X.shape == (4, 2) and y.shape == (4,)
    assert set(map(tuple, X.astype(int))) == {(0, 0), (0, 1), (1, 0), (1, 1)}


def test_gate_outputs():
    X, _ = data.and_gate()
    a, b = X[:, 0], X[:, 1]
    assert np.array_equal(data.and_gate()[1], a * b)
    assert np.array_equal(data.or_gate()[1], np.maximum(a, b))
    assert np.array_equal(data.xor_gate()[1], (a + b) % 2)


@pytest.mark.parametrize("maker", [data.two_clouds, data.two_moons])
def test_classification_sets_are_seeded_and_balanced(maker):
    X1, y1 = maker(n=30, seed=3)
    X2, y2 = maker(n=30, seed=3)
    X3, _ = maker(n=30, seed=4)
    assert X1.shape == (30, 2) and y1.shape == (30,)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert not np.array_equal(X1, X3)
    assert y1.sum() == 15


def test_two_clouds_used_in_notebook_01_are_separable():
    X, y = data.two_clouds(n=40, seed=4)
    assert perceptron.learn(X, y, lr=0.1, max_epochs=100).converged


def test_noisy_line_scatters_around_its_line():
    x, y = data.noisy_line(n=200, slope=2.0, intercept=-1.0, noise=0.1, seed=1)
    slope, intercept = np.polyfit(x, y, 1)
    assert slope == pytest.approx(2.0, abs=0.05)
    assert intercept == pytest.approx(-1.0, abs=0.05)


def test_grid_rows_reshape_into_an_image():
    xs, ys, cells = data.grid((0, 1), (10, 20), resolution=5)
    assert cells.shape == (25, 2)
    image = cells[:, 1].reshape(5, 5)
    assert np.all(image[:, 0] == ys) and np.all(cells[:5, 0] == xs)
