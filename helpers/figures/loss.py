"""Figures of notebook 03, loss: losses against a prediction, and fitting a line by hand."""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from .. import _validate, losses
from . import style
from .live import (
    Explorer,
    _range,
    _within,
    slider,
)


def loss_against_prediction() -> Figure:
    """MSE and binary cross-entropy of one prediction p, for target 0 and target 1. Notebook 03."""
    fig, axes = style.new_figure(9, 3.4, ncols=2)
    p = np.linspace(0.001, 0.999, 400)
    for ax, (name, loss) in zip(axes, (("mean squared error", losses.mse),
                                       ("binary cross-entropy", losses.binary_cross_entropy)),
                                strict=True):
        for target, color, dash in ((0, style.CLASS_COLORS[0], "-"),
                                    (1, style.CLASS_COLORS[1], "--")):
            values = [loss(np.array([target]), np.array([q])) for q in p]
            ax.plot(p, values, color=color, ls=dash, label=f"target y = {target}")
        ax.set(xlabel="prediction p", ylabel="loss", title=name,
               ylim=(0, 1.05 if name.startswith("mean") else 5))
        ax.legend(loc="upper center")
    return fig

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
    slope_range = _range(slope_range, "slope_range")
    intercept_range = _range(intercept_range, "intercept_range")
    slope = _within(slope, "slope", *slope_range)
    intercept = _within(intercept, "intercept", *intercept_range)
    slopes = np.linspace(*slope_range, 120)
    intercepts = np.linspace(*intercept_range, 120)
    surface = losses.line_loss_surface(x, y, slopes, intercepts)
    best = losses.least_squares_line(x, y)

    def scene():
        fig, (ax, surface_ax) = style.new_figure(9.0, 4.0, ncols=2)
        ax.scatter(x, y, s=30, color=style.PALETTE["blue"], edgecolors="black", linewidths=0.5,
                   zorder=3, label="data")
        x_span = np.array([x.min() - 0.1, x.max() + 0.1])
        (line,) = ax.plot([], [], color=style.PALETTE["vermillion"], lw=2.5, label="your line")
        residuals = LineCollection([], colors=style.PALETTE["grey"], linewidths=1.2,
                                   linestyles="dotted", label="residuals")
        ax.add_collection(residuals)
        pad = 0.15 * np.ptp(y) or 0.5  # all y equal: still a visible band
        ax.set(xlim=x_span, ylim=(y.min() - pad, y.max() + pad), xlabel="x", ylabel="y")
        ax.legend(loc="upper left", fontsize=8)
        title = ax.set_title(" ")
        style.loss_contours(surface_ax, slopes, intercepts, surface)
        surface_ax.plot(*best, "*", ms=14, color=style.PALETTE["yellow"], mec="black",
                        label="lowest loss")
        (here,) = surface_ax.plot([], [], "o", ms=9, color=style.PALETTE["vermillion"],
                                  mec="white", mew=1.5, label="your line")
        surface_ax.set(xlabel="slope", ylabel="intercept", title="the loss surface (MSE)")
        surface_ax.legend(loc="upper right", fontsize=8)
        moving = [line, residuals, title, here]

        def update(slope: float, intercept: float) -> None:
            fitted = slope * x + intercept
            line.set_data(x_span, slope * x_span + intercept)
            residuals.set_segments([[(xi, yi), (xi, fi)] for xi, yi, fi in zip(x, y, fitted,
                                                                               strict=True)])
            title.set_text(f"slope {slope:.2f}, intercept {intercept:.2f}:  "
                           f"MSE = {losses.line_mse(x, y, slope, intercept):.3f}")
            here.set_data([slope], [intercept])

        return fig, moving, update

    controls = {
        "slope": slider("slope", slope, *slope_range, 0.05),
        "intercept": slider("intercept", intercept, *intercept_range, 0.05),
    }
    return Explorer(scene, controls, "fitting a line by hand on the loss surface")
