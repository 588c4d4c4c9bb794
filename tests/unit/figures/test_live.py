"""The live-figure machinery (LiveFigure, Explorer, the sliders, the shared checks) and, over
every explorer of the course as its notebook builds it, what every explorer must do.

Structural only: no timing here (see benchmarks/).
"""

import io
import math
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

from helpers.figures import catalogue, live, style
from helpers.figures.live import (
    Explorer,
    LiveFigure,
    int_slider,
    log_slider,
    slider,
)

EXPLORERS = catalogue.explorers()


def figure_with_a_moving_line():
    fig, (ax,) = style.new_figure(4, 3)
    ax.set(xlim=(0, 1), ylim=(0, 1))
    ax.plot([0, 1], [0, 1], color="black")  # still
    (moving,) = ax.plot([0, 1], [1, 0], color="red")
    return fig, moving


def picture(png):
    return np.asarray(Image.open(io.BytesIO(png)))


# --- LiveFigure -----------------------------------------------------------------------------


def test_render_gives_a_png_of_the_figure_size():
    fig, moving = figure_with_a_moving_line()
    live_figure = LiveFigure(fig, [moving])
    image = Image.open(io.BytesIO(live_figure.render()))
    assert image.format == "PNG"
    assert image.size == live_figure.size == (400, 300)
    assert moving.get_animated()


def test_moving_an_artist_changes_only_the_picture_not_the_figure_count():
    fig, moving = figure_with_a_moving_line()
    live_figure = LiveFigure(fig, [moving])
    before = plt.get_fignums()
    first = live_figure.render()
    moving.set_ydata([0.5, 0.5])
    second = live_figure.render()
    assert first != second
    moving.set_ydata([1, 0])
    assert live_figure.render() == first, "blitting restores the background exactly"
    assert plt.get_fignums() == before


def test_the_background_holds_the_still_parts_until_refreshed():
    fig, moving = figure_with_a_moving_line()
    live_figure = LiveFigure(fig, [moving])
    first = picture(live_figure.render())
    fig.axes[0].set_facecolor("yellow")  # a still part changes...
    assert np.array_equal(picture(live_figure.render()), first)
    live_figure.refresh_background()  # ...and shows once the background is redrawn
    assert not np.array_equal(picture(live_figure.render()), first)


def test_a_palette_frame_looks_the_same_as_the_exact_picture():
    fig, moving = figure_with_a_moving_line()
    fig.axes[0].imshow(np.linspace(0, 1, 400).reshape(20, 20), extent=(0, 1, 0, 1),
                       cmap="viridis", alpha=0.5)  # a gradient: more colours than the palette
    live_figure = LiveFigure(fig, [moving])
    exact = live_figure.render()
    frame = live_figure.encode(exact=False)
    assert Image.open(io.BytesIO(frame)).mode == "P" and frame.startswith(b"\x89PNG")
    assert len(frame) < len(exact)
    difference = np.abs(picture_rgb(frame) - picture_rgb(exact)).max(axis=2)
    assert difference.shape == (300, 400)
    assert difference.mean() < 3 and (difference > 16).mean() < 0.001
    assert difference[0, 0] == 0, "the white page stays exactly white"


