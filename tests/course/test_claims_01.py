"""Notebook 01's quantitative sentences, each recomputed through helpers (tests/course/claims.py
explains the harness)."""

import numpy as np
from claims import Claim, claim_tests

from helpers import activations, data, perceptron
from helpers.check import _perceptron as perceptron_checks
from helpers.figures import catalogue

CLOUDS = data.two_clouds(n=40, seed=4)
Z = np.linspace(-4, 4, 801)  # z on both sides of 0, with 0 itself


def _forty_points():
    X, y = CLOUDS
    assert X.shape == (40, 2) and set(np.unique(y)) == {0, 1}


def _step_outputs_one_from_zero():
    assert activations.step(0.0) == 1 and activations.step(-1e-9) == 0


def _step_slope_is_zero_away_from_zero():
    assert np.all(activations.slope("step")(Z[Z != 0]) == 0)
    assert activations.step(1e-9) - activations.step(-1e-9) == 1  # the jump at z = 0


def _sigmoid_is_smooth_with_a_slope_that_is_never_zero():
    slope = activations.slope("sigmoid")(Z)
    assert np.all(slope > 0)
    # Smooth: the slope itself changes little from one z to the next (no kink).
    assert np.max(np.abs(np.diff(slope))) < 0.01


def _relu_slope_is_zero_then_one():
    slope = activations.slope("relu")
    assert np.all(slope(Z[Z < 0]) == 0) and np.all(slope(Z[Z > 0]) == 1)


def _the_rule_starts_at_zero_and_gets_twenty_wrong():
    history = perceptron.learn(*CLOUDS, lr=0.1)
    assert not np.any(history.weights[0]) and history.biases[0] == 0
    X, y = CLOUDS
    assert np.all(perceptron.predict(X, history.weights[0], history.biases[0]) == 1)
    assert history.mistakes[0] == 20


def _the_first_update_leaves_one_point_wrong():
    history = perceptron.learn(*CLOUDS, lr=0.1)
    assert history.mistakes[1] == 1 and history.updates > 1 and history.converged


def _xor_runs_for_a_hundred_passes():
    history = perceptron.learn(*data.xor_gate(), lr=0.1, max_epochs=100)
    assert history.epochs == 100 and not history.converged


def _xor_is_four_points_with_each_class_on_a_diagonal():
    X, y = data.xor_gate()
    assert X.shape == (4, 2) and sorted(y.tolist()) == [0, 0, 1, 1]
    for label in (0, 1):
        first, second = X[y == label]
        np.testing.assert_array_equal(first + second, [1, 1])  # opposite corners


def _no_line_the_rule_tries_or_any_other_separates_xor():
    X, y = data.xor_gate()
    history = perceptron.learn(X, y, lr=0.1, max_epochs=100)
    assert history.mistakes.min() >= 1
    # Any line at all: a fine grid of directions and offsets never gets all four right.
    offsets = np.linspace(-2, 2, 401)
    for angle in np.linspace(0, 2 * np.pi, 360, endpoint=False):
        z = perceptron.weighted_sum(X, np.array([np.cos(angle), np.sin(angle)]), 0.0)
        outputs = activations.step(z[:, None] + offsets)  # one column per offset b
        assert np.all(np.sum(outputs != y[:, None], axis=0) >= 1)


def _or_is_one_when_an_input_is_one():
    X, y = data.or_gate()
    np.testing.assert_array_equal(y, X.max(axis=1) == 1)


def _xor_is_one_when_exactly_one_input_is_one():
    X, y = data.xor_gate()
    np.testing.assert_array_equal(y, X.sum(axis=1) == 1)


def _the_step_neuron_outputs_one_on_its_side_of_the_line():
    _, _, cells = data.grid((-3, 3), (-3, 3), resolution=41)
    w, b = np.array([0.5, -1.5]), 0.25
    outputs = perceptron.predict(cells, w, b)
    np.testing.assert_array_equal(outputs == 1, cells @ w + b >= 0)


def _the_start_gets_three_of_forty_wrong():
    explorer = catalogue.explorers()["01 decision line"]()
    w, b = np.array([explorer.values()["w1"], explorer.values()["w2"]]), explorer.values()["b"]
    assert (tuple(w), b) == ((0.5, 1.0), 0.5)
    assert perceptron.count_misclassified(*CLOUDS, w, b) == 3


def _the_prediction_is_about_the_explorers_forty_points():
    X, y = data.two_clouds(**perceptron_checks.FLIP_POINTS)
    np.testing.assert_array_equal(X, CLOUDS[0])
    assert (perceptron_checks.FLIP_W, perceptron_checks.FLIP_B) == ((0.5, 1.0), 0.5)
    assert perceptron_checks._flip_counts()[0] == 40


def _the_rule_only_asks_which_side():
    # A wrong point moves the line by the same nudge however far on the wrong side it is.
    x, lr = np.array([1.0, 2.0]), 0.1
    near = perceptron.update(np.array([0.05, 0.0]), 0.0, x, 0.0, lr)  # z = 0.05
    far = perceptron.update(np.array([5.05, 0.0]), 0.0, x, 0.0, lr)   # z = 5.05
    np.testing.assert_allclose(near[0] - [0.05, 0.0], far[0] - [5.05, 0.0])
    assert near[1] == far[1]


