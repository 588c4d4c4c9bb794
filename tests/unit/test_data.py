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


# --- Bad input gets a sentence naming the argument (issue 12) -------------------------------

BAD_LIMITS = [None, "ab", 3.0, (1.0,), (1.0, 1.0), (2.0, 1.0), (0.0, float("nan")),
              (float("-inf"), 1.0), (0.0, 10**400), (-1e308, 1e308), ("a", "b"), (1 + 2j, 3)]


@pytest.mark.parametrize("limits", BAD_LIMITS, ids=repr)
@pytest.mark.parametrize("name", ["xlim", "ylim"])
def test_grid_limits_must_be_a_finite_increasing_pair(name, limits):
    kwargs = {"xlim": (0.0, 1.0), "ylim": (0.0, 1.0), name: limits}
    with pytest.raises((ValueError, TypeError)) as raised:
        data.grid(**kwargs)
    assert name in str(raised.value)


@pytest.mark.parametrize("call, name", [
    (lambda v: data.two_clouds(n=v), "n"),
    (lambda v: data.two_moons(n=v), "n"),
    (lambda v: data.noisy_line(n=v), "n"),
    (lambda v: data.grid((0, 1), (0, 1), resolution=v), "resolution"),
])
@pytest.mark.parametrize("value", [10**9, 10**400])
def test_sizes_that_would_hang_are_refused(call, name, value):
    with pytest.raises(ValueError, match=f"{name} should be at most"):
        call(value)


@pytest.mark.parametrize("call, name", [
    (lambda v: data.two_moons(noise=v), "noise"),
    (lambda v: data.noisy_line(noise=v), "noise"),
    (lambda v: data.noisy_line(slope=v), "slope"),
    (lambda v: data.noisy_line(intercept=v), "intercept"),
])
@pytest.mark.parametrize("value", [float("nan"), float("inf"), 1e300, 10**400, "0.1", None,
                                   1 + 2j, True])
def test_noise_and_line_coefficients_must_be_finite_and_sensible(call, name, value):
    with pytest.raises((ValueError, TypeError)) as raised:
        call(value)
    assert name in str(raised.value)


@pytest.mark.parametrize("call, error, words", [
    (lambda: data.two_clouds(n=0), ValueError, "n should be at least 2, got 0"),
    (lambda: data.two_moons(n=10.5), TypeError, "n should be a whole number"),
    (lambda: data.two_moons(noise=-1), ValueError, "noise should be zero or more"),
    (lambda: data.noisy_line(seed="abc"), TypeError, "seed should be a whole number"),
    (lambda: data.grid((0, 1), (0, 1), resolution=1), ValueError,
     "resolution should be at least 2, got 1"),
], ids=["n zero", "n fractional", "noise negative", "seed text", "resolution 1"])
def test_small_or_wrongly_typed_sizes_and_seeds_are_explained(call, error, words):
    with pytest.raises(error) as raised:
        call()
    assert words in str(raised.value)


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


@pytest.mark.parametrize("kwargs, error, words", [
    ({"test_fraction": 0.0}, ValueError, "test_fraction should be between 0 and 1"),
    ({"test_fraction": 1.0}, ValueError, "test_fraction should be between 0 and 1"),
    ({"test_fraction": 0.01}, ValueError, "test_fraction = 0.01 of 10 examples leaves 0"),
    ({"test_fraction": 0.99}, ValueError, "leaves 10 for testing and 0 for training"),
    ({"test_fraction": "half"}, TypeError, "test_fraction should be a number"),
    ({"seed": -2}, ValueError, "seed should be at least 0"),
    ({"y": np.zeros(9)}, ValueError, "y should have one value per row of X"),
    ({"X": np.zeros(10)}, ValueError, "X should be 2-D"),
])
def test_train_test_split_explains_bad_arguments(kwargs, error, words):
    arguments = {"X": np.zeros((10, 2)), "y": np.zeros(10), "test_fraction": 0.3, **kwargs}
    with pytest.raises(error, match=words):
        data.train_test_split(**arguments)
