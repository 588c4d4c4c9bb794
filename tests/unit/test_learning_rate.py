import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import data, descent, learning_rate, network


@pytest.mark.parametrize("curvature", [0.25, 0.5, 1.0, 3.0, 10.0, 40.0])
def test_measured_threshold_matches_two_over_curvature(curvature):
    loss, grad = learning_rate.quadratic(curvature)
    measured = learning_rate.stability_threshold(loss, grad, start=1.0)
    assert measured == pytest.approx(2 / curvature, rel=1e-3)
    assert learning_rate.theoretical_threshold(curvature) == pytest.approx(measured, rel=1e-3)


def test_the_steepest_direction_sets_the_bowl_threshold():
    bowl = learning_rate.quadratic((1.0, 10.0))
    measured = learning_rate.stability_threshold(*bowl, start=np.array([-2.0, 1.0]))
    assert bowl.threshold == pytest.approx(measured, rel=0.01)


def test_one_step_lr_lands_on_the_bottom_in_one_step_away_from_zero_too():
    parabola = learning_rate.quadratic(4.0, centre=0.3)
    walk = descent.gradient_descent(*parabola, start=3.0, lr=parabola.one_step_lr, steps=1)
    assert walk.final == pytest.approx(0.3) and walk.losses[-1] == pytest.approx(0.0)


def test_a_bowl_gives_its_loss_and_gradient_at_one_point_and_its_surface_at_many():
    bowl = learning_rate.quadratic((1.0, 10.0), centre=(0.5, -1.0))
    loss, grad = bowl
    assert loss(np.array([1.5, 0.0])) == pytest.approx(0.5 * (1.0 * 1.0 + 10.0 * 1.0))
    np.testing.assert_allclose(grad(np.array([1.5, 0.0])), [1.0, 10.0])
    points = np.array([[[1.5, 0.0], [0.5, -1.0]]])
    np.testing.assert_allclose(bowl.loss_at_each(points), [[5.5, 0.0]])


@pytest.mark.parametrize("lr, regime", [
    (0.01, "slow"), (0.05, "slow"), (0.1, "fast"), (1.0, "one step"), (1.5, "oscillating"),
    (1.9, "oscillating"), (2.0, "on the edge"), (2.1, "diverging"), (10.0, "diverging"),
])
def test_regimes_on_the_unit_parabola_and_what_a_walk_does_in_each(lr, regime):
    assert learning_rate.regime(lr, 1.0) == regime
    loss, grad = learning_rate.quadratic(1.0)
    walk = descent.gradient_descent(loss, grad, start=1.5, lr=lr, steps=30)
    signs = np.sign(walk.path[1:])
    if regime in ("slow", "fast"):  # from one side, always down
        assert np.all(signs > 0) and np.all(np.diff(walk.losses) < 0)
    if regime == "one step":
        assert walk.losses[1] == 0
    if regime in ("oscillating", "on the edge", "diverging"):  # across the bottom every step
        assert np.all(signs[1:] * signs[:-1] < 0)
    assert walk.diverged == (regime == "diverging")
    if regime == "slow":  # at most 5 % of the distance closed per step
        assert np.all(walk.path[1:] / walk.path[:-1] >= 0.95 - 1e-12)


def test_one_step_at_one_over_curvature():
    loss, grad = learning_rate.quadratic(4.0)
    walk = descent.gradient_descent(loss, grad, start=3.0, lr=0.25, steps=1)
    assert walk.losses[-1] == 0


@pytest.mark.parametrize("curvature", [0.5, 4.0, 20.0])
def test_range_test_on_a_known_answer(curvature):
    loss, grad = learning_rate.quadratic(curvature)
    test = learning_rate.range_test_function(loss, grad, 1.0, lr_min=1e-4, lr_max=1e3, steps=120)
    edge = 2 / curvature
    assert edge / 1.2 < test.best_lr <= edge
    assert edge < test.blow_up_lr
    assert test.suggested_lr == pytest.approx(test.best_lr / 10)
    assert test.suggested_lr < edge


