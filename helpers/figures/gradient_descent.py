"""Figures of notebook 04, gradient descent: tangents, walks, descent on a surface, training."""

from __future__ import annotations

import io
import numbers
from collections.abc import Callable, Sequence

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from .. import _validate, descent, losses, training
from . import live, style
from .live import (
    MAX_EXPLORER_STEPS,
    Explorer,
    _curve,
    _range,
    _whole,
    _within,
    int_slider,
    slider,
)
from .style import _limits, _line_data, _result


def line_fit_figure(x: np.ndarray, y: np.ndarray, path: np.ndarray,
                    slope_range: tuple[float, float] = (-1.0, 4.0),
                    intercept_range: tuple[float, float] = (-2.0, 3.0)) -> Figure:
    """The figure of descent_on_line_fit, without its words (for comparing pictures)."""
    x, y = _line_data(x, y)
    path = _validate.array(path, "path", ndim=2, columns=2)
    if not 2 <= len(path) <= style.MAX_DRAWN_STEPS + 1:
        raise ValueError(f"path should hold 2 to {style.MAX_DRAWN_STEPS + 1:,} points (the start "
                         "and "
                         f"up to {style.MAX_DRAWN_STEPS:,} steps), got {len(path):,}")
    slope_range = _limits(slope_range, "slope_range")
    intercept_range = _limits(intercept_range, "intercept_range")
    slopes = np.linspace(*slope_range, 160)
    intercepts = np.linspace(*intercept_range, 160)
    surface = losses.line_loss_surface(x, y, slopes, intercepts)
    fig, (ax, fit_ax) = style.new_figure(9.0, 4.4, ncols=2)
    style.loss_contours(ax, slopes, intercepts, surface)
    ax.plot(path[:, 0], path[:, 1], "o-", ms=3, lw=1.2, color=style.PALETTE["vermillion"],
            label=f"gradient descent ({len(path) - 1} steps)")
    ax.plot(*path[0], "s", ms=9, color="white", mec="black", label="start")
    ax.plot(*losses.least_squares_line(x, y), "*", ms=14, color=style.PALETTE["yellow"],
            mec="black", ls="none", label="lowest loss")
    ax.set(xlabel="slope", ylabel="intercept", title="descent on the loss surface",
           xlim=slope_range, ylim=intercept_range)
    # Legends sit below the axes, off the data.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize=8)
    fit_ax.scatter(x, y, s=30, color=style.PALETTE["blue"], edgecolors="black", linewidths=0.5,
                   zorder=3)
    span = np.array([x.min(), x.max()])
    for k, dash in zip(_three_moments(len(path)), (":", "--", "-"), strict=True):
        slope, intercept = path[k]
        fit_ax.plot(span, slope * span + intercept, ls=dash, color=style.PALETTE["vermillion"],
                    alpha=0.4 + 0.6 * k / (len(path) - 1), label=f"after {k} steps")
    fit_ax.set(xlabel="x", ylabel="y", title="the line at three moments")
    fit_ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize=8)
    return fig


def _png(fig: Figure) -> bytes:
    """The figure as PNG bytes, cropped to what is drawn (legends under the axes included).
    Rendered here: Picture's own rendering passes bbox_inches to print_png, which the Agg
    canvas refuses."""
    out = io.BytesIO()
    fig.savefig(out, format="png", bbox_inches="tight")
    return out.getvalue()


def _three_moments(points: int) -> tuple[int, int, int]:
    return 0, (points - 1) // 10, points - 1


def descent_on_line_fit(x: np.ndarray, y: np.ndarray, path: np.ndarray,
                        slope_range: tuple[float, float] = (-1.0, 4.0),
                        intercept_range: tuple[float, float] = (-2.0, 3.0)) -> live.Picture:
    """Gradient descent's path (k, 2) of (slope, intercept) on the line-fit loss surface, beside
    the line it ends with, and a sentence with the numbers it shows. Notebook 04."""
    fig = line_fit_figure(x, y, path, slope_range, intercept_range)
    x, y = _line_data(x, y)
    path = _validate.array(path, "path", ndim=2)
    first, last = (losses.line_mse(x, y, *path[k]) for k in (0, -1))
    best = losses.least_squares_line(x, y)
    caption = (f"In {len(path) - 1} steps gradient descent went from slope {path[0, 0]:.2f}, "
               f"intercept {path[0, 1]:.2f} (loss {first:.2f}) to slope {path[-1, 0]:.3f}, "
               f"intercept {path[-1, 1]:.3f} (loss {last:.3f}); the lowest loss, the star, is "
               f"at slope {best[0]:.3f}, intercept {best[1]:.3f}.")
    return live.Picture(_png(fig), caption)


