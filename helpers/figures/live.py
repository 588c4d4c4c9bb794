"""The machinery behind every live figure: sliders over a picture that redraws in place.

Every explorer of the course is built the same way, so a reader who understands one understands
all:

1. a ``scene()`` function draws the figure once and returns it with the artists that move and
   an ``update(**slider values)`` function, which asks a pure function in the maths modules for
   the numbers and moves those artists (``set_data``, ``set_text``) — no new figure;
2. ``LiveFigure`` keeps the still parts as a saved background and redraws only the movers
   ("blitting"), then encodes the canvas straight to PNG: no pyplot, no GUI, no figure left open;
   a frame on its way to the page is a palette PNG (256 colours: a third of the bytes, half the
   encoding time, no visible change for these flat-coloured plots);
3. ``Explorer`` puts the sliders above an ``ipywidgets.Image`` of fixed size and, whenever a
   slider moves, calls ``update`` and swaps in the new picture. The frames and words of the
   last few hundred slider positions are kept (``frames.FrameCache``), so a position seen
   before, as on a drag back and forth, is answered without drawing; and while the kernel is
   idle, the positions one drag can reach are drawn ahead into it (``frames.DrawAhead``).

``explorer.snapshot()`` shows the starting picture as an ordinary image, for readers without a
running kernel (GitHub, a printed page).
"""

from __future__ import annotations

import html
import io
import threading
from collections.abc import Callable, Iterable, Mapping

import ipywidgets as widgets
import numpy as np
from IPython.display import Image as StaticImage
from IPython.display import display
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from .controls import (
    LR_LABEL,
    MAX_EXPLORER_STEPS,
    SLIDER_LAYOUT,
    SLIDER_STYLE,
    _curve,
    _network,
    _range,
    _text,
    _whole,
    _within,
    int_slider,
    log_slider,
    slider,
)
from .frames import CACHE_BYTES, CACHE_FRAMES, DrawAhead, FrameCache, key

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

    def encode(self, exact: bool = True) -> bytes:
        """The canvas as it is now, as PNG bytes, fast compression. exact=False: a palette PNG of
        at most FRAME_COLOURS colours (what a slider sends: about a third of the bytes, half the
        encoding time; each colour off by a few levels at most, on anti-aliased edges)."""
        width, height = self.size
        rgb = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw",
                               "RGBA", 0, 1).convert("RGB")
        if not exact:
            rgb = rgb.quantize(colors=FRAME_COLOURS, method=Image.Quantize.FASTOCTREE,
                               dither=Image.Dither.NONE)
            # The octree averages each group of colours: put the levels next to 0 and 255 back
            # on them, so the white page and black text come out exact.
            palette = np.frombuffer(bytes(rgb.getpalette()), dtype=np.uint8).copy()
            palette[palette >= 253] = 255
            palette[palette <= 2] = 0
            rgb.putpalette(palette.tobytes())
        out = io.BytesIO()
        rgb.save(out, format="PNG", compress_level=1)
        return out.getvalue()

    def render(self, exact: bool = True) -> bytes:
        """The current picture as PNG bytes (fast compression; exact: see encode)."""
        self.draw()
        return self.encode(exact)


# A slider frame is a palette PNG of at most this many colours (LiveFigure.encode).
FRAME_COLOURS = 256


