"""Figures of notebook 04, gradient descent: tangents, walks, descent on a surface, training."""

from __future__ import annotations

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


def descent_on_line_fit(x: np.ndarray, y: np.ndarray, path: np.ndarray,
                        slope_range: tuple[float, float] = (-1.0, 4.0),
                        intercept_range: tuple[float, float] = (-2.0, 3.0)) -> Figure:
    """Gradient descent's path (k, 2) of (slope, intercept) on the line-fit loss surface, beside
    the line it ends with. Notebook 04."""
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
    fig, (ax, fit_ax) = style.new_figure(9.0, 4.0, ncols=2)
    style.loss_contours(ax, slopes, intercepts, surface)
    ax.plot(path[:, 0], path[:, 1], "o-", ms=3, lw=1.2, color=style.PALETTE["vermillion"],
            label=f"gradient descent ({len(path) - 1} steps)")
    ax.plot(*path[0], "s", ms=9, color="white", mec="black", label="start")
    ax.plot(*losses.least_squares_line(x, y), "*", ms=14, color=style.PALETTE["yellow"],
            mec="black", label="lowest loss")
    ax.set(xlabel="slope", ylabel="intercept", title="descent on the loss surface",
           xlim=slope_range, ylim=intercept_range)
    ax.legend(loc="upper right", fontsize=8)
    fit_ax.scatter(x, y, s=30, color=style.PALETTE["blue"], edgecolors="black", linewidths=0.5,
                   zorder=3)
    span = np.array([x.min(), x.max()])
    for k, dash in ((0, ":"), (len(path) // 10, "--"), (len(path) - 1, "-")):
        slope, intercept = path[k]
        fit_ax.plot(span, slope * span + intercept, ls=dash, color=style.PALETTE["vermillion"],
                    alpha=0.4 + 0.6 * k / (len(path) - 1), label=f"after {k} steps")
    fit_ax.set(xlabel="x", ylabel="y", title="the line at three moments")
    fit_ax.legend(loc="upper left", fontsize=8)
    return fig

def training_moments(result, X: np.ndarray, y: np.ndarray, steps=(0, 50, 200, 1000),
                     limits: tuple[float, float] = (-1.5, 2.5)) -> Figure:
    """The decision region at a few moments of one training run (a training.TrainingResult
    with snapshots at those steps), side by side. Notebook 04."""
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
    return fig

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

        def update(x: float) -> None:
            exact = float(f_slope(x))
            numerical = descent.numerical_slope(f, x)
            span = np.array([x - 1.5, x + 1.5])
            tangent.set_data(span, f(x) + exact * (span - x))
            point.set_data([x], [f(x)])
            title.set_text(f"x = {x:.2f}:  exact slope {exact:+.6f},  numerical {numerical:+.6f}")

        return fig, moving, update

    controls = {"x": slider("point x", x, *x_range, 0.05)}
    return Explorer(scene, controls, "the slope of a curve as a tangent line")


def descent_1d_explorer(f: Callable, f_slope: Callable, lr: float, steps: int, start: float,
                        start_range: tuple[float, float] | None = None,
                        w_range: tuple[float, float] = (-2.0, 2.0)) -> Explorer:
    """Gradient descent on a curve, scrubbed step by step with a slider. Notebook 04.

    Left: the curve, the path so far and the current point. Right: the loss at each step.
    With `start_range`, a second slider moves the start point and the walk is redone.
    """
    f = _validate.function(f, "f")
    f_slope = _validate.function(f_slope, "f_slope")
    lr = _validate.positive(lr, "lr")
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    w_range = _range(w_range, "w_range")
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

        def update(step: int, start: float = start) -> None:
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

        return fig, moving, update

    controls = {}
    if start_range is not None:
        controls["start"] = slider("start w₀", start, *start_range, 0.05)
    controls["step"] = int_slider("step", 0, 0, steps)
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
        loss_ax.plot(steps, result.losses, color=style.PALETTE["blue"])
        loss_ax.set(xlabel="training step", ylabel="loss (cross-entropy)", ylim=(0, None),
                    title="the loss falls as training goes on")
        (now,) = loss_ax.plot([], [], "o", ms=9, color=style.PALETTE["vermillion"])
        moving = [region, *dots, title, now]

        def update(step: int) -> None:
            k = saved[int(np.searchsorted(saved, step, side="right")) - 1]
            region.set_data(result.snapshots[k])
            now.set_data([k], [result.losses[k]])
            title.set_text(f"after {k} steps: loss {result.losses[k]:.3f}")

        return fig, moving, update

    every = saved[1] - saved[0] if len(saved) > 1 else 1
    controls = {"step": widgets.IntSlider(
        value=saved[-1] if step is None else step, min=0, max=saved[-1], step=every,
        description="training step", continuous_update=True, layout=live.SLIDER_LAYOUT,
        style=live.SLIDER_STYLE)}
    return Explorer(scene, controls, "a network's decision region during training")