def training_moments(result, X: np.ndarray, y: np.ndarray, steps=(0, 50, 200, 1000),
                     limits: tuple[float, float] = (-1.5, 2.5)) -> live.Picture:
    """The decision region at a few moments of one training run (a training.TrainingResult
    with snapshots at those steps), side by side, and a sentence with the loss and accuracy
    at each. Notebook 04."""
    _result(result)
    if isinstance(steps, str | bytes) or not isinstance(steps, Sequence) or any(
            isinstance(k, bool) or not isinstance(k, numbers.Integral) for k in steps):
        raise TypeError(f"steps should be a list of whole step numbers, got {steps!r}")
    if not 1 <= len(steps) <= style.MAX_PANELS:
        raise ValueError(f"steps should list 1 to {style.MAX_PANELS} steps (one panel each), got "
                         f"{len(steps)}")
    X = _validate.points(X, columns=2)
    y = _validate.labels(y, X.shape[0])
    limits = _limits(limits, "limits")
    missing = [k for k in steps if k not in result.snapshots]
    if missing:
        raise ValueError(f"result has no snapshot at steps {missing}; it has "
                         f"{sorted(result.snapshots)[:5]}...")
    for k in steps:
        if np.ndim(result.snapshots[k]) != 2 or not 0 <= k < len(result.losses):
            raise ValueError(f"result's snapshot at step {k} should be a 2-D picture of a step "
                             f"it has a loss for, got shape {np.shape(result.snapshots[k])}")
    fig, axes = style.new_figure(10, 2.9, ncols=len(steps))
    for ax, k in zip(axes, steps, strict=True):
        style.region_image(ax, result.snapshots[k], limits, limits)
        style.scatter_classes(ax, X, y, size=10)
        ax.set(xlim=limits, ylim=limits, aspect="equal", xticks=[], yticks=[],
               title=f"step {k}: loss {result.losses[k]:.2f}")
        ax.grid(False)
    moments = [f"{result.losses[k]:.2f}" + (f" ({_percent(result.accuracies[k])} right)"
                                            if result.accuracies is not None else "")
               for k in steps]
    caption = (f"After {_listed([str(k) for k in steps])} steps the loss on the training "
               f"points was {_listed(moments)}.")
    return live.Picture(_png(fig), caption)


def _percent(fraction: float) -> str:
    return f"{100 * fraction:.0f} %"


def _listed(items: Sequence[str]) -> str:
    """a, b and c."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]

def tangent_explorer(f: Callable, f_slope: Callable, x: float = 1.0,
                     x_range: tuple[float, float] = (-4.0, 4.0)) -> Explorer:
    """A slider moves a point along the curve f with its tangent line; the title compares the
    exact slope f'(x) with the finite-difference one. Notebook 04."""
    f = _validate.function(f, "f")
    f_slope = _validate.function(f_slope, "f_slope")
    x_range = _range(x_range, "x_range")
    x = _within(x, "x", *x_range)
    xs = np.linspace(*x_range, 400)
    ys = _curve(f, xs, "f")
    _curve(f_slope, xs, "f_slope")

    def scene():
        fig, (ax,) = style.new_figure(6.4, 4.0)
        ax.plot(xs, ys, color=style.PALETTE["blue"], label="f(x)")
        pad = 0.15 * np.ptp(ys) or 0.5  # a flat curve: still a visible band
        ax.set(xlim=x_range, ylim=(ys.min() - pad, ys.max() + pad), xlabel="x", ylabel="f(x)")
        (tangent,) = ax.plot([], [], color=style.PALETTE["vermillion"], ls="--", label="tangent")
        (point,) = ax.plot([], [], "o", ms=9, color=style.PALETTE["vermillion"], mec="black")
        ax.legend(loc="upper center")
        title = ax.set_title(" ", fontsize=10)
        moving = [tangent, point, title]

        def update(x: float) -> str:
            exact = float(f_slope(x))
            numerical = descent.numerical_slope(f, x)
            span = np.array([x - 1.5, x + 1.5])
            tangent.set_data(span, f(x) + exact * (span - x))
            point.set_data([x], [f(x)])
            title.set_text(f"x = {x:.2f}:  exact slope {exact:+.6f},  numerical {numerical:+.6f}")
            way = ("flat: descent stops here" if abs(exact) < 5e-3 else
                   f"descent steps {'left' if exact > 0 else 'right'}")
            return (f"At x = {x:.2f} the tangent's slope is {exact:+.6f} by the formula and "
                    f"{numerical:+.6f} by central differences; {way}.")

        return fig, moving, update

    controls = {"x": slider("point x", x, *x_range, 0.05)}
    return Explorer(scene, controls, "the slope of a curve as a tangent line")


