"""The machinery behind every live figure: sliders over a picture that redraws in place.

Every explorer of the course is built the same way, so a reader who understands one understands
all:

1. a ``scene()`` function draws the figure once and returns it with the artists that move and
   an ``update(**slider values)`` function, which asks a pure function in the maths modules for
   the numbers and moves those artists (``set_data``, ``set_text``) — no new figure;
2. ``LiveFigure`` keeps the still parts as a saved background and redraws only the movers
   ("blitting"), then encodes the canvas straight to PNG: no pyplot, no GUI, no figure left open;
3. ``Explorer`` puts the sliders above an ``ipywidgets.Image`` of fixed size and, whenever a
   slider moves, calls ``update`` and swaps in the new picture.

``explorer.snapshot()`` shows the starting picture as an ordinary image, for readers without a
running kernel (GitHub, a printed page).
"""

from __future__ import annotations

import io
import numbers
from collections.abc import Callable, Iterable, Mapping

import ipywidgets as widgets
import numpy as np
from IPython.display import Image as StaticImage
from IPython.display import display
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image
from traitlets import TraitError

from .. import _validate, network

# What an explorer's scene function returns: the figure, its moving artists, and update.
Scene = Callable[[], tuple[Figure, list[Artist], Callable[..., None]]]


class LiveFigure:
    """A figure whose `moving` artists are redrawn on top of a saved background.

    Call ``refresh_background()`` after changing anything that is not in `moving` (an axis
    limit, a still line); ``render()`` then redraws everything once and saves it again.
    """

    def __init__(self, fig: Figure, moving: Iterable[Artist]):
        self.fig = fig
        self.canvas = FigureCanvasAgg(fig)
        self.moving = list(moving)
        for artist in self.moving:
            artist.set_animated(True)
        self._background = None
        # Lay the figure out once (constrained layout runs here), then freeze the layout so a
        # changing title cannot shift the axes between frames.
        self.canvas.draw()
        self.fig.set_layout_engine("none")

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) of the picture in pixels."""
        width, height = self.canvas.get_width_height()
        return int(width), int(height)

    def refresh_background(self) -> None:
        """Forget the saved background; the next render draws the still parts again."""
        self._background = None

    def draw(self) -> None:
        """Bring the canvas up to date: still parts from the saved background, moving ones anew."""
        if self._background is None:
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
        else:
            self.canvas.restore_region(self._background)
        for artist in self.moving:
            self.fig.draw_artist(artist)

    def render(self) -> bytes:
        """The current picture as PNG bytes (fast compression; the picture is the same)."""
        self.draw()
        width, height = self.size
        rgba = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw",
                                "RGBA", 0, 1)
        out = io.BytesIO()
        rgba.convert("RGB").save(out, format="PNG", compress_level=1)
        return out.getvalue()


SLIDER_LAYOUT = {"width": "430px"}
SLIDER_STYLE = {"description_width": "110px"}
# Every explorer redraws on each slider move and draws every step, so its step count is kept
# to what a picture can show and a slider can reach.
MAX_EXPLORER_STEPS = 1_000
# Every learning-rate slider of the course says the same.
LR_LABEL = "learning rate η"


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


class Picture:
    """A static figure with its words: shows the picture and, under it, one sentence with the
    numbers it shows (the text alternative a screen reader, or a skimming learner, gets).

    figure: a matplotlib Figure, or PNG bytes already rendered; caption: the sentence.
    """

    def __init__(self, figure: Figure | bytes, caption: str):
        if isinstance(figure, Figure):
            out = io.BytesIO()
            FigureCanvasAgg(figure).print_png(out, bbox_inches="tight")
            figure = out.getvalue()
        self.png = bytes(figure)
        self.caption = str(caption)

    def _ipython_display_(self) -> None:
        display(StaticImage(data=self.png, format="png"))
        print(self.caption)

    def __repr__(self) -> str:
        return f"[figure] {self.caption}"


class Explorer(widgets.VBox):
    """Sliders above a picture and a line of text under it; moving a slider redraws only what
    changed and says what the picture now shows.

    scene: a function that draws the figure and returns (figure, the artists that move,
    update), where update(**slider values) moves those artists and returns one sentence with
    the numbers the picture now shows (its text alternative); controls: the sliders, by the
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
        # The text alternative: a line under the picture that every slider move updates.
        self.caption = widgets.Label(layout=widgets.Layout(width=f"{width}px"))
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        super().__init__(children=[*self.controls.values(), self.image, self.caption])
        self.redraw()
        self._first_frame = bytes(self.image.value)
        self._first_caption = self.caption.value

    def values(self) -> dict[str, float]:
        """The sliders' current values, by name."""
        return {key: control.value for key, control in self.controls.items()}

    def redraw(self) -> None:
        """Move the artists for the current slider values and show the new picture and words."""
        words = self._update(**self.values())
        self.image.value = self.live.render()
        if words is not None:
            self.caption.value = str(words)

    def _on_change(self, change: dict) -> None:
        self.redraw()

    def snapshot(self) -> Picture:
        """The picture at the sliders' starting values with its words, as an ordinary output."""
        return Picture(self._first_frame, self._first_caption)

    def __repr__(self) -> str:
        # Shown where no live widget can be (GitHub, a terminal, a notebook not yet run).
        return f"[interactive figure: {self.name} — run this cell in JupyterLab to drag it]"
