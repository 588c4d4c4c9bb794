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
    works = [b for b in grid if wrong_points(xor_with_bias(b)) == []]
    assert (min(works), max(works)) == (-9.5, 0) and len(works) == 20  # all from −9.5 to 0
    for b in grid[grid <= -10]:
        assert wrong_points(xor_with_bias(b)) == [(0.0, 1.0), (1.0, 0.0)], b
    # At b = 0 only just: the output for (0, 0) is a hair under 0.5, and stays so for a
    # bias nudged by far more than rounding.
    for b in (-1e-9, 0.0, 1e-9):
        assert 0.4999 < xor_with_bias(b).predict(X)[0] < 0.5


def the_line_slides_away_from_the_origin_as_b_goes_down():
    w1, w2 = network.xor_network().layers[0].W[:, 0]
    crossings = [(-b / w1, -b / w2) for b in (-5, -8, -12)]
    assert crossings[0] == (0.5, 0.5) and np.all(np.diff(crossings, axis=0) > 0)
    assert crossings[-1][0] > 1  # past (1, 0) and (0, 1), and beyond


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
    assert f"{alone:.3f}" in explorer.caption
    assert round(figures.relu_sum_mse(X_WAVE, Y_WAVE, SLOPES, KINKS, INTERCEPT), 3) == 0.011


def prediction_is_about_the_picture_below():
    assert layer_checks.PREDICTION_BIAS == -12 and len(y) == 4


def relu_units_follow_a_curve_ever_closer():
    # A continuous curve on an interval, followed by k units with kinks spread evenly: each
    # unit's slope is the change of slope of the broken line through the curve at the kinks.
    def fit(curve, k, low=-3.0, high=3.0):
        kinks = np.linspace(low, high, k + 1)[:-1]
        knots = np.append(kinks, high)
        pieces = np.diff(curve(knots)) / np.diff(knots)  # the slope of each straight piece
        slopes = np.diff(np.concatenate(([0.0], pieces)))
        net = network.Network([network.Dense(np.ones((1, k)), -kinks, "relu"),
                               network.Dense(slopes.reshape(-1, 1), np.array([curve(low)]),
                                             "identity")])
        xs = np.linspace(low, high, 2001)
        return np.max(np.abs(net.predict(xs.reshape(-1, 1)) - curve(xs)))

    for curve in (np.sin, lambda x: np.abs(x - 0.3) + np.exp(x / 2), lambda x: x**3 / 9):
        errors = np.array([fit(curve, k) for k in (4, 16, 64, 256)])
        # Four times the units, at most a third of the gap: as close as you like, given units.
        assert np.all(errors[1:] < errors[:-1] / 3) and errors[-1] < 0.01, errors


def mse_is_zero_for_a_perfect_fit():
    assert figures.relu_sum_mse(X_WAVE, figures.relu_sum(X_WAVE, SLOPES, KINKS, INTERCEPT),
                                SLOPES, KINKS, INTERCEPT) == 0
    closer = [figures.relu_sum_mse(X_WAVE, Y_WAVE, SLOPES[:k], KINKS[:k], INTERCEPT)
              for k in (1, 2, 3)]
    assert np.all(np.diff(closer) < 0)


def nand_is_not_and():
    targets = np.array(layer_checks.NAND_TARGETS)
    np.testing.assert_array_equal(targets, 1 - (X.sum(axis=1) == 2))


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
    Claim("Every b on the slider from −9.5 to 0 still gets all four right (at b = 0 only just: "
          "the output for (0, 0) is just under 0.5); from b = −10 down, the network misses "
          "(0, 1) and (1, 0).", the_bias_range_that_works_on_the_slider),
    Claim("Its line slides away from (0, 0), toward (0, 1) and (1, 0) and beyond.",
          the_line_slides_away_from_the_origin_as_b_goes_down),
    Claim("how many of the four points will the network get right?",
          prediction_is_about_the_picture_below),
    Claim("with enough units the bends can follow any continuous curve (one without jumps) over "
          "an interval of $x$, as closely as you like.", relu_units_follow_a_curve_ever_closer),
    Claim("enough units follow any continuous curve over an interval, as closely as you like.",
          relu_units_follow_a_curve_ever_closer),
    Claim("zero for a perfect fit and smaller for a closer one", mse_is_zero_for_a_perfect_fit),
    Claim("NAND (\"not AND\") outputs 0 only when both inputs are 1.", nand_is_not_and),
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
    Claim("And when a batch `X` of shape (10, 3) goes through it, what is the shape of the "
          "network's output?", exercise_batch_is_the_checks),
    Claim("The check runs it on layers of its own — batches of 1 and 5 examples, 2 → 3 and "
          "3 → 1 layers — and compares with `network.Dense`.", dense_cases_are_as_described),
]

# Every number in 02's prose is claimed above or printed just before: nothing to exempt.
NOT_QUANTITIES: list[str] = []

test_in_one_cell, test_holds, test_every_number = claim_tests("02_layers.ipynb", CLAIMS,
                                                              NOT_QUANTITIES)
