"""Kernel-free figures for the static course site (imported in the kernel by tools/build_site.py).

The site is built by running each notebook in a fresh kernel with a hidden first cell that calls
``install()``. From then on, displaying an ``Explorer`` displays a version that needs no kernel:

- an explorer with ONE slider becomes a ``SelectionSlider`` over precomputed frames: each
  position's picture (and text line, if the explorer has ``.caption``) sits in an
  ``ipywidgets.Stack``, and ``jslink((slider, "index"), (stack, "selected_index"))`` switches
  them in the browser;
- an explorer with several sliders becomes its first picture and a line saying where to drag it.

The notebooks in the repository are untouched: these frames exist only in the site build.
"""

from __future__ import annotations

import importlib
import io
import math
from contextlib import ExitStack

import ipywidgets as widgets

from tools import badges

# The one place that names the Explorer class, as "module:Class" (more than one may be listed
# while a move is under way: the first that imports wins).
EXPLORER_LOCATIONS = ("helpers.figures.live:Explorer",)

# At most this many frames per slider; a slider with more positions gets every k-th one (its
# ends and starting value always kept). Every slider in the course fits (the largest has 161).
MAX_FRAMES = 161
# Frames are reduced to 128 colours (median cut, no dithering: no visible change for these
# flat-coloured plots) and stored as lossless WebP, which every current browser shows: about
# 14 kB a frame, against 17 kB as a palette PNG and 45-70 kB as matplotlib's own PNG.
PALETTE_COLOURS = 128
FORMAT = "webp"
SITE_CLASS = "site-explorer"

_settings = {"notebook": None}
_built: dict[int, widgets.Widget] = {}


def explorer_class() -> type:
    """The course's Explorer class, from the first of EXPLORER_LOCATIONS that imports."""
    errors = []
    for location in EXPLORER_LOCATIONS:
        module_name, _, name = location.partition(":")
        try:
            return getattr(importlib.import_module(module_name), name)
        except (ImportError, AttributeError) as error:
            errors.append(f"{location}: {error}")
    raise ImportError("no Explorer class found; tried " + "; ".join(errors))


def install(notebook: str | None = None) -> None:
    """Make every Explorer display its kernel-free version (in this kernel only)."""
    _settings["notebook"] = notebook
    cls = explorer_class()

    def _repr_mimebundle_(self, **kwargs):
        bundle = static_version(self)._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = repr(self)
        return bundle

    cls._repr_mimebundle_ = _repr_mimebundle_
    if hasattr(cls, "_ipython_display_"):  # IPython would call it before _repr_mimebundle_
        from IPython.display import display

        cls._ipython_display_ = lambda self: display(static_version(self))


def static_version(explorer) -> widgets.Widget:
    """The kernel-free widget shown for `explorer` (built once, then reused)."""
    key = id(explorer)
    if key not in _built:
        if len(explorer.controls) == 1:
            _built[key] = _frames(explorer)
        else:
            _built[key] = _still(explorer)
        _built[key]._site_source = explorer  # keeps id(explorer) from being reused
    return _built[key]


# --- One slider: precomputed frames ---------------------------------------------------------


def encode(png: bytes) -> bytes:
    """A frame (PNG bytes) as a small image in FORMAT."""
    from PIL import Image

    picture = Image.open(io.BytesIO(png)).convert("RGB")
    reduced = picture.quantize(colors=PALETTE_COLOURS, method=Image.Quantize.MEDIANCUT,
                               dither=Image.Dither.NONE)
    out = io.BytesIO()
    if FORMAT == "webp":
        # method 3, quality 50: within 1 % of the smallest (method 6) at 1 % of its time.
        reduced.convert("RGB").save(out, "WEBP", lossless=True, quality=50, method=3)
    else:
        reduced.save(out, "PNG", optimize=True)
    return out.getvalue()


def positions(control) -> list:
    """The values a slider can take (subsampled to MAX_FRAMES), always with its start value."""
    start = control.value
    if isinstance(control, widgets.FloatLogSlider):
        count = int(math.floor((control.max - control.min) / control.step + 1e-9)) + 1
        values = [float(control.base ** (control.min + k * control.step)) for k in range(count)]
    elif isinstance(control, widgets.IntSlider):
        values = list(range(control.min, control.max + 1, control.step))
        if values[-1] != control.max:
            values.append(control.max)
    elif isinstance(control, widgets.FloatSlider):
        count = int(math.floor((control.max - control.min) / control.step + 1e-9)) + 1
        digits = max(0, -math.floor(math.log10(control.step))) + 6
        values = [round(control.min + k * control.step, digits) for k in range(count)]
        if control.max - values[-1] > 1e-9 * control.step:
            values.append(control.max)
    else:
        raise TypeError(f"no frames for a {type(control).__name__}")
    if len(values) > MAX_FRAMES:  # every k-th position, so the frames stay evenly spaced
        stride = math.ceil((len(values) - 1) / (MAX_FRAMES - 1))
        values = values[:-1:stride] + values[-1:]
    if not any(math.isclose(v, start, rel_tol=1e-9, abs_tol=1e-12) for v in values):
        values = sorted([*values, start])
    return [start if math.isclose(v, start, rel_tol=1e-9, abs_tol=1e-12) else v for v in values]


