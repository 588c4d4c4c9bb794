"""Every quantitative sentence of notebook 05 (the learning rate), recomputed through helpers.

Each claim names the sentence as it stands in the notebook and checks it with the maths modules,
never with the notebook's printed output; see tests/course/claims.py for the harness. A number
that one run of the network gives is held from nearby starts too (one starting weight nudged by
k × 1e-13, learning_rate.nearby_starts), to the digits the notebook prints: where nearby starts
disagree, the notebook quotes their spread instead.
"""

import inspect
from functools import cache

import numpy as np
from claims import Claim, claim_tests

from helpers import data, descent, learning_rate, network, training
from helpers.check import _learning_rate as learning_rate_checks
from helpers.figures import learning_rate as figures
from helpers.figures import learning_rate_network
from helpers.figures.controls import _log_slider

PARABOLA = learning_rate.quadratic(1.0)
BOWL = learning_rate.quadratic((1.0, 10.0))
BOWL_START = np.array([-2.0, 1.0])
MOONS = data.two_moons(n=100, noise=0.15)
NET = network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)
STARTS = 24


def parabola_walk(lr, steps=30):
    return descent.gradient_descent(*PARABOLA, 1.5, lr, steps)


def bowl_final(lr, momentum=0.0):
    return float(BOWL.final_losses(BOWL_START, [lr], [momentum], 40)[0, 0])


@cache
def moons_run(lr):
    run = training.train(NET, *MOONS, lr, 200)
    return run, training.accuracy(run.net, *MOONS)


@cache
def nearby(lrs, starts=STARTS):
    """{lr: Spread} of the moons network from nearby starts, 200 steps."""
    return dict(zip(lrs, learning_rate.train_at_rates(NET, *MOONS, list(lrs), 200, starts),
                    strict=True))


def rises(losses):
    return int(np.sum(np.diff(losses) > 0))


def peak(losses):
    """(the step of the highest loss, how many times its start), as the notebook prints it."""
    k = int(np.argmax(losses))
    return k, f"{losses[k] / losses[0]:.3g}"


# --- The step size ---------------------------------------------------------------------------

def fastest_after_30_steps():
    # η = 1 lands on the bottom; every rate the prediction refuses ends farther away.
    assert parabola_walk(1.0).losses[-1] == 0
    tolerance = learning_rate_checks.FASTEST_RTOL
    inside = [parabola_walk(lr).losses[-1] for lr in np.linspace(1 - tolerance, 1 + tolerance, 21)]
    outside = [parabola_walk(lr).losses[-1] for lr in np.geomspace(1e-3, 1 - tolerance, 40)]
    outside += [parabola_walk(lr).losses[-1] for lr in np.linspace(1 + tolerance, 1.999, 40)]
    assert max(inside) <= min(outside)


def five_named_regimes():
    table = {0.01: "smooth", 0.3: "smooth", 0.999: "smooth", 1.0: "one step",
             1.5: "oscillating", 2.0: "on the edge", 2.5: "diverging"}
    assert {lr: learning_rate.regime(lr, 1.0) for lr in table} == table
    assert set(table.values()) == set(learning_rate.REGIMES)


def fast_and_oscillating_end_together():
    smooth, oscillating = parabola_walk(0.3), parabola_walk(1.7)
    assert np.isclose(1 - 0.3, -(1 - 1.7))
    assert np.all(smooth.path > 0) and np.all(np.diff(np.sign(oscillating.path)) != 0)
    assert np.isclose(smooth.losses[-1], oscillating.losses[-1], rtol=1e-9)
    assert smooth.steps == oscillating.steps == 30


def diverging_runs_all_steps():
    walk = parabola_walk(2.5)
    assert walk.steps == 30 and not walk.stopped_early
    assert walk.diverged_at == 1
    assert np.all(walk.losses[1:] > walk.losses[0])


def one_step_to_zero():
    walk = parabola_walk(1.0)
    assert walk.losses[1] == 0 and learning_rate.regime(1.0, 1.0) == "one step"


