"""The toy data sets (helpers/data.py, notebooks 01–05)."""

import numpy as np
import pytest

from helpers import data, perceptron


def test_the_gates_are_their_truth_tables():
    X, y_or = data.or_gate()
    _, y_xor = data.xor_gate()
    assert sorted(map(tuple, X.astype(int))) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    a, b = X[:, 0], X[:, 1]
    assert np.array_equal(y_or, np.maximum(a, b)) and np.array_equal(y_xor, (a + b) % 2)


@pytest.mark.parametrize("maker", [data.two_clouds, data.two_moons])
def test_classification_sets_are_seeded_and_balanced(maker):
    X1, y1 = maker(n=31, seed=3)
    X2, y2 = maker(n=31, seed=3)
    X3, _ = maker(n=31, seed=4)
    assert X1.shape == (31, 2) and y1.shape == (31,)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2) and not np.array_equal(X1, X3)
    assert y1.sum() in (15, 16)


def test_the_two_clouds_of_notebook_01_are_separable():
    X, y = data.two_clouds(n=40, seed=4)
    assert perceptron.learn(X, y, lr=0.1, max_epochs=100).converged


def test_the_noisy_line_scatters_around_its_line():
    x, y = data.noisy_line(n=200, slope=2.0, intercept=-1.0, noise=0.1, seed=1)
    slope, intercept = np.polyfit(x, y, 1)
    assert slope == pytest.approx(2.0, abs=0.05) and intercept == pytest.approx(-1.0, abs=0.05)


def test_grid_rows_reshape_into_an_image():
    xs, ys, cells = data.grid((0, 1), (10, 20), resolution=5)
    assert cells.shape == (25, 2)
    assert np.all(cells[:, 1].reshape(5, 5)[:, 0] == ys) and np.all(cells[:5, 0] == xs)


def test_train_test_split_holds_back_a_seeded_share_of_the_rows():
    X, y = data.two_moons(n=50, seed=2)
    X_train, y_train, X_test, y_test = data.train_test_split(X, y, test_fraction=0.3, seed=7)
    assert X_test.shape == (15, 2) and X_train.shape == (35, 2) and y_test.shape == (15,)
    # Every example lands on exactly one side, with its own target.
    rows = sorted(map(tuple, np.column_stack([np.vstack([X_train, X_test]),
                                              np.concatenate([y_train, y_test])])))
    assert rows == sorted(map(tuple, np.column_stack([X, y])))
    again = data.train_test_split(X, y, test_fraction=0.3, seed=7)
    other = data.train_test_split(X, y, test_fraction=0.3, seed=8)
    assert np.array_equal(again[2], X_test) and not np.array_equal(other[2], X_test)
    X_train[0, 0] = 99.0  # copies: the data set is left alone
    assert 99.0 not in X


@pytest.mark.parametrize("fraction, words", [(0.01, "leaves 0 for testing"),
                                             (0.99, "leaves 10 for testing and 0 for training")])
def test_a_split_leaves_an_example_on_each_side(fraction, words):
    with pytest.raises(ValueError, match=f"^test_fraction = {fraction:g} of 10 examples {words}"):
        data.train_test_split(np.zeros((10, 2)), np.zeros(10), test_fraction=fraction)


@pytest.mark.parametrize("call, name", [
    (lambda: data.two_clouds(n=1), "n"),
    (lambda: data.two_moons(noise=-0.1), "noise"),
    (lambda: data.noisy_line(slope=1e51), "slope"),
    (lambda: data.train_test_split(np.zeros((10, 2)), np.zeros(9)), "y"),
    (lambda: data.grid((0, 1), (1, 0)), "ylim"),
    (lambda: data.grid((0, 1), (0, 1), resolution=10**6), "resolution"),
], ids=["two_clouds", "two_moons", "noisy_line", "train_test_split", "grid", "grid size"])
def test_each_data_set_names_its_bad_argument(call, name):
    with pytest.raises((ValueError, TypeError), match=f"^{name} "):
        call()
