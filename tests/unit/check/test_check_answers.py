"""Exercise checks: ✓ for right answers in any right form, a hint (never a crash, never a
warning, never the answer) for anything else."""

import math
from fractions import Fraction
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from verdicts import right, said, wrong

from helpers import check, curves, descent


def _raises(*args):
    raise RuntimeError("oops")


def _nan(*args):
    return float("nan")


def _none(*args):
    return None


def _text(*args):
    return "0.5"


def _wrong_shape(*args):
    return np.ones(3)


def slope_of_f(w):
    return 3 * w**2 - 2


def f_cubic(w):
    return w**3 - 2 * w


def step_copy(w, grad, lr):
    return w - lr * grad


def step_in_place(w, grad, lr):
    w -= lr * grad
    return w


def step_then_spoil(w, grad, lr):
    """Right answer, but it scribbles over both of its inputs afterwards."""
    new = w - lr * grad
    if isinstance(w, np.ndarray):
        w[...] = 1e9
        grad[...] = -1e9
    return new


# --- The lines the saved notebooks print must not change -----------------------------------

NOTEBOOK_LINES = [
    (check.neuron_output, (0.0, 0.0), "✗ Not yet. z is not right yet. Hint: multiply each input "
     "by its weight, add the two products, then add the bias. Watch the sign of x₂ = −1."),
    (check.neuron_output, (0.5 * 2 + 1.5 * (-1) + 0.25, 0),
     "✓ Correct: z = -0.25, and since z is below 0 the neuron outputs a = 0."),
    (check.or_gate_weights, ([0.0, 0.0], 0.0), "✗ Not yet. Your neuron gets (0, 0) wrong. Hint: "
     "For (0, 0) the weighted sum is just b, and OR must output 0 there, so b needs to be "
     "negative."),
    (check.or_gate_weights, ([1.0, 1.0], -0.5), "✓ Correct: your neuron outputs 0 for (0, 0) "
     "and 1 for the other three inputs — it computes OR."),
    (check.parameter_count, (0,), "✗ Not yet. Hint: a layer from m inputs to k neurons has an "
     "m × k weight matrix and k biases. Add up both layers."),
    (check.parameter_count, (3 * 5 + 5 + 5 * 2 + 2,),
     "✓ Correct: 25 weights and 7 biases, 32 parameters in all."),
    (check.output_shape, ((0, 0),), "✗ Not yet. Hint: write down the shape after each layer in "
     "turn, starting from X's. Which of the two numbers counts examples, and which one does a "
     "layer change?"),
    (check.output_shape, ((10, 2),),
     "✓ Correct: one row per example, one column per output neuron."),
    (check.mse_by_hand, (0.0,), "✗ Not yet. Hint: for each example, subtract the target from "
     "the prediction, square it, then average the three squares."),
    (check.mse_by_hand, ((0.5**2 + 0**2 + (-1) ** 2) / 3,),
     "✓ Correct: the squared errors are 0.25, 0, 1, and their mean is 0.4167."),
    (check.lower_loss, ("",), "✗ Not yet. Answer with the string \"A\" or \"B\"; got ''."),
    (check.lower_loss, ("A",), "✓ Correct: model A's loss is 0.241 and model B's is 0.364. A is "
     "more confident, and right where it is confident."),
    (check.descent_step, (lambda w, grad, lr: w,), "✗ Not yet. For w = 3.0, grad = 6.0, lr = "
     "0.1 your step gives 3.0. Hint: the step is the learning rate times the slope."),
    (check.descent_step, (step_copy,),
     "✓ Correct: w − lr · grad, for numbers and for arrays alike."),
    (check.own_derivative, (f_cubic, lambda w: 0.0), "✗ Not yet. At w = -1.5 your derivative "
     "gives 0.0000 but the slope measured by finite differences is 4.7500 (relative error "
     "1.0e+00: ✗ they disagree: the exact derivative has a mistake). Hint: the derivative of "
     "wⁿ is n·wⁿ⁻¹."),
    (check.own_derivative, (f_cubic, slope_of_f), "✓ Your derivative passes the gradient check "
     "at all 5 points (relative error below 1e-6 at each)."),
    (check.one_step_lr, (1.0,), "✗ Not yet. That diverges: each step multiplies w by -7, larger "
     "than 1 in size. Hint: one step multiplies w by 1 − ηL."),
    (check.one_step_lr, (1 / 8,), "✓ Correct: η = 1/L = 0.125. One step multiplies w by "
     "1 − ηL = 0: straight to the bottom."),
    (check.largest_stable_lr, (1.0,), "✗ Not yet. Your estimate is more than 2% off: the real "
     "threshold is lower. Hint: run descent.gradient_descent(check.mystery_loss, "
     "check.mystery_slope, 1.0, lr, 200) for several lr and see where the loss stops falling."),
]


