"""Figures of notebook 01, the perceptron: activations, decision lines, the learning rule."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from .. import _validate, activations, data, perceptron
from . import style
from .live import (
    Explorer,
    _range,
    _within,
    int_slider,
    slider,
)
from .style import _limits


def activation_gallery(z_range: tuple[float, float] = (-4.0, 4.0)) -> Figure:
    """Step, sigmoid, tanh and ReLU side by side over `z_range`. Notebook 01."""
    z_range = _limits(z_range, "z_range")
    fig, axes = style.new_figure(10, 2.8, ncols=4)
    z = np.linspace(*z_range, 401)
    for ax, name, color in zip(axes, ("step", "sigmoid", "tanh", "relu"), style.LINE_COLORS,
                               strict=False):
        ax.plot(z, activations.get(name)(z), color=color)
        ax.axhline(0, color=style.PALETTE["grey"], lw=0.8)
        ax.axvline(0, color=style.PALETTE["grey"], lw=0.8)
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
    fig, (ax,) = style.new_figure(4.8, 4.2)
    style.scatter_classes(ax, X, y, size=90)
    if w is not None:
        ax.plot(*perceptron.decision_line(w, b, limits), color=style.PALETTE["black"],
                label="the perceptron's line")
    ax.set(xlim=limits, ylim=limits, xlabel="input x₁", ylabel="input x₂", aspect="equal",
           title=title)
    ax.legend(loc="upper center", fontsize=8, ncols=3, bbox_to_anchor=(0.5, -0.15))
    return fig

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
        fig, (ax,) = style.new_figure(5.2, 4.6)
        ax.set(xlim=limits, ylim=limits, xlabel="input x₁", ylabel="input x₂", aspect="equal")
        _, _, cells = data.grid(limits, limits, resolution=80)
        shade = style.region_image(ax, np.zeros((80, 80)), limits, limits, alpha=0.8)
        dots = style.scatter_classes(ax, X, y, size=50)
        (line,) = ax.plot([], [], color=style.PALETTE["black"], lw=2.5, label="decision line")
        (wrong_marks,) = ax.plot([], [], "o", ms=14, mfc="none", mec=style.PALETTE["vermillion"],
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
        fig, (ax, curve_ax) = style.new_figure(9.0, 4.0, ncols=2)
        ax.set(xlim=limits, ylim=limits, xlabel="input x₁", ylabel="input x₂", aspect="equal")
        style.scatter_classes(ax, X, y, size=35)
        (line,) = ax.plot([], [], color=style.PALETTE["black"], lw=2.5)
        (ring,) = ax.plot([], [], "o", ms=15, mfc="none", mec=style.PALETTE["vermillion"], mew=2.5,
                          label="the point that moved the line")
        ax.legend(loc="lower right", fontsize=8)
        title = ax.set_title(" ", fontsize=10)
        steps = np.arange(history.updates + 1)
        curve_ax.plot(steps, history.mistakes, color=style.PALETTE["blue"], marker=".",
                      drawstyle="steps-post")
        curve_ax.set(xlabel="update number", ylabel="misclassified points",
                     title="misclassified points after each update",
                     ylim=(-0.5, max(history.mistakes) + 0.5))
        curve_ax.yaxis.get_major_locator().set_params(integer=True)
        curve_ax.xaxis.get_major_locator().set_params(integer=True)
        (now,) = curve_ax.plot([], [], "o", ms=10, color=style.PALETTE["vermillion"])
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