class Picture:
    """A static figure with its words: shows the picture and, under it, one sentence with the
    numbers it shows (the text alternative a screen reader, or a skimming learner, gets).

    figure: a matplotlib Figure, or PNG bytes already rendered; caption: the sentence.
    """

    def __init__(self, figure: Figure | bytes, caption: str):
        if isinstance(figure, Figure):
            out = io.BytesIO()
            FigureCanvasAgg(figure)  # a canvas of its own: no pyplot, no GUI
            figure.savefig(out, format="png", bbox_inches="tight")
            figure = out.getvalue()
        self.png = bytes(figure)
        self.caption = str(caption)

    def _ipython_display_(self) -> None:
        display(StaticImage(data=self.png, format="png"))
        # Displayed, not printed: a print could be merged with text printed before the picture
        # and land above it.
        display({"text/plain": self.caption}, raw=True)

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
        # The frames and words of positions seen before (drawn anew only by redraw()).
        self.cache = FrameCache()
        # Held while the figure is drawn or the cache changes: slider moves may come on another
        # thread (a kernel subshell) than the frames drawn ahead (see frames.DrawAhead).
        self._lock = threading.RLock()
        width, height = self.live.size
        self.image = widgets.Image(
            format="png", layout=widgets.Layout(width=f"{width}px", height=f"{height}px")
        )
        # The text alternative: a line under the picture that every slider move updates.
        # An HTML widget rather than a Label, so that a long sentence wraps instead of being cut.
        self.caption = widgets.HTML(layout=widgets.Layout(width=f"{width}px"))
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        super().__init__(children=[*self.controls.values(), self.image, self.caption])
        # The starting picture exactly (every colour), as the snapshot shows it; frames sent
        # after a slider moves are palette PNGs (see FRAME_COLOURS).
        words = self._words(self._update(**self.values()))
        self.live.draw()
        self._show(self.live.encode(exact=True), words)
        frame = self.live.encode(exact=False)
        self.cache.put(self._key(), frame, words)
        self._first_frame = bytes(self.image.value)
        self._first_caption = getattr(self, "words", "")
        # The frames one drag can reach, drawn while the kernel is idle (see frames.py).
        self.ahead = DrawAhead(self._draw, self.cache, self.controls, len(frame),
                               self._lock)

    def values(self) -> dict[str, float]:
        """The sliders' current values, by name."""
        return {key: control.value for key, control in self.controls.items()}

    def _key(self) -> tuple:
        return key(self.values())

    @staticmethod
    def _words(words: object) -> str | None:
        return None if words is None else str(words)

    def _draw(self, values: dict) -> tuple[bytes, str | None]:
        """The frame and words at these slider values, drawn anew (the sliders do not move)."""
        words = self._words(self._update(**values))
        self.live.draw()
        return self.live.encode(exact=False), words

    def redraw(self) -> None:
        """Move the artists for the current slider values and show the new picture and words
        (always drawn anew; the frame is kept for when the sliders come back here)."""
        with self._lock:
            frame, words = self._draw(self.values())
            self.cache.put(self._key(), frame, words)
            self._show(frame, words)

    def _show(self, frame: bytes, words: str | None) -> None:
        """Put a picture and its words on the page. (No tooltip on the Image: with ipywidgets
        8.1 its view fails in JupyterLab when one is set, "Cannot read properties of undefined
        (reading 'length')" in updateTooltip, and shows an error instead of the picture.)"""
        self.image.value = frame
        if words is not None:
            self.words = words  # the sentence itself; the caption shows it as HTML text
            self.caption.value = html.escape(words, quote=False)

    def _on_change(self, change: dict) -> None:
        # A position seen before answers from the cache: no maths, no drawing, no encoding.
        # (The figure's artists stay where the last drawn position left them.)
        self.ahead.moved()
        with self._lock:
            kept = self.cache.get(self._key())
            if kept is None:
                self.redraw()
            else:
                self._show(*kept)

    def picture(self) -> Picture:
        """The picture at the sliders' current values with its words, drawn anew in every
        colour (the slider frames are palette PNGs), as an ordinary output."""
        with self._lock:
            words = self._words(self._update(**self.values()))
            self.live.draw()
            return Picture(self.live.encode(exact=True),
                           self.caption.value if words is None else words)

    def snapshot(self) -> Picture:
        """The picture at the sliders' starting values with its words, as an ordinary output."""
        return Picture(self._first_frame, self._first_caption)

    def __repr__(self) -> str:
        # Shown where no live widget can be (GitHub, a terminal, a notebook not yet run).
        return f"[interactive figure: {self.name} — run this cell in JupyterLab to drag it]"


# The controls live in controls.py; figures import them from here, beside Explorer.
__all__ = [
    "CACHE_BYTES",
    "CACHE_FRAMES",
    "FRAME_COLOURS",
    "Explorer",
    "FrameCache",
    "LiveFigure",
    "Picture",
    "Scene",
    "SLIDER_LAYOUT",
    "SLIDER_STYLE",
    "MAX_EXPLORER_STEPS",
    "LR_LABEL",
    "_range",
    "_within",
    "_whole",
    "_text",
    "_curve",
    "_network",
    "slider",
    "int_slider",
    "log_slider",
]