@pytest.mark.parametrize("function, args, line", NOTEBOOK_LINES,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(NOTEBOOK_LINES)])
def test_the_lines_the_notebooks_print_are_unchanged(function, args, line):
    assert said(function, *args) == line + "\n"


# --- Right answers in every right form -----------------------------------------------------

RIGHT_ANSWERS = [
    (check.neuron_output, (-0.25, 0)),
    (check.neuron_output, (np.float64(-0.25), np.array(0))),
    (check.neuron_output, (np.float32(-0.25), 0.0)),
    (check.neuron_output, (np.array([-0.25]), np.int64(0))),
    (check.neuron_output, (Fraction(-1, 4), -0.0)),
    (check.neuron_output, (-0.2500000001, np.array([0.0]))),
    (check.or_gate_weights, ([1, 1], -0.5)),
    (check.or_gate_weights, ((2.0, 3.0), -1.0)),
    (check.or_gate_weights, (np.array([0.5, 0.5]), np.float64(-0.4))),
    (check.or_gate_weights, (np.array([1, 1]), np.array(-1))),
    (check.or_gate_weights, ([np.int64(1), np.float32(1.0)], Fraction(-1, 2))),
    (check.or_gate_weights, ([1e308, 1e308], -1e308)),
    (check.or_gate_weights, ([1.7e308, 1.7e308], -1e-300)),
    (check.parameter_count, (32,)),
    (check.parameter_count, (32.0,)),
    (check.parameter_count, (np.int64(32),)),
    (check.parameter_count, (np.float32(32),)),
    (check.parameter_count, (np.array(32),)),
    (check.parameter_count, (np.array([32.0]),)),
    (check.output_shape, ((10, 2),)),
    (check.output_shape, ([10, 2],)),
    (check.output_shape, (np.array([10, 2]),)),
    (check.output_shape, (np.array([10.0, 2.0]),)),
    (check.output_shape, ((np.int64(10), np.int32(2)),)),
    (check.output_shape, ((10.0, 2.0),)),
    (check.output_shape, ([10.0, np.float64(2)],)),
    (check.output_shape, (np.zeros((10, 2)).shape,)),
    (check.mse_by_hand, (5 / 12,)),
    (check.mse_by_hand, (0.4167,)),
    (check.mse_by_hand, (np.float64(0.41666),)),
    (check.mse_by_hand, (np.array([5 / 12]),)),
    (check.lower_loss, ("A",)),
    (check.lower_loss, (" a ",)),
    (check.lower_loss, (np.str_("A"),)),
    (check.descent_step, (step_copy,)),
    (check.descent_step, (step_in_place,)),
    (check.descent_step, (step_then_spoil,)),
    (check.descent_step, (lambda w, grad, lr: np.subtract(w, np.multiply(lr, grad)),)),
    (check.descent_step, (lambda w, grad, lr: list(np.atleast_1d(w - lr * grad))
                          if np.ndim(w) else w - lr * grad,)),
    (check.own_derivative, (f_cubic, slope_of_f)),
    (check.own_derivative, (f_cubic, lambda w: np.array([3 * w**2 - 2]))),
    (check.own_derivative, (lambda w: np.float64(w) ** 3 - 2 * w, slope_of_f)),
    (check.one_step_lr, (1 / 8,)),
    (check.one_step_lr, (0.125,)),
    (check.one_step_lr, (np.float32(0.125),)),
    (check.one_step_lr, (np.array(0.125),)),
    (check.one_step_lr, (Fraction(1, 8),)),
    (check.largest_stable_lr, (0.4,)),
    (check.largest_stable_lr, (0.395,)),
    (check.largest_stable_lr, (0.407,)),
    (check.largest_stable_lr, (np.float32(0.4),)),
    (check.largest_stable_lr, (np.array([0.4]),)),
]


@pytest.mark.parametrize("function, args", RIGHT_ANSWERS,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(RIGHT_ANSWERS)])
def test_a_right_answer_in_any_right_form_passes(function, args):
    right(function, *args)


# --- Typical wrong answers get the right hint ----------------------------------------------

