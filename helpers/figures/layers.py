"""Figures of notebook 02, layers: how hidden neurons combine into a decision region. The sums of
ReLU units (a few bends make a curve) are in `relu_sums`, and re-exported here, as the notebook
calls every figure from this module."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import _validate, data, network, perceptron
from . import style
from .controls import _network, _range, _slider
from .live import Explorer, Picture
from .relu_sums import (
    relu_sum,
    relu_sum_explorer,
    relu_sum_mse,
    relu_sum_network,
    relu_sums_strip,
)
from .style import _signed

__all__ = [
    "hidden_units_explorer",
    "relu_sum",
    "relu_sum_explorer",
    "relu_sum_mse",
    "relu_sum_network",
    "relu_sums_strip",
    "state_picture",
]


def _point(row: np.ndarray) -> str:
    return "(" + ", ".join(f"{v:g}" for v in row) + ")"


def _line_words(w1: float, w2: float, b: float) -> str:
    """Where the line w₁x₁ + w₂x₂ + b = 0 lies, in words: where it crosses the axes."""
    if w1 == 0 and w2 == 0:
        return "has no line (both weights are 0), so it outputs the same for every point"
    if w1 == 0:
        return f"draws a level line at x₂ = {_signed(-b / w2)}"
    if w2 == 0:
        return f"draws an upright line at x₁ = {_signed(-b / w1)}"
    return (f"draws a line crossing the x₁ axis at {_signed(-b / w1)} and the x₂ axis at "
            f"{_signed(-b / w2)}")


def _outcome_words(net: network.Network, X: np.ndarray, y: np.ndarray) -> str:
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
    space (h₁, h₂), shaded the same way by the output neuron's answer, with its line.
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
        # Shaded as the input space is, by the output neuron's answer at every (h₁, h₂): the
        # output neuron does not move with the sliders, so neither does this shading.
        _, _, hidden_cells = data.grid(space, space, resolution)
        style.region_image(hidden_ax, output.forward(hidden_cells).reshape(resolution, resolution),
                           space, space)
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
                    f"b = {_signed(b, 1)}) {_line_words(w1, w2, b)}; "
                    f"{_outcome_words(net, X, y)}.")

        return fig, moving, update

    controls = {
        "w1": _slider("neuron 1: w₁", float(hidden.W[0, 0]), -20, 20, 0.5, ".1f"),
        "w2": _slider("neuron 1: w₂", float(hidden.W[1, 0]), -20, 20, 0.5, ".1f"),
        "b": _slider("neuron 1: b", float(hidden.b[0]), -20, 20, 0.5, ".1f"),
    }
    return Explorer(scene, controls, "how hidden neurons combine into a decision region")


def state_picture(explorer: Explorer, **values: float) -> Picture:
    """The explorer's picture and caption with some sliders moved to `values`, as a static
    picture; the sliders are then moved back. Notebook 02 shows a state its prose describes."""
    if not isinstance(explorer, Explorer):
        raise TypeError(f"explorer should be an Explorer, got {type(explorer).__name__}")
    start = explorer.values()
    for name, value in values.items():
        if name not in start:
            raise ValueError(f"{name} is not one of the explorer's sliders ({', '.join(start)})")
        control = explorer.controls[name]
        number = _validate.number(value, name)
        if isinstance(control, widgets.SelectionSlider):  # a slider over frames made ahead
            positions = [position for _, position in control.options]
            if number not in positions:
                raise ValueError(f"{name} should be one of the slider's positions (from "
                                 f"{positions[0]:g} to {positions[-1]:g}), got {number:g}")
        elif not control.min <= number <= control.max:
            raise ValueError(f"{name} should be between {control.min:g} and {control.max:g} "
                             f"(the slider's range), got {number:g}")
    try:
        for name, value in values.items():
            explorer.controls[name].value = value
        return explorer.picture()
    finally:
        for name, value in start.items():
            explorer.controls[name].value = value
