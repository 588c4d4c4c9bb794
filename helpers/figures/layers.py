"""Figures of notebook 02, layers: how hidden neurons combine into a decision region, and how a
few ReLU units added together bend a line into a curve."""

from __future__ import annotations

import io

import numpy as np

from .. import _validate, data, losses, network, perceptron
from . import style
from .live import (
    Explorer,
    Picture,
    _network,
    _range,
    slider,
)

# The most ReLU units a sum is drawn with: two sliders each, and at most six sliders.
MAX_RELU_UNITS = 3
# The sliders' range for a unit's slope; its kink may lie anywhere over the data.
RELU_SLOPE_RANGE = (-3.0, 3.0)


def _signed(value: float, digits: int = 2) -> str:
    """A number as the notebooks print it, with a true minus sign and no "−0.00"."""
    text = f"{value + 0.0:.{digits}f}"
    return text.replace("-", "−") if float(text) != 0 else f"{0:.{digits}f}"


def _point(row: np.ndarray) -> str:
    return "(" + ", ".join(f"{v:g}" for v in row) + ")"


def line_words(w1: float, w2: float, b: float) -> str:
    """Where the line w₁x₁ + w₂x₂ + b = 0 lies, in words: where it crosses the axes."""
    if w1 == 0 and w2 == 0:
        return "has no line (both weights are 0), so it outputs the same for every point"
    if w1 == 0:
        return f"draws a level line at x₂ = {_signed(-b / w2)}"
    if w2 == 0:
        return f"draws an upright line at x₁ = {_signed(-b / w1)}"
    return (f"draws a line crossing the x₁ axis at {_signed(-b / w1)} and the x₂ axis at "
            f"{_signed(-b / w2)}")


def outcome_words(net: network.Network, X: np.ndarray, y: np.ndarray) -> str:
    """How many points the network gets right (output ≥ 0.5 for class 1), and which it misses."""
    wrong = (net.predict(X) >= 0.5) != (y == 1)
    words = f"the network gets {int(np.sum(~wrong))} of {len(y)} points right"
    if wrong.any():
        words += ", wrong on " + " and ".join(_point(row) for row in X[wrong])
    return words


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
        fig, (ax, hidden_ax) = style.new_figure(9.0, 4.3, ncols=2)
        ax.set(xlim=limits, ylim=limits, xlabel="input x₁", ylabel="input x₂", aspect="equal",
               title="input space: the network's decision region")
        region = style.region_image(ax, np.zeros((resolution, resolution)), limits, limits)
        dots = style.scatter_classes(ax, X, y, size=90)
        (line1,) = ax.plot([], [], color=style.PALETTE["black"], lw=2, label="hidden neuron 1")
        (line2,) = ax.plot(*perceptron.decision_line(hidden.W[:, 1], hidden.b[1], limits),
                           color=style.PALETTE["purple"], lw=2, ls="--", label="hidden neuron 2")
        ax.legend(loc="upper center", fontsize=8, ncols=2, bbox_to_anchor=(0.5, -0.14))
        space = (-0.1, 1.1)
        hidden_ax.set(xlim=space, ylim=space, aspect="equal", xlabel="hidden neuron 1 output h₁",
                      ylabel="hidden neuron 2 output h₂")
        hidden_ax.plot(*perceptron.decision_line(output.W[:, 0], output.b[0], space),
                       color=style.PALETTE["green"], lw=2, label="output neuron's line")
        mapped = [hidden_ax.plot([], [], style.CLASS_MARKERS[label], ms=11,
                                 color=style.CLASS_COLORS[label], mec="black", mew=0.6,
                                 label=f"class {label}")[0] for label in (0, 1)]
        hidden_ax.legend(loc="upper center", fontsize=8, ncols=3, bbox_to_anchor=(0.5, -0.14))
        title = hidden_ax.set_title(" ")
        # Whatever lies on top of the moving region must be redrawn with it.
        moving = [region, *dots, line1, line2, *mapped, title]

        def update(w1: float, w2: float, b: float) -> str:
            hidden.W[:, 0] = (w1, w2)
            hidden.b[0] = b
            region.set_data(net.predict(cells).reshape(resolution, resolution))
            line1.set_data(*perceptron.decision_line(hidden.W[:, 0], b, limits))
            H = hidden.forward(X)
            for label, artist in zip((0, 1), mapped, strict=True):
                artist.set_data(H[y == label, 0], H[y == label, 1])
            right = int(np.sum((net.predict(X) >= 0.5) == (y == 1)))
            title.set_text(f"hidden space: output right on {right} of {len(y)} points")
            return (f"Hidden neuron 1 (w₁ = {_signed(w1, 1)}, w₂ = {_signed(w2, 1)}, "
                    f"b = {_signed(b, 1)}) {line_words(w1, w2, b)}; "
                    f"{outcome_words(net, X, y)}.")

        return fig, moving, update

    controls = {
        "w1": slider("neuron 1: w₁", float(hidden.W[0, 0]), -20, 20, 0.5, ".1f"),
        "w2": slider("neuron 1: w₂", float(hidden.W[1, 0]), -20, 20, 0.5, ".1f"),
        "b": slider("neuron 1: b", float(hidden.b[0]), -20, 20, 0.5, ".1f"),
    }
    return Explorer(scene, controls, "how hidden neurons combine into a decision region")


