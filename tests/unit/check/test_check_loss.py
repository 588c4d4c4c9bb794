"""Notebook 03's checks: valley_prediction, mse_by_hand, lower_loss, and the learner's own
functions (mse_slope_function, neuron_bce_function). ✓ for a right answer in any right form and
only for it, a hint naming the mistake (never the answer, never the formula) for anything else.
(Strange answers in every slot, and functions that raise, return nonsense or never return:
test_check_answers.py.)"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from verdicts import right, said
from verdicts import wrong as _wrong

from helpers import activations, check, data, losses
from helpers.check import _loss as loss_checks

# Pieces of the answers' code, which no ✗ line may contain.
CODE = ("2 * (y_pred - y)", "(y_pred - y) / ", "2(ŷ", "2 (ŷ", "/ n", "X @ w + b", "σ(X",
        "sigmoid(X", "np.log(p)", "y * np.log")


def slope_wrong(function):
    """A ✗ line for the learner's mse_slope that gives no slope of the cases away."""
    text = _wrong(check.mse_slope_function, function, forbidden=CODE)
    verdict = text
    for y, q in loss_checks.MSE_SLOPE_CASES:  # the inputs it quotes aside
        verdict = verdict.replace(loss_checks._shown(y), "").replace(loss_checks._shown(q), "")
    for y, q in loss_checks.MSE_SLOPE_CASES:
        for value in losses.mse_grad(np.asarray(y, dtype=float), np.asarray(q, dtype=float)):
            assert f"{value:.3f}" not in verdict and f"{value:.4g}" not in verdict, text
    return text


def neuron_wrong(function):
    """A ✗ line for the learner's neuron_bce that gives no loss of the cases away."""
    text = _wrong(check.neuron_bce_function, function, forbidden=CODE)
    verdict = text.split(" your function ", 1)[-1]
    for X, y, w, b in loss_checks.NEURON_CASES:
        value = losses.binary_cross_entropy(y, activations.sigmoid(X @ w + b))
        for shown in (f"{value:.2f}", f"{value:.3f}", f"{value:.4f}", f"{value:.6g}"):
            assert shown not in verdict, (shown, text)
    return text


# --- valley_prediction: Predict, then try ---------------------------------------------------

@pytest.mark.parametrize("answer", ["down", " Down ", np.str_("DOWN")], ids=repr)
def test_valley_prediction_passes_down_in_any_form(answer):
    right(loss_checks.valley_prediction, answer)


@pytest.mark.parametrize("answer, hint", [
    ("up", "On which side of the middle does a steeper line rise"),
    ("neither", "Which way must the whole line then shift"),
    ("left", 'one of the strings "up", "down" or "neither"'),
    (None, 'one of the strings "up", "down" or "neither"'),
    (-1, 'one of the strings "up", "down" or "neither"'),
])
def test_valley_prediction_explains_without_the_answer(answer, hint):
    text = _wrong(loss_checks.valley_prediction, answer, forbidden=("Right: down",))
    assert hint in text
    assert "down" not in text.replace('"down"', "")  # the answer is never said


def test_valley_prediction_is_about_the_notebooks_points():
    x, _ = data.noisy_line(n=20)
    assert (x.min(), x.max()) == (0, 2) and x.mean() == 1  # the middle is right of x = 0
    slopes, intercepts = np.array([1.0, 1.5]), np.linspace(-3, 3, 6001)
    surface = losses.line_loss_surface(*data.noisy_line(n=20), slopes, intercepts)
    lower, higher = intercepts[np.argmin(surface, axis=0)]
    assert higher < lower  # a steeper best line has a lower intercept: down


# --- mse_slope_function: Exercise 3 ---------------------------------------------------------


def slope_numpy(y, y_pred):
    y, y_pred = np.asarray(y, dtype=float), np.asarray(y_pred, dtype=float)
    return 2 * (y_pred - y) / y.size


def slope_plain_python(y, y_pred):
    return [2 * (q - t) / len(y) for t, q in zip(y, y_pred, strict=True)]


def slope_measured(y, y_pred):
    """By nudging each prediction in turn: the learner's own finite differences."""
    y, y_pred = np.asarray(y, dtype=float), np.asarray(y_pred, dtype=float)
    slopes = []
    for i in range(y_pred.size):
        step = np.zeros_like(y_pred)
        step[i] = 1e-6
        slopes.append((losses.mse(y, y_pred + step) - losses.mse(y, y_pred - step)) / 2e-6)
    return np.array(slopes)


def slope_column(y, y_pred):
    return slope_numpy(y, y_pred).reshape(-1, 1)  # the right numbers, as a column


