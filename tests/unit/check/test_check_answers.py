"""What every check does with what a learner gives it (helpers/check/_answers.py): one kind ✗
line, never a crash, a warning or the answer, for any strange answer in any slot; a learner's
function that raises is quoted, one that never returns is stopped; a check called the wrong way
says how to call it. What each check says of a right or a typical wrong answer is tested in the
file of its notebook's module."""

import numpy as np
import pytest
from verdicts import right, said, wrong

from helpers import check
from helpers.check import _time_limit


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


def _endless(*args):
    while True:
        pass


class _BrokenRepr:
    def __repr__(self):
        raise ValueError("no repr")


def _relu_backward(X, W, Z, grad_A):
    grad_Z = grad_A * (Z > 0)
    return X.T @ grad_Z, grad_Z.sum(axis=0), grad_Z @ W.T


# --- Strange answers, in every slot of every check -----------------------------------------

STRANGE_ANSWERS = {
    "None": None, "text 0.5": "0.5", "empty list": [], "empty dict": {},
    "three numbers": [1, 2, 3], "array of nan": np.array([np.nan]), "nan": float("nan"),
    "inf": float("inf"), "True": True, "object": object(), "function that raises": _raises,
    "3x3 ones": np.ones((3, 3)), "1-tuple": (1,), "-1e308": -1e308, "10**400": 10**400,
    "-10**400": -(10**400), "1e308": 1e308, "function returning nan": _nan,
    "function returning None": _none, "array for a number": np.array([0.25, 0.5, 1.0]),
    "function returning text": _text, "function returning a wrong shape": _wrong_shape,
    "-inf": float("-inf"), "complex": 1 + 2j, "object with a broken repr": _BrokenRepr(),
}

# The code of the function exercises' answers: no ✗ line may contain any of it.
CODE = ("X @ W + b", "X.T @", "@ W.T", ".sum(axis=0)", "grad_A * g_slope", "w - lr", "w − lr",
        "3 * w", "3w²", "np.mean(", "np.log(p)", "geomspace", "logspace", "lr_max / lr_min",
        "Z - Z.max", "Z.max(axis=1", "epoch - best", "losses[epoch] < losses[best]")
# A confusion matrix for the slots of confusion_reading.
COUNTS = np.array([[5, 1, 0], [2, 7, 1], [0, 0, 9]])

# Each slot takes one answer; the texts are the right answer, which no ✗ line may contain.
NUMBER_SLOTS = {
    "neuron_output z": (lambda a: check.neuron_output(a, 0), ["-0.25"]),
    "neuron_output a": (lambda a: check.neuron_output(-0.25, a), ["-0.25", "a = 0"]),
    "or_gate_weights w": (lambda a: check.or_gate_weights(a, -0.5), ["[1.0, 1.0]", "[1, 1]"]),
    "or_gate_weights b": (lambda a: check.or_gate_weights([1, 1], a), ["-0.5"]),
    "parameter_count": (check.parameter_count, ["32", "25 weights"]),
    "output_shape": (check.output_shape, ["(10, 2)", "[10, 2]"]),
    "mse_by_hand": (check.mse_by_hand, ["0.4167", "0.41666", "5/12"]),
    "lower_loss": (check.lower_loss, ["0.241", "0.364", "model A"]),
    "one_step_lr": (check.one_step_lr, ["0.125", "1/8", "1/L", "Half"]),
    "largest_stable_lr": (check.largest_stable_lr, ["0.4", "2/5"]),
    "which_valley": (check.which_valley, ["deep valley on the left", "goes left"]),
    "chain_gradient": (check.chain_gradient, ["0.744", "0.7436"]),
    "predict_fastest_lr": (check.predict_fastest_lr, ["η = 1 ", "1/L"]),
    "predict_epochs": (check.predict_epochs, ["About 1 it is"]),
    "confusion_reading counts": (lambda a: check.confusion_reading(a, 1, 3, 1), ["Right:"]),
    "confusion_reading digit": (lambda a: check.confusion_reading(COUNTS, a, 3, 1), ["Right:"]),
    "confusion_reading missed": (lambda a: check.confusion_reading(COUNTS, 1, a, 1),
                                 ["Right:", "3 were"]),
    "confusion_reading taken_for": (lambda a: check.confusion_reading(COUNTS, 1, 3, a),
                                    ["Right:", "1 was"]),
}
# The slots that take a learner's function: the 10 places where learner code runs, and the
# words with which each asks for a function when it is given something else.
FUNCTION_SLOTS = {
    "perceptron_update": (check.perceptron_update, "Pass your function itself"),
    "dense_forward": (check.dense_forward, "Pass your function itself"),
    "network_forward": (check.network_forward, "Pass your function itself"),
    "mse_slope_function": (check.mse_slope_function, "Pass your function itself"),
    "neuron_bce_function": (check.neuron_bce_function, "Pass your function itself"),
    "relu_backward": (check.relu_backward, "Pass your function itself"),
    "train_loop": (check.train_loop, "Pass your function itself"),
    "range_test_function": (check.range_test_function, "Pass your function itself"),
    "softmax_function": (check.softmax_function, "Pass your function itself"),
    "stopping_rule": (check.stopping_rule, "Pass your function itself"),
}
SLOTS = {**NUMBER_SLOTS, **{name: (call, CODE) for name, (call, _) in FUNCTION_SLOTS.items()}}


