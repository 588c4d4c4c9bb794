"""Notebook 03's quantitative sentences, each recomputed through helpers (tests/course/claims.py
explains the harness)."""

import contextlib
import io
from unittest import mock

import numpy as np
from claims import Claim, claim_tests

from helpers import activations, data, descent, losses
from helpers.check import _loss as loss_checks
from helpers.figures import catalogue
from helpers.figures import loss as figures

MADE_FROM = {"slope": 1.5, "intercept": 0.5}  # the line notebook 03's points scatter around
LINE = data.noisy_line(n=20, **MADE_FROM)
P = np.linspace(0.0, 1.0, 1001)  # every prediction a probability can be, ends included
Z = np.linspace(-8, 8, 161)


def _one(loss, target, prediction):
    return loss(np.array([float(target)]), np.array([float(prediction)]))


def _zero_when_perfect_and_growing_with_the_error():
    targets = np.array([3.0, -0.5, 2.0, 7.0])
    assert losses.mse(targets, targets) == 0
    assert losses.binary_cross_entropy(np.array([0.0, 1.0]), np.array([0.0, 1.0])) < 1e-9
    mse = [losses.mse(targets, targets + error) for error in (0.1, 0.5, 1.0, 3.0)]
    assert np.all(np.diff(mse) > 0)
    bce = [_one(losses.binary_cross_entropy, 1, p) for p in (0.9, 0.5, 0.1, 0.01)]
    assert np.all(np.diff(bce) > 0)


def _target_one_costs_minus_log_p_growing_without_limit():
    inside = P[(P > 0) & (P < 1)]
    bce = np.array([_one(losses.binary_cross_entropy, 1, p) for p in inside])
    np.testing.assert_allclose(bce, -np.log(inside), rtol=1e-9)
    assert _one(losses.binary_cross_entropy, 1, 1) < 1e-9
    # No limit short of the clipping: each factor of 10 closer to 0 adds log 10.
    far = [_one(losses.binary_cross_entropy, 1, 10.0**-k) for k in range(1, 12)]
    np.testing.assert_allclose(np.diff(far), np.log(10), rtol=1e-6)


def _target_zero_costs_minus_log_one_minus_p():
    inside = P[(P > 0) & (P < 1)]
    bce = np.array([_one(losses.binary_cross_entropy, 0, p) for p in inside])
    np.testing.assert_allclose(bce, -np.log(1 - inside), rtol=1e-9)


def _mse_never_charges_more_than_one():
    worst = max(_one(losses.mse, target, p) for target in (0, 1) for p in P)
    assert worst == 1 == _one(losses.mse, 1, 0)


def _cross_entropy_charges_a_confident_wrong_answer_dearly():
    # At p = 0.01 for target 1 (the figure's caption): more than four times MSE's charge.
    assert _one(losses.binary_cross_entropy, 1, 0.01) > 4 * _one(losses.mse, 1, 0.01)


def _exactly_zero_costs_about_27_6():
    assert round(_one(losses.binary_cross_entropy, 1, 0), 1) == 27.6
    assert round(_one(losses.binary_cross_entropy, 0, 1), 1) == 27.6


def _z_squared_has_slope_6_at_3():
    assert abs(descent.numerical_slope(lambda z: z**2, 3.0) - 6) < 1e-6


def _slopes_multiply():
    def loss_of_z(z):
        return float(activations.sigmoid(z)) ** 2

    for z in Z:
        chain = 2 * activations.sigmoid(z) * activations.sigmoid_slope(z)
        assert abs(descent.numerical_slope(loss_of_z, z) - chain) < 1e-8


def _sigmoid_of_minus_6():
    assert round(float(activations.sigmoid(-6.0)), 4) == 0.0025


