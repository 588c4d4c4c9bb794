"""Notebook 05's new check, range_test_function: ✓ for a range test written in any right form, a
hint (never a crash, never a warning, never the code) for anything else. To be merged into
tests/unit/test_check.py."""


import numpy as np
import pytest
import verdicts

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


def test_a_range_test_that_raises_is_quoted_with_its_error():
    def crashes(step, lr_min, lr_max, steps):
        return step(lr_min) / 0

    text = wrong(crashes)
    assert "your function raised ZeroDivisionError: float division by zero" in text
    assert "my_range_test(step, lr_min, lr_max, steps)" in text


@pytest.mark.parametrize("returned", [None, "abc", float("nan"), 10**400, np.ones((3, 3)),
                                      (np.ones((2, 2)), np.ones((2, 2))), ("a", "b"),
                                      ([1, [2]], [3, 4]), ([10**400], [1.0])])
def test_a_range_test_returning_nonsense_gets_a_plain_hint(returned):
    assert "Your function should return two lists" in wrong(lambda *args: returned)


@pytest.mark.parametrize("answer", [None, "abc", float("nan"), 10**400, np.ones(3),
                                    stops_at_ten_times(checks._counted_step(4.0, 1.5)[0],
                                                       1e-3, 10.0, 60)])
def test_something_other_than_a_function_is_asked_for_as_the_function(answer):
    assert "Pass your function itself" in wrong(answer)