def descent_1d_explorer(f: Callable, f_slope: Callable, lr: float, steps: int, start: float,
                        start_range: tuple[float, float] | None = None,
                        w_range: tuple[float, float] = (-2.0, 2.0), step: int | None = None
                        ) -> Explorer:
    """Gradient descent on a curve, scrubbed step by step with a slider. Notebook 04.

    The step slider starts at `step` (default: the last, so the first picture shows the whole
    walk the text describes).

    Left: the curve, the path so far and the current point. Right: the loss at each step.
    With `start_range`, a second slider moves the start point and the walk is redone.
    """
    f = _validate.function(f, "f")
    f_slope = _validate.function(f_slope, "f_slope")
    lr = _validate.positive(lr, "lr")
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    w_range = _range(w_range, "w_range")
    if step is not None:
        step = int(_within(_whole(step, "step"), "step", 0, steps))
    if start_range is None:
        start = _validate.number(start, "start")
    else:
        start_range = _range(start_range, "start_range")
        start = _within(start, "start", *start_range)
    ws = np.linspace(*w_range, 400)
    curve = _curve(f, ws, "f")
    _curve(f_slope, ws, "f_slope")
    pad = 0.1 * np.ptp(curve) or 0.5  # a flat curve: still a visible band
    loss_limits = (curve.min() - pad, curve.max() + pad)

    def scene():
        fig, (ax, loss_ax) = style.new_figure(9.0, 3.8, ncols=2)
        ax.plot(ws, curve, color=style.PALETTE["blue"])
        ax.set(xlim=w_range, ylim=loss_limits, xlabel="w", ylabel="loss J(w)")
        (trail,) = ax.plot([], [], "o-", ms=4, lw=1, color=style.PALETTE["vermillion"], alpha=0.7)
        (point,) = ax.plot([], [], "o", ms=10, color=style.PALETTE["vermillion"], mec="black")
        title = ax.set_title(" ", fontsize=10)
        loss_ax.set(xlim=(-0.5, steps + 0.5), ylim=loss_limits, xlabel="step",
                    ylabel="loss J(w)", title="the loss after each step")
        (loss_line,) = loss_ax.plot([], [], "o-", ms=3, lw=1.5, color=style.PALETTE["blue"])
        (loss_point,) = loss_ax.plot([], [], "o", ms=9, color=style.PALETTE["vermillion"])
        moving = [trail, point, title, loss_line, loss_point]
        walks: dict[float, descent.DescentResult] = {}

        def update(step: int, start: float = start) -> str:
            if start not in walks:
                walks.clear()  # keep only the walk being scrubbed
                walks[start] = descent.gradient_descent(f, f_slope, start, lr, steps)
            walk = walks[start]
            k = min(step, walk.steps)
            path = walk.path[: k + 1]
            trail.set_data(path, walk.losses[: k + 1])
            point.set_data([path[-1]], [walk.losses[k]])
            loss_line.set_data(np.arange(walk.steps + 1), walk.losses)
            loss_point.set_data([k], [walk.losses[k]])
            title.set_text(f"step {k}:  w = {float(path[-1]):+.3f},  J(w) = {walk.losses[k]:.3f},  "
                           f"slope {float(f_slope(path[-1])):+.3f}")
            begin = f" from w = {float(path[0]):+.2f}" if start_range is not None else ""
            slope_now = round(float(f_slope(path[-1])), 3) + 0.0  # no "-0.000"
            if k == 0:
                loss_words = f"the loss is {walk.losses[0]:.3g}"
            else:
                change = "fell" if walk.losses[k] < walk.losses[0] else "went"
                loss_words = f"the loss {change} from {walk.losses[0]:.3g} to {walk.losses[k]:.3g}"
            return (f"Step {k} of {walk.steps}{begin} at η = {lr:g}: w = {float(path[-1]):+.3f}, "
                    f"{loss_words}, and the slope there is {slope_now:+.3f}.")

        return fig, moving, update

    controls = {}
    if start_range is not None:
        controls["start"] = slider("start w₀", start, *start_range, 0.05)
    controls["step"] = int_slider("step", steps if step is None else step, 0, steps)
    return Explorer(scene, controls, "gradient descent on a curve, step by step")


