"""Figures of notebook 05, the learning rate: regimes, the bowl, retraining, the range test and
schedules."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.figure import Figure

from .. import _validate, data, descent, learning_rate, network, training
from . import style
from .live import (
    LR_LABEL,
    MAX_EXPLORER_STEPS,
    Explorer,
    _network,
    _range,
    _within,
    log_slider,
    slider,
)
from .style import _runs


def loss_curves_by_learning_rate(runs: list) -> Figure:
    """Training loss against step for several learning rates in one axes (a list of
    training.TrainingResult). Diverged runs end in a cross. Notebook 05.

    At most len(style.LINE_COLORS) runs, so that every one keeps a colour and dash of its own."""
    runs = _runs(runs, "runs", training.TrainingResult, "training results")
    fig, (ax,) = style.new_figure(7.5, 3.8)
    for run, color, dash in zip(runs, style.LINE_COLORS, style.LINE_STYLES, strict=False):
        label = f"η = {run.lr:g}" + (f" (diverged at step {run.diverged_at})" if run.diverged
                                      else "")
        shown = np.minimum(run.losses, 1.49)
        ax.plot(shown, color=color, ls=dash, label=label)
        if run.diverged:
            ax.plot(len(shown) - 1, shown[-1], "x", ms=10, mew=2.5, color=color)
    ax.set(ylim=(0, 1.5), xlabel="training step", ylabel="loss (cross-entropy)",
           title="the same network, trained at different learning rates")
    ax.legend(loc="upper right", fontsize=8)
    return fig

def range_test_figure(test) -> Figure:
    """Loss against learning rate from a range test (learning_rate.RangeTest), log axis, with
    the suggested rate and the blow-up marked. Notebook 05."""
    if not isinstance(test, learning_rate.RangeTest):
        raise TypeError("test should be a learning_rate.RangeTest (from learning_rate.range_test"
                        f"...), got {type(test).__name__}")
    lrs = _validate.array(test.lrs, "test.lrs", ndim=1)
    values = _validate.array(test.losses, "test.losses", ndim=1)
    if lrs.size == 0 or lrs.shape != values.shape or np.any(lrs <= 0):
        raise ValueError("test should hold at least one positive learning rate and one loss for "
                         f"each, got {lrs.size} rates and {values.size} losses")
    if test.blow_up_lr is not None:
        _validate.positive(test.blow_up_lr, "test.blow_up_lr")
    fig, (ax,) = style.new_figure(7.5, 3.8)
    ax.plot(test.lrs, test.losses, color=style.PALETTE["blue"], label="loss after a step at η")
    ax.set_xscale("log")
    ax.axvline(test.suggested_lr, color=style.PALETTE["green"], ls="--", lw=2,
               label=f"suggested η = {test.suggested_lr:.3g}")
    ax.axvline(test.best_lr, color=style.PALETTE["grey"], ls=":", lw=1.5,
               label=f"lowest loss, η = {test.best_lr:.3g}")
    if test.blow_up_lr is not None:
        ax.axvline(test.blow_up_lr, color=style.PALETTE["vermillion"], lw=2,
                   label=f"blows up, η = {test.blow_up_lr:.3g}")
    ax.set(xlabel="learning rate η (raised every step)", ylabel="loss",
           title="the learning-rate range test")
    ax.legend(loc="lower left", fontsize=8)
    return fig

def schedule_comparison(walks: dict) -> Figure:
    """Loss per step for several descent runs on the same problem ({label: DescentResult}),
    on a log axis. Notebook 05. At most len(style.LINE_COLORS) walks, each with its own colour."""
    if not isinstance(walks, Mapping):
        raise TypeError("walks should be a dict {label: descent.DescentResult}, got "
                        f"{type(walks).__name__}")
    if any(not isinstance(label, str) for label in walks):
        raise TypeError(f"walks should have text labels as keys, got {list(walks)!r}")
    _runs(list(walks.values()), "walks", descent.DescentResult, "descent results")
    fig, (ax,) = style.new_figure(7.5, 3.6)
    for (label, walk), color, dash in zip(walks.items(), style.LINE_COLORS, style.LINE_STYLES,
                                          strict=False):
        ax.plot(np.maximum(walk.losses, 1e-20), color=color, ls=dash, label=label)
        if walk.diverged:
            ax.plot(len(walk.losses) - 1, walk.losses[-1], "x", ms=10, mew=2.5, color=color)
    ax.set(yscale="log", ylim=(1e-20, None), xlabel="step", ylabel="loss (log scale)",
           title="constant and decaying rates")
    ax.legend(loc="lower left", fontsize=8)
    return fig



def quadratic_lr_explorer(curvature: float = 1.0, start: float = 1.5, steps: int = 30,
                          lr: float = 0.1, lr_range: tuple[float, float] = (1e-3, 10.0)
                          ) -> Explorer:
    """A logarithmic learning-rate slider on J(w) = ½·L·w². Notebook 05.

    Left: the parabola and the walk. Right: the loss at each step (log scale). The regime is
    named on the figure, beside the theory: converges when 0 < η < 2/L, one step at η = 1/L.
    """
    curvature = _validate.positive(curvature, "curvature")
    parabola = learning_rate.quadratic(curvature)
    loss, grad = parabola
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    start = _validate.number(start, "start")
    lr_range = _range(lr_range, "lr_range", log=True)
    lr = _within(lr, "lr", *lr_range)
    w_limit = 2.5 * abs(start)
    with np.errstate(all="ignore"):
        top = loss(w_limit)
    if not 0 < top < 1e300:
        raise ValueError(f"start and curvature give a parabola that cannot be drawn (start = "
                         f"{start:g}, curvature = {curvature:g}, height {top:g}); start should "
                         "be a number other than 0, and the loss at 2.5·start finite")
    ws = np.linspace(-w_limit, w_limit, 300)

    def scene():
        fig, (ax, loss_ax) = style.new_figure(9.0, 4.0, ncols=2)
        ax.plot(ws, [loss(w) for w in ws], color=style.PALETTE["blue"])
        ax.set(xlim=(-w_limit, w_limit), ylim=(-0.05 * loss(w_limit), loss(w_limit)), xlabel="w",
               ylabel="J(w) = ½·L·w²")
        (trail,) = ax.plot([], [], "o-", ms=4, lw=1, color=style.PALETTE["vermillion"])
        regime = ax.set_title(" ", fontsize=12, fontweight="bold")
        ax.text(0.5, 0.97, f"theory (L = {curvature:g}): converges when 0 < η < 2/L = "
                f"{parabola.threshold:.3g}\none step to the bottom at η = 1/L = "
                f"{parabola.one_step_lr:.3g}",
                transform=ax.transAxes, ha="center", va="top", fontsize=8,
                bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": style.PALETTE["grey"]})
        loss_ax.set(yscale="log", xlim=(-0.5, steps + 0.5), ylim=(1e-12, 1e7), xlabel="step",
                    ylabel="loss J(w)", title="the loss at each step")
        loss_ax.axhline(loss(start), color=style.PALETTE["grey"], lw=1, ls="--")
        (loss_line,) = loss_ax.plot([], [], "o-", ms=3, lw=1.5, color=style.PALETTE["blue"])
        status = loss_ax.text(0.97, 0.95, " ", transform=loss_ax.transAxes, ha="right", va="top",
                              fontsize=9, bbox={"facecolor": "white", "alpha": 0.85,
                                                "edgecolor": style.PALETTE["grey"]})
        moving = [trail, regime, loss_line, status]

        def update(lr: float) -> None:
            walk = descent.gradient_descent(loss, grad, start, lr, steps)
            name = learning_rate.regime(lr, curvature)
            trail.set_data(walk.path, walk.losses)
            # The loss axis is logarithmic: an exact zero (η = 1/L) is drawn at its floor.
            loss_line.set_data(np.arange(len(walk.losses)), np.maximum(walk.losses, 1e-12))
            regime.set_text(f"η = {lr:.3g}: {name.upper()}")
            status.set_text(learning_rate.REGIME_WORDS[name] + "\n" + (
                f"diverged at step {walk.diverged_at}" if walk.diverged
                else f"after {walk.steps} steps: loss {walk.losses[-1]:.2g}"))

        return fig, moving, update

    controls = {"lr": log_slider(LR_LABEL, lr, *lr_range)}
    return Explorer(scene, controls, "the learning rate on a parabola")


def bowl_explorer(curvatures: tuple[float, float] = (1.0, 10.0), start=(-2.0, 1.0),
                  steps: int = 40, lr: float = 0.05, vary: str = "lr",
                  lr_range: tuple[float, float] = (1e-3, 1.0)) -> Explorer:
    """Gradient descent on an elongated bowl, drawn on its contour map. Notebook 05.

    vary="lr": a logarithmic learning-rate slider; the largest stable η is 2 / (the larger
    curvature). vary="momentum": a slider for momentum β at the fixed learning rate `lr`.
    """
    vary = _validate.choice(vary, "vary", ("lr", "momentum"))
    pair = _validate.array(curvatures, "curvatures", ndim=1)
    if pair.shape != (2,) or np.any(pair <= 0):
        raise ValueError(f"curvatures should be two positive numbers (L1, L2), got {curvatures!r}")
    curvatures = (float(pair[0]), float(pair[1]))
    bowl = learning_rate.quadratic(curvatures)
    loss, grad = bowl
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    start = _validate.array(start, "start", ndim=1)
    if start.shape != (2,):
        raise ValueError(f"start should be a point (w1, w2), got shape {start.shape}")
    lr_range = _range(lr_range, "lr_range", log=True)
    lr = _within(lr, "lr", *lr_range) if vary == "lr" else _validate.positive(lr, "lr")
    span = 1.25 * np.max(np.abs(start))
    with np.errstate(all="ignore"):
        grid_w1 = np.linspace(-span, span, 150)
        grid_w2 = np.linspace(-span / 2, span / 2, 100)
        surface = bowl.loss_at_each(np.stack(np.meshgrid(grid_w1, grid_w2), axis=-1))
    if not 0.01 < surface.max() < 1e300:
        raise ValueError(f"start and curvatures give a bowl that cannot be drawn (start = "
                         f"{start.tolist()}, curvatures = {curvatures}): its highest loss "
                         f"{surface.max():g} should be above 0.01 and finite")

    def scene():
        fig, (ax, loss_ax) = style.new_figure(9.0, 3.6, ncols=2, width_ratios=(1.6, 1))
        ax.contour(grid_w1, grid_w2, surface, levels=np.geomspace(0.01, surface.max(), 12),
                   cmap=style.LOSS_CMAP, linewidths=1)
        ax.plot(*bowl.centre, "*", ms=13, color=style.PALETTE["yellow"], mec="black")
        ax.set(xlim=(-span, span), ylim=(-span / 2, span / 2), aspect="equal",
               xlabel=f"w₁ (gentle, L₁ = {curvatures[0]:g})",
               ylabel=f"w₂ (steep, L₂ = {curvatures[1]:g})")
        ax.grid(False)
        (trail,) = ax.plot([], [], "o-", ms=3, lw=1.2, color=style.PALETTE["vermillion"])
        title = ax.set_title(" ", fontsize=10)
        loss_ax.set(yscale="log", xlim=(-0.5, steps + 0.5), ylim=(1e-6, 1e5), xlabel="step",
                    ylabel="loss", title="the loss at each step")
        (loss_line,) = loss_ax.plot([], [], "o-", ms=2.5, lw=1.5, color=style.PALETTE["blue"])
        moving = [trail, title, loss_line]

        def update(lr: float = lr, momentum: float = 0.0) -> None:
            walk = descent.gradient_descent(loss, grad, start, lr, steps, momentum=momentum)
            trail.set_data(walk.path[:, 0], walk.path[:, 1])
            loss_line.set_data(np.arange(len(walk.losses)), np.maximum(walk.losses, 1e-12))
            if vary == "lr":
                steep, gentle = (learning_rate.regime(lr, c) for c in curvatures[::-1])
                what = (f"diverged at step {walk.diverged_at}" if walk.diverged
                        else f"after {steps} steps: loss {walk.losses[-1]:.2g}")
                title.set_text(f"η = {lr:.3g}: steep direction {steep}, gentle direction "
                               f"{gentle}\n{what}; largest stable η = 2/L₂ = "
                               f"{bowl.threshold:.3g}")
            elif walk.diverged:
                title.set_text(f"momentum β = {momentum:.2f}: {walk.message}")
            else:
                title.set_text(f"momentum β = {momentum:.2f}, η = {lr:g}: loss after {steps} "
                               f"steps {walk.losses[-1]:.2g}")

        return fig, moving, update

    if vary == "lr":
        controls = {"lr": log_slider(LR_LABEL, lr, *lr_range)}
    else:
        controls = {"momentum": slider("momentum β", 0.0, 0.0, 0.95, 0.05)}
    return Explorer(scene, controls, f"descent on an elongated bowl ({vary})")


def network_lr_explorer(net: network.Network, X: np.ndarray, y: np.ndarray, steps: int = 200,
                        lr: float = 0.3, lr_range: tuple[float, float] = (1e-3, 100.0),
                        limits: tuple[float, float] = (-1.5, 2.5), resolution: int = 50
                        ) -> Explorer:
    """A logarithmic learning-rate slider that retrains the network from the same start on every
    move: the decision region and the loss curve update, and divergence is said in words.
    Notebook 05."""
    if _network(net).sizes[0] != 2 or net.sizes[-1] != 1 \
            or net.layers[-1].activation != "sigmoid":
        raise ValueError("net should take two inputs and end in one sigmoid neuron, got "
                         f"{net} ending in {net.layers[-1].activation}")
    X = _validate.points(X, columns=2)
    y = _validate.labels(y, X.shape[0])
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    lr_range = _range(lr_range, "lr_range", log=True)
    lr = _within(lr, "lr", *lr_range)
    limits = _range(limits, "limits")
    resolution = _validate.count(resolution, "resolution", minimum=2,
                                 maximum=_validate.MAX_RESOLUTION)
    _, _, cells = data.grid(limits, limits, resolution)

    def scene():
        fig, (ax, loss_ax) = style.new_figure(9.0, 4.0, ncols=2)
        ax.set(xlim=limits, ylim=limits, xlabel="input x₁", ylabel="input x₂", aspect="equal")
        region = style.region_image(ax, np.full((resolution, resolution), 0.5), limits, limits)
        dots = style.scatter_classes(ax, X, y, size=18)
        title = ax.set_title(" ", fontsize=10)
        loss_ax.set(xlim=(0, steps), ylim=(0, 1.5), xlabel="training step",
                    ylabel="loss (cross-entropy)")
        (loss_line,) = loss_ax.plot([], [], color=style.PALETTE["blue"])
        status = loss_ax.set_title(" ", fontsize=10)
        moving = [region, *dots, title, loss_line, status]

        def update(lr: float) -> None:
            run = training.train(net, X, y, lr, steps)
            region.set_data(run.net.predict(cells).reshape(resolution, resolution))
            # A diverging loss leaves the chart at the top, where the eye expects it to go.
            loss_line.set_data(np.arange(len(run.losses)), np.minimum(run.losses, 1.49))
            title.set_text(f"η = {lr:.3g}: accuracy {training.accuracy(run.net, X, y):.0%}")
            status.set_text(
                f"diverged at step {run.diverged_at}: the loss blew up" if run.diverged
                else f"loss {run.losses[0]:.3f} → {run.losses[-1]:.3f} in {steps} steps")

        return fig, moving, update

    controls = {"lr": log_slider(LR_LABEL, lr, *lr_range)}
    return Explorer(scene, controls, "retraining a network as the learning rate moves")
