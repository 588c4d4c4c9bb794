"""Notebook 05's checks: predict_fastest_lr, one_step_lr, largest_stable_lr (on mystery_descent)
and range_test_function. ✓ for a right answer in any right form and only for it, a hint (never the
answer, never the code) for anything else. (Strange answers in every slot, and functions that
raise, return nonsense or never return: test_check_answers.py.)"""

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
import verdicts
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import descent, learning_rate
from helpers.check import _learning_rate as checks

# What a hint must never contain: the code of the answer.
ANSWER_WORDS = ("geomspace", "logspace", "lr_max / lr_min")


def right(learner):
    return verdicts.right(checks.range_test_function, learner)


def wrong(learner):
    return verdicts.wrong(checks.range_test_function, learner, forbidden=ANSWER_WORDS)


# --- Range tests in several right forms ------------------------------------------------------

def stops_at_ten_times(step, lr_min, lr_max, steps):
    lrs, losses = [], []
    for lr in np.geomspace(lr_min, lr_max, steps):
        lrs.append(lr)
        losses.append(step(lr))
        if not np.isfinite(losses[-1]) or losses[-1] > 10 * losses[0]:
            break
    return lrs, losses


def never_stops(step, lr_min, lr_max, steps):
    lrs = np.geomspace(lr_min, lr_max, steps)
    return lrs, np.array([step(lr) for lr in lrs])


def multiplies_by_hand(step, lr_min, lr_max, steps):
    factor = (lr_max / lr_min) ** (1 / (steps - 1))
    lr, lrs, losses = lr_min, [], []
    while len(lrs) < steps:
        loss = step(lr)
        lrs.append(lr)
        losses.append(loss)
        if loss > losses[0]:  # the first climb above the start: the blow-up has begun
            break
        lr *= factor
    return tuple(lrs), tuple(losses)


def stops_on_overflow_only(step, lr_min, lr_max, steps):
    pairs = []
    for k in range(steps):
        lr = lr_min * (lr_max / lr_min) ** (k / (steps - 1))
        pairs.append((lr, step(lr)))
        if not np.isfinite(pairs[-1][1]):
            break
    return [lr for lr, _ in pairs], [loss for _, loss in pairs]


@pytest.mark.parametrize("learner", [stops_at_ten_times, never_stops, multiplies_by_hand,
                                     stops_on_overflow_only])
def test_a_range_test_in_any_right_form_passes(learner):
    assert "2 fresh parabolas" in right(learner)


def test_the_worked_solution_blows_up_on_one_problem_and_runs_to_the_end_on_the_other():
    lengths = []
    for curvature, start, lr_min, lr_max, steps in checks.RANGE_PROBLEMS:
        step, _ = checks._counted_step(curvature, start)
        lengths.append((len(stops_at_ten_times(step, lr_min, lr_max, steps)[0]), steps))
    (blown, planned), (full, planned_too) = lengths
    assert blown < planned and full == planned_too


# --- Typical mistakes, each with its hint ----------------------------------------------------

def evenly_spaced(step, lr_min, lr_max, steps):
    lrs = np.linspace(lr_min, lr_max, steps)
    return lrs, [step(lr) for lr in lrs]


def from_the_top(step, lr_min, lr_max, steps):
    lrs = np.geomspace(lr_max, lr_min, steps)
    return lrs, [step(lr) for lr in lrs]


def never_raises(step, lr_min, lr_max, steps):
    lrs = [lr_min] * steps
    return lrs, [step(lr) for lr in lrs]


def overshoots_lr_max(step, lr_min, lr_max, steps):
    lrs = np.geomspace(lr_min, 10 * lr_max, steps)
    return lrs, [step(lr) for lr in lrs]


def one_step_too_many(step, lr_min, lr_max, steps):
    lrs = np.geomspace(lr_min, lr_max, steps + 1)
    return lrs, [step(lr) for lr in lrs]


def steps_twice(step, lr_min, lr_max, steps):
    lrs = np.geomspace(lr_min, lr_max, steps)
    losses = []
    for lr in lrs:
        step(lr)
        losses.append(step(lr))
    return lrs, losses


def records_the_rate(step, lr_min, lr_max, steps):
    lrs = np.geomspace(lr_min, lr_max, steps)
    for lr in lrs:
        step(lr)
    return lrs, list(lrs)


def gives_up_early(step, lr_min, lr_max, steps):
    lrs = np.geomspace(lr_min, lr_max, steps)[:5]
    return lrs, [step(lr) for lr in lrs]


