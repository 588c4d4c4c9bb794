"""Losses and the line fit (helpers/losses.py, notebooks 03 and 04)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from helpers import data, descent, losses

# Values that are zero or not vanishingly small, so a squared difference cannot underflow to 0.
finite = st.floats(-5, 5).filter(lambda v: v == 0 or abs(v) > 1e-6)


@pytest.mark.parametrize("loss, grad", [(losses.mse, losses.mse_grad),
                                        (losses.binary_cross_entropy,
                                         losses.binary_cross_entropy_grad)])
def test_each_loss_gradient_matches_finite_differences(loss, grad):
    rng = np.random.default_rng(1)
    y = (rng.random(8) > 0.5).astype(float)
    p = rng.uniform(0.05, 0.95, size=8)
    assert descent.gradient_check(lambda q: loss(y, q), lambda q: grad(y, q), p).passed


def test_cross_entropy_is_the_mean_surprise_of_the_right_class():
    y = np.array([0.0, 1.0, 1.0])
    p = np.array([0.2, 0.7, 0.9])
    right = np.where(y == 1, p, 1 - p)  # the probability given to the true class
    assert losses.binary_cross_entropy(y, p) == pytest.approx(np.mean(-np.log(right)))


def test_cross_entropy_is_finite_at_certain_wrong_answers():
    assert losses.binary_cross_entropy(np.array([1.0, 0.0]), np.array([0.0, 1.0])) > 20
    assert np.all(np.isfinite(losses.binary_cross_entropy_grad(np.array([1.0]), np.array([0.0]))))


@settings(max_examples=60, deadline=None)
@given(y=hnp.arrays(float, st.integers(1, 10), elements=finite), data_=st.data())
def test_mse_is_non_negative_and_zero_only_at_the_target(y, data_):
    y_pred = data_.draw(hnp.arrays(float, y.shape, elements=finite))
    value = losses.mse(y, y_pred)
    assert value >= 0 and (value == 0) == bool(np.all(y_pred == y))


@settings(max_examples=60, deadline=None)
@given(y=hnp.arrays(float, st.integers(1, 10), elements=st.sampled_from([0.0, 1.0])),
       data_=st.data())
def test_cross_entropy_is_non_negative_and_lowest_at_the_target(y, data_):
    p = data_.draw(hnp.arrays(float, y.shape, elements=st.floats(0, 1)))
    at_target = losses.binary_cross_entropy(y, y)
    value = losses.binary_cross_entropy(y, p)
    assert value >= 0 and at_target < 1e-9
    if np.any(np.abs(p - y) > 1e-6):
        assert value > at_target


def test_the_surface_agrees_with_line_mse_and_least_squares_is_its_minimum():
    x, y = data.noisy_line()
    slopes, intercepts = np.linspace(0, 3, 61), np.linspace(-1, 2, 31)
    surface = losses.line_loss_surface(x, y, slopes, intercepts)
    assert surface.shape == (31, 61)
    assert surface[5, 7] == pytest.approx(losses.line_mse(x, y, slopes[7], intercepts[5]))
    slope, intercept = losses.least_squares_line(x, y)
    np.testing.assert_allclose((slope, intercept), np.polyfit(x, y, 1))
    assert losses.line_mse(x, y, slope, intercept) <= surface.min() + 1e-12
    np.testing.assert_allclose(losses.line_loss_grad(x, y, slope, intercept), 0, atol=1e-12)


def test_the_line_gradient_is_the_gradient_of_the_line_mse():
    x, y = data.noisy_line(n=15, seed=3)
    check = descent.gradient_check(lambda w: losses.line_mse(x, y, *w),
                                   lambda w: losses.line_loss_grad(x, y, *w), np.array([0.3, -1.0]))
    assert check.passed


@settings(max_examples=30, deadline=None)
@given(slope=st.floats(-1e50, 1e50), intercept=st.floats(-1e50, 1e50))
def test_any_bounded_line_has_a_finite_loss_and_gradient_without_a_warning(slope, intercept):
    x, y = data.noisy_line(n=10)
    assert np.isfinite(losses.line_mse(x, y, slope, intercept))
    assert np.all(np.isfinite(losses.line_loss_grad(x, y, slope, intercept)))


@pytest.mark.parametrize("call, words", [
    (lambda: losses.mse([1.0, 2.0], [1.0]), r"y should have one value per example \(1\)"),
    (lambda: losses.mse_grad([1.0], []), "y_pred is empty"),
    (lambda: losses.binary_cross_entropy([0, 1], [0.5, 1.5]), "p should hold values from 0"),
    (lambda: losses.binary_cross_entropy_grad([0, 2], [0.5, 0.5]), "y should contain only 0"),
    (lambda: losses.line_mse([0.0, 1.0], [1.0, 2.0], "m", 0.0), "slope should be a number"),
    (lambda: losses.line_loss_surface([0.0], [1.0], np.ones(5000), np.ones(5000)),
     "the grid should be at most"),
    (lambda: losses.line_loss_grad([0.0, 1e51], [1.0, 2.0], 1.0, 0.0), "x holds a number too"),
    (lambda: losses.least_squares_line([2.0, 2.0], [1.0, 3.0]), "x should hold two different"),
], ids=["mse", "mse_grad", "binary_cross_entropy", "binary_cross_entropy_grad", "line_mse",
        "line_loss_surface", "line_loss_grad", "least_squares_line"])
def test_each_door_names_the_argument(call, words):
    with pytest.raises((ValueError, TypeError), match=f"^{words}"):
        call()