def test_range_test_on_the_course_network_suggests_a_rate_that_trains():
    from helpers import training

    X, y = data.two_moons(n=100)
    net = network.Network.random((2, 8, 1), seed=0)
    test = learning_rate.range_test_network(net, X, y)
    assert test.blow_up_lr is not None and test.suggested_lr < test.blow_up_lr / 5
    run = training.train(net, X, y, test.suggested_lr, 200)
    assert not run.diverged and run.losses[-1] < 0.3 * run.losses[0]
    assert "suggested η" in test.message


@pytest.mark.parametrize("call, message", [
    (lambda: learning_rate.quadratic(0), "curvature should be a positive number"),
    (lambda: learning_rate.quadratic(float("inf")), "curvature should be a finite number"),
    (lambda: learning_rate.quadratic(()), "at least one number"),
    (lambda: learning_rate.stability_threshold(*learning_rate.quadratic(1.0), 1.0, low=5.0),
     "does not converge even at low"),
    (lambda: learning_rate.stability_threshold(*learning_rate.quadratic(1.0), 1.0, high=1.0),
     "still converges at high"),
    (lambda: learning_rate.range_test(lambda lr: 0.0, lr_min=1.0, lr_max=0.1),
     "lr_max should be above lr_min"),
    (lambda: learning_rate.range_test(lambda lr: 0.0, steps=1), "steps should be at least 2"),
])
def test_bad_learning_rate_arguments_are_explained(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()


# --- Bad input gets a sentence naming the argument (issue 12) -------------------------------

LOSS, GRAD = learning_rate.quadratic(1.0)


@pytest.mark.parametrize("blown", [float("inf"), float("nan")])
def test_a_range_test_that_blows_up_at_once_says_so_in_words(blown):
    test = learning_rate.range_test(lambda lr: blown, lr_min=0.5, lr_max=10.0)
    assert test.blew_up_at_once and len(test.lrs) == 0
    assert "the loss blew up at the first rate tried, lr_min = 0.5; try a smaller lr_min" \
        in test.message
    for attribute in ("best_lr", "suggested_lr"):
        with pytest.raises(ValueError, match="blew up at the first rate tried, lr_min = 0.5"):
            getattr(test, attribute)


def test_a_function_range_test_from_a_huge_rate_explains_itself():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        test = learning_rate.range_test_function(LOSS, GRAD, 1.0, lr_min=1e300, lr_max=1e301)
    assert test.message == ("no suggestion: the loss blew up at the first rate tried, "
                            "lr_min = 1e+300; try a smaller lr_min")


@pytest.mark.parametrize("call, error, words", [
    (lambda: learning_rate.range_test(None), TypeError, "step should be a function"),
    (lambda: learning_rate.range_test("step"), TypeError, "step should be a function"),
    (lambda: learning_rate.range_test(lambda lr: "low"), TypeError,
     "step should return one number"),
    (lambda: learning_rate.range_test(lambda lr: [1.0, 2.0]), TypeError,
     "step should return one number"),
    (lambda: learning_rate.range_test(lambda lr: 1.0, steps=10**9), ValueError,
     "steps should be at most 100,000"),
    (lambda: learning_rate.range_test(lambda lr: 1.0, steps=10**400), ValueError,
     "steps should be at most"),
    (lambda: learning_rate.range_test(lambda lr: 1.0, lr_min=float("nan")), ValueError,
     "lr_min should be a finite number"),
    (lambda: learning_rate.range_test_network("net", *data.two_moons(n=10)), TypeError,
     "net should be a Network, got str"),
    (lambda: learning_rate.range_test_network(network.Network.random((2, 3, 2)),
                                              *data.two_moons(n=10)), ValueError,
     "net should end in one sigmoid neuron"),
    (lambda: learning_rate.range_test_network(network.Network.random((2, 3, 1)),
                                              *data.two_moons(n=10), steps=10**9), ValueError,
     "steps should be at most"),
    (lambda: learning_rate.range_test_function(None, GRAD, 1.0), TypeError,
     "loss should be a function"),
    (lambda: learning_rate.range_test_function(LOSS, "grad", 1.0), TypeError,
     "grad should be a function"),
    (lambda: learning_rate.range_test_function(LOSS, lambda w: np.ones(3), 1.0), ValueError,
     "grad should return a gradient shaped like the point w"),
    (lambda: learning_rate.range_test_function(lambda w: w, GRAD, [1.0, 2.0]), TypeError,
     "loss should return one number"),
    (lambda: learning_rate.range_test_function(LOSS, GRAD, "abc"), TypeError,
     "start should be an array"),
    (lambda: learning_rate.range_test_function(lambda w: w**2, GRAD, 1e200), ValueError,
     "the loss at start is inf"),
    (lambda: learning_rate.stability_threshold(None, GRAD, 1.0), TypeError,
     "loss should be a function"),
    (lambda: learning_rate.stability_threshold(LOSS, 3, 1.0), TypeError,
     "grad should be a function"),
    (lambda: learning_rate.stability_threshold(LOSS, GRAD, None), TypeError,
     "start should be an array"),
    (lambda: learning_rate.stability_threshold(LOSS, GRAD, [np.nan]), ValueError,
     "start contains NaN"),
    (lambda: learning_rate.stability_threshold(LOSS, GRAD, 1.0, steps=10**9), ValueError,
     "steps should be at most"),
    (lambda: learning_rate.stability_threshold(LOSS, GRAD, 1.0, iterations=10**9), ValueError,
     "iterations should be at most 100"),
    (lambda: learning_rate.stability_threshold(LOSS, GRAD, 1.0, steps=50_000, iterations=50),
     ValueError, "steps × iterations should be at most"),
    (lambda: learning_rate.stability_threshold(LOSS, GRAD, 1.0, low=10.0, high=1.0), ValueError,
     "low should be below high"),
    (lambda: learning_rate.stability_threshold(LOSS, GRAD, 0.0), ValueError,
     "start away from the minimum"),
    (lambda: learning_rate.converges(LOSS, GRAD, 1.0, 0.1, steps=10**9), ValueError,
     "steps should be at most"),
    (lambda: learning_rate.quadratic(None), TypeError, "curvature should be a number"),
    (lambda: learning_rate.quadratic([[1.0, 2.0]]), TypeError,
     "curvature should be a positive number or a list"),
    (lambda: learning_rate.quadratic((1.0, "2")), TypeError, "curvature should be a number"),
    (lambda: learning_rate.quadratic((1.0, 2.0), centre=(1.0, 2.0, 3.0)), ValueError,
     "centre should be one number or 2"),
    (lambda: learning_rate.regime("fast", 1.0), TypeError, "lr should be a number"),
    (lambda: learning_rate.regime(0.1, 0.0), ValueError, "curvature should be a positive"),
])
def test_learning_rate_tools_explain_bad_input(call, error, words):
    with pytest.raises(error, match=words):
        call()


@settings(max_examples=40, deadline=None)
@given(losses=st.lists(st.floats(1e-9, 1e9), min_size=1, max_size=200),
       lr_min=st.floats(1e-8, 1.0), factor=st.floats(1.01, 1e8), steps=st.integers(2, 150))
def test_range_test_tries_increasing_rates_within_its_range(losses, lr_min, factor, steps):
    values = iter(losses * (steps // len(losses) + 1))
    lr_max = lr_min * factor
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        test = learning_rate.range_test(lambda lr: next(values), lr_min, lr_max, steps)
    assert len(test.lrs) >= 1 and np.all(np.diff(test.lrs) > 0)
    assert test.lrs[0] == pytest.approx(lr_min) and test.lrs[-1] <= lr_max * (1 + 1e-12)
    assert test.lrs[0] <= test.best_lr <= test.lrs[-1]
    assert isinstance(test.message, str) and "suggested η" in test.message


@settings(max_examples=30, deadline=None)
@given(blown=st.sampled_from([float("inf"), float("nan"), float("-inf")]),
       lr_min=st.floats(1e-8, 1.0), steps=st.integers(2, 50))
def test_a_range_test_that_blows_up_at_once_never_raises_for_its_message(blown, lr_min, steps):
    test = learning_rate.range_test(lambda lr: blown, lr_min, lr_min * 100, steps)
    assert "blew up at the first rate tried" in test.message
    assert test.blow_up_lr == pytest.approx(lr_min)
