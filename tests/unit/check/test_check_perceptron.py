"""Notebook 01's function exercise, check.perceptron_update: ✓ for a right rule in any right
form, the hint that names the misconception for a wrong one, and for anything else one kind
line — never a crash, never a warning, never the new weights."""


import numpy as np
import pytest
import verdicts

from helpers.check import _perceptron as checks

check = checks.perceptron_update


def _answers():
    """The new weights of each case that changes (and its bias, if not a whole number)."""
    for w, b, x, y, lr in checks.UPDATE_CASES:
        new_w, new_b = checks.rule(w, b, x, y, lr)
        if not np.allclose(new_w, w):
            yield ", ".join(f"{v:g}" for v in new_w)
            if "." in f"{new_b:g}":
                yield f"{new_b:g}"


ANSWERS = tuple(_answers())  # never shown, in any verdict


def said(function):
    """The one line the check prints for `function` (see verdicts.said): never an answer."""
    return verdicts.said(check, function, forbidden=ANSWERS)


def wrong(function):
    return verdicts.wrong(check, function, forbidden=ANSWERS)


def _output(w, b, x):
    return 1.0 if w @ x + b >= 0 else 0.0


def rule_tuple(w, b, x, y, lr):
    a = _output(w, b, x)
    return w + lr * (y - a) * x, b + lr * (y - a)


def rule_lists(w, b, x, y, lr):
    a = _output(w, b, x)
    return [[wi + lr * (y - a) * xi for wi, xi in zip(w, x, strict=True)], b + lr * (y - a)]


def rule_in_place(w, b, x, y, lr):
    error = y - _output(w, b, x)
    w += lr * error * x
    return w, np.array([b + lr * error])


def rule_with_if(w, b, x, y, lr):
    a = int(np.dot(w, x) + b >= 0)
    if a == y:
        return w, b
    return (w + lr * x, b + lr) if y == 1 else (w - lr * x, b - lr)


def rule_as_object_array(w, b, x, y, lr):
    new_w, new_b = rule_tuple(w, b, x, y, lr)
    pair = np.empty(2, dtype=object)
    pair[0], pair[1] = list(new_w), np.float32(new_b)
    return pair


@pytest.mark.parametrize("function", [rule_tuple, rule_lists, rule_in_place, rule_with_if,
                                      rule_as_object_array])
def test_a_right_rule_in_any_form_passes(function):
    assert said(function).startswith("✓ Correct")


def sign_flipped(w, b, x, y, lr):
    error = _output(w, b, x) - y
    return w + lr * error * x, b + lr * error


def bias_forgotten(w, b, x, y, lr):
    return rule_tuple(w, b, x, y, lr)[0], b


def bias_without_lr(w, b, x, y, lr):
    return rule_tuple(w, b, x, y, lr)[0], b + (y - _output(w, b, x))


def updates_when_right(w, b, x, y, lr):
    return w + lr * y * x, b + lr * y


def lr_forgotten(w, b, x, y, lr):
    error = y - _output(w, b, x)
    return w + error * x, b + error


def strict_step(w, b, x, y, lr):
    error = y - float(w @ x + b > 0)
    return w + lr * error * x, b + lr * error


def unchanged(w, b, x, y, lr):
    return w, b


def squared_error(w, b, x, y, lr):
    error = y - _output(w, b, x)
    return w + lr * error * x * x, b + lr * error


WRONG_RULES = {
    "sign flipped": (sign_flipped, "check the sign of y − a"),
    "bias forgotten": (bias_forgotten, "the bias did not change"),
    "bias wrong": (bias_without_lr, "The weights are right, but not the bias"),
    "updates when right": (updates_when_right, "already gets right, y − a = 0, so nothing "
                                               "should change"),
    "lr forgotten": (lr_forgotten, "scaled by the learning rate lr"),
    "step at 0 gives 0": (strict_step, "the step function gives 1"),
    "nothing changes": (unchanged, "left w and b as they were"),
    "something else": (squared_error, "First compute the neuron's output a"),
}


def crashes(w, b, x, y, lr):
    return w[2] + b


def returns_nan(w, b, x, y, lr):
    return w * np.nan, b


def returns_nan_bias(w, b, x, y, lr):
    return w, float("nan")


def returns_huge_bias(w, b, x, y, lr):
    return w, 10**400


def returns_none(w, b, x, y, lr):
    w += 1.0


def returns_weights_only(w, b, x, y, lr):
    return w


def returns_three(w, b, x, y, lr):
    return w, b, lr


def returns_text(w, b, x, y, lr):
    return "w, b"


def returns_wrong_shape(w, b, x, y, lr):
    return np.zeros((3, 3)), b


def takes_too_few(w, b):
    return w, b


LEARNER_TROUBLE = {
    "crashes": (crashes, "your function raised IndexError: index 2 is out of bounds"),
    "nan weights": (returns_nan, "nan (not a number)"),
    "nan bias": (returns_nan_bias, "returned the new bias nan, not a finite number"),
    "huge bias": (returns_huge_bias, "not a finite number"),
    "no return": (returns_none, "returned None (is the return line missing?)"),
    "weights only": (returns_weights_only, "not a pair"),
    "three things": (returns_three, "returned 3 values, not a pair"),
    "text": (returns_text, "returned 'w, b', not a pair"),
    "wrong shape": (returns_wrong_shape, "they should be 2 numbers, one per input"),
    "too few arguments": (takes_too_few, "your function raised TypeError"),
}


@pytest.mark.parametrize("function, hint", [*WRONG_RULES.values(), *LEARNER_TROUBLE.values()],
                         ids=[*WRONG_RULES, *LEARNER_TROUBLE])
def test_a_wrong_rule_is_told_its_misconception_and_a_failing_one_how_it_failed(function, hint):
    assert hint in wrong(function)


@pytest.mark.parametrize("nonsense", [None, "abc", float("nan"), 10**400, np.zeros(3),
                                      [rule_tuple], 3.5], ids=repr)
def test_nonsense_instead_of_a_function_is_told_to_pass_the_function(nonsense):
    text = wrong(nonsense)
    assert text.startswith("✗ Not yet. Pass your function itself"), text


def test_the_check_cannot_be_fooled_by_changing_its_inputs():
    # A function that changes w in place and then reports the rule's result from the changed w
    # would pass only if the check compared against its own (changed) arrays.
    def doubles_the_nudge(w, b, x, y, lr):
        error = y - _output(w, b, x)
        w += lr * error * x
        return w + lr * error * x, b + 2 * lr * error

    wrong(doubles_the_nudge)
    assert [case[0].tolist() for case in checks.UPDATE_CASES] == [
        case[0].tolist() for case in checks._update_cases()]


def test_the_cases_cover_right_and_wrong_points_both_ways_and_the_edge():
    kinds = set()
    for w, b, x, y, _ in checks.UPDATE_CASES:
        z = w @ x + b
        kinds.add((y, int(z >= 0) == y, len(x), bool(z == 0)))
    assert {(1, True, 2, False), (0, True, 2, False), (1, False, 2, False),
            (0, False, 2, False), (0, False, 2, True)} <= kinds
    assert any(length == 3 for *_, length, _ in kinds)
