"""Figures of notebook 01, the perceptron: activations, decision lines, the learning rule."""

from __future__ import annotations

import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .. import _validate, activations, data, perceptron
from . import style
from .controls import _int_slider, _range, _slider, _within
from .live import Explorer, Picture
from .style import _limits

# Cells per side of the grid on which the side the neuron calls 1 is shaded.
_GRID = 80
# A data set of at most this many points has each point's weighted sum written beside it.
_LABELLED_POINTS = 8
# One meaning per mark: a vermillion ring is a misclassified point, in every figure of 01;
# a black diamond frames the point that caused the update shown.
_WRONG_MARK = {"marker": "o", "mfc": "none", "mec": style.PALETTE["vermillion"], "ls": "none",
               "label": "misclassified"}
_MOVER_MARK = {"marker": "D", "mfc": "none", "mec": style.PALETTE["black"], "ls": "none",
               "label": "the point that moved the line"}

__all__ = ["activation_gallery", "decision_line_explorer", "perceptron_rule_explorer",
           "points_and_line", "rule_strip"]


def _num(value: float, decimal: bool = False) -> str:
    """A number as a sentence shows it: at most two decimals, a true minus sign; a whole number
    without decimals unless `decimal` (weights read better as 1.0 beside 0.5)."""
    text = f"{float(value):.2f}".rstrip("0")
    text = text + "0" if decimal and text.endswith(".") else text.rstrip(".")
    return text.lstrip("-") if float(text) == 0 else text.replace("-", "−")


def _png(fig: Figure, caption: str) -> tuple[bytes, str]:
    """The figure as PNG bytes cropped to what is drawn (Picture takes these as they are),
    and its caption."""
    out = io.BytesIO()
    FigureCanvasAgg(fig).print_figure(out, format="png", bbox_inches="tight")
    return out.getvalue(), caption


def _line_words(w: np.ndarray, b: float) -> str:
    return f"w = ({_num(w[0], True)}, {_num(w[1], True)}), b = {_num(b, True)}"