WRONG_ANSWERS = [
    (check.neuron_output, (0.0, 0.0), "multiply each input by its weight"),
    (check.neuron_output, (0.25, 0), "multiply each input by its weight"),
    (check.neuron_output, (-0.25, 1), "z is right"),
    (check.neuron_output, ("-0.25", 0), "z should be a single number"),
    (check.neuron_output, (-0.25, None), "a should be a single number"),
    (check.neuron_output, ([1, 2], 0), "z should be a single number"),
    (check.neuron_output, (10**400, 0), "too large"),
    (check.neuron_output, (float("nan"), 0), "z is nan"),
    (check.or_gate_weights, ([0, 0], 0.0), "b needs to be negative"),
    (check.or_gate_weights, ([1, 1], -1.5), "Each input alone"),
    (check.or_gate_weights, ([1, 1, 1], -0.5), "w should be two"),
    (check.or_gate_weights, ("ab", -0.5), "w should be two"),
    (check.or_gate_weights, ([1, np.nan], -0.5), "w should be two"),
    (check.or_gate_weights, ([10**400, 1], -0.5), "w should be two"),
    (check.or_gate_weights, ([True, True], -0.5), "w should be two"),
    (check.or_gate_weights, ([1, 1], "x"), "b should be a single number"),
    (check.or_gate_weights, ([1, 1], 10**400), "too large"),
    (check.or_gate_weights, ([1e308, 1e308], 1e308), "b needs to be negative"),
    (check.parameter_count, (25,), "You counted the weights"),
    (check.parameter_count, (30,), "m × k weight matrix"),
    (check.parameter_count, (10**400,), "m × k weight matrix"),
    (check.parameter_count, (-32,), "cannot be negative"),
    (check.parameter_count, (32.5,), "whole number"),
    (check.parameter_count, (float("inf"),), "whole number"),
    (check.output_shape, ((2, 10),), "Which way round"),
    (check.output_shape, (np.array([2, 10]),), "Which way round"),
    (check.output_shape, ((10, 5),), "after the hidden layer"),
    (check.output_shape, ((10, 2, 1),), "your answer has 3"),
    (check.output_shape, ((10.5, 2),), "two whole numbers"),
    (check.output_shape, ((10, None),), "two whole numbers"),
    (check.output_shape, ((10, 10**400),), "write down the shape after each layer"),
    (check.output_shape, ("(10, 2)",), "two whole numbers"),
    (check.output_shape, (np.array([[10, 2]]),), "two whole numbers"),
    (check.mse_by_hand, (1.25,), "The M in MSE is for mean"),
    (check.mse_by_hand, (0.5,), "Square each error first"),
    (check.mse_by_hand, (0.0,), "average the three squares"),
    (check.mse_by_hand, (-10**400,), "too large"),
    (check.lower_loss, ("B",), "−log(p)"),
    (check.lower_loss, ("C",), 'the string "A" or "B"'),
    (check.lower_loss, (b"A",), 'the string "A" or "B"'),
    (check.descent_step, (lambda w, grad, lr: w + lr * grad,), "goes uphill"),
    (check.descent_step, (lambda w, grad, lr: w - grad,), "learning rate times the slope"),
    (check.descent_step, (lambda w, grad, lr: None,), "returned None"),
    (check.descent_step, (lambda w, grad, lr: np.reshape(w - lr * grad, (-1, 1)),),
     "same shape as w"),
    (check.descent_step, (lambda w, grad, lr: w - lr * grad if np.ndim(w) == 0
                          else float("nan") * w,), "nan or inf"),
    (check.descent_step, (curves.parabola,), "TypeError"),
    (check.own_derivative, (f_cubic, lambda w: 3 * w**2), "the derivative of wⁿ"),
    (check.own_derivative, (f_cubic, lambda w: None), "not a number"),
    (check.own_derivative, (f_cubic, lambda w: float("inf")), "not a finite number"),
    (check.own_derivative, (f_cubic, lambda w: 10**400), "not a finite number"),
    (check.own_derivative, (lambda w: 1e308 if w > -1.5 else -1e308, slope_of_f),
     "too large to measure"),
    (check.own_derivative, (lambda w: 1e300 * w**3, slope_of_f), "relative error 1.0e+00"),
    (check.own_derivative, (lambda w: "f", slope_of_f), "f returned 'f'"),
    (check.own_derivative, (lambda w: 1e308, lambda w: 1e308), "the derivative of wⁿ"),
    (check.one_step_lr, (0.25,), "edge of stability"),
    (check.one_step_lr, (0.1,), "That converges"),
    (check.one_step_lr, (1.0,), "That diverges"),
    (check.one_step_lr, (1e308,), "That diverges"),
    (check.one_step_lr, (0,), "must be positive"),
    (check.one_step_lr, (-1e308,), "must be positive"),
    (check.one_step_lr, (10**400,), "too large"),
    (check.largest_stable_lr, (1.0,), "threshold is lower"),
    (check.largest_stable_lr, (0.1,), "threshold is higher"),
    (check.largest_stable_lr, (-0.4,), "must be positive"),
    (check.largest_stable_lr, (1e308,), "threshold is lower"),
]


