"""Figures of notebook 06, handwritten digits: the digits and what the network reads in them,
its mistakes, the confusion matrix, the range test on the validation set, loss curves by
epoch, the batch-size and learning-rate grid, the two budgets, and a slider over the epochs
that shows the network learning. A digit the network reads wrong is drawn with a dashed
vermillion frame and a ✖ before what it read: a shape as well as a colour."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter

from .. import _validate, digits, multiclass
from . import style
from .controls import _int_slider, _whole, _within
from .learning_rate_network import _range_test_figure
from .live import Explorer, Picture
from .style import _png, _positive
from .training import _listed

__all__ = [
    "batch_lr_figure",
    "budget_figure",
    "confusion_figure",
    "digit_grid",
    "epoch_curves",
    "epoch_explorer",
    "mistakes",
    "range_test_figure",
    "validation_curves",
]

# The most digits one grid draws (one small panel each).
MAX_DIGITS = 100
WRONG = style.PALETTE["vermillion"]
# White paper, grey to black ink, one shade per pixel value 0 to 16: the lightest ink stays
# well apart from the white paper (and from the tints of coloured text), so that a frame's
# 256 colours keep every shade. The gaps between digits are white too.
INK = ListedColormap([(1.0, 1.0, 1.0)] + [(v, v, v) for v in np.linspace(0.86, 0.0, 16)]
                     ).with_extremes(bad="white")
# A grid of digits is one picture: each digit's pixels in a cell with room above it for its
# words and beside it for a gap (in pixels of a digit), and this many inches to a cell.
ROOM_ABOVE, ROOM_BESIDE, CELL_INCHES = 4, 3, 0.86


def _percent(fraction: float) -> str:
    return f"{100 * fraction:.1f} %"


def _plain_log(ax) -> None:
    """A log axis of losses labelled in plain numbers (0.1, 0.2, 0.5, 1, 2), not powers of ten."""
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    ax.yaxis.set_minor_formatter(FuncFormatter(
        lambda value, _: f"{value:g}" if f"{value:.0e}"[0] in "25" else ""))


# --- Checks at the edge -----------------------------------------------------------------------


def _images(X: object, name: str = "X") -> np.ndarray:
    """Digits: (n, 64) rows of pixels, at least one."""
    return _validate.points(X, name, columns=digits.SIDE**2)


def _classes(value: object, name: str, n: int) -> np.ndarray:
    return multiclass._labels_within(multiclass._labels(value, name, n), name, digits.CLASSES,
                                     "a digit")


def _count(value: object, name: str, available: int) -> int:
    return _validate.count(value, name, maximum=min(MAX_DIGITS, available),
                           why=f"there are {available} digits and a grid draws "
                               f"{MAX_DIGITS} at most")


def _run(run: object, name: str = "run", validation: bool = True) -> multiclass.EpochRun:
    if not isinstance(run, multiclass.EpochRun):
        raise TypeError(f"{name} should be a multiclass.EpochRun (from multiclass.train), got "
                        f"{type(run).__name__}")
    if validation and run.validation_losses is None:
        raise ValueError(f"{name} has no validation losses; train with validation=(X_val, "
                         "y_val) to keep them")
    return run


def _rate_runs(runs: object, name: str) -> dict:
    """{lr: EpochRun}, each with a validation set, no more than there are line colours."""
    if not isinstance(runs, Mapping) or not runs:
        raise TypeError(f"{name} should be a dict {{lr: EpochRun}} of at least one run, got "
                        f"{type(runs).__name__}")
    if len(runs) > len(style.LINE_COLORS):
        raise ValueError(f"{name} has {len(runs)} runs; at most {len(style.LINE_COLORS)} can be "
                         "told apart")
    return {_validate.positive(lr, f"a learning rate of {name}"): _run(run, f"{name}[{lr!r}]")
            for lr, run in runs.items()}


# --- Digits and what the network reads --------------------------------------------------------


def _mosaic(ax, X: np.ndarray, columns: int) -> list[tuple[float, float]]:
    """Draw the digits X (rows of 64 pixels) in one image on ax, `columns` to a row, and return
    where each one's top-left pixel is (x, y, in the image's pixels, y downward)."""
    side = digits.SIDE
    width, height = side + ROOM_BESIDE, side + ROOM_ABOVE
    rows = -(-len(X) // columns)
    picture = np.full((rows * height, columns * width), np.nan)
    corners = []
    for k, image in enumerate(X):
        r, c = divmod(k, columns)
        top, left = r * height + ROOM_ABOVE, c * width + ROOM_BESIDE / 2
        picture[top:top + side, int(left):int(left) + side] = image.reshape(side, side)
        corners.append((int(left), top))
    ax.imshow(picture, cmap=INK, vmin=0, vmax=max(float(np.max(X)), 1e-12),
              interpolation="nearest", extent=(-0.5, columns * width - 0.5,
                                               rows * height - 0.5, -0.5))
    ax.set_axis_off()
    return corners


def _mosaic_size(count: int, columns: int) -> tuple[float, float]:
    """(width, height) in inches of a grid of `count` digits, `columns` to a row."""
    rows = -(-count // columns)
    ratio = (digits.SIDE + ROOM_ABOVE) / (digits.SIDE + ROOM_BESIDE)
    return columns * CELL_INCHES, rows * CELL_INCHES * ratio


def _words_above(ax, corner: tuple[float, float], text: str = " ", colour: str = "black"):
    x, y = corner
    return ax.text(x + (digits.SIDE - 1) / 2, y - 1.2, text, ha="center", va="bottom",
                   fontsize=9, color=colour)


def _frame(ax, corner: tuple[float, float]) -> Rectangle:
    """A dashed vermillion frame round a digit: it was read wrong."""
    x, y = corner
    frame = Rectangle((x - 1.0, y - 1.0), digits.SIDE + 1.0, digits.SIDE + 1.0, fill=False,
                      edgecolor=WRONG, lw=1.8, ls="--", clip_on=False)
    ax.add_patch(frame)
    return frame


def _label(digit: int, read: int | None) -> tuple[str, str]:
    """The words over a digit and their colour: the digit, or what was read and whether right."""
    if read is None:
        return str(digit), "black"
    return (f"{read}", "black") if read == digit else (f"✖ {read} (is {digit})", WRONG)


def _grid_figure(X: np.ndarray, y: np.ndarray, predicted: np.ndarray | None, columns: int
                 ) -> Figure:
    columns = min(columns, len(X))
    fig, (ax,) = style.new_figure(*_mosaic_size(len(X), columns))
    for k, corner in enumerate(_mosaic(ax, X, columns)):
        words, colour = _label(int(y[k]), None if predicted is None else int(predicted[k]))
        _words_above(ax, corner, words, colour)
        if predicted is not None and predicted[k] != y[k]:
            _frame(ax, corner)
    return fig


def digit_grid(X: np.ndarray, y: np.ndarray, predicted: np.ndarray | None = None,
               count: int = 30, columns: int = 10, what: str = "digits") -> Picture:
    """The first `count` digits of X (rows of 64 pixels) in a grid, each titled with its digit
    y, or with what the network read (`predicted`): right ones plainly, wrong ones framed and
    marked ✖. `what` names the digits in the sentence ("test digits"). Notebook 06."""
    X = _images(X)
    y = _classes(y, "y", len(X))
    count = _count(count, "count", len(X))
    columns = _validate.count(columns, "columns", maximum=20)
    if predicted is not None:
        predicted = _classes(predicted, "predicted", len(X))[:count]
    X, y = X[:count], y[:count]
    fig = _grid_figure(X, y, predicted, columns)
    if predicted is None:
        shown = np.bincount(y, minlength=digits.CLASSES)
        caption = (f"The first {count} {what}, each {digits.SIDE} × {digits.SIDE} pixels (dark "
                   f"where more ink), with the digit each shows; among them "
                   f"{int(np.sum(shown > 0))} of the {digits.CLASSES} digits.")
    else:
        wrong = np.flatnonzero(predicted != y)
        errors = (" it reads none wrong" if not wrong.size else
                  " the ones it reads wrong, framed and marked ✖: " + _listed(
                      [f"a {y[k]} read as {predicted[k]}" for k in wrong]))
        caption = (f"The first {count} {what} with what the network reads in each: "
                   f"{count - wrong.size} of {count} right;{errors}.")
    return Picture(_png(fig), caption)


def mistakes(X: np.ndarray, y: np.ndarray, predicted: np.ndarray, most: int = 20,
             what: str = "test digits") -> Picture:
    """Every digit the network reads wrong (up to `most`), each titled with what it read and
    what it is. Notebook 06."""
    X = _images(X)
    y = _classes(y, "y", len(X))
    predicted = _classes(predicted, "predicted", len(X))
    most = _validate.count(most, "most", maximum=MAX_DIGITS)
    wrong = np.flatnonzero(predicted != y)
    if not wrong.size:
        raise ValueError(f"predicted reads every one of the {len(X)} {what} right: there is no "
                         "mistake to draw")
    shown = wrong[:most]
    fig = _grid_figure(X[shown], y[shown], predicted[shown], columns=10)
    pairs = {}
    for k in wrong:
        pairs[y[k], predicted[k]] = pairs.get((y[k], predicted[k]), 0) + 1
    (true, read), times = max(pairs.items(), key=lambda item: (item[1], -item[0][0]))
    shown_words = f"the first {len(shown)} of them" if len(shown) < wrong.size else "all of them"
    caption = (f"The network reads {wrong.size} of the {len(X)} {what} wrong ({shown_words} "
               f"here, each titled with what it read and what it is); the most frequent "
               f"mistake, {times} {'time' if times == 1 else 'times'}: a {true} read as {read}.")
    return Picture(_png(fig), caption)


def confusion_figure(counts: np.ndarray, what: str = "test digits") -> Picture:
    """A confusion matrix (multiclass.confusion_matrix): one row per true digit, one column
    per digit read, every count written in its cell; the diagonal (right) in blue, the
    mistakes in vermillion with a square round them. Notebook 06."""
    counts = _validate.array(counts, "counts", ndim=2, within=(0, _validate.MAX_POINTS))
    classes = len(counts)
    if counts.shape != (classes, classes) or not 2 <= classes <= 20 \
            or np.any(counts != np.round(counts)) or counts.sum() == 0:
        raise ValueError(f"counts should be a square matrix of whole counts, 2 to 20 classes, "
                         f"not all zero (from multiclass.confusion_matrix), got shape "
                         f"{counts.shape}")
    counts = counts.astype(int)
    fig, (ax,) = style.new_figure(5.6, 5.0)
    ax.imshow(np.where(np.eye(classes, dtype=bool), counts, 0), cmap="Blues", vmin=0,
              vmax=1.6 * counts.max())
    for t in range(classes):
        for p in range(classes):
            if t == p:
                ax.text(p, t, str(counts[t, p]), ha="center", va="center", fontsize=9)
            elif counts[t, p]:
                ax.text(p, t, str(counts[t, p]), ha="center", va="center", fontsize=9,
                        color=WRONG, fontweight="bold")
                ax.add_patch(Rectangle((p - 0.42, t - 0.42), 0.84, 0.84, fill=False,
                                       edgecolor=WRONG, lw=1.2))
    ax.set(xticks=range(classes), yticks=range(classes), xlabel="the digit the network read",
           ylabel="the digit it is", title="confusion matrix: right on the diagonal")
    ax.grid(False)
    right, total = int(np.trace(counts)), int(counts.sum())
    off = counts - np.diag(np.diag(counts))
    t, p = np.unravel_index(np.argmax(off), off.shape)
    worst = int(np.argmax(off.sum(axis=1)))
    caption = (f"Of the {total} {what}, {right} ({_percent(right / total)}) are on the "
               f"diagonal, read right; the largest count off it is {off[t, p]}: {t}s read as "
               f"{p}. The row with the most mistakes is the {worst}s ({off[worst].sum()} of "
               f"{counts[worst].sum()} read as something else).")
    return Picture(_png(fig), caption)


# --- Choosing and training --------------------------------------------------------------------


def range_test_figure(test) -> Picture:
    """The range test of multiclass.range_test: the loss on the validation set after a step at
    each rate, log axes, the suggested rate, the lowest loss and the blow-up marked.
    Notebook 06 (the figure of notebook 05, read on the validation set)."""
    from .. import learning_rate

    if not isinstance(test, learning_rate.RangeTest) or test.blew_up_at_once:
        raise TypeError("test should be a learning_rate.RangeTest with at least one rate "
                        f"before the blow-up (from multiclass.range_test), got {test!r:.60}")
    fig = _range_test_figure(test)
    fig.axes[0].set(ylabel="validation loss (log scale)",
                    title="the range test, read on the validation set")
    blow_up = ("it never blew up in the range tried" if test.blow_up_lr is None
               else f"it blows up from η ≈ {test.blow_up_lr:.3g}")
    usable = test.before_blow_up
    caption = (f"Over {len(test.lrs)} mini-batch steps with η raised from {test.lrs[0]:.3g} to "
               f"{test.lrs[-1]:.3g}, the validation loss went from {test.losses[0]:.3g} down to "
               f"{test.losses[usable].min():.3g} at η ≈ {test.best_lr:.3g}; {blow_up}; the "
               f"suggested η, a tenth of the lowest-loss rate, is {test.suggested_lr:.3g}.")
    return Picture(_png(fig), caption)


def _mark_best(ax, run: multiclass.EpochRun, colour: str, label: str | None = None) -> None:
    ax.plot([run.best_epoch], [run.validation_losses[run.best_epoch]], "v", ms=10,
            color=colour, mec="black", ls="none", label=label, zorder=4)


def epoch_curves(run: multiclass.EpochRun, title: str = "") -> Picture:
    """The loss (log scale) and the accuracy on the training and validation sets after each
    epoch of one run, the lowest validation loss marked ▼ and, when early stopping ended the
    run, where it stopped. Notebook 06."""
    run = _run(run)
    if not isinstance(title, str):
        raise TypeError(f"title should be a string, got {type(title).__name__}")
    epochs = np.arange(run.epochs + 1)
    blue, vermillion = style.PALETTE["blue"], style.PALETTE["vermillion"]
    fig, (loss_ax, acc_ax) = style.new_figure(10.0, 3.6, ncols=2)
    loss_ax.plot(epochs, _positive(run.losses), color=blue, ls="-", label="training set")
    loss_ax.plot(epochs, _positive(run.validation_losses), color=vermillion, ls="--",
                 label="validation set")
    _mark_best(loss_ax, run, vermillion, f"lowest validation loss (epoch {run.best_epoch})")
    acc_ax.plot(epochs, 100 * run.accuracies, color=blue, ls="-", label="training set")
    acc_ax.plot(epochs, 100 * run.validation_accuracies, color=vermillion, ls="--",
                label="validation set")
    _plain_log(loss_ax)
    loss_ax.set(ylabel="loss (cross-entropy, log scale)",
                title=title or "loss (lower is better)")
    acc_ax.set(ylabel="digits read right (%)", ylim=(0, 102),
               title="accuracy (higher is better)")
    for ax in (loss_ax, acc_ax):
        if run.early_stopped:
            ax.axvline(run.epochs, color="black", ls=":", lw=1.2, label="early stopping")
        ax.set_xlabel("epoch (one pass over the training set)")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=8)
    best = run.best_epoch
    stopped = (f"; early stopping ended it after epoch {run.epochs}, {run.epochs - best} "
               "epochs without a lower validation loss" if run.early_stopped else "")
    caption = (f"Over {run.epochs} epochs ({run.steps} steps at η = {run.lr:.3g}, batches of "
               f"{run.batch_size}) the training loss fell from {run.losses[0]:.3f} to "
               f"{run.losses[-1]:.3g} ({_percent(run.accuracies[-1])} right); the validation "
               f"loss was lowest, {run.validation_losses[best]:.3f}, after epoch {best} "
               f"({_percent(run.validation_accuracies[best])} right){stopped}.")
    return Picture(_png(fig), caption)


def validation_curves(runs: dict, chosen: float | None = None) -> Picture:
    """The validation loss after each epoch of runs {lr: EpochRun} at several learning rates,
    each one's lowest marked ▼, the `chosen` rate drawn thicker. Notebook 06."""
    runs = _rate_runs(runs, "runs")
    if chosen is not None and chosen not in runs:
        raise ValueError(f"chosen should be one of the rates of runs {sorted(runs)}, got "
                         f"{chosen!r}")
    fig, (ax,) = style.new_figure(8.5, 3.6)
    for (lr, run), colour, dash in zip(sorted(runs.items()), style.LINE_COLORS,
                                       style.LINE_STYLES, strict=False):
        ax.plot(np.arange(run.epochs + 1), _positive(run.validation_losses), color=colour,
                ls=dash, lw=3 if lr == chosen else 1.6, label=f"η = {lr:.3g}")
        _mark_best(ax, run, colour)
    _plain_log(ax)
    ax.set(xlabel="epoch", ylabel="validation loss (log scale)",
           title="the validation set chooses the learning rate (▼: each run's lowest)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    words = [f"η = {lr:.3g} reached {run.validation_losses[run.best_epoch]:.3f} at epoch "
             f"{run.best_epoch}" + (" and stopped at epoch "
                                    f"{run.epochs}" if run.early_stopped else "")
             for lr, run in sorted(runs.items())]
    caption = "Validation loss by epoch, with early stopping: " + "; ".join(words) + "."
    if chosen is not None:
        caption += f" The lowest of them is at η = {chosen:.3g}."
    return Picture(_png(fig), caption)


