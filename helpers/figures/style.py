"""The look shared by every figure of the course: one palette, one style, drawing primitives.

The colours are the Okabe–Ito palette, chosen to stay distinct for colour-blind readers; classes
differ by marker shape as well as colour. Change a colour here and every figure follows.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from contextlib import contextmanager

import matplotlib as mpl
import numpy as np
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from .. import _validate, training
from .controls import _range

__all__ = ["CLASS_COLORS", "CLASS_MARKERS", "LINE_COLORS", "LINE_STYLES", "PALETTE", "apply_style",
           "loss_contours", "new_figure", "region_image", "scatter_classes", "style"]

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
# A loss surface: light blue where the loss is low, dark blue where it is high. One hue that
# only darkens reads the same to colour-blind readers, and its light end is not yellow, so the
# yellow star of the lowest loss and the vermillion markers stand out where they sit.
LOSS_CMAP = LinearSegmentedColormap.from_list(
    "loss", mpl.colormaps["Blues"](np.linspace(0.2, 0.95, 256)), N=256
)
# The lowest point of a loss: a yellow star edged in black, on light and dark ground alike.
LOWEST_MARKER = {"marker": "*", "ms": 15, "color": PALETTE["yellow"], "mec": "black",
                 "mew": 1.0, "ls": "none"}
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
    """An axis's (low, high), as a slider's range is checked (controls._range)."""
    return _range(value, name)


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


def loss_contours(ax: Axes, slopes: np.ndarray, intercepts: np.ndarray, surface: np.ndarray,
                  levels: int = 14, label: str = "MSE (lower is better)"):
    """Filled contours of a loss over (slope, intercept), spaced evenly in log(loss) so the
    valley floor shows detail, with a colour bar beside them titled `label`. Notebooks 03 and
    04."""
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
    if not isinstance(label, str):
        raise TypeError(f"label should be a string (the colour bar's title), got "
                        f"{type(label).__name__}")
    low, high = float(surface.min()), float(surface.max())
    if low < 0 or not high > max(low, 1e-3):
        raise ValueError("surface should be a loss: 0 or more everywhere and not flat (its "
                         f"highest value above its lowest and above 0.001), got {low:g} to "
                         f"{high:g}")
    edges = np.geomspace(max(low, 1e-3), high, levels)
    filled = ax.contourf(slopes, intercepts, surface, levels=edges, cmap=LOSS_CMAP,
                         norm=mpl.colors.LogNorm(), extend="min")
    ax.contour(slopes, intercepts, surface, levels=edges, colors=PALETTE["black"],
               linewidths=0.4, alpha=0.25)
    ax.grid(False)
    bar = ax.figure.colorbar(filled, ax=ax, label=label, pad=0.02)
    # Plain numbers (0.1, 0.2, 0.5, 1, 2 ...) rather than powers of ten: readable without a key.
    bar.set_ticks(_nice_ticks(edges[0], edges[-1]))
    bar.ax.yaxis.set_major_formatter(ticker.FormatStrFormatter("%g"))
    bar.ax.yaxis.set_minor_formatter(ticker.NullFormatter())
    return filled


def _nice_ticks(low: float, high: float) -> list[float]:
    """1, 2, 5 times powers of ten between low and high, thinned to at most six."""
    ticks = [m * 10.0**e for e in range(int(np.floor(np.log10(low))),
                                        int(np.ceil(np.log10(high))) + 1)
             for m in (1, 2, 5) if low <= m * 10.0**e <= high]
    while len(ticks) > 6:
        ticks = ticks[::2]
    return ticks or [low, high]


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
               "color": PALETTE["vermillion"]}
    return ax.text(0.03, 0.80, " ", va="top", **options), \
        ax.text(0.03, 0.03, " ", va="bottom", **options)


def _show_edges(edges: tuple, values: np.ndarray, low: float, high: float) -> str:
    """Set the edge texts for these losses; return the same words as one phrase."""
    for text, words in zip(edges, _beyond(values, low, high), strict=True):
        text.set_text(words or " ")
    return _off_chart(values, low, high)


def _strip_values(values, name: str, low: float = 0.0) -> np.ndarray:
    """One to four learning rates for a strip of small pictures, each above `low`."""
    if isinstance(values, str | bytes):
        raise TypeError(f"{name} should be a list of one to four learning rates, got {values!r}")
    rates = _validate.array(values, name, ndim=1)
    if rates.size == 0 or rates.size > 4 or np.any(rates <= low):
        raise ValueError(f"{name} should be one to four positive learning rates, got {values!r}")
    return rates


def _signed(value: float, digits: int = 2) -> str:
    """A number as the notebooks print it, with a true minus sign and no "−0.00"."""
    text = f"{value + 0.0:.{digits}f}"
    return text.replace("-", "−") if float(text) != 0 else f"{0:.{digits}f}"
