"""The frames of a live figure: made when its cell runs, or kept once seen. Nothing here runs
in the background: a frame is drawn when a cell runs or a slider moves, never in between.

- A figure driven by ONE slider has every frame made when its cell runs (``_slider_frames``,
  the one function that does it, for JupyterLab and for the static site alike): a
  ``SelectionSlider`` with the slider's name and readout, linked in the page by ``jslink`` to a
  ``Stack`` of pictures and a ``Stack`` of text lines. Moving it needs no kernel: the page
  picks the frame, at the speed of the browser, and keeps doing so in a page saved with its
  widget state (the course site). A saved notebook keeps only the starting frame
  (tools/regenerate.py drops the others from the Stacks marked FRAMES_CLASS), so that GitHub
  and nbviewer still show a picture and the files do not grow.
- A figure with several sliders draws each move when it comes (blitting, ``live``), and keeps
  the frames of the positions seen in a bounded ``_FrameCache``, so that a drag back over them
  costs no drawing.
"""

from __future__ import annotations

import html
import math
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import HTMLStyle
from traitlets import Unicode

from .controls import SLIDER_LAYOUT, SLIDER_STYLE, _Slider

# At most this many frames for one slider: a slider with more positions moves through every
# k-th (its ends and its start always kept). The longest slider of the course has 161.
MAX_FRAMES = 161
# The CSS class of the Stacks of frames and text lines: tools/regenerate.py keeps only their
# starting child in a saved notebook.
FRAMES_CLASS = "explorer-frames"


class _FrameImage(widgets.Image):
    """A picture of a live figure, carrying its sentence as its tooltip: the page's <img> gets
    it as its title, which a screen reader reads as the picture's text alternative (a widget's
    image can carry no alt text). Its width and height are attributes of the <img>, not fixed
    sizes, so that it shrinks to a narrow screen keeping its shape.

    The empty `description` is what lets the tooltip through: ipywidgets 8.1's page code reads
    a widget's description before it sets a title, and an Image has none (its view fails)."""

    description = Unicode("").tag(sync=True)


@dataclass(frozen=True)
class _Frames:
    """A slider over frames made in advance: `slider` (a SelectionSlider through `values`),
    `pictures` (a Stack of Images) and `captions` (a Stack of text lines), both linked in the
    page to the slider's index by `links`; `frames` and `words` are their PNG bytes and
    sentences."""

    slider: widgets.SelectionSlider
    pictures: widgets.Stack
    captions: widgets.Stack
    links: tuple
    values: tuple
    frames: tuple
    words: tuple


def _thinned(values: Sequence, start: object, most: int = MAX_FRAMES) -> list:
    """At most `most` of `values`, evenly spaced, both ends and `start` kept."""
    values = list(values)
    if len(values) <= most:
        return values
    stride = math.ceil((len(values) - 1) / (most - 2))
    kept = values[:-1:stride] + values[-1:]
    return kept if start in kept else sorted([*kept, start])


def _labels(control: _Slider, values: Sequence) -> list[str]:
    """The readout of each value; more digits where the readout cannot tell two apart."""
    labels = [control.label(value) for value in values]
    if len(set(labels)) < len(labels):
        labels = [f"{value:.6g}" for value in values]
    return labels


def _frame_height(width: int, height: int) -> str:
    """The CSS height of the box the frames take turns in: the picture's, and no more than its
    shape needs on a screen narrower than the picture. A box of fixed height is what makes a
    move cheap in the page: the page picks the next frame by replacing the picture's element,
    and were the box to change size meanwhile, the browser would lay out again everything
    below it (in a course notebook, the rest of the page; measured in JupyterLab, a key press
    to the new picture 61 → 42 ms in the middle of notebook 05)."""
    return f"min({height}px, {100 * height / width:.4g}vw)"


def _slider_frames(control: _Slider, draw: Callable[[object], tuple[bytes, str]],
                   size: tuple[int, int]) -> _Frames:
    """Every frame of a figure driven by one slider, and the widgets that show them with no
    kernel: draw(value) -> (PNG bytes, the sentence the picture says) at each position of
    `control`; size: (width, height) of a picture in pixels."""
    values = _thinned(control.values, control.value)
    drawn = [draw(value) for value in values]
    start = values.index(control.value)
    width, height = size
    slider = widgets.SelectionSlider(
        options=list(zip(_labels(control, values), values, strict=True)), index=start,
        description=control.description, continuous_update=True, layout=SLIDER_LAYOUT,
        style=SLIDER_STYLE)
    # The frames share one layout, and the text lines one layout and one style: a widget
    # model each, not one per frame (fewer models to send, and a smaller page on the site).
    frame_layout = widgets.Layout()
    pictures = widgets.Stack([_FrameImage(value=frame, format="png", width=str(width),
                                          height=str(height), tooltip=words, layout=frame_layout)
                              for frame, words in drawn], selected_index=start,
                             layout=widgets.Layout(max_width=f"{width}px",
                                                   height=_frame_height(width, height)))
    # An HTML widget rather than a Label, so that a long sentence wraps instead of being cut.
    line_layout, line_style = widgets.Layout(max_width=f"{width}px"), HTMLStyle()
    captions = widgets.Stack([widgets.HTML(html.escape(words, quote=False), layout=line_layout,
                                           style=line_style)
                              for _, words in drawn], selected_index=start)
    for shown in (pictures, captions):
        shown.add_class(FRAMES_CLASS)
    links = tuple(widgets.jslink((slider, "index"), (shown, "selected_index"))
                  for shown in (pictures, captions))
    return _Frames(slider, pictures, captions, links, tuple(values),
                   tuple(frame for frame, _ in drawn), tuple(words for _, words in drawn))


# --- Frames of positions seen (figures with several sliders) --------------------------------

# The cache of frames by slider position: bounded in count and in bytes.
CACHE_FRAMES = 400
CACHE_BYTES = 4 * 1024 * 1024


def _key(values: Mapping[str, object]) -> tuple:
    """The cache key of these slider values: floats to 10 significant digits, so that the value
    the browser sends (computed in JavaScript) and the same position computed here agree."""
    return tuple(float(f"{v:.10g}") if isinstance(v, float) else v for v in values.values())


class _FrameCache:
    """The frames (PNG bytes) and words shown at slider positions, by position: a position seen
    before answers at once. At most `max_frames` frames and `max_bytes` bytes of pictures are
    kept, the least recently shown forgotten first."""

    def __init__(self, max_frames: int = CACHE_FRAMES, max_bytes: int = CACHE_BYTES):
        self.max_frames, self.max_bytes = max_frames, max_bytes
        self._kept: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()
        self.nbytes = 0

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: tuple) -> tuple[bytes, str] | None:
        """(frame, words) shown at this position, or None if not kept."""
        if key not in self._kept:
            return None
        self._kept.move_to_end(key)
        return self._kept[key]

    def put(self, key: tuple, frame: bytes, words: str) -> None:
        """Keep (frame, words) for this position, forgetting the oldest beyond the bounds."""
        if key in self._kept:
            self.nbytes -= len(self._kept.pop(key)[0])
        if len(frame) > self.max_bytes:  # it would push out every other frame, and then itself
            return
        self._kept[key] = (frame, words)
        self.nbytes += len(frame)
        while self._kept and (len(self._kept) > self.max_frames or self.nbytes > self.max_bytes):
            forgotten, _ = self._kept.popitem(last=False)[1]
            self.nbytes -= len(forgotten)