def _slopes_through_the_sigmoid(target):
    p = activations.sigmoid(Z)
    y = np.full_like(Z, target)
    # Each example's slope with respect to its own z: the loss of one example at a time.
    mse = np.array([losses.mse_grad(y[i:i + 1], p[i:i + 1])[0] for i in range(Z.size)])
    bce = np.array([losses.binary_cross_entropy_grad(y[i:i + 1], p[i:i + 1])[0]
                    for i in range(Z.size)])
    slope = activations.sigmoid_slope(Z)
    return p, mse * slope, bce * slope


def _mse_slope_vanishes_where_most_wrong():
    p, mse, _ = _slopes_through_the_sigmoid(1.0)
    wrong = Z < -2  # target 1, p below 0.12: the more wrong, the smaller MSE's push
    assert np.all(np.diff(np.abs(mse[wrong])) > 0)
    assert abs(mse[Z == -6][0]) < 0.01 < abs(mse[Z == 0][0])


def _bce_slope_is_p_minus_y():
    for target in (0.0, 1.0):
        p, _, bce = _slopes_through_the_sigmoid(target)
        np.testing.assert_allclose(bce, p - target, rtol=1e-6, atol=1e-12)


def _twenty_noisy_points():
    x, y = LINE
    assert x.size == y.size == 20
    assert np.std(y - (MADE_FROM["slope"] * x + MADE_FROM["intercept"])) > 0.1
    np.testing.assert_allclose(x, np.linspace(0, 2, 20))  # spread evenly from 0 to 2
    assert "x from 0 to 2" in _said(loss_checks.valley_prediction, "up")  # the check's hint


def _said(check, answer):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        check(answer)
    return out.getvalue()


def _the_log_is_zero_at_one_and_negative_below():
    assert np.log(1.0) == 0
    below = np.linspace(1e-9, 1, 1000, endpoint=False)
    assert np.all(np.log(below) < 0) and np.all(np.diff(np.log(below)) > 0)
    assert np.log(1e-300) < -600  # falling without limit as p nears 0
    a, b = 0.37, 0.81
    assert np.isclose(np.log(a * b), np.log(a) + np.log(b), rtol=1e-14)


def _bce_is_minus_the_log_likelihood_over_n():
    rng = np.random.default_rng(3)
    for n in (1, 3, 10):
        y = rng.permutation(np.resize([1.0, 0.0], n))
        p = rng.uniform(0.05, 0.95, n)
        likelihood = np.prod(np.where(y == 1, p, 1 - p))
        assert np.isclose(losses.binary_cross_entropy(y, p), -np.log(likelihood) / n)
    # The lower the loss, the likelier: of two models, the one with the lower BCE.
    y = np.array([0.0, 1.0, 1.0])
    a, b = np.array([0.1, 0.6, 0.9]), np.array([0.4, 0.8, 0.7])
    like = [np.prod(np.where(y == 1, q, 1 - q)) for q in (a, b)]
    bce = [losses.binary_cross_entropy(y, q) for q in (a, b)]
    assert (bce[0] < bce[1]) == (like[0] > like[1])


def _the_slopes_of_log_and_sigmoid():
    for p in (0.01, 0.2, 0.5, 0.9):
        assert abs(descent.numerical_slope(np.log, p) - 1 / p) < 1e-5 / p
    slope = activations.sigmoid_slope(Z)
    p = activations.sigmoid(Z)
    np.testing.assert_allclose(slope, p * (1 - p), rtol=1e-9, atol=1e-15)
    assert slope.max() == activations.sigmoid_slope(0.0) == 0.25 and Z[np.argmax(slope)] == 0
    assert slope[0] < 0.001 and slope[-1] < 0.001  # close to 0 far from z = 0


def _the_two_targets_slopes_in_p():
    for p in (0.01, 0.3, 0.8):
        one = descent.numerical_slope(lambda q: _one(losses.binary_cross_entropy, 1, q), p)
        zero = descent.numerical_slope(lambda q: _one(losses.binary_cross_entropy, 0, q), p)
        assert np.isclose(one, -1 / p, rtol=1e-5) and np.isclose(zero, 1 / (1 - p), rtol=1e-5)


