"""Notebook 06's figures: the digits and what the network reads, its mistakes, the confusion
matrix, the range test on the validation set, curves by epoch, the batch-size and rate grid,
the two budgets, and the slider over the epochs."""

import numpy as np
import pytest
from matplotlib.patches import Rectangle
from sliders import slider_tests

from helpers import digits, multiclass, network
from helpers.figures import digits as figures

X_ALL, Y_ALL = digits.load()
X, Y = X_ALL[:200] / 16, Y_ALL[:200]
X_VAL, Y_VAL = X_ALL[200:300] / 16, Y_ALL[200:300]
NET = network.Network.random((64, 8, 10), activation="tanh", output="identity", seed=0)
RUN = multiclass.train(NET, X, Y, lr=1.0, epochs=6, batch_size=20, validation=(X_VAL, Y_VAL),
                       keep_networks=True)
STOPPED = multiclass.train(NET, X, Y, lr=1.0, epochs=60, batch_size=20,
                           validation=(X_VAL, Y_VAL), patience=2)
PREDICTED = multiclass.predict(RUN.net, X_VAL)


def test_a_grid_of_digits_says_what_it_shows_and_what_the_network_read_wrong():
    plain = figures.digit_grid(X, Y, count=10)
    assert plain.caption == ("The first 10 digits, each 8 × 8 pixels (dark where more ink), "
                             "with the digit each shows; among them 10 of the 10 digits.")
    read = np.array(Y[:12])
    read[[3, 7]] = (read[[3, 7]] + 1) % 10
    caption = figures.digit_grid(X[:12], Y[:12], read, count=12, what="test digits").caption
    assert caption == (f"The first 12 test digits with what the network reads in each: 10 of "
                       f"12 right; the ones it reads wrong, framed and marked ✖: a {Y[3]} read "
                       f"as {read[3]} and a {Y[7]} read as {read[7]}.")


def test_the_mistakes_are_every_wrong_reading_and_the_most_frequent_one():
    wrong = np.flatnonzero(PREDICTED != Y_VAL)
    caption = figures.mistakes(X_VAL, Y_VAL, PREDICTED, what="validation digits").caption
    assert caption.startswith(f"The network reads {wrong.size} of the 100 validation digits "
                              "wrong")
    pairs = list(zip(Y_VAL[wrong], PREDICTED[wrong], strict=True))
    times = max(pairs.count(pair) for pair in pairs)
    assert f"the most frequent mistake, {times} time" in caption


def test_the_confusion_figure_counts_the_diagonal_and_the_largest_mistake():
    counts = multiclass.confusion_matrix([0, 0, 1, 1, 1, 2, 2], [0, 1, 1, 1, 2, 2, 1], classes=3)
    assert figures.confusion_figure(counts, what="digits").caption == (
        "Of the 7 digits, 4 (57.1 %) are on the diagonal, read right; the largest count off it "
        "is 1: 0s read as 1. The row with the most mistakes is the 0s (1 of 2 read as "
        "something else).")


def test_the_range_test_is_read_on_the_validation_set():
    scan = multiclass.range_test(NET, X, Y, validation=(X_VAL, Y_VAL), batch_size=20, steps=30)
    caption = figures.range_test_figure(scan).caption
    assert caption.startswith("Over 30 mini-batch steps with η raised from 0.001 to 100, the "
                              f"validation loss went from {scan.losses[0]:.3g} down to")
    assert caption.endswith(f"is {scan.suggested_lr:.3g}.")


def test_epoch_curves_name_the_lowest_validation_loss_and_the_stop():
    caption = figures.epoch_curves(STOPPED).caption
    best = STOPPED.best_epoch
    assert f"the validation loss was lowest, {STOPPED.validation_losses[best]:.3f}, after epoch " \
           f"{best}" in caption
    assert caption.endswith(f"early stopping ended it after epoch {STOPPED.epochs}, "
                            f"{STOPPED.epochs - best} epochs without a lower validation loss.")
    assert "early stopping" not in figures.epoch_curves(RUN).caption


def test_validation_curves_name_each_runs_lowest_and_the_chosen_rate():
    runs = {0.3: RUN, 1.0: STOPPED}
    caption = figures.validation_curves(runs, chosen=1.0).caption
    assert caption.startswith(f"Validation loss by epoch, with early stopping: η = 0.3 reached "
                              f"{RUN.validation_losses[RUN.best_epoch]:.3f} at epoch "
                              f"{RUN.best_epoch}; η = 1 reached")
    assert caption.endswith("The lowest of them is at η = 1.")


GRID = {(size, lr): multiclass.train(NET, X, Y, lr, epochs=2, batch_size=size,
                                     validation=(X_VAL, Y_VAL))
        for size in (20, 200) for lr in (0.3, 1.0, 300.0)}


def test_the_batch_and_rate_grid_stars_each_rows_lowest_and_counts_the_failures():
    caption = figures.batch_lr_figure(GRID, full_batch=200).caption
    for size, name in ((20, "20"), (200, "full batch")):
        ends = {lr: GRID[size, lr].validation_losses[-1] for lr in (0.3, 1.0)}
        lr = min(ends, key=ends.get)
        assert f"{name}: {ends[lr]:.3f} at η = {lr:g}" in caption
    assert caption.endswith("2 of the 6 runs did not end lower than they started.")