def loses_a_loss(step, lr_min, lr_max, steps):
    lrs = np.geomspace(lr_min, lr_max, steps)
    return lrs, [step(lr) for lr in lrs][:-1]


def nan_losses(step, lr_min, lr_max, steps):
    lrs = np.geomspace(lr_min, lr_max, steps)
    for lr in lrs:
        step(lr)
    return lrs, [float("nan")] * steps


@pytest.mark.parametrize("learner, hint", [
    (evenly_spaced, "go up by the same amount each step"),
    (from_the_top, "The first rate tried should be lr_min itself."),
    (never_raises, "should rise at every step"),
    (overshoots_lr_max, "each should be the one before times the same factor"),
    (one_step_too_many, "it should take at most `steps` steps"),
    (steps_twice, "called step 120 times but returned 60 rates"),
    (records_the_rate, "Your losses are not what step(lr) returned"),
    (gives_up_early, "Your test stopped at η = 0.00187, before the loss blew up"),
    (loses_a_loss, "it returned 60 rates and 59 losses"),
    (nan_losses, "Some of your losses are nan"),
    (lambda step, lr_min, lr_max, steps: ([], []), "returned no rates"),
    (lambda step, lr_min, lr_max, steps: [lr_min], "it returned [0.001]"),
])
def test_a_typical_wrong_range_test_gets_its_hint(learner, hint):
    assert hint in wrong(learner)


def test_a_range_test_that_raises_is_told_how_it_is_called():
    def crashes(step, lr_min, lr_max, steps):
        return step(lr_min) / 0

    assert "my_range_test(step, lr_min, lr_max, steps)" in wrong(crashes)


@pytest.mark.parametrize("returned", [None, "abc", float("nan"), 10**400, np.ones((3, 3)),
                                      (np.ones((2, 2)), np.ones((2, 2))), ("a", "b"),
                                      ([1, [2]], [3, 4]), ([10**400], [1.0])])
def test_a_range_test_returning_nonsense_gets_a_plain_hint(returned):
    assert "Your function should return two lists" in wrong(lambda *args: returned)


def test_what_the_range_test_returns_instead_of_the_range_test_is_asked_for_the_function():
    step, _ = checks._counted_step(4.0, 1.5)
    assert "not what it returns" in wrong(stops_at_ten_times(step, 1e-3, 10.0, 60))


# --- one_step_lr ------------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [1 / 8, 0.125, np.float32(0.125), np.array(0.125),
                                    Fraction(1, 8)], ids=repr)
def test_one_step_lr_passes_one_over_l_in_any_form(answer):
    verdicts.right(checks.one_step_lr, answer)


@pytest.mark.parametrize("answer, hint", [
    (0.25, "edge of stability"),
    (0.1, "That converges"),
    (1.0, "That diverges"),
    (1e308, "That diverges"),
    (0, "must be positive"),
    (-1e308, "must be positive"),
    (10**400, "too large"),
])
def test_one_step_lr_names_the_regime_of_a_wrong_rate(answer, hint):
    assert hint in verdicts.wrong(checks.one_step_lr, answer, forbidden=("0.125", "1/8"))


def test_the_edge_of_stability_hint_guides_without_giving_the_rate_away():
    text = verdicts.wrong(checks.one_step_lr, 2 / checks.CHOOSE_CURVATURE)
    assert "1 − ηL" in text
    for giveaway in ("Half", "half", "0.125", "1/8", "1/L", "divide", "÷"):
        assert giveaway not in text


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.floats(), st.integers(), st.floats(0.125 - 3e-4, 0.125 + 3e-4)))
def test_one_step_lr_passes_only_within_its_tolerance(x):
    ok = verdicts.said(checks.one_step_lr, x).startswith("✓")
    if ok:
        assert abs(x - 0.125) <= 0.125 * checks.ONE_STEP_RTOL * (1 + 1e-9)
    elif isinstance(x, float) and abs(x - 0.125) <= 0.999 * 0.125 * checks.ONE_STEP_RTOL:
        pytest.fail(f"{x} is within the tolerance of 1/8 but was refused")


# --- predict_fastest_lr ------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [1, 1.0, 0.96, 1.04, np.float32(1.0), Fraction(1, 1)], ids=repr)
def test_the_prediction_passes_one_over_l_in_any_form(answer):
    verdicts.right(checks.predict_fastest_lr, answer)


def test_the_prediction_s_rate_is_the_one_closest_to_the_bottom_after_30_steps():
    parabola = learning_rate.quadratic(1.0)
    ends = {lr: descent.gradient_descent(*parabola, 1.5, lr, 30).losses[-1]
            for lr in np.linspace(0.01, 1.99, 199)}
    assert min(ends, key=ends.get) == pytest.approx(1.0)