@pytest.mark.parametrize("function, args, hint", WRONG_ANSWERS,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(WRONG_ANSWERS)])
def test_a_typical_wrong_answer_gets_its_hint(function, args, hint):
    assert hint in wrong(function, *args)


def test_the_two_over_l_hint_guides_without_giving_the_rate_away():
    text = wrong(check.one_step_lr, 0.25)
    assert "1 − ηL" in text
    for giveaway in ("Half", "half", "0.125", "1/8", "1/L", "divide", "÷"):
        assert giveaway not in text


@pytest.mark.parametrize("learner", [
    lambda: check.descent_step(_raises),
    lambda: check.own_derivative(f_cubic, _raises),
    lambda: check.own_derivative(_raises, slope_of_f),
])
def test_a_function_that_raises_is_quoted_with_its_error(learner):
    assert "RuntimeError: oops" in wrong(learner)


def test_a_long_multi_line_error_is_quoted_on_one_short_line():
    def noisy(w, grad, lr):
        raise ValueError("first line\nsecond line " + "x" * 500)

    text = wrong(check.descent_step, noisy)
    assert "ValueError: first line second line" in text and len(text) < 400


@pytest.mark.parametrize("learner", [
    lambda function: check.descent_step(function),
    lambda function: check.own_derivative(f_cubic, function),
    lambda function: check.own_derivative(function, slope_of_f),
])
@pytest.mark.parametrize("function", [_nan, _none, _text, _wrong_shape])
def test_a_function_returning_nonsense_gets_a_plain_hint(learner, function):
    text = wrong(learner, function)
    assert "raised" not in text


def test_descent_step_gives_the_learner_copies_and_keeps_its_own_cases():
    cases = [(np.copy(w), np.copy(g), lr) for w, g, lr in check.DESCENT_CASES]
    right(check.descent_step, step_then_spoil)
    right(check.descent_step, step_in_place)
    for (w, g, lr), (w0, g0, lr0) in zip(check.DESCENT_CASES, cases, strict=True):
        assert np.array_equal(w, w0) and np.array_equal(g, g0) and lr == lr0
    right(check.descent_step, step_in_place)


# --- Strange answers, in every slot of every check -----------------------------------------

STRANGE_ANSWERS = {
    "None": None, "text 0.5": "0.5", "empty list": [], "empty dict": {},
    "three numbers": [1, 2, 3], "array of nan": np.array([np.nan]), "nan": float("nan"),
    "inf": float("inf"), "True": True, "object": object(), "function that raises": _raises,
    "3x3 ones": np.ones((3, 3)), "1-tuple": (1,), "-1e308": -1e308, "10**400": 10**400,
    "-10**400": -(10**400), "1e308": 1e308, "function returning nan": _nan,
    "function returning None": _none, "array for a number": np.array([0.25, 0.5, 1.0]),
    "function returning text": _text, "function returning a wrong shape": _wrong_shape,
    "-inf": float("-inf"), "complex": 1 + 2j,
}

# Each slot takes one answer; the texts are the right answer, which no ✗ line may contain.
SLOTS = {
    "neuron_output z": (lambda a: check.neuron_output(a, 0), ["-0.25"]),
    "neuron_output a": (lambda a: check.neuron_output(-0.25, a), ["-0.25", "a = 0"]),
    "or_gate_weights w": (lambda a: check.or_gate_weights(a, -0.5), ["[1.0, 1.0]", "[1, 1]"]),
    "or_gate_weights b": (lambda a: check.or_gate_weights([1, 1], a), ["-0.5"]),
    "parameter_count": (check.parameter_count, ["32", "25 weights"]),
    "output_shape": (check.output_shape, ["(10, 2)", "[10, 2]"]),
    "mse_by_hand": (check.mse_by_hand, ["0.4167", "0.41666", "5/12"]),
    "lower_loss": (check.lower_loss, ["0.241", "0.364", "model A"]),
    "descent_step": (check.descent_step, ["2.4", "0.875", "w − lr", "w - lr"]),
    "own_derivative f_slope": (lambda a: check.own_derivative(f_cubic, a),
                               ["3w²", "3 * w", "3·w²"]),
    "own_derivative f": (lambda a: check.own_derivative(a, slope_of_f), ["3w²", "3 * w"]),
    "one_step_lr": (check.one_step_lr, ["0.125", "1/8", "1/L", "Half"]),
    "largest_stable_lr": (check.largest_stable_lr, ["0.4", "2/5"]),
}


