"""Notebook 06's checks: predict_epochs, softmax_function, stopping_rule and
confusion_reading. ✓ for a right answer in any right form and only for it, a hint (never the
answer, never the code) for anything else. (Strange answers in every slot, and functions that
raise, return nonsense or never return: test_check_answers.py.)"""

import numpy as np
import pytest
import verdicts

from helpers import multiclass
from helpers.check import _digits as checks

# What a hint must never contain: the code of the answers.
ANSWER_CODE = ("Z - Z.max", "Z.max(axis=1", "sum(axis=1, keepdims=True)", "epoch - best",
               "losses[epoch] < losses[best]", "counts[digit].sum()", "counts[:, digit]")


# --- Predict, then try -----------------------------------------------------------------------

@pytest.mark.parametrize("answer", [1, 1.0, np.int64(1), np.array(1)])
def test_the_prediction_in_any_form_of_its_number_is_right(answer):
    verdicts.right(checks.predict_epochs, answer)


def test_both_wrong_predictions_get_the_same_hint_so_the_answer_cannot_be_narrowed():
    hints = {verdicts.wrong(checks.predict_epochs, guess) for guess in (10, 100)}
    assert len(hints) == 1 and "Guess again" in hints.pop()


@pytest.mark.parametrize("answer", [None, 3, "1", 0.5])
def test_a_guess_off_the_choices_is_asked_to_choose(answer):
    assert "choose one of 1, 10 or 100" in verdicts.wrong(checks.predict_epochs, answer)


# --- Exercise 1: softmax ---------------------------------------------------------------------