def _training_result(result: object) -> None:
    """A TrainingResult whose snapshots are (rows, cols) pictures at steps it went through."""
    if not isinstance(result, training.TrainingResult):
        raise TypeError("result should be a training.TrainingResult (from training.train), got "
                        f"{type(result).__name__}")
    losses_ = _validate.array(result.losses, "result.losses", ndim=1)
    if losses_.size == 0:
        raise ValueError("result.losses is empty; it should hold the loss at each step")
    if not isinstance(result.snapshots, dict):
        raise TypeError("result.snapshots should be a dict {step: picture}, got "
                        f"{type(result.snapshots).__name__}")
    for k, picture in result.snapshots.items():
        if isinstance(k, bool) or not isinstance(k, numbers.Integral) or not 0 <= k < losses_.size:
            raise ValueError(f"result.snapshots has a key {k!r} that is not one of its steps "
                             f"(0 to {losses_.size - 1})")
        if np.ndim(picture) != 2 or 0 in np.shape(picture):
            raise ValueError(f"result.snapshots[{k}] should be a 2-D picture, got shape "
                             f"{np.shape(picture)}")


def training_explorer(result: training.TrainingResult, X: np.ndarray, y: np.ndarray,
                      limits: tuple[float, float] = (-2.0, 3.0), step: int | None = None
                      ) -> Explorer:
    """A slider over the training step shows the decision region as it was then, beside the
    falling loss curve. Notebook 04. `result` must hold snapshots (train(..., snapshot_every));
    the slider starts at `step` (default: the end of training)."""
    _training_result(result)
    if not result.snapshots:
        raise ValueError("result has no snapshots; train with snapshot_every=... to keep them")
    X = _validate.points(X, columns=2)
    y = _validate.labels(y, X.shape[0])
    limits = _range(limits, "limits")
    saved = sorted(result.snapshots)
    if step is not None:
        step = int(_within(_whole(step, "step"), "step", 0, saved[-1]))
    first = result.snapshots[saved[0]]

    def scene():
        fig, (ax, loss_ax) = style.new_figure(9.0, 4.0, ncols=2)
        ax.set(xlim=limits, ylim=limits, xlabel="input x₁", ylabel="input x₂", aspect="equal")
        region = style.region_image(ax, first, limits, limits)
        dots = style.scatter_classes(ax, X, y, size=22)
        title = ax.set_title(" ", fontsize=10)
        steps = np.arange(len(result.losses))
        blue, vermillion = style.PALETTE["blue"], style.PALETTE["vermillion"]
        loss_ax.plot(steps, result.losses, color=blue)
        loss_ax.set_ylabel("loss (cross-entropy)", color=blue)
        loss_ax.tick_params(axis="y", colors=blue)
        loss_ax.set(xlabel="training step", ylim=(0, None),
                    title="the loss falls as training goes on")
        (now,) = loss_ax.plot([], [], "o", ms=9, color=blue, mec="black")
        moving = [region, *dots, title, now]
        if result.accuracies is not None:
            # Accuracy is a fraction, the loss is not: each gets its own axis and scale.
            acc_ax = loss_ax.twinx()
            acc_ax.plot(steps, 100 * result.accuracies, ls="--", color=vermillion)
            acc_ax.set_ylabel("points on the right side (%)", color=vermillion)
            acc_ax.tick_params(axis="y", colors=vermillion)
            acc_ax.spines["right"].set_visible(True)
            acc_ax.set_ylim(0, 105)
            acc_ax.grid(False)
            (acc_now,) = acc_ax.plot([], [], "s", ms=8, color=vermillion, mec="black")
            moving.append(acc_now)

        def update(step: int) -> str:
            k = saved[int(np.searchsorted(saved, step, side="right")) - 1]
            region.set_data(result.snapshots[k])
            now.set_data([k], [result.losses[k]])
            title.set_text(f"after {k} steps: loss {result.losses[k]:.3f}")
            words = (f"After {k} steps at η = {result.lr:g} the loss is "
                     f"{result.losses[k]:.3f} (it started at {result.losses[0]:.3f})")
            if result.accuracies is None:
                return words + "."
            acc_now.set_data([k], [100 * result.accuracies[k]])
            return words + f" and {_percent(result.accuracies[k])} of points are on the right side."

        return fig, moving, update

    every = saved[1] - saved[0] if len(saved) > 1 else 1
    controls = {"step": widgets.IntSlider(
        value=saved[-1] if step is None else step, min=0, max=saved[-1], step=every,
        description="training step", continuous_update=True, layout=live.SLIDER_LAYOUT,
        style=live.SLIDER_STYLE)}
    return Explorer(scene, controls, "a network's decision region during training")