def _grid_runs(runs: object) -> tuple[dict, list[int], list[float]]:
    if not isinstance(runs, Mapping) or not runs or not all(
            isinstance(key, tuple) and len(key) == 2 for key in runs):
        raise TypeError("runs should be a dict {(batch_size, lr): EpochRun}, got "
                        f"{type(runs).__name__}")
    sizes = sorted({size for size, _ in runs})
    rates = sorted({lr for _, lr in runs})
    if len(runs) != len(sizes) * len(rates) or len(runs) > 100:
        raise ValueError(f"runs should hold every pair of its {len(sizes)} batch sizes and "
                         f"{len(rates)} rates once (100 at most), got {len(runs)} runs")
    epochs = {_run(run, f"runs[{key!r}]").epochs for key, run in runs.items()}
    if len(epochs) != 1:
        raise ValueError(f"runs should all run the same epochs (a budget), got {sorted(epochs)}")
    return dict(runs), sizes, rates


def _lowered(run: multiclass.EpochRun) -> bool:
    end = run.validation_losses[-1]
    return not run.diverged and bool(np.isfinite(end)) and end < run.validation_losses[0]


def batch_lr_figure(runs: dict, full_batch: int | None = None) -> Picture:
    """The validation loss after the same number of epochs for every pair of batch size and
    learning rate (runs {(batch_size, lr): EpochRun}): each cell coloured by it (light is
    low) and written in it, the lowest of each batch size starred ★, the runs that did not
    end lower than they started crossed ✖. `full_batch`: the batch size that is the whole
    training set, so named. Notebook 06."""
    runs, sizes, rates = _grid_runs(runs)
    epochs = next(iter(runs.values())).epochs
    ends = np.array([[runs[size, lr].validation_losses[-1] for lr in rates] for size in sizes])
    good = np.array([[_lowered(runs[size, lr]) for lr in rates] for size in sizes])
    shown = np.where(good, ends, np.nan)
    fig, (ax,) = style.new_figure(7.2, 1.2 + 0.62 * len(sizes))
    low = np.nanmin(shown) if good.any() else 1.0
    high = max(np.nanmax(shown) if good.any() else 2.0, 1.01 * low)
    ax.imshow(np.log(np.where(good, ends, high)), cmap=style.LOSS_CMAP, aspect="auto",
              vmin=np.log(low), vmax=np.log(high))
    names = [("full batch" if size == full_batch else str(size)) for size in sizes]
    best = {}
    for row, size in enumerate(sizes):
        if good[row].any():
            column = int(np.nanargmin(shown[row]))
            best[size] = (rates[column], ends[row, column])
        for column, _ in enumerate(rates):
            if not good[row, column]:
                ax.text(column, row, "✖", ha="center", va="center", fontsize=13, color=WRONG)
                continue
            star = best.get(size, (None,))[0] == rates[column]
            text = ("★ " if star else "") + f"{ends[row, column]:.3f}"
            light = ends[row, column] < np.exp((np.log(low) + np.log(high)) / 2)
            ax.text(column, row, text, ha="center", va="center", fontsize=9,
                    fontweight="bold" if star else "normal",
                    color="black" if light else "white")
    ax.set(xticks=range(len(rates)), xticklabels=[f"{lr:.3g}" for lr in rates],
           yticks=range(len(sizes)), yticklabels=names, xlabel="learning rate η",
           ylabel="batch size",
           title=f"validation loss after {epochs} epochs (★ lowest in its row, ✖ did not fall)")
    ax.grid(False)
    words = [f"{name}: {best[size][1]:.3f} at η = {best[size][0]:.3g}" if size in best
             else f"{name}: no rate lowered it" for name, size in zip(names, sizes, strict=True)]
    caption = (f"After {epochs} epochs, the lowest validation loss for each batch size — "
               + "; ".join(words) + f". {int((~good).sum())} of the {good.size} runs did not "
               "end lower than they started.")
    return Picture(_png(fig), caption)