def label(control, value) -> str:
    """A value written as the original slider's readout writes it."""
    spec = getattr(control, "readout_format", "") or ("d" if isinstance(value, int) else ".3g")
    try:
        return format(value, spec)
    except (ValueError, TypeError):
        return f"{value:g}"


def _labels(control, values: list) -> list[str]:
    labels = [label(control, v) for v in values]
    if len(set(labels)) < len(labels):  # the readout's precision cannot tell two apart
        labels = [f"{v:.6g}" for v in values]
    return labels


def _caption(explorer):
    caption = getattr(explorer, "caption", None)
    if isinstance(caption, widgets.Widget) and isinstance(getattr(caption, "value", None), str):
        return caption
    return None


def _frames(explorer) -> widgets.Widget:
    (control,) = explorer.controls.values()
    try:
        values = positions(control)
    except TypeError:
        return _still(explorer)
    start = control.value
    caption = _caption(explorer)
    pictures, texts = [], []
    with ExitStack() as held:
        # Held: the kernel sends each widget's final state once, not one message per frame.
        for widget in (control, explorer.image, caption):
            if widget is not None:
                held.enter_context(widget.hold_sync())
        for value in values:
            before = explorer.image.value
            control.value = value
            if explorer.image.value is before:  # no observer redrew (e.g. the value was current)
                explorer.redraw()
            pictures.append(encode(bytes(explorer.image.value)))
            texts.append(caption.value if caption is not None else None)
        before = explorer.image.value
        control.value = start
        if explorer.image.value is before:
            explorer.redraw()
    index = values.index(start)
    width, height = explorer.live.size
    size = {"width": f"{width}px", "height": f"{height}px"}
    slider = widgets.SelectionSlider(
        options=list(zip(_labels(control, values), range(len(values)), strict=True)),
        index=index,
        description=control.description, continuous_update=True, readout=True,
        layout=widgets.Layout(width=control.layout.width),
        style={"description_width": control.style.description_width},
    )
    frame_layout = widgets.Layout(**size)  # one layout model for all frames
    images = widgets.Stack(
        [widgets.Image(value=p, format=FORMAT, layout=frame_layout) for p in pictures],
        selected_index=index, layout=widgets.Layout(**size))
    widgets.jslink((slider, "index"), (images, "selected_index"))
    replaced = {id(control): slider, id(explorer.image): images}
    if caption is not None:
        line_layout = widgets.Layout()
        lines = widgets.Stack([type(caption)(value=t, layout=line_layout) for t in texts],
                              selected_index=index)
        widgets.jslink((slider, "index"), (lines, "selected_index"))
        replaced[id(caption)] = lines
    children = [replaced.get(id(child), child) for child in explorer.children]
    for extra in (slider, images):
        if extra not in children:
            children.append(extra)
    box = widgets.VBox(children)
    box.add_class(SITE_CLASS)
    return box


# --- Several sliders: the first picture and where to drag it ---------------------------------


def _still(explorer) -> widgets.Widget:
    names = ", ".join(getattr(c, "description", k) or k for k, c in explorer.controls.items())
    notebook = _settings["notebook"]
    where = "JupyterLab"
    if notebook:
        where = (f'JupyterLab or <a href="{badges.binder_url(notebook)}" target="_blank" '
                 'rel="noopener">on Binder</a>')
    note = widgets.HTML(
        f"<em>This figure has {len(explorer.controls)} sliders ({names}). To drag them, open "
        f"the notebook in {where}; here you see its starting picture.</em>")
    width, height = explorer.live.size
    picture = widgets.Image(value=encode(bytes(explorer.snapshot().png)), format=FORMAT,
                            layout=widgets.Layout(width=f"{width}px", height=f"{height}px"))
    box = widgets.VBox([note, picture])
    box.add_class(SITE_CLASS)
    box.add_class("site-still")
    return box
