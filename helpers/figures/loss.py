"""Figures of notebook 03, loss: losses against a prediction, and fitting a line by hand."""

from __future__ import annotations

import io

import numpy as np
from matplotlib.collections import LineCollection

from .. import _validate, losses
from . import style
from .controls import _range, _slider, _within
from .live import Explorer, Picture


def _png(fig) -> bytes:
    """The figure as PNG bytes, cropped to what is drawn (legends under the axes included).
    Rendered here: Picture's own rendering passes bbox_inches to print_png, which Agg refuses."""
    out = io.BytesIO()
    fig.savefig(out, format="png", bbox_inches="tight")
    return out.getvalue()


__all__ = ["line_fit_explorer", "loss_against_prediction"]

# The predictions the caption of loss_against_prediction quotes, for target 1: confidently
# wrong, and confidently right.
_WRONG_P, _RIGHT_P = 0.01, 0.99
# Where the binary cross-entropy panel stops: higher values are marked at its top edge.
_BCE_TOP = 5.0


def loss_against_prediction() -> Picture:
    """MSE and binary cross-entropy of one prediction p, for target 0 and target 1, with a
    sentence comparing them at a confidently wrong and a confidently right p. Notebook 03."""
    fig, axes = style.new_figure(9, 3.6, ncols=2)
    p = np.linspace(0.001, 0.999, 400)
    for ax, (name, loss, top) in zip(axes, (("mean squared error", losses.mse, 1.05),
                                            ("binary cross-entropy", losses.binary_cross_entropy,
                                             _BCE_TOP)), strict=True):
        for target, color, dash in ((0, style.CLASS_COLORS[0], "-"),
                                    (1, style.CLASS_COLORS[1], "--")):
            values = np.array([loss(np.array([target]), np.array([q])) for q in p])
            ax.plot(p, values, color=color, ls=dash, label=f"target y = {target}")
            if values.max() > top:  # the curve leaves the chart: say where it goes
                exits = p[values > top]
                edge = exits.max() if target == 1 else exits.min()
                worst = loss(np.array([target]), np.array([1.0 - target]))
                ax.annotate(f"off the chart:\n{worst:.1f} at p = {1 - target}",
                            xy=(edge, top), xytext=(0.3 if target == 1 else 0.7, 0.82 * top),
                            ha="center", fontsize=8, color=color,
                            arrowprops={"arrowstyle": "-|>", "color": color, "lw": 1})
        ax.set(xlabel="prediction p", ylabel="loss", title=name, ylim=(0, top))
        ax.legend(loc="upper center", fontsize=8, ncols=2, bbox_to_anchor=(0.5, -0.2))
    one = np.array([1.0])
    wrong_mse, wrong_bce = (losses.mse(one, np.array([_WRONG_P])),
                            losses.binary_cross_entropy(one, np.array([_WRONG_P])))
    right_mse, right_bce = (losses.mse(one, np.array([_RIGHT_P])),
                            losses.binary_cross_entropy(one, np.array([_RIGHT_P])))
    caption = (f"For target 1, a confidently wrong p = {_WRONG_P:g} costs {wrong_mse:.2f} under "
               f"MSE but {wrong_bce:.1f} under binary cross-entropy, and a right "
               f"p = {_RIGHT_P:g} costs {right_mse:.4f} and {right_bce:.3f}.")
    return Picture(_png(fig), caption)


def line_fit_explorer(x: np.ndarray, y: np.ndarray, slope: float = 0.5, intercept: float = 0.0,
                      slope_range: tuple[float, float] = (-1.0, 4.0),
                      intercept_range: tuple[float, float] = (-2.0, 3.0)) -> Explorer:
    """Fit a line by hand: sliders for slope and intercept. Notebook 03.

    Left: the points, the line and each residual; the title shows the MSE. Right: the MSE over
    every (slope, intercept) as a contour map, the current line's point on it, and a star where
    the loss is lowest.
    """
    x = _validate.array(x, "x", ndim=1)
    y = _validate.array(y, "y", ndim=1)
    if x.shape != y.shape or x.size < 2:
        raise ValueError(f"x and y should have the same length, at least 2, got {x.size} and "
                         f"{y.size}")
    slope_range = _range(slope_range, "slope_range", step=0.05)
    intercept_range = _range(intercept_range, "intercept_range", step=0.05)
    slope = _within(slope, "slope", *slope_range)
    intercept = _within(intercept, "intercept", *intercept_range)
    slopes = np.linspace(*slope_range, 120)
    intercepts = np.linspace(*intercept_range, 120)
    surface = losses.line_loss_surface(x, y, slopes, intercepts)
    best = losses.least_squares_line(x, y)

    lowest = losses.line_mse(x, y, *best)

    def scene():
        fig, (ax, surface_ax) = style.new_figure(9.6, 4.4, ncols=2)
        ax.scatter(x, y, s=30, color=style.PALETTE["blue"], edgecolors="black", linewidths=0.5,
                   zorder=3, label="data")
        x_span = np.array([x.min() - 0.1, x.max() + 0.1])
        (line,) = ax.plot([], [], color=style.PALETTE["vermillion"], lw=2.5, label="your line")
        residuals = LineCollection([], colors=style.PALETTE["grey"], linewidths=1.2,
                                   linestyles="dotted", label="residuals")
        ax.add_collection(residuals)
        pad = 0.15 * np.ptp(y) or 0.5  # all y equal: still a visible band
        ax.set(xlim=x_span, ylim=(y.min() - pad, y.max() + pad), xlabel="x", ylabel="y")
        ax.legend(loc="upper center", fontsize=8, ncols=3, bbox_to_anchor=(0.5, -0.16))
        title = ax.set_title(" ")
        style.loss_contours(surface_ax, slopes, intercepts, surface)
        surface_ax.plot(*best, **style.LOWEST_MARKER, label="lowest loss")
        (here,) = surface_ax.plot([], [], "o", ms=9, color=style.PALETTE["vermillion"],
                                  mec="black", mew=1.2, label="your line")
        surface_ax.set(xlabel="slope", ylabel="intercept", title="the loss surface (MSE)")
        surface_ax.legend(loc="upper center", fontsize=8, ncols=2, bbox_to_anchor=(0.5, -0.16))
        moving = [line, residuals, title, here]

        def update(slope: float, intercept: float) -> str:
            fitted = slope * x + intercept
            mse = losses.line_mse(x, y, slope, intercept)
            line.set_data(x_span, slope * x_span + intercept)
            residuals.set_segments([[(xi, yi), (xi, fi)] for xi, yi, fi in zip(x, y, fitted,
                                                                               strict=True)])
            title.set_text(f"slope {slope:.2f}, intercept {intercept:.2f}:  MSE = {mse:.3f}")
            here.set_data([slope], [intercept])
            return (f"Slope {slope:.2f}, intercept {intercept:.2f}: the MSE is {mse:.3f}, "
                    f"{mse - lowest:.3f} above the lowest MSE, {lowest:.3f} (slope "
                    f"{best[0]:.2f}, intercept {best[1]:.2f}).")

        return fig, moving, update

    controls = {
        "slope": _slider("slope", slope, *slope_range, 0.05),
        "intercept": _slider("intercept", intercept, *intercept_range, 0.05),
    }
    return Explorer(scene, controls, "fitting a line by hand on the loss surface")