def _mse_slope_through_the_sigmoid_is_tiny_near_zero_and_one():
    for target in (0.0, 1.0):
        p, mse, _ = _slopes_through_the_sigmoid(target)
        np.testing.assert_allclose(mse, 2 * (p - target) * p * (1 - p), rtol=1e-6, atol=1e-15)
    p, mse, _ = _slopes_through_the_sigmoid(1.0)
    assert np.all(np.abs(mse[(p < 0.01) | (p > 0.99)]) < 0.02)


def _at_minus_six_the_bce_slope_is_p_minus_one():
    p, _, bce = _slopes_through_the_sigmoid(1.0)
    assert round(float(bce[Z == -6][0]), 4) == round(float(p[Z == -6][0]) - 1, 4) == -0.9975


def _the_colour_bar_steps_multiply():
    caught = {}
    real = figures.style.loss_contours

    def spy(ax, slopes, intercepts, surface, *args, **kwargs):
        caught["filled"] = real(ax, slopes, intercepts, surface, *args, **kwargs)
        return caught["filled"]

    with mock.patch.object(figures.style, "loss_contours", spy):
        explorer = catalogue.explorers()["03 line fit"]()
        explorer.scene()
    levels = np.asarray(caught["filled"].levels)
    ratios = levels[1:] / levels[:-1]
    np.testing.assert_allclose(ratios, ratios[0], rtol=1e-9)  # one factor from band to band
    assert ratios[0] > 1.2 and np.ptp(np.diff(levels)) > levels[1] - levels[0]  # not evenly


def _the_best_intercept_falls_by_as_much_as_the_slope_rises():
    x, y = LINE
    assert x.mean() == 1
    slopes = np.linspace(-1, 4, 11)
    # For each slope, the intercept of lowest MSE: the mean of y − slope·x.
    best = np.array([np.mean(y - m * x) for m in slopes])
    np.testing.assert_allclose(np.diff(best) / np.diff(slopes), -1.0, rtol=1e-9)
    surface = losses.line_loss_surface(x, y, slopes, np.linspace(-5, 5, 10001))
    on_grid = np.linspace(-5, 5, 10001)[np.argmin(surface, axis=0)]
    np.testing.assert_allclose(on_grid, best, atol=1e-3)


def _the_line_starts_at_slope_half_intercept_zero():
    explorer = catalogue.explorers()["03 line fit"]()
    assert explorer.values() == {"slope": 0.5, "intercept": 0.0}


def _covariance_over_variance_is_the_least_squares_slope():
    x, y = LINE
    dx, dy = x - x.mean(), y - y.mean()
    assert abs(np.mean(dx * dy) / np.mean(dx**2) - losses.least_squares_line(x, y)[0]) < 1e-12


def _least_squares_slightly_better_than_the_line_made_from():
    x, y = LINE
    lowest = losses.line_mse(x, y, *losses.least_squares_line(x, y))
    made_from = losses.line_mse(x, y, **MADE_FROM)
    assert lowest < made_from < 1.2 * lowest


