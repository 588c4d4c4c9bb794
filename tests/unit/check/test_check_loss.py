"""Notebook 03's checks: mse_by_hand, lower_loss, and the learner's own losses (mse_function,
bce_function). ✓ for a right answer in any right form and only for it, a hint naming the mistake
(never the answer) for anything else. (Strange answers in every slot, and functions that raise,
return nonsense or never return: test_check_answers.py.)"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from verdicts import right, said
from verdicts import wrong as _wrong

from helpers import check, losses
from helpers.check import _loss as loss_checks


def expected_values(kind):
    reference = losses.mse if kind == "mse" else losses.binary_cross_entropy
    cases = loss_checks.MSE_FUNCTION_CASES if kind == "mse" else loss_checks.BCE_FUNCTION_CASES
    return [reference(np.asarray(y, dtype=float), np.asarray(q, dtype=float)) for y, q in cases]


def wrong(kind, function):
    """A ✗ line that gives none of the right losses (the inputs it quotes aside)."""
    check_function = loss_checks.mse_function if kind == "mse" else loss_checks.bce_function
    text = _wrong(check_function, function)
    verdict = text.split(" your function ", 1)[-1]  # past the quoted inputs
    for value in expected_values(kind):
        for shown in {f"{value:.2f}", f"{value:.3f}", f"{value:.4f}", f"{value:.6g}", repr(value)}:
            assert shown not in verdict, (shown, text)
    return text


# --- Right answers, in the forms a learner writes them -------------------------------------


def mse_numpy(y, y_pred):
    y, y_pred = np.asarray(y, dtype=float), np.asarray(y_pred, dtype=float)
    return np.mean((y_pred - y) ** 2)


def mse_plain_python(y, y_pred):
    return sum((p - t) ** 2 for t, p in zip(y, y_pred, strict=True)) / len(y)


def mse_zero_d_array(y, y_pred):
    errors = np.subtract(y_pred, y)
    return np.array(errors @ errors / errors.size)


def mse_float32_in_place(y, y_pred):
    y_pred = np.asarray(y_pred, dtype=np.float32)
    y_pred -= np.asarray(y, dtype=np.float32)  # changes the check's copy, not its inputs
    return np.float32(np.mean(y_pred**2))


def bce_numpy(y, p):
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def bce_plain_python(y, p):
    each = (t * math.log(q) + (1 - t) * math.log(1 - q) for t, q in zip(y, p, strict=True))
    return -sum(each) / len(y)


def bce_where(y, p):
    y, p = np.asarray(y), np.asarray(p)
    return float(np.where(y == 1, -np.log(p), -np.log1p(-p)).mean())


def bce_clipped(y, p):
    p = np.clip(np.asarray(p, dtype=float), 1e-7, 1 - 1e-7)
    return losses.binary_cross_entropy(np.asarray(y, dtype=float), p)


@pytest.mark.parametrize("function", [mse_numpy, mse_plain_python, mse_zero_d_array,
                                      mse_float32_in_place, losses.mse])
def test_mse_function_accepts_every_right_form(function):
    assert said(check.mse_function, function).startswith("✓ Correct")


@pytest.mark.parametrize("function", [bce_numpy, bce_plain_python, bce_where, bce_clipped])
def test_bce_function_accepts_every_right_form(function):
    assert said(check.bce_function, function).startswith("✓ Correct")


def test_the_cases_are_fresh_lists_and_arrays_of_1_to_10_examples_away_from_0_and_1():
    for cases in (loss_checks.MSE_FUNCTION_CASES, loss_checks.BCE_FUNCTION_CASES):
        kinds = {type(y) for y, _ in cases} | {type(q) for _, q in cases}
        assert kinds == {list, np.ndarray}
        assert {len(y) for y, _ in cases} >= {1, 10}
        assert all(len(y) == len(q) for y, q in cases)
    for y, p in loss_checks.BCE_FUNCTION_CASES:
        assert set(np.asarray(y)) <= {0.0, 1.0}
        assert np.all((np.asarray(p) >= 0.05) & (np.asarray(p) <= 0.95))  # no clipping
    # The first case tells the mistakes apart: several examples, errors of both signs.
    y, q = loss_checks.MSE_FUNCTION_CASES[0]
    assert len(y) > 2 and len(set(np.sign(np.subtract(q, y)))) == 2
    notebook = (loss_checks.MSE_TARGETS, loss_checks.MODEL_TARGETS)
    assert not any(tuple(np.asarray(y)) in notebook for y, _ in loss_checks.MSE_FUNCTION_CASES)


def test_a_function_that_changes_its_inputs_in_place_does_not_change_the_cases():
    before = [(np.array(y), np.array(q)) for y, q in loss_checks.MSE_FUNCTION_CASES]

    def vandal(y, y_pred):
        result = mse_numpy(y, y_pred)
        if isinstance(y, list):
            y.clear()
        else:
            y[...] = 0
        return result

    said(check.mse_function, vandal)
    for (y, q), (old_y, old_q) in zip(loss_checks.MSE_FUNCTION_CASES, before, strict=True):
        np.testing.assert_array_equal(np.asarray(y), old_y)
        np.testing.assert_array_equal(np.asarray(q), old_q)


# --- Wrong answers: the hint names the mistake ----------------------------------------------


def _arrays(formula):
    return lambda y, q: formula(np.asarray(y, dtype=float), np.asarray(q, dtype=float))


MSE_MISTAKES = {
    "summed": (_arrays(lambda y, q: np.sum((q - y) ** 2)), "The M in MSE is for mean"),
    "no square": (_arrays(lambda y, q: np.mean(q - y)), "Square each error before averaging"),
    "no square, other sign": (_arrays(lambda y, q: np.mean(y - q)),
                              "Square each error before averaging"),
    "sizes": (_arrays(lambda y, q: np.mean(np.abs(q - y))), "Square each error instead"),
    "square of the mean": (_arrays(lambda y, q: np.mean(q - y) ** 2),
                           "Square each error first, then average"),
    "root": (_arrays(lambda y, q: np.sqrt(np.mean((q - y) ** 2))), "square root"),
    "half": (_arrays(lambda y, q: np.mean((q - y) ** 2) / 2), "leave out the ½"),
    "one per example": (_arrays(lambda y, q: (q - y) ** 2), "one value per example"),
    "something else": (_arrays(lambda y, q: np.mean(q**2 - y**2)), "Hint: for each example"),
    "returns 0": (lambda y, q: 0.0, "Hint: for each example"),
    "lists unconverted": (lambda y, q: np.mean((q - y) ** 2), "np.asarray"),
}

BCE_MISTAKES = {
    "summed": (_arrays(lambda y, p: -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))),
               "Average them"),
    "no minus sign": (_arrays(lambda y, p: np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))),
                      "minus sign"),
    "log10": (_arrays(lambda y, p: -np.mean(y * np.log10(p) + (1 - y) * np.log10(1 - p))),
              "natural logarithm"),
    "only target 1": (_arrays(lambda y, p: -np.mean(y * np.log(p))), "A target 0 costs"),
    "−log p for all": (_arrays(lambda y, p: -np.mean(np.log(p))), "for a target 0"),
    "swapped y and p": (_arrays(lambda y, p: -np.mean(p * np.log(y) + (1 - p) * np.log(1 - y))),
                        "never of y"),
    "parameters swapped": (lambda p, y: bce_numpy(y, p), "never of y"),
    "one per example": (_arrays(lambda y, p: -(y * np.log(p) + (1 - y) * np.log(1 - p))),
                        "one value per example"),
    "returns 0": (lambda y, p: 0.0, "Hint: for each example"),
}


@pytest.mark.parametrize("mistake", sorted(MSE_MISTAKES))
def test_mse_function_names_the_mistake_without_the_answer(mistake):
    function, hint = MSE_MISTAKES[mistake]
    assert hint in wrong("mse", function)


@pytest.mark.parametrize("mistake", sorted(BCE_MISTAKES))
def test_bce_function_names_the_mistake_without_the_answer(mistake):
    function, hint = BCE_MISTAKES[mistake]
    assert hint in wrong("bce", function)


# --- A function that returns something other than a loss -------------------------------------

BAD_RESULTS = {
    "one argument": (lambda y: 0.0, "TypeError"),
    "None": (lambda y, q: None, "return line"),
    "text": (lambda y, q: "abc", "one number"),
    "nan": (lambda y, q: float("nan"), "nan"),
    "inf": (lambda y, q: np.inf, "not a finite number"),
    "10**400": (lambda y, q: 10**400, "too large"),
    "wrong shape": (lambda y, q: np.ones((2, 3)), "A loss is one number"),
    "a list": (lambda y, q: [0.5], "one number"),
}


@pytest.mark.parametrize("kind", ["mse", "bce"])
@pytest.mark.parametrize("case", sorted(BAD_RESULTS))
def test_a_crashing_or_nonsense_function_gets_a_sentence(kind, case):
    function, words = BAD_RESULTS[case]
    assert words in wrong(kind, function)


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
