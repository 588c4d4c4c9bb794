"""Fast redraws for interactive figures: draw what stays once, redraw only what moves.

A slider callback that rebuilds a figure spends most of its time drawing axes, ticks and labels
that did not change. ``LiveFigure`` draws the still parts once, keeps that picture, and on every
update pastes it back and draws only the artists that move ("blitting"), then encodes the canvas
straight to PNG. No pyplot, no GUI, so no figure is ever left open.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image


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
