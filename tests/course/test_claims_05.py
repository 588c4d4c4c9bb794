"""Every quantitative sentence of notebook 05 (the learning rate), recomputed through helpers.

Each claim names the sentence as it stands in the notebook and checks it with the maths modules,
never with the notebook's printed output; see tests/course/claims.py for the harness.
"""

import inspect
from functools import cache

import numpy as np
from claims import Claim, claim_tests

from helpers import data, descent, learning_rate, network, training
from helpers.check import _learning_rate as learning_rate_checks
from helpers.figures import learning_rate as figures

PARABOLA = learning_rate.quadratic(1.0)
BOWL = learning_rate.quadratic((1.0, 10.0))
BOWL_START = np.array([-2.0, 1.0])


def parabola_walk(lr, steps=30, decay=0.0):
    return descent.gradient_descent(*PARABOLA, 1.5, lr, steps, decay=decay)


def bowl_walk(lr, momentum=0.0, steps=40):
    return descent.gradient_descent(*BOWL, BOWL_START, lr, steps, momentum=momentum)


@cache
def moons_run(lr):
    X, y = data.two_moons(n=100, noise=0.15)
    net = network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)
    run = training.train(net, X, y, lr, 200)
    return run, training.accuracy(run.net, X, y)


def rises(losses):
    return int(np.sum(np.diff(losses) > 0))


# --- The step size ---------------------------------------------------------------------------

def six_regimes():
    assert len(learning_rate.REGIMES) == 6
    assert learning_rate.SLOW_BELOW == 0.05
    table = {0.01: "slow", 0.05: "slow", 0.3: "fast", 1.0: "one step", 1.5: "oscillating",
             2.0: "on the edge", 2.5: "diverging"}
    assert {lr: learning_rate.regime(lr, 1.0) for lr in table} == table
    assert set(table.values()) == set(learning_rate.REGIMES)


def fast_and_oscillating_end_together():
    fast, oscillating = parabola_walk(0.3), parabola_walk(1.7)
    assert np.isclose(1 - 0.3, -(1 - 1.7))
    assert np.all(fast.path > 0) and np.all(np.diff(np.sign(oscillating.path)) != 0)
    assert np.isclose(fast.losses[-1], oscillating.losses[-1], rtol=1e-9)
    assert fast.steps == oscillating.steps == 30


def diverging_runs_all_steps():
    walk = parabola_walk(2.5)
    assert walk.steps == 30 and not walk.stopped_early
    assert walk.diverged_at == 1
    assert np.all(walk.losses[1:] > walk.losses[0])


def one_step_to_zero():
    walk = parabola_walk(1.0)
    assert walk.losses[1] == 0 and learning_rate.regime(1.0, 1.0) == "one step"


def ten_leaves_the_chart_at_step_4():
    walk = parabola_walk(10.0)
    assert 1 - 10.0 * 1.0 == -9
    assert int(np.flatnonzero(walk.losses > figures.LOSS_AXIS[1])[0]) == 4


def edge_to_four_decimals():
    for curvature in (0.5, 1.0, 4.0, 10.0):
        measured = learning_rate.stability_threshold(*learning_rate.quadratic(curvature), 1.0)
        assert round(measured, 4) == round(2 / curvature, 4)


# --- The stretched bowl ----------------------------------------------------------------------

def bowl_edge_a_hair_above():
    measured = learning_rate.stability_threshold(*BOWL, BOWL_START)
    assert 0.2 < measured < 0.2002


def gentle_direction_wins_just_past_the_edge():
    steps = inspect.signature(learning_rate.stability_threshold).parameters["steps"].default
    assert steps == 200
    just_past = (BOWL.threshold + learning_rate.stability_threshold(*BOWL, BOWL_START)) / 2
    walk = descent.gradient_descent(*BOWL, BOWL_START, just_past, steps)
    assert abs(walk.final[1]) > abs(BOWL_START[1])  # the steep direction grew
    assert walk.losses[-1] < walk.losses[0]  # and yet the loss ended lower


def the_three_states_of_the_bowl():
    assert learning_rate.regime(0.05, 1.0) == "slow"
    assert not bowl_walk(0.05).diverged
    assert learning_rate.regime(0.19, 10.0) == "oscillating"
    assert learning_rate.regime(0.19, 1.0) == "fast"
    assert 0.19 < BOWL.threshold < 0.21
    assert not bowl_walk(0.19).diverged and bowl_walk(0.21).diverged


# --- The network -----------------------------------------------------------------------------

