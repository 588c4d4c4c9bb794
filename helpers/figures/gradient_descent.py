"""Figures of notebook 04, gradient descent: tangents, walks, descent on a line fit's loss
surface. Its training figures are in `training`, and re-exported here: the notebook calls every
figure from this module."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib import patches as mpl_patches
from matplotlib.figure import Figure

from .. import _validate, descent, losses
from . import style
from .controls import (
    MAX_EXPLORER_STEPS,
    _curve,
    _int_slider,
    _moderate,
    _range,
    _slider,
    _whole,
    _within,
)
from .live import Explorer, Picture
from .style import _limits, _line_data, _png
from .training import training_explorer, training_moments

__all__ = [
    "chain_diagram",
    "descent_1d_explorer",
    "descent_on_line_fit",
    "line_fit_figure",
    "tangent_explorer",
    "training_explorer",
    "training_moments",
]


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


def _three_moments(points: int) -> tuple[int, int, int]:
    return 0, (points - 1) // 10, points - 1


def descent_on_line_fit(x: np.ndarray, y: np.ndarray, path: np.ndarray,
                        slope_range: tuple[float, float] = (-1.0, 4.0),
                        intercept_range: tuple[float, float] = (-2.0, 3.0)) -> Picture:
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
    return Picture(_png(fig), caption)


def _chain(x: float, y: float, w1: float, b1: float, w2: float, b2: float) -> dict[str, float]:
    """The chain of notebook 04, forward: z₁ = w₁x + b₁, a₁ = tanh z₁, z₂ = w₂a₁ + b₂,
    p = σ(z₂), J = −[y log p + (1 − y) log(1 − p)]."""
    z1 = w1 * x + b1
    a1 = float(np.tanh(z1))
    z2 = w2 * a1 + b2
    p = float(1 / (1 + np.exp(-z2)))
    with np.errstate(divide="ignore", invalid="ignore"):
        J = float(-(y * np.log(p) + (1 - y) * np.log(1 - p)))
    return {"z1": z1, "a1": a1, "z2": z2, "p": p, "J": J}


def chain_diagram(x: float, y: float, w1: float, b1: float, w2: float, b2: float) -> Picture:
    """The chain of two neurons of notebook 04 as a diagram: every node with its value (the
    forward pass, left to right) and, under each link, its local slope (the backward pass,
    right to left), with a sentence giving both. y: the target, 0 or 1."""
    x, w1, b1, w2, b2 = (_validate.bounded_number(value, name) for value, name in
                         ((x, "x"), (w1, "w1"), (b1, "b1"), (w2, "w2"), (b2, "b2")))
    y = _validate.number(y, "y")
    if y not in (0, 1):
        raise ValueError(f"y should be the target, 0 or 1, got {y:g}")
    n = _chain(x, y, w1, b1, w2, b2)
    if not np.isfinite(n["J"]) or not 0 < n["p"] < 1:
        raise ValueError("with these numbers p rounds to 0 or 1 and the loss is not finite: use "
                         "smaller weights or x")
    slopes = [("∂z₁/∂w₁ = x", x), ("∂a₁/∂z₁ = 1 − a₁²", 1 - n["a1"] ** 2),
              ("∂z₂/∂a₁ = w₂", w2), ("∂J/∂z₂ = p − y", n["p"] - y)]
    nodes = [("w₁", w1), ("z₁", n["z1"]), ("a₁", n["a1"]), ("z₂", n["z2"]), ("J", n["J"])]
    links = ["· x + b₁", "tanh", "· w₂ + b₂", "σ, then\ncross-entropy"]
    black, vermillion = style.PALETTE["black"], style.PALETTE["vermillion"]
    fig, (ax,) = style.new_figure(10.0, 3.4)
    ax.set(xlim=(-0.6, 4.6), ylim=(-0.95, 1.0), aspect="equal")
    ax.axis("off")
    for k, (name, value) in enumerate(nodes):
        ax.add_patch(mpl_patches.Circle((k, 0.2), 0.3, facecolor="white", edgecolor=black,
                                        lw=1.5))
        ax.text(k, 0.2, name, ha="center", va="center", fontsize=13)
        words = f"{value:.3f}" if name != "J" else f"{value:.3f}\n(p = {n['p']:.3f})"
        ax.text(k, 0.62, words, ha="center", va="bottom", fontsize=10, color=black)
    for k, ((name, value), link) in enumerate(zip(slopes, links, strict=True)):
        ax.annotate("", xy=(k + 0.68, 0.28), xytext=(k + 0.32, 0.28),
                    arrowprops={"arrowstyle": "->", "color": black, "lw": 1.4})
        ax.text(k + 0.5, 0.36, link, ha="center", va="bottom", fontsize=8, color=black)
        ax.annotate("", xy=(k + 0.32, 0.06), xytext=(k + 0.68, 0.06),
                    arrowprops={"arrowstyle": "->", "color": vermillion, "lw": 1.4, "ls": "--"})
        ax.text(k + 0.5, -0.2, f"{name}\n= {value:.3f}", ha="center", va="top", fontsize=9,
                color=vermillion)
    ax.text(-0.55, 0.95, f"forward (black), with x = {x:g}, y = {y:g}", fontsize=9, va="top")
    ax.text(-0.55, -0.9, "backward (orange, dashed): the local slope of each link",
            fontsize=9, color=vermillion, va="bottom")
    caption = (f"Forward, left to right: w₁ = {w1:g} with x = {x:g} gives z₁ = {n['z1']:.3f}, "
               f"a₁ = {n['a1']:.3f}, z₂ = {n['z2']:.3f}, p = {n['p']:.3f} and J = {n['J']:.3f}. "
               "Backward, right to left, the local slopes: "
               + ", ".join(f"{name.split(' = ')[0]} = {value:.3f}"
                           for name, value in reversed(slopes)) + ".")
    return Picture(_png(fig), caption)


def tangent_explorer(f: Callable, f_slope: Callable, x: float = 1.0,
                     x_range: tuple[float, float] = (-4.0, 4.0)) -> Explorer:
    """A slider moves a point along the curve f with its tangent line; the title compares the
    exact slope f'(x) with the finite-difference one. Notebook 04."""
    f = _validate.function(f, "f")
    f_slope = _validate.function(f_slope, "f_slope")
    x_range = _range(x_range, "x_range", step=0.05)
    x = _within(x, "x", *x_range)
    xs = np.linspace(*x_range, 400)
    ys = _curve(f, xs, "f", "x_range")
    _curve(f_slope, xs, "f_slope", "x_range")

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

    controls = {"x": _slider("point x", x, *x_range, 0.05)}
    return Explorer(scene, controls, "the slope of a curve as a tangent line")