def _wrong_words(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> str:
    """What the line w·x + b = 0 does to the points, in words with the count."""
    n = len(y)
    wrong = perceptron.count_misclassified(X, y, w, b)
    if not np.any(w):
        side = int(perceptron.predict(X[:1], w, b)[0])
        return (f"there is no line (z = b for every point), so the neuron calls every point "
                f"class {side} and gets {wrong} of {n} wrong")
    if wrong == 0:
        return f"every one of the {n} points is on the right side"
    return f"the line leaves {wrong} of {n} points on the wrong side"


def activation_gallery(z_range: tuple[float, float] = (-4.0, 4.0)) -> Picture:
    """Step, sigmoid, tanh and ReLU side by side over `z_range`, with a sentence saying what
    each does there and its slope. Notebook 01."""
    return Picture(*_png(*_activation_gallery(_limits(z_range, "z_range"))))


def _activation_gallery(z_range: tuple[float, float]) -> tuple[Figure, str]:
    fig, axes = style.new_figure(10, 2.8, ncols=4)
    z = np.linspace(*z_range, 401)
    outputs = {}
    for ax, name, color in zip(axes, ("step", "sigmoid", "tanh", "relu"), style.LINE_COLORS,
                               strict=False):
        outputs[name] = activations.get(name)(z)
        ax.plot(z, outputs[name], color=color)
        ax.axhline(0, color=style.PALETTE["grey"], lw=0.8)
        ax.axvline(0, color=style.PALETTE["grey"], lw=0.8)
        top = max(1.3, float(outputs[name].max()) + 0.2)
        ax.set(title=name, xlabel="z", ylim=(-1.3, top))
    axes[0].set_ylabel("a = g(z)")
    slopes = {name: activations.slope(name)(z) for name in outputs}
    step, relu, relu_slope = outputs["step"], outputs["relu"], slopes["relu"]
    parts = [
        f"For z from {_num(z_range[0])} to {_num(z_range[1])}: step goes from "
        f"{_num(step.min())} to {_num(step.max())} with slope {_num(slopes['step'].max())} "
        "wherever it is flat",
        f"sigmoid rises smoothly from {_num(outputs['sigmoid'][0])} to "
        f"{_num(outputs['sigmoid'][-1])} (slope at most {_num(slopes['sigmoid'].max())})",
        f"tanh from {_num(outputs['tanh'][0])} to {_num(outputs['tanh'][-1])} (slope at most "
        f"{_num(slopes['tanh'].max())})",
    ]
    relu_words = []
    if np.any(z < 0):
        relu_words.append(f"is {_num(relu[z < 0].max())} with slope "
                          f"{_num(relu_slope[z < 0].max())} for z < 0")
    if np.any(z > 0):
        relu_words.append(f"rises to {_num(relu.max())} with slope "
                          f"{_num(relu_slope[z > 0].min())} for z > 0")
    parts.append("ReLU " + " and ".join(relu_words))
    caption = "; ".join(parts) + "."
    return fig, caption


def points_and_line(X: np.ndarray, y: np.ndarray, w: np.ndarray | None = None, b: float = 0.0,
                    title: str = "", limits: tuple[float, float] = (-0.5, 1.5)) -> Picture:
    """The points of a 2-D data set and, if `w` is given, the line w·x + b = 0 with the side
    the neuron calls 1 shaded and the points it gets wrong ringed, as in the explorer.
    Notebook 01. The sentence under it counts the wrong points."""
    return Picture(*_png(*_points_and_line(X, y, w, b, title, limits)))


def _points_and_line(X, y, w, b, title, limits) -> tuple[Figure, str]:
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
    fig, (ax,) = style.new_figure(4.8, 4.4)
    style.scatter_classes(ax, X, y, size=90)
    counts = f"{int(np.sum(y == 0))} of class 0 and {int(np.sum(y == 1))} of class 1"
    if w is None:
        caption = f"{len(y)} points: {counts}."
    else:
        _, _, cells = data.grid(limits, limits, resolution=_GRID)
        style.region_image(ax, perceptron.predict(cells, w, b).reshape(_GRID, _GRID), limits,
                           limits, alpha=0.8)
        ax.plot(*perceptron.decision_line(w, b, limits), color=style.PALETTE["black"], lw=2.5,
                label="decision line")
        wrong = perceptron.predict(X, w, b) != y
        ax.plot(*_misclassified_xy(X, wrong), ms=20, mew=2.5, zorder=4, **_WRONG_MARK)
        caption = f"{_line_words(w, b)}: {_wrong_words(X, y, w, b)}"
        caption += " (ringed)" if wrong.any() and np.any(w) else ""
        if len(y) <= _LABELLED_POINTS:
            caption += _label_sums(ax, X, w, b)
        caption += "."
    if title:
        caption = f"{title} — {caption}"
    ax.set(xlim=limits, ylim=limits, xlabel="input x₁", ylabel="input x₂", aspect="equal",
           title=title)
    _legend_below(ax)
    return fig, caption


def _label_sums(ax, X: np.ndarray, w: np.ndarray, b: float) -> str:
    """Write each point's weighted sum z and the neuron's output under it, so that a point
    exactly on the line (z = 0, which the step calls 1) shows its side too; return the words
    the caption adds about such points ("" if there are none)."""
    z = perceptron.weighted_sum(X, w, b)
    outputs = perceptron.predict(X, w, b)
    for (x1, x2), zi, ai in zip(X, z, outputs, strict=True):
        ax.annotate(f"z = {_num(zi)} → {ai:g}", (x1, x2), xytext=(0, -17),
                    textcoords="offset points", ha="center", va="top", fontsize=8, zorder=5,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.8})
    on_line = X[z == 0] if np.any(w) else X[:0]
    if not len(on_line):
        return ""
    points = " and ".join(f"({_num(x1)}, {_num(x2)})" for x1, x2 in on_line)
    verb = "lies" if len(on_line) == 1 else "lie"
    return f"; {points} {verb} on the line, where z = 0 and the step outputs 1"


def _legend_below(ax) -> None:
    """The legend under the axes, clear of every data point."""
    ax.legend(loc="upper center", fontsize=8, ncols=2, bbox_to_anchor=(0.5, -0.16),
              markerscale=0.7)


