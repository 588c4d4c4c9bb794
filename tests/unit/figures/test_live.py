"""The live-figure machinery (helpers/figures/live.py): the blitted figure and its frames,
Picture, and Explorer — with one slider (every frame made when it is built, picked in the
page) and with several (each move drawn when it comes) — and, over every explorer of the
course as its notebook builds it, what every explorer must do.

Structural only: no timing here (see benchmarks/).
"""

import asyncio
import base64
import threading
import warnings

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from pictures import looks_the_same, pixels

from helpers.figures import catalogue, frames, style
from helpers.figures.controls import _slider
from helpers.figures.live import (
    CARD_FRAME,
    CARD_RADIUS,
    EXPLORER_CLASS,
    Explorer,
    Picture,
    _LiveFigure,
)

NAMES = sorted(catalogue.explorers())


def figure_with_a_moving_line():
    fig, (ax,) = style.new_figure(4, 3)
    ax.set(xlim=(0, 1), ylim=(0, 1))
    ax.plot([0, 1], [0, 1], color="black")  # still
    (moving,) = ax.plot([0, 1], [1, 0], color="red")
    return fig, moving


def line_explorer(calls=None, sliders=("height",)):
    """An explorer of a red line whose left end is at `height` (and, with a second slider,
    whose right end is at `tilt`); update's calls are kept in `calls`."""

    def scene():
        fig, moving = figure_with_a_moving_line()

        def update(height, tilt=0.0):
            if calls is not None:
                calls.append((height, tilt))
            moving.set_ydata([height, tilt])
            return f"the line goes from {height:.1f} to {tilt:.1f}"

        return fig, [moving], update

    controls = {"height": _slider("height", 0.5, 0, 1, 0.1)}
    if "tilt" in sliders:
        controls["tilt"] = _slider("tilt", 0.0, 0, 1, 0.1)
    return Explorer(scene, controls, "a moving line")


# --- The blitted figure ---------------------------------------------------------------------


def test_a_moved_artist_is_drawn_over_the_saved_background_and_moved_back_exactly():
    fig, moving = figure_with_a_moving_line()
    figure = _LiveFigure(fig, [moving])
    assert figure.size == (400, 300) and moving.get_animated()
    first = figure.render(exact=True)
    moving.set_ydata([0.5, 0.5])
    assert not looks_the_same(pixels(figure.render(exact=True)), pixels(first))
    fig.axes[0].set_facecolor("yellow")  # a still part: kept as it was saved
    moving.set_ydata([1, 0])
    assert np.array_equal(pixels(figure.render(exact=True)), pixels(first))


def test_a_palette_frame_looks_the_same_as_the_exact_picture_and_is_smaller():
    fig, moving = figure_with_a_moving_line()
    fig.axes[0].imshow(np.linspace(0, 1, 400).reshape(20, 20), extent=(0, 1, 0, 1),
                       cmap="viridis", alpha=0.5)  # a gradient: more colours than a palette
    figure = _LiveFigure(fig, [moving])
    exact, frame = figure.render(exact=True), figure.render()
    assert frame.startswith(b"\x89PNG") and len(frame) < len(exact)
    assert looks_the_same(pixels(frame), pixels(exact))
    assert tuple(pixels(frame)[150, 5]) == (255, 255, 255), "the white page stays white"


# --- Picture --------------------------------------------------------------------------------


def test_a_picture_shows_the_image_with_its_caption_as_alt_text_then_the_caption(monkeypatch):
    from IPython.core.formatters import DisplayFormatter

    fig, _ = figure_with_a_moving_line()
    shown = []
    monkeypatch.setattr("helpers.figures.live.display", lambda *a, **k: shown.append(a[0]))
    picture = Picture(fig, "a red line falls")
    picture._ipython_display_()
    data, metadata = DisplayFormatter().format(shown[0])
    assert base64.b64decode(data["image/png"]) == picture.png
    assert metadata == {"image/png": {"alt": "a red line falls"}}
    assert shown[1] == {"text/plain": "a red line falls"}
    assert repr(picture) == "[figure] a red line falls"


def _rgba(png: bytes) -> np.ndarray:
    import io

    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"), dtype=int)


