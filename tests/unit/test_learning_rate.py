"""The learning rate: quadratics, regimes, momentum's factors, the 2/L threshold, training at
many rates and from nearby starts at once, schedules and the range test
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
    (0.01, "smooth"), (0.05, "smooth"), (0.1, "smooth"), (1.0, "one step"),
    (1.5, "oscillating"), (1.9, "oscillating"), (2.0, "on the edge"), (2.1, "diverging"),
    (10.0, "diverging"),
])
def test_each_regime_on_the_unit_parabola_is_what_a_walk_does(lr, regime):
    assert learning_rate.regime(lr, 1.0) == regime
    walk = descent.gradient_descent(*learning_rate.quadratic(1.0), start=1.5, lr=lr, steps=30)
    signs = np.sign(walk.path[1:])
    if regime == "smooth":  # from one side, always down
        assert np.all(signs > 0) and np.all(np.diff(walk.losses) < 0)
    if regime == "one step":
        assert walk.losses[1] == 0
    if regime in ("oscillating", "on the edge", "diverging"):  # across the bottom every step
        assert np.all(signs[1:] * signs[:-1] < 0)
    assert walk.diverged == (regime == "diverging")


@pytest.mark.parametrize("lr, curvature", [(0.01, 1.0), (0.3, 1.0), (1.7, 1.0), (0.05, 4.0),
                                           (0.45, 4.0), (1.0, 1.0)])
def test_steps_to_a_tenth_is_when_a_walk_first_gets_ten_times_closer(lr, curvature):
    walk = descent.gradient_descent(*learning_rate.quadratic(curvature), 1.0, lr, 500)
    closer = np.abs(walk.path) <= 0.1 * (1 + 1e-12)
    assert learning_rate.steps_to_a_tenth(lr, curvature) == int(np.argmax(closer))


@pytest.mark.parametrize("lr", [2.0, 2.5, 40.0])
def test_steps_to_a_tenth_is_infinite_where_a_walk_never_gets_closer(lr):
    assert learning_rate.steps_to_a_tenth(lr, 1.0) == np.inf


@pytest.mark.parametrize("lr, momentum, curvature", [
    (0.05, 0.0, 1.0), (0.05, 0.3, 1.0), (0.05, 0.9, 1.0), (0.05, 0.6, 10.0), (0.18, 0.0, 10.0),
    (0.23, 0.28, 10.0), (0.3, 0.1, 10.0), (0.25, 0.2, 10.0),
])
def test_the_momentum_factor_is_how_a_walk_shrinks_per_step_in_the_long_run(lr, momentum,
                                                                            curvature):
    walk = descent.gradient_descent(*learning_rate.quadratic(curvature), 1.0, lr, 90,
                                    momentum=momentum)
    assert not walk.stopped_early
    # the size of the walk, over a long stretch, shrinks (or grows) by the factor per step
    measured = (np.abs(walk.path[60:]).max() / np.abs(walk.path[30:60]).max()) ** (1 / 30)
    assert learning_rate.momentum_factor(lr, momentum, curvature) == pytest.approx(measured,
                                                                                   rel=0.03)


def test_without_momentum_the_factor_is_one_minus_eta_l_in_size():
    for lr in (0.05, 0.5, 1.5, 3.0):
        assert learning_rate.momentum_factor(lr, 0.0, 1.0) == pytest.approx(abs(1 - lr))


@pytest.mark.parametrize("curvature, start", [((1.0, 10.0), (-2.0, 1.0)), (3.0, 1.5),
                                              ((0.5, 2.0, 8.0), (1.0, -1.0, 0.5))])
def test_final_losses_is_where_every_walk_of_the_scan_ends(curvature, start):
    bowl = learning_rate.quadratic(curvature, centre=0.25)
    start = np.array(start) if np.ndim(start) else start
    lrs, momenta = [0.02, 0.1, 0.19, 0.3, 3.0], [0.0, 0.5, 0.9]
    scan = bowl.final_losses(start, lrs, momenta, steps=30)
    assert scan.shape == (5, 3)
    for i, lr in enumerate(lrs):
        for j, beta in enumerate(momenta):
            walk = descent.gradient_descent(*bowl, start, lr, 30, momentum=beta)
            if walk.stopped_early:
                assert scan[i, j] == np.inf
            else:
                assert scan[i, j] == pytest.approx(walk.losses[-1], rel=1e-9, abs=1e-300)


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


def test_the_network_range_test_records_the_loss_after_each_step():
    X, y = data.two_moons(n=30, noise=0.15)
    net = network.Network.random((2, 4, 1), seed=1)
    test = learning_rate.range_test_network(net, X, y, lr_min=0.01, lr_max=10.0, steps=12)
    trained, expected = net.copy(), []
    for lr in test.lrs:
        training.step(trained, X, y, lr)  # one update at lr ...
        expected.append(training.gradients(trained, X, y))  # ... and the loss after it
    np.testing.assert_allclose(test.losses, expected, rtol=1e-12)


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


# --- Many runs at once: rates, schedules and nearby starts ---------------------------------

MOONS = data.two_moons(n=100, noise=0.15)


def test_nearby_starts_differ_in_one_weight_by_multiples_of_the_nudge():
    net = network.Network.random((2, 8, 1), seed=0)
    starts = learning_rate.nearby_starts(net, count=4, nudge=1e-13)
    assert starts[0] is not net
    for k, start in enumerate(starts):
        assert start.layers[0].W[0, 0] - net.layers[0].W[0, 0] == pytest.approx(k * 1e-13,
                                                                               abs=1e-17)
        difference = [np.count_nonzero(a != b) for a, b in
                      zip(start.parameters(), net.parameters(), strict=True)]
        assert sum(difference) == (k > 0)


@pytest.mark.parametrize("sizes, activation", [((2, 8, 1), "tanh"), ((2, 4, 3, 1), "relu")])
def test_training_at_every_rate_at_once_is_training_at_each_rate(sizes, activation):
    # Notebook 05's retraining figure: a 2-8-1 network on 100 points, 200 steps, at each rate
    # of its slider (some of which blow up); and a deeper network, so every layer's backward
    # pass is exercised.
    net = network.Network.random(sizes, activation=activation, output="sigmoid", seed=0)
    rates = np.geomspace(1e-3, 100, 41)
    for spread in learning_rate.train_at_rates(net, *MOONS, rates, steps=200):
        (run,) = spread.runs
        alone = training.train(net, *MOONS, spread.lr, 200)
        np.testing.assert_allclose(run.losses, alone.losses, rtol=1e-12, atol=1e-12,
                                   err_msg=f"η = {spread.lr:g}")
        np.testing.assert_array_equal(run.accuracies, alone.accuracies)
        assert (run.diverged_at, run.stopped_early) == (alone.diverged_at, alone.stopped_early)
        for mine, theirs in zip(run.net.layers, alone.net.layers, strict=True):
            np.testing.assert_allclose(mine.W, theirs.W, rtol=1e-12, atol=1e-12)
            np.testing.assert_allclose(mine.b, theirs.b, rtol=1e-12, atol=1e-12)
            assert mine.activation == theirs.activation


def test_a_schedule_and_nearby_starts_train_as_each_would_alone():
    net = network.Network.random((2, 5, 1), seed=3)
    schedule = learning_rate.warmup_cosine(2.0, steps=15, warmup=5)
    (spread,) = learning_rate.train_at_rates(net, *MOONS, schedule[None, :], 15, starts=3)
    for start, run in zip(learning_rate.nearby_starts(net, 3), spread.runs, strict=True):
        trained, losses = start.copy(), [training.gradients(start.copy(), *MOONS)]
        for lr in schedule:
            if lr > 0:  # the last rate of the schedule is 0: that step changes nothing
                training.step(trained, *MOONS, lr)
            losses.append(training.gradients(trained, *MOONS))
        np.testing.assert_allclose(run.losses, losses, rtol=1e-12)
    assert spread.lr == 2.0 and not spread.constant


def test_warmup_rises_in_a_line_then_falls_along_a_cosine_to_zero():
    rates = learning_rate.warmup_cosine(3.0, steps=100, warmup=10)
    np.testing.assert_allclose(rates[:10], 3.0 * np.arange(1, 11) / 10)
    assert rates.max() == rates[9] == 3.0 and rates[-1] == pytest.approx(0, abs=1e-15)
    assert np.all(np.diff(rates[9:]) < 0)
    assert rates[9 + 45] == pytest.approx(1.5)  # half-way down the decay, half the peak
    assert learning_rate.warmup_cosine(1.0, 10, 0)[0] < 1.0


def _spread(finals, diverged=()):
    runs = [training.TrainingResult(losses=np.array([1.0, final]), lr=1.0,
                                    diverged_at=1 if k in diverged else None,
                                    accuracies=np.array([0.5, 0.9]))
            for k, final in enumerate(finals)]
    return learning_rate.Spread(tuple(runs), np.ones(1))


def test_a_spread_agrees_when_its_runs_end_alike():
    assert _spread([0.5, 0.502, 0.498]).agree
    assert not _spread([0.5, 0.52]).agree
    assert not _spread([0.5, 0.5], diverged=(1,)).agree
    assert _spread([20.0, 35.0], diverged=(0, 1)).agree  # all diverged: one verdict


def test_a_spread_says_its_range_once_when_its_ends_print_alike():
    assert _spread([0.5, 0.5004]).message == ("η = 1, 2 nearby starts: none diverged; final "
                                              "loss 0.5, accuracy 90%")
    assert "8 of 24 diverged; final loss from 0.5 to 30" in _spread(
        [0.5] * 16 + [30.0] * 8, diverged=range(16, 24)).message


def test_the_best_of_a_scan_is_the_lowest_whose_nearby_starts_agree():
    low_but_chaotic, good, worse = _spread([0.01, 0.3]), _spread([0.1, 0.1]), _spread([0.2, 0.2])
    assert learning_rate.best_of([worse, low_but_chaotic, good]) is good
    with pytest.raises(ValueError, match="no rate's nearby starts agree"):
        learning_rate.best_of([low_but_chaotic])


# --- Each door names the argument -----------------------------------------------------------

LOSS, GRAD = learning_rate.quadratic(1.0)
BOWL = learning_rate.quadratic((1.0, 10.0))
NET = network.Network.random((2, 3, 1))


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
    (lambda: learning_rate.steps_to_a_tenth(0.1, "L"), "curvature should be a number"),
    (lambda: learning_rate.momentum_factor(0.1, 1.0, 1.0), "momentum should be at least 0 and "
     "below 1"),
    (lambda: BOWL.final_losses([1.0, 2.0], [0.1], [1.5]), "lrs should be learning rates and "
     "momenta"),
    (lambda: BOWL.final_losses([1.0], [0.1]), r"start should have shape \(2,\)"),
    (lambda: learning_rate.nearby_starts("net"), "net should be a Network"),
    (lambda: learning_rate.train_at_rates(NET, *MOONS, [0.1, -1.0], 5), "lrs should hold "
     "positive learning rates"),
    (lambda: learning_rate.train_at_rates(NET, *MOONS, np.ones((2, 4)), 5), "lrs: each "
     r"schedule should hold one rate per step \(5\)"),
    (lambda: learning_rate.train_at_rates(NET, *MOONS, [0.1], 5, starts=0), "starts should be "
     "at least 1"),
    (lambda: learning_rate.train_at_rates(NET, *MOONS, np.ones(1000), 1000, starts=10),
     "rates × starts × steps should be at most"),
    (lambda: learning_rate.warmup_cosine(1.0, 10, 10), "warmup should be fewer steps"),
    (lambda: learning_rate.best_of(_spread([1.0])), "spreads should be a list of Spread"),
], ids=["quadratic", "quadratic centre", "loss", "grad", "loss_at_each", "theoretical_threshold",
        "stability_threshold", "stability_threshold low", "stability_threshold work", "regime",
        "range_test", "range_test steps", "range_test_network", "range_test_function",
        "steps_to_a_tenth", "momentum_factor", "final_losses momenta", "final_losses start",
        "nearby_starts", "train_at_rates lrs", "train_at_rates schedule",
        "train_at_rates starts", "train_at_rates work", "warmup_cosine", "best_of"])
def test_each_door_names_the_argument(call, words):
    with pytest.raises((ValueError, TypeError), match=f"^{words}"):
        call()