CLAIMS = [
    Claim("a single number that is 0 for perfect predictions and grows with the error",
          _zero_when_perfect_and_growing_with_the_error),
    Claim(r"For a target of 1 only the first term counts, $-\log p$: zero when $p = 1$, and "
          r"growing without limit as $p \to 0$.",
          _target_one_costs_minus_log_p_growing_without_limit),
    Claim(r"For a target of 0 it is $-\log(1 - p)$.", _target_zero_costs_minus_log_one_minus_p),
    Claim("MSE never charges more than 1 for a probability, however confidently wrong.",
          _mse_never_charges_more_than_one),
    Claim("Cross-entropy charges a confident wrong answer dearly.",
          _cross_entropy_charges_a_confident_wrong_answer_dearly),
    Claim("(The helpers keep $p$ a hair away from 0 and 1, so a prediction of exactly 0 costs "
          "about 27.6 instead of infinity.)", _exactly_zero_costs_about_27_6),
    Claim("$z^2$ has slope $2z$, so $6$ at $z = 3$.", _z_squared_has_slope_6_at_3),
    Claim("When one quantity feeds the next — $z$ makes $p$, and $p$ makes the loss — their "
          "slopes **multiply**", _slopes_multiply),
    Claim("nudging $z$ and measuring gives the same slope as multiplying $2p$ by the sigmoid's "
          "slope.", _slopes_multiply),
    Claim(r"Now take a neuron that is confidently wrong: target 1, but $z = -6$, so "
          r"$p \approx 0.0025$.", _sigmoid_of_minus_6),
    Claim("With MSE the slope nearly vanishes exactly when the neuron is most wrong",
          _mse_slope_vanishes_where_most_wrong),
    Claim("the slope is simply $p - y$: the more wrong, the stronger the push.",
          _bce_slope_is_p_minus_y),
    Claim("with a sigmoid its slope is simply $p - y$.", _bce_slope_is_p_minus_y),
    Claim("Here are 20 noisy points around a straight line, with $x$ spread evenly from 0 to 2.",
          _twenty_noisy_points),
    Claim("For a probability it is 0 at $p = 1$ and negative below 1, falling without limit as "
          "$p$ nears 0.", _the_log_is_zero_at_one_and_negative_below),
    Claim("And it turns products into sums:", _the_log_is_zero_at_one_and_negative_below),
    Claim("the product of $p_i$ over the examples of class 1 and of $1 - p_i$ over those of "
          "class 0.", _bce_is_minus_the_log_likelihood_over_n),
    Claim("the lower the loss, the likelier the model finds the true answers.",
          _bce_is_minus_the_log_likelihood_over_n),
    Claim("it is minus the log of the likelihood, divided by $n$",
          _bce_is_minus_the_log_likelihood_over_n),
    Claim("The logarithm $\\log p$ has slope $1/p$", _the_slopes_of_log_and_sigmoid),
    Claim("largest at $z = 0$, where it is 0.25, and close to 0 far from it",
          _the_slopes_of_log_and_sigmoid),
    Claim("For a target of 1 the loss is $-\\log p$, whose slope in $p$ is $-1/p$",
          _the_two_targets_slopes_in_p),
    Claim("target of 0 the loss is $-\\log(1 - p)$, whose slope in $p$ is $1/(1 - p)$",
          _the_two_targets_slopes_in_p),
    Claim("In the table, at $z = -6$, the slope of BCE is $0.0025 - 1$.",
          _at_minus_six_the_bce_slope_is_p_minus_one),
    Claim("its slope is $2(p - y)\\,p(1 - p)$, tiny wherever $p$ is near 0 or 1.",
          _mse_slope_through_the_sigmoid_is_tiny_near_zero_and_one),
    Claim("Its colour bar's steps multiply rather than add: each band holds losses a fixed factor "
          "larger than the band below it", _the_colour_bar_steps_multiply),
    Claim("when you raise the slope you must lower the intercept to stay at the bottom, by as "
          "much as you raised the slope.", _the_best_intercept_falls_by_as_much_as_the_slope_rises),
    Claim("Your line starts at slope 0.5, intercept 0:",
          _the_line_starts_at_slope_half_intercept_zero),
    Claim("Their ratio is the least-squares slope:",
          _covariance_over_variance_is_the_least_squares_slope),
    Claim("The least-squares line fits these 20 noisy points slightly better than the line they "
          "were made from", _least_squares_slightly_better_than_the_line_made_from),
    Claim("0 for perfect predictions, larger for worse ones.",
          _zero_when_perfect_and_growing_with_the_error),
]

NOT_QUANTITIES = [
    r"is class 1\.",      # a class label: what p is the probability of
    r"\(each 0 or 1\)",   # the definition of a binary target, not a measured number
]

test_in_one_cell, test_holds, test_every_number = claim_tests(
    "03_loss.ipynb", CLAIMS, NOT_QUANTITIES)
