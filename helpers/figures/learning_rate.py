"""Figures of notebook 05, the learning rate: regimes, the bowl, retraining, the range test and
schedules."""

from __future__ import annotations

import io
from collections.abc import Mapping

import numpy as np
from matplotlib.figure import Figure

from .. import _validate, data, descent, learning_rate, network, training
from . import style
from .live import (
    LR_LABEL,
    MAX_EXPLORER_STEPS,
    Explorer,
    Picture,
    _network,
    _range,
    _within,
    log_slider,
    slider,
)
from .style import _runs


def _png(fig: Figure) -> bytes:
    """The figure as PNG bytes, cropped to what is drawn (legends beside the axes included).
    Rendered here: Picture's own rendering passes bbox_inches to print_png, which the Agg
    canvas refuses."""
    out = io.BytesIO()
    fig.savefig(out, format="png", bbox_inches="tight")
    return out.getvalue()


def _positive(values: np.ndarray) -> np.ndarray:
    """Losses for a log axis: an exact 0 cannot be drawn there, so the line ends at it (the
    figure says where it reached 0) rather than sitting on an invented floor."""
    shown = np.asarray(values, dtype=float).copy()
    shown[shown <= 0] = np.nan
    return shown


def _beyond(values: np.ndarray, low: float, high: float) -> tuple[str, str]:
    """Words for the losses a log axis from low to high cannot show, as (what left the chart at
    the top, what reached exactly 0 or went below its bottom); "" where nothing did."""
    values = np.asarray(values, dtype=float)
    top = bottom = ""
    above = np.flatnonzero(values > high)
    if above.size:
        top = f"↑ above the chart from step {above[0]}\n(up to {values.max():.2g})"
    zero = np.flatnonzero(values == 0)
    below = np.flatnonzero((values > 0) & (values < low))
    if zero.size:
        bottom = f"↓ reached 0 at step {zero[0]}"
    elif below.size:
        bottom = (f"↓ below the chart from step {below[0]}\n(down to "
                  f"{values[values > 0].min():.2g})")
    return top, bottom


def _off_chart(values: np.ndarray, low: float, high: float) -> str:
    """_beyond in one phrase ("" if every loss is on the chart)."""
    return "; ".join(" ".join(part.split()) for part in _beyond(values, low, high) if part)


def _edge_texts(ax) -> tuple:
    """Two texts at the left edge of a loss axis, for what leaves it at the top and bottom."""
    options = {"transform": ax.transAxes, "ha": "left", "fontsize": 8,
               "color": style.PALETTE["vermillion"]}
    return ax.text(0.03, 0.80, " ", va="top", **options), \
        ax.text(0.03, 0.03, " ", va="bottom", **options)


def _show_edges(edges: tuple, values: np.ndarray, low: float, high: float) -> str:
    """Set the edge texts for these losses; return the same words as one phrase."""
    for text, words in zip(edges, _beyond(values, low, high), strict=True):
        text.set_text(words or " ")
    return _off_chart(values, low, high)


def _run_words(run) -> str:
    """One run in a few words: where the loss ended, or where it diverged."""
    if run.diverged and run.stopped_early:
        return (f"η = {run.lr:g} diverged at step {run.diverged_at} and overflowed at step "
                f"{run.steps + 1}")
    if run.diverged:
        return (f"η = {run.lr:g} diverged at step {run.diverged_at}, ending at "
                f"{run.losses[-1]:.3g}")
    peak = int(np.argmax(run.losses))
    spike = (f" after a spike to {run.losses[peak] / run.losses[0]:.0f}× its start at step "
             f"{peak}" if run.losses[peak] > 2 * run.losses[0] else "")
    return f"η = {run.lr:g} ended at {run.losses[-1]:.3g}{spike}"


def _loss_curves_figure(runs: list) -> Figure:
    fig, (ax,) = style.new_figure(8.5, 3.8)
    for run, color, dash in zip(runs, style.LINE_COLORS, style.LINE_STYLES, strict=False):
        label = f"η = {run.lr:g}" + (f" (diverged at step {run.diverged_at})" if run.diverged
                                      else "")
        ax.plot(_positive(run.losses), color=color, ls=dash, label=label)
        end = len(run.losses) - 1
        if run.diverged:
            ax.plot(end, run.losses[-1], "X", ms=10, mec="white", mew=1, color=color)
        if run.stopped_early:
            ax.annotate(f"↑ overflow at step {end + 1}", (end, run.losses[-1]),
                        xytext=(6, 0), textcoords="offset points", fontsize=8, color=color,
                        va="center")
    ax.set(yscale="log", xlabel="training step", ylabel="loss (cross-entropy, log scale)",
           title="the same network, trained at different learning rates")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return fig


