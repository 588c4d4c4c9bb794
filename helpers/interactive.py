"""Interactive figures: sliders over a picture that redraws in place.

Every explorer here is built the same way, so a reader who understands one understands all:

1. a ``scene()`` function draws the figure once and returns it with the artists that move and
   an ``update(**slider values)`` function, which asks a pure function in the maths modules for
   the numbers and moves those artists (``set_data``, ``set_text``) — no new figure;
2. ``LiveFigure`` keeps the still parts as a saved background and redraws only the movers;
3. ``Explorer`` puts the sliders above an ``ipywidgets.Image`` of fixed size and, whenever a
   slider moves, calls ``update`` and swaps in the new picture.

``explorer.snapshot()`` shows the starting picture as an ordinary image, for readers without a
running kernel (GitHub, a printed page).
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping

import ipywidgets as widgets
import numpy as np
from IPython.display import Image as StaticImage
from matplotlib.artist import Artist
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from traitlets import TraitError

from . import (
    _validate,
    data,
    descent,
    learning_rate,
    losses,
    network,
    perceptron,
    plots,
    training,
)
from .live import LiveFigure

# What an explorer's scene function returns: the figure, its moving artists, and update.
Scene = Callable[[], tuple[Figure, list[Artist], Callable[..., None]]]

SLIDER_LAYOUT = {"width": "430px"}
SLIDER_STYLE = {"description_width": "110px"}
# Every explorer redraws on each slider move and draws every step, so its step count is kept
# to what a picture can show and a slider can reach.
MAX_EXPLORER_STEPS = 1_000


# --- Checks at the edge (ranges and starting values) ----------------------------------------


def _range(value: object, name: str, log: bool = False) -> tuple[float, float]:
    """A slider's or an axis's (low, high); for a logarithmic slider both must be positive."""
    low, high = _validate.interval(value, name)
    if not np.isfinite(high - low):
        raise ValueError(f"{name} is too wide to draw: ({low:g}, {high:g})")
    if log and low <= 0:
        raise ValueError(f"{name} is a logarithmic slider's range, so both ends should be "
                         f"positive, got ({low:g}, {high:g})")
    return low, high


def _within(value: object, name: str, low: float, high: float) -> float:
    """A starting value that lies on its slider: the slider would silently clamp it."""
    result = _validate.number(value, name)
    if not low <= result <= high:
        shown = f"{value}" if isinstance(value, numbers.Integral) else f"{result:g}"
        raise ValueError(f"{name} should be between {low:g} and {high:g} (the slider's range), "
                         f"got {shown}")
    return result


def _whole(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} should be a whole number, got {value!r}")
    return int(value)


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} should be a string, got {type(value).__name__}")
    return value


def _curve(f: Callable, xs: np.ndarray, name: str) -> np.ndarray:
    """f over the points xs, checked: one finite number per point (so the axes can fit it)."""
    try:
        with np.errstate(all="ignore"):
            ys = np.asarray(f(xs))
    except (TypeError, ValueError, ArithmeticError, IndexError) as error:
        raise TypeError(f"{name} should take a numpy array of values and return one number per "
                        f"value; calling it on an array raised {type(error).__name__}: {error}"
                        ) from None
    if ys.shape != xs.shape or ys.dtype.kind not in "biuf":
        raise ValueError(f"{name} should return one real number per input value (shape "
                         f"{xs.shape}), got {ys.dtype} values of shape {ys.shape}")
    if not np.all(np.isfinite(ys)):
        raise ValueError(f"{name} gives NaN or infinity between {xs[0]:g} and {xs[-1]:g}; "
                         "it must be finite over the whole range drawn")
    return ys.astype(float)


def _network(net: object, name: str = "net") -> network.Network:
    if not isinstance(net, network.Network):
        raise TypeError(f"{name} should be a network.Network, got {type(net).__name__}")
    return net


def slider(description: str, value: float, low: float, high: float, step: float,
           readout_format: str = ".2f") -> widgets.FloatSlider:
    """A labelled slider for a number between `low` and `high`."""
    _text(description, "description")
    _text(readout_format, "readout_format")
    low, high = _range((_validate.number(low, "low"), _validate.number(high, "high")),
                       "(low, high)")
    value = _within(value, "value", low, high)
    step = _validate.positive(step, "step")
    try:
        return widgets.FloatSlider(
            value=value, min=low, max=high, step=step, description=description,
            readout_format=readout_format, continuous_update=True,
            layout=SLIDER_LAYOUT, style=SLIDER_STYLE,
        )
    except TraitError:  # every other argument is checked above
        raise ValueError(f"readout_format should be a number format like '.2f', got "
                         f"{readout_format!r}") from None


def int_slider(description: str, value: int, low: int, high: int) -> widgets.IntSlider:
    """A labelled slider for a whole number between `low` and `high`."""
    _text(description, "description")
    low, high = _whole(low, "low"), _whole(high, "high")
    if not low < high:
        raise ValueError(f"(low, high) should have low < high, got ({low}, {high})")
    value = int(_within(_whole(value, "value"), "value", low, high))
    return widgets.IntSlider(
        value=value, min=low, max=high, step=1, description=description,
        continuous_update=True, layout=SLIDER_LAYOUT, style=SLIDER_STYLE,
    )


def log_slider(description: str, value: float, low: float, high: float,
               steps_per_decade: int = 20) -> widgets.FloatLogSlider:
    """A slider that moves in equal ratios between `low` and `high` (a learning rate)."""
    _text(description, "description")
    low, high = _range((_validate.number(low, "low"), _validate.number(high, "high")),
                       "(low, high)", log=True)
    value = _within(value, "value", low, high)
    steps_per_decade = _validate.count(steps_per_decade, "steps_per_decade", maximum=1_000)
    return widgets.FloatLogSlider(
        value=value, base=10, min=np.log10(low), max=np.log10(high),
        step=1 / steps_per_decade, description=description, readout_format=".3g",
        continuous_update=True, layout=SLIDER_LAYOUT, style=SLIDER_STYLE,
    )


class Explorer(widgets.VBox):
    """Sliders above a picture; moving a slider redraws only what changed.

    scene: a function that draws the figure and returns (figure, the artists that move,
    update), where update(**slider values) moves those artists; controls: the sliders, by the
    names update takes; name: what the figure shows.
    """

    def __init__(self, scene: Scene, controls: Mapping[str, widgets.ValueWidget], name: str):
        self.scene = scene
        fig, moving, self._update = scene()
        self.live = LiveFigure(fig, moving)
        self.controls = dict(controls)
        self.name = name
        width, height = self.live.size
        self.image = widgets.Image(
            format="png", layout=widgets.Layout(width=f"{width}px", height=f"{height}px")
        )
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        super().__init__(children=[*self.controls.values(), self.image])
        self.redraw()
        self._first_frame = bytes(self.image.value)

    def values(self) -> dict[str, float]:
        """The sliders' current values, by name."""
        return {key: control.value for key, control in self.controls.items()}

    def redraw(self) -> None:
        """Move the artists for the current slider values and show the new picture."""
        self._update(**self.values())
        self.image.value = self.live.render()

    def _on_change(self, change: dict) -> None:
        self.redraw()

    def snapshot(self) -> StaticImage:
        """The picture at the sliders' starting values, as an ordinary image output."""
        return StaticImage(data=self._first_frame, format="png")

    def __repr__(self) -> str:
        # Shown where no live widget can be (GitHub, a terminal, a notebook not yet run).
        return f"[interactive figure: {self.name} — run this cell in JupyterLab to drag it]"