def test_a_picture_sits_on_a_light_card_with_see_through_corners_and_a_frame():
    fig, _ = figure_with_a_moving_line()
    plain = style._png(fig)
    card = _rgba(Picture(plain, "a line").png)
    ink = _rgba(plain)
    height, width, _ = card.shape
    assert card.shape == ink.shape
    for corner in ((0, 0), (0, width - 1), (height - 1, 0), (height - 1, width - 1)):
        assert card[corner][3] == 0, "beyond the rounded corner the page shows"
    assert tuple(card[height // 2, 0]) == (*CARD_FRAME, 255), "a frame line along the edge"
    for inside in ((slice(CARD_RADIUS, -CARD_RADIUS), slice(1, -1)),
                   (slice(1, -1), slice(CARD_RADIUS, -CARD_RADIUS))):
        assert np.array_equal(card[inside], ink[inside]), "the figure itself is untouched"


def test_a_palette_frame_has_the_card_too_and_one_see_through_colour():
    import io

    from PIL import Image

    fig, moving = figure_with_a_moving_line()
    figure = _LiveFigure(fig, [moving])
    frame, exact = Image.open(io.BytesIO(figure.render())), _rgba(figure.render(exact=True))
    assert frame.mode == "P" and isinstance(frame.info["transparency"], int)
    seen = np.asarray(frame.convert("RGBA"), dtype=int)
    assert seen[0, 0, 3] == exact[0, 0, 3] == 0 and seen[150, 200, 3] == 255
    assert tuple(seen[150, 0]) == tuple(exact[150, 0]) == (*CARD_FRAME, 255), "the frame line"
    assert (seen[..., 3] == 0).sum() == (exact[..., 3] < 128).sum()


# --- An explorer of one slider: frames made when it is built --------------------------------


def test_one_slider_gets_every_frame_at_once_and_moving_it_asks_no_kernel_work():
    calls = []
    explorer = line_explorer(calls)
    control = explorer.controls["height"]
    assert isinstance(control, widgets.SelectionSlider)
    assert control.description == "height" and control.index == 5
    assert [label for label, _ in control.options] == [f"{h / 10:.2f}" for h in range(11)]
    made = len(calls)
    assert sorted({height for height, _ in calls}) == [h / 10 for h in range(11)]
    control.value = 0.2
    assert len(calls) == made, "a move draws nothing: the frame is already made"
    assert explorer.caption == "the line goes from 0.2 to 0.0"
    assert explorer.values() == {"height": 0.2}


def test_each_frame_is_the_picture_and_caption_of_its_slider_position(drawn_anew):
    explorer = line_explorer()
    for height in (0.0, 0.3, 1.0):
        explorer.controls["height"].value = height
        picture, caption = drawn_anew(explorer, height=height)
        assert looks_the_same(pixels(explorer.picture().png), picture)
        assert explorer.caption == explorer.picture().caption == caption


def test_the_page_switches_picture_and_caption_with_the_slider_by_itself():
    explorer = line_explorer()
    slider, pictures, captions = explorer.children
    assert [type(w) for w in explorer.children] == [widgets.SelectionSlider, widgets.Stack,
                                                    widgets.Stack]
    links = {(*link.source, *link.target) for link in explorer._frames.links}
    for shown in (pictures, captions):
        assert (slider, "index", shown, "selected_index") in links
        assert frames.FRAMES_CLASS in shown._dom_classes
        assert len(shown.children) == len(slider.options) == 11
    assert pictures.selected_index == captions.selected_index == slider.index
    assert captions.children[2].value == "the line goes from 0.2 to 0.0"


def test_an_explorer_of_either_kind_is_tagged_for_the_site_and_its_picture_has_its_words():
    one, several = line_explorer(), line_explorer(sliders=("height", "tilt"))
    assert EXPLORER_CLASS in one._dom_classes and EXPLORER_CLASS in several._dom_classes
    several.controls["tilt"].value = 0.9
    image = several.children[2]
    assert image.tooltip == several.caption == "the line goes from 0.5 to 0.9"
    assert image.layout.height is None and (image.width, image.height) == ("400", "300")


def test_the_snapshot_is_the_starting_picture_in_every_colour():
    explorer = line_explorer()
    explorer.controls["height"].value = 1.0
    fig, moving = figure_with_a_moving_line()
    moving.set_ydata([0.5, 0.0])
    exact = _LiveFigure(fig, [moving]).render(exact=True)
    assert np.array_equal(pixels(explorer.snapshot().png), pixels(exact))
    assert explorer.snapshot().caption == "the line goes from 0.5 to 0.0"


# --- An explorer of several sliders: each move drawn when it comes ---------------------------


def test_a_move_draws_the_new_picture_and_a_position_seen_before_is_not_drawn_again(
        drawn_anew):
    calls = []
    explorer = line_explorer(calls, sliders=("height", "tilt"))
    image = explorer.children[2]
    explorer.controls["tilt"].value = 0.9
    picture, caption = drawn_anew(explorer)
    assert looks_the_same(pixels(bytes(image.value)), picture) and explorer.caption == caption
    seen = bytes(image.value)
    explorer.controls["tilt"].value = 0.3
    drawn = len(calls)
    explorer.controls["tilt"].value = 0.9
    assert len(calls) == drawn and bytes(image.value) == seen
    assert explorer.children[3].value == explorer.caption == "the line goes from 0.5 to 0.9"


def test_the_frames_kept_stay_within_their_bounds():
    explorer = line_explorer(sliders=("height", "tilt"))
    explorer._cache.max_frames = 4
    for height in np.linspace(0, 1, 11):
        explorer.controls["height"].value = float(height)
    assert len(explorer._cache) == 4
    assert explorer._cache.nbytes == sum(len(f) for f, _ in explorer._cache._kept.values())


# --- Nothing in the background ---------------------------------------------------------------


def test_an_explorer_leaves_nothing_running_behind_it():
    # Built and moved inside an event loop, as in a kernel: nothing may be left scheduled on
    # it (its timers and ready callbacks) and no thread may be started.
    async def build_and_move():
        loop = asyncio.get_running_loop()
        before = len(loop._scheduled) + len(loop._ready)
        for explorer in (line_explorer(), line_explorer(sliders=("height", "tilt"))):
            for control in explorer.controls.values():
                control.value = 0.7
        return len(loop._scheduled) + len(loop._ready) - before

    threads = threading.active_count()
    assert asyncio.run(build_and_move()) == 0, "a callback was scheduled on the event loop"
    assert threading.active_count() == threads, "a thread was started"


# --- Every explorer of the course, as its notebook builds it ---------------------------------


def _positions(control, count=7):
    """`count` of a slider's values from one end to the other."""
    if isinstance(control, widgets.SelectionSlider):
        values = [value for _, value in control.options]
    else:
        step = control.step
        values = list(np.arange(control.min, control.max + step / 2, step))
        if isinstance(control, widgets.FloatLogSlider):
            values = [10.0**v for v in values]
    return [values[int(i)] for i in np.linspace(0, len(values) - 1, count)]


@pytest.mark.parametrize("name", NAMES)
def test_every_position_shows_a_picture_and_words_with_no_warning_nan_or_inf(
        name, course_explorer):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        explorer = course_explorer(name)
        for key, control in explorer.controls.items():
            for value in _positions(control):
                control.value = type(control.value)(value)
                where = f"{key} = {control.value}"
                assert explorer.picture().png.startswith(b"\x89PNG"), where
                words = explorer.caption.lower().replace(",", " ").replace(";", " ").split()
                assert not {"nan", "inf", "-inf"} & set(words), (where, explorer.caption)


@pytest.mark.parametrize("name", NAMES)
def test_every_slider_keeps_its_name_and_moving_it_changes_picture_and_words(
        name, course_explorer):
    explorer = course_explorer(name)
    figures_before = plt.get_fignums()
    for key, control in explorer.controls.items():
        assert control.description and control.readout, key
        first = explorer.picture()
        values = _positions(control, 2)
        control.value = values[1] if control.value == values[0] else values[0]
        assert explorer.caption != first.caption, key
        assert not looks_the_same(pixels(explorer.picture().png), pixels(first.png)), key
    assert plt.get_fignums() == figures_before, "no pyplot figure is left open"


@pytest.mark.parametrize("name", NAMES)
def test_every_frame_is_what_its_scene_draws_at_that_position(name, course_explorer,
                                                               drawn_anew):
    explorer = course_explorer(name)
    start = explorer.picture()
    assert looks_the_same(pixels(explorer.snapshot().png), pixels(start.png))
    assert explorer.snapshot().caption == start.caption
    for key, control in explorer.controls.items():
        value = _positions(control, 3)[1]
        control.value = value
        picture, caption = drawn_anew(explorer)
        assert looks_the_same(pixels(explorer.picture().png), picture), (key, value)
        assert explorer.caption == caption