def loss_curves_by_learning_rate(runs: list) -> Picture:
    """Training loss against step for several learning rates in one axes (a list of
    training.TrainingResult), on a log axis so that a run that climbs a hundredfold stays on the
    chart. Diverged runs end in a cross; a run whose numbers overflowed says so at its end.
    Notebook 05. At most len(style.LINE_COLORS) runs, each with a colour and dash of its own."""
    runs = _runs(runs, "runs", training.TrainingResult, "training results")
    caption = (f"The same network trained for {max(r.steps for r in runs)} steps from a loss of "
               f"{runs[0].losses[0]:.3g}: " + "; ".join(_run_words(r) for r in runs) + ".")
    return Picture(_png(_loss_curves_figure(runs)), caption)


def _range_test_figure(test) -> Figure:
    fig, (ax,) = style.new_figure(8.5, 3.8)
    ax.plot(test.lrs, _positive(test.losses), color=style.PALETTE["blue"],
            label="loss after a step at η")
    ax.set(xscale="log", yscale="log")
    ax.axvline(test.suggested_lr, color=style.PALETTE["green"], ls="--", lw=2,
               label=f"suggested η = {test.suggested_lr:.3g}")
    ax.axvline(test.best_lr, color=style.PALETTE["grey"], ls=":", lw=1.5,
               label=f"lowest loss, η = {test.best_lr:.3g}")
    if test.blow_up_lr is not None:
        ax.axvline(test.blow_up_lr, color=style.PALETTE["vermillion"], lw=2,
                   label=f"blows up, η = {test.blow_up_lr:.3g}")
    ax.set(xlabel="learning rate η (raised every step)", ylabel="loss (log scale)",
           title="the learning-rate range test")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return fig


def range_test_figure(test) -> Picture:
    """Loss against learning rate from a range test (learning_rate.RangeTest), log axes, with
    the suggested rate, the lowest loss and the blow-up marked. Notebook 05."""
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
    best = int(np.argmin(np.where(test.before_blow_up, values, np.inf)))
    blow_up = ("it never blew up in the range tried" if test.blow_up_lr is None
               else f"it blows up from η ≈ {test.blow_up_lr:.3g}")
    caption = (f"Over {lrs.size} steps with η raised from {lrs[0]:.3g} to {lrs[-1]:.3g}, the loss "
               f"went from {values[0]:.3g} down to {values[best]:.3g} at η ≈ {test.best_lr:.3g}; "
               f"{blow_up}; the suggested η, a tenth of the lowest-loss rate, is "
               f"{test.suggested_lr:.3g}.")
    return Picture(_png(_range_test_figure(test)), caption)


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


def _bowl_problem(curvatures, start):
    pair = _validate.array(curvatures, "curvatures", ndim=1)
    if pair.shape != (2,) or np.any(pair <= 0):
        raise ValueError(f"curvatures should be two positive numbers (L1, L2), got {curvatures!r}")
    curvatures = (float(pair[0]), float(pair[1]))
    bowl = learning_rate.quadratic(curvatures)
    start = _validate.array(start, "start", ndim=1)
    if start.shape != (2,):
        raise ValueError(f"start should be a point (w1, w2), got shape {start.shape}")
    span = 1.25 * np.max(np.abs(start))
    with np.errstate(all="ignore"):
        grid_w1 = np.linspace(-span, span, 150)
        grid_w2 = np.linspace(-span / 2, span / 2, 100)
        surface = bowl.loss_at_each(np.stack(np.meshgrid(grid_w1, grid_w2), axis=-1))
    if not 0.01 < surface.max() < 1e300:
        raise ValueError(f"start and curvatures give a bowl that cannot be drawn (start = "
                         f"{start.tolist()}, curvatures = {curvatures}): its highest loss "
                         f"{surface.max():g} should be above 0.01 and finite")
    return curvatures, bowl, start, span, (grid_w1, grid_w2, surface)