# --- Notebook 01: the perceptron -----------------------------------------------------------


def _misclassified_xy(X: np.ndarray, wrong: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return X[wrong, 0], X[wrong, 1]


def decision_line_explorer(X: np.ndarray, y: np.ndarray, w: tuple[float, float] = (1.0, 1.0),
                           b: float = -1.5, limits: tuple[float, float] = (-3.0, 3.0)
                           ) -> Explorer:
    """Sliders for w₁, w₂ and b move the line w₁x₁ + w₂x₂ + b = 0 over the points. Notebook 01.

    X: (n, 2) inputs, y: (n,) 0/1 targets. The side the neuron calls 1 is shaded, wrong points
    are circled in red, and the title counts them.
    """
    X = _validate.points(X, columns=2)
    y = _validate.labels(y, X.shape[0])
    weights = _validate.array(w, "w", ndim=1)
    if weights.shape != (2,):
        raise ValueError(f"w should hold two weights (w1, w2), got shape {weights.shape}")
    w1, w2 = (_within(v, "w", -3, 3) for v in weights)
    b = _within(b, "b", -4, 4)
    limits = _range(limits, "limits")

    def scene():
        fig, (ax,) = plots.new_figure(5.2, 4.6)
        ax.set(xlim=limits, ylim=limits, xlabel="input x₁", ylabel="input x₂", aspect="equal")
        _, _, cells = data.grid(limits, limits, resolution=80)
        shade = plots.region_image(ax, np.zeros((80, 80)), limits, limits, alpha=0.8)
        dots = plots.scatter_classes(ax, X, y, size=50)
        (line,) = ax.plot([], [], color=plots.PALETTE["black"], lw=2.5, label="decision line")
        (wrong_marks,) = ax.plot([], [], "o", ms=14, mfc="none", mec=plots.PALETTE["vermillion"],
                                 mew=2.5, label="misclassified")
        title = ax.set_title(" ")
        ax.legend(loc="upper left", fontsize=8, ncols=2, bbox_to_anchor=(0, -0.12))
        # The dots move with the shading so they stay on top of it.
        moving = [shade, *dots, line, wrong_marks, title]

        def update(w1: float, w2: float, b: float) -> None:
            weights = np.array([w1, w2])
            shade.set_data(perceptron.predict(cells, weights, b).reshape(80, 80))
            line.set_data(*perceptron.decision_line(weights, b, limits))
            wrong = perceptron.predict(X, weights, b) != y
            wrong_marks.set_data(*_misclassified_xy(X, wrong))
            count = int(wrong.sum())
            title.set_text("every point is on the right side ✓" if count == 0
                           else f"{count} point{'s' * (count != 1)} misclassified")

        return fig, moving, update

    controls = {
        "w1": slider("weight w₁", w1, -3, 3, 0.1),
        "w2": slider("weight w₂", w2, -3, 3, 0.1),
        "b": slider("bias b", b, -4, 4, 0.1),
    }
    return Explorer(scene, controls, "a perceptron's decision line")


def _history(history: object, n: int) -> None:
    """A PerceptronHistory learned on these n two-input points, with rows that agree."""
    if not isinstance(history, perceptron.PerceptronHistory):
        raise TypeError("history should be a perceptron.PerceptronHistory (from "
                        f"perceptron.learn), got {type(history).__name__}")
    rows = len(history.biases)
    shapes = (np.shape(history.weights), np.shape(history.biases), np.shape(history.point),
              np.shape(history.mistakes))
    if rows < 1 or shapes != ((rows, 2), (rows,), (rows,), (rows,)):
        raise ValueError("history should hold one row per update for a two-input perceptron "
                         f"(weights (k+1, 2), biases, point, mistakes (k+1,)), got shapes {shapes}")
    point = np.asarray(history.point)
    if point.dtype.kind not in "iu" or np.any(point < -1) or np.any(point >= n):
        raise ValueError(f"history refers to points that X does not have (X has {n} rows); "
                         "pass the X and y it was learned on")


def perceptron_rule_explorer(X: np.ndarray, y: np.ndarray,
                             history: perceptron.PerceptronHistory,
                             limits: tuple[float, float] = (-3.0, 3.0)) -> Explorer:
    """A slider over the update number replays the perceptron learning rule. Notebook 01.

    Left: the points and the line after that many updates, the point that caused the last
    update ringed. Right: misclassified points against update number, with a marker at the
    current update.
    """
    X = _validate.points(X, columns=2)
    y = _validate.labels(y, X.shape[0])
    _history(history, X.shape[0])
    limits = _range(limits, "limits")

    def scene():
        fig, (ax, curve_ax) = plots.new_figure(9.0, 4.0, ncols=2)
        ax.set(xlim=limits, ylim=limits, xlabel="input x₁", ylabel="input x₂", aspect="equal")
        plots.scatter_classes(ax, X, y, size=35)
        (line,) = ax.plot([], [], color=plots.PALETTE["black"], lw=2.5)
        (ring,) = ax.plot([], [], "o", ms=15, mfc="none", mec=plots.PALETTE["vermillion"], mew=2.5,
                          label="the point that moved the line")
        ax.legend(loc="lower right", fontsize=8)
        title = ax.set_title(" ", fontsize=10)
        steps = np.arange(history.updates + 1)
        curve_ax.plot(steps, history.mistakes, color=plots.PALETTE["blue"], marker=".",
                      drawstyle="steps-post")
        curve_ax.set(xlabel="update number", ylabel="misclassified points",
                     title="misclassified points after each update",
                     ylim=(-0.5, max(history.mistakes) + 0.5))
        curve_ax.yaxis.get_major_locator().set_params(integer=True)
        curve_ax.xaxis.get_major_locator().set_params(integer=True)
        (now,) = curve_ax.plot([], [], "o", ms=10, color=plots.PALETTE["vermillion"])
        moving = [line, ring, title, now]

        def update(update: int) -> None:
            line.set_data(*perceptron.decision_line(history.weights[update], history.biases[update],
                                                    limits))
            point = history.point[update]
            ring.set_data(([X[point, 0]], [X[point, 1]]) if point >= 0 else ([], []))
            now.set_data([update], [history.mistakes[update]])
            w1, w2 = history.weights[update]
            title.set_text(f"update {update}:  w = ({w1:.2f}, {w2:.2f}),  b = "
                           f"{history.biases[update]:.2f}  →  {history.mistakes[update]} wrong")

        return fig, moving, update

    controls = {"update": int_slider("update number", 0, 0, history.updates)}
    return Explorer(scene, controls, "the perceptron learning rule, update by update")


# --- Notebook 02: layers -------------------------------------------------------------------


def hidden_units_explorer(net: network.Network, X: np.ndarray, y: np.ndarray,
                          limits: tuple[float, float] = (-0.5, 1.5)) -> Explorer:
    """Sliders for hidden neuron 1 of a 2-2-1 network show how the hidden boundaries combine
    into the network's decision region. Notebook 02.

    Left: the input space, shaded by the network's output, with each hidden neuron's line
    (neuron 1 solid and moving, neuron 2 dashed). Right: the same points in the hidden layer's
    space (h₁, h₂), with the output neuron's line.
    """
    if _network(net).sizes != (2, 2, 1):
        raise ValueError(f"net should be a 2-2-1 network, got {net.sizes}")
    for value in (*net.layers[0].W[:, 0], net.layers[0].b[0]):
        if not -20 <= value <= 20:
            raise ValueError("net's hidden neuron 1 weights and bias should be between -20 and 20 "
                             f"(the sliders' range), got {value:g}")
    X = _validate.points(X, columns=2)
    y = _validate.labels(y, X.shape[0])
    limits = _range(limits, "limits")
    net = net.copy()
    hidden, output = net.layers
    resolution = 80
    _, _, cells = data.grid(limits, limits, resolution)

    def scene():
        fig, (ax, hidden_ax) = plots.new_figure(9.0, 4.3, ncols=2)
        ax.set(xlim=limits, ylim=limits, xlabel="input x₁", ylabel="input x₂", aspect="equal",
               title="input space: the network's decision region")
        region = plots.region_image(ax, np.zeros((resolution, resolution)), limits, limits)
        dots = plots.scatter_classes(ax, X, y, size=90)
        (line1,) = ax.plot([], [], color=plots.PALETTE["black"], lw=2, label="hidden neuron 1")
        (line2,) = ax.plot(*perceptron.decision_line(hidden.W[:, 1], hidden.b[1], limits),
                           color=plots.PALETTE["purple"], lw=2, ls="--", label="hidden neuron 2")
        ax.legend(loc="upper center", fontsize=8, ncols=2, bbox_to_anchor=(0.5, -0.14))
        space = (-0.1, 1.1)
        hidden_ax.set(xlim=space, ylim=space, aspect="equal", xlabel="hidden neuron 1 output h₁",
                      ylabel="hidden neuron 2 output h₂")
        hidden_ax.plot(*perceptron.decision_line(output.W[:, 0], output.b[0], space),
                       color=plots.PALETTE["green"], lw=2, label="output neuron's line")
        mapped = [hidden_ax.plot([], [], plots.CLASS_MARKERS[label], ms=11,
                                 color=plots.CLASS_COLORS[label], mec="black", mew=0.6,
                                 label=f"class {label}")[0] for label in (0, 1)]
        hidden_ax.legend(loc="upper center", fontsize=8, ncols=3, bbox_to_anchor=(0.5, -0.14))
        title = hidden_ax.set_title(" ")
        # Whatever lies on top of the moving region must be redrawn with it.
        moving = [region, *dots, line1, line2, *mapped, title]

        def update(w1: float, w2: float, b: float) -> None:
            hidden.W[:, 0] = (w1, w2)
            hidden.b[0] = b
            region.set_data(net.predict(cells).reshape(resolution, resolution))
            line1.set_data(*perceptron.decision_line(hidden.W[:, 0], b, limits))
            H = hidden.forward(X)
            for label, artist in zip((0, 1), mapped, strict=True):
                artist.set_data(H[y == label, 0], H[y == label, 1])
            right = int(np.sum((net.predict(X) >= 0.5) == (y == 1)))
            title.set_text(f"hidden space: output right on {right} of {len(y)} points")

        return fig, moving, update

    controls = {
        "w1": slider("neuron 1: w₁", float(hidden.W[0, 0]), -20, 20, 0.5, ".1f"),
        "w2": slider("neuron 1: w₂", float(hidden.W[1, 0]), -20, 20, 0.5, ".1f"),
        "b": slider("neuron 1: b", float(hidden.b[0]), -20, 20, 0.5, ".1f"),
    }
    return Explorer(scene, controls, "how hidden neurons combine into a decision region")


# --- Notebook 03: loss ---------------------------------------------------------------------


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
        fig, (ax, surface_ax) = plots.new_figure(9.0, 4.0, ncols=2)
        ax.scatter(x, y, s=30, color=plots.PALETTE["blue"], edgecolors="black", linewidths=0.5,
                   zorder=3, label="data")
        x_span = np.array([x.min() - 0.1, x.max() + 0.1])
        (line,) = ax.plot([], [], color=plots.PALETTE["vermillion"], lw=2.5, label="your line")
        residuals = LineCollection([], colors=plots.PALETTE["grey"], linewidths=1.2,
                                   linestyles="dotted", label="residuals")
        ax.add_collection(residuals)
        pad = 0.15 * np.ptp(y) or 0.5  # all y equal: still a visible band
        ax.set(xlim=x_span, ylim=(y.min() - pad, y.max() + pad), xlabel="x", ylabel="y")
        ax.legend(loc="upper left", fontsize=8)
        title = ax.set_title(" ")
        plots.loss_contours(surface_ax, slopes, intercepts, surface)
        surface_ax.plot(*best, "*", ms=14, color=plots.PALETTE["yellow"], mec="black",
                        label="lowest loss")
        (here,) = surface_ax.plot([], [], "o", ms=9, color=plots.PALETTE["vermillion"],
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


# --- Notebook 04: gradient descent ---------------------------------------------------------


def tangent_explorer(f: Callable, f_slope: Callable, x: float = 1.0,
                     x_range: tuple[float, float] = (-4.0, 4.0)) -> Explorer:
    """A slider moves a point along the curve f with its tangent line; the title compares the
    exact slope f'(x) with the finite-difference one. Notebook 04."""
    f = _validate.function(f, "f")
    f_slope = _validate.function(f_slope, "f_slope")
    x_range = _range(x_range, "x_range")
    x = _within(x, "x", *x_range)
    xs = np.linspace(*x_range, 400)
    ys = _curve(f, xs, "f")
    _curve(f_slope, xs, "f_slope")

    def scene():
        fig, (ax,) = plots.new_figure(6.4, 4.0)
        ax.plot(xs, ys, color=plots.PALETTE["blue"], label="f(x)")
        pad = 0.15 * np.ptp(ys) or 0.5  # a flat curve: still a visible band
        ax.set(xlim=x_range, ylim=(ys.min() - pad, ys.max() + pad), xlabel="x", ylabel="f(x)")
        (tangent,) = ax.plot([], [], color=plots.PALETTE["vermillion"], ls="--", label="tangent")
        (point,) = ax.plot([], [], "o", ms=9, color=plots.PALETTE["vermillion"], mec="black")
        ax.legend(loc="upper center")
        title = ax.set_title(" ", fontsize=10)
        moving = [tangent, point, title]

        def update(x: float) -> None:
            exact = float(f_slope(x))
            numerical = descent.numerical_derivative(f, x)
            span = np.array([x - 1.5, x + 1.5])
            tangent.set_data(span, f(x) + exact * (span - x))
            point.set_data([x], [f(x)])
            title.set_text(f"x = {x:.2f}:  exact slope {exact:+.6f},  numerical {numerical:+.6f}")

        return fig, moving, update

    controls = {"x": slider("point x", x, *x_range, 0.05)}
    return Explorer(scene, controls, "the slope of a curve as a tangent line")


def descent_1d_explorer(f: Callable, f_slope: Callable, lr: float, steps: int, start: float,
                        start_range: tuple[float, float] | None = None,
                        w_range: tuple[float, float] = (-2.0, 2.0)) -> Explorer:
    """Gradient descent on a curve, scrubbed step by step with a slider. Notebook 04.

    Left: the curve, the path so far and the current point. Right: the loss at each step.
    With `start_range`, a second slider moves the start point and the walk is redone.
    """
    f = _validate.function(f, "f")
    f_slope = _validate.function(f_slope, "f_slope")
    lr = _validate.positive(lr, "lr")
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    w_range = _range(w_range, "w_range")
    if start_range is None:
        start = _validate.number(start, "start")
    else:
        start_range = _range(start_range, "start_range")
        start = _within(start, "start", *start_range)
    ws = np.linspace(*w_range, 400)
    curve = _curve(f, ws, "f")
    _curve(f_slope, ws, "f_slope")
    pad = 0.1 * np.ptp(curve) or 0.5  # a flat curve: still a visible band
    loss_limits = (curve.min() - pad, curve.max() + pad)

    def scene():
        fig, (ax, loss_ax) = plots.new_figure(9.0, 3.8, ncols=2)
        ax.plot(ws, curve, color=plots.PALETTE["blue"])
        ax.set(xlim=w_range, ylim=loss_limits, xlabel="w", ylabel="loss J(w)")
        (trail,) = ax.plot([], [], "o-", ms=4, lw=1, color=plots.PALETTE["vermillion"], alpha=0.7)
        (point,) = ax.plot([], [], "o", ms=10, color=plots.PALETTE["vermillion"], mec="black")
        title = ax.set_title(" ", fontsize=10)
        loss_ax.set(xlim=(-0.5, steps + 0.5), ylim=loss_limits, xlabel="step",
                    ylabel="loss J(w)", title="the loss after each step")
        (loss_line,) = loss_ax.plot([], [], "o-", ms=3, lw=1.5, color=plots.PALETTE["blue"])
        (loss_point,) = loss_ax.plot([], [], "o", ms=9, color=plots.PALETTE["vermillion"])
        moving = [trail, point, title, loss_line, loss_point]
        walks: dict[float, descent.DescentResult] = {}

        def update(step: int, start: float = start) -> None:
            if start not in walks:
                walks.clear()  # keep only the walk being scrubbed
                walks[start] = descent.gradient_descent(f, f_slope, start, lr, steps)
            walk = walks[start]
            k = min(step, walk.steps)
            path = walk.path[: k + 1]
            trail.set_data(path, walk.losses[: k + 1])
            point.set_data([path[-1]], [walk.losses[k]])
            loss_line.set_data(np.arange(walk.steps + 1), walk.losses)
            loss_point.set_data([k], [walk.losses[k]])
            title.set_text(f"step {k}:  w = {float(path[-1]):+.3f},  J(w) = {walk.losses[k]:.3f},  "
                           f"slope {float(f_slope(path[-1])):+.3f}")

        return fig, moving, update

    controls = {}
    if start_range is not None:
        controls["start"] = slider("start w₀", start, *start_range, 0.05)
    controls["step"] = int_slider("step", 0, 0, steps)
    return Explorer(scene, controls, "gradient descent on a curve, step by step")


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


def training_explorer(result: training.TrainingResult, X: np.ndarray, y: np.ndarray,
                      limits: tuple[float, float] = (-2.0, 3.0), step: int | None = None
                      ) -> Explorer:
    """A slider over the training step shows the decision region as it was then, beside the
    falling loss curve. Notebook 04. `result` must hold snapshots (train(..., snapshot_every));
    the slider starts at `step` (default: the end of training)."""
    _training_result(result)
    if not result.snapshots:
        raise ValueError("result has no snapshots; train with snapshot_every=... to keep them")
    X = _validate.points(X, columns=2)
    y = _validate.labels(y, X.shape[0])
    limits = _range(limits, "limits")
    saved = sorted(result.snapshots)
    if step is not None:
        step = int(_within(_whole(step, "step"), "step", 0, saved[-1]))
    first = result.snapshots[saved[0]]

    def scene():
        fig, (ax, loss_ax) = plots.new_figure(9.0, 4.0, ncols=2)
        ax.set(xlim=limits, ylim=limits, xlabel="input x₁", ylabel="input x₂", aspect="equal")
        region = plots.region_image(ax, first, limits, limits)
        dots = plots.scatter_classes(ax, X, y, size=22)
        title = ax.set_title(" ", fontsize=10)
        steps = np.arange(len(result.losses))
        loss_ax.plot(steps, result.losses, color=plots.PALETTE["blue"])
        loss_ax.set(xlabel="training step", ylabel="loss (cross-entropy)", ylim=(0, None),
                    title="the loss falls as training goes on")
        (now,) = loss_ax.plot([], [], "o", ms=9, color=plots.PALETTE["vermillion"])
        moving = [region, *dots, title, now]

        def update(step: int) -> None:
            k = saved[int(np.searchsorted(saved, step, side="right")) - 1]
            region.set_data(result.snapshots[k])
            now.set_data([k], [result.losses[k]])
            title.set_text(f"after {k} steps: loss {result.losses[k]:.3f}")

        return fig, moving, update

    every = saved[1] - saved[0] if len(saved) > 1 else 1
    controls = {"step": widgets.IntSlider(
        value=saved[-1] if step is None else step, min=0, max=saved[-1], step=every,
        description="training step", continuous_update=True, layout=SLIDER_LAYOUT,
        style=SLIDER_STYLE)}
    return Explorer(scene, controls, "a network's decision region during training")


# --- Notebook 05: the learning rate --------------------------------------------------------

LR_LABEL = "learning rate η"


def quadratic_lr_explorer(curvature: float = 1.0, start: float = 1.5, steps: int = 30,
                          lr: float = 0.1, lr_range: tuple[float, float] = (1e-3, 10.0)
                          ) -> Explorer:
    """A logarithmic learning-rate slider on J(w) = ½·L·w². Notebook 05.

    Left: the parabola and the walk. Right: the loss at each step (log scale). The regime is
    named on the figure, beside the theory: converges when 0 < η < 2/L, one step at η = 1/L.
    """
    curvature = _validate.positive(curvature, "curvature")
    loss, grad = learning_rate.quadratic(curvature)
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    start = _validate.number(start, "start")
    lr_range = _range(lr_range, "lr_range", log=True)
    lr = _within(lr, "lr", *lr_range)
    w_limit = 2.5 * abs(start)
    with np.errstate(all="ignore"):
        top = loss(w_limit)
    if not 0 < top < 1e300:
        raise ValueError(f"start and curvature give a parabola that cannot be drawn (start = "
                         f"{start:g}, curvature = {curvature:g}, height {top:g}); start should "
                         "be a number other than 0, and the loss at 2.5·start finite")
    ws = np.linspace(-w_limit, w_limit, 300)

    def scene():
        fig, (ax, loss_ax) = plots.new_figure(9.0, 4.0, ncols=2)
        ax.plot(ws, [loss(w) for w in ws], color=plots.PALETTE["blue"])
        ax.set(xlim=(-w_limit, w_limit), ylim=(-0.05 * loss(w_limit), loss(w_limit)), xlabel="w",
               ylabel="J(w) = ½·L·w²")
        (trail,) = ax.plot([], [], "o-", ms=4, lw=1, color=plots.PALETTE["vermillion"])
        regime = ax.set_title(" ", fontsize=12, fontweight="bold")
        ax.text(0.5, 0.97, f"theory (L = {curvature:g}): converges when 0 < η < 2/L = "
                f"{2 / curvature:.3g}\none step to the bottom at η = 1/L = {1 / curvature:.3g}",
                transform=ax.transAxes, ha="center", va="top", fontsize=8,
                bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": plots.PALETTE["grey"]})
        loss_ax.set(yscale="log", xlim=(-0.5, steps + 0.5), ylim=(1e-12, 1e7), xlabel="step",
                    ylabel="loss J(w)", title="the loss at each step")
        loss_ax.axhline(loss(start), color=plots.PALETTE["grey"], lw=1, ls="--")
        (loss_line,) = loss_ax.plot([], [], "o-", ms=3, lw=1.5, color=plots.PALETTE["blue"])
        status = loss_ax.text(0.97, 0.95, " ", transform=loss_ax.transAxes, ha="right", va="top",
                              fontsize=9, bbox={"facecolor": "white", "alpha": 0.85,
                                                "edgecolor": plots.PALETTE["grey"]})
        moving = [trail, regime, loss_line, status]

        def update(lr: float) -> None:
            walk = descent.gradient_descent(loss, grad, start, lr, steps)
            name = learning_rate.classify_regime(walk)
            trail.set_data(walk.path, walk.losses)
            # The loss axis is logarithmic: an exact zero (η = 1/L) is drawn at its floor.
            loss_line.set_data(np.arange(len(walk.losses)), np.maximum(walk.losses, 1e-12))
            regime.set_text(f"η = {lr:.3g}: {name.upper()}")
            words = learning_rate.REGIME_WORDS[name].split(": ", 1)[1]
            status.set_text(words + "\n" + (
                f"diverged at step {walk.diverged_at}" if walk.diverged
                else f"after {walk.steps} steps: loss {walk.losses[-1]:.2g}"))

        return fig, moving, update

    controls = {"lr": log_slider(LR_LABEL, lr, *lr_range)}
    return Explorer(scene, controls, "the learning rate on a parabola")


def bowl_explorer(curvatures: tuple[float, float] = (1.0, 10.0), start=(-2.0, 1.0),
                  steps: int = 40, lr: float = 0.05, vary: str = "lr",
                  lr_range: tuple[float, float] = (1e-3, 1.0)) -> Explorer:
    """Gradient descent on an elongated bowl, drawn on its contour map. Notebook 05.

    vary="lr": a logarithmic learning-rate slider; the largest stable η is 2 / (the larger
    curvature). vary="momentum": a slider for momentum β at the fixed learning rate `lr`.
    """
    vary = _validate.choice(vary, "vary", ("lr", "momentum"))
    pair = _validate.array(curvatures, "curvatures", ndim=1)
    if pair.shape != (2,) or np.any(pair <= 0):
        raise ValueError(f"curvatures should be two positive numbers (L1, L2), got {curvatures!r}")
    curvatures = (float(pair[0]), float(pair[1]))
    loss, grad = learning_rate.bowl(curvatures)
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    start = _validate.array(start, "start", ndim=1)
    if start.shape != (2,):
        raise ValueError(f"start should be a point (w1, w2), got shape {start.shape}")
    lr_range = _range(lr_range, "lr_range", log=True)
    lr = _within(lr, "lr", *lr_range) if vary == "lr" else _validate.positive(lr, "lr")
    span = 1.25 * np.max(np.abs(start))
    with np.errstate(all="ignore"):
        grid_w1 = np.linspace(-span, span, 150)
        grid_w2 = np.linspace(-span / 2, span / 2, 100)
        surface = 0.5 * (curvatures[0] * grid_w1[None, :] ** 2
                         + curvatures[1] * grid_w2[:, None] ** 2)
    if not 0.01 < surface.max() < 1e300:
        raise ValueError(f"start and curvatures give a bowl that cannot be drawn (start = "
                         f"{start.tolist()}, curvatures = {curvatures}): its highest loss "
                         f"{surface.max():g} should be above 0.01 and finite")

    def scene():
        fig, (ax, loss_ax) = plots.new_figure(9.0, 3.6, ncols=2, width_ratios=(1.6, 1))
        ax.contour(grid_w1, grid_w2, surface, levels=np.geomspace(0.01, surface.max(), 12),
                   cmap=plots.LOSS_CMAP, linewidths=1)
        ax.plot(0, 0, "*", ms=13, color=plots.PALETTE["yellow"], mec="black")
        ax.set(xlim=(-span, span), ylim=(-span / 2, span / 2), aspect="equal",
               xlabel=f"w₁ (gentle, L₁ = {curvatures[0]:g})",
               ylabel=f"w₂ (steep, L₂ = {curvatures[1]:g})")
        ax.grid(False)
        (trail,) = ax.plot([], [], "o-", ms=3, lw=1.2, color=plots.PALETTE["vermillion"])
        title = ax.set_title(" ", fontsize=10)
        loss_ax.set(yscale="log", xlim=(-0.5, steps + 0.5), ylim=(1e-6, 1e5), xlabel="step",
                    ylabel="loss", title="the loss at each step")
        (loss_line,) = loss_ax.plot([], [], "o-", ms=2.5, lw=1.5, color=plots.PALETTE["blue"])
        moving = [trail, title, loss_line]
        threshold = 2 / max(curvatures)

        def update(lr: float = lr, momentum: float = 0.0) -> None:
            walk = descent.gradient_descent(loss, grad, start, lr, steps, momentum=momentum)
            trail.set_data(walk.path[:, 0], walk.path[:, 1])
            loss_line.set_data(np.arange(len(walk.losses)), np.maximum(walk.losses, 1e-12))
            if vary == "lr":
                what = (f"diverged at step {walk.diverged_at}" if walk.diverged
                        else learning_rate.classify_regime(walk))
                title.set_text(f"η = {lr:.3g}: {what}; largest stable η = 2/L₂ = "
                               f"{threshold:.3g}")
            elif walk.diverged:
                title.set_text(f"momentum β = {momentum:.2f}: {walk.message}")
            else:
                title.set_text(f"momentum β = {momentum:.2f}, η = {lr:g}: loss after {steps} "
                               f"steps {walk.losses[-1]:.2g}")

        return fig, moving, update

    if vary == "lr":
        controls = {"lr": log_slider(LR_LABEL, lr, *lr_range)}
    else:
        controls = {"momentum": slider("momentum β", 0.0, 0.0, 0.95, 0.05)}
    return Explorer(scene, controls, f"descent on an elongated bowl ({vary})")


def network_lr_explorer(net: network.Network, X: np.ndarray, y: np.ndarray, steps: int = 200,
                        lr: float = 0.3, lr_range: tuple[float, float] = (1e-3, 100.0),
                        limits: tuple[float, float] = (-1.5, 2.5), resolution: int = 50
                        ) -> Explorer:
    """A logarithmic learning-rate slider that retrains the network from the same start on every
    move: the decision region and the loss curve update, and divergence is said in words.
    Notebook 05."""
    if _network(net).sizes[0] != 2 or net.sizes[-1] != 1 \
            or net.layers[-1].activation != "sigmoid":
        raise ValueError("net should take two inputs and end in one sigmoid neuron, got "
                         f"{net} ending in {net.layers[-1].activation}")
    X = _validate.points(X, columns=2)
    y = _validate.labels(y, X.shape[0])
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    lr_range = _range(lr_range, "lr_range", log=True)
    lr = _within(lr, "lr", *lr_range)
    limits = _range(limits, "limits")
    resolution = _validate.count(resolution, "resolution", minimum=2,
                                 maximum=_validate.MAX_RESOLUTION)
    _, _, cells = data.grid(limits, limits, resolution)

    def scene():
        fig, (ax, loss_ax) = plots.new_figure(9.0, 4.0, ncols=2)
        ax.set(xlim=limits, ylim=limits, xlabel="input x₁", ylabel="input x₂", aspect="equal")
        region = plots.region_image(ax, np.full((resolution, resolution), 0.5), limits, limits)
        dots = plots.scatter_classes(ax, X, y, size=18)
        title = ax.set_title(" ", fontsize=10)
        loss_ax.set(xlim=(0, steps), ylim=(0, 1.5), xlabel="training step",
                    ylabel="loss (cross-entropy)")
        (loss_line,) = loss_ax.plot([], [], color=plots.PALETTE["blue"])
        status = loss_ax.set_title(" ", fontsize=10)
        moving = [region, *dots, title, loss_line, status]

        def update(lr: float) -> None:
            run = training.train(net, X, y, lr, steps)
            region.set_data(run.net.predict(cells).reshape(resolution, resolution))
            # A diverging loss leaves the chart at the top, where the eye expects it to go.
            loss_line.set_data(np.arange(len(run.losses)), np.minimum(run.losses, 1.49))
            title.set_text(f"η = {lr:.3g}: accuracy {training.accuracy(run.net, X, y):.0%}")
            status.set_text(
                f"diverged at step {run.diverged_at}: the loss blew up" if run.diverged
                else f"loss {run.losses[0]:.3f} → {run.losses[-1]:.3f} in {steps} steps")

        return fig, moving, update

    controls = {"lr": log_slider(LR_LABEL, lr, *lr_range)}
    return Explorer(scene, controls, "retraining a network as the learning rate moves")
