import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from helpers import data, losses

# Values that are zero or not vanishingly small, so a squared difference cannot underflow to 0.
finite = st.floats(-5, 5, allow_nan=False, allow_infinity=False).filter(
    lambda v: v == 0 or abs(v) > 1e-6)


def finite_difference(loss, y, p, h=1e-6):
    grad = np.zeros_like(p)
    for i in range(p.size):
        up, down = p.copy(), p.copy()
        up[i] += h
        down[i] -= h
        grad[i] = (loss(y, up) - loss(y, down)) / (2 * h)
    return grad


def test_mse_by_hand():
    assert losses.mse(np.array([1.0, 2.0, 3.0]), np.array([1.5, 2.0, 2.0])) == pytest.approx(
        1.25 / 3)


def test_bce_by_hand():
    y = np.array([0.0, 1.0])
    p = np.array([0.2, 0.7])
    expected = -(np.log(0.8) + np.log(0.7)) / 2
    assert losses.binary_cross_entropy(y, p) == pytest.approx(expected)


@pytest.mark.parametrize("name", ["mse", "binary_cross_entropy"])
def test_gradients_match_finite_differences(name):
    rng = np.random.default_rng(1)
    y = (rng.random(8) > 0.5).astype(float)
    p = rng.uniform(0.05, 0.95, size=8)
    loss, grad = losses.LOSSES[name]
    np.testing.assert_allclose(grad(y, p), finite_difference(loss, y, p), rtol=1e-5)


def test_cross_entropy_is_finite_at_certain_wrong_answers():
    value = losses.binary_cross_entropy(np.array([1.0, 0.0]), np.array([0.0, 1.0]))
    assert np.isfinite(value) and value > 20
    assert np.all(np.isfinite(losses.binary_cross_entropy_grad(np.array([1.0]), np.array([0.0]))))


def test_from_logits_matches_and_never_overflows():
    y = np.array([0.0, 1.0, 1.0])
    z = np.array([-2.0, 0.5, 3.0])
    p = 1 / (1 + np.exp(-z))
    assert losses.binary_cross_entropy_from_logits(y, z) == pytest.approx(
        losses.binary_cross_entropy(y, p))
    with np.errstate(over="raise", invalid="raise"):
        big = losses.binary_cross_entropy_from_logits(np.array([1.0, 0.0]),
                                                      np.array([-1e4, 1e4]))
    assert big == pytest.approx(1e4)


def test_line_surface_agrees_with_line_mse_and_least_squares_is_its_minimum():
    x, y = data.noisy_line()
    slopes = np.linspace(0, 3, 61)
    intercepts = np.linspace(-1, 2, 31)
    surface = losses.line_loss_surface(x, y, slopes, intercepts)
    assert surface.shape == (31, 61)
    assert surface[5, 7] == pytest.approx(losses.line_mse(x, y, slopes[7], intercepts[5]))
    slope, intercept = losses.least_squares_line(x, y)
    np.testing.assert_allclose((slope, intercept), np.polyfit(x, y, 1))
    assert losses.line_mse(x, y, slope, intercept) <= surface.min() + 1e-12
    np.testing.assert_allclose(losses.line_loss_grad(x, y, slope, intercept), 0, atol=1e-12)


