"""Figures of notebook 05 that train a network: the loss curves of several learning rates, the
range test, the decision regions each learning rate ends with and the retraining explorer.
Notebook 05 reaches them through `learning_rate`."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from matplotlib.figure import Figure

from .. import _validate, activations, data, descent, learning_rate, network, training
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
               f"went from {values[0]:.3g} down to {values[best]:.3g} at η ≈ {test.best_lr:.3g}; "
               f"{blow_up}; the suggested η, a tenth of the lowest-loss rate, is "
               f"{test.suggested_lr:.3g}.")
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


class _Trained(NamedTuple):
    """One learning rate's run: the loss before each step and after the last one, where it
    diverged (descent.diverged_at, None if it did not) and the network it ended with."""

    lr: float
    losses: np.ndarray
    diverged_at: int | None
    net: network.Network


def _train_at_rates(net: network.Network, X: np.ndarray, y: np.ndarray, lrs, steps: int
                    ) -> list[_Trained]:
    """training.train(net, X, y, lr, steps) at every learning rate in `lrs` at once: the same
    formulas as notebook 04's training loop, on weights stacked along a first axis, one slice
    per rate (W: (rates, inputs, units), b: (rates, 1, units)). A rate's run ends, as train's
    does, when its loss or its next update is not a finite number; the others go on."""
    lrs = np.asarray(lrs, dtype=float)
    rate = lrs[:, None, None]
    Ws = [np.repeat(layer.W[None], lrs.size, axis=0) for layer in net.layers]
    bs = [np.repeat(layer.b[None, None], lrs.size, axis=0) for layer in net.layers]
    gs = [activations.get(layer.activation) for layer in net.layers]
    slopes = [activations.slope(layer.activation) for layer in net.layers]
    losses = np.full((lrs.size, steps + 1), np.nan)
    ends = np.full(lrs.size, steps + 1)  # how many losses each run keeps
    going = np.arange(lrs.size)  # the rates still training
    n = len(y)
    # A run that blows up overflows: that ends it (below), it is not an error.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for k in range(steps + 1):
            inputs, Zs, A = [], [], X  # forward pass: Z = A W + b, A = g(Z), layer by layer
            for W, b, g in zip(Ws, bs, gs, strict=True):
                inputs.append(A)
                Zs.append(A @ W[going] + b[going])
                A = g(Zs[-1])
            z = Zs[-1][..., 0]  # the loss from the output's Z, as losses.*_from_logits
            loss = np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))), axis=1)
            finite = np.isfinite(loss)
            losses[going[finite], k] = loss[finite]
            ends[going[~finite]] = k
            if k == steps:
                break
            grad_Z = (A - y[:, None]) / n  # dJ/dZ of the output layer: (p − y) / n
            updated = []
            for i in reversed(range(len(Ws))):  # backward pass, from the last layer down
                grad_W = np.swapaxes(inputs[i], -1, -2) @ grad_Z  # dJ/dW = Aᵀ · dJ/dZ
                grad_b = grad_Z.sum(axis=-2, keepdims=True)        # dJ/db = Σ dJ/dZ
                if i:  # dJ/dZ below = dJ/dZ · Wᵀ ⊙ g'(Z below)
                    grad_Z = (grad_Z @ np.swapaxes(Ws[i][going], -1, -2)) * slopes[i - 1](
                        Zs[i - 1])
                updated.append((Ws[i][going] - rate[going] * grad_W,  # descent.update
                                bs[i][going] - rate[going] * grad_b))
            for W, b in updated:
                finite &= np.isfinite(W).all(axis=(1, 2)) & np.isfinite(b).all(axis=(1, 2))
            ends[going[~finite & (ends[going] > k)]] = k + 1
            for (W, b), W_all, b_all in zip(updated[::-1], Ws, bs, strict=True):
                W_all[going[finite]], b_all[going[finite]] = W[finite], b[finite]
            going = going[finite]
            if not going.size:
                break
    runs = []
    for r, lr in enumerate(lrs):
        kept = losses[r, :ends[r]]
        layers = [network.Dense(W[r], b[r, 0], layer.activation)
                  for W, b, layer in zip(Ws, bs, net.layers, strict=True)]
        stopped = ends[r] < steps + 1
        runs.append(_Trained(float(lr), kept,
                             descent.diverged_at([*kept, np.inf] if stopped else kept),
                             network.Network(layers)))
    return runs


def network_lr_explorer(net: network.Network, X: np.ndarray, y: np.ndarray, steps: int = 200,
                        lr: float = 0.3, lr_range: tuple[float, float] = (1e-3, 100.0),
                        limits: tuple[float, float] = (-1.5, 2.5), resolution: int = 50
                        ) -> Explorer:
    """A logarithmic learning-rate slider that retrains the network from the same start on every
    move: the decision region and the loss curve (log scale) update, and divergence is said in
    words. Notebook 05."""
    net, X, y, steps = _training_inputs(net, X, y, steps)
    lr_range = _range(lr_range, "lr_range", log=True, step=1 / 20)
    lr = _within(lr, "lr", *lr_range)
    limits = _range(limits, "limits")
    resolution = _validate.count(resolution, "resolution", minimum=2,
                                 maximum=_validate.MAX_RESOLUTION)
    _, _, cells = data.grid(limits, limits, resolution)
    low, high = 1e-5, 1e4
    control = _log_slider(LR_LABEL, lr, *lr_range)
    # Every run the slider can show, trained at once (the slider's frames are made from them).
    runs = {run.lr: run for run in _train_at_rates(
        net, X, y, _thinned(control.values, control.value), steps)}

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
            run = runs[lr]
            region.set_data(run.net.predict(cells).reshape(resolution, resolution))
            loss_line.set_data(np.arange(len(run.losses)), _positive(run.losses))
            accuracy = training.accuracy(run.net, X, y)
            title.set_text(f"η = {lr:.3g}: accuracy {accuracy:.0%}")
            diverged = run.diverged_at is not None
            status.set_text(
                f"diverged at step {run.diverged_at}: the loss blew up" if diverged
                else f"loss {run.losses[0]:.3f} → {run.losses[-1]:.3f} in {steps} steps")
            beyond = _show_edges(edges, run.losses, low, high)
            change = "fell" if run.losses[-1] < run.losses[0] else "rose"
            what = (f"training diverged at step {run.diverged_at}" if diverged
                    else f"after {steps} steps the loss {change} from {run.losses[0]:.3g} to "
                    f"{run.losses[-1]:.3g}")
            return (f"η = {lr:.3g}: {what} and {accuracy:.0%} of points are on the right side"
                    + (f"; {beyond}" if beyond else "") + ".")

        return fig, moving, update

    return Explorer(scene, {"lr": control}, "retraining a network as the learning rate moves")