@pytest.mark.parametrize("function", [slope_numpy, slope_plain_python, slope_measured,
                                      slope_column, losses.mse_grad])
def test_mse_slope_function_accepts_every_right_form(function):
    assert said(check.mse_slope_function, function).startswith("✓ Correct")


def _arrays(formula):
    return lambda y, q: formula(np.asarray(y, dtype=float), np.asarray(q, dtype=float))


SLOPE_MISTAKES = {
    "no 1/n": (_arrays(lambda y, q: 2 * (q - y)), "n times too large"),
    "no 2": (_arrays(lambda y, q: (q - y) / y.size), "half the right size"),
    "the errors": (_arrays(lambda y, q: q - y), "the errors themselves"),
    "sign": (_arrays(lambda y, q: 2 * (y - q) / y.size), "wrong sign"),
    "sign, no 1/n": (_arrays(lambda y, q: 2 * (y - q)), "wrong sign"),
    "the squares": (_arrays(lambda y, q: (q - y) ** 2 / y.size), "the squared errors"),
    "one number": (_arrays(lambda y, q: np.mean(2 * (q - y))), "returned one number"),
    "zeros": (_arrays(lambda y, q: np.zeros_like(q)), "Nudge one prediction"),
    "lists unconverted": (lambda y, q: 2 * (q - y) / len(y), "np.asarray"),
    "none": (lambda y, q: None, "return line"),
    "nan": (lambda y, q: np.full(len(y), np.nan), "nan or infinity"),
    "text": (lambda y, q: "slopes", "not numbers"),
}


@pytest.mark.parametrize("mistake", sorted(SLOPE_MISTAKES))
def test_mse_slope_function_names_the_mistake_without_the_answer(mistake):
    function, hint = SLOPE_MISTAKES[mistake]
    assert hint in slope_wrong(function)


def test_the_slope_cases_are_fresh_lists_and_arrays_with_errors_of_both_signs():
    cases = loss_checks.MSE_SLOPE_CASES
    assert {type(y) for y, _ in cases} == {list, np.ndarray}
    assert {len(y) for y, _ in cases} >= {1, 10}
    y, q = cases[0]
    assert len(y) > 2 and len(set(np.sign(np.subtract(q, y)))) == 2
    assert not any(tuple(np.asarray(y)) == loss_checks.MSE_TARGETS for y, _ in cases)


def test_a_function_that_changes_its_inputs_in_place_does_not_change_the_cases():
    before = [(np.array(y), np.array(q)) for y, q in loss_checks.MSE_SLOPE_CASES]

    def vandal(y, y_pred):
        result = slope_numpy(y, y_pred)
        if isinstance(y, list):
            y.clear()
        else:
            y[...] = 0
        return result

    said(check.mse_slope_function, vandal)
    for (y, q), (old_y, old_q) in zip(loss_checks.MSE_SLOPE_CASES, before, strict=True):
        np.testing.assert_array_equal(np.asarray(y), old_y)
        np.testing.assert_array_equal(np.asarray(q), old_q)


# --- neuron_bce_function: Exercise 4 --------------------------------------------------------


def neuron_numpy(X, y, w, b):
    p = activations.sigmoid(X @ w + b)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def neuron_helpers(X, y, w, b):
    return losses.binary_cross_entropy(y, activations.sigmoid(X @ w + b))


def neuron_plain_python(X, y, w, b):
    total = 0.0
    for row, target in zip(X.tolist(), y.tolist(), strict=True):
        p = 1 / (1 + math.exp(-(sum(v * u for v, u in zip(row, w, strict=True)) + b)))
        total += -math.log(p) if target == 1 else -math.log(1 - p)
    return total / len(y)


def neuron_dot_float32(X, y, w, b):
    p = (1 / (1 + np.exp(-(np.dot(X, w) + b)))).astype(np.float32)
    return np.float32(-np.mean(np.where(y == 1, np.log(p), np.log1p(-p))))


@pytest.mark.parametrize("function", [neuron_numpy, neuron_helpers, neuron_plain_python,
                                      neuron_dot_float32])
def test_neuron_bce_function_accepts_every_right_form(function):
    assert said(check.neuron_bce_function, function).startswith("✓ Correct")


def _with_p(formula):
    """A loss from the neuron's right probabilities p, by a (wrong) formula of y and p."""
    return lambda X, y, w, b: formula(y, activations.sigmoid(X @ w + b))