@pytest.mark.parametrize("pair", [(0.5, 1.9), (1.9, 0.1), (0.9, 1.1), (2.0, 3.0)])
def test_a_wrong_prediction_gets_the_same_hint_above_and_below(pair):
    low, high = (verdicts.wrong(checks.predict_fastest_lr, v, forbidden=("1/L", "η = 1"))
                 for v in pair)
    assert low == high and "Which η makes |1 − η| smallest?" in low
    for word in ("higher", "lower", "larger", "smaller rate", "too"):
        assert word not in low


def test_a_prediction_that_is_no_positive_number_is_told_so():
    assert "single number" in verdicts.wrong(checks.predict_fastest_lr, None)
    assert "positive" in verdicts.wrong(checks.predict_fastest_lr, -1.0)


# --- largest_stable_lr, on the mystery parabola -------------------------------------------------

THRESHOLD = 2 / checks.MYSTERY_CURVATURE


@pytest.mark.parametrize("factor, converges", [(0.98, True), (1.02, False)])
def test_the_threshold_the_check_expects_is_where_mystery_descent_breaks(factor, converges):
    walk = checks.mystery_descent(THRESHOLD * factor)
    assert (not walk.diverged and walk.losses[-1] < walk.losses[0]) == converges
    assert walk.steps == 200 and checks.mystery_descent(0.1, steps=7).steps == 7


@pytest.mark.parametrize("answer", [0.4, 0.395, 0.407, np.float32(0.4), np.array([0.4])],
                         ids=repr)
def test_largest_stable_lr_passes_an_estimate_within_two_percent(answer):
    verdicts.right(checks.largest_stable_lr, answer)


@pytest.mark.parametrize("answer", [1.0, 0.1, 0.5, 0.3, 1e308])
def test_largest_stable_lr_says_how_to_find_the_threshold_but_not_which_way(answer):
    text = verdicts.wrong(checks.largest_stable_lr, answer, forbidden=("0.4", "2/5"))
    assert text == verdicts.said(checks.largest_stable_lr, 0.2)  # the same above and below
    assert "more than 2% off" in text and "check.mystery_descent" in text
    for word in ("higher", "lower", "larger", "smaller"):
        assert word not in text


def test_largest_stable_lr_refuses_a_rate_that_is_not_positive():
    text = verdicts.wrong(checks.largest_stable_lr, -0.4)
    assert "must be positive" in text and "check.mystery_descent(lr)" in text


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.floats(), st.integers(), st.floats(0.38, 0.42)))
def test_largest_stable_lr_passes_only_within_two_percent(x):
    text = verdicts.said(checks.largest_stable_lr, x)
    if text.startswith("✓"):
        assert abs(x - THRESHOLD) <= THRESHOLD * checks.STABLE_RTOL * (1 + 1e-9)
    else:
        assert "0.4" not in text, "a wrong-answer hint must not reveal the threshold"
        if isinstance(x, float) and abs(x - THRESHOLD) <= 0.999 * THRESHOLD * checks.STABLE_RTOL:
            pytest.fail(f"{x} is within 2% of the threshold but was refused")


def test_mystery_descent_shows_no_slope_or_curvature_directly():
    # what a learner can call: the walk, from a start and to a bottom that are not told
    assert not hasattr(checks, "mystery_slope") and not hasattr(checks, "mystery_loss")
    walk = checks.mystery_descent(0.1)
    assert isinstance(walk, descent.DescentResult)
    assert not math.isclose(walk.losses[0], 0.5 * checks.MYSTERY_CURVATURE, rel_tol=0.05)


@pytest.mark.parametrize("args, kind, words", [
    (("0.1",), TypeError, r"mystery_descent\(lr\): lr should be a number"),
    ((True,), TypeError, "lr should be a number"),
    ((-0.1,), ValueError, "lr should be a positive number"),
    ((float("nan"),), ValueError, "lr should be a positive number"),
    ((10**400,), ValueError, "lr should be a positive number"),
    ((0.1, 2.5), TypeError, "steps should be a whole number"),
    ((0.1, 0), ValueError, "steps should be from 1 to 10,000"),
])
def test_mystery_descent_refuses_what_is_no_rate_naming_the_argument(args, kind, words):
    with pytest.raises(kind, match=words):
        checks.mystery_descent(*args)


def test_mystery_descent_diverges_without_a_warning_far_past_the_edge():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert checks.mystery_descent(1e6).diverged