def _bowl_map(ax, curvatures, bowl, span, grid, labels: bool = True):
    """The bowl's contour map, lower is better: darker rings are lower, the star the bottom."""
    grid_w1, grid_w2, surface = grid
    rings = ax.contour(grid_w1, grid_w2, surface, levels=np.geomspace(0.01, surface.max(), 12),
                       cmap=style.LOSS_CMAP, linewidths=1)
    ax.plot(*bowl.centre, "*", ms=13, color=style.PALETTE["yellow"], mec="black")
    ax.set(xlim=(-span, span), ylim=(-span / 2, span / 2), aspect="equal",
           xlabel=f"w₁ (gentle, L₁ = {curvatures[0]:g})" if labels else "w₁",
           ylabel=f"w₂ (steep, L₂ = {curvatures[1]:g})" if labels else "w₂")
    ax.grid(False)
    return rings


def _loss_bar(fig, rings, axes) -> None:
    """The contours' colour bar, saying which way is better so no key is needed."""
    bar = fig.colorbar(rings, ax=axes, shrink=0.9, format="%.2g")
    bar.set_label("loss J (lower is better)", fontsize=8)
    bar.ax.tick_params(labelsize=7)


def _bowl_words(walk, steps: int) -> str:
    if walk.diverged:
        return f"diverged at step {walk.diverged_at}, ending at {walk.losses[-1]:.3g}"
    return f"after {steps} steps the loss fell from {walk.losses[0]:.3g} to {walk.losses[-1]:.2g}"