def _curves(result: object, name: str) -> training.TrainingResult:
    """A TrainingResult that kept test losses and accuracies (train(..., test=...))."""
    if not isinstance(result, training.TrainingResult):
        raise TypeError(f"{name} should be a training.TrainingResult (from training.train or "
                        f"train_sgd), got {type(result).__name__}")
    if result.test_losses is None or result.accuracies is None:
        raise ValueError(f"{name} has no test losses; train with test=(X_test, y_test) to keep "
                         "them")
    return result


def _loss_and_accuracy_axes(width: float = 10.0):
    fig, (loss_ax, acc_ax) = style.new_figure(width, 3.6, ncols=2)
    loss_ax.set(ylabel="loss (cross-entropy)", title="loss (lower is better)")
    acc_ax.set(ylabel="points on the right side (%)", ylim=(0, 105),
               title="accuracy (higher is better)")
    return fig, loss_ax, acc_ax


def train_test_curves(result: training.TrainingResult) -> live.Picture:
    """The loss and the accuracy on the training points and on the held-out test points, step
    by step, in two panels (loss and accuracy have different scales). Notebook 04."""
    result = _curves(result, "result")
    steps = np.arange(len(result.losses))
    fig, loss_ax, acc_ax = _loss_and_accuracy_axes()
    blue, vermillion = style.PALETTE["blue"], style.PALETTE["vermillion"]
    loss_ax.plot(steps, result.losses, color=blue, ls="-", label="training points")
    loss_ax.plot(steps, result.test_losses, color=vermillion, ls="--", label="test points")
    best = int(np.argmin(result.test_losses))
    loss_ax.plot([best], [result.test_losses[best]], "v", ms=9, color=vermillion, mec="black",
                 label=f"lowest test loss (step {best})")
    acc_ax.plot(steps, 100 * result.accuracies, color=blue, ls="-", label="training points")
    acc_ax.plot(steps, 100 * result.test_accuracies, color=vermillion, ls="--",
                label="test points")
    for ax in (loss_ax, acc_ax):
        ax.set_xlabel("training step")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=8)
    loss_ax.set_ylim(bottom=0)  # after drawing, so the top fits every loss
    caption = (f"Over {result.steps} steps the loss on the training points fell from "
               f"{result.losses[0]:.3f} to {result.losses[-1]:.3f} "
               f"({_percent(result.accuracies[-1])} right); the test loss was lowest, "
               f"{result.test_losses[best]:.3f}, at step {best} "
               f"({_percent(result.test_accuracies[best])} of test points right) and ended at "
               f"{result.test_losses[-1]:.3f} ({_percent(result.test_accuracies[-1])} of test "
               "points right).")
    return live.Picture(_png(fig), caption)


