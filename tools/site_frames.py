"""What a page of the static course site shows of a notebook's outputs (used by
tools/build_site.py), made from the notebook as a normal run leaves it: its outputs, and its
widget state with every frame of every one-slider figure (tools/regenerate.py's `execute`).

- An explorer with ONE slider (found by its CSS class, helpers.figures.live.EXPLORER_CLASS)
  needs no kernel as it is: its frames are in the widget state and the page picks them as the
  slider moves. Here they only get smaller, with every slider position and every pixel kept:
  the pixels that most frames share become one base picture (the per-pixel median of a sample
  of frames), drawn under every frame by the page's CSS, and each frame keeps only the pixels
  where it differs from the base (the rest see-through), as lossless WebP. The page then shows
  exactly the frame's pixels, in about a third of the bytes (measured: `python
  tools/build_site.py` prints each page's size).
- An explorer with several sliders draws each move in a kernel, so the page shows its starting
  picture, its sentence, and a line saying where to drag it.
- A static picture becomes an image with its sentence as its alt text (the caption that
  helpers.figures.live.Picture stores in the output's metadata), as lossless WebP.
- Each slider gets its accessible name (controls._spoken: "learning rate η" is read
  "learning rate eta") as its tooltip, which the page's script moves onto the slider's handle.

Nothing is executed here, and the notebook given is not changed: `page_notebook` returns a copy.
"""

from __future__ import annotations

import base64
import copy
import html
import io
import re

import numpy as np
from PIL import Image

from helpers.figures.controls import _spoken
from helpers.figures.frames import FRAMES_CLASS
from helpers.figures.live import EXPLORER_CLASS
from tools import badges

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SLIDER_MODELS = ("IntSliderModel", "FloatSliderModel", "FloatLogSliderModel",
                 "SelectionSliderModel")
# The base picture of a figure's frames is the median of at most this many of them, evenly
# spread over the slider (a sample: the median of all would hold every frame in memory).
BASE_SAMPLE = 25
# Lossless WebP at this effort: within 2 % of the smallest file at a fiftieth of the time.
WEBP = {"lossless": True, "quality": 50, "method": 3}


class SiteError(ValueError):
    """A notebook's outputs that a page cannot show as the course means them."""


def page_notebook(notebook, name: str) -> tuple[object, str]:
    """A copy of the executed `notebook` (file `name`) ready for its page, and the CSS the
    page needs (the base pictures under the frames)."""
    notebook = copy.deepcopy(notebook)
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    styles = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.outputs:
            data = output.get("data", {})
            view = data.get(WIDGET_VIEW)
            explorer = state.get(view["model_id"]) if view else None
            if explorer and EXPLORER_CLASS in explorer["state"].get("_dom_classes", ()):
                if _frame_stacks(state, explorer):
                    styles.append(_smaller_frames(state, explorer, len(styles)))
                else:
                    output = _still(state, explorer, name)
            elif "image/png" in data:
                output = _static_picture(output, f"{name}, cell {index + 1}")
            outputs.append(output)
        cell.outputs = outputs
    for model in state.values():
        if model["model_name"] in SLIDER_MODELS:
            model["state"]["tooltip"] = _spoken(model["state"]["description"])
    prune_widget_state(notebook)
    return notebook, "\n".join(styles)


# --- Reading the widget state ----------------------------------------------------------------


def _model(state: dict, reference: str) -> dict:
    return state[reference.removeprefix("IPY_MODEL_")]


def _children(state: dict, box: dict) -> list[dict]:
    return [_model(state, child) for child in box["state"]["children"]]


def _frame_stacks(state: dict, explorer: dict) -> list[dict]:
    return [child for child in _children(state, explorer)
            if child["model_name"] == "StackModel"
            and FRAMES_CLASS in child["state"].get("_dom_classes", ())]


def _image_bytes(model: dict) -> bytes:
    (buffer,) = [b for b in model.get("buffers", []) if b["path"] == ["value"]]
    return base64.b64decode(buffer["data"])


def _set_image(model: dict, data: bytes, kind: str) -> None:
    (buffer,) = [b for b in model.get("buffers", []) if b["path"] == ["value"]]
    buffer["data"], buffer["encoding"] = base64.b64encode(data).decode("ascii"), "base64"
    model["state"]["format"] = kind


def _rgba(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))


def _webp(pixels: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, "WEBP", **WEBP)
    return out.getvalue()


def _data_uri(data: bytes, kind: str = "webp") -> str:
    return f"data:image/{kind};base64,{base64.b64encode(data).decode('ascii')}"


# --- One slider: the frames, smaller ---------------------------------------------------------