def bowl_strip(curvatures: tuple[float, float] = (1.0, 10.0), start=(-2.0, 1.0),
               steps: int = 40, lrs=(0.05, 0.19, 0.21), momenta=None, lr: float = 0.05
               ) -> Picture:
    """A strip of walks on the elongated bowl side by side, the states a slider passes through:
    one panel per learning rate in `lrs`, or, given `momenta`, one per momentum β at the fixed
    learning rate `lr`. Notebook 05."""
    curvatures, bowl, start, span, grid = _bowl_problem(curvatures, start)
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    if momenta is None:
        values = _validate.array(lrs, "lrs", ndim=1)
        if values.size == 0 or values.size > 4 or np.any(values <= 0):
            raise ValueError(f"lrs should be one to four positive learning rates, got {lrs!r}")
        settings = [(float(v), 0.0) for v in values]
    else:
        lr = _validate.positive(lr, "lr")
        values = _validate.array(momenta, "momenta", ndim=1)
        if values.size == 0 or values.size > 4 or np.any((values < 0) | (values >= 1)):
            raise ValueError("momenta should be one to four numbers from 0 up to (not "
                             f"including) 1, got {momenta!r}")
        settings = [(lr, float(v)) for v in values]
    fig, axes = style.new_figure(3.3 * len(settings), 2.6, ncols=len(settings))
    words = []
    for ax, (rate, beta) in zip(axes, settings, strict=True):
        walk = descent.gradient_descent(*bowl, start, rate, steps, momentum=beta)
        rings = _bowl_map(ax, curvatures, bowl, span, grid, labels=ax is axes[0])
        inside = np.all(np.abs(walk.path) <= [span, span / 2], axis=1)
        shown = walk.path[: (np.argmin(inside) if not inside.all() else len(inside))]
        ax.plot(shown[:, 0], shown[:, 1], "o-", ms=3, lw=1.2, color=style.PALETTE["vermillion"],
                mec="white", mew=0.5)
        name = f"η = {rate:g}" if momenta is None else f"β = {beta:g}"
        if len(shown) < len(walk.path):
            ax.text(0.5, 0.97, f"↑ leaves the map at step {len(shown)}", transform=ax.transAxes,
                    ha="center", va="top", fontsize=8, color=style.PALETTE["vermillion"],
                    bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"})
        ax.set_title(name, fontsize=10)
        words.append(f"{name} {_bowl_words(walk, steps)}")
    _loss_bar(fig, rings, list(axes))
    fixed = "" if momenta is None else f" at η = {lr:g}"
    caption = (f"The elongated bowl (L₁ = {curvatures[0]:g}, L₂ = {curvatures[1]:g}), {steps} "
               f"steps{fixed} from ({start[0]:g}, {start[1]:g}): " + "; ".join(words) + ".")
    return Picture(_png(fig), caption)


def _strip_values(values, name: str, low: float = 0.0) -> np.ndarray:
    """One to four learning rates for a strip of small pictures, each above `low`."""
    if isinstance(values, str | bytes):
        raise TypeError(f"{name} should be a list of one to four learning rates, got {values!r}")
    rates = _validate.array(values, name, ndim=1)
    if rates.size == 0 or rates.size > 4 or np.any(rates <= low):
        raise ValueError(f"{name} should be one to four positive learning rates, got {values!r}")
    return rates


def parabola_strip(curvature: float = 1.0, start: float = 1.5, steps: int = 30,
                   lrs=(0.01, 1.0, 1.5, 2.5)) -> Picture:
    """A strip of walks on J(w) = ½·L·w², one panel per learning rate, each titled with its
    regime: the states the learning-rate slider of quadratic_lr_explorer passes through.
    Notebook 05."""
    curvature = _validate.positive(curvature, "curvature")
    start = _validate.number(start, "start")
    if start == 0:
        raise ValueError("start should be a number other than 0: at 0 the walk is already at "
                         "the bottom")
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


def network_strip(net: network.Network, X: np.ndarray, y: np.ndarray, steps: int = 200,
                  lrs=(0.3, 30.0, 50.0), limits: tuple[float, float] = (-1.5, 2.5),
                  resolution: int = 50) -> Picture:
    """The decision regions the network ends with after `steps` steps of training at each
    learning rate (one panel each): the states the slider of network_lr_explorer passes
    through. Notebook 05."""
    if _network(net).sizes[0] != 2 or net.sizes[-1] != 1 \
            or net.layers[-1].activation != "sigmoid":
        raise ValueError("net should take two inputs and end in one sigmoid neuron, got "
                         f"{net} ending in {net.layers[-1].activation}")
    X = _validate.points(X, columns=2)
    y = _validate.labels(y, X.shape[0])
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    rates = _strip_values(lrs, "lrs")
    limits = _range(limits, "limits")
    resolution = _validate.count(resolution, "resolution", minimum=2,
                                 maximum=_validate.MAX_RESOLUTION)
    _, _, cells = data.grid(limits, limits, resolution)
    fig, axes = style.new_figure(3.0 * len(rates), 3.0, ncols=len(rates))
    words = []
    for ax, lr in zip(axes, rates, strict=True):
        run = training.train(net, X, y, float(lr), steps)
        accuracy = training.accuracy(run.net, X, y)
        style.region_image(ax, run.net.predict(cells).reshape(resolution, resolution), limits,
                           limits)
        style.scatter_classes(ax, X, y, size=12)
        ax.set(xlim=limits, ylim=limits, aspect="equal", xlabel="input x₁")
        ax.set_title(f"η = {lr:g}: {accuracy:.0%}" + (" (diverged)" if run.diverged else ""),
                     fontsize=10)
        what = (f"diverged at step {run.diverged_at}, the loss ending at {run.losses[-1]:.4g}"
                if run.diverged else f"the loss went from {run.losses[0]:.3g} to "
                f"{run.losses[-1]:.3g}")
        words.append(f"η = {lr:g} {what}, {accuracy:.0%} of points on the right side")
    axes[0].set_ylabel("input x₂")
    caption = (f"The network after {steps} training steps from the same start: "
               + "; ".join(words) + ".")
    return Picture(_png(fig), caption)


LOSS_AXIS = (1e-12, 1e7)  # the explorers' loss axes (log): 19 decades, values beyond are told


def quadratic_lr_explorer(curvature: float = 1.0, start: float = 1.5, steps: int = 30,
                          lr: float = 0.1, lr_range: tuple[float, float] = (1e-3, 10.0)
                          ) -> Explorer:
    """A logarithmic learning-rate slider on J(w) = ½·L·w². Notebook 05.

    Left: the parabola and the walk. Right: the loss at each step (log scale; a loss of exactly 0
    ends the line, and losses beyond the axis are told at its edge). The regime is named on the
    figure, beside the theory: converges when 0 < η < 2/L, one step at η = 1/L.
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
    curvatures, bowl, start, span, grid = _bowl_problem(curvatures, start)
    loss, grad = bowl
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    lr_range = _range(lr_range, "lr_range", log=True)
    lr = _within(lr, "lr", *lr_range) if vary == "lr" else _validate.positive(lr, "lr")
    low, high = 1e-6, 1e5

    def scene():
        fig, (ax, loss_ax) = style.new_figure(9.0, 3.6, ncols=2, width_ratios=(1.6, 1))
        _loss_bar(fig, _bowl_map(ax, curvatures, bowl, span, grid), ax)
        (trail,) = ax.plot([], [], "o-", ms=3, lw=1.2, color=style.PALETTE["vermillion"],
                           mec="white", mew=0.5)
        title = ax.set_title(" ", fontsize=10)
        loss_ax.set(yscale="log", xlim=(-0.5, steps + 0.5), ylim=(low, high), xlabel="step",
                    ylabel="loss (log scale)", title="the loss at each step")
        (loss_line,) = loss_ax.plot([], [], "o-", ms=2.5, lw=1.5, color=style.PALETTE["blue"])
        edges = _edge_texts(loss_ax)
        moving = [trail, title, loss_line, *edges]

        def update(lr: float = lr, momentum: float = 0.0) -> str:
            walk = descent.gradient_descent(loss, grad, start, lr, steps, momentum=momentum)
            trail.set_data(walk.path[:, 0], walk.path[:, 1])
            loss_line.set_data(np.arange(len(walk.losses)), _positive(walk.losses))
            beyond = _show_edges(edges, walk.losses, low, high)
            what = _bowl_words(walk, steps)
            if vary == "lr":
                steep, gentle = (learning_rate.regime(lr, c) for c in curvatures[::-1])
                title.set_text(f"η = {lr:.3g}: steep {steep}, gentle {gentle} (edge: 2/L₂ = "
                               f"{bowl.threshold:.3g})\n{what}")
                words = (f"η = {lr:.3g}: the steep direction is {steep}, the gentle one "
                         f"{gentle}; {what}")
            else:
                title.set_text(f"momentum β = {momentum:.2f}, η = {lr:g}\n{what}")
                words = f"momentum β = {momentum:.2f} at η = {lr:g}: {what}"
            return words + (f"; {beyond}" if beyond else "") + "."

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
    move: the decision region and the loss curve (log scale) update, and divergence is said in
    words. Notebook 05."""
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
    low, high = 1e-5, 1e4

    def scene():
        fig, (ax, loss_ax) = style.new_figure(9.0, 4.0, ncols=2)
        ax.set(xlim=limits, ylim=limits, xlabel="input x₁", ylabel="input x₂", aspect="equal")
        region = style.region_image(ax, np.full((resolution, resolution), 0.5), limits, limits)
        dots = style.scatter_classes(ax, X, y, size=18)
        title = ax.set_title(" ", fontsize=10)
        loss_ax.set(xlim=(0, steps), ylim=(low, high), yscale="log", xlabel="training step",
                    ylabel="loss (cross-entropy, log scale)")
        (loss_line,) = loss_ax.plot([], [], color=style.PALETTE["blue"])
        status = loss_ax.set_title(" ", fontsize=10)
        edges = _edge_texts(loss_ax)
        moving = [region, *dots, title, loss_line, status, *edges]

        def update(lr: float) -> str:
            run = training.train(net, X, y, lr, steps)
            region.set_data(run.net.predict(cells).reshape(resolution, resolution))
            loss_line.set_data(np.arange(len(run.losses)), _positive(run.losses))
            accuracy = training.accuracy(run.net, X, y)
            title.set_text(f"η = {lr:.3g}: accuracy {accuracy:.0%}")
            status.set_text(
                f"diverged at step {run.diverged_at}: the loss blew up" if run.diverged
                else f"loss {run.losses[0]:.3f} → {run.losses[-1]:.3f} in {steps} steps")
            beyond = _show_edges(edges, run.losses, low, high)
            what = (f"training diverged at step {run.diverged_at}" if run.diverged
                    else f"after {run.steps} steps the loss fell from {run.losses[0]:.3g} to "
                    f"{run.losses[-1]:.3g}")
            return (f"η = {lr:.3g}: {what} and {accuracy:.0%} of points are on the right side"
                    + (f"; {beyond}" if beyond else "") + ".")

        return fig, moving, update

    controls = {"lr": log_slider(LR_LABEL, lr, *lr_range)}
    return Explorer(scene, controls, "retraining a network as the learning rate moves")