def budget_figure(full: dict, minibatch: dict, passes: int) -> Picture:
    """Full batch against mini-batches at two budgets, each at its own best rate on the
    validation set (multiclass.choose_rate). full: {lr: EpochRun} of full-batch runs (one
    update per epoch) at least as many updates long as the mini-batch runs make in `passes`
    epochs; minibatch: {lr: EpochRun} of mini-batch runs of `passes` epochs. Left, the
    validation loss against passes over the training set; right, against updates.
    Notebook 06."""
    full = _rate_runs(full, "full")
    minibatch = _rate_runs(minibatch, "minibatch")
    passes = _validate.count(passes, "passes")
    if any(run.epochs != passes for run in minibatch.values()):
        raise ValueError(f"minibatch should hold runs of {passes} epochs (passes), got "
                         f"{sorted(run.epochs for run in minibatch.values())}")
    if any(run.steps != run.epochs for run in full.values()):
        raise ValueError("full should hold full-batch runs: one step per epoch")
    updates = next(iter(minibatch.values())).steps
    if any(run.epochs < updates for run in full.values()):
        raise ValueError(f"full should hold runs of at least {updates} updates (what the "
                         f"mini-batch runs make in {passes} epochs), got "
                         f"{sorted(run.epochs for run in full.values())}")
    batch = next(iter(minibatch.values())).batch_size
    per_epoch = updates // passes
    mb_lr = multiclass.choose_rate(minibatch, passes)
    full_passes_lr = multiclass.choose_rate(full, passes)
    full_updates_lr = multiclass.choose_rate(full, updates)
    mb, fp, fu = minibatch[mb_lr], full[full_passes_lr], full[full_updates_lr]
    blue, vermillion = style.PALETTE["blue"], style.PALETTE["vermillion"]
    fig, (pass_ax, update_ax) = style.new_figure(10.0, 3.8, ncols=2)
    pass_ax.plot(np.arange(passes + 1), mb.validation_losses, "o--", color=vermillion, ms=5,
                 label=f"batches of {batch}, η = {mb_lr:.3g}")
    pass_ax.plot(np.arange(passes + 1), fp.validation_losses[:passes + 1], "s-", color=blue,
                 ms=5, label=f"full batch, η = {full_passes_lr:.3g}")
    pass_ax.set(xlabel="passes over the training set (epochs)",
                title=f"equal passes: {passes} epochs each")
    update_ax.plot(per_epoch * np.arange(passes + 1), mb.validation_losses, "o--",
                   color=vermillion, ms=5, label=f"batches of {batch}, η = {mb_lr:.3g}")
    update_ax.plot(np.arange(updates + 1), fu.validation_losses[:updates + 1], "-", color=blue,
                   label=f"full batch, η = {full_updates_lr:.3g}")
    update_ax.set(xlabel="updates (steps)", title=f"equal updates: {updates} each")
    pass_ax.set_xticks(range(passes + 1))
    for ax in (pass_ax, update_ax):
        _plain_log(ax)
        ax.set_ylabel("validation loss (log scale)")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=8)
    caption = (f"At equal passes ({passes} epochs): batches of {batch} at η = {mb_lr:.3g} "
               f"made {updates} updates and reached a validation loss of "
               f"{mb.validation_losses[passes]:.3f}; the full batch at η = "
               f"{full_passes_lr:.3g} made {passes} and reached "
               f"{fp.validation_losses[passes]:.3f}. At equal updates ({updates}): the full "
               f"batch at η = {full_updates_lr:.3g} reached {fu.validation_losses[updates]:.3f}, "
               f"in {updates} passes over the training set.")
    return Picture(_png(fig), caption)