def _twenty_random_starts_all_converge():
    rng = np.random.default_rng(0)
    runs = [perceptron.learn(*CLOUDS, lr=0.1, w0=rng.uniform(-1, 1, size=2),
                             b0=rng.uniform(-1, 1)) for _ in range(20)]
    assert len(runs) == 20 and all(run.converged for run in runs)
    assert len({run.updates for run in runs}) > 1  # each its own number of updates


def _from_zero_the_learning_rate_only_rescales():
    reference = perceptron.learn(*CLOUDS, lr=1.0)
    for lr in (0.1, 7.3, 1e-3, 250.0):
        run = perceptron.learn(*CLOUDS, lr=lr)
        np.testing.assert_array_equal(run.point, reference.point)  # the same decisions
        np.testing.assert_allclose(run.weights / lr, reference.weights, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(run.biases / lr, reference.biases, rtol=1e-12, atol=1e-12)
    # The same holds on XOR, which never converges.
    xor = [perceptron.learn(*data.xor_gate(), lr=lr, max_epochs=100) for lr in (0.1, 1.0)]
    np.testing.assert_array_equal(xor[0].point, xor[1].point)


def _two_xor_points_lie_on_the_last_line():
    X, y = data.xor_gate()
    history = perceptron.learn(X, y, lr=0.1, max_epochs=100)
    z = perceptron.weighted_sum(X, history.weights[-1], history.biases[-1])
    assert np.sum(z == 0) == 2 and np.all(activations.step(z[z == 0]) == 1)


CLAIMS = [
    Claim("The original perceptron used the **step** function: output 1 if $z \\ge 0$, else 0.",
          _step_outputs_one_from_zero),
    Claim("The step's slope is 0 everywhere except at $z = 0$, where it jumps.",
          _step_slope_is_zero_away_from_zero),
    Claim("It is smooth: it has a slope at every $z$, and the slope is never 0;",
          _sigmoid_is_smooth_with_a_slope_that_is_never_zero),
    Claim("It has a kink at 0, so it is not smooth, and its slope is 0 for every negative $z$ — "
          "but its slope is 1 for every positive $z$, which is enough to learn from.",
          _relu_slope_is_zero_then_one),
    Claim("With two inputs, the step neuron outputs 1 exactly where",
          _the_step_neuron_outputs_one_on_its_side_of_the_line),
    Claim("XOR (\"exclusive or\") outputs 1 when exactly one of its two inputs is 1.",
          _xor_is_one_when_exactly_one_input_is_one),
    Claim("Here are 40 points of two classes.", _forty_points),
    Claim("and with that line it gets 3 of the 40 points wrong.",
          _the_start_gets_three_of_forty_wrong),
    Claim("how many of the 40 points will the neuron get wrong then?",
          _the_prediction_is_about_the_explorers_forty_points),
    Claim("The perceptron's own learning rule, below, does not mind: it only asks whether a "
          "point is on the wrong side.", _the_rule_only_asks_which_side),
    Claim("Here is the rule from 20 random starting lines:", _twenty_random_starts_all_converge),
    Claim("Every run ends with no point wrong, after its own number of updates.",
          _twenty_random_starts_all_converge),
    Claim("For the perceptron started at zero, $\\eta$ only rescales $w$ and $b$.",
          _from_zero_the_learning_rate_only_rescales),
    Claim("two of the points lie exactly on the last line, where $z = 0$ and the step outputs 1.",
          _two_xor_points_lie_on_the_last_line),
    Claim("The neuron starts with all weights at zero, so it calls every point \"class 1\" and "
          "gets 20 wrong.", _the_rule_starts_at_zero_and_gets_twenty_wrong),
    Claim("The first update already puts all but one point on the right side;",
          _the_first_update_leaves_one_point_wrong),
    Claim("Four points, two classes, diagonally opposite.",
          _xor_is_four_points_with_each_class_on_a_diagonal),
    Claim("Let the learning rule try for 100 passes:", _xor_runs_for_a_hundred_passes),
    Claim("every line it tries leaves at least one point on the wrong side, and no line ever "
          "could", _no_line_the_rule_tries_or_any_other_separates_xor),
    Claim("OR outputs 1 when at least one input is 1.", _or_is_one_when_an_input_is_one),
]

NOT_QUANTITIES = [
    r"Rosenblatt, 1958",        # a year: when the rule was published
    r"passes through 0",        # a question about where to drag a slider, not a fact
    r"\(\d, \d\)(?:, \(\d, \d\))*",  # the inputs of a logic gate, (0, 1): data, not measured
    r"probability of class 1",  # the symbol table's p: a class label, not a measured number
]

test_in_one_cell, test_holds, test_every_number = claim_tests(
    "01_perceptron.ipynb", CLAIMS, NOT_QUANTITIES)
