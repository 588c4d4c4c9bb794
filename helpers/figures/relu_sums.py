"""Figures of notebook 02 on sums of ReLU units: a few bends make a curve. The network of such
a sum, its curve and error, a strip of fits and the explorer. Notebook 02 reaches them through
`layers`."""

from __future__ import annotations

import numpy as np

from .. import _validate, losses, network
from . import style
from .controls import _moderate, _range, _slider
from .live import Explorer, Picture
from .style import _png, _signed

# The most ReLU units a sum is drawn with: two sliders each, and at most six sliders.
MAX_RELU_UNITS = 3
# The sliders' range for a unit's slope; its kink may lie anywhere over the data.
RELU_SLOPE_RANGE = (-3.0, 3.0)


def _relu_units(slopes: object, kinks: object) -> tuple[np.ndarray, np.ndarray]:
    slopes = _validate.array(_moderate(slopes, "slopes"), "slopes", ndim=1)
    kinks = _validate.array(_moderate(kinks, "kinks"), "kinks", ndim=1)
    if not 1 <= slopes.size <= MAX_RELU_UNITS:
        raise ValueError(f"slopes should hold 1 to {MAX_RELU_UNITS} numbers (one per unit), got "
                         f"{slopes.size}")
    if kinks.size != slopes.size:
        raise ValueError(f"kinks should hold one number per unit ({slopes.size}, like slopes), "
                         f"got {kinks.size}")
    return slopes, kinks


def relu_sum_network(slopes: object, kinks: object, intercept: float = 0.0) -> network.Network:
    """A 1 → k → 1 network that adds k ReLU units. Notebook 02.

    Hidden unit i computes relu(x − kinks[i]): 0 left of its kink, then a line of slope 1. The
    output layer (identity) adds them up, unit i weighted by slopes[i], plus `intercept`:

        f(x) = intercept + Σᵢ slopes[i] · relu(x − kinks[i])

    so at each kink the curve bends: its slope changes by that unit's slope.
    """
    slopes, kinks = _relu_units(slopes, kinks)
    intercept = _moderate(_validate.number(intercept, "intercept"), "intercept")
    hidden = network.Dense(np.ones((1, slopes.size)), -kinks, "relu")
    output = network.Dense(slopes.reshape(-1, 1), np.array([intercept]), "identity")
    return network.Network([hidden, output])


def relu_sum(x: object, slopes: object, kinks: object, intercept: float = 0.0) -> np.ndarray:
    """The sum of ReLU units (see relu_sum_network) at the points x: (n,) → (n,)."""
    x = _validate.array(_moderate(x, "x"), "x", ndim=1)
    return relu_sum_network(slopes, kinks, intercept).predict(x.reshape(-1, 1))


def relu_sum_mse(x: object, y: object, slopes: object, kinks: object,
                 intercept: float = 0.0) -> float:
    """The mean squared error of the sum of ReLU units as a fit of the points (x, y)."""
    x, y = _relu_data(x, y)
    return losses.mse(y, relu_sum(x, slopes, kinks, intercept))


