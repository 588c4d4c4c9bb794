"""Notebook 03's figures: loss_against_prediction, line_fit_explorer."""

from unittest import mock

import numpy as np
import pytest
from sliders import slider_tests

from helpers import data, losses
from helpers.figures import loss as figures
from helpers.figures.live import Picture

LINE = data.noisy_line(n=20)


def _drawn_figure():
    """loss_against_prediction's matplotlib figure, caught before it becomes PNG bytes."""
    caught = []
    with mock.patch.object(figures, "_png", side_effect=lambda fig: caught.append(fig) or b""):
        picture = figures.loss_against_prediction()
    (fig,) = caught
    fig.canvas.draw()
    return fig, picture


def test_loss_against_prediction_is_a_picture_whose_sentence_has_its_numbers():
    picture = figures.loss_against_prediction()
    assert isinstance(picture, Picture) and picture.png.startswith(b"\x89PNG")
    one, wrong, right = np.array([1.0]), np.array([figures._WRONG_P]), np.array([figures._RIGHT_P])
    for number in (f"{losses.mse(one, wrong):.2f}",
                   f"{losses.binary_cross_entropy(one, wrong):.1f}",
                   f"{losses.mse(one, right):.4f}",
                   f"{losses.binary_cross_entropy(one, right):.3f}"):
        assert number in picture.caption, (number, picture.caption)


def test_loss_against_prediction_marks_what_leaves_the_chart_at_its_edge():
    fig, _ = _drawn_figure()
    mse_ax, bce_ax = fig.axes[:2]
    assert not mse_ax.texts, "MSE stays on its chart: nothing to mark"
    top = bce_ax.get_ylim()[1]
    for target in (0, 1):
        worst = losses.binary_cross_entropy(np.array([float(target)]),
                                            np.array([1.0 - target]))
        (mark,) = [t for t in bce_ax.texts if t.get_text().endswith(f"at p = {1 - target}")]
        assert f"{worst:.1f}" in mark.get_text() and mark.xy[1] == top


def test_loss_against_prediction_keeps_its_legends_off_the_curves():
    fig, _ = _drawn_figure()
    for ax in fig.axes[:2]:
        legend = ax.get_legend().get_window_extent()
        assert legend.y1 <= ax.get_window_extent().y0, "the legend sits on the plot"


def test_line_fit_sliders_can_reach_the_least_squares_line(scene_at):
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
    _, moving, _ = scene_at(explorer)
    assert moving[2].get_text().endswith(
        f"MSE = {losses.line_mse(x, y, slopes[column], intercepts[row]):.3f}")


@pytest.mark.parametrize("values", [(0.5, 0.0), (1.4, 0.55), (-1.0, 3.0)])
def test_line_fit_says_the_mse_it_shows_and_how_far_it_is_from_the_lowest(values):
    x, y = LINE
    explorer = figures.line_fit_explorer(x, y)
    explorer.controls["slope"].value, explorer.controls["intercept"].value = values
    mse = losses.line_mse(x, y, *values)
    lowest = losses.line_mse(x, y, *losses.least_squares_line(x, y))
    words = explorer.caption
    assert words.startswith(f"Slope {values[0]:.2f}, intercept {values[1]:.2f}:"), words
    assert f"the MSE is {mse:.3f}, {mse - lowest:.3f} above the lowest MSE, {lowest:.3f}" in words


def test_line_fit_legends_sit_off_the_data_and_off_the_surface(scene_at):
    fig, _, _ = scene_at(figures.line_fit_explorer(*LINE))
    for ax in fig.axes[:2]:
        legend = ax.get_legend().get_window_extent()
        assert legend.y1 <= ax.get_window_extent().y0, f"legend on {ax.get_title()!r}"


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


# Each explorer's starting value and its slider (see sliders.py).
SLIDER_CASES = {
    "line_fit slope": (lambda v: figures.line_fit_explorer(*LINE, slope=v),
                       "slope", "slope", -1, 4, "linear"),
    "line_fit intercept": (lambda v: figures.line_fit_explorer(*LINE, intercept=v),
                           "intercept", "intercept", -2, 3, "linear"),
}


(test_a_start_on_the_slider_builds_and_shows_that_value,
 test_a_start_off_the_slider_is_refused_naming_the_argument) = slider_tests(SLIDER_CASES, 4, 8)