def slower_nearer_two():
    lrs = np.linspace(1.01, 1.99, 50)
    tenths = [learning_rate.steps_to_a_tenth(lr, 1.0) for lr in lrs]
    assert np.all(np.diff(tenths) >= 0) and tenths[-1] > 10 * tenths[0]
    # and the figure's "10× closer" line says it
    assert "10× closer" in figures.parabola_strip(lrs=(1.5,)).caption


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
    assert learning_rate.regime(0.05, 1.0) == "smooth"
    assert learning_rate.regime(0.19, 10.0) == "oscillating"
    assert learning_rate.regime(0.19, 1.0) == "smooth"
    assert 0.19 < BOWL.threshold < 0.21
    walks = [descent.gradient_descent(*BOWL, BOWL_START, lr, 40) for lr in (0.05, 0.19, 0.21)]
    assert [walk.diverged for walk in walks] == [False, False, True]


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


def the_four_runs_repeat_from_nearby_starts():
    # Every number the cell prints of each run, the same from 24 nearby starts.
    for lr, spread in nearby((0.03, 0.3, 3.0, 20.0)).items():
        printed = {(f"{run.losses[0]:.3f}", f"{run.losses[-1]:.3f}", f"{run.accuracies[-1]:.0%}",
                    rises(run.losses), peak(run.losses)) for run in spread.runs}
        assert len(printed) == 1, (lr, printed)
        assert spread.agree and not spread.diverged


def spread_at_thirty():
    spread = nearby((20.0, 30.0, 50.0, 100.0))[30.0]
    assert spread.diverged == 0 and spread.final_losses.max() > 1e6 * spread.final_losses.min()
    assert f"{spread.final_losses.min():.3g}" == "7.18e-08"
    assert f"{spread.final_losses.max():.3g}" == "1.57"


def fifty_diverges_from_some_starts():
    spread = nearby((20.0, 30.0, 50.0, 100.0))[50.0]
    assert spread.diverged == 8 and len(spread.runs) - spread.diverged == 16


def the_same_first_spike_at_thirty():
    runs = nearby((20.0, 30.0, 50.0, 100.0))[30.0].runs
    assert {peak(run.losses[:10]) for run in runs} == {(4, "67.8")}
    assert {round(run.losses[4] / run.losses[0]) for run in runs} == {68}
    assert all(int(np.argmax(run.losses)) == 4 for run in runs)


def another_weight_the_same_picture():
    # The same experiment with another starting weight nudged (layer 2, weight 6).
    starts = []
    for k in range(STARTS):
        start = NET.copy()
        start.layers[1].W[5, 0] += k * learning_rate.NUDGE
        starts.append(start)
    lrs = (20.0, 30.0, 50.0, 100.0)
    rates = np.repeat(np.array(lrs)[:, None], 200, axis=1)
    runs = learning_rate._train_together([s for _ in lrs for s in starts], *MOONS,
                                         np.repeat(rates, STARTS, axis=0))
    spreads = {lr: learning_rate.Spread(tuple(runs[i * STARTS:(i + 1) * STARTS]), rates[i])
               for i, lr in enumerate(lrs)}
    assert spreads[20.0].agree and not spreads[20.0].diverged
    assert not spreads[30.0].agree and spreads[30.0].diverged == 0
    assert 0 < spreads[50.0].diverged < STARTS
    assert spreads[100.0].diverged >= 20
    # other counts than the notebook's
    assert spreads[50.0].diverged != nearby(lrs)[50.0].diverged


@cache
def slider_spreads():
    # the retraining explorer's slider, as network_lr_explorer makes it
    slider = _log_slider(
        "η", 0.3, 1e-2, 100.0, steps_per_decade=learning_rate_network.STEPS_PER_DECADE)
    return dict(zip(slider.values, learning_rate.train_at_rates(NET, *MOONS, slider.values,
                                                                200, starts=2), strict=True))


def where_the_slider_parts():
    spreads = slider_spreads()
    parted = [f"{lr:.3g}" for lr, spread in spreads.items() if not spread.agree]
    assert parted == ["2.51", "12.6", "15.8", "25.1", "31.6", "39.8"]
    assert all(spread.diverged == 2 for lr, spread in spreads.items() if lr >= 50)
    assert all(spread.diverged == 0 for lr, spread in spreads.items() if lr < 50)


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