def slow_rates_fall_smoothly():
    crawl, better = moons_run(0.03)[0], moons_run(0.3)[0]
    assert rises(crawl.losses) == rises(better.losses) == 0
    assert better.losses[-1] < crawl.losses[-1]


def fast_rates_spike_and_recover():
    better, fast, faster = (moons_run(lr)[0] for lr in (0.3, 3.0, 20.0))
    assert fast.losses[-1] < better.losses[-1] / 5
    assert faster.losses[-1] < fast.losses[-1]
    for run in (fast, faster):
        assert rises(run.losses) > 0 and not run.diverged


def thirty_recovers():
    run, accuracy = moons_run(30.0)
    peak = int(np.argmax(run.losses))
    assert peak == 4 and round(run.losses[peak] / run.losses[0]) == 68
    assert f"{run.losses[-1]:.3f}" == "0.114" and f"{accuracy:.0%}" == "97%"
    assert not run.diverged


def hundred_diverges():
    run = moons_run(100.0)[0]
    assert run.diverged_at == 1
    assert run.losses[-1] > descent.DIVERGENCE_FACTOR * run.losses[0]
    assert descent.DIVERGENCE_FACTOR == 10


def seventy_diverges_on_the_slider():
    assert not moons_run(30.0)[0].diverged and rises(moons_run(30.0)[0].losses) > 0
    run, accuracy = moons_run(70.0)
    assert run.diverged
    assert f"{run.losses[-1]:.2f}" == "17.28"
    assert run.losses[-1] > 10 * run.losses[0]
    assert f"{accuracy:.0%}" == "81%"


# --- The range test --------------------------------------------------------------------------

def range_test_reads_the_divergence_rule():
    assert descent.DIVERGENCE_FACTOR == 10
    # a run that ends more than 10× above its start diverged from where it never came back down
    assert descent.diverged_at([1.0, 0.5, 5.0, 11.0]) == 2
    # a run that climbs and comes back down did not
    assert descent.diverged_at([1.0, 50.0, 0.5]) is None
    # a run whose loss stops being a number diverged, however little it had climbed
    assert descent.diverged_at([1.0, 0.5, 2.0, np.inf]) == 2
    # nor does a range test whose losses never blow up report a blow-up
    rising = iter(np.linspace(1.0, 5.0, 10))
    assert learning_rate.range_test(lambda lr: next(rising), 1e-3, 1.0, 10).blow_up_lr is None


def suggested_rate_well_below_the_blow_up():
    X, y = data.two_moons(n=100, noise=0.15)
    net = network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)
    test = learning_rate.range_test_network(net, X, y, lr_min=1e-3, lr_max=1e3, steps=120)
    assert test.suggested_lr == test.best_lr / 10
    assert test.suggested_lr < test.blow_up_lr / 10


# --- Schedules and momentum ------------------------------------------------------------------

def decay_rescues_the_rate_that_diverged():
    assert parabola_walk(3.0, steps=40).diverged
    decayed = parabola_walk(3.0, steps=40, decay=0.3)
    assert not decayed.diverged and decayed.losses[-1] < 1e-20


def decayed_rates_drop_below_two_at_step_3():
    decayed = parabola_walk(3.0, steps=40, decay=0.3)
    # each step multiplies w by 1 − η_k·L (L = 1): the rates the walk used, read off its path
    rates = 1 - decayed.path[1:5] / decayed.path[0:4]
    assert np.all(rates[:2] > 2) and np.all(rates[2:] < 2)
    assert np.isclose(rates[0], 3.0)  # the first step uses η₀ itself
    assert int(np.argmax(decayed.losses)) == 2 and f"{decayed.losses.max():.2g}" == "7.7"


def momentum_between_half_and_seven_tenths():
    plain = bowl_walk(0.05).losses[-1]
    ratios = {beta: plain / bowl_walk(0.05, beta).losses[-1] for beta in (0.5, 0.6, 0.65, 0.7)}
    assert f"{min(ratios.values()):,.0f}" == "199"
    assert f"{max(ratios.values()):,.0f}" == "130,745"
    betas = np.round(np.arange(0.0, 0.96, 0.05), 2)
    best = betas[np.argmin([bowl_walk(0.05, beta).losses[-1] for beta in betas])]
    assert best == 0.65


def too_much_momentum():
    plain, heavy = bowl_walk(0.05).losses[-1], bowl_walk(0.05, 0.95).losses[-1]
    assert f"{heavy:.3g}" == "0.255" and f"{plain:.2g}" == "0.033"
    assert heavy > plain