def state_picture(explorer: Explorer, **values: float) -> Picture:
    """The explorer's picture and words with some sliders moved to `values`, as a static
    picture; the sliders are then moved back. Notebook 02 shows a state its prose describes."""
    if not isinstance(explorer, Explorer):
        raise TypeError(f"explorer should be an Explorer, got {type(explorer).__name__}")
    start = explorer.values()
    for name, value in values.items():
        if name not in start:
            raise ValueError(f"{name} is not one of the explorer's sliders ({', '.join(start)})")
        control = explorer.controls[name]
        number = _validate.number(value, name)
        if not control.min <= number <= control.max:
            raise ValueError(f"{name} should be between {control.min:g} and {control.max:g} "
                             f"(the slider's range), got {number:g}")
    try:
        for name, value in values.items():
            explorer.controls[name].value = value
        return Picture(bytes(explorer.image.value), explorer.caption.value)
    finally:
        for name, value in start.items():
            explorer.controls[name].value = value


# --- Sums of ReLUs: a few bends make a curve ----------------------------------------------------


def _relu_units(slopes: object, kinks: object) -> tuple[np.ndarray, np.ndarray]:
    slopes = _validate.array(slopes, "slopes", ndim=1)
    kinks = _validate.array(kinks, "kinks", ndim=1)
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
    intercept = _validate.number(intercept, "intercept")
    hidden = network.Dense(np.ones((1, slopes.size)), -kinks, "relu")
    output = network.Dense(slopes.reshape(-1, 1), np.array([intercept]), "identity")
    return network.Network([hidden, output])


def relu_sum(x: object, slopes: object, kinks: object, intercept: float = 0.0) -> np.ndarray:
    """The sum of ReLU units (see relu_sum_network) at the points x: (n,) → (n,)."""
    x = _validate.array(x, "x", ndim=1)
    return relu_sum_network(slopes, kinks, intercept).predict(x.reshape(-1, 1))


def relu_sum_mse(x: object, y: object, slopes: object, kinks: object,
                 intercept: float = 0.0) -> float:
    """The mean squared error of the sum of ReLU units as a fit of the points (x, y)."""
    x = _validate.array(x, "x", ndim=1)
    return losses.mse(y, relu_sum(x, slopes, kinks, intercept))


def _relu_data(x: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    x = _validate.array(x, "x", ndim=1)
    y = _validate.array(y, "y", ndim=1)
    if x.shape != y.shape or x.size < 2:
        raise ValueError(f"x and y should hold the same number of points, at least 2, got "
                         f"{x.size} and {y.size}")
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
    intercept = _validate.number(intercept, "intercept")
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
    # PNG bytes rendered here: Picture's own rendering passes bbox_inches to print_png, which
    # matplotlib's Agg canvas refuses.
    out = io.BytesIO()
    fig.savefig(out, format="png", bbox_inches="tight")
    return Picture(out.getvalue(), caption)


def relu_sum_explorer(x: object, y: object, slopes: object, kinks: object,
                      intercept: float = 0.0) -> Explorer:
    """Sliders for each ReLU unit's slope and kink bend a line into a curve through the points
    (x, y); the title and the text line say the mean squared error of the fit. Notebook 02."""
    x, y = _relu_data(x, y)
    slopes, kinks = _relu_units(slopes, kinks)
    intercept = _validate.number(intercept, "intercept")
    xlim, ylim = _relu_axes(x, y)
    for name, values, (low, high) in (("slopes", slopes, RELU_SLOPE_RANGE), ("kinks", kinks, xlim)):
        outside = values[(values < low) | (values > high)]
        if outside.size:
            raise ValueError(f"{name} should lie between {low:g} and {high:g} (the sliders' "
                             f"range), got {outside[0]:g}")
    controls = {}
    for i, (s, k) in enumerate(zip(slopes, kinks, strict=True), start=1):
        controls[f"slope{i}"] = slider(f"unit {i}: slope", float(s), *RELU_SLOPE_RANGE, 0.05)
        controls[f"kink{i}"] = slider(f"unit {i}: kink", float(k), *xlim, 0.05)
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
