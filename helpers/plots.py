"""Plot plumbing shared by every notebook: one palette, one style, a few drawing helpers.

The colours are the Okabe–Ito palette, chosen to stay distinct for colour-blind readers; classes
differ by marker shape as well as colour. Change a colour here and every figure follows.
"""

from __future__ import annotations

from contextlib import contextmanager

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from . import _validate, activations, losses, perceptron

# Okabe–Ito colour-blind-safe palette.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
# Class 0 and class 1: colour and marker, so they differ in shape as well as in colour.
CLASS_COLORS = (PALETTE["blue"], PALETTE["orange"])
CLASS_MARKERS = ("o", "s")
# The order in which several lines take colours and dash styles.
LINE_COLORS = (PALETTE["blue"], PALETTE["vermillion"], PALETTE["green"], PALETTE["purple"],
               PALETTE["orange"], PALETTE["sky"], PALETTE["black"])
LINE_STYLES = ("-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 3)))
# A decision region: pale blue where the network says class 0, pale orange for class 1.
REGION_CMAP = LinearSegmentedColormap.from_list(
    "region", ["#9cc7e4", "#ffffff", "#f5cf80"], N=256
)
# A loss surface: light where the loss is low, dark where it is high.
LOSS_CMAP = "viridis_r"

STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "lines.linewidth": 2,
    "axes.prop_cycle": mpl.cycler(color=LINE_COLORS, linestyle=LINE_STYLES),
}


@contextmanager
def style():
    """Use the course style for the figures made inside the `with` block."""
    with mpl.rc_context(STYLE):
        yield


def apply_style() -> None:
    """Use the course style for every figure from now on (the notebooks call this once)."""
    mpl.rcParams.update(STYLE)


def new_figure(width: float, height: float, ncols: int = 1, width_ratios=None
               ) -> tuple[Figure, list[Axes]]:
    """A figure of a fixed size in inches with `ncols` axes side by side, in the course style.

    It is a plain matplotlib Figure, not registered with pyplot, so it is never left open.
    """
    with style():
        fig = Figure(figsize=(width, height), layout="constrained")
        axes = fig.subplots(1, ncols, squeeze=False, width_ratios=width_ratios)[0]
    return fig, list(axes)


def scatter_classes(ax: Axes, X: np.ndarray, y: np.ndarray, size: float = 40, **kwargs) -> list:
    """Draw the rows of X (n, 2) as points: class 0 blue circles, class 1 orange squares."""
    X = _validate.points(X, columns=2)
    y = _validate.labels(y, X.shape[0])
    artists = []
    for label in (0, 1):
        chosen = y == label
        artists.append(ax.scatter(
            X[chosen, 0], X[chosen, 1], s=size, c=CLASS_COLORS[label],
            marker=CLASS_MARKERS[label], edgecolors="black", linewidths=0.6,
            label=f"class {label}", zorder=3, **kwargs,
        ))
    return artists


def region_image(ax: Axes, values: np.ndarray, xlim: tuple[float, float],
                 ylim: tuple[float, float], **kwargs):
    """Show a (rows, cols) array of values in [0, 1] as a pale blue-to-orange decision region.

    Returns the image artist, whose ``set_data`` updates it in place.
    """
    return ax.imshow(values, origin="lower", extent=(*xlim, *ylim), cmap=REGION_CMAP,
                     vmin=0, vmax=1, aspect="auto", interpolation="bilinear", zorder=0, **kwargs)


def activation_gallery(z_range: tuple[float, float] = (-4.0, 4.0)) -> Figure:
    """Step, sigmoid, tanh and ReLU side by side over `z_range`. Notebook 01."""
    fig, axes = new_figure(10, 2.8, ncols=4)
    z = np.linspace(*z_range, 401)
    for ax, name, color in zip(axes, ("step", "sigmoid", "tanh", "relu"), LINE_COLORS,
                               strict=False):
        ax.plot(z, activations.get(name)(z), color=color)
        ax.axhline(0, color=PALETTE["grey"], lw=0.8)
        ax.axvline(0, color=PALETTE["grey"], lw=0.8)
        ax.set(title=name, xlabel="z", ylim=(-1.3, 4.2) if name == "relu" else (-1.3, 1.3))
    axes[0].set_ylabel("a = g(z)")
    return fig


