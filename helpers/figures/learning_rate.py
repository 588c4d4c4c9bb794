"""Figures of notebook 05, the learning rate: the regimes on a parabola. The elongated bowl and
momentum are in `bowl`, the figures that train a network (retraining, nearby starts, the range
test, schedules) in `learning_rate_network`; both are re-exported here, as the notebook calls
every figure from this module."""

from __future__ import annotations

import math

import numpy as np

from .. import _validate, descent, learning_rate
from . import style
from .bowl import bowl_explorer, bowl_strip, momentum_explorer
from .controls import LR_LABEL, MAX_EXPLORER_STEPS, _log_slider, _range, _within
from .learning_rate_network import (
    loss_curves_by_learning_rate,
    nearby_starts_figure,
    network_lr_explorer,
    network_strip,
    range_test_figure,
    schedule_figure,
)
from .live import Explorer, Picture
from .style import _edge_texts, _png, _positive, _show_edges, _strip_values

__all__ = [
    "LOSS_AXIS",
    "bowl_explorer",
    "bowl_strip",
    "loss_curves_by_learning_rate",
    "momentum_explorer",
    "nearby_starts_figure",
    "network_lr_explorer",
    "network_strip",
    "parabola_strip",
    "quadratic_lr_explorer",
    "range_test_figure",
    "schedule_figure",
]


LOSS_AXIS = (1e-12, 1e7)  # the explorers' loss axes (log): 19 decades, values beyond are told
# The curvatures and the sizes of start the parabola figures draw: their heights ½·L·(2.5·start)²
# then lie within 1e-11 and 1e13, and the threshold 2/L they name is a plain number.
CURVATURES = (1e-6, 1e6)
STARTS = (1e-3, 1e3)


def _parabola(curvature: object, start: object) -> tuple[float, float]:
    """The curvature and start of a parabola figure, each within what it can draw."""
    curvature = _validate.positive(curvature, "curvature")
    if not CURVATURES[0] <= curvature <= CURVATURES[1]:
        raise ValueError(f"curvature should be between {CURVATURES[0]:g} and {CURVATURES[1]:g} "
                         f"(a parabola the figure can draw), got {curvature:g}")
    start = _validate.number(start, "start")
    if not STARTS[0] <= abs(start) <= STARTS[1]:
        raise ValueError(f"start should be between {STARTS[0]:g} and {STARTS[1]:g} in size, "
                         f"either sign (at 0 the walk is already at the bottom), got {start:g}")
    return curvature, start


def _closer(lr: float, curvature: float) -> str:
    """How fast a walk closes in on the bottom, in words ("" where it never does)."""
    steps = learning_rate.steps_to_a_tenth(lr, curvature)
    if math.isinf(steps):
        return ""
    if learning_rate.regime(lr, curvature) == "one step":
        return "at the bottom after 1 step"
    return f"10× closer to the bottom in {steps} steps"


def parabola_strip(curvature: float = 1.0, start: float = 1.5, steps: int = 30,
                   lrs=(0.01, 1.0, 1.5, 2.5)) -> Picture:
    """A strip of walks on J(w) = ½·L·w², one panel per learning rate, each titled with its
    regime, and on the right the loss at each step of every walk (log scale, each walk in its
    own colour and dash): the states the learning-rate slider of quadratic_lr_explorer passes
    through. Notebook 05."""
    curvature, start = _parabola(curvature, start)
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    rates = _strip_values(lrs, "lrs")
    parabola = learning_rate.quadratic(curvature)
    w_limit = 2.5 * abs(start)
    ws = np.linspace(-w_limit, w_limit, 200)
    top = parabola.loss(w_limit)
    fig, axes = style.new_figure(2.5 * len(rates) + 3.6, 2.7, ncols=len(rates) + 1,
                                 width_ratios=[1] * len(rates) + [1.5])
    loss_ax, words = axes[-1], []
    for ax, lr, color, dash in zip(axes, rates, style.LINE_COLORS, style.LINE_STYLES,
                                   strict=False):
        walk = descent.gradient_descent(*parabola, start, float(lr), steps)
        name = learning_rate.regime(float(lr), curvature)
        ax.plot(ws, parabola.loss_at_each(ws[:, None]), color=style.PALETTE["grey"], lw=1.5)
        inside = np.abs(walk.path) <= w_limit
        shown = int(np.argmin(inside)) if not inside.all() else len(inside)
        ax.plot(walk.path[:shown], walk.losses[:shown], "o", ls=dash, ms=3, lw=1, color=color)
        if shown < len(walk.path):
            ax.text(0.5, 0.97, f"↑ leaves the chart at step {shown}", transform=ax.transAxes,
                    ha="center", va="top", fontsize=8, color=color)
        ax.set(xlim=(-w_limit, w_limit), ylim=(-0.05 * top, top), xlabel="w")
        ax.set_title(f"η = {lr:g}: {name}", fontsize=10)
        loss_ax.plot(np.arange(len(walk.losses)), _positive(walk.losses), "o", ls=dash, ms=2.5,
                     lw=1.2, color=color, label=f"η = {lr:g}")
        zero = np.flatnonzero(walk.losses == 0)
        if zero.size:
            k = int(zero[0])
            loss_ax.annotate(f"η = {lr:g} reached 0 at step {k} ↓", (k - 1, walk.losses[k - 1]),
                             xytext=(4, -4), textcoords="offset points", fontsize=7,
                             color=color, va="top")
        if walk.diverged:
            words.append(f"η = {lr:g} is {name}: diverged at step {walk.diverged_at}, the loss "
                         f"ending at {walk.losses[-1]:.3g}")
        else:
            closer = _closer(float(lr), curvature)
            words.append(f"η = {lr:g} is {name}: the loss went from {walk.losses[0]:.3g} to "
                         f"{walk.losses[-1]:.3g}" + (f" ({closer})" if closer else ""))
    axes[0].set_ylabel("J(w) = ½·L·w²")
    loss_ax.set(yscale="log", xlabel="step", ylabel="loss (log scale)",
                title="the loss at each step")
    loss_ax.legend(fontsize=7, loc="best")
    caption = (f"Walks of {steps} steps on the parabola with L = {curvature:g} from w = "
               f"{start:g}, and the loss at each step on the right: " + "; ".join(words) + ".")
    return Picture(_png(fig), caption)


