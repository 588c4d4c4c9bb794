"""Figures of notebook 04 about training a network: the decision region as training goes on,
and the loss and accuracy on training and test points (mini-batches are in `minibatch`).
Notebook 04 reaches them through `gradient_descent`."""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np

from .. import _validate, training
from . import style
from .controls import _int_slider, _range, _whole, _within
from .live import Explorer, Picture
from .style import _limits, _png, _result


def _percent(fraction: float) -> str:
    return f"{100 * fraction:.0f} %"


def _listed(items: Sequence[str]) -> str:
    """a, b and c."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


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


def training_moments(result, X: np.ndarray, y: np.ndarray, steps=(0, 50, 200, 1000),
                     limits: tuple[float, float] = (-1.5, 2.5)) -> Picture:
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
    fig, axes = style.new_figure(10, 3.2, ncols=len(steps))
    for ax, k in zip(axes, steps, strict=True):
        style.region_image(ax, result.snapshots[k], limits, limits)
        style.scatter_classes(ax, X, y, size=10)
        ax.set(xlim=limits, ylim=limits, aspect="equal", xlabel="input x₁",
               title=f"step {k}: loss {result.losses[k]:.2f}")
        ax.grid(False)
    axes[0].set_ylabel("input x₂")
    moments = [f"{result.losses[k]:.2f}" + (f" ({_percent(result.accuracies[k])} right)"
                                            if result.accuracies is not None else "")
               for k in steps]
    caption = (f"After {_listed([str(k) for k in steps])} steps the loss on the training "
               f"points was {_listed(moments)}.")
    return Picture(_png(fig), caption)


def training_explorer(result: training.TrainingResult, X: np.ndarray, y: np.ndarray,
                      limits: tuple[float, float] = (-2.0, 3.0), step: int | None = None
                      ) -> Explorer:
    """A slider over the training step shows the decision region as it was then, beside the
    falling loss curve. Notebook 04. `result` must hold snapshots (train(..., snapshot_every));
    the slider starts at `step` (default: the end of training)."""
    _training_result(result)
    if len(result.snapshots) < 2 or 0 not in result.snapshots:
        raise ValueError("result should hold snapshots from step 0 on, at least two; train with "
                         "snapshot_every=... smaller than steps to keep them")
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
    controls = {"step": _int_slider("training step", saved[-1] if step is None else step, 0,
                                    saved[-1], every)}
    return Explorer(scene, controls, "a network's decision region during training")


def _curves(result: object, name: str) -> training.TrainingResult:
    """A TrainingResult that kept test losses and accuracies (train(..., test=...))."""
    if not isinstance(result, training.TrainingResult):
        raise TypeError(f"{name} should be a training.TrainingResult (from training.train or "
                        f"minibatch.train_sgd), got {type(result).__name__}")
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


def train_test_curves(result: training.TrainingResult) -> Picture:
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
    return Picture(_png(fig), caption)
