"""Notebook 05's checks: one_step_lr, largest_stable_lr (on mystery_loss and mystery_slope) and
range_test_function. ✓ for a right answer in any right form and only for it, a hint (never the
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

from helpers import descent
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


# --- largest_stable_lr, on the mystery parabola -------------------------------------------------

THRESHOLD = 2 / checks.MYSTERY_CURVATURE


@pytest.mark.parametrize("factor, converges", [(0.98, True), (1.02, False)])
def test_the_threshold_the_check_expects_is_where_descent_on_the_mystery_loss_breaks(factor,
                                                                                     converges):
    walk = descent.gradient_descent(checks.mystery_loss, checks.mystery_slope, 1.0,
                                    THRESHOLD * factor, 200)
    assert (not walk.diverged and walk.losses[-1] < walk.losses[0]) == converges


@pytest.mark.parametrize("answer", [0.4, 0.395, 0.407, np.float32(0.4), np.array([0.4])],
                         ids=repr)
def test_largest_stable_lr_passes_an_estimate_within_two_percent(answer):
    verdicts.right(checks.largest_stable_lr, answer)


@pytest.mark.parametrize("answer, hint", [
    (1.0, "more than 2% off"),
    (0.1, "more than 2% off"),
    (-0.4, "must be positive"),
    (1e308, "more than 2% off"),
])
def test_largest_stable_lr_says_how_to_find_the_threshold(answer, hint):
    text = verdicts.wrong(checks.largest_stable_lr, answer, forbidden=("0.4", "2/5"))
    assert hint in text and "descent.gradient_descent(check.mystery_loss" in text


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


@pytest.mark.parametrize("w", [-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0])
def test_one_call_does_not_give_the_mystery_curvature_away(w):
    slope, loss = checks.mystery_slope(w), checks.mystery_loss(w)
    guesses = [abs(slope), 2 * loss]
    if w:
        guesses += [slope / w, 2 * loss / w**2, abs(slope) / abs(w)]
    for guess in guesses:
        for secret in (checks.MYSTERY_CURVATURE, THRESHOLD):
            assert not math.isclose(guess, secret, rel_tol=0.05), (w, guess)


@pytest.mark.parametrize("w", [-1.3, 0.0, 0.7, 2.0, np.array([0.5, -1.0]), [0.5, -1.0]],
                         ids=repr)
def test_mystery_slope_is_the_slope_of_mystery_loss(w):
    w = np.asarray(w, dtype=float)
    h = 1e-6
    slope = np.asarray(checks.mystery_slope(w))
    assert slope.shape == w.shape
    for i in np.ndindex(w.shape):
        step = np.zeros_like(w)
        step[i] = h
        measured = (checks.mystery_loss(w + step) - checks.mystery_loss(w - step)) / (2 * h)
        assert math.isclose(slope[i], measured, rel_tol=1e-6, abs_tol=1e-6)


@pytest.mark.parametrize("function", [checks.mystery_loss, checks.mystery_slope])
@pytest.mark.parametrize("w", ["1.0", None, True, [1, [2]], object(), 10**400], ids=repr)
def test_the_mystery_functions_refuse_what_is_no_number_naming_w(function, w):
    with pytest.raises(TypeError, match=rf"{function.__name__}\(w\): w should be a number"):
        function(w)


@pytest.mark.parametrize("function", [checks.mystery_loss, checks.mystery_slope])
def test_the_mystery_functions_are_inf_without_a_warning_where_a_walk_has_diverged(function):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isinf(function(1e308))