@pytest.mark.parametrize("call, message", [
    (lambda: losses.binary_cross_entropy([0, 1], [0.5, 1.5]),
     "p should hold probabilities between 0 and 1"),
    (lambda: losses.least_squares_line([1, 1, 1], [1, 2, 3]), "x should not be all the same value"),
])
def test_bad_loss_inputs_are_explained(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# --- Bad input gets a sentence naming the argument (issue 12) -------------------------------

BAD_ARRAYS = [None, "abc", 1 + 2j, np.array([1 + 1j, 0]), object(), [0.5, np.nan],
              [0.5, np.inf], [10**400, 0], np.ones((2, 2, 2))]
PAIRS = [
    (losses.mse, "y_pred"), (losses.mse_grad, "y_pred"),
    (losses.binary_cross_entropy, "p"), (losses.binary_cross_entropy_grad, "p"),
    (losses.binary_cross_entropy_from_logits, "z"),
]


@pytest.mark.parametrize("bad", BAD_ARRAYS, ids=repr)
@pytest.mark.parametrize("loss, pred_name", PAIRS, ids=[f.__name__ for f, _ in PAIRS])
def test_losses_name_the_bad_argument(loss, pred_name, bad):
    with pytest.raises((ValueError, TypeError), match=f"^{pred_name} "):
        loss([0.0, 1.0], bad)
    with pytest.raises((ValueError, TypeError), match="^y "):
        loss(bad, [0.0, 1.0])


@pytest.mark.parametrize("loss, pred_name", PAIRS, ids=[f.__name__ for f, _ in PAIRS])
def test_empty_and_mismatched_inputs_are_explained(loss, pred_name):
    with pytest.raises(ValueError, match="y is empty"):
        loss([], [])
    with pytest.raises(ValueError, match=f"y and {pred_name} should have the same shape"):
        loss([0.0, 1.0], [0.0])


@pytest.mark.parametrize("call", [
    lambda: losses.mse([1e200], [-1e200]),
    lambda: losses.mse_grad([1e308], [-1e308]),
    lambda: losses.binary_cross_entropy_from_logits([1.0, 1.0], [-1e308, -1e308]),
    lambda: losses.line_mse([1e300], [0.0], 1e300, 0.0),
    lambda: losses.line_loss_grad([1e300], [0.0], 1e300, 0.0),
    lambda: losses.line_loss_surface([1e300], [0.0], [1e300], [0.0]),
    lambda: losses.least_squares_line([-1e300, 1e300], [0.0, 1e300]),
])
def test_results_too_large_for_a_float_are_explained_not_returned_as_inf(call):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="too large"):
            call()


def test_logit_targets_must_be_probabilities():
    with pytest.raises(ValueError, match="y should hold targets between 0 and 1"):
        losses.binary_cross_entropy_from_logits([0.0, 2.0], [0.0, 0.0])


LINE_FUNCTIONS = [
    lambda x, y: losses.line_mse(x, y, 1.0, 0.0),
    lambda x, y: losses.line_loss_grad(x, y, 1.0, 0.0),
    lambda x, y: losses.line_loss_surface(x, y, [0.0, 1.0], [0.0, 1.0]),
    losses.least_squares_line,
]


@pytest.mark.parametrize("function", LINE_FUNCTIONS,
                         ids=["line_mse", "line_loss_grad", "line_loss_surface", "least_squares"])
@pytest.mark.parametrize("x, y, words", [
    ([], [], "x and y are empty"),
    ([1.0, 2.0], [1.0], "x and y should have the same length"),
    ("ab", [1.0, 2.0], "x should be an array"),
    ([1.0, 2.0], None, "y should be an array"),
    ([1.0, np.nan], [1.0, 2.0], "x contains NaN"),
    (np.ones((2, 2)), np.ones((2, 2)), "x should be 1-D"),
])
def test_line_fitting_names_the_bad_points(function, x, y, words):
    with pytest.raises((ValueError, TypeError), match=words):
        function(x, y)


@pytest.mark.parametrize("name", ["slope", "intercept"])
@pytest.mark.parametrize("value", [None, "1", 1 + 2j, float("nan"), float("inf"), 10**400, True])
def test_line_coefficients_must_be_finite_numbers(name, value):
    args = {"slope": 1.0, "intercept": 0.0, name: value}
    for function in (losses.line_mse, losses.line_loss_grad):
        with pytest.raises((ValueError, TypeError), match=name):
            function([0.0, 1.0], [0.0, 1.0], **args)


@pytest.mark.parametrize("slopes, intercepts, words", [
    (np.zeros(5000), np.zeros(3), "slopes should hold between 1 and 1,000"),
    (np.zeros(3), [], "intercepts should hold between 1 and 1,000"),
    (np.zeros(1000), np.zeros(1000), "too many residuals"),
])
def test_loss_surface_grids_are_bounded(slopes, intercepts, words):
    x, y = np.linspace(0, 2, 100), np.zeros(100)
    with pytest.raises(ValueError, match=words):
        losses.line_loss_surface(x, y, slopes, intercepts)


@pytest.mark.parametrize("name", [None, "hinge", 3, ["mse"]])
def test_unknown_loss_names_list_the_choices(name):
    with pytest.raises(ValueError, match="loss should be one of mse, binary_cross_entropy"):
        losses.get(name)


@settings(max_examples=60, deadline=None)
@given(y=hnp.arrays(float, st.integers(1, 10), elements=finite), data_=st.data())
def test_mse_is_non_negative_and_zero_only_at_the_target(y, data_):
    y_pred = data_.draw(hnp.arrays(float, y.shape, elements=finite))
    value = losses.mse(y, y_pred)
    assert value >= 0
    assert (value == 0) == bool(np.all(y_pred == y))


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