@cache
def moons_range_test():
    return learning_rate.range_test_network(NET, *MOONS, lr_min=1e-3, lr_max=1e3, steps=120)


def range_test_records_the_loss_after_each_step():
    test = moons_range_test()
    # the loss after the step at each rate: the losses of the same rates as a schedule, after
    # each step (not before it)
    (spread,) = learning_rate.train_at_rates(NET, *MOONS, test.lrs[None, :], 120)
    np.testing.assert_allclose(test.losses, spread.runs[0].losses[1:], rtol=1e-12)


def suggested_rate_well_below_the_blow_up():
    test = moons_range_test()
    assert test.suggested_lr == test.best_lr / 10
    assert test.suggested_lr < test.blow_up_lr / 10


def range_test_repeats_from_nearby_starts():
    test = moons_range_test()
    (spread,) = learning_rate.train_at_rates(NET, *MOONS, test.lrs[None, :], 120, starts=STARTS)
    for run in spread.runs:
        after = run.losses[1:]
        where = descent.diverged_at(after)
        assert f"{test.lrs[int(np.argmin(after[:where]))]:.3g}" == f"{test.best_lr:.3g}"
        assert f"{test.lrs[where]:.3g}" == f"{test.blow_up_lr:.3g}"


def chosen_rate_is_safe_but_not_the_lowest():
    test = moons_range_test()
    chosen = learning_rate.train_at_rates(NET, *MOONS, [test.suggested_lr], 200, STARTS)[0]
    assert chosen.agree and not chosen.diverged
    assert moons_run(20.0)[0].losses[-1] < chosen.runs[0].losses[-1]


# --- Schedules -------------------------------------------------------------------------------

RATES = np.geomspace(1, 100, 21)


@cache
def schedule_scan(starts):
    schedules = np.array([learning_rate.warmup_cosine(peak, 200, 20) for peak in RATES])
    return (learning_rate.train_at_rates(NET, *MOONS, RATES, 200, starts),
            learning_rate.train_at_rates(NET, *MOONS, schedules, 200, starts))


def constant_wins_up_to_ten():
    constant, scheduled = schedule_scan(STARTS)
    ratios = []
    for a, b in zip(constant, scheduled, strict=True):
        if a.lr <= 10 + 1e-9:
            assert a.final_losses.max() < b.final_losses.min()  # from every nearby start
            ratios.append(b.runs[0].losses[-1] / a.runs[0].losses[-1])
    assert len(ratios) == 11 and 1.7 < min(ratios) and max(ratios) < 4.6


def constant_best_about_ten_times_lower():
    constant, scheduled = schedule_scan(2)
    best, best_scheduled = learning_rate.best_of(constant), learning_rate.best_of(scheduled)
    ratio = best_scheduled.runs[0].losses[-1] / best.runs[0].losses[-1]
    assert 5 < ratio < 20
    assert 1e-4 < best.runs[0].losses[-1] < 1e-3 < best_scheduled.runs[0].losses[-1] < 1e-2


def schedule_never_diverges():
    constant, scheduled = schedule_scan(STARTS)
    assert all(spread.diverged == 0 for spread in scheduled)
    assert all(spread.diverged > 0 for spread in constant if spread.lr >= 39)
    assert all(spread.diverged == 0 for spread in constant if spread.lr < 39)


# --- Momentum --------------------------------------------------------------------------------

def best_beta_from_the_factors():
    for lr in (0.05, 0.1, 0.2):
        edge = (1 - np.sqrt(lr)) ** 2
        # at the edge the gentle factor is 1 − √(ηL₁), below it larger, above it √β
        assert np.isclose(learning_rate.momentum_factor(lr, edge, 1.0), 1 - np.sqrt(lr))
        for beta in (0.5 * edge, 0.9 * edge):
            assert learning_rate.momentum_factor(lr, beta, 1.0) > max(np.sqrt(beta),
                                                                      1 - np.sqrt(lr))
        for beta in (edge + 0.01, 0.9):
            assert np.isclose(learning_rate.momentum_factor(lr, beta, 1.0), np.sqrt(beta))
    assert learning_rate.momentum_factor(0.05, 0.0, 1.0) == 1 - 0.05


