import numpy as np
import pytest

from helpers import data, losses


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
    (lambda: losses.mse([1, 2], [1, 2, 3]), "same shape"),
    (lambda: losses.mse([], []), "empty"),
    (lambda: losses.binary_cross_entropy([0, 1], [0.5, 1.5]), "probabilities between 0 and 1"),
    (lambda: losses.binary_cross_entropy([0, 1], [0.5, np.nan]), "NaN or infinity"),
    (lambda: losses.get("hinge"), "loss should be one of mse, binary_cross_entropy"),
    (lambda: losses.least_squares_line([1, 1, 1], [1, 2, 3]), "all the same value"),
])
def test_bad_loss_inputs_are_explained(call, message):
    with pytest.raises(ValueError, match=message):
        call()