def test_the_budgets_compare_at_equal_passes_and_at_equal_updates():
    full = {lr: multiclass.train(NET, X, Y, lr, epochs=20, batch_size=200,
                                 validation=(X_VAL, Y_VAL)) for lr in (0.3, 1.0)}
    batched = {lr: GRID[20, lr] for lr in (0.3, 1.0)}
    caption = figures.budget_figure(full, batched, passes=2).caption
    mb = multiclass.choose_rate(batched, 2)
    at_passes, at_updates = multiclass.choose_rate(full, 2), multiclass.choose_rate(full, 20)
    assert caption == (
        f"At equal passes (2 epochs): batches of 20 at η = {mb:.3g} made 20 updates and reached "
        f"a validation loss of {batched[mb].validation_losses[2]:.3f}; the full batch at η = "
        f"{at_passes:.3g} made 2 and reached {full[at_passes].validation_losses[2]:.3f}. At "
        f"equal updates (20): the full batch at η = {at_updates:.3g} reached "
        f"{full[at_updates].validation_losses[20]:.3f}, in 20 passes over the training set.")


def test_the_epoch_explorer_frames_exactly_the_digits_read_wrong(scene_at):
    explorer = figures.epoch_explorer(RUN, X_VAL, Y_VAL, count=16, epoch=3)
    read = multiclass.predict(RUN.networks[3], X_VAL)
    right = np.mean(read == Y_VAL)
    assert explorer.snapshot().caption == (
        f"After 3 epochs (30 steps at η = 1) the network reads {100 * right:.1f} % of the 100 "
        f"validation digits right, with a validation loss of {RUN.validation_losses[3]:.3f}; of "
        f"the 16 shown, {int(np.sum(read[:16] == Y_VAL[:16]))} right.")
    for epoch in (0, 6):
        fig, _, _ = scene_at(explorer, epoch=epoch)
        frames = [p for p in fig.axes[0].patches if isinstance(p, Rectangle) and p.get_visible()]
        wrong = multiclass.predict(RUN.networks[epoch], X_VAL[:16]) != Y_VAL[:16]
        assert len(frames) == int(wrong.sum())


# --- Bad input is answered with a sentence, before any figure is built ----------------------

NO_VALIDATION = multiclass.train(NET, X, Y, 1.0, 2, 50)
NOT_KEPT = multiclass.train(NET, X, Y, 1.0, 2, 50, validation=(X_VAL, Y_VAL))

# (call, exception type, how the message opens: at least the argument's name)
BAD_INPUTS = {
    "digit_grid X of 10 columns": (
        lambda: figures.digit_grid(np.ones((5, 10)), Y[:5]), ValueError, "X"),
    "digit_grid y a digit 10": (
        lambda: figures.digit_grid(X[:2], [3, 10]), ValueError, "y holds the class 10"),
    "digit_grid count too many": (
        lambda: figures.digit_grid(X, Y, count=500), ValueError, "count"),
    "digit_grid predicted too short": (
        lambda: figures.digit_grid(X, Y, Y[:3], count=5), ValueError, "predicted"),
    "mistakes none": (
        lambda: figures.mistakes(X[:5], Y[:5], Y[:5]), ValueError, "predicted reads every one"),
    "confusion not square": (
        lambda: figures.confusion_figure(np.ones((3, 4))), ValueError, "counts"),
    "confusion fractions": (
        lambda: figures.confusion_figure(np.full((3, 3), 0.5)), ValueError, "counts"),
    "range_test_figure a run": (
        lambda: figures.range_test_figure(RUN), TypeError, "test"),
    "epoch_curves no validation": (
        lambda: figures.epoch_curves(NO_VALIDATION), ValueError, "run has no validation"),
    "epoch_curves a dict": (lambda: figures.epoch_curves({}), TypeError, "run"),
    "validation_curves chosen not a rate": (
        lambda: figures.validation_curves({1.0: RUN}, chosen=2.0), ValueError, "chosen"),
    "validation_curves a list": (
        lambda: figures.validation_curves([RUN]), TypeError, "runs"),
    "batch_lr_figure a missing pair": (
        lambda: figures.batch_lr_figure({k: v for k, v in list(GRID.items())[:-1]}),
        ValueError, "runs should hold every pair"),
    "budget_figure full not full batch": (
        lambda: figures.budget_figure({1.0: GRID[20, 1.0]}, {1.0: GRID[20, 1.0]}, 2),
        ValueError, "full should hold full-batch runs"),
    "budget_figure passes off": (
        lambda: figures.budget_figure({1.0: GRID[200, 1.0]}, {1.0: GRID[20, 1.0]}, 3),
        ValueError, "minibatch should hold runs of 3 epochs"),
    "epoch_explorer networks not kept": (
        lambda: figures.epoch_explorer(NOT_KEPT, X_VAL, Y_VAL), ValueError,
        "run should keep its network"),
    "epoch_explorer epoch a float": (
        lambda: figures.epoch_explorer(RUN, X_VAL, Y_VAL, epoch=2.5), TypeError, "epoch"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_named_before_any_figure(case, refused):
    refused(*BAD_INPUTS[case])


# Each explorer's starting value and its slider (see sliders.py).
SLIDER_CASES = {
    "epoch": (lambda v: figures.epoch_explorer(RUN, X_VAL, Y_VAL, count=8, epoch=v),
              "epoch", "epoch", 0, 6, "int"),
}


(test_a_start_on_the_slider_builds_and_shows_that_value,
 test_a_start_off_the_slider_is_refused_naming_the_argument) = slider_tests(SLIDER_CASES, 4, 8)
