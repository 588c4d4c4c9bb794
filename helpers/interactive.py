"""Interactive figures: sliders over a picture that redraws in place.

Every explorer here is built the same way, so a reader who understands one understands all:

1. a figure is drawn once, with the parts that move kept aside (``LiveFigure``);
2. an ``update(**slider values)`` function asks a pure function in the maths modules for the
   numbers and moves the artists (``set_data``, ``set_text``) — no new figure;
3. ``Explorer`` puts the sliders above an ``ipywidgets.Image`` of fixed size and, whenever a
   slider moves, calls ``update`` and swaps in the new picture.

``explorer.snapshot()`` shows the starting picture as an ordinary image, for readers without a
running kernel (GitHub, a printed page).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import ipywidgets as widgets
import numpy as np
from IPython.display import Image as StaticImage

from . import _validate, perceptron, plots
from .live import LiveFigure

SLIDER_LAYOUT = {"width": "430px"}
SLIDER_STYLE = {"description_width": "110px"}


def slider(description: str, value: float, low: float, high: float, step: float,
           readout_format: str = ".2f") -> widgets.FloatSlider:
    """A labelled slider for a number between `low` and `high`."""
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=description,
        readout_format=readout_format, continuous_update=True,
        layout=SLIDER_LAYOUT, style=SLIDER_STYLE,
    )


def int_slider(description: str, value: int, low: int, high: int) -> widgets.IntSlider:
    """A labelled slider for a whole number between `low` and `high`."""
    return widgets.IntSlider(
        value=value, min=low, max=high, step=1, description=description,
        continuous_update=True, layout=SLIDER_LAYOUT, style=SLIDER_STYLE,
    )


def log_slider(description: str, value: float, low: float, high: float,
               steps_per_decade: int = 20) -> widgets.FloatLogSlider:
    """A slider that moves in equal ratios between `low` and `high` (a learning rate)."""
    return widgets.FloatLogSlider(
        value=value, base=10, min=np.log10(low), max=np.log10(high),
        step=1 / steps_per_decade, description=description, readout_format=".3g",
        continuous_update=True, layout=SLIDER_LAYOUT, style=SLIDER_STYLE,
    )


class Explorer(widgets.VBox):
    """Sliders above a picture; moving a slider redraws only what changed.

    live: the figure, drawn once; controls: the sliders by the name `update` knows them by;
    update: moves the artists of `live` for the given slider values; name: what it shows.
    """

    def __init__(self, live: LiveFigure, controls: Mapping[str, widgets.ValueWidget],
                 update: Callable[..., None], name: str):
        self.live = live
        self.controls = dict(controls)
        self.name = name
        self._update = update
        width, height = live.size
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
        # Shown where widgets cannot be (GitHub, a plain terminal) instead of a widget dump.
        return f"[interactive figure: {self.name} — run the notebook in JupyterLab to use it]"


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
    w1, w2 = (_validate.number(v, "w") for v in w)
    b = _validate.number(b, "b")
    fig, (ax,) = plots.new_figure(5.2, 4.6)
    ax.set(xlim=limits, ylim=limits, xlabel="input x₁", ylabel="input x₂", aspect="equal")
    _, _, cells = plots.grid(limits, limits, resolution=80)
    shade = plots.region_image(ax, np.zeros((80, 80)), limits, limits, alpha=0.8)
    dots = plots.scatter_classes(ax, X, y, size=50)
    (line,) = ax.plot([], [], color=plots.PALETTE["black"], lw=2.5, label="decision line")
    (wrong_marks,) = ax.plot([], [], "o", ms=14, mfc="none", mec=plots.PALETTE["vermillion"],
                             mew=2.5, label="misclassified")
    title = ax.set_title(" ")
    ax.legend(loc="upper left", fontsize=8, ncols=2, bbox_to_anchor=(0, -0.12))
    # The dots move with the shading so they stay on top of it.
    live = LiveFigure(fig, [shade, *dots, line, wrong_marks, title])

    def update(w1: float, w2: float, b: float) -> None:
        weights = np.array([w1, w2])
        shade.set_data(perceptron.predict(cells, weights, b).reshape(80, 80))
        line.set_data(*perceptron.decision_line(weights, b, limits))
        wrong = perceptron.predict(X, weights, b) != y
        wrong_marks.set_data(*_misclassified_xy(X, wrong))
        count = int(wrong.sum())
        title.set_text("every point is on the right side ✓" if count == 0
                       else f"{count} point{'s' * (count != 1)} misclassified")

    controls = {
        "w1": slider("weight w₁", w1, -3, 3, 0.1),
        "w2": slider("weight w₂", w2, -3, 3, 0.1),
        "b": slider("bias b", b, -4, 4, 0.1),
    }
    return Explorer(live, controls, update, "a perceptron's decision line")


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
    live = LiveFigure(fig, [line, ring, title, now])

    def update(update: int) -> None:
        line.set_data(*perceptron.decision_line(history.weights[update], history.biases[update],
                                                limits))
        point = history.point[update]
        ring.set_data(([X[point, 0]], [X[point, 1]]) if point >= 0 else ([], []))
        now.set_data([update], [history.mistakes[update]])
        w1, w2 = history.weights[update]
        title.set_text(f"update {update}:  w = ({w1:.2f}, {w2:.2f}),  b = "
                       f"{history.biases[update]:.2f}  →  {history.mistakes[update]} wrong")

    controls = {"update": int_slider("update number", 0, 0, history.updates)}
    return Explorer(live, controls, update, "the perceptron learning rule, update by update")