def points_and_line(X: np.ndarray, y: np.ndarray, w: np.ndarray | None = None, b: float = 0.0,
                    title: str = "", limits: tuple[float, float] = (-0.5, 1.5)) -> Figure:
    """The points of a 2-D data set and, if `w` is given, the line w·x + b = 0. Notebook 01."""
    fig, (ax,) = new_figure(4.8, 4.2)
    scatter_classes(ax, X, y, size=90)
    if w is not None:
        ax.plot(*perceptron.decision_line(w, b, limits), color=PALETTE["black"],
                label="the perceptron's line")
    ax.set(xlim=limits, ylim=limits, xlabel="input x₁", ylabel="input x₂", aspect="equal",
           title=title)
    ax.legend(loc="upper center", fontsize=8, ncols=3, bbox_to_anchor=(0.5, -0.15))
    return fig


def loss_contours(ax: Axes, slopes: np.ndarray, intercepts: np.ndarray, surface: np.ndarray,
                  levels: int = 14):
    """Filled contours of a loss over (slope, intercept), spaced evenly in log(loss) so the
    valley floor shows detail. Notebooks 03 and 04."""
    low, high = float(surface.min()), float(surface.max())
    edges = np.geomspace(max(low, 1e-3), high, levels)
    filled = ax.contourf(slopes, intercepts, surface, levels=edges, cmap=LOSS_CMAP,
                         norm=mpl.colors.LogNorm(), extend="min")
    ax.contour(slopes, intercepts, surface, levels=edges, colors="white", linewidths=0.4,
               alpha=0.6)
    ax.grid(False)
    return filled


def loss_against_prediction() -> Figure:
    """MSE and binary cross-entropy of one prediction p, for target 0 and target 1. Notebook 03."""
    fig, axes = new_figure(9, 3.4, ncols=2)
    p = np.linspace(0.001, 0.999, 400)
    for ax, (name, loss) in zip(axes, (("mean squared error", losses.mse),
                                       ("binary cross-entropy", losses.binary_cross_entropy)),
                                strict=True):
        for target, color, dash in ((0, CLASS_COLORS[0], "-"), (1, CLASS_COLORS[1], "--")):
            values = [loss(np.array([target]), np.array([q])) for q in p]
            ax.plot(p, values, color=color, ls=dash, label=f"target y = {target}")
        ax.set(xlabel="prediction p", ylabel="loss", title=name,
               ylim=(0, 1.05 if name.startswith("mean") else 5))
        ax.legend(loc="upper center")
    return fig