def scan_beside_the_theory():
    lrs, betas = np.linspace(0.01, 0.4, 157), np.linspace(0.0, 0.95, 96)
    rolling = BOWL.final_losses(BOWL_START, lrs, betas, 40)
    j, k = np.unravel_index(np.argmin(rolling), rolling.shape)
    theory_lr = 4 / (1 + np.sqrt(10)) ** 2
    theory_beta = (1 - np.sqrt(theory_lr)) ** 2
    assert abs(lrs[j] - theory_lr) < 0.01 and theory_beta < betas[k] < theory_beta + 0.05
    small = BOWL.final_losses(BOWL_START, [0.05], betas, 40)[0]
    edge = (1 - np.sqrt(0.05)) ** 2
    assert edge < betas[np.argmin(small)] < edge + 0.05


def zig_zag_then_calm():
    # plain descent's best rate really zig-zags: its steep factor is negative, −0.80
    walk = descent.gradient_descent(*BOWL, BOWL_START, 0.18, 40)
    assert np.all(np.diff(np.sign(walk.path[:, 1])) != 0)
    assert f"{1 - 0.18 * 10:.2f}" == "-0.80"
    assert bowl_final(0.23, 0.28) < 1e-19
    factors = [learning_rate.momentum_factor(0.23, 0.28, L) for L in (1.0, 10.0)]
    assert [f"{f:.2f}" for f in factors] == ["0.53", "0.53"]


def too_much_momentum():
    factors = [learning_rate.momentum_factor(0.18, 0.95, L) for L in (1.0, 10.0)]
    assert np.allclose(factors, np.sqrt(0.95)) and f"{np.sqrt(0.95):.2f}" == "0.97"
    assert bowl_final(0.18, 0.95) > bowl_final(0.18, 0.0)


def momentum_wins_by_far():
    lrs, betas = np.linspace(0.01, 0.4, 157), np.linspace(0.0, 0.95, 96)
    plain = BOWL.final_losses(BOWL_START, lrs, 0.0, 40)[:, 0].min()
    assert BOWL.final_losses(BOWL_START, lrs, betas, 40).min() < 1e-10 * plain
    constant_best_about_ten_times_lower()


# --- Exercises -------------------------------------------------------------------------------

def within_two_percent():
    assert learning_rate_checks.STABLE_RTOL == 0.02
    walk = learning_rate_checks.mystery_descent(0.1)
    assert walk.steps == 200


def the_check_does_not_say_which_way():
    import contextlib
    import io

    said = []
    for answer in (0.2, 0.9):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            learning_rate_checks.largest_stable_lr(answer)
        said.append(out.getvalue())
    assert said[0] == said[1] and said[0].startswith("✗")