def by_row_max(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def by_log_sum_exp(Z):
    top = np.max(Z, axis=1)[:, None]
    return np.exp(Z - top - np.log(np.sum(np.exp(Z - top), axis=1))[:, None])


def row_by_row(Z):
    rows = []
    for z in Z:
        e = [np.exp(v - max(z)) for v in z]
        rows.append([v / sum(e) for v in e])
    return rows


@pytest.mark.parametrize("learner", [by_row_max, by_log_sum_exp, row_by_row])
def test_softmax_in_any_right_form_passes(learner):
    assert "4 fresh sets of logits" in verdicts.right(checks.softmax_function, learner)


def naive(Z):
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


def by_columns(Z):
    E = np.exp(Z - Z.max())
    return E / E.sum(axis=0)


def by_everything(Z):
    E = np.exp(Z - Z.max())
    return E / E.sum()


def without_keepdims(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1)


def one_max_for_all(Z):
    E = np.exp(Z - Z.max())
    return E / E.sum(axis=1, keepdims=True)


def not_normalised(Z):
    return np.exp(Z - Z.max(axis=1, keepdims=True))


def logits_over_their_sum(Z):
    return Z / Z.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("learner, words", [
    (naive, "e^z of a logit near 1000 overflows"),
    (one_max_for_all, "each row's own largest logit"),
    (by_columns, "its columns add up to 1, not its rows"),
    (by_everything, "the whole array adds up to 1"),
    (without_keepdims, "keep them as a column"),
    (not_normalised, "its rows do not add up to 1"),
    (logits_over_their_sum, "a probability is 0 or more"),
    (lambda Z: by_row_max(Z)[:, 0], "your function returned shape"),
], ids=["naive", "one max", "columns", "everything", "keepdims", "not normalised",
        "no exponential", "shape"])
def test_each_usual_softmax_mistake_gets_its_hint(learner, words):
    assert words in verdicts.wrong(checks.softmax_function, learner, forbidden=ANSWER_CODE)


# --- Exercise 2: the stopping rule -----------------------------------------------------------

def loop_rule(losses, patience):
    best = 0
    for epoch in range(1, len(losses)):
        if losses[epoch] < losses[best]:
            best = epoch
        elif epoch - best >= patience:
            return epoch, best
    return len(losses) - 1, best


def counting_rule(losses, patience):
    best, lowest, waited = 0, losses[0], 0
    for epoch, loss in enumerate(losses[1:], start=1):
        if loss < lowest:
            best, lowest, waited = epoch, loss, 0
        else:
            waited += 1
            if waited == patience:
                return [np.int64(epoch), np.int64(best)]
    return [len(losses) - 1, best]


@pytest.mark.parametrize("learner", [loop_rule, counting_rule, multiclass.early_stopping])
def test_the_stopping_rule_in_any_right_form_passes(learner):
    assert "9 fresh runs" in verdicts.right(checks.stopping_rule, learner)


def lowest_of_all(losses, patience):  # the notebook's first attempt
    best = int(np.argmin(losses))
    return min(best + patience, len(losses) - 1), best


def ties_improve(losses, patience):
    return checks._with_ties(losses, patience)


def one_late(losses, patience):
    stop, best = loop_rule(losses, patience)
    return (stop + 1 if stop < len(losses) - 1 else stop), best


def never_stops(losses, patience):
    return len(losses) - 1, loop_rule(losses, patience)[1]


@pytest.mark.parametrize("learner, words", [
    (lowest_of_all, "training would have stopped before reaching it"),
    (ties_improve, "an equal loss is no improvement"),
    (one_late, "your stop is one epoch off"),
    (never_stops, "your rule ran to the last epoch"),
    (lambda losses, patience: 3, "it should return two whole numbers, (stop, best)"),
], ids=["lowest of all", "ties", "one late", "never stops", "one number"])
def test_each_usual_stopping_mistake_gets_its_hint(learner, words):
    assert words in verdicts.wrong(checks.stopping_rule, learner, forbidden=ANSWER_CODE)


def test_the_fresh_runs_hold_every_trap():
    cases = checks._stopping_cases()
    rule = [multiclass.early_stopping(losses, patience) for losses, patience in cases]
    assert any(stop.best != int(np.argmin(losses)) for stop, (losses, _) in zip(rule, cases,
                                                                              strict=True))
    assert any(not stop.patience_ran_out for stop in rule)
    assert any(checks._with_ties(*case) != tuple(stop) for case, stop in zip(cases, rule,
                                                                               strict=True))


# --- Exercise 3: reading the confusion matrix ------------------------------------------------

COUNTS = np.array([[5, 1, 0, 0], [2, 7, 1, 3], [0, 0, 9, 0], [0, 0, 0, 4]])


def test_the_row_and_the_column_off_the_diagonal_are_right():
    text = verdicts.right(checks.confusion_reading, COUNTS, 1, 6, 1)
    assert "of the real 1s, 6 were read as something else" in text


def test_a_digit_with_no_mistakes_is_right_and_says_so():
    counts = np.diag([3, 4, 5])
    assert "no mistakes either way" in verdicts.right(checks.confusion_reading, counts, 1, 0, 0)


@pytest.mark.parametrize("answer, words", [
    ((1, 1, 1), "missed: you read column 1"),
    ((1, 6, 6), "taken_for: you read row 1"),
    ((1, 13, 1), "missed: your count includes the 1s read right"),
    ((1, 6, 8), "taken_for: your count includes the 1s read right"),
    ((1, 4, 1), "missed: not that count"),
    ((1, -1, 1), "missed is -1; it should be a count"),
    ((1, 2.5, 1), "missed is 2.5; it should be a count"),
    ((7, 6, 1), "digit is 7; it should be one of the digits 0 to 3"),
], ids=["missed as column", "taken as row", "missed with diagonal", "taken with diagonal",
        "missed other", "negative", "fraction", "digit"])
def test_each_misreading_gets_its_hint(answer, words):
    assert words in verdicts.wrong(checks.confusion_reading, COUNTS, *answer)


@pytest.mark.parametrize("counts", [np.ones((2, 3)), np.full((3, 3), 0.5), "counts",
                                    -np.eye(3)])
def test_counts_that_are_no_confusion_matrix_are_named(counts):
    assert "counts should be the confusion matrix" in verdicts.wrong(
        checks.confusion_reading, counts, 0, 0, 0)