@pytest.mark.parametrize("slot", list(SLOTS))
@pytest.mark.parametrize("name", list(STRANGE_ANSWERS))
def test_a_strange_answer_gets_one_kind_line_and_never_the_answer(slot, name):
    check_one, answers = SLOTS[slot]
    wrong(check_one, STRANGE_ANSWERS[name], forbidden=answers)


@pytest.mark.parametrize("slot", list(FUNCTION_SLOTS))
@pytest.mark.parametrize("answer", [None, "abc", float("nan"), 10**400, np.ones(3), [_none]],
                         ids=repr)
def test_an_answer_that_is_no_function_is_asked_for_the_function(slot, answer):
    check_one, asks = FUNCTION_SLOTS[slot]
    assert asks in wrong(check_one, answer)


# --- The learner's function: raises, returns nonsense, never returns -----------------------

@pytest.mark.parametrize("slot", list(FUNCTION_SLOTS))
def test_a_function_that_raises_is_quoted_with_its_error(slot):
    assert "raised RuntimeError: oops" in wrong(FUNCTION_SLOTS[slot][0], _raises)


def test_a_long_multi_line_error_is_quoted_on_one_short_line():
    def noisy(X, W, Z, grad_A):
        raise ValueError("first line\nsecond line " + "x" * 500)

    text = wrong(check.relu_backward, noisy)
    assert "ValueError: first line second line" in text and len(text) < 400


NONSENSE = [np.full((5, 3), np.nan), np.full((5, 1), np.inf), "abc", 10**400, [[1, 2], [3]],
            np.ones((2, 2, 2)), True, object(), 1 + 2j, _BrokenRepr()]


@pytest.mark.parametrize("slot", list(FUNCTION_SLOTS))
@pytest.mark.parametrize("returned", NONSENSE, ids=lambda v: type(v).__name__)
def test_a_function_returning_nonsense_gets_a_plain_hint(slot, returned):
    assert "raised" not in wrong(FUNCTION_SLOTS[slot][0], lambda *args: returned, forbidden=CODE)


@pytest.mark.parametrize("slot", list(FUNCTION_SLOTS))
def test_a_function_that_never_returns_is_stopped_and_told_so(slot, monkeypatch, watchdog):
    monkeypatch.setattr(_time_limit, "SECONDS", 0.05)
    assert said(FUNCTION_SLOTS[slot][0], _endless) == (
        "✗ Not yet. Your function did not return within 0.05 s — is there a loop that never "
        "ends?\n")


def test_after_a_function_was_stopped_the_check_answers_as_before(monkeypatch, watchdog):
    monkeypatch.setattr(_time_limit, "SECONDS", 0.05)
    wrong(check.relu_backward, _endless)
    right(check.relu_backward, _relu_backward)


# --- A check called the wrong way ------------------------------------------------------------

CHECKS = [name for name in check.__all__ if not name.startswith("mystery")]


@pytest.mark.parametrize("name", CHECKS)
def test_a_check_called_with_the_wrong_arguments_says_how_to_call_it(name):
    function = getattr(check, name)
    for args in [(), (1, 2, 3)]:
        assert f"Call it as check.{name}(" in wrong(function, *args)
