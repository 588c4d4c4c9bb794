"""The learning rate: quadratics, regimes, the 2/L threshold and the range test
(helpers/learning_rate.py, notebook 05)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import data, descent, learning_rate, network, training


@pytest.mark.parametrize("curvature", [0.25, 1.0, 3.0, 40.0])
def test_the_measured_threshold_is_two_over_the_curvature(curvature):
    loss, grad = learning_rate.quadratic(curvature)
    measured = learning_rate.stability_threshold(loss, grad, start=1.0)
    assert measured == pytest.approx(2 / curvature, rel=1e-3)
    assert learning_rate.theoretical_threshold(curvature) == pytest.approx(measured, rel=1e-3)


def test_the_steepest_direction_sets_the_bowl_s_threshold():
    bowl = learning_rate.quadratic((1.0, 10.0))
    measured = learning_rate.stability_threshold(*bowl, start=np.array([-2.0, 1.0]))
    assert bowl.threshold == pytest.approx(measured, rel=0.01) == 0.2


def test_one_step_lr_lands_on_the_bottom_in_one_step_away_from_zero_too():
    parabola = learning_rate.quadratic(4.0, centre=0.3)
    walk = descent.gradient_descent(*parabola, start=3.0, lr=parabola.one_step_lr, steps=1)
    assert walk.final == pytest.approx(0.3) and walk.losses[-1] == pytest.approx(0.0)


@pytest.mark.parametrize("curvature, centre, w", [
    ((1.0, 10.0), (0.5, -1.0), np.array([1.5, 0.0])),
    (2.0, 0.5, 1.25),
    (2.0, 0.5, np.array([1.0, -2.0, 3.0])),  # one curvature: the parabola in every direction
])
def test_a_quadratic_s_grad_is_the_gradient_of_its_loss_lowest_at_the_centre(curvature, centre,
                                                                             w):
    bowl = learning_rate.quadratic(curvature, centre)
    assert descent.gradient_check(bowl.loss, bowl.grad, w).passed
    bottom = np.broadcast_to(bowl.centre, np.shape(w))
    assert bowl.loss(bottom) == 0 and np.all(bowl.grad(bottom) == 0) and bowl.loss(w) > 0


def test_loss_at_each_is_the_loss_at_each_point():
    bowl = learning_rate.quadratic((1.0, 10.0), centre=(0.5, -1.0))
    points = np.random.default_rng(0).normal(size=(3, 4, 2))
    np.testing.assert_allclose(bowl.loss_at_each(points),
                               [[bowl.loss(p) for p in row] for row in points])


@pytest.mark.parametrize("lr, regime", [
    (0.01, "slow"), (0.05, "slow"), (0.1, "fast"), (1.0, "one step"), (1.5, "oscillating"),
    (1.9, "oscillating"), (2.0, "on the edge"), (2.1, "diverging"), (10.0, "diverging"),
])
def test_each_regime_on_the_unit_parabola_is_what_a_walk_does(lr, regime):
    assert learning_rate.regime(lr, 1.0) == regime
    walk = descent.gradient_descent(*learning_rate.quadratic(1.0), start=1.5, lr=lr, steps=30)
    signs = np.sign(walk.path[1:])
    if regime in ("slow", "fast"):  # from one side, always down
        assert np.all(signs > 0) and np.all(np.diff(walk.losses) < 0)
    if regime == "slow":  # at most 5 % of the distance closed per step
        assert np.all(walk.path[1:] / walk.path[:-1] >= 0.95 - 1e-12)
    if regime == "one step":
        assert walk.losses[1] == 0
    if regime in ("oscillating", "on the edge", "diverging"):  # across the bottom every step
        assert np.all(signs[1:] * signs[:-1] < 0)
    assert walk.diverged == (regime == "diverging")


# --- The range test -------------------------------------------------------------------------

@pytest.mark.parametrize("curvature", [0.5, 4.0, 20.0])
def test_a_range_test_finds_the_edge_of_a_parabola(curvature):
    loss, grad = learning_rate.quadratic(curvature)
    test = learning_rate.range_test_function(loss, grad, 1.0, lr_min=1e-4, lr_max=1e3, steps=120)
    edge = 2 / curvature
    assert edge / 1.2 < test.best_lr <= edge < test.blow_up_lr
    assert test.suggested_lr == pytest.approx(test.best_lr / 10) and test.suggested_lr < edge


def test_notebook_05_s_range_test_runs_to_its_last_rate_and_suggests_a_rate_that_trains():
    X, y = data.two_moons(n=100, noise=0.15)
    net = network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)
    test = learning_rate.range_test_network(net, X, y, lr_min=1e-3, lr_max=1e3, steps=120)
    # The loss never stops being a number (it stays below 700), so every rate is tried.
    assert len(test.lrs) == 120 and test.lrs[-1] == pytest.approx(1e3)
    assert np.all(test.losses < 700)
    assert test.blow_up_lr is not None and test.suggested_lr < test.blow_up_lr / 5
    run = training.train(net, X, y, test.suggested_lr, 200)
    assert not run.diverged and run.losses[-1] < 0.3 * run.losses[0]


@pytest.mark.parametrize("blown", [float("inf"), float("nan"), 1e60])
def test_a_range_test_that_blows_up_at_once_says_so_in_words(blown):
    test = learning_rate.range_test(lambda lr: blown, lr_min=0.5, lr_max=10.0)
    assert test.blew_up_at_once and len(test.lrs) == 0 and test.blow_up_lr == 0.5
    assert test.message == ("no suggestion: the loss blew up at the first rate tried, "
                            "lr_min = 0.5; try a smaller lr_min")
    with pytest.raises(ValueError, match="^no learning rate to suggest: the loss blew up"):
        test.suggested_lr  # noqa: B018


@settings(max_examples=40, deadline=None)
@given(losses=st.lists(st.floats(1e-9, 1e9), min_size=1, max_size=200),
       lr_min=st.floats(1e-8, 1.0), factor=st.floats(1.01, 1e8), steps=st.integers(2, 150))
def test_a_range_test_tries_rising_rates_within_its_range(losses, lr_min, factor, steps):
    values = iter(losses * (steps // len(losses) + 1))
    lr_max = lr_min * factor
    test = learning_rate.range_test(lambda lr: next(values), lr_min, lr_max, steps)
    assert len(test.lrs) == steps and np.all(np.diff(test.lrs) > 0)
    assert test.lrs[0] == pytest.approx(lr_min) and test.lrs[-1] == pytest.approx(lr_max)
    assert test.lrs[0] <= test.best_lr <= test.lrs[-1] and "suggested η" in test.message


# --- Each door names the argument -----------------------------------------------------------

LOSS, GRAD = learning_rate.quadratic(1.0)
BOWL = learning_rate.quadratic((1.0, 10.0))


@pytest.mark.parametrize("call, words", [
    (lambda: learning_rate.quadratic(0), "curvature should be a positive number"),
    (lambda: learning_rate.quadratic((1.0, 2.0), centre=(1.0, 2.0, 3.0)), "centre should be"),
    (lambda: BOWL.loss(1.0), r"w should have shape \(2,\)"),
    (lambda: BOWL.grad("w"), "w should be an array"),
    (lambda: BOWL.loss_at_each(np.ones((3, 3))), r"points should have shape \(n, 2\)"),
    (lambda: learning_rate.theoretical_threshold(1e-60), "curvature should be at least"),
    (lambda: learning_rate.stability_threshold(LOSS, GRAD, 1.0, low=10.0, high=1.0),
     r"\(low, high\) should have low < high"),
    (lambda: learning_rate.stability_threshold(LOSS, GRAD, 1.0, low=5.0), "descent does not "
     "converge even at low = 5"),
    (lambda: learning_rate.stability_threshold(LOSS, GRAD, 1.0, steps=50_000, iterations=50),
     "steps × iterations should be at most"),
    (lambda: learning_rate.regime("fast", 1.0), "lr should be a number"),
    (lambda: learning_rate.range_test(lambda lr: "low"), r"step\(lr\) should be a number"),
    (lambda: learning_rate.range_test(lambda lr: 0.0, steps=1), "steps should be at least 2"),
    (lambda: learning_rate.range_test_network("net", *data.two_moons(n=10)), "net should be a "
     "Network, got str"),
    (lambda: learning_rate.range_test_function(LOSS, lambda w: np.ones(3), 1.0), "grad should "
     r"have shape \(\)"),
], ids=["quadratic", "quadratic centre", "loss", "grad", "loss_at_each", "theoretical_threshold",
        "stability_threshold", "stability_threshold low", "stability_threshold work", "regime",
        "range_test", "range_test steps", "range_test_network", "range_test_function"])
def test_each_door_names_the_argument(call, words):
    with pytest.raises((ValueError, TypeError), match=f"^{words}"):
        call()
