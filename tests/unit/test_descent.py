import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import curves, descent


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
    assert not walk.diverged and "100 steps" in walk.message


def test_divergence_is_reported_not_warned():
    # filterwarnings = error (pyproject) turns any numpy warning into a failure here.
    walk = descent.gradient_descent(curves.parabola, curves.parabola_slope, start=1.0,
                                    lr=5.0, steps=500)
    assert walk.diverged and walk.diverged_at < 500
    assert walk.message.startswith(f"diverged at step {walk.diverged_at}")
    assert np.all(np.isfinite(walk.losses))


def test_the_start_decides_the_valley():
    def end(start):
        return float(descent.gradient_descent(curves.two_valleys, curves.two_valleys_slope,
                                              start, lr=0.05, steps=200).final)

    assert end(-0.5) == pytest.approx(-1.036, abs=1e-3)
    assert end(0.5) == pytest.approx(0.960, abs=1e-3)


def test_momentum_and_decay_change_the_walk():
    plain = descent.gradient_descent(curves.parabola, curves.parabola_slope, 2.0, 0.05, 20)
    heavy = descent.gradient_descent(curves.parabola, curves.parabola_slope, 2.0, 0.05, 20,
                                     momentum=0.8)
    slow = descent.gradient_descent(curves.parabola, curves.parabola_slope, 2.0, 0.05, 20,
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
        descent.gradient_descent(curves.parabola, curves.parabola_slope, **arguments)


# --- Bad input gets a sentence naming the argument (issue 12) -------------------------------

def test_numerical_gradient_refuses_integer_arrays_it_cannot_nudge():
    w = np.array([1, 2])
    with pytest.raises(TypeError, match="w should be an array of float64 numbers.*astype"):
        descent.numerical_gradient(lambda v: float(np.sum(v**2)), w)
    np.testing.assert_array_equal(w, [1, 2])


def test_numerical_gradient_nudges_a_float_array_in_place_and_copies_a_list():
    w = np.array([1.0, -2.0])
    seen = []
    grad = descent.numerical_gradient(lambda _: float(seen.append(w.copy()) or np.sum(w**2)), w)
    np.testing.assert_allclose(grad, [2.0, -4.0], rtol=1e-6)
    assert any(not np.array_equal(s, [1.0, -2.0]) for s in seen)  # f saw the nudges in w itself
    np.testing.assert_array_equal(w, [1.0, -2.0])  # and w is put back
    np.testing.assert_allclose(descent.numerical_gradient(lambda v: float(np.sum(v**2)),
                                                          [1.0, -2.0]), [2.0, -4.0], rtol=1e-6)


@pytest.mark.parametrize("call, error, words", [
    (lambda: descent.numerical_gradient(None, np.ones(2)), TypeError, "f should be a function"),
    (lambda: descent.numerical_gradient("f", np.ones(2)), TypeError, "f should be a function"),
    (lambda: descent.numerical_gradient(np.sum, None), TypeError, "w should be an array"),
    (lambda: descent.numerical_gradient(np.sum, "abc"), TypeError, "w should be an array"),
    (lambda: descent.numerical_gradient(np.sum, np.array([1 + 1j])), TypeError, "real numbers"),
    (lambda: descent.numerical_gradient(np.sum, np.array([np.nan])), ValueError,
     "w contains NaN"),
    (lambda: descent.numerical_gradient(np.sum, np.ones(2), h=0), ValueError,
     "h should be a positive number"),
    (lambda: descent.numerical_gradient(np.sum, np.ones(2), h=None), TypeError,
     "h should be a number"),
    (lambda: descent.numerical_gradient(np.sum, np.ones(2), h=float("nan")), ValueError,
     "h should be a finite number"),
    (lambda: descent.numerical_gradient(lambda w: w, np.ones(2)), TypeError,
     "f should return one number"),
    (lambda: descent.numerical_gradient(lambda w: "x", np.ones(2)), TypeError,
     "f should return"),
    (lambda: descent.numerical_gradient(lambda w: np.nan, np.ones(2)), ValueError,
     "f returned nan"),
    (lambda: descent.numerical_gradient(np.sum, np.zeros(200_000)), ValueError,
     "w should have at most"),
    (lambda: descent.numerical_slope("f", 1.0), TypeError, "f should be a function"),
    (lambda: descent.numerical_slope(curves.parabola, 1.0, h=0), ValueError,
     "h should be a positive number"),
    (lambda: descent.numerical_slope(curves.parabola, "1"), TypeError,
     "x should be a number"),
    (lambda: descent.numerical_slope(lambda x: [x, x], 1.0), TypeError,
     "f should return one number"),
    (lambda: descent.compare_gradients(np.ones(2), np.ones(3)), ValueError,
     "exact and numerical should have the same shape"),
    (lambda: descent.compare_gradients("a", np.ones(3)), TypeError, "exact should be an array"),
    (lambda: descent.compare_gradients(np.ones(1), [np.nan]), ValueError,
     "numerical contains NaN"),
    (lambda: descent.gradient_check(curves.parabola, "grad", 1.0), TypeError,
     "grad should be a function"),
    (lambda: descent.gradient_check(curves.parabola, lambda w: np.ones(3), 1.0), ValueError,
     "grad should return a gradient shaped like the point w"),
])
def test_derivative_tools_explain_bad_input(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_compare_gradients_measures_huge_gradients_without_overflow():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check = descent.compare_gradients([1e308, -1e308], [1e308, -1e308])
    assert check.relative_error == 0 and check.passed


def P(w):
    return curves.parabola(w)


@pytest.mark.parametrize("kwargs, error, words", [
    ({"loss": None}, TypeError, "loss should be a function"),
    ({"loss": "parabola"}, TypeError, "loss should be a function"),
    ({"grad": 3.0}, TypeError, "grad should be a function"),
    ({"grad": lambda w: np.ones(3)}, ValueError,
     r"grad should return a gradient shaped like the point w \(\)"),
    ({"grad": lambda w: "up"}, TypeError, "gradient grad returned should be an array"),
    ({"loss": lambda w: "low"}, TypeError, "loss should return one number"),
    ({"loss": lambda w: np.ones(3)}, TypeError, "loss should return one number"),
    ({"loss": lambda w: None}, TypeError, "loss should return one number"),
    ({"start": "abc"}, TypeError, "start should be an array"),
    ({"start": 1e200, "loss": lambda w: w**2}, ValueError, "the loss at start is inf"),
    ({"start": np.ones((2, 2, 2))}, ValueError, "start should be 0-D or 1-D or 2-D"),
    ({"steps": 10**9}, ValueError, "steps should be at most 100,000"),
    ({"steps": 10**400}, ValueError, "steps should be at most"),
    ({"lr": 10**400}, ValueError, "lr should be a finite number"),
    ({"momentum": "0.9"}, TypeError, "momentum should be a number"),
    ({"decay": float("nan")}, ValueError, "decay should be a finite number"),
])
def test_gradient_descent_explains_bad_input(kwargs, error, words):
    args = {"loss": P, "grad": curves.parabola_slope, "start": 1.0, "lr": 0.1, "steps": 5,
            **kwargs}
    with pytest.raises(error, match=words):
        descent.gradient_descent(**args)


def test_a_slope_that_changes_shape_midway_is_named():
    calls = []

    def grad(w):
        calls.append(1)
        return 2 * w if len(calls) < 3 else np.ones(4)

    with pytest.raises(ValueError, match="grad should return a gradient shaped like .* at step 3"):
        descent.gradient_descent(P, grad, 1.0, 0.1, 10)


@settings(max_examples=40, deadline=None)
@given(curve=st.sampled_from(["parabola", "two_valleys", "wavy"]),
       start=st.floats(-1e30, 1e30), lr=st.floats(1e-6, 1e6), steps=st.integers(1, 300),
       momentum=st.floats(0, 0.99), shape=st.sampled_from([(), (3,)]))
def test_gradient_descent_never_warns_and_ends_converged_or_diverged(curve, start, lr, steps,
                                                                     momentum, shape):
    loss, slope = getattr(curves, curve), getattr(curves, f"{curve}_slope")
    if shape:  # an array start: a loss of one number per point
        loss = (lambda f: lambda w: float(np.sum(f(w))))(loss)
    start = np.full(shape, start)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            walk = descent.gradient_descent(loss, slope, start, lr, steps, momentum=momentum)
        except ValueError as error:  # only a start whose loss is beyond a float is refused
            assert "start" in str(error) or "w is too far" in str(error)
            return
    assert np.all(np.isfinite(walk.losses)) and np.all(np.isfinite(walk.path))
    assert walk.path.shape[1:] == shape
    assert walk.steps == steps or walk.stopped_early  # only an overflow stops a walk early
    if walk.diverged:
        assert 0 <= walk.diverged_at <= walk.steps + 1
        assert walk.message.startswith(f"diverged at step {walk.diverged_at}")
    else:
        assert walk.message.startswith(f"{steps} steps: loss")


def quadratic(curvature):
    """J(w) = curvature · w² / 2: its slope is curvature · w, and descent is stable below
    lr = 2 / curvature."""
    return (lambda w: 0.5 * curvature * float(np.sum(np.square(w))),
            lambda w: curvature * np.asarray(w, dtype=float))


@settings(max_examples=60, deadline=None)
@given(curvature=st.floats(0.01, 100), fraction=st.floats(0.01, 0.99),
       start=st.floats(-100, 100).filter(lambda v: abs(v) > 1e-3))
def test_descent_on_a_convex_quadratic_is_monotone_below_two_over_curvature(curvature, fraction,
                                                                            start):
    loss, grad = quadratic(curvature)
    walk = descent.gradient_descent(loss, grad, start, lr=fraction * 2 / curvature, steps=50)
    assert not walk.diverged
    assert np.all(np.diff(walk.losses) <= 1e-12 * walk.losses[0])


@settings(max_examples=40, deadline=None)
@given(curvature=st.floats(0.01, 100), factor=st.floats(1.05, 1e6))
def test_descent_above_two_over_curvature_is_reported_as_diverged_not_warned(curvature, factor):
    loss, grad = quadratic(curvature)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        walk = descent.gradient_descent(loss, grad, 1.0, lr=factor * 2 / curvature, steps=2000)
    assert walk.diverged
    assert np.all(np.isfinite(walk.losses))


def test_one_update_is_w_minus_lr_times_the_gradient_for_numbers_and_arrays():
    assert descent.update(3.0, 6.0, 0.1) == pytest.approx(2.4)
    np.testing.assert_allclose(descent.update(np.array([1.0, -2.0]), np.array([0.5, -4.0]), 0.25),
                               [0.875, -1.0])


def test_a_walk_is_a_chain_of_updates():
    walk = descent.gradient_descent(curves.parabola, curves.parabola_slope, 1.5, 0.1, 5)
    w = 1.5
    for k in range(1, 6):
        w = descent.update(w, 2 * w, 0.1)
        assert walk.path[k] == pytest.approx(w, rel=1e-15)


@pytest.mark.parametrize("losses, step", [
    ([1.0, 0.5, 0.1], None),                    # converging
    ([1.0, 40.0, 30.0, 0.5], None),             # a spike that comes back down: not diverged
    ([1.0, 2.0, 4.0, 8.0, 16.0], 1),            # above the start from step 1, ending above 10×
    ([1.0, 0.5, 3.0, 0.9, 20.0, 50.0], 4),      # last back down at step 3
    ([1.0, 0.5, 2.0, 9.0], None),               # ended above its start, but not 10×
    ([1.0, 0.5, np.inf], 2),                    # overflowed
    ([np.nan], 0),                              # never a number
])
def test_the_divergence_rule(losses, step):
    assert descent.diverged_at(losses) == step


def test_momentum_keeps_a_fraction_of_the_previous_velocity():
    # v ← β·v + ∇J(w), w ← w − η·v: on J = w² from 1 with η = 0.1, β = 0.5.
    walk = descent.gradient_descent(curves.parabola, curves.parabola_slope, 1.0, 0.1, 2,
                                    momentum=0.5)
    v1 = 2.0
    w1 = 1.0 - 0.1 * v1
    v2 = 0.5 * v1 + 2 * w1
    np.testing.assert_allclose(walk.path, [1.0, w1, w1 - 0.1 * v2])