NEURON_MISTAKES = {
    "no bias": (lambda X, y, w, b: neuron_helpers(X, y, w, 0.0), "leaves out the bias"),
    "class 0's p": (lambda X, y, w, b: neuron_helpers(X, y, -w, -b), "those of class 0"),
    "no minus": (lambda X, y, w, b: -neuron_numpy(X, y, w, b), "Your loss is negative"),
    "log10": (_with_p(lambda y, p: -np.mean(y * np.log10(p) + (1 - y) * np.log10(1 - p))),
              "np.log10"),
    "log2": (_with_p(lambda y, p: -np.mean(y * np.log2(p) + (1 - y) * np.log2(1 - p))),
             "np.log2"),
    "−log p for all": (_with_p(lambda y, p: -np.mean(np.log(p))), "for every example"),
    "summed": (_with_p(lambda y, p: -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))),
               "J is their average"),
    "only class 1": (_with_p(lambda y, p: -np.mean(y * np.log(p))), "Only the examples of "
                                                                    "class 1"),
    "per example": (_with_p(lambda y, p: -(y * np.log(p) + (1 - y) * np.log(1 - p))),
                    "one value per example"),
    "z for p": (lambda X, y, w, b: -np.mean(y * np.log(X @ w + b)
                                            + (1 - y) * np.log(1 - (X @ w + b))),
                "no probability"),
    "step for sigmoid": (lambda X, y, w, b: -np.mean(
        y * np.log(activations.step(X @ w + b)) + (1 - y) * np.log(1 - activations.step(
            X @ w + b))), "a step gives exactly 0 or 1"),
    "w @ X": (lambda X, y, w, b: neuron_numpy(X.T, y, w, b), "X @ w gives one weighted sum"),
    "zero": (lambda X, y, w, b: 0.0, "Print the neuron's probabilities"),
    "none": (lambda X, y, w, b: None, "return line"),
    "text": (lambda X, y, w, b: "loss", "one number"),
}


@pytest.mark.parametrize("mistake", sorted(NEURON_MISTAKES))
def test_neuron_bce_function_names_the_mistake_without_the_answer(mistake):
    function, hint = NEURON_MISTAKES[mistake]
    assert hint in neuron_wrong(function)


def test_the_neurons_are_fresh_with_probabilities_away_from_0_and_1():
    sizes = set()
    for X, y, w, b in loss_checks.NEURON_CASES:
        p = activations.sigmoid(X @ w + b)
        assert np.all((p > 0.04) & (p < 0.96))  # no clipping
        assert set(y) <= {0.0, 1.0} and X.shape == (len(y), len(w))
        sizes.add(X.shape)
    assert len(sizes) == len(loss_checks.NEURON_CASES)
    X, y, w, b = loss_checks.NEURON_CASES[0]
    z = X @ w + b
    assert set(y) == {0.0, 1.0} and np.any(z > 0) and np.any(z < 0) and b != 0


# --- mse_by_hand and lower_loss ----------------------------------------------------------------

@pytest.mark.parametrize("answer", [5 / 12, 0.4167, np.float64(0.41666), np.array([5 / 12])],
                         ids=repr)
def test_mse_by_hand_passes_the_mse_in_any_form(answer):
    right(check.mse_by_hand, answer)


@pytest.mark.parametrize("answer, hint", [
    (1.25, "The M in MSE is for mean"),
    (0.5, "Square each error first"),
    (0.0, "average the three squares"),
    (-10**400, "too large"),
])
def test_mse_by_hand_names_the_mistake(answer, hint):
    assert hint in _wrong(check.mse_by_hand, answer, forbidden=("0.4167",))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.floats(), st.integers(), st.floats(5 / 12 - 2e-3, 5 / 12 + 2e-3)))
def test_mse_by_hand_passes_only_within_its_tolerance(x):
    ok = said(check.mse_by_hand, x).startswith("✓")
    if ok:
        assert abs(x - 5 / 12) <= loss_checks.MSE_TOLERANCE * (1 + 1e-9)
    elif isinstance(x, float) and abs(x - 5 / 12) <= 0.999 * loss_checks.MSE_TOLERANCE:
        pytest.fail(f"{x} is within the tolerance of 5/12 but was refused")


@pytest.mark.parametrize("answer", ["A", " a ", np.str_("A")], ids=repr)
def test_lower_loss_passes_a_in_any_form(answer):
    right(check.lower_loss, answer)


@pytest.mark.parametrize("answer, hint", [
    ("B", "−log(p)"),
    ("C", 'the string "A" or "B"'),
    (b"A", 'the string "A" or "B"'),
])
def test_lower_loss_names_the_mistake(answer, hint):
    assert hint in _wrong(check.lower_loss, answer, forbidden=("0.241", "0.364"))