def _misclassified_xy(X: np.ndarray, wrong: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return X[wrong, 0], X[wrong, 1]


def _mover_xy(X: np.ndarray, point: int) -> tuple[list[float], list[float]]:
    """Where the point that caused an update is (nothing at the start, point −1)."""
    return ([X[point, 0]], [X[point, 1]]) if point >= 0 else ([], [])


def decision_line_explorer(X: np.ndarray, y: np.ndarray, w: tuple[float, float] = (1.0, 1.0),
                           b: float = -1.5, limits: tuple[float, float] = (-3.0, 3.0)
                           ) -> Explorer:
    """Sliders for w₁, w₂ and b move the line w₁x₁ + w₂x₂ + b = 0 over the points. Notebook 01.

    X: (n, 2) inputs, y: (n,) 0/1 targets. The side the neuron calls 1 is shaded, wrong points
    are circled in red, and the title and the sentence under the picture count them.
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
        _, _, cells = data.grid(limits, limits, resolution=_GRID)
        shade = style.region_image(ax, np.zeros((_GRID, _GRID)), limits, limits, alpha=0.8)
        dots = style.scatter_classes(ax, X, y, size=50)
        (line,) = ax.plot([], [], color=style.PALETTE["black"], lw=2.5, label="decision line")
        (wrong_marks,) = ax.plot([], [], ms=14, mew=2.5, **_WRONG_MARK)
        title = ax.set_title(" ")
        _legend_below(ax)
        # The dots move with the shading so they stay on top of it.
        moving = [shade, *dots, line, wrong_marks, title]

        def update(w1: float, w2: float, b: float) -> str:
            weights = np.array([w1, w2])
            shade.set_data(perceptron.predict(cells, weights, b).reshape(_GRID, _GRID))
            line.set_data(*perceptron.decision_line(weights, b, limits))
            wrong = perceptron.predict(X, weights, b) != y
            wrong_marks.set_data(*_misclassified_xy(X, wrong))
            count = int(wrong.sum())
            title.set_text("every point is on the right side ✓" if count == 0
                           else f"{count} point{'s' * (count != 1)} misclassified")
            ringed = " (ringed)" if count and np.any(weights) else ""
            return f"{_line_words(weights, b)}: {_wrong_words(X, y, weights, b)}{ringed}."

        return fig, moving, update

    controls = {
        "w1": _slider("weight w₁", w1, -3, 3, 0.1),
        "w2": _slider("weight w₂", w2, -3, 3, 0.1),
        "b": _slider("bias b", b, -4, 4, 0.1),
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


def rule_strip(X: np.ndarray, y: np.ndarray, history: perceptron.PerceptronHistory,
               limits: tuple[float, float] = (-3.0, 3.0)) -> Picture:
    """The perceptron learning rule in a strip of still pictures: the start, the first update,
    the one halfway and the last, each with its line, the side the neuron calls 1 shaded, the
    points it gets wrong ringed and the point that caused the update framed by a diamond.
    Notebook 01 (the still picture above the explorer)."""
    X = _validate.points(X, columns=2)
    y = _validate.labels(y, X.shape[0])
    _history(history, X.shape[0])
    limits = _range(limits, "limits")
    return Picture(*_png(*_rule_strip(X, y, history, limits)))


def _rule_strip(X, y, history, limits) -> tuple[Figure, str]:
    shown = sorted({0, min(1, history.updates), history.updates // 2, history.updates})
    fig, axes = style.new_figure(2.6 * len(shown), 3.3, ncols=len(shown))
    _, _, cells = data.grid(limits, limits, resolution=_GRID)
    words = []
    for ax, update in zip(axes, shown, strict=True):
        weights, bias = history.weights[update], history.biases[update]
        style.region_image(ax, perceptron.predict(cells, weights, bias).reshape(_GRID, _GRID),
                           limits, limits, alpha=0.8)
        style.scatter_classes(ax, X, y, size=18)
        ax.plot(*perceptron.decision_line(weights, bias, limits), color=style.PALETTE["black"],
                lw=2, label="decision line")
        ax.plot(*_misclassified_xy(X, perceptron.predict(X, weights, bias) != y), ms=9, mew=1.5,
                zorder=4, **_WRONG_MARK)
        ax.plot(*_mover_xy(X, history.point[update]), ms=13, mew=1.5, zorder=4, **_MOVER_MARK)
        wrong = int(history.mistakes[update])
        ax.set(xlim=limits, ylim=limits, aspect="equal", xlabel="input x₁",
               title=f"{'start' if update == 0 else f'update {update}'}: {wrong} wrong")
        words.append(f"{wrong} of {len(y)} points wrong at the start" if update == 0
                     else f"{wrong} after update {update}")
    axes[0].set_ylabel("input x₂")
    handles, labels = axes[-1].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=5, fontsize=8)
    caption = "The learning rule, update by update: " + ", ".join(words[:-1])
    caption += f" and {words[-1]}" if len(words) > 1 else words[0]
    caption += " — every point on its side." if history.mistakes[shown[-1]] == 0 else "."
    return fig, caption


def perceptron_rule_explorer(X: np.ndarray, y: np.ndarray,
                             history: perceptron.PerceptronHistory,
                             limits: tuple[float, float] = (-3.0, 3.0)) -> Explorer:
    """A slider over the update number replays the perceptron learning rule. Notebook 01.

    Left: the points and the line after that many updates, the side the neuron calls 1 shaded,
    the points it gets wrong ringed, the point that caused the last update framed by a diamond.
    Right: misclassified points against update
    number, with a marker at the current update. The sentence under it says the same in words.
    """
    X = _validate.points(X, columns=2)
    y = _validate.labels(y, X.shape[0])
    _history(history, X.shape[0])
    limits = _range(limits, "limits")

    def scene():
        fig, (ax, curve_ax) = style.new_figure(9.0, 4.0, ncols=2)
        ax.set(xlim=limits, ylim=limits, xlabel="input x₁", ylabel="input x₂", aspect="equal")
        _, _, cells = data.grid(limits, limits, resolution=_GRID)
        shade = style.region_image(ax, np.zeros((_GRID, _GRID)), limits, limits, alpha=0.8)
        dots = style.scatter_classes(ax, X, y, size=35)
        (line,) = ax.plot([], [], color=style.PALETTE["black"], lw=2.5, label="decision line")
        (rings,) = ax.plot([], [], ms=13, mew=2.5, **_WRONG_MARK)
        (mover,) = ax.plot([], [], ms=19, mew=2, **_MOVER_MARK)
        _legend_below(ax)
        title = ax.set_title(" ", fontsize=10)
        steps = np.arange(history.updates + 1)
        curve_ax.plot(steps, history.mistakes, color=style.PALETTE["blue"], marker=".",
                      drawstyle="steps-post")
        curve_ax.set(xlabel="update number", ylabel="misclassified points",
                     title="misclassified points after each update",
                     ylim=(-0.5, max(history.mistakes) + 0.5))
        curve_ax.yaxis.get_major_locator().set_params(integer=True)
        curve_ax.xaxis.get_major_locator().set_params(integer=True)
        (now,) = curve_ax.plot([], [], "o", ms=10, color=style.PALETTE["black"])
        # The dots move with the shading so they stay on top of it.
        moving = [shade, *dots, line, rings, mover, title, now]

        def update(update: int) -> str:
            weights, bias = history.weights[update], history.biases[update]
            shade.set_data(perceptron.predict(cells, weights, bias).reshape(_GRID, _GRID))
            line.set_data(*perceptron.decision_line(history.weights[update], history.biases[update],
                                                    limits))
            point = history.point[update]
            rings.set_data(*_misclassified_xy(X, perceptron.predict(X, weights, bias) != y))
            mover.set_data(*_mover_xy(X, point))
            now.set_data([update], [history.mistakes[update]])
            w1, w2 = history.weights[update]
            title.set_text(f"update {update}:  w = ({w1:.2f}, {w2:.2f}),  b = "
                           f"{history.biases[update]:.2f}  →  {history.mistakes[update]} wrong")
            state = f"{_line_words(weights, bias)}: {_wrong_words(X, y, weights, bias)}"
            if point < 0:
                return f"At the start, {state}."
            wrong = int(history.mistakes[update])
            ringed = " (ringed)" if wrong and np.any(weights) else ""
            return (f"Update {update} of {history.updates} (the point in the diamond, at "
                    f"({_num(X[point, 0])}, {_num(X[point, 1])}), was wrong) gives "
                    f"{state}{ringed}.")

        return fig, moving, update

    controls = {"update": _int_slider("update number", 0, 0, history.updates)}
    return Explorer(scene, controls, "the perceptron learning rule, update by update")
