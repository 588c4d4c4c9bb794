"""Notebook 02's quantitative sentences, each recomputed through helpers (see claims.py)."""

import numpy as np
from claims import Claim, claim_tests

from helpers import data, network
from helpers.check import _layers as layer_checks
from helpers.figures import layers as figures

X, y = data.xor_gate()
ODD = [1, 2]  # the rows (0, 1) and (1, 0) of the XOR table, where XOR is 1
# The notebook's sine-wave points and its three ReLU units, made as its cell makes them.
_rng = np.random.default_rng(0)
X_WAVE = np.linspace(-3, 3, 25)
Y_WAVE = np.sin(X_WAVE) + _rng.normal(scale=0.05, size=X_WAVE.size)
SLOPES, KINKS, INTERCEPT = (-0.65, 1.4, -1.35), (-3.0, -1.5, 1.5), -0.2


def xor_with_bias(b):
    """The notebook's XOR network with hidden neuron 1's bias moved to b."""
    net = network.xor_network()
    net.layers[0].b[0] = b
    return net


def wrong_points(net):
    return [tuple(row) for row in X[(net.predict(X) >= 0.5) != (y == 1)]]


def output_close_to_one_exactly_for_the_odd_points():
    p = network.xor_network().predict(X)
    assert np.all(p[ODD] > 0.99) and np.all(np.delete(p, ODD) < 0.01)


def odd_points_land_on_one_zero_and_one_line_separates():
    net = network.xor_network()
    H = net.layers[0].forward(X)
    np.testing.assert_allclose(H[ODD], [[1, 0], [1, 0]], atol=0.01)
    assert wrong_points(net) == []


def at_minus_twelve_the_odd_points_go_wrong():
    net = xor_with_bias(-12)
    H = net.layers[0].forward(X)
    assert np.all(H[ODD, 0] < 0.5)  # OR no longer fires for (0, 1) and (1, 0)
    assert np.all(np.round(net.predict(X)[ODD], 2) == 0.02)
    assert wrong_points(net) == [(0.0, 1.0), (1.0, 0.0)]


def the_bias_range_that_works_on_the_slider():
    control = figures.hidden_units_explorer(network.xor_network(), X, y).controls["b"]
    grid = np.arange(control.min, control.max + control.step / 2, control.step)
    for b in grid:
        wrong = wrong_points(xor_with_bias(b))
        if -9.5 <= b <= -0.5:
            assert wrong == [], b
        if b <= -10:
            assert wrong == [(0.0, 1.0), (1.0, 0.0)], b
    assert -10 in grid and -9.5 in grid and -0.5 in grid


def one_unit_leaves_the_chart_and_the_next_two_bend_up_then_down():
    one = figures.relu_sum(X_WAVE, SLOPES[:1], KINKS[:1], INTERCEPT)
    assert SLOPES[0] < 0 and one.min() < Y_WAVE.min() - 0.5 * np.ptp(Y_WAVE)  # off the chart
    assert np.mean(np.abs(one - Y_WAVE) > 0.2) > 0.5  # misses most points
    slope_after = np.cumsum(SLOPES)  # the curve's slope right of each kink
    assert slope_after[0] < 0 < slope_after[1] and slope_after[2] < 0
    assert KINKS[1:] == (-1.5, 1.5)


def units_two_and_three_start_flat_and_three_units_reach_0_011():
    explorer = figures.relu_sum_explorer(X_WAVE, Y_WAVE, slopes=(-0.65, 0.0, 0.0), kinks=KINKS,
                                         intercept=INTERCEPT)
    assert explorer.values()["slope2"] == explorer.values()["slope3"] == 0
    alone = figures.relu_sum_mse(X_WAVE, Y_WAVE, SLOPES[:1], KINKS[:1], INTERCEPT)
    assert f"{alone:.3f}" in explorer.caption.value
    assert round(figures.relu_sum_mse(X_WAVE, Y_WAVE, SLOPES, KINKS, INTERCEPT), 3) == 0.011


def exercise_network_is_the_checks():
    assert layer_checks.PARAMETER_SIZES == (3, 5, 2)


def exercise_batch_is_the_checks():
    assert layer_checks.SHAPE_BATCH == 10 and layer_checks.PARAMETER_SIZES[0] == 3


def dense_cases_are_as_described():
    batches = {n for n, *_ in layer_checks.DENSE_CASES}
    layers = {(inputs, units) for _, inputs, units, _ in layer_checks.DENSE_CASES}
    assert {1, 5} <= batches and {(2, 3), (3, 1)} <= layers


CLAIMS = [
    Claim("The output is close to 1 exactly for (0, 1) and (1, 0).",
          output_close_to_one_exactly_for_the_odd_points),
    Claim("On the right, both orange squares land on the same spot, (1, 0), and a single "
          "straight line now separates the classes.",
          odd_points_land_on_one_zero_and_one_line_separates),
    Claim("At b = −12 the solid line has passed (0, 1) and (1, 0) as well, so hidden neuron 1 "
          "(OR) no longer fires for them and the network outputs 0.02 for both: it gets only 2 "
          "of 4 points right.", at_minus_twelve_the_odd_points_go_wrong),
    Claim("Every b on the slider from −9.5 to −0.5 still gets all four right; from b = −10 "
          "down, the network misses (0, 1) and (1, 0).", the_bias_range_that_works_on_the_slider),
    Claim("Unit 1 alone is a straight line going down, which leaves the chart (the arrow) and "
          "misses most points; unit 2 bends it up at x = −1.5; unit 3 bends it down again at "
          "x = 1.5, and the three pieces follow the wave.",
          one_unit_leaves_the_chart_and_the_next_two_bend_up_then_down),
    Claim("Below, units 2 and 3 start with slope 0, so they add nothing and the curve is unit "
          "1's line alone.", units_two_and_three_start_flat_and_three_units_reach_0_011),
    Claim("Can you reach the 0.011 of the three units above, or beat it?",
          units_two_and_three_start_flat_and_three_units_reach_0_011),
    Claim("A network has 3 inputs, a hidden layer of 5 neurons and an output layer of 2 neurons",
          exercise_network_is_the_checks),
    Claim("A batch `X` of shape (10, 3) goes through that same network (3 → 5 → 2).",
          exercise_batch_is_the_checks),
    Claim("The check runs it on layers of its own — batches of 1 and 5 examples, 2 → 3 and "
          "3 → 1 layers — and compares with `network.Dense`.", dense_cases_are_as_described),
]

# Every number in 02's prose is claimed above or printed just before: nothing to exempt.
NOT_QUANTITIES: list[str] = []

test_in_one_cell, test_holds, test_every_number = claim_tests("02_layers.ipynb", CLAIMS,
                                                              NOT_QUANTITIES)