def _base(frames: list[bytes]) -> np.ndarray:
    """The per-pixel median of up to BASE_SAMPLE frames spread over the slider: the picture
    most frames share most of."""
    picks = np.unique(np.linspace(0, len(frames) - 1, min(len(frames), BASE_SAMPLE)).astype(int))
    sample = np.stack([_rgba(frames[k]) for k in picks])
    return np.partition(sample, len(picks) // 2, axis=0)[len(picks) // 2]


def _overlay(frame: np.ndarray, base: np.ndarray) -> np.ndarray:
    """The frame's own pixels where it differs from the base, see-through elsewhere: drawn
    over the base, exactly the frame."""
    differs = np.any(frame != base, axis=2)
    overlay = np.zeros_like(frame)
    overlay[differs] = frame[differs]
    return overlay


def _smaller_frames(state: dict, explorer: dict, number: int) -> str:
    """Re-encode the frames of a one-slider explorer over a base picture; return its CSS."""
    (pictures,) = [stack for stack in _frame_stacks(state, explorer)
                   if _model(state, stack["state"]["children"][0])["model_name"] == "ImageModel"]
    images = _children(state, pictures)
    frames = [_image_bytes(image) for image in images]
    base = _base(frames)
    for image, frame in zip(images, frames, strict=True):
        _set_image(image, _webp(_overlay(_rgba(frame), base)), "webp")
    css_class = f"site-frames-{number}"
    pictures["state"]["_dom_classes"] = [*pictures["state"]["_dom_classes"], css_class]
    return (f".{css_class} img {{ background: url({_data_uri(_webp(base))}) 0 0 / 100% 100% "
            "no-repeat; }")


# --- Several sliders: the starting picture ---------------------------------------------------


def _still(state: dict, explorer: dict, name: str) -> dict:
    """An output showing the explorer's starting picture and sentence, and where to drag it."""
    children = _children(state, explorer)
    (image,) = [c for c in children if c["model_name"] == "ImageModel"]
    sliders = [c["state"]["description"] for c in children if c["model_name"] in SLIDER_MODELS]
    words = html.unescape(children[-1]["state"]["value"])  # the text line under the picture
    png = _image_bytes(image)
    width, height = Image.open(io.BytesIO(png)).size
    binder = html.escape(badges.binder_url(name))
    note = (f"This figure has {len(sliders)} sliders ({html.escape(', '.join(sliders))}). To "
            f'drag them, open the notebook in JupyterLab or <a href="{binder}">on Binder</a>; '
            "here you see its starting picture.")
    page = (f'<div class="{EXPLORER_CLASS} site-still">\n<p class="site-still-note">{note}</p>\n'
            f'<img src="{_data_uri(_webp(_rgba(png)))}" width="{width}" height="{height}" '
            f'alt="{html.escape(words)}">\n'
            f'<p class="site-caption">{html.escape(words, quote=False)}</p>\n</div>')
    return {"output_type": "display_data", "metadata": {},
            "data": {"text/html": page, "text/plain": words}}


# --- Static pictures -------------------------------------------------------------------------


def _static_picture(output: dict, where: str) -> dict:
    """The image as lossless WebP with its sentence as alt text."""
    alt = output.get("metadata", {}).get("image/png", {}).get("alt")
    if not alt:
        raise SiteError(f"{where}: a picture without its sentence (show figures with "
                        "helpers.figures.live.Picture, whose caption is the image's alt text)")
    png = base64.b64decode(output["data"]["image/png"])
    width, height = Image.open(io.BytesIO(png)).size
    page = (f'<img class="site-picture" src="{_data_uri(_webp(_rgba(png)))}" width="{width}" '
            f'height="{height}" alt="{html.escape(alt)}">')
    return {**output, "metadata": {}, "data": {"text/html": page, "text/plain": alt}}


# --- What the page keeps of the widget state -------------------------------------------------


def _references(value, found: set) -> None:
    if isinstance(value, str):
        if value.startswith("IPY_MODEL_"):
            found.add(value[len("IPY_MODEL_"):])
    elif isinstance(value, dict):
        for item in value.values():
            _references(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            _references(item, found)


def prune_widget_state(notebook) -> None:
    """Keep only the widgets a page shows (and the links between them): the kernel also held
    the explorers shown as still pictures, whose state would only make the page bigger."""
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state")
    if not state:
        return
    todo = {output["data"][WIDGET_VIEW]["model_id"] for cell in notebook.cells
            for output in cell.get("outputs", []) if WIDGET_VIEW in output.get("data", {})}
    keep: set = set()
    while todo:
        model = todo.pop()
        if model in keep or model not in state:
            continue
        keep.add(model)
        found: set = set()
        _references(state[model].get("state", {}), found)
        todo |= found - keep
        if not todo:  # links whose ends are both shown, and what they refer to
            for other, entry in state.items():
                if other not in keep and entry.get("model_name") in (
                        "LinkModel", "DirectionalLinkModel"):
                    ends: set = set()
                    _references(entry.get("state", {}), ends)
                    if ends and ends <= keep:
                        todo.add(other)
    for model in list(state):
        if model not in keep:
            del state[model]
    if not state:
        del notebook.metadata["widgets"]


def sizes(page: str) -> dict[str, int]:
    """Bytes of a page by part: the widget state (the frames), images, the rest."""
    state = sum(len(m) for m in re.findall(
        r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', page, re.S))
    images = sum(len(m) for m in re.findall(r'src="data:image/[^"]*"', page))
    return {"widget state": state, "images": images, "rest": len(page) - state - images}
