"""Activations and their slopes (helpers/activations.py, notebook 01)."""

import numpy as np
import pytest

from helpers import activations

Z = np.linspace(-6, 6, 241)
NAMES = ["step", "sigmoid", "tanh", "relu", "identity"]


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "identity"])
def test_slopes_match_finite_differences(name):
    g, slope = activations.get(name), activations.slope(name)
    z = Z[np.abs(Z) > 1e-3]  # ReLU has a kink at 0
    h = 1e-6
    np.testing.assert_allclose(slope(z), (g(z + h) - g(z - h)) / (2 * h), rtol=1e-5, atol=1e-8)


def test_the_step_function_is_all_or_nothing_and_has_no_slope():
    assert activations.step(np.array([-2.0, -1e-9, 0.0, 3.0])).tolist() == [0, 0, 1, 1]
    assert np.all(activations.step_slope(Z) == 0)


def test_sigmoid_is_computed_without_overflow_even_for_huge_inputs():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        values = activations.sigmoid(np.array([-1e300, -800.0, 0.0, 800.0, 1e300]))
        slopes = activations.sigmoid_slope(np.array([-800.0, 0.0, 700.0]))
    np.testing.assert_allclose(values, [0, 0, 0.5, 1, 1])
    assert 0 < slopes[2] < 1e-300 and slopes[1] == 0.25  # tiny, but not rounded to 0


def test_infinities_give_the_limits_at_either_end():
    ends = np.array([-np.inf, np.inf])
    for name in ("step", "sigmoid", "tanh"):  # they level off: ±∞ gives what ±1e300 gives
        g = activations.get(name)
        np.testing.assert_array_equal(g(ends), g(np.array([-1e300, 1e300])))
    assert activations.relu(ends).tolist() == [0.0, np.inf]
    for name in NAMES:
        assert np.all(np.isfinite(activations.slope(name)(ends)))


def test_the_smooth_steps_stay_inside_their_ranges():
    assert np.all((activations.sigmoid(Z) > 0) & (activations.sigmoid(Z) < 1))
    assert np.all(np.abs(activations.tanh(Z)) < 1)
    assert np.all(activations.relu(Z) >= 0)


@pytest.mark.parametrize("function", [activations.get(n) for n in NAMES]
                         + [activations.slope(n) for n in NAMES], ids=lambda f: f.__name__)
def test_each_activation_names_z(function):
    with pytest.raises(ValueError, match="^z contains NaN"):
        function([0.0, np.nan])


@pytest.mark.parametrize("lookup", [activations.get, activations.slope])
def test_an_unknown_activation_lists_the_choices(lookup):
    with pytest.raises(ValueError, match="^activation should be one of step, sigmoid, tanh, "
                                         "relu, identity; got 'softmax'"):
        lookup("softmax")