CLAIMS = [
    Claim("which learning rate brings $w$ closest to the bottom after 30 steps",
          fastest_after_30_steps),
    Claim("This course gives its cases names, a reading aid rather than standard terms; "
          "`learning_rate.regime(lr, curvature)` returns them", five_named_regimes),
    Claim("multiply $w$ by factors of the same size, one positive and one negative, so after 30 "
          "steps both end at the same loss", fast_and_oscillating_end_together),
    Claim("$\\eta = 2.5$ ran all 30 steps too: its loss rose above the start at step 1 and never "
          "came back down, so it **diverged** at step 1.", diverging_runs_all_steps),
    Claim("no rate gets closer than $\\eta = 1/L = 1$, which lands on the bottom in one step",
          fastest_after_30_steps),
    Claim("At exactly $\\eta = 1$ it lands in one step: the loss is exactly 0",
          one_step_to_zero),
    Claim("closing in more slowly the nearer $\\eta$ gets to 2 (read the \"10× closer\" line)",
          slower_nearer_two),
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
    Claim("each ends at the same loss and accuracy to the digits printed",
          the_four_runs_repeat_from_nearby_starts),
    Claim("At $\\eta = 30$ none diverged, but they end anywhere from 7.18e-08 to 1.57",
          spread_at_thirty),
    Claim("At $\\eta = 50$, 8 of the 24 diverged and the other 16 did not",
          fifty_diverges_from_some_starts),
    Claim("Every run at $\\eta = 30$ has the same first spike, 68× its start at step 4",
          the_same_first_spike_at_thirty),
    Claim("Another set of nearby starts, with another weight nudged, gives other counts and the "
          "same picture.", another_weight_the_same_picture),
    Claim("at a few rates below 20 (2.51, 12.6 and 15.8 on this slider) and at every notch from "
          "25.1 to 39.8 the dashed curve parts from the solid one", where_the_slider_parts),
    Claim("from 50.1 on, both runs diverge", where_the_slider_parts),
    Claim("recording the loss after each step", range_test_records_the_loss_after_each_step),
    Claim("the rate from which the loss never came back down to its start, in a run that ended "
          "more than 10× above its start or stopped being a number",
          range_test_reads_the_divergence_rule),
    Claim("a tenth of the rate where the loss was lowest, well below the blow-up",
          suggested_rate_well_below_the_blow_up),
    Claim("Run from the 24 nearby starts, the range test gives this same lowest-loss rate and "
          "blow-up every time.", range_test_repeats_from_nearby_starts),
    Claim("It is not the rate that gets lowest in 200 steps ($\\eta = 20$ above ends lower), but "
          "it is far from the rates where rounding takes over: there, nearby starts agree.",
          chosen_rate_is_safe_but_not_the_lowest),
    Claim("At every rate from 1 to 10 the constant rate ends lower than the schedule with that "
          "peak, about two to four times, from every one of 24 nearby starts",
          constant_wins_up_to_ten),
    Claim("Each at its best, the constant rate ends about ten times lower.",
          constant_best_about_ten_times_lower),
    Claim("at every rate from 39.8 up, some of the constant rate's 24 nearby starts diverge, "
          "while none of the schedule's do at any peak", schedule_never_diverges),
    Claim("Below that, one root is larger than $\\sqrt\\beta$.", best_beta_from_the_factors),
    Claim("So at a given $\\eta$ the best $\\beta$ for the gentle direction is "
          "$(1 - \\sqrt{\\eta L_1})^2$", best_beta_from_the_factors),
    Claim("over 40 steps the scan prefers a slightly larger $\\beta$", scan_beside_the_theory),
    Claim("At plain descent's best the walk zig-zags across the narrow valley: the steep factor "
          "is −0.80.", zig_zag_then_calm),
    Claim("at $\\eta = 0.23$, $\\beta = 0.28$ both factors are 0.53, so every step about halves "
          "the distance in both directions, and the loss after 40 steps is below $10^{-19}$",
          zig_zag_then_calm),
    Claim("Push $\\beta$ towards 0.95 and the ball overshoots and circles the bottom",
          too_much_momentum),
    Claim("the largest learning rate at which descent still converges (to within 2 %)",
          within_two_percent),
    Claim("runs 200 steps of gradient descent", within_two_percent),
    Claim("The check says only whether you are within 2 %, not which way you are off.",
          the_check_does_not_say_which_way),
    Claim("Measured by experiment on parabolas, the edge agrees with $2/L$ to four decimal places.",
          edge_to_four_decimals),
    Claim("Divergence is a loss that climbs above where it started, never comes back down, and "
          "ends more than 10× higher or stops being a number",
          range_test_reads_the_divergence_rule),
    Claim("here momentum won by far, and warm-up with decay did not beat a good constant rate",
          momentum_wins_by_far),
]

NOT_QUANTITIES = [
    # The settings of the experiment in the code cell just below, not a measured result.
    r"200 training steps, four learning rates",
    r"one walk of 30 steps each",
    r"from 24 \*\*nearby starts\*\*",
    r"the same 200 steps from the same start",
    r"at the same 21 rates from 1 to 100",
    r"40 steps each",
]

test_in_one_cell, test_holds, test_every_number = claim_tests("05_learning_rate.ipynb", CLAIMS,
                                                              NOT_QUANTITIES)
