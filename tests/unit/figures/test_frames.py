"""The frames of a live figure (helpers/figures/frames.py): the frames of one slider made at
once and the widgets that show them with no kernel, what a saved notebook keeps of them, and
the bounded cache of positions seen.

Structural only: no timing here (see benchmarks/).
"""

import html
import json
import re

import ipywidgets as widgets
import nbformat
import pytest
from pictures import pixels

from helpers.figures import frames
from helpers.figures.controls import _int_slider, _log_slider, _slider
from helpers.figures.frames import _FrameCache, _key, _labels, _slider_frames, _thinned
from tools import regenerate


def picture(value) -> bytes:
    """A tiny PNG whose one pixel encodes `value` (so each frame can be told apart)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (3, 2), (int(value * 10) % 256, 0, 0)).save(out, format="PNG")
    return out.getvalue()


def made(control, size=(3, 2)):
    """_slider_frames over `control` (pictures of `size`) with a draw that records the values
    it was asked for."""
    asked = []

    def draw(value):
        asked.append(value)
        return picture(value), f"at {value} & more"

    return _slider_frames(control, draw, size), asked


# --- The frames of one slider ---------------------------------------------------------------


def test_every_position_of_the_slider_is_drawn_once_in_order_with_its_readout():
    shown, asked = made(_slider("x", 0.3, 0, 1, 0.1))
    assert asked == [k / 10 for k in range(11)] == list(shown.values)
    assert shown.slider.description == "x" and shown.slider.value == 0.3
    assert [label for label, _ in shown.slider.options][:3] == ["0.00", "0.10", "0.20"]
    for k, (image, line) in enumerate(zip(shown.pictures.children, shown.captions.children,
                                          strict=True)):
        assert tuple(pixels(bytes(image.value))[0, 0]) == (k, 0, 0)
        assert line.value == html.escape(f"at {k / 10} & more", quote=False)
    assert shown.pictures.selected_index == shown.captions.selected_index == 3


def test_each_frame_carries_its_sentence_and_shrinks_to_a_narrow_screen():
    shown, _ = made(_slider("x", 0.3, 0, 1, 0.1))
    for image, line in zip(shown.pictures.children, shown.captions.children, strict=True):
        assert html.escape(image.tooltip, quote=False) == line.value  # its title on the page
        assert image.description == "" and "description" in image.keys  # lets the title through
        assert (image.width, image.height) == ("3", "2"), "its shape, as attributes"
        assert image.layout.width is None and image.layout.height is None, "no fixed size"
    assert shown.pictures.layout.max_width == "3px"
    assert shown.slider.layout.max_width == "100%"


def _css_min(value: str, viewport: float) -> float:
    """The pixels of a CSS `min(Apx, Bvw)` on a screen `viewport` pixels wide."""
    px, vw = re.fullmatch(r"min\(([\d.]+)px, ([\d.]+)vw\)", value).groups()
    return min(float(px), float(vw) * viewport / 100)


def test_the_frames_box_keeps_its_height_as_frames_swap_and_the_pictures_shape_when_narrow():
    shown, _ = made(_slider("x", 0.3, 0, 1, 0.1), size=(900, 400))
    height = shown.pictures.layout.height
    assert _css_min(height, 1400) == 400, "a fixed height, the picture's, on a wide screen"
    assert _css_min(height, 390) == pytest.approx(390 * 400 / 900, abs=0.1), "its shape"


def test_the_frames_share_one_layout_and_the_lines_one_layout_and_style():
    shown, _ = made(_slider("x", 0.3, 0, 1, 0.1))
    assert len({id(image.layout) for image in shown.pictures.children}) == 1
    assert len({id(line.layout) for line in shown.captions.children}) == 1
    assert len({id(line.style) for line in shown.captions.children}) == 1


def test_the_page_links_the_slider_to_both_stacks_of_frames():
    shown, _ = made(_int_slider("n", 2, 0, 4))
    assert {(*link.source, *link.target) for link in shown.links} == {
        (shown.slider, "index", shown.pictures, "selected_index"),
        (shown.slider, "index", shown.captions, "selected_index")}
    assert all(link._model_name == "LinkModel" for link in shown.links)  # in the page


def test_a_slider_with_many_positions_gets_at_most_max_frames_with_its_ends_and_start():
    control = _slider("x", 0.123, 0, 50, 0.01)  # 5,001 positions and a start between them
    kept = _thinned(control.values, control.value)
    assert len(kept) <= frames.MAX_FRAMES
    assert kept[0] == 0 and kept[-1] == 50 and 0.123 in kept and kept == sorted(kept)
    assert _thinned([1, 2, 3], 2) == [1, 2, 3]


def test_labels_that_the_readout_cannot_tell_apart_get_more_digits():
    control = _log_slider("η", 1.0, 1.0, 1.01, steps_per_decade=1000)  # "1" five times at .3g
    labels = _labels(control, control.values)
    assert len(set(labels)) == len(labels) == len(control.values)


# --- What a saved notebook keeps of them ----------------------------------------------------


def test_a_saved_notebook_keeps_only_the_starting_frame_and_shows_it():
    shown, _ = made(_slider("x", 0.3, 0, 1, 0.1))
    box = widgets.VBox([shown.slider, shown.pictures, shown.captions])
    state = widgets.Widget.get_manager_state(drop_defaults=False)["state"]
    cell = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
        "display_data", {regenerate.WIDGET_VIEW: {"model_id": box.model_id}})])
    notebook = nbformat.v4.new_notebook(cells=[cell], metadata={
        "widgets": {regenerate.WIDGET_STATE: {"state": json.loads(json.dumps(state))}}})
    regenerate.keep_starting_frames(notebook)
    kept = notebook.metadata["widgets"][regenerate.WIDGET_STATE]["state"]
    stacks = [kept[model.model_id]["state"] for model in (shown.pictures, shown.captions)]
    start_picture, start_line = shown.pictures.children[3], shown.captions.children[3]
    assert [stack["children"] for stack in stacks] == [[f"IPY_MODEL_{start_picture.model_id}"],
                                                       [f"IPY_MODEL_{start_line.model_id}"]]
    assert all(stack["selected_index"] == 0 for stack in stacks)
    other_frames = {w.model_id for w in shown.pictures.children + shown.captions.children}
    assert not other_frames - {start_picture.model_id, start_line.model_id} & set(kept)
    assert not {link.model_id for link in shown.links} & set(kept)
    assert box.model_id in kept and shown.slider.model_id in kept


# --- Frames of positions seen ---------------------------------------------------------------


def test_the_cache_keeps_the_most_recently_shown_within_its_count_and_bytes():
    cache = _FrameCache(max_frames=3, max_bytes=100)
    for k in range(5):
        cache.put((k,), bytes(10), f"words {k}")
    assert len(cache) == 3 and cache.nbytes == 30
    assert cache.get((0,)) is None and cache.get((4,)) == (bytes(10), "words 4")
    cache.get((2,))  # shown again: now the most recent, so it outlives 3
    cache.put((5,), bytes(10), "words 5")
    assert cache.get((2,)) is not None and cache.get((3,)) is None
    cache.put((6,), bytes(90), "big")
    assert cache.nbytes <= 100 and cache.get((6,)) == (bytes(90), "big")
    cache.put((7,), bytes(101), "too big to keep")
    assert cache.get((7,)) is None and cache.get((6,)) == (bytes(90), "big")


def test_a_slider_value_computed_two_ways_finds_the_same_frame():
    assert _key({"a": 0.1 + 0.2, "n": 3}) == _key({"a": 0.3, "n": 3})
    assert _key({"lr": 10 ** (-3 + 0.05 * 7)}) == _key({"lr": 10 ** -2.65})
    assert _key({"a": 0.3}) != _key({"a": 0.31})