def _walk_limits(losses: np.ndarray) -> tuple[float, float]:
    """The loss axis of one walk: its lowest to its highest loss, with a margin."""
    low, high = float(np.min(losses)), float(np.max(losses))
    pad = 0.08 * (high - low) or 0.05 * max(abs(high), 1.0)  # a flat walk: still a band
    return low - pad, high + pad


def descent_1d_explorer(f: Callable, f_slope: Callable, lr: float, steps: int, start: float,
                        start_range: tuple[float, float] | None = None,
                        w_range: tuple[float, float] = (-2.0, 2.0), step: int | None = None
                        ) -> Explorer:
    """Gradient descent on a curve, scrubbed step by step with a slider. Notebook 04.

    The step slider starts at `step` (default: the last, so the first picture shows the whole
    walk the text describes).

    Left: the curve, the path so far and the current point. Right: the loss at each step, on
    an axis that spans that walk's losses.
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
        start = _moderate(_validate.number(start, "start"), "start")
    else:
        start_range = _range(start_range, "start_range", step=0.05)
        start = _within(start, "start", *start_range)
    ws = np.linspace(*w_range, 400)
    curve = _curve(f, ws, "f", "w_range")
    _curve(f_slope, ws, "f_slope", "w_range")
    pad = 0.1 * np.ptp(curve) or 0.5  # a flat curve: still a visible band
    loss_limits = (curve.min() - pad, curve.max() + pad)

    def scene():
        fig, (ax, loss_ax) = style.new_figure(9.0, 3.8, ncols=2)
        ax.plot(ws, curve, color=style.PALETTE["blue"])
        ax.set(xlim=w_range, ylim=loss_limits, xlabel="w", ylabel="loss J(w)")
        (trail,) = ax.plot([], [], "o-", ms=4, lw=1, color=style.PALETTE["vermillion"], alpha=0.7)
        (point,) = ax.plot([], [], "o", ms=10, color=style.PALETTE["vermillion"], mec="black")
        title = ax.set_title(" ", fontsize=10)
        loss_ax.set(xlim=(-0.5, steps + 0.5), xlabel="step", ylabel="loss J(w)",
                    title="the loss after each step")
        (loss_line,) = loss_ax.plot([], [], "o-", ms=3, lw=1.5, color=style.PALETTE["blue"])
        (loss_point,) = loss_ax.plot([], [], "o", ms=9, color=style.PALETTE["vermillion"])
        # The loss axis spans this walk's own losses (redrawn with them), so that a fall from
        # 1.2 to 0.8 fills the panel rather than a sliver of the curve's range.
        moving = [loss_ax.yaxis, trail, point, title, loss_line, loss_point]
        walks: dict[float, descent.DescentResult] = {}

        def update(step: int, start: float = start) -> str:
            if start not in walks:
                walks.clear()  # keep only the walk being scrubbed
                walks[start] = descent.gradient_descent(f, f_slope, start, lr, steps)
            walk = walks[start]
            loss_ax.set_ylim(_walk_limits(walk.losses))
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
        controls["start"] = _slider("start w₀", start, *start_range, 0.05)
    controls["step"] = _int_slider("step", steps if step is None else step, 0, steps)
    return Explorer(scene, controls, "gradient descent on a curve, step by step")
