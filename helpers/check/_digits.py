"""Exercise checks of notebook 06, handwritten digits: ✓ or a hint, never the answer.

Predict, then try: predict_epochs (before the epoch slider). Exercise 1: softmax_function, the
learner's softmax run on fresh logits; exercise 2: stopping_rule, the learner's early-stopping
rule run on fresh validation losses; exercise 3: confusion_reading, a row and a column of the
confusion matrix read by the learner.
"""

from __future__ import annotations

import numpy as np

from .. import multiclass
from ._answers import call_learner, guarded, read_array, read_number, read_whole, say, show

# --- Predict, then try ------------------------------------------------------------------------

# "After about how many epochs does the network first read 9 in 10 validation digits right?"
EPOCH_CHOICES = (1, 10, 100)
EPOCHS_TO_NINETY = 1  # held to the notebook's run (and nearby seeds) by tests/course


@guarded
def predict_epochs(answer: object) -> None:
    """Notebook 06, before the epoch slider: about how many epochs (1, 10 or 100) until the
    network first reads 9 in 10 validation digits right."""
    value = read_whole(answer)
    if value not in EPOCH_CHOICES:
        return say(False, f"Your guess is {show(answer)}; choose one of 1, 10 or 100 (about how "
                    "many epochs), then drag the slider below.")
    if value == EPOCHS_TO_NINETY:
        return say(True, "About 1 it is: one epoch is already one update per batch, dozens of "
                    "them, each on digits it has not yet seen in that epoch. Drag the slider "
                    "below from 0 and watch the first epoch do most of the work.")
    return say(False, "Count in updates rather than epochs: one epoch is one update per "
                "batch of 32, dozens of updates, each a step downhill. Guess again, or drag "
                "the slider below and see.")


# --- Exercise 1: softmax ----------------------------------------------------------------------

SOFTMAX_SEED = 606
SOFTMAX_RTOL = 1e-9


def _softmax_cases() -> list[tuple[str, np.ndarray]]:
    """Fresh logits, none from the notebook: small ones, then ones whose e^z overflows, then
    rows far apart (so that one largest logit for the whole array is not enough)."""
    rng = np.random.default_rng(SOFTMAX_SEED)
    return [
        ("4 rows of 3 logits", rng.normal(size=(4, 3))),
        ("2 rows of 10 logits", rng.normal(scale=3.0, size=(2, 10))),
        ("logits near 1000", 1000.0 + rng.normal(size=(3, 4))),
        ("one row near 1000 and one near −1000",
         np.array([[1000.0, 1001.0, 999.5], [-1000.0, -1001.0, -999.0]])),
    ]


def _softmax_hint(answer: np.ndarray, Z: np.ndarray) -> str:
    """What the usual mistakes look like, each said without the code of the answer."""
    if not np.all(np.isfinite(answer)):
        return ("it holds nan or inf: e^z of a logit near 1000 overflows (e^1000 is beyond any "
                "float) and e^z of one near −1000 rounds to 0, so a row becomes inf/inf or "
                "0/0. Subtracting each row's own largest logit first gives the same "
                "probabilities (the factor cancels), and no e^z overflows")
    if np.any(answer < 0):
        return "it holds negative numbers; a probability is 0 or more: use e^z"
    rows, columns, total = answer.sum(axis=1), answer.sum(axis=0), answer.sum()
    if np.allclose(columns, 1) and not np.allclose(rows, 1):
        return ("its columns add up to 1, not its rows: each example is a row, so divide each "
                "row by its own sum (over axis=1)")
    if np.isclose(total, 1) and not np.allclose(rows, 1):
        return ("the whole array adds up to 1; each row should: divide each row by its own "
                "sum, not by the sum of everything")
    if not np.allclose(rows, 1):
        return "its rows do not add up to 1: divide e^z by the sum of e^z over the row"
    return "each entry should be e^z divided by the sum of e^z over its row"


