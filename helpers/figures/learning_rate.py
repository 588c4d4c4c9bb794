"""Figures of notebook 05, the learning rate: regimes on a parabola and schedules. The elongated
bowl and momentum are in `bowl`, the figures that train a network (retraining, the range test)
in `learning_rate_network`; both are re-exported here, as the notebook calls every figure from
this module."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.figure import Figure

from .. import _validate, descent, learning_rate
from . import style
from .bowl import bowl_explorer, bowl_strip
from .controls import LR_LABEL, MAX_EXPLORER_STEPS, _log_slider, _range, _within
from .learning_rate_network import (
    loss_curves_by_learning_rate,
    network_lr_explorer,
    network_strip,
    range_test_figure,
)
from .live import Explorer, Picture
from .style import _edge_texts, _png, _positive, _runs, _show_edges, _strip_values

__all__ = [
    "LOSS_AXIS",
    "bowl_explorer",
    "bowl_strip",
    "loss_curves_by_learning_rate",
    "network_lr_explorer",
    "network_strip",
    "parabola_strip",
    "quadratic_lr_explorer",
    "range_test_figure",
    "schedule_comparison",
]


def _schedule_figure(walks: Mapping) -> Figure:
    fig, (ax,) = style.new_figure(8.5, 3.6)
    for (label, walk), color, dash in zip(walks.items(), style.LINE_COLORS, style.LINE_STYLES,
                                          strict=False):
        ax.plot(_positive(walk.losses), color=color, ls=dash, label=label)
        end = len(walk.losses) - 1
        if walk.diverged:
            ax.plot(end, walk.losses[-1], "X", ms=10, mec="white", mew=1, color=color)
        zero = np.flatnonzero(walk.losses == 0)
        if zero.size:
            k = int(zero[0])
            ax.annotate(f"reached 0 at step {k} ↓", (k - 1, walk.losses[k - 1]), xytext=(4, -4),
                        textcoords="offset points", fontsize=8, color=color, va="top")
    ax.set(yscale="log", xlabel="step", ylabel="loss (log scale)",
           title="constant and decaying rates")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return fig


def _walk_words(label: str, walk) -> str:
    if walk.diverged:
        return f"{label} diverged at step {walk.diverged_at}, ending at {walk.losses[-1]:.3g}"
    zero = np.flatnonzero(walk.losses == 0)
    if zero.size:
        return f"{label} reached 0 at step {zero[0]}"
    return f"{label} ended at {walk.losses[-1]:.3g}"


def schedule_comparison(walks: dict) -> Picture:
    """Loss per step for several descent runs on the same problem ({label: DescentResult}),
    on a log axis: a run that reaches exactly 0 ends there and says so. Notebook 05.
    At most len(style.LINE_COLORS) walks, each with its own colour."""
    if not isinstance(walks, Mapping):
        raise TypeError("walks should be a dict {label: descent.DescentResult}, got "
                        f"{type(walks).__name__}")
    if any(not isinstance(label, str) for label in walks):
        raise TypeError(f"walks should have text labels as keys, got {list(walks)!r}")
    _runs(list(walks.values()), "walks", descent.DescentResult, "descent results")
    first = next(iter(walks.values()))
    caption = (f"From a loss of {first.losses[0]:.3g}: "
               + "; ".join(_walk_words(label, walk) for label, walk in walks.items()) + ".")
    return Picture(_png(_schedule_figure(walks)), caption)


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


def parabola_strip(curvature: float = 1.0, start: float = 1.5, steps: int = 30,
                   lrs=(0.01, 1.0, 1.5, 2.5)) -> Picture:
    """A strip of walks on J(w) = ½·L·w², one panel per learning rate, each titled with its
    regime: the states the learning-rate slider of quadratic_lr_explorer passes through.
    Notebook 05."""
    curvature, start = _parabola(curvature, start)
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    rates = _strip_values(lrs, "lrs")
    parabola = learning_rate.quadratic(curvature)
    w_limit = 2.5 * abs(start)
    ws = np.linspace(-w_limit, w_limit, 200)
    top = parabola.loss(w_limit)
    fig, axes = style.new_figure(2.6 * len(rates), 2.6, ncols=len(rates))
    words = []
    for ax, lr in zip(axes, rates, strict=True):
        walk = descent.gradient_descent(*parabola, start, float(lr), steps)
        name = learning_rate.regime(float(lr), curvature)
        ax.plot(ws, parabola.loss_at_each(ws[:, None]), color=style.PALETTE["blue"])
        inside = np.abs(walk.path) <= w_limit
        shown = int(np.argmin(inside)) if not inside.all() else len(inside)
        ax.plot(walk.path[:shown], walk.losses[:shown], "o-", ms=3, lw=1,
                color=style.PALETTE["vermillion"])
        if shown < len(walk.path):
            ax.text(0.5, 0.97, f"↑ leaves the chart at step {shown}", transform=ax.transAxes,
                    ha="center", va="top", fontsize=8, color=style.PALETTE["vermillion"])
        ax.set(xlim=(-w_limit, w_limit), ylim=(-0.05 * top, top), xlabel="w")
        ax.set_title(f"η = {lr:g}: {name}", fontsize=10)
        if walk.diverged:
            words.append(f"η = {lr:g} is {name}: diverged at step {walk.diverged_at}, the loss "
                         f"ending at {walk.losses[-1]:.3g}")
        else:
            words.append(f"η = {lr:g} is {name}: the loss went from {walk.losses[0]:.3g} to "
                         f"{walk.losses[-1]:.3g}")
    axes[0].set_ylabel("J(w) = ½·L·w²")
    caption = (f"Walks of {steps} steps on the parabola with L = {curvature:g} from w = "
               f"{start:g}: " + "; ".join(words) + ".")
    return Picture(_png(fig), caption)


def quadratic_lr_explorer(curvature: float = 1.0, start: float = 1.5, steps: int = 30,
                          lr: float = 0.1, lr_range: tuple[float, float] = (1e-3, 10.0)
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
            status.set_text(learning_rate.REGIME_WORDS[name] + "\n" + what)
            beyond = _show_edges(edges, walk.losses, *LOSS_AXIS)
            return (f"η = {lr:.3g} is {name} (ηL = {lr * curvature:.3g}): each step multiplies "
                    f"w by {1 - lr * curvature:.3g}; the loss went from {walk.losses[0]:.3g} to "
                    f"{walk.losses[-1]:.3g} in {walk.steps} steps"
                    + (f", {what}" if walk.diverged else "") + (f"; {beyond}" if beyond else "")
                    + ".")

        return fig, moving, update

    controls = {"lr": _log_slider(LR_LABEL, lr, *lr_range)}
    return Explorer(scene, controls, "the learning rate on a parabola")
