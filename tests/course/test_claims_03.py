"""Notebook 03's quantitative sentences, each recomputed through helpers (tests/course/claims.py
explains the harness)."""

import numpy as np
from claims import Claim, claim_tests

from helpers import activations, data, descent, losses
from helpers.figures import catalogue

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


def _the_line_starts_at_slope_half_intercept_zero():
    explorer = catalogue.explorers()["03 line fit"]()
    assert explorer.values() == {"slope": 0.5, "intercept": 0.0}


def _raising_the_slope_lowers_the_best_intercept():
    slopes, intercepts = np.linspace(-1, 4, 101), np.linspace(-2, 3, 501)
    surface = losses.line_loss_surface(*LINE, slopes, intercepts)
    best_intercepts = intercepts[np.argmin(surface, axis=0)]
    assert np.all(np.diff(best_intercepts) <= 0) and best_intercepts[0] > best_intercepts[-1]


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
    Claim("Here are 20 noisy points around a straight line.", _twenty_noisy_points),
    Claim("Your line starts at slope 0.5, intercept 0:",
          _the_line_starts_at_slope_half_intercept_zero),
    Claim("when you raise the slope you must lower the intercept to stay at the bottom.",
          _raising_the_slope_lowers_the_best_intercept),
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