@pytest.mark.parametrize("slot", list(SLOTS))
@pytest.mark.parametrize("name", list(STRANGE_ANSWERS))
def test_a_strange_answer_gets_one_kind_line_and_never_the_answer(slot, name):
    check_one, answers = SLOTS[slot]
    text = wrong(check_one, STRANGE_ANSWERS[name])
    for answer in answers:
        assert answer not in text, (answer, text)


# --- Any number at all: one line, ✓ only within the tolerance ------------------------------

any_number = st.one_of(
    st.floats(),  # with nan, ±inf, ±1e308 and the subnormals
    st.integers(),
    st.integers(min_value=10**300, max_value=10**400),
    st.integers(max_value=-(10**300), min_value=-(10**400)),
)


def near(centre, width):
    return st.one_of(any_number, st.floats(centre - width, centre + width))


def passes(function, *args):
    return said(function, *args).startswith("✓")


@settings(max_examples=300, deadline=None)
@given(near(-0.25, 1e-5))
def test_neuron_output_z_passes_only_within_its_tolerance(z):
    ok = passes(check.neuron_output, z, 0)
    if ok:
        assert abs(z - (-0.25)) <= 1e-6 * (1 + 1e-9)
    elif isinstance(z, float) and abs(z + 0.25) <= 0.999e-6:
        pytest.fail(f"{z} is right within 1e-6 but was refused")


@settings(max_examples=200, deadline=None)
@given(near(0.0, 1e-3))
def test_neuron_output_a_passes_only_for_zero(a):
    assert passes(check.neuron_output, -0.25, a) == (a == 0)


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_number, st.integers(20, 40), st.floats(31, 33)))
def test_parameter_count_passes_only_for_32(n):
    assert passes(check.parameter_count, n) == (n == 32)


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_number, st.integers(0, 12)), st.one_of(any_number, st.integers(0, 12)))
def test_output_shape_passes_only_for_10_by_2(rows, columns):
    expected = rows == 10 and columns == 2
    assert passes(check.output_shape, (rows, columns)) == expected
    assert passes(check.output_shape, [rows, columns]) == expected


@settings(max_examples=300, deadline=None)
@given(near(5 / 12, 2e-3))
def test_mse_by_hand_passes_only_within_its_tolerance(x):
    ok = passes(check.mse_by_hand, x)
    if ok:
        assert abs(x - 5 / 12) <= 1e-3 * (1 + 1e-9)
    elif isinstance(x, float) and abs(x - 5 / 12) <= 0.999e-3:
        pytest.fail(f"{x} is within 1e-3 of 5/12 but was refused")


@settings(max_examples=300, deadline=None)
@given(near(0.125, 3e-4))
def test_one_step_lr_passes_only_within_its_tolerance(x):
    ok = passes(check.one_step_lr, x)
    if ok:
        assert abs(x - 0.125) <= 0.125e-3 * (1 + 1e-9)
    elif isinstance(x, float) and abs(x - 0.125) <= 0.999 * 0.125e-3:
        pytest.fail(f"{x} is within 0.1% of 1/8 but was refused")


@settings(max_examples=300, deadline=None)
@given(near(0.4, 0.02))
def test_largest_stable_lr_passes_only_within_two_percent(x):
    text = said(check.largest_stable_lr, x)
    if text.startswith("✓"):
        assert abs(x - 0.4) <= 0.008 * (1 + 1e-9)
    else:
        assert "0.4" not in text, "a wrong-answer hint must not reveal the threshold"
        if isinstance(x, float) and abs(x - 0.4) <= 0.999 * 0.008:
            pytest.fail(f"{x} is within 2% of 0.4 but was refused")


def _computes_or(w1, w2, b):
    """OR by its three conditions, in exact arithmetic: no rounding, no overflow."""
    w1, w2, b = Fraction(w1), Fraction(w2), Fraction(b)
    return b < 0 and w1 + b >= 0 and w2 + b >= 0