def descent_on_line_fit(x: np.ndarray, y: np.ndarray, path: np.ndarray,
                        slope_range: tuple[float, float] = (-1.0, 4.0),
                        intercept_range: tuple[float, float] = (-2.0, 3.0)) -> Figure:
    """Gradient descent's path (k, 2) of (slope, intercept) on the line-fit loss surface, beside
    the line it ends with. Notebook 04."""
    slopes = np.linspace(*slope_range, 160)
    intercepts = np.linspace(*intercept_range, 160)
    surface = losses.line_loss_surface(x, y, slopes, intercepts)
    fig, (ax, fit_ax) = new_figure(9.0, 4.0, ncols=2)
    loss_contours(ax, slopes, intercepts, surface)
    ax.plot(path[:, 0], path[:, 1], "o-", ms=3, lw=1.2, color=PALETTE["vermillion"],
            label=f"gradient descent ({len(path) - 1} steps)")
    ax.plot(*path[0], "s", ms=9, color="white", mec="black", label="start")
    ax.plot(*losses.least_squares_line(x, y), "*", ms=14, color=PALETTE["yellow"],
            mec="black", label="lowest loss")
    ax.set(xlabel="slope", ylabel="intercept", title="descent on the loss surface",
           xlim=slope_range, ylim=intercept_range)
    ax.legend(loc="upper right", fontsize=8)
    fit_ax.scatter(x, y, s=30, color=PALETTE["blue"], edgecolors="black", linewidths=0.5,
                   zorder=3)
    span = np.array([x.min(), x.max()])
    for k, dash in ((0, ":"), (len(path) // 10, "--"), (len(path) - 1, "-")):
        slope, intercept = path[k]
        fit_ax.plot(span, slope * span + intercept, ls=dash, color=PALETTE["vermillion"],
                    alpha=0.4 + 0.6 * k / (len(path) - 1), label=f"after {k} steps")
    fit_ax.set(xlabel="x", ylabel="y", title="the line at three moments")
    fit_ax.legend(loc="upper left", fontsize=8)
    return fig


def loss_curves_by_learning_rate(runs: list) -> Figure:
    """Training loss against step for several learning rates in one axes (a list of
    training.TrainingResult). Diverged runs end in a cross. Notebook 05."""
    fig, (ax,) = new_figure(7.5, 3.8)
    for run, color, dash in zip(runs, LINE_COLORS, LINE_STYLES, strict=False):
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
    fig, (ax,) = new_figure(7.5, 3.8)
    ax.plot(test.lrs, test.losses, color=PALETTE["blue"], label="loss after a step at η")
    ax.set_xscale("log")
    ax.axvline(test.suggested_lr, color=PALETTE["green"], ls="--", lw=2,
               label=f"suggested η = {test.suggested_lr:.3g}")
    ax.axvline(test.best_lr, color=PALETTE["grey"], ls=":", lw=1.5,
               label=f"lowest loss, η = {test.best_lr:.3g}")
    if test.blow_up_lr is not None:
        ax.axvline(test.blow_up_lr, color=PALETTE["vermillion"], lw=2,
                   label=f"blows up, η = {test.blow_up_lr:.3g}")
    ax.set(xlabel="learning rate η (raised every step)", ylabel="loss",
           title="the learning-rate range test")
    ax.legend(loc="lower left", fontsize=8)
    return fig


def schedule_comparison(walks: dict) -> Figure:
    """Loss per step for several descent runs on the same problem ({label: DescentResult}),
    on a log axis. Notebook 05."""
    fig, (ax,) = new_figure(7.5, 3.6)
    for (label, walk), color, dash in zip(walks.items(), LINE_COLORS, LINE_STYLES, strict=False):
        ax.plot(np.maximum(walk.losses, 1e-20), color=color, ls=dash, label=label)
        if walk.diverged:
            ax.plot(len(walk.losses) - 1, walk.losses[-1], "x", ms=10, mew=2.5, color=color)
    ax.set(yscale="log", ylim=(1e-20, None), xlabel="step", ylabel="loss (log scale)",
           title="constant and decaying rates")
    ax.legend(loc="lower left", fontsize=8)
    return fig


def training_moments(result, X: np.ndarray, y: np.ndarray, steps=(0, 50, 200, 1000),
                     limits: tuple[float, float] = (-1.5, 2.5)) -> Figure:
    """The decision region at a few moments of one training run (a training.TrainingResult
    with snapshots at those steps), side by side. Notebook 04."""
    missing = [k for k in steps if k not in result.snapshots]
    if missing:
        raise ValueError(f"result has no snapshot at steps {missing}; it has "
                         f"{sorted(result.snapshots)[:5]}...")
    fig, axes = new_figure(10, 2.9, ncols=len(steps))
    for ax, k in zip(axes, steps, strict=True):
        region_image(ax, result.snapshots[k], limits, limits)
        scatter_classes(ax, X, y, size=10)
        ax.set(xlim=limits, ylim=limits, aspect="equal", xticks=[], yticks=[],
               title=f"step {k}: loss {result.losses[k]:.2f}")
        ax.grid(False)
    return fig