@guarded
def softmax_function(function: object) -> None:
    """Notebook 06: the learner's softmax(Z), Z: (n, classes) → P shaped like Z, on fresh
    logits, compared with multiclass.softmax."""
    if not callable(function):
        return say(False, "Pass your function itself, like check.softmax_function(my_softmax); "
                    f"got {show(function)}.")
    cases = _softmax_cases()
    for words, Z in cases:
        result, problem = call_learner(function, Z.copy())
        where = f"On {words}, Z of shape {Z.shape}"
        if problem:
            extra = (" The row sums have one number per row; to divide each row by its own, "
                     "keep them as a column (keepdims=True, or [:, None])."
                     if "broadcast" in problem else "")
            return say(False, f"{where}, {problem}.{extra}")
        answer = read_array(result)
        if answer is None:
            return say(False, f"{where}, your function returned {show(result)}; it should "
                        "return an array of probabilities shaped like Z.")
        if answer.shape != Z.shape:
            return say(False, f"{where}, your function returned shape {answer.shape}; it should "
                        f"return one probability per logit, shape {Z.shape} like Z.")
        answer = answer.astype(float)
        if not np.allclose(answer, multiclass.softmax(Z), rtol=SOFTMAX_RTOL, atol=1e-300):
            return say(False, f"{where}, your probabilities are not softmax's: "
                        f"{_softmax_hint(answer, Z)}.")
    return say(True, f"Your softmax gives the right probabilities on {len(cases)} fresh sets of "
                "logits, including ones near ±1000 where e^z alone would overflow.")


# --- Exercise 2: the stopping rule ------------------------------------------------------------

STOPPING_SEED = 60


def _stopping_cases() -> list[tuple[list[float], int]]:
    """Fresh validation losses, each with a patience: a dip then a rise; a plateau and a lower
    loss after the stop (a rule that looks past the stop picks it); ties (an equal loss is no
    improvement); a loss that falls to the end (no stop); and random walks."""
    rng = np.random.default_rng(STOPPING_SEED)
    cases = [
        ([2.31, 1.2, 0.7, 0.5, 0.45, 0.47, 0.52, 0.6, 0.66, 0.7, 0.75], 3),
        ([2.2, 0.9, 0.62, 0.7, 0.66, 0.71, 0.64, 0.4, 0.38], 3),
        ([1.8, 0.6, 0.5, 0.5, 0.5, 0.5, 0.49, 0.3], 3),
        ([2.0, 1.5, 1.1, 0.9, 0.8, 0.75, 0.72], 2),
        ([1.0, 1.2, 0.9, 0.95, 0.97], 1),
    ]
    for _ in range(4):
        walk = np.round(2.3 * np.exp(np.cumsum(rng.normal(-0.12, 0.15, size=14))), 3)
        cases.append(([2.3, *walk.tolist()], int(rng.integers(2, 5))))
    return cases


def _pair(result: object) -> tuple[int, int] | None:
    """(stop, best) as two whole numbers, or None."""
    if isinstance(result, multiclass.Stop):
        return result.stop, result.best
    if isinstance(result, str | bytes) or not isinstance(result, tuple | list) \
            or len(result) != 2:
        return None
    stop, best = (read_whole(value) for value in result)
    return None if stop is None or best is None else (stop, best)


def _with_ties(losses: list[float], patience: int) -> tuple[int, int]:
    """The rule with an equal loss counted as an improvement: a usual slip."""
    best = 0
    for epoch in range(1, len(losses)):
        if losses[epoch] <= losses[best]:
            best = epoch
        elif epoch - best >= patience:
            return epoch, best
    return len(losses) - 1, best


def _stopping_hint(answer: tuple[int, int], losses: list[float], patience: int) -> str:
    stop, best = multiclass.early_stopping(losses, patience)
    if answer == _with_ties(losses, patience):
        return "an equal loss is no improvement: only a lower one makes a new best epoch"
    if answer[1] == int(np.argmin(losses)) != best:
        return ("your best epoch has the lowest loss of the whole list, but training would have "
                "stopped before reaching it: read the losses epoch by epoch, as training sees "
                "them, and look at none after the stop")
    if answer[1] == best and answer[0] in (stop - 1, stop + 1):
        return (f"your stop is one epoch off: patience {patience} means training stops after "
                f"the first epoch that is {patience} epochs past the best so far")
    if answer[0] == len(losses) - 1 != stop:
        return (f"your rule ran to the last epoch, but before it the validation loss had gone "
                f"{patience} epochs without a new lowest value")
    return ("keep the best epoch so far; at each epoch either the loss is lower than the "
            "best's, or count how far it is past the best, and stop once that reaches the "
            "patience")


