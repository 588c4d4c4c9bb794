"""Plot plumbing shared by every notebook: one palette, one style, a few drawing helpers.

The colours are the Okabe–Ito palette, chosen to stay distinct for colour-blind readers; classes
differ by marker shape as well as colour. Change a colour here and every figure follows.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from contextlib import contextmanager

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from . import _validate, activations, descent, learning_rate, losses, perceptron, training

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
# The most steps a figure that marks every step will draw, and the most side-by-side panels.
MAX_DRAWN_STEPS = 1_000
MAX_PANELS = 8
MAX_INCHES = 50

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


# --- Checks at the edge ----------------------------------------------------------------------


def _axes(ax: object) -> Axes:
    if not isinstance(ax, Axes):
        raise TypeError("ax should be a matplotlib Axes (for example from new_figure), got "
                        f"{type(ax).__name__}")
    return ax


def _limits(value: object, name: str) -> tuple[float, float]:
    low, high = _validate.interval(value, name)
    if not np.isfinite(high - low):
        raise ValueError(f"{name} is too wide to draw: ({low:g}, {high:g})")
    return low, high


def _line_data(x: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    x = _validate.array(x, "x", ndim=1)
    y = _validate.array(y, "y", ndim=1)
    if x.shape != y.shape or x.size < 2:
        raise ValueError(f"x and y should have the same length, at least 2, got {x.size} and "
                         f"{y.size}")
    return x, y


def _runs(runs: object, name: str, kind: type, what: str) -> list:
    """A non-empty list of results, no more than there are line colours (each keeps its own)."""
    if isinstance(runs, str | bytes | Mapping) or not isinstance(runs, Sequence):
        raise TypeError(f"{name} should be a list of {what}, got {type(runs).__name__}")
    if not runs:
        raise ValueError(f"{name} is empty; it needs at least one {what[:-1]}")
    if len(runs) > len(LINE_COLORS):
        raise ValueError(f"{name} has {len(runs)} entries; at most {len(LINE_COLORS)} can be told "
                         "apart (one colour and dash each), so split them over several figures")
    for i, run in enumerate(runs):
        if not isinstance(run, kind):
            raise TypeError(f"{name}[{i}] should be a {kind.__module__.split('.')[-1]}."
                            f"{kind.__name__}, got {type(run).__name__}")
        values = np.asarray(run.losses)
        if values.ndim != 1 or values.size == 0 or values.dtype.kind not in "biuf":
            raise ValueError(f"{name}[{i}] has no losses to draw (losses of shape "
                             f"{values.shape})")
    return list(runs)


def _result(result: object) -> training.TrainingResult:
    if not isinstance(result, training.TrainingResult):
        raise TypeError("result should be a training.TrainingResult (from training.train), got "
                        f"{type(result).__name__}")
    return result


def new_figure(width: float, height: float, ncols: int = 1, width_ratios=None
               ) -> tuple[Figure, list[Axes]]:
    """A figure of a fixed size in inches with `ncols` axes side by side, in the course style.

    It is a plain matplotlib Figure, not registered with pyplot, so it is never left open.
    """
    for value, name in ((width, "width"), (height, "height")):
        if _validate.positive(value, name) > MAX_INCHES:
            raise ValueError(f"{name} should be at most {MAX_INCHES} inches, got {value:g}")
    ncols = _validate.count(ncols, "ncols", maximum=MAX_PANELS)
    if width_ratios is not None:
        ratios = _validate.array(width_ratios, "width_ratios", ndim=1)
        if ratios.shape != (ncols,) or np.any(ratios <= 0):
            raise ValueError(f"width_ratios should be {ncols} positive numbers (one per column), "
                             f"got {width_ratios!r}")
    with style():
        fig = Figure(figsize=(width, height), layout="constrained")
        axes = fig.subplots(1, ncols, squeeze=False, width_ratios=width_ratios)[0]
    return fig, list(axes)


def scatter_classes(ax: Axes, X: np.ndarray, y: np.ndarray, size: float = 40, **kwargs) -> list:
    """Draw the rows of X (n, 2) as points: class 0 blue circles, class 1 orange squares."""
    _axes(ax)
    X = _validate.points(X, columns=2)
    y = _validate.labels(y, X.shape[0])
    if _validate.number(size, "size") < 0:
        raise ValueError(f"size should be 0 or more (the marker area), got {size:g}")
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
    _axes(ax)
    values = _validate.array(values, "values", ndim=2)
    if 0 in values.shape:
        raise ValueError(f"values should be a non-empty (rows, cols) picture, got shape "
                         f"{values.shape}")
    xlim, ylim = _limits(xlim, "xlim"), _limits(ylim, "ylim")
    return ax.imshow(values, origin="lower", extent=(*xlim, *ylim), cmap=REGION_CMAP,
                     vmin=0, vmax=1, aspect="auto", interpolation="bilinear", zorder=0, **kwargs)


def activation_gallery(z_range: tuple[float, float] = (-4.0, 4.0)) -> Figure:
    """Step, sigmoid, tanh and ReLU side by side over `z_range`. Notebook 01."""
    z_range = _limits(z_range, "z_range")
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
    X = _validate.points(X, columns=2)
    y = _validate.labels(y, X.shape[0])
    if w is not None:
        w = _validate.array(w, "w", ndim=1)
        if w.shape != (2,):
            raise ValueError(f"w should hold two weights (w1, w2), got shape {w.shape}")
    b = _validate.number(b, "b")
    if not isinstance(title, str):
        raise TypeError(f"title should be a string, got {type(title).__name__}")
    limits = _limits(limits, "limits")
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
    _axes(ax)
    slopes = _validate.array(slopes, "slopes", ndim=1)
    intercepts = _validate.array(intercepts, "intercepts", ndim=1)
    for values, name in ((slopes, "slopes"), (intercepts, "intercepts")):
        if values.size < 2 or np.any(np.diff(values) <= 0):
            raise ValueError(f"{name} should be at least 2 increasing values, got "
                             f"{values.size} values")
    surface = _validate.array(surface, "surface", ndim=2)
    if surface.shape != (intercepts.size, slopes.size):
        raise ValueError(f"surface should have shape (len(intercepts), len(slopes)) = "
                         f"{(intercepts.size, slopes.size)}, got {surface.shape}")
    levels = _validate.count(levels, "levels", minimum=2, maximum=100)
    low, high = float(surface.min()), float(surface.max())
    if low < 0 or not high > max(low, 1e-3):
        raise ValueError("surface should be a loss: 0 or more everywhere and not flat (its "
                         f"highest value above its lowest and above 0.001), got {low:g} to "
                         f"{high:g}")
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
    x, y = _line_data(x, y)
    path = _validate.array(path, "path", ndim=2, columns=2)
    if not 2 <= len(path) <= MAX_DRAWN_STEPS + 1:
        raise ValueError(f"path should hold 2 to {MAX_DRAWN_STEPS + 1:,} points (the start and "
                         f"up to {MAX_DRAWN_STEPS:,} steps), got {len(path):,}")
    slope_range = _limits(slope_range, "slope_range")
    intercept_range = _limits(intercept_range, "intercept_range")
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
    training.TrainingResult). Diverged runs end in a cross. Notebook 05.

    At most len(LINE_COLORS) runs, so that every one keeps a colour and dash of its own."""
    runs = _runs(runs, "runs", training.TrainingResult, "training results")
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
    on a log axis. Notebook 05. At most len(LINE_COLORS) walks, each with its own colour."""
    if not isinstance(walks, Mapping):
        raise TypeError("walks should be a dict {label: descent.DescentResult}, got "
                        f"{type(walks).__name__}")
    if any(not isinstance(label, str) for label in walks):
        raise TypeError(f"walks should have text labels as keys, got {list(walks)!r}")
    _runs(list(walks.values()), "walks", descent.DescentResult, "descent results")
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
    _result(result)
    if isinstance(steps, str | bytes) or not isinstance(steps, Sequence) or any(
            isinstance(k, bool) or not isinstance(k, numbers.Integral) for k in steps):
        raise TypeError(f"steps should be a list of whole step numbers, got {steps!r}")
    if not 1 <= len(steps) <= MAX_PANELS:
        raise ValueError(f"steps should list 1 to {MAX_PANELS} steps (one panel each), got "
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
    fig, axes = new_figure(10, 2.9, ncols=len(steps))
    for ax, k in zip(axes, steps, strict=True):
        region_image(ax, result.snapshots[k], limits, limits)
        scatter_classes(ax, X, y, size=10)
        ax.set(xlim=limits, ylim=limits, aspect="equal", xticks=[], yticks=[],
               title=f"step {k}: loss {result.losses[k]:.2f}")
        ax.grid(False)
    return fig