def _relu_data(x: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    x, y = style._line_data(_moderate(x, "x"), _moderate(y, "y"))
    if np.ptp(x) == 0:
        raise ValueError("x should hold at least two different values, to draw a curve over")
    return x, y


def _relu_axes(x: np.ndarray, y: np.ndarray) -> tuple[tuple[float, float], tuple[float, float]]:
    """The x range of the data, and y limits with room above and below the points."""
    margin = 0.5 * max(np.ptp(y), 1.0)
    return (float(x.min()), float(x.max())), (float(y.min() - margin), float(y.max() + margin))


def _off_chart(xs: np.ndarray, ys: np.ndarray, edge: float, above: bool) -> np.ndarray:
    """Where the curve leaves the chart over (or under) `edge`: the x at which each stretch
    beyond it begins."""
    off = ys > edge if above else ys < edge
    starts = off & ~np.concatenate(([False], off[:-1]))
    return xs[starts]


def _draw_relu_panel(ax, x, y, xlim, ylim, title):
    """Axes with the points; returns the curve, the kink markers and the two edge markers."""
    ax.set(xlim=xlim, ylim=ylim, xlabel="x", ylabel="y", title=title)
    ax.scatter(x, y, s=28, c=style.PALETTE["sky"], marker="o", edgecolors="black",
               linewidths=0.6, zorder=2, label="points to fit")
    (curve,) = ax.plot([], [], color=style.PALETTE["vermillion"], lw=2.5, zorder=3,
                       label="sum of ReLU units")
    (bends,) = ax.plot([], [], "D", ms=8, color=style.PALETTE["black"], mfc="white", mew=1.5,
                       zorder=4, label="a unit's kink")
    # Arrows on the edge where the curve leaves the chart, pointing the way it went.
    (over,) = ax.plot([], [], "^", ms=11, color=style.PALETTE["vermillion"], mec="black",
                      mew=0.6, zorder=4, label="curve goes above the chart")
    (under,) = ax.plot([], [], "v", ms=11, color=style.PALETTE["vermillion"], mec="black",
                       mew=0.6, zorder=4, label="curve goes below the chart")
    return curve, bends, over, under


def _set_relu_curve(artists, slopes, kinks, intercept, xlim, ylim):
    curve, bends, over, under = artists
    xs = np.linspace(*xlim, 400)
    ys = relu_sum(xs, slopes, kinks, intercept)
    curve.set_data(xs, ys)
    # A kink off the chart is not drawn: the arrow on the edge already says the curve left.
    seen = (kinks >= xlim[0]) & (kinks <= xlim[1])
    at_kinks = relu_sum(kinks, slopes, kinks, intercept)
    seen &= (at_kinks >= ylim[0]) & (at_kinks <= ylim[1])
    bends.set_data(kinks[seen], at_kinks[seen])
    up = _off_chart(xs, ys, ylim[1], above=True)
    down = _off_chart(xs, ys, ylim[0], above=False)
    inside = 0.04 * (ylim[1] - ylim[0])  # just inside the edge, so the whole arrow shows
    over.set_data(up, np.full(up.shape, ylim[1] - inside))
    under.set_data(down, np.full(down.shape, ylim[0] + inside))


def _units_words(slopes: np.ndarray, kinks: np.ndarray) -> str:
    """What each unit adds, in words: "unit 1 adds slope −0.65 from x = −3.00, …"."""
    return ", ".join(f"unit {i + 1} adds slope {_signed(s)} from x = {_signed(k)}"
                     for i, (s, k) in enumerate(zip(slopes, kinks, strict=True)))


def relu_sums_strip(x: object, y: object, slopes: object, kinks: object,
                    intercept: float = 0.0) -> Picture:
    """The points (x, y) fitted by the first 1, 2, … k ReLU units, one panel each, with the
    mean squared error of each fit in its title: every unit added bends the line once more.
    Notebook 02."""
    x, y = _relu_data(x, y)
    slopes, kinks = _relu_units(slopes, kinks)
    intercept = _moderate(_validate.number(intercept, "intercept"), "intercept")
    xlim, ylim = _relu_axes(x, y)
    count = slopes.size
    errors = [relu_sum_mse(x, y, slopes[:k], kinks[:k], intercept) for k in range(1, count + 1)]
    fig, axes = style.new_figure(3.3 * count, 3.4, ncols=count)
    for k, (ax, error) in enumerate(zip(axes, errors, strict=True), start=1):
        units = "1 unit" if k == 1 else f"{k} units"
        artists = _draw_relu_panel(ax, x, y, xlim, ylim, f"{units}: MSE {error:.3f}")
        _set_relu_curve(artists, slopes[:k], kinks[:k], intercept, xlim, ylim)
        if k > 1:
            ax.set_ylabel("")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=3, fontsize=8)
    steps = ", ".join(f"{error:.3f} with {k}" for k, error in enumerate(errors, start=1))
    caption = (f"Adding ReLU units one at a time ({_units_words(slopes, kinks)}; intercept "
               f"{_signed(intercept)}), the mean squared error of the fit falls: {steps} "
               f"unit{'s' if count > 1 else ''}.")
    return Picture(_png(fig), caption)


def relu_sum_explorer(x: object, y: object, slopes: object, kinks: object,
                      intercept: float = 0.0) -> Explorer:
    """Sliders for each ReLU unit's slope and kink bend a line into a curve through the points
    (x, y); the title and the text line say the mean squared error of the fit. Notebook 02."""
    x, y = _relu_data(x, y)
    slopes, kinks = _relu_units(slopes, kinks)
    intercept = _moderate(_validate.number(intercept, "intercept"), "intercept")
    xlim, ylim = _relu_axes(x, y)
    _range(xlim, "x", step=0.05)  # each kink's slider spans the points' x, in steps of 0.05
    for name, values, (low, high) in (("slopes", slopes, RELU_SLOPE_RANGE), ("kinks", kinks, xlim)):
        outside = values[(values < low) | (values > high)]
        if outside.size:
            raise ValueError(f"{name} should lie between {low:g} and {high:g} (the sliders' "
                             f"range), got {outside[0]:g}")
    controls = {}
    for i, (s, k) in enumerate(zip(slopes, kinks, strict=True), start=1):
        controls[f"slope{i}"] = _slider(f"unit {i}: slope", float(s), *RELU_SLOPE_RANGE, 0.05)
        controls[f"kink{i}"] = _slider(f"unit {i}: kink", float(k), *xlim, 0.05)
    count = slopes.size

    def scene():
        fig, (ax,) = style.new_figure(6.0, 4.0)
        artists = _draw_relu_panel(ax, x, y, xlim, ylim, " ")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
        title = ax.title

        def update(**values: float) -> str:
            now_slopes = np.array([values[f"slope{i}"] for i in range(1, count + 1)])
            now_kinks = np.array([values[f"kink{i}"] for i in range(1, count + 1)])
            _set_relu_curve(artists, now_slopes, now_kinks, intercept, xlim, ylim)
            error = relu_sum_mse(x, y, now_slopes, now_kinks, intercept)
            title.set_text(f"{count} ReLU units added up: MSE {error:.3f}")
            words = _units_words(now_slopes, now_kinks)
            return (f"{words[0].upper()}{words[1:]}; the mean squared error of the fit is "
                    f"{error:.3f}.")

        return fig, [*artists, title], update

    return Explorer(scene, controls, "a sum of ReLU units bending a line into a curve")