# --- Watching it learn ------------------------------------------------------------------------


def epoch_explorer(run: multiclass.EpochRun, X: np.ndarray, y: np.ndarray, count: int = 24,
                   epoch: int = 0) -> Explorer:
    """A slider over the epochs of one run (multiclass.train with keep_networks=True): the
    first `count` validation digits X, y with what the network read in each after that epoch
    (wrong ones framed and marked ✖), beside the validation loss and accuracy by epoch.
    The slider starts at `epoch`. Notebook 06."""
    run = _run(run)
    if len(run.networks) != run.epochs + 1:
        raise ValueError("run should keep its network after every epoch: train with "
                         "keep_networks=True")
    X = _images(X)
    y = _classes(y, "y", len(X))
    count = _count(count, "count", len(X))
    epoch = int(_within(_whole(epoch, "epoch"), "epoch", 0, run.epochs))
    readings = np.array([multiclass.predict(net, X) for net in run.networks])
    accuracy = np.mean(readings == y, axis=1)
    shown, truth = readings[:, :count], y[:count]
    columns = min(8, count)
    epochs = np.arange(run.epochs + 1)
    grid_width, grid_height = _mosaic_size(count, columns)

    def scene():
        fig, (grid_ax, curve_ax) = style.new_figure(grid_width + 3.6, grid_height + 0.9,
                                                    ncols=2, width_ratios=(grid_width, 3.0))
        corners = _mosaic(grid_ax, X[:count], columns)
        # Above each digit, what it is; where the network reads it wrong, a moving text on a
        # white ground covers that with what it read (so only the wrong ones are redrawn).
        for k, corner in enumerate(corners):
            _words_above(grid_ax, corner, str(truth[k]))
        titles = [_words_above(grid_ax, corner, " ", WRONG) for corner in corners]
        for title in titles:
            title.set_bbox({"facecolor": "white", "edgecolor": "none", "pad": 1.5})
        frames = [_frame(grid_ax, corner) for corner in corners]
        heading = grid_ax.set_title(" ", fontsize=10, loc="left")
        blue, vermillion = style.PALETTE["blue"], style.PALETTE["vermillion"]
        curve_ax.plot(epochs, _positive(run.validation_losses), color=vermillion, ls="--",
                      label="validation loss")
        _plain_log(curve_ax)
        curve_ax.set(xlabel="epoch", xlim=(-0.5, run.epochs + 0.5))
        curve_ax.set_ylabel("validation loss (dashed, log scale)", color=vermillion)
        curve_ax.tick_params(axis="y", colors=vermillion)
        acc_ax = curve_ax.twinx()
        acc_ax.plot(epochs, 100 * accuracy, color=blue, ls="-", label="read right (%)")
        acc_ax.set_ylim(0, 102)
        acc_ax.set_ylabel("validation digits read right (%)", color=blue)
        acc_ax.tick_params(axis="y", colors=blue)
        acc_ax.spines["right"].set_visible(True)
        acc_ax.grid(False)
        (loss_now,) = curve_ax.plot([], [], "v", ms=9, color=vermillion, mec="black")
        (acc_now,) = acc_ax.plot([], [], "o", ms=8, color=blue, mec="black")
        moving = [*titles, *frames, loss_now, acc_now, heading]

        def update(epoch: int) -> str:
            for k, (title, frame) in enumerate(zip(titles, frames, strict=True)):
                wrong = bool(shown[epoch, k] != truth[k])
                title.set_text(_label(int(truth[k]), int(shown[epoch, k]))[0])
                title.set_visible(wrong)
                frame.set_visible(wrong)
            loss = run.validation_losses[epoch]
            loss_now.set_data([epoch], [loss])
            acc_now.set_data([epoch], [100 * accuracy[epoch]])
            heading.set_text(f"after epoch {epoch}: the network reads "
                             f"{_percent(accuracy[epoch])} of the validation digits right")
            right = int(np.sum(shown[epoch] == truth))
            steps = epoch * run.steps_per_epoch
            return (f"After {epoch} epochs ({steps} steps at η = {run.lr:.3g}) the network "
                    f"reads {_percent(accuracy[epoch])} of the {len(X)} validation digits "
                    f"right, with a validation loss of {loss:.3f}; of the {count} shown, "
                    f"{right} right.")

        return fig, moving, update

    controls = {"epoch": _int_slider("epoch", epoch, 0, run.epochs)}
    return Explorer(scene, controls, "the network learning, epoch by epoch")

