"""Figures of notebook 04 on mini-batch training: mini-batches against the full batch, and the
batch-size and learning-rate explorer over runs trained in advance. Notebook 04 reaches them
through `gradient_descent`."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import minibatch, training
from . import live, style
from .live import Explorer, _within
from .style import _png
from .training import _curves, _listed, _loss_and_accuracy_axes, _percent


def minibatch_vs_full(full: training.TrainingResult, minibatch: training.TrainingResult
                      ) -> live.Picture:
    """Full-batch descent against mini-batch descent over the same epochs: the loss (the
    smooth full-batch curve, the noisy loss of each batch, the mini-batch run's loss on all
    training points) and the test accuracy of both. Notebook 04."""
    full = _curves(full, "full")
    minibatch = _curves(minibatch, "minibatch")
    if getattr(minibatch, "batch_losses", None) is None or minibatch.epochs is None:
        raise ValueError("minibatch should come from minibatch.train_sgd (it keeps the loss of "
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
    advance (minibatch.sgd_grid), so a redraw only moves lines. Left: the loss on all training
    points by epoch, and each batch's own loss; right: which pairs ended lower than they
    started, the current one framed. The learning-rate slider moves in half decades and shows
    the nearest trained rate; the batch-size slider steps through `batch_sizes`. Notebook 04."""
    runs = minibatch.sgd_grid(live._network(net), X, y, batch_sizes, lrs, epochs, seed)
    sizes = sorted({size for size, _ in runs})
    rates = sorted({rate for _, rate in runs})
    if batch_size not in sizes:
        raise ValueError(f"batch_size should be one of batch_sizes {sizes}, got {batch_size!r}")
    if len(rates) < 2:
        raise ValueError(f"lrs should hold at least two learning rates (the slider's two ends), "
                         f"got {rates}")
    lr = _within(lr, "lr", rates[0], rates[-1])
    best = {size: minibatch.largest_lowering_lr(runs, size) for size in sizes}
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