def minibatch_vs_full(full: training.TrainingResult, minibatch: training.TrainingResult
                      ) -> live.Picture:
    """Full-batch descent against mini-batch descent over the same epochs: the loss (the
    smooth full-batch curve, the noisy loss of each batch, the mini-batch run's loss on all
    training points) and the test accuracy of both. Notebook 04."""
    full = _curves(full, "full")
    minibatch = _curves(minibatch, "minibatch")
    if minibatch.batch_losses is None or minibatch.epochs is None:
        raise ValueError("minibatch should come from training.train_sgd (it keeps the loss of "
                         "each batch)")
    epochs = minibatch.epochs
    per_epoch = minibatch.steps / epochs if minibatch.steps else 1.0
    if full.steps != epochs:
        raise ValueError(f"full should take one step per epoch, as many as minibatch's "
                         f"{epochs} epochs; it took {full.steps}")
    fig, loss_ax, acc_ax = _loss_and_accuracy_axes()
    blue, vermillion, grey = (style.PALETTE[c] for c in ("blue", "vermillion", "grey"))
    at = np.arange(1, len(minibatch.batch_losses) + 1) / per_epoch
    loss_ax.plot(at, minibatch.batch_losses, color=grey, lw=0.7, ls="-",
                 label=f"each batch of {minibatch.batch_size}")
    loss_ax.plot(np.arange(minibatch.steps + 1) / per_epoch, minibatch.losses, color=vermillion,
                 ls="--", label=f"batches of {minibatch.batch_size}: all training points")
    loss_ax.plot(np.arange(full.steps + 1), full.losses, color=blue, ls="-",
                 label="full batch: all training points")
    acc_ax.plot(np.arange(minibatch.steps + 1) / per_epoch, 100 * minibatch.test_accuracies,
                color=vermillion, ls="--", label=f"batches of {minibatch.batch_size}")
    acc_ax.plot(np.arange(full.steps + 1), 100 * full.test_accuracies, color=blue, ls="-",
                label="full batch")
    acc_ax.set_title("accuracy on the test points (higher is better)")
    for ax in (loss_ax, acc_ax):
        ax.set_xlabel("epoch (one pass over the training points)")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=8)
    loss_ax.set_ylim(bottom=0)  # after drawing, so the top fits every loss
    tail = min(10, epochs)
    recent = minibatch.batch_losses[-max(1, round(tail * per_epoch)):]
    caption = (f"In {epochs} epochs full-batch descent took {full.steps} steps and its loss fell "
               f"smoothly from {full.losses[0]:.3f} to {full.losses[-1]:.3f}; batches of "
               f"{minibatch.batch_size} took {minibatch.steps} steps, the loss of one batch "
               f"jumped between {recent.min():.3f} and {recent.max():.3f} over the last {tail} "
               f"epochs, and the loss on all training points ended at "
               f"{minibatch.losses[-1]:.3f}; on the test points "
               f"{_percent(full.test_accuracies[-1])} (full batch) and "
               f"{_percent(minibatch.test_accuracies[-1])} (batches) are right.")
    return live.Picture(_png(fig), caption)


# The learning rates of batch_lr_explorer: half a decade apart, where its log slider stops.
HALF_DECADES = tuple(float(10.0**k) for k in np.arange(-1.0, 1.6, 0.5))


