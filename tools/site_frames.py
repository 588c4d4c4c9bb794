"""Kernel-free figures for the static course site (imported in the kernel by tools/build_site.py).

The site is built by running each notebook in a fresh kernel with a hidden first cell that calls
``install()``. An explorer with ONE slider needs nothing more: its frames are made when its cell
runs, by the function that makes them in JupyterLab too (``helpers.figures.frames``), and the
page picks them as the slider moves, with no kernel; here they are only stored as lossless WebP
(the same pixels, half the bytes), so that a page of many frames stays small. An explorer with
several sliders draws each move in the kernel, so on the site it shows its starting picture and
a line saying where to drag it.

The notebooks in the repository are untouched: this changes only what the site's kernel shows.
"""

from __future__ import annotations

import html
import io

import ipywidgets as widgets
from PIL import Image

from helpers.figures.live import Explorer
from tools import badges

SITE_CLASS = "site-explorer"


def install(notebook: str | None = None) -> None:
    """Make every explorer with several sliders display its starting picture (in this kernel
    only); `notebook` names the notebook, for the link to open it on Binder."""

    def _ipython_display_(explorer: Explorer) -> None:
        from IPython.display import display

        if len(explorer.controls) == 1:
            explorer.add_class(SITE_CLASS)
            for image in explorer._frames.pictures.children:
                with image.hold_sync():
                    image.value, image.format = _webp(bytes(image.value)), "webp"
            display(explorer._repr_mimebundle_(), raw=True)
        else:
            display(_still(explorer, notebook))

    Explorer._ipython_display_ = _ipython_display_


def _webp(png: bytes) -> bytes:
    """A frame as lossless WebP: the same pixels in about half the bytes of the palette PNG
    (so a page of many frames stays within its budget), at some ten milliseconds a frame."""
    out = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("RGB").save(out, "WEBP", lossless=True, quality=50,
                                                    method=3)
    return out.getvalue()


def _still(explorer: Explorer, notebook: str | None) -> widgets.Widget:
    """The explorer's starting picture and caption, and a line saying where to drag it."""
    names = ", ".join(control.description for control in explorer.controls.values())
    where = "JupyterLab"
    if notebook:
        where = (f'JupyterLab or <a href="{badges.binder_url(notebook)}" target="_blank" '
                 'rel="noopener">on Binder</a>')
    note = widgets.HTML(
        f"<em>This figure has {len(explorer.controls)} sliders ({names}). To drag them, open "
        f"the notebook in {where}; here you see its starting picture.</em>")
    snapshot = explorer.snapshot()
    width, height = explorer.size
    picture = widgets.Image(value=snapshot.png, format="png",
                            layout=widgets.Layout(width=f"{width}px", height=f"{height}px"))
    box = widgets.VBox([note, picture, widgets.HTML(html.escape(snapshot.caption, quote=False))])
    box.add_class(SITE_CLASS)
    box.add_class("site-still")
    return box
