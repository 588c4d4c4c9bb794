import numpy as np
import pytest

from helpers import activations

Z = np.linspace(-6, 6, 241)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "identity"])
def test_slopes_match_finite_differences(name):
    g, slope = activations.get(name), activations.slope(name)
    z = Z[np.abs(Z) > 1e-3]  # ReLU has a kink at 0
    h = 1e-6
    numerical = (g(z + h) - g(z - h)) / (2 * h)
    np.testing.assert_allclose(slope(z), numerical, rtol=1e-5, atol=1e-8)


def test_step_is_all_or_nothing():
    assert activations.step(np.array([-2.0, -1e-9, 0.0, 3.0])).tolist() == [0, 0, 1, 1]
    assert np.all(activations.step_slope(Z) == 0)


def test_sigmoid_does_not_overflow_for_huge_inputs():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        values = activations.sigmoid(np.array([-1e6, -800.0, 0.0, 800.0, 1e6]))
    np.testing.assert_allclose(values, [0, 0, 0.5, 1, 1])


def test_sigmoid_and_tanh_ranges():
    assert np.all((activations.sigmoid(Z) > 0) & (activations.sigmoid(Z) < 1))
    assert np.all(np.abs(activations.tanh(Z)) < 1)
    assert activations.relu(-3.0) == 0 and activations.relu(2.5) == 2.5


@pytest.mark.parametrize("z", [None, "3", 1 + 2j, np.array([1 + 1j]), object(), [0.0, np.inf],
                               [0.0, np.nan], 10**400, [[1.0], [2.0, 3.0]]], ids=repr)
@pytest.mark.parametrize("function", [activations.sigmoid, activations.tanh, activations.relu,
                                      activations.step, activations.identity,
                                      activations.sigmoid_slope, activations.relu_slope])
def test_activations_name_z_for_anything_that_is_not_finite_numbers(function, z):
    with pytest.raises((ValueError, TypeError), match="z "):
        function(z)


@pytest.mark.parametrize("name", [None, "softmax", 3, ["tanh"], "Tanh"])
def test_unknown_activation_names_list_the_choices(name):
    for lookup in (activations.get, activations.slope):
        with pytest.raises(ValueError) as raised:
            lookup(name)
        assert "activation should be one of step, sigmoid, tanh, relu, identity" in str(
            raised.value)
        assert str(raised.value).endswith(f"got {name!r}")