def picture_rgb(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


# --- Explorer -------------------------------------------------------------------------------


def test_explorer_text_fallback_says_what_to_do():
    def scene():
        fig, moving = figure_with_a_moving_line()
        return fig, [moving], lambda height: moving.set_ydata([height, 1 - height])

    explorer = Explorer(scene, {"height": slider("height", 0.5, 0, 1, 0.1)}, "a moving line")
    assert "a moving line" in repr(explorer)
    assert "run this cell in JupyterLab" in repr(explorer)


def moving_line_explorer(calls=None):
    def scene():
        fig, moving = figure_with_a_moving_line()

        def update(height):
            if calls is not None:
                calls.append(height)
            moving.set_ydata([height, 1 - height])
            return f"the line starts at {height:.1f}"

        return fig, [moving], update

    return Explorer(scene, {"height": slider("height", 0.5, 0, 1, 0.1)}, "a moving line")


def test_a_position_seen_before_answers_from_the_cache_with_the_same_bytes_and_words():
    calls = []
    explorer = moving_line_explorer(calls)
    control = explorer.controls["height"]
    control.value = 0.2
    seen = bytes(explorer.image.value), explorer.caption.value
    control.value = 0.9
    drawn = len(calls)
    control.value = 0.2
    assert len(calls) == drawn, "a position seen before is not computed again"
    assert (bytes(explorer.image.value), explorer.caption.value) == seen
    assert explorer.caption.value == "the line starts at 0.2"
    assert not explorer.image.tooltip, "a tooltip breaks the Image's view in JupyterLab"
    explorer.redraw()  # redraw() always draws anew, and gives the same picture
    assert len(calls) == drawn + 1 and bytes(explorer.image.value) == seen[0]


def test_a_frame_from_the_cache_is_the_frame_drawn_anew():
    explorer = moving_line_explorer()
    control = explorer.controls["height"]
    for value in (0.1, 0.7, 0.3):
        control.value = value
    from_cache = {}
    for value in (0.1, 0.7, 0.3):
        control.value = value
        from_cache[value] = bytes(explorer.image.value), explorer.caption.value
    fresh = moving_line_explorer()
    for value in (0.1, 0.7, 0.3):
        fresh.controls["height"].value = value
        assert (bytes(fresh.image.value), fresh.caption.value) == from_cache[value]


def test_the_starting_picture_and_snapshot_are_exact_and_later_frames_look_the_same():
    explorer = moving_line_explorer()
    start = bytes(explorer.image.value)
    live_figure = explorer.live
    assert start == explorer.snapshot().png == live_figure.render(), "every colour, as before"
    assert explorer.snapshot().caption == "the line starts at 0.5"
    explorer.controls["height"].value = 0.9
    explorer.controls["height"].value = 0.5
    back = bytes(explorer.image.value)
    assert back.startswith(b"\x89PNG")
    assert np.abs(picture_rgb(back) - picture_rgb(start)).max() <= 16
    exact = explorer.picture()  # the current position in every colour, as an ordinary output
    assert exact.png == start and exact.caption == "the line starts at 0.5"


def test_an_explorer_s_cache_stays_within_its_bound_over_many_positions():
    explorer = moving_line_explorer()
    explorer.cache.max_frames = 5
    control = explorer.controls["height"]
    for value in np.linspace(0, 1, 11):
        control.value = float(value)
    assert len(explorer.cache) == 5
    assert explorer.cache.nbytes == sum(len(p) for p, _ in explorer.cache._frames.values())
    assert explorer.cache.nbytes <= live.CACHE_BYTES


# --- Sliders --------------------------------------------------------------------------------


def test_log_slider_spans_the_requested_range():
    control = log_slider(live.LR_LABEL, 0.1, 1e-3, 10)
    assert control.min == pytest.approx(-3) and control.max == pytest.approx(1)
    assert control.value == pytest.approx(0.1)


# (call, exception type, how the message opens: at least the argument's name)
BAD_SLIDERS = {
    "slider value off range": (lambda: slider("s", 5, 0, 1, 0.1), ValueError, "value"),
    "slider readout_format unknown": (
        lambda: slider("s", 0.5, 0, 1, 0.1, "%%"), ValueError, "readout_format"),
    "slider step 0": (lambda: slider("s", 0.5, 0, 1, 0), ValueError, "step"),
    "slider low above high": (lambda: slider("s", 0.5, 1, 0, 0.1), ValueError, "(low, high)"),
    "int_slider value a float": (lambda: int_slider("n", 0.5, 0, 3), TypeError, "value"),
    "int_slider value off range": (lambda: int_slider("n", 4, 0, 3), ValueError, "value"),
    "log_slider low not positive": (
        lambda: log_slider("η", 0.1, -1, 10), ValueError, "(low, high)"),
    "log_slider value off range": (lambda: log_slider("η", 100, 1e-3, 10), ValueError, "value"),
    "log_slider description a number": (
        lambda: log_slider(3, 0.1, 1e-3, 10), TypeError, "description"),
}


@pytest.mark.parametrize("case", sorted(BAD_SLIDERS))
def test_a_bad_slider_argument_is_named(case, refused):
    refused(*BAD_SLIDERS[case])


# --- The shared checks behind every explorer -------------------------------------------------

XS = np.linspace(-1.0, 1.0, 5)

# (call, exception type, how the message opens)
BAD_FOR_THE_SHARED_CHECKS = {
    "_range wider than a float": (
        lambda: live._range((-1e308, 1e308), "x_range"), ValueError,
        "x_range is too wide to draw"),
    "_range log from zero": (
        lambda: live._range((0, 10), "lr_range", log=True), ValueError,
        "lr_range is a logarithmic slider's range, so both ends should be positive"),
    "_within a whole number off range": (
        lambda: live._within(10**6, "step", 0, 1000), ValueError,
        "step should be between 0 and 1000 (the slider's range), got 1000000"),
    "_whole a bool": (lambda: live._whole(True, "step"), TypeError, "step"),
    "_text bytes": (lambda: live._text(b"lr", "description"), TypeError, "description"),
    "_curve of a scalar-only function": (
        lambda: live._curve(math.exp, XS, "f"), TypeError,
        "f should take a numpy array of values"),
    "_curve with complex values": (
        lambda: live._curve(lambda x: x + 1j, XS, "f"), ValueError,
        "f should return one real number per input value"),
    "_curve infinite inside the range": (
        lambda: live._curve(lambda x: 1 / x, np.linspace(-1, 1, 5), "f_slope"), ValueError,
        "f_slope gives NaN or infinity between -1 and 1"),
    "_network a list": (lambda: live._network([2, 3, 1]), TypeError, "net"),
}


@pytest.mark.parametrize("case", sorted(BAD_FOR_THE_SHARED_CHECKS))
def test_the_shared_checks_name_what_is_wrong(case, refused):
    refused(*BAD_FOR_THE_SHARED_CHECKS[case])


def test_a_slider_s_ends_are_on_the_slider():
    assert live._within(10, "lr", 1e-3, 10) == 10.0
    assert live._within(1e-3, "lr", 1e-3, 10) == 1e-3
    assert live._range((1e-3, 10), "lr_range", log=True) == (1e-3, 10.0)


# --- Every explorer of the course, as its notebook builds it ---------------------------------


def _is_log(control):
    return "Log" in type(control).__name__


def _ends(control):
    """The values at the slider's two ends (a log slider's min and max are exponents)."""
    return (10.0**control.min, 10.0**control.max) if _is_log(control) \
        else (control.min, control.max)


def _positions(control, count=9):
    """`count` values from one end of a slider to the other (log sliders: across the decades)."""
    ends = np.linspace(control.min, control.max, count)
    return 10.0**ends if _is_log(control) else ends


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_slider_position_draws_a_picture_without_nan_or_warnings(name):
    explorer = EXPLORERS[name]()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for key, control in explorer.controls.items():
            for value in _positions(control):
                control.value = type(control.value)(value)
                where = f"{key} = {control.value}"
                assert bytes(explorer.image.value).startswith(b"\x89PNG"), where
                texts = [a.get_text() for a in explorer.live.moving if hasattr(a, "get_text")]
                assert not any("nan" in text.lower().split() for text in texts), (where, texts)


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_moving_a_slider_redraws_in_place(name):
    explorer = EXPLORERS[name]()
    figures_before = plt.get_fignums()
    figure, image = explorer.live.fig, explorer.image
    first = image.value
    for control in explorer.controls.values():
        low, high = _ends(control)
        control.value = low if control.value == pytest.approx(high) else high
    assert image.value != first, "the picture did not change when the sliders moved"
    assert explorer.live.fig is figure, "an update must not build a new figure"
    assert plt.get_fignums() == figures_before, "an update must not open pyplot figures"
    assert image.layout.width == f"{explorer.live.size[0]}px"


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_snapshot_is_the_starting_picture(name):
    explorer = EXPLORERS[name]()
    start, starts = explorer.image.value, explorer.values()
    control = next(iter(explorer.controls.values()))
    low, high = _ends(control)
    control.value = low if control.value == pytest.approx(high) else high
    assert explorer.image.value != start
    assert explorer.snapshot().png == start
    assert bytes(start).startswith(b"\x89PNG")
    # Back at the start, the frame (a palette PNG) looks the same as the snapshot.
    for key, value in starts.items():
        explorer.controls[key].value = value
    back = np.abs(picture_rgb(explorer.image.value) - picture_rgb(start)).max(axis=2)
    assert (back > 16).mean() <= 0.001 and back.mean() < 2
