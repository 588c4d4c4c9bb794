"""Notebook 03's figures: loss_against_prediction, line_fit_explorer."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import data, losses
from helpers.figures import loss as figures

LINE = data.noisy_line(n=20)


def test_loss_against_prediction_draws_with_labelled_axes():
    fig = figures.loss_against_prediction()
    assert len(fig.axes) >= 2
    fig.canvas.draw()
    for ax in fig.axes[:2]:
        assert ax.get_xlabel() or ax.get_title()


def test_line_fit_sliders_can_reach_the_least_squares_line():
    x, y = LINE
    explorer = figures.line_fit_explorer(x, y)
    slope, intercept = explorer.controls["slope"], explorer.controls["intercept"]
    slopes = np.arange(slope.min, slope.max + 1e-9, slope.step)
    intercepts = np.arange(intercept.min, intercept.max + 1e-9, intercept.step)
    surface = losses.line_loss_surface(x, y, slopes, intercepts)
    row, column = np.unravel_index(np.argmin(surface), surface.shape)
    best = losses.least_squares_line(x, y)
    # The lowest slider position is within one slider step of the exact least-squares line.
    assert abs(slopes[column] - best[0]) <= slope.step
    assert abs(intercepts[row] - best[1]) <= intercept.step
    slope.value, intercept.value = slopes[column], intercepts[row]
    assert explorer.live.moving[2].get_text().endswith(
        f"MSE = {losses.line_mse(x, y, slopes[column], intercepts[row]):.3f}")


# --- Bad input is answered with a sentence, before any figure is built ----------------------

# (call, exception type, how the message opens: at least the argument's name)
BAD_INPUTS = {
    "line_fit slope off slider": (
        lambda: figures.line_fit_explorer(*LINE, slope=9), ValueError, "slope"),
    "line_fit intercept off slider": (
        lambda: figures.line_fit_explorer(*LINE, intercept=-2.01), ValueError, "intercept"),
    "line_fit slope_range not a pair": (
        lambda: figures.line_fit_explorer(*LINE, slope_range=(1,)), TypeError, "slope_range"),
    "line_fit intercept_range NaN": (
        lambda: figures.line_fit_explorer(*LINE, intercept_range=(0, np.nan)), ValueError,
        "intercept_range"),
    "line_fit x and y differ": (
        lambda: figures.line_fit_explorer(LINE[0], LINE[1][:5]), ValueError, "x and y"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_named_before_any_figure(case, refused):
    refused(*BAD_INPUTS[case])


# Each explorer's starting value and its slider: (build with value v, argument, control,
# low, high, scale). Inside the range it builds and shows that very value; outside, it is refused.
SLIDER_CASES = {
    "line_fit slope": (lambda v: figures.line_fit_explorer(*LINE, slope=v),
                       "slope", "slope", -1, 4, "linear"),
    "line_fit intercept": (lambda v: figures.line_fit_explorer(*LINE, intercept=v),
                           "intercept", "intercept", -2, 3, "linear"),
}


@settings(max_examples=4, deadline=None)
@given(case=st.sampled_from(sorted(SLIDER_CASES)), data_=st.data())
def test_a_start_on_the_slider_builds_and_shows_that_value(case, data_, on_slider):
    build, _, control, low, high, scale = SLIDER_CASES[case]
    value = on_slider(data_.draw, low, high, scale)
    explorer = build(value)
    assert explorer.controls[control].value == pytest.approx(value, rel=1e-9, abs=1e-12)
    assert explorer.snapshot().png.startswith(b"\x89PNG")


@settings(max_examples=8, deadline=None)
@given(case=st.sampled_from(sorted(SLIDER_CASES)), data_=st.data())
def test_a_start_off_the_slider_is_refused_naming_the_argument(case, data_, off_slider,
                                                                refused):
    build, argument, _, low, high, scale = SLIDER_CASES[case]
    value = off_slider(data_.draw, low, high, scale)
    message = refused(lambda: build(value), ValueError, argument)
    assert "the slider's range" in message
