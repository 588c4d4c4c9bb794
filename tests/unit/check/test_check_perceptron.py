"""Notebook 01's checks: neuron_output, or_gate_weights, perceptron_update and
sign_flip_prediction. ✓ for a right answer in any right form and only for it, the hint that
names the misconception of a typical wrong one, never the answer. (Strange answers in every
slot: test_check_answers.py.)"""

from fractions import Fraction

import numpy as np
import pytest
import verdicts
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import data, perceptron
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


# --- neuron_output and or_gate_weights -------------------------------------------------------

@pytest.mark.parametrize("z, a", [
    (-0.25, 0), (np.float64(-0.25), np.array(0)), (np.float32(-0.25), 0.0),
    (np.array([-0.25]), np.int64(0)), (Fraction(-1, 4), -0.0), (-0.2500000001, np.array([0.0])),
])
def test_neuron_output_passes_the_right_z_and_a_in_any_form(z, a):
    verdicts.right(checks.neuron_output, z, a)


@pytest.mark.parametrize("z, a, hint", [
    (0.0, 0.0, "multiply each input by its weight"),
    (0.25, 0, "Watch the sign of x₂ = −1"),
    (-0.25, 1, "z is right"),
    ("-0.25", 0, "z should be a single number"),
    (-0.25, None, "a should be a single number"),
    (10**400, 0, "too large"),
    (float("nan"), 0, "z is nan"),
])
def test_neuron_output_names_what_is_wrong(z, a, hint):
    assert hint in verdicts.wrong(checks.neuron_output, z, a)


@pytest.mark.parametrize("w, b", [
    ([1, 1], -0.5), ((2.0, 3.0), -1.0), (np.array([0.5, 0.5]), np.float64(-0.4)),
    (np.array([1, 1]), np.array(-1)), ([np.int64(1), np.float32(1.0)], Fraction(-1, 2)),
    ([1e308, 1e308], -1e308), ([1.7e308, 1.7e308], -1e-300),
])
def test_or_gate_weights_passes_any_weights_that_compute_or(w, b):
    verdicts.right(checks.or_gate_weights, w, b)


@pytest.mark.parametrize("w, b, hint", [
    ([0, 0], 0.0, "b needs to be negative"),
    ([1, 1], -1.5, "Each input alone"),
    ([1, 1, 1], -0.5, "w should be two"),
    ([1, np.nan], -0.5, "w should be two"),
    ([True, True], -0.5, "w should be two"),
    ([1, 1], 10**400, "too large"),
    ([1e308, 1e308], 1e308, "b needs to be negative"),
])
def test_or_gate_weights_names_what_is_wrong(w, b, hint):
    assert hint in verdicts.wrong(checks.or_gate_weights, w, b)


any_number = st.one_of(
    st.floats(),  # with nan, ±inf, ±1e308 and the subnormals
    st.integers(),
    st.integers(min_value=10**300, max_value=10**400),
    st.integers(max_value=-(10**300), min_value=-(10**400)),
)


def passes(function, *args):
    return verdicts.said(function, *args).startswith("✓")


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_number, st.floats(-0.25 - 1e-5, -0.25 + 1e-5)))
def test_neuron_output_z_passes_only_within_its_tolerance(z):
    ok = passes(checks.neuron_output, z, 0)
    if ok:
        assert abs(z - (-0.25)) <= checks.NEURON_TOLERANCE * (1 + 1e-9)
    elif isinstance(z, float) and abs(z + 0.25) <= 0.999 * checks.NEURON_TOLERANCE:
        pytest.fail(f"{z} is right within the tolerance but was refused")


@settings(max_examples=200, deadline=None)
@given(st.one_of(any_number, st.floats(-1e-3, 1e-3)))
def test_neuron_output_a_passes_only_for_zero(a):
    assert passes(checks.neuron_output, -0.25, a) == (a == 0)


def _computes_or(w1, w2, b):
    """OR by its three conditions, in exact arithmetic: no rounding, no overflow."""
    w1, w2, b = Fraction(w1), Fraction(w2), Fraction(b)
    return b < 0 and w1 + b >= 0 and w2 + b >= 0


finite = st.one_of(st.floats(allow_nan=False, allow_infinity=False),
                   st.sampled_from([1e308, -1e308, 1.0, -1.0, 0.5, -0.5, 0.0]))


@settings(max_examples=300, deadline=None)
@given(finite, finite, finite)
def test_or_gate_weights_passes_exactly_when_the_neuron_computes_or(w1, w2, b):
    assert passes(checks.or_gate_weights, [w1, w2], b) == _computes_or(w1, w2, b)


@settings(max_examples=100, deadline=None)
@given(any_number, any_number)
def test_or_gate_weights_answers_any_pair_of_numbers(w, b):
    verdicts.said(checks.or_gate_weights, [w, w], b)


# --- sign_flip_prediction: Predict, then try ------------------------------------------------

def test_the_flip_prediction_is_about_the_explorers_start_and_its_answer_is_every_other_point():
    n, before, after = checks._flip_counts()
    assert (n, before) == (40, 3)
    # No point lies on the line, so flipping the signs makes every right point wrong.
    X, y = data.two_clouds(**checks.FLIP_POINTS)
    assert np.all(perceptron.weighted_sum(X, np.array(checks.FLIP_W), checks.FLIP_B) != 0)
    assert after == n - before


@pytest.mark.parametrize("answer", [37, 37.0, np.int64(37), np.array(37), Fraction(37)])
def test_sign_flip_prediction_passes_the_right_count_in_any_form(answer):
    verdicts.right(checks.sign_flip_prediction, answer)


@pytest.mark.parametrize("answer, hint", [
    (3, "The line does stay where it is"),
    (0, "Can that make every point right?"),
    (40, "Start from the 3 points that are wrong now"),
    (36, "multiplies z = w·x + b by −1"),
    (-1, "a whole number of points, from 0 to 40"),
    (41, "a whole number of points, from 0 to 40"),
    (36.5, "a whole number of points"),
    (None, "a whole number of points"),
    ("thirty", "a whole number of points"),
    (True, "a whole number of points"),
    (10**400, "a whole number of points"),
    (float("nan"), "a whole number of points"),
])
def test_sign_flip_prediction_explains_without_the_answer(answer, hint):
    assert hint in verdicts.wrong(checks.sign_flip_prediction, answer, forbidden=("37",))


def test_sign_flip_prediction_never_says_which_way_to_go():
    # Not bisectable: no ✗ line says higher or lower, more or fewer.
    for answer in range(41):
        text = verdicts.said(checks.sign_flip_prediction, answer).lower()
        if text.startswith("✗"):
            assert not any(word in text for word in ("higher", "lower", "more", "fewer", "less",
                                                     "too many", "too few", "larger", "smaller"))