finite = st.one_of(st.floats(allow_nan=False, allow_infinity=False),
                   st.sampled_from([1e308, -1e308, 1.0, -1.0, 0.5, -0.5, 0.0]))


@settings(max_examples=300, deadline=None)
@given(finite, finite, finite)
def test_or_gate_weights_passes_exactly_when_the_neuron_computes_or(w1, w2, b):
    assert passes(check.or_gate_weights, [w1, w2], b) == _computes_or(w1, w2, b)


@settings(max_examples=100, deadline=None)
@given(any_number, any_number)
def test_or_gate_weights_answers_any_pair_of_numbers(w, b):
    said(check.or_gate_weights, [w, w], b)


# --- descent_step for any arrays and learning rates ----------------------------------------

@st.composite
def descent_cases(draw):
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=2, max_side=5))
    values = st.floats(-1e6, 1e6)
    w = draw(hnp.arrays(np.float64, shape, elements=values))
    grad = draw(hnp.arrays(np.float64, shape, elements=values))
    lr = draw(st.floats(1e-4, 10))
    scalar = (draw(values), draw(values), draw(st.floats(1e-4, 10)))
    return [(w, grad, lr), scalar]


@settings(max_examples=150, deadline=None)
@given(descent_cases())
def test_descent_step_passes_in_place_copying_and_spoiling_functions_for_any_case(cases):
    kept = [(np.copy(w), np.copy(grad), lr) for w, grad, lr in cases]
    with mock.patch.object(check, "DESCENT_CASES", cases):
        for function in (step_in_place, step_copy, step_then_spoil):
            right(check.descent_step, function)
    for (w, grad, _), (w0, grad0, _) in zip(cases, kept, strict=True):
        assert np.array_equal(w, w0) and np.array_equal(grad, grad0), "the learner got originals"
    w, grad, lr = cases[0]
    if np.any(np.abs(lr * grad) > 1e-3 * (1 + np.abs(w))):  # a step big enough to see
        with mock.patch.object(check, "DESCENT_CASES", cases):
            wrong(check.descent_step, lambda w, grad, lr: w + lr * grad)


# --- The mystery parabola of notebook 05 ---------------------------------------------------

def _notebook_bisection():
    """The worked solution of notebook 05, exactly as the notebook runs it."""
    low, high = 0.001, 10.0
    for _ in range(30):
        middle = (low + high) / 2
        walk = descent.gradient_descent(check.mystery_loss, check.mystery_slope, 1.0, middle, 200)
        if not walk.diverged and walk.losses[-1] < walk.losses[0]:
            low = middle
        else:
            high = middle
    return low


def test_the_notebooks_bisection_finds_the_threshold_and_passes():
    largest = _notebook_bisection()
    assert abs(largest - 0.4) / 0.4 < 0.02
    # What the saved notebook prints after it:
    assert f"largest stable η ≈ {largest:.4f}, so the curvature is about {2 / largest:.2f}" == \
        "largest stable η ≈ 0.4000, so the curvature is about 5.00"
    assert said(check.largest_stable_lr, largest) == (
        "✓ Correct (within 0.0%): above about 0.4 the walk diverges. The curvature must be 2 "
        "divided by that.\n")


@pytest.mark.parametrize("factor, converges", [(0.98, True), (1.02, False)])
def test_the_mystery_threshold_is_two_fifths(factor, converges):
    walk = descent.gradient_descent(check.mystery_loss, check.mystery_slope, 1.0, 0.4 * factor,
                                    200)
    assert (not walk.diverged and walk.losses[-1] < walk.losses[0]) == converges


@pytest.mark.parametrize("w", [-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0])
def test_one_call_does_not_give_the_mystery_curvature_away(w):
    slope, loss = float(check.mystery_slope(w)), float(check.mystery_loss(w))
    guesses = [abs(slope), 2 * loss]
    if w:
        guesses += [slope / w, 2 * loss / w**2, abs(slope) / abs(w)]
    for guess in guesses:
        assert not math.isclose(guess, 5.0, rel_tol=0.05), (w, guess)
        assert not math.isclose(guess, 0.4, rel_tol=0.05), (w, guess)


def test_mystery_slope_is_the_slope_of_mystery_loss():
    for w in (-1.3, 0.0, 0.7, 2.0):
        assert math.isclose(float(check.mystery_slope(w)),
                            descent.numerical_slope(check.mystery_loss, w), abs_tol=1e-6)
    w = np.array([0.5, -1.0])
    grad = descent.gradient_check(check.mystery_loss, check.mystery_slope, w)
    assert grad.passed