def batch_lr_explorer(net, X: np.ndarray, y: np.ndarray, batch_sizes=(1, 10, 140),
                      lrs=HALF_DECADES, epochs: int = 10, batch_size: int = 10,
                      lr: float = 10.0**0.5, seed: int = 0) -> Explorer:
    """Two sliders, the batch size and the learning rate, over mini-batch runs trained in
    advance (training.sgd_grid), so a redraw only moves lines. Left: the loss on all training
    points by epoch, and each batch's own loss; right: which pairs ended lower than they
    started, the current one framed. The learning-rate slider moves in half decades and shows
    the nearest trained rate; the batch-size slider steps through `batch_sizes`. Notebook 04."""
    runs = training.sgd_grid(live._network(net), X, y, batch_sizes, lrs, epochs, seed)
    sizes = sorted({size for size, _ in runs})
    rates = sorted({rate for _, rate in runs})
    if batch_size not in sizes:
        raise ValueError(f"batch_size should be one of batch_sizes {sizes}, got {batch_size!r}")
    if len(rates) < 2:
        raise ValueError(f"lrs should hold at least two learning rates (the slider's two ends), "
                         f"got {rates}")
    lr = _within(lr, "lr", rates[0], rates[-1])
    best = {size: training.largest_lowering_lr(runs, size) for size in sizes}
    # The axis spans every run's loss on all training points and every batch loss above it;
    # a batch loss below (one example the network already gets right is almost 0) is drawn
    # on the bottom edge, as the legend says.
    whole = np.concatenate([run.losses for run in runs.values()])
    batches = np.concatenate([run.batch_losses for run in runs.values()])
    loss_limits = (whole.min() / 2, max(whole.max(), batches.max()) * 1.5)
    ladder = _listed([f"{'none' if best[s] is None else f'{best[s]:.3g}'} with batches of {s}"
                      for s in sizes])

    def nearest(rate: float) -> float:
        return rates[int(np.argmin(np.abs(np.log(rates) - np.log(rate))))]

    def scene():
        fig, (ax, grid_ax) = style.new_figure(9.5, 3.9, ncols=2, width_ratios=(1.6, 1))
        ax.set(xlim=(0, epochs), ylim=loss_limits, yscale="log", xlabel="epoch",
               ylabel="loss (cross-entropy, log scale)")
        (noisy,) = ax.plot([], [], color=style.PALETTE["grey"], lw=0.7,
                           label="each batch (lower ones on the bottom edge)")
        (smooth,) = ax.plot([], [], color=style.PALETTE["vermillion"], ls="--", lw=2,
                            label="all training points")
        ax.axhline(next(iter(runs.values())).losses[0], color="black", lw=0.8, ls=":",
                   label="the start")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=8)
        for row, size in enumerate(sizes):
            for column, rate in enumerate(rates):
                run = runs[size, rate]
                good = not run.diverged and run.losses[-1] < run.losses[0]
                grid_ax.plot(column, row, "o" if good else "X", ms=10,
                             color=style.PALETTE["green" if good else "vermillion"],
                             mec="black")
        grid_ax.set(xticks=range(len(rates)), xticklabels=[f"{r:.3g}" for r in rates],
                    yticks=range(len(sizes)), yticklabels=[str(s) for s in sizes],
                    xlim=(-0.6, len(rates) - 0.4), ylim=(-0.6, len(sizes) - 0.4),
                    xlabel=live.LR_LABEL, ylabel="batch size",
                    title="● loss ended lower   ✖ it did not")
        grid_ax.grid(False)
        (here,) = grid_ax.plot([], [], "s", ms=22, mfc="none", mec="black", mew=2)
        title = ax.set_title(" ", fontsize=10)
        moving = [noisy, smooth, here, title]

        def update(batch: int, lr: float) -> str:
            size, rate = sizes[batch], nearest(lr)
            run = runs[size, rate]
            per_epoch = -(-len(y) // size)  # one step per batch, the last maybe smaller
            noisy.set_data(np.arange(1, len(run.batch_losses) + 1) / per_epoch,
                           np.maximum(run.batch_losses, loss_limits[0]))
            smooth.set_data(np.arange(len(run.losses)) / per_epoch, run.losses)
            here.set_data([rates.index(rate)], [batch])
            title.set_text(f"batches of {size}, η = {rate:.3g}")
            if run.diverged:
                outcome = run._diverged_words()
            else:
                outcome = (f"the loss on all training points went from {run.losses[0]:.3f} to "
                           f"{run.losses[-1]:.3f}")
            return (f"Batches of {size} at η = {rate:.3g}, {epochs * per_epoch} steps in "
                    f"{epochs} epochs: {outcome}. The largest η here that lowers the loss is "
                    f"{ladder}.")

        return fig, moving, update

    controls = {
        "batch": widgets.IntSlider(
            value=sizes.index(batch_size), min=0, max=len(sizes) - 1, step=1, readout=False,
            description="batch size", continuous_update=True, layout=live.SLIDER_LAYOUT,
            style=live.SLIDER_STYLE),
        "lr": live.log_slider(live.LR_LABEL, lr, rates[0], rates[-1], steps_per_decade=2),
    }
    return Explorer(scene, controls, "mini-batch size and learning rate together")
