"""The machinery behind every live figure: sliders over a picture, and the words it says.

Every explorer of the course is built the same way, so a reader who understands one understands
all:

1. a ``scene()`` function draws the figure once and returns it with the artists that move and
   an ``update(**slider values)`` function, which asks a pure function in the maths modules for
   the numbers, moves those artists (``set_data``, ``set_text``) and returns one sentence saying
   what the picture now shows (its caption, the text alternative of the picture);
2. ``_LiveFigure`` keeps the still parts as a saved background and redraws only the movers
   ("blitting"), then encodes the canvas straight to a palette PNG (256 colours: a third of the
   bytes of a full-colour PNG, no visible change for these flat-coloured plots): no pyplot, no
   GUI, no figure left open;
3. ``Explorer`` shows the sliders above the picture and the caption under it. With ONE slider,
   every frame is made when the cell runs and the page picks the frame as the slider moves,
   with no kernel (``frames._slider_frames``). With several, a move draws the new picture when
   it comes, and the frames of positions seen are kept (``frames._FrameCache``).

For every reader: each picture, static or live, carries its sentence (a static one as the alt
text of its image output, a live frame as its image's title, the one text a widget's image can
carry); each picture sits on a light card with rounded corners and a thin frame (``_Card``), so
that in a dark theme it reads as a framed card with its dark ink on its own light ground; and
pictures and sliders shrink to a narrow screen (a phone) instead of running off it.

Nothing runs in the background: once its cells have run, an idle kernel uses no CPU.
``explorer.snapshot()`` is the starting picture as an ordinary image, for readers without a
running kernel (GitHub, a printed page).
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Iterable, Mapping

import ipywidgets as widgets
import numpy as np
from IPython.display import Image as StaticImage
from IPython.display import display
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image, ImageDraw

from .controls import _Slider
from .frames import _FrameCache, _FrameImage, _key, _slider_frames

# What an explorer's scene function returns: the figure, its moving artists, and update.
Scene = Callable[[], tuple[Figure, list[Artist], Callable[..., str]]]
# A frame sent to the page is a palette PNG of at most this many colours (the card's see-through
# corners included).
FRAME_COLOURS = 256
# The CSS class of every explorer (the VBox of its sliders, picture and caption), by which a
# page built from a notebook's widget state finds them (tools/build_site.py).
EXPLORER_CLASS = "course-explorer"
# The light card under every picture: corners rounded with this radius (pixels), transparent
# beyond them, and a frame line one pixel wide in this grey.
CARD_RADIUS = 8
CARD_FRAME = (200, 200, 200)


class _Card:
    """The light card a picture of `size` (width, height) sits on: `paint` draws the frame line
    on the picture's edge, `alpha` is how much of each pixel the card covers (0 beyond its
    rounded corners, an "L" image), `beyond` the pixels a palette frame leaves see-through (a
    mask). Worked out once per size, at four times the resolution, so the rounded edge is
    smooth; painting then touches only the pixels along the edge."""

    def __init__(self, size: tuple[int, int]):
        width, height = size

        def coverage(inset: int) -> np.ndarray:
            scale = 4
            big = Image.new("L", (width * scale, height * scale), 0)
            ImageDraw.Draw(big).rounded_rectangle(
                (inset * scale, inset * scale, (width - inset) * scale - 1,
                 (height - inset) * scale - 1), radius=(CARD_RADIUS - inset) * scale, fill=255)
            return np.asarray(big.resize(size, Image.Resampling.BOX), dtype=float) / 255

        outer, inner = coverage(0), coverage(1)
        alpha = np.round(outer * 255).astype(np.uint8)
        self.alpha = Image.fromarray(alpha)
        self._edge = np.nonzero(inner < 1)
        # The share of the frame line in each edge pixel's colour (all of it beyond the card).
        share = np.where(outer > 0, (outer - inner) / np.maximum(outer, 1e-9), 1.0)
        self._share = share[self._edge][:, None]
        # A palette frame has one see-through colour (a palette of several degrees of
        # transparency is one that image tools warn about): the pixels less than half covered.
        self.beyond = Image.fromarray(np.where(alpha < 128, 255, 0).astype(np.uint8))

    def paint(self, rgb: np.ndarray) -> np.ndarray:
        """The picture (height, width, 3) with the frame line drawn along its edge."""
        edge = rgb[self._edge].astype(float)
        rgb[self._edge] = np.round(edge + (np.array(CARD_FRAME) - edge) * self._share)
        return rgb

    def rgba(self, rgb: np.ndarray) -> Image.Image:
        """The picture on the card, every colour kept, the corners see-through."""
        picture = Image.fromarray(self.paint(rgb))
        picture.putalpha(self.alpha)
        return picture


def _png(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    # Level 3: within a fifth of the smallest file at a twentieth of its encoding time.
    picture.save(out, format="PNG", compress_level=3)
    return out.getvalue()


class _LiveFigure:
    """A figure whose `moving` artists are redrawn on top of a saved background."""

    def __init__(self, fig: Figure, moving: Iterable[Artist]):
        self.fig = fig
        self.canvas = FigureCanvasAgg(fig)
        self.moving = list(moving)
        for artist in self.moving:
            artist.set_animated(True)
        # Lay the figure out once (constrained layout runs here) and keep the still parts;
        # then freeze the layout, so a changing title cannot shift the axes between frames.
        self.canvas.draw()
        self.fig.set_layout_engine("none")
        # The card's frame line is drawn on the still parts, once: every frame then has it.
        self._card = _Card(self.size)
        self._card.paint(np.asarray(self.canvas.buffer_rgba())[..., :3])
        self._background = self.canvas.copy_from_bbox(fig.bbox)
        self._palette = None  # the frames' colours, once fit_palette has chosen them

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) of the picture in pixels."""
        width, height = self.canvas.get_width_height()
        return int(width), int(height)

    def render(self, exact: bool = False) -> bytes:
        """The picture with the moving artists where they are now, as PNG bytes (see encode)."""
        self.draw()
        return self.encode(exact)

    def draw(self) -> None:
        """The saved background, and the moving artists drawn on it."""
        self.canvas.restore_region(self._background)
        for artist in self.moving:
            self.fig.draw_artist(artist)

    def _canvas(self) -> Image.Image:
        width, height = self.size
        return Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw",
                                "RGBA", 0, 1).convert("RGB")

    def fit_palette(self, moves: Iterable[Callable[[], object]]) -> None:
        """Choose the colours of every later frame (FRAME_COLOURS but the see-through one of the
        card's corners) from the pictures after each of
        `moves` (functions that move the artists, to the slider ends say): mapping a frame onto
        a palette chosen once takes a sixth of the time of choosing one for each frame, and
        the artists keep their colours (measured over every explorer of the course: at most
        0.02 % of pixels more than 16 levels off). Each picture is first reduced to its own
        colours, weighted by how many pixels have them (one sample per 16 pixels), so the
        choice needs little memory however many pictures there are."""
        colours_kept = FRAME_COLOURS - 1  # and one see-through, for the card's corners
        weighted = []
        for move in moves:
            move()
            self.draw()
            own = self._canvas().quantize(
                colors=colours_kept, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
            colours = np.frombuffer(bytes(own.getpalette("RGB")), dtype=np.uint8).reshape(-1, 3)
            counts, indices = np.array(own.getcolors(colours_kept)).T
            weighted.append(np.repeat(colours[indices], -(-counts // 16), axis=0))
        samples = np.concatenate(weighted)
        self._palette = Image.fromarray(samples.reshape(1, -1, 3)).quantize(
            colors=colours_kept, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        # The octree averages each group of colours: put the levels next to 0 and 255 back on
        # them, so the white page and black text come out exact.
        self._palette.putpalette(bytes(255 if level >= 253 else 0 if level <= 2 else level
                                       for level in self._palette.getpalette("RGB")))

    def encode(self, exact: bool = False) -> bytes:
        """The canvas on its card as PNG bytes. exact=False: a palette PNG of at most
        FRAME_COLOURS colours, those of fit_palette (each off by a few levels at most, on
        anti-aliased edges) and a see-through one beyond the card's corners; exact=True: every
        colour, and the corners' edge smooth."""
        if exact:
            picture = self._canvas()
            picture.putalpha(self._card.alpha)
            return _png(picture)
        if self._palette is None:
            self.fit_palette([lambda: None])
            self.draw()
        picture = self._canvas().quantize(palette=self._palette, dither=Image.Dither.NONE)
        # Beyond the corners: the entry after the figure's colours, see-through (and white, for
        # a reader that ignores transparency).
        beyond = len(self._palette.getpalette("RGB")) // 3
        picture.putpalette([*self._palette.getpalette("RGB"), 255, 255, 255])
        picture.paste(beyond, mask=self._card.beyond)
        picture.info["transparency"] = beyond
        return _png(picture)


class Picture:
    """A static figure with its caption: shows the picture, on its light card, and under it one
    sentence with the numbers it shows, which is also the image's alt text (the text
    alternative a screen reader, or a skimming learner, gets).

    figure: a matplotlib Figure, or PNG bytes already rendered; caption: the sentence.
    """

    def __init__(self, figure: Figure | bytes, caption: str):
        if isinstance(figure, Figure):
            out = io.BytesIO()
            FigureCanvasAgg(figure)  # a canvas of its own: no pyplot, no GUI
            figure.savefig(out, format="png", bbox_inches="tight")
            figure = out.getvalue()
        self._drawn, self._png = bytes(figure), None
        self.caption = str(caption)

    @property
    def png(self) -> bytes:
        """The picture on its card, as PNG bytes (put on the card when first asked for)."""
        if self._png is None:
            rgb = np.array(Image.open(io.BytesIO(self._drawn)).convert("RGB"))
            self._png = _png(_Card((rgb.shape[1], rgb.shape[0])).rgba(rgb))
        return self._png

    @classmethod
    def _on_card(cls, png: bytes, caption: str) -> Picture:
        """A picture already on its card (an explorer's frame)."""
        picture = cls.__new__(cls)
        picture._drawn = picture._png = bytes(png)
        picture.caption = str(caption)
        return picture

    def _ipython_display_(self) -> None:
        # The caption as alt text in the output's metadata (metadata["image/png"]["alt"], as
        # IPython writes it): what the course site and nbconvert's HTML put on the image.
        display(StaticImage(data=self.png, format="png", alt=self.caption))
        # Displayed, not printed: a print could be merged with text printed before the picture
        # and land above it.
        display({"text/plain": self.caption}, raw=True)

    def __repr__(self) -> str:
        return f"[figure] {self.caption}"


class Explorer(widgets.VBox):
    """Sliders above a picture and, under it, its caption: one sentence saying what the picture
    now shows. Moving a slider shows the picture and the caption at the new values.

    scene: a function that draws the figure and returns (figure, the artists that move,
    update), where update(**slider values) moves those artists and returns the caption;
    controls: the sliders (controls._slider and its kin), by the names update takes;
    name: what the figure shows.
    """

    def __init__(self, scene: Scene, controls: Mapping[str, _Slider], name: str):
        self.scene = scene
        self.name = name
        fig, moving, update = scene()
        figure = _LiveFigure(fig, moving)
        self.size = figure.size
        starts = {key: control.value for key, control in controls.items()}
        # The frames' colours: those of the pictures at the start and at each slider's ends.
        samples = [starts, *({**starts, key: end} for key, control in controls.items()
                             for end in (control.values[0], control.values[-1]))]
        figure.fit_palette([lambda values=values: update(**values) for values in samples])
        words = str(update(**starts))
        # The starting picture in every colour, as an ordinary output (the snapshot).
        self._first = Picture._on_card(figure.render(exact=True), words)
        if len(controls) == 1:
            # Every frame now, as the cell runs; from then on the page picks them, no kernel.
            ((key, control),) = controls.items()

            def draw(value: object) -> tuple[bytes, str]:
                words = str(update(**{key: value}))
                return figure.render(), words

            self._frames = _slider_frames(control, draw, self.size)
            self.controls = {key: self._frames.slider}
            children = [self._frames.slider, self._frames.pictures, self._frames.captions]
        else:
            self._frames = None
            self._figure, self._update = figure, update
            self.controls = {key: control.widget() for key, control in controls.items()}
            self._cache = _FrameCache()
            width, height = self.size
            # Its width and height as attributes: the page keeps its shape while it shrinks to a
            # narrow screen, and its place while a new picture loads.
            self._image = _FrameImage(format="png", width=str(width), height=str(height))
            # An HTML widget rather than a Label, so that a long sentence wraps.
            self._line = widgets.HTML(layout=widgets.Layout(max_width=f"{width}px"))
            self._show(figure.render(), words)
            self._cache.put(_key(starts), bytes(self._image.value), words)
            for widget in self.controls.values():
                widget.observe(self._moved, names="value")
            children = [*self.controls.values(), self._image, self._line]
        super().__init__(children=children)
        self.add_class(EXPLORER_CLASS)

    def values(self) -> dict[str, object]:
        """The sliders' current values, by name."""
        return {key: control.value for key, control in self.controls.items()}

    @property
    def caption(self) -> str:
        """The sentence under the picture, as it is now."""
        if self._frames is not None:
            return self._frames.words[self._frames.slider.index]
        return self._caption

    def picture(self) -> Picture:
        """The picture and caption shown now, as an ordinary output."""
        if self._frames is not None:
            return Picture._on_card(self._frames.frames[self._frames.slider.index], self.caption)
        return Picture._on_card(bytes(self._image.value), self._caption)

    def snapshot(self) -> Picture:
        """The picture at the sliders' starting values, in every colour, with its caption."""
        return self._first

    def _show(self, frame: bytes, words: str) -> None:
        """Put a picture and its caption on the page; the caption is the picture's title too
        (its text alternative, see frames._FrameImage)."""
        with self._image.hold_sync():
            self._image.value, self._image.tooltip = frame, words
        self._caption = words
        self._line.value = html.escape(words, quote=False)

    def _moved(self, change: dict) -> None:
        # A position seen before answers from the cache: no maths, no drawing, no encoding.
        # (The figure's artists stay where the last drawn position left them.)
        values = self.values()
        kept = self._cache.get(_key(values))
        if kept is None:
            words = str(self._update(**values))
            kept = (self._figure.render(), words)
            self._cache.put(_key(values), *kept)
        self._show(*kept)

    def __repr__(self) -> str:
        # Shown where no live widget can be (GitHub, a terminal, a notebook not yet run).
        return f"[interactive figure: {self.name} — run this cell in JupyterLab to drag it]"


__all__ = ["Explorer", "Picture"]
