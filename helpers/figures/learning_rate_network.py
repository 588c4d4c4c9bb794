"""Figures of notebook 05 that train a network: the loss curves of several learning rates, the
runs from nearby starts, the range test, schedules against constant rates, the decision regions
each learning rate ends with and the retraining explorer. Notebook 05 reaches them through
`learning_rate`."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

from .. import _validate, data, learning_rate, network, training
from . import style
from .controls import LR_LABEL, MAX_EXPLORER_STEPS, _log_slider, _network, _range, _within
from .frames import _thinned
from .live import Explorer, Picture
from .style import _edge_texts, _png, _positive, _runs, _show_edges, _strip_values


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
               f"after each step went from {values[0]:.3g} down to {values[best]:.3g} at η ≈ "
               f"{test.best_lr:.3g}; {blow_up}; suggested η = {test.suggested_lr:.3g}.")
    return Picture(_png(_range_test_figure(test)), caption)


def _training_inputs(net: object, X: object, y: object, steps: object
                     ) -> tuple[network.Network, np.ndarray, np.ndarray, int]:
    """A classifier of two inputs, its points and targets, and a step count a figure can draw."""
    if _network(net).sizes[0] != 2 or net.sizes[-1] != 1 \
            or net.layers[-1].activation != "sigmoid":
        raise ValueError("net should take two inputs and end in one sigmoid neuron, got "
                         f"{net} ending in {net.layers[-1].activation}")
    X = _validate.points(X, columns=2)
    return (net, X, _validate.labels(y, X.shape[0]),
            _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS))


def network_strip(net: network.Network, X: np.ndarray, y: np.ndarray, steps: int = 200,
                  lrs=(0.3, 30.0, 50.0), limits: tuple[float, float] = (-1.5, 2.5),
                  resolution: int = 50) -> Picture:
    """The decision regions the network ends with after `steps` steps of training at each
    learning rate (one panel each): the states the slider of network_lr_explorer passes
    through. Notebook 05."""
    net, X, y, steps = _training_inputs(net, X, y, steps)
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


# The retraining slider's positions per decade of η: half the other sliders' twenty, as each
# position trains the network twice (from the start and a nudged start) when the cell runs.
STEPS_PER_DECADE = 10


def _twin_words(spread) -> str:
    """What the run from the nudged start did, beside the run from the start itself."""
    twin = spread.runs[1]
    if spread.agree and twin.diverged:
        return f"a start nudged by {learning_rate.NUDGE:g} diverged too"
    if spread.agree:
        return (f"a start nudged by {learning_rate.NUDGE:g} ends the same (within "
                f"{learning_rate.AGREE_RTOL:.0%})")
    fate = (f"diverged at step {twin.diverged_at}" if twin.diverged
            else f"ends at {twin.losses[-1]:.3g}")
    return f"unpredictable here: a start nudged by {learning_rate.NUDGE:g} {fate}"


def network_lr_explorer(net: network.Network, X: np.ndarray, y: np.ndarray, steps: int = 200,
                        lr: float = 0.3, lr_range: tuple[float, float] = (1e-2, 100.0),
                        limits: tuple[float, float] = (-1.5, 2.5), resolution: int = 50
                        ) -> Explorer:
    """A logarithmic learning-rate slider that retrains the network from the same start on every
    move: the decision region and the loss curve (log scale) update, and divergence is said in
    words. Beside it, dashed, the loss of the same training from a start nudged by
    learning_rate.NUDGE: where the two part, the outcome depends on rounding, and the words say
    so. Notebook 05."""
    net, X, y, steps = _training_inputs(net, X, y, steps)
    lr_range = _range(lr_range, "lr_range", log=True, step=1 / 20)
    lr = _within(lr, "lr", *lr_range)
    limits = _range(limits, "limits")
    resolution = _validate.count(resolution, "resolution", minimum=2,
                                 maximum=_validate.MAX_RESOLUTION)
    _, _, cells = data.grid(limits, limits, resolution)
    low, high = 1e-5, 1e4
    control = _log_slider(LR_LABEL, lr, *lr_range, steps_per_decade=STEPS_PER_DECADE)
    # Every run the slider can show, from the start and a nudged start, trained at once (the
    # slider's frames are made from them).
    values = _thinned(control.values, control.value)
    spreads = dict(zip(values, learning_rate.train_at_rates(net, X, y, values, steps, starts=2),
                       strict=True))

    def scene():
        fig, (ax, loss_ax) = style.new_figure(9.0, 4.0, ncols=2)
        ax.set(xlim=limits, ylim=limits, xlabel="input x₁", ylabel="input x₂", aspect="equal")
        region = style.region_image(ax, np.full((resolution, resolution), 0.5), limits, limits)
        dots = style.scatter_classes(ax, X, y, size=18)
        title = ax.set_title(" ", fontsize=10)
        loss_ax.set(xlim=(0, steps), ylim=(low, high), yscale="log", xlabel="training step",
                    ylabel="loss (cross-entropy, log scale)")
        (twin_line,) = loss_ax.plot([], [], color=style.PALETTE["vermillion"], ls="--", lw=1.5,
                                    label=f"from a start nudged by {learning_rate.NUDGE:g}")
        (loss_line,) = loss_ax.plot([], [], color=style.PALETTE["blue"], label="from the start")
        loss_ax.legend(loc="upper right", fontsize=8)
        status = loss_ax.set_title(" ", fontsize=9)
        edges = _edge_texts(loss_ax)
        moving = [region, *dots, title, twin_line, loss_line, status, *edges]

        def update(lr: float) -> str:
            spread = spreads[lr]
            run, twin = spread.runs
            region.set_data(run.net.predict(cells).reshape(resolution, resolution))
            loss_line.set_data(np.arange(len(run.losses)), _positive(run.losses))
            twin_line.set_data(np.arange(len(twin.losses)), _positive(twin.losses))
            accuracy = run.accuracies[-1]
            title.set_text(f"η = {lr:.3g}: accuracy {accuracy:.0%}")
            diverged = run.diverged_at is not None
            status.set_text(
                (f"diverged at step {run.diverged_at}" if diverged
                 else f"loss {run.losses[0]:.3f} → {run.losses[-1]:.3g} in {steps} steps")
                + ("; unpredictable here" if not spread.agree else "; a nudged start too"
                   if diverged else "; a nudged start agrees"))
            beyond = _show_edges(edges, run.losses, low, high)
            change = "fell" if run.losses[-1] < run.losses[0] else "rose"
            what = (f"training diverged at step {run.diverged_at}" if diverged
                    else f"after {steps} steps the loss {change} from {run.losses[0]:.3g} to "
                    f"{run.losses[-1]:.3g}")
            return (f"η = {lr:.3g}: {what} and {accuracy:.0%} of points are on the right side; "
                    f"{_twin_words(spread)}" + (f"; {beyond}" if beyond else "") + ".")

        return fig, moving, update

    return Explorer(scene, {"lr": control}, "retraining a network as the learning rate moves")


def _spreads(spreads: object, name: str) -> list:
    """One to four learning_rate.Spread, from train_at_rates."""
    if isinstance(spreads, str | bytes) or not isinstance(spreads, Sequence) or not spreads:
        raise TypeError(f"{name} should be a list of learning_rate.Spread (from "
                        f"learning_rate.train_at_rates), got {type(spreads).__name__}")
    for i, spread in enumerate(spreads):
        if not isinstance(spread, learning_rate.Spread):
            raise TypeError(f"{name}[{i}] should be a learning_rate.Spread (from "
                            f"learning_rate.train_at_rates), got {type(spread).__name__}")
    return list(spreads)


def nearby_starts_figure(spreads: list) -> Picture:
    """The loss curves of the same training from nearby starts, one panel per learning rate
    (a list of one to four learning_rate.Spread, from train_at_rates(..., starts=…)): where
    they lie on one another the outcome is one; where they fan out, rounding decides it.
    Runs that diverged are dashed and vermillion. Notebook 05."""
    spreads = _spreads(spreads, "spreads")
    if len(spreads) > 4:
        raise ValueError(f"spreads should be one to four, got {len(spreads)}")
    fig, axes = style.new_figure(2.9 * len(spreads) + 1.6, 3.0, ncols=len(spreads))
    top = max(float(np.nanmax(run.losses)) for spread in spreads for run in spread.runs)
    bottom = min(float(np.nanmin(_positive(run.losses))) for spread in spreads
                 for run in spread.runs)
    for ax, spread in zip(axes, spreads, strict=True):
        for run in spread.runs:
            kind = ({"color": style.PALETTE["vermillion"], "ls": "--"} if run.diverged
                    else {"color": style.PALETTE["blue"], "ls": "-"})
            ax.plot(_positive(run.losses), lw=0.8, alpha=0.7, **kind)
        ax.set(yscale="log", ylim=(bottom / 2, top * 2), xlabel="training step")
        ax.set_title(f"η = {spread.lr:g}: {spread._diverged_words()}", fontsize=10)
    axes[0].set_ylabel("loss (log scale)")
    handles = [axes[0].plot([], [], color=style.PALETTE["blue"], lw=1.5)[0],
               axes[0].plot([], [], color=style.PALETTE["vermillion"], ls="--", lw=1.5)[0]]
    axes[-1].legend(handles, ["did not diverge", "diverged"], loc="upper left",
                    bbox_to_anchor=(1.02, 1.0), fontsize=8)
    count = max(len(spread.runs) for spread in spreads)
    caption = (f"The same training from {count} nearby starts (one starting weight moved by "
               f"k × {learning_rate.NUDGE:g}, k = 0 to {count - 1}), "
               f"{spreads[0].runs[0].steps} steps: "
               + "; ".join(spread.message for spread in spreads) + ".")
    return Picture(_png(fig), caption)


def schedule_figure(constant: list, scheduled: list) -> Picture:
    """Constant learning rates against a schedule, at equal steps: on the left the final loss
    against the rate (a schedule's peak), on the right the rate of each step of the best of
    each (learning_rate.best_of). constant, scheduled: lists of learning_rate.Spread from
    train_at_rates; a hollow marker is a rate whose nearby starts do not agree (needs starts of
    2 or more). Notebook 05."""
    lines = {"constant rate": _spreads(constant, "constant"),
             "warm-up, then cosine decay": _spreads(scheduled, "scheduled")}
    fig, (ax, rate_ax) = style.new_figure(10.0, 3.6, ncols=2, width_ratios=(1.3, 1))
    words = []
    for (label, spreads), color, dash, marker in zip(
            lines.items(), style.LINE_COLORS, style.LINE_STYLES, ("o", "s"), strict=False):
        rates = np.array([spread.lr for spread in spreads])
        finals = np.array([spread.runs[0].losses[-1] for spread in spreads])
        agree = np.array([spread.agree for spread in spreads])
        ax.plot(rates, finals, ls=dash, lw=1.2, color=color, label=label)
        ax.plot(rates[agree], finals[agree], marker, ls="none", ms=5, color=color)
        ax.plot(rates[~agree], finals[~agree], marker, ls="none", ms=5, mfc="white",
                color=color)
        best = learning_rate.best_of(spreads)
        rate_ax.plot(np.arange(1, len(best.rates) + 1), best.rates, ls=dash, color=color,
                     label=f"{label}, η = {best.lr:.3g}")
        words.append(f"{label}: lowest at η = {best.lr:.3g}, ending at "
                     f"{best.runs[0].losses[-1]:.2g} ({int((~agree).sum())} of {len(spreads)} "
                     "rates unpredictable)")
    ax.set(xscale="log", yscale="log", xlabel="learning rate η (a schedule's peak)",
           ylabel=f"loss after {len(best.rates)} steps", title="each rate, the same steps")
    ax.legend(fontsize=8, loc="upper left")
    rate_ax.set(xlabel="step", ylabel="learning rate η", title="the best of each")
    rate_ax.legend(fontsize=8, loc="center right")
    caption = (f"Final loss after {len(best.rates)} steps against the learning rate, hollow "
               f"where a start nudged by {learning_rate.NUDGE:g} ends more than "
               f"{learning_rate.AGREE_RTOL:.0%} away: " + "; ".join(words) + ".")
    return Picture(_png(fig), caption)
