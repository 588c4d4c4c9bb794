import numpy as np
import pytest

from helpers import descent


@pytest.mark.parametrize("f, slope", [
    (descent.parabola, descent.parabola_slope),
    (descent.two_valleys, descent.two_valleys_slope),
    (descent.wavy, descent.wavy_slope),
])
def test_curve_slopes_are_their_derivatives(f, slope):
    for x in np.linspace(-2, 2, 9):
        assert descent.numerical_derivative(f, x) == pytest.approx(slope(x), abs=1e-7)


def test_gradient_check_tells_right_from_wrong():
    def f(w):
        return float(np.sum(w**3))

    right = descent.gradient_check(f, lambda w: 3 * w**2, np.array([0.5, -1.0, 2.0]))
    wrong = descent.gradient_check(f, lambda w: 2 * w, np.array([0.5, -1.0, 2.0]))
    assert right.passed and right.relative_error < 1e-8
    assert not wrong.passed and wrong.relative_error > 0.1
    assert "✓" in right.message and "✗" in wrong.message


def test_numerical_gradient_restores_the_point():
    w = np.array([1.0, 2.0])
    descent.numerical_gradient(lambda v: float(v @ v), w)
    np.testing.assert_array_equal(w, [1.0, 2.0])


@pytest.mark.parametrize("curvature", [0.5, 1.0, 4.0])
def test_descent_on_a_convex_quadratic_reaches_the_minimum(curvature):
    target = np.array([1.0, -2.0])

    def loss(w):
        return 0.5 * curvature * float(np.sum((w - target) ** 2))

    def grad(w):
        return curvature * (w - target)

    walk = descent.gradient_descent(loss, grad, start=[5.0, 5.0], lr=0.5 / curvature, steps=100)
    np.testing.assert_allclose(walk.final, target, atol=1e-8)
    assert walk.path.shape == (101, 2) and walk.losses.shape == (101,)
    assert np.all(np.diff(walk.losses) <= 0)
    assert not walk.diverged and "100 steps" in walk.message


def test_divergence_is_reported_not_warned():
    # filterwarnings = error (pyproject) turns any numpy warning into a failure here.
    walk = descent.gradient_descent(descent.parabola, descent.parabola_slope, start=1.0,
                                    lr=5.0, steps=500)
    assert walk.diverged and walk.diverged_at < 500
    assert walk.message.startswith(f"diverged at step {walk.diverged_at}")
    assert np.all(np.isfinite(walk.losses))


def test_the_start_decides_the_valley():
    def end(start):
        return float(descent.gradient_descent(descent.two_valleys, descent.two_valleys_slope,
                                              start, lr=0.05, steps=200).final)

    assert end(-0.5) == pytest.approx(-1.036, abs=1e-3)
    assert end(0.5) == pytest.approx(0.960, abs=1e-3)


def test_momentum_and_decay_change_the_walk():
    plain = descent.gradient_descent(descent.parabola, descent.parabola_slope, 2.0, 0.05, 20)
    heavy = descent.gradient_descent(descent.parabola, descent.parabola_slope, 2.0, 0.05, 20,
                                     momentum=0.8)
    slow = descent.gradient_descent(descent.parabola, descent.parabola_slope, 2.0, 0.05, 20,
                                    decay=0.5)
    assert heavy.losses[5] < plain.losses[5]
    assert slow.losses[-1] > plain.losses[-1]


@pytest.mark.parametrize("kwargs, message", [
    ({"lr": 0}, "lr should be a positive number, got 0.0"),
    ({"lr": -0.1}, "lr should be a positive number"),
    ({"lr": float("nan")}, "lr should be a finite number"),
    ({"lr": "fast"}, "lr should be a number"),
    ({"steps": 0}, "steps should be at least 1"),
    ({"steps": 2.5}, "steps should be a whole number"),
    ({"start": [np.inf]}, "start contains NaN or infinity"),
    ({"momentum": 1.0}, "momentum should be at least 0 and below 1"),
    ({"decay": -1.0}, "decay should be 0 or more"),
])
def test_bad_descent_arguments_are_explained(kwargs, message):
    arguments = {"start": 1.0, "lr": 0.1, "steps": 10, **kwargs}
    with pytest.raises((ValueError, TypeError), match=message):
        descent.gradient_descent(descent.parabola, descent.parabola_slope, **arguments)