@guarded
def stopping_rule(function: object) -> None:
    """Notebook 06: the learner's rule(losses, patience) → (stop, best), on fresh validation
    losses, compared with multiclass.early_stopping."""
    if not callable(function):
        return say(False, "Pass your function itself, like check.stopping_rule(my_stopping); "
                    f"got {show(function)}.")
    cases = _stopping_cases()
    for losses, patience in cases:
        result, problem = call_learner(function, list(losses), patience)
        where = f"On the validation losses {losses} with patience {patience}"
        if problem:
            return say(False, f"{where}, {problem}.")
        answer = _pair(result)
        if answer is None:
            return say(False, f"{where}, your function returned {show(result)}; it should "
                        "return two whole numbers, (stop, best): the epoch training stops "
                        "after and the epoch whose weights it keeps.")
        if answer != tuple(multiclass.early_stopping(losses, patience)):
            return say(False, f"{where}, your function gives (stop, best) = {answer}. "
                        f"Hint: {_stopping_hint(answer, losses, patience)}.")
    return say(True, f"Your rule stops where early stopping does and keeps the same epoch on "
                f"{len(cases)} fresh runs: dips, plateaus, ties, a run that never stops.")


# --- Exercise 3: reading the confusion matrix -------------------------------------------------


def _counts(value: object) -> np.ndarray | None:
    counts = read_array(value)
    if counts is None or counts.ndim != 2 or counts.shape[0] != counts.shape[1] \
            or counts.shape[0] < 2 or np.any(counts < 0) or np.any(counts != np.round(counts)):
        return None
    return counts.astype(int)


def _count_answer(value: object, name: str) -> tuple[int | None, str | None]:
    number, problem = read_number(value, name)
    if problem:
        return None, problem
    whole = read_whole(value)
    if whole is None or whole < 0:
        return None, f"{name} is {show(value)}; it should be a count: a whole number, 0 or more."
    return whole, None


@guarded
def confusion_reading(counts: object, digit: object, missed: object, taken_for: object) -> None:
    """Notebook 06: for a digit d of the confusion matrix `counts` (rows: the digit it is;
    columns: the digit read), `missed` is how many real d's were read as something else and
    `taken_for` how many digits read as d were really something else."""
    matrix = _counts(counts)
    if matrix is None:
        return say(False, f"counts should be the confusion matrix (a square array of whole "
                    f"counts, from multiclass.confusion_matrix), got {show(counts)}.")
    d = read_whole(digit)
    if d is None or not 0 <= d < len(matrix):
        return say(False, f"digit is {show(digit)}; it should be one of the digits 0 to "
                    f"{len(matrix) - 1}.")
    answers = {}
    for value, name in ((missed, "missed"), (taken_for, "taken_for")):
        answers[name], problem = _count_answer(value, name)
        if problem:
            return say(False, problem)
    right = matrix[d, d]
    row, column = matrix[d].sum() - right, matrix[:, d].sum() - right
    for name, wanted, other, line, other_line in (
            ("missed", row, column, f"row {d}", f"column {d}"),
            ("taken_for", column, row, f"column {d}", f"row {d}")):
        given = answers[name]
        if given == wanted:
            continue
        if given == wanted + right:
            return say(False, f"{name}: your count includes the {d}s read right, on the "
                        f"diagonal; leave them out.")
        if given in (other, other + right) and other != wanted:
            meaning = ("the digits it is: a real {d} is counted along a row"
                       if name == "missed" else "the digits read: what it called {d} is "
                       "counted down a column")
            return say(False, f"{name}: you read {other_line}, but {name} is about "
                        + meaning.format(d=d) + ".")
        return say(False, f"{name}: not that count. Rows are the digit an image is, columns "
                    f"the digit the network read; {name} is the off-diagonal part of "
                    f"{line}.")
    extra = (" This digit has no mistakes either way: try one with some." if row == column == 0
             else "")
    were = {count: "was" if count == 1 else "were" for count in (row, column)}
    return say(True, f"Right: of the real {d}s, {row} {were[row]} read as something else (row "
                f"{d}, off the diagonal); of the digits read as {d}, {column} {were[column]} "
                f"something else (column {d}).{extra}")