def quadratic_lr_explorer(curvature: float = 1.0, start: float = 1.5, steps: int = 30,
                          lr: float = 0.1, lr_range: tuple[float, float] = (1e-2, 10.0)
                          ) -> Explorer:
    """A logarithmic learning-rate slider on J(w) = ½·L·w². Notebook 05.

    Left: the parabola and the walk. Right: the loss at each step (log scale; a loss of exactly 0
    ends the line, and losses beyond the axis are told at its edge). The regime is named on the
    figure, beside the theory: converges when 0 < η < 2/L, one step at η = 1/L.
    """
    curvature, start = _parabola(curvature, start)
    parabola = learning_rate.quadratic(curvature)
    loss, grad = parabola
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    lr_range = _range(lr_range, "lr_range", log=True, step=1 / 20)
    lr = _within(lr, "lr", *lr_range)
    w_limit = 2.5 * abs(start)
    ws = np.linspace(-w_limit, w_limit, 300)

    def scene():
        fig, (ax, loss_ax) = style.new_figure(9.0, 4.0, ncols=2)
        ax.plot(ws, [loss(w) for w in ws], color=style.PALETTE["blue"])
        ax.set(xlim=(-w_limit, w_limit), ylim=(-0.05 * loss(w_limit), loss(w_limit)), xlabel="w",
               ylabel="J(w) = ½·L·w²")
        (trail,) = ax.plot([], [], "o-", ms=4, lw=1, color=style.PALETTE["vermillion"],
                           mec="white", mew=0.5)
        regime = ax.set_title(" ", fontsize=12, fontweight="bold")
        ax.text(0.5, 0.97, f"theory (L = {curvature:g}): converges when 0 < η < 2/L = "
                f"{parabola.threshold:.3g}\none step to the bottom at η = 1/L = "
                f"{parabola.one_step_lr:.3g}",
                transform=ax.transAxes, ha="center", va="top", fontsize=8,
                bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": style.PALETTE["grey"]})
        loss_ax.set(yscale="log", xlim=(-0.5, steps + 0.5), ylim=LOSS_AXIS, xlabel="step",
                    ylabel="loss J(w) (log scale)", title="the loss at each step")
        loss_ax.axhline(loss(start), color=style.PALETTE["grey"], lw=1, ls="--")
        (loss_line,) = loss_ax.plot([], [], "o-", ms=3, lw=1.5, color=style.PALETTE["blue"])
        status = loss_ax.text(0.97, 0.95, " ", transform=loss_ax.transAxes, ha="right", va="top",
                              fontsize=9, bbox={"facecolor": "white", "alpha": 0.85,
                                                "edgecolor": style.PALETTE["grey"]})
        edges = _edge_texts(loss_ax)
        moving = [trail, regime, loss_line, status, *edges]

        def update(lr: float) -> str:
            walk = descent.gradient_descent(loss, grad, start, lr, steps)
            name = learning_rate.regime(lr, curvature)
            trail.set_data(walk.path, walk.losses)
            loss_line.set_data(np.arange(len(walk.losses)), _positive(walk.losses))
            regime.set_text(f"η = {lr:.3g}: {name.upper()}")
            what = (f"diverged at step {walk.diverged_at}" if walk.diverged
                    else f"after {walk.steps} steps: loss {walk.losses[-1]:.2g}")
            closer = _closer(lr, curvature)
            status.set_text("\n".join(filter(None, (learning_rate.REGIME_WORDS[name], closer,
                                                     what))))
            beyond = _show_edges(edges, walk.losses, *LOSS_AXIS)
            return (f"η = {lr:.3g} is {name} (ηL = {lr * curvature:.3g}): each step multiplies "
                    f"w by {1 - lr * curvature:.3g}" + (f", {closer}" if closer else "")
                    + f"; the loss went from {walk.losses[0]:.3g} to "
                    f"{walk.losses[-1]:.3g} in {walk.steps} steps"
                    + (f", {what}" if walk.diverged else "") + (f"; {beyond}" if beyond else "")
                    + ".")

        return fig, moving, update

    controls = {"lr": _log_slider(LR_LABEL, lr, *lr_range)}
    return Explorer(scene, controls, "the learning rate on a parabola")