# --- Exercises -------------------------------------------------------------------------------

def within_two_percent():
    assert learning_rate_checks.STABLE_RTOL == 0.02


def exercise_stops_at_ten_times():
    assert descent.DIVERGENCE_FACTOR == 10


CLAIMS = [
    Claim("the six regimes of the learning rate, named from one factor $1 - \\eta L$",
          six_regimes),
    Claim("`learning_rate.regime(lr, curvature)` names the six regimes of this table",
          six_regimes),
    Claim("multiply $w$ by factors of the same size, one positive and one negative, so after 30 "
          "steps both end at the same loss", fast_and_oscillating_end_together),
    Claim("$\\eta = 2.5$ ran all 30 steps too: its loss rose above the start at step 1 and never "
          "came back down, so it **diverged** at step 1.", diverging_runs_all_steps),
    Claim("At exactly $\\eta = 1$ it lands in one step: the loss is exactly 0",
          one_step_to_zero),
    Claim("each step multiplies $w$ by −9 and the loss leaves the top of the chart at step 4.",
          ten_leaves_the_chart_at_step_4),
    Claim("The experiment finds the edge at $2/L$ to four decimal places on every parabola",
          edge_to_four_decimals),
    Claim("The measured edge is a hair above $2/L_2$", bowl_edge_a_hair_above),
    Claim("so slowly that over the 200 steps of each trial the fall along the gentle direction "
          "still wins", gentle_direction_wins_just_past_the_edge),
    Claim("At $\\eta = 0.19$, just below the edge, the steep direction is oscillating",
          the_three_states_of_the_bowl),
    Claim("$\\eta = 0.03$ crawls and $\\eta = 0.3$ is better, both falling smoothly",
          slow_rates_fall_smoothly),
    Claim("$\\eta = 3$ ends far lower, and $\\eta = 20$ lower still, but both have spikes where "
          "the loss jumps up and recovers", fast_rates_spike_and_recover),
    Claim("the loss shoots to 68× its start at step 4 — and then comes back down and ends at "
          "0.114 with 97% accuracy: by the divergence rule it did not diverge", thirty_recovers),
    Claim("$\\eta = 100$ did: its loss rose above the start at step 1, never came back down, and "
          "ended more than 10× above where it started", hundred_diverges),
    Claim("at $\\eta = 30$ the loss curve spikes and recovers; at $\\eta = 70$ training diverges "
          "— the loss ends at 17.28, more than 10× its start, and the region falls apart, with "
          "only 81% of the points on the right side", seventy_diverges_on_the_slider),
    Claim("the rate from which the loss never came back down to its start, in a run that ended "
          "more than 10× above its start or stopped being a number",
          range_test_reads_the_divergence_rule),
    Claim("a tenth of the rate with the lowest loss, well below the blow-up",
          suggested_rate_well_below_the_blow_up),
    Claim("Decay rescues the rate that diverged.", decay_rescues_the_rate_that_diverged),
    Claim("Its first two steps use rates above $2/L = 2$, and the loss climbs to 7.7 at step 2; "
          "from step 3 on the rate is below 2", decayed_rates_drop_below_two_at_step_3),
    Claim("Between 0.5 and 0.7 the loss after 40 steps is 199 to 130,745 times lower than "
          "without momentum, and lowest near 0.65", momentum_between_half_and_seven_tenths),
    Claim("at 0.95 the loss after 40 steps is 0.255, higher than the 0.033 of plain descent",
          too_much_momentum),
    Claim("the largest learning rate at which descent still converges (to within 2 %)",
          within_two_percent),
    Claim("stops once the loss has blown up: more than 10 times where it started",
          exercise_stops_at_ten_times),
    Claim("Measured by experiment on parabolas, the edge agrees with $2/L$ to four decimal places.",
          edge_to_four_decimals),
    Claim("Divergence is a loss that climbs above where it started, never comes back down, and "
          "ends more than 10× higher or stops being a number",
          range_test_reads_the_divergence_rule),
    Claim("a loss that spikes and recovers, as at $\\eta = 30$ on the moons, has not diverged.",
          thirty_recovers),
]

NOT_QUANTITIES = [
    # The settings of the experiment in the code cell just below, not a measured result.
    r"200 training steps, six learning rates",
    r"the loss after 40 steps for a few values",
    r"one walk of 30 steps each",
]

test_in_one_cell, test_holds, test_every_number = claim_tests("05_learning_rate.ipynb", CLAIMS,
                                                              NOT_QUANTITIES)
