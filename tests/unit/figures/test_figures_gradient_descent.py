"""Notebook 04's figures of descent on a curve and on a line fit, and of the chain of two
neurons: descent_on_line_fit, tangent_explorer, descent_1d_explorer, chain_diagram."""

import numpy as np
import pytest
from sliders import slider_tests

from helpers import curves, data, descent, losses
from helpers._validate import OutOfRange
from helpers.figures import gradient_descent as figures

LINE = data.noisy_line(n=20)
PATH = np.array([[0.0, 0.0], [1.0, 0.5], [1.4, 0.5]])
WAVY = (curves.wavy, curves.wavy_slope)
PARABOLA = (curves.parabola, curves.parabola_slope)



def test_descent_on_line_fit_draws_with_labelled_axes():
    fig = figures.line_fit_figure(*data.noisy_line(), PATH)
    assert len(fig.axes) >= 2
    fig.canvas.draw()
    for ax in fig.axes[:2]:
        assert ax.get_xlabel() or ax.get_title()


def test_descent_on_line_fit_says_where_the_walk_went():
    x, y = LINE
    picture = figures.descent_on_line_fit(x, y, PATH)
    assert picture.png.startswith(b"\x89PNG")
    best = losses.least_squares_line(x, y)
    assert (f"In 2 steps gradient descent went from slope 0.00, intercept 0.00 (loss "
            f"{losses.line_mse(x, y, 0.0, 0.0):.2f}) to slope 1.400, intercept 0.500") \
        in picture.caption
    assert f"at slope {best[0]:.3f}, intercept {best[1]:.3f}" in picture.caption


def test_the_chain_diagram_gives_every_node_and_every_local_slope():
    x, y, w1, b1, w2, b2 = 2.0, 1.0, 0.4, 0.1, -1.2, 0.3
    z1 = w1 * x + b1
    a1 = np.tanh(z1)
    z2 = w2 * a1 + b2
    p = 1 / (1 + np.exp(-z2))
    picture = figures.chain_diagram(x, y, w1, b1, w2, b2)
    assert picture.png.startswith(b"\x89PNG")
    assert picture.caption == (
        f"Forward, left to right: w₁ = 0.4 with x = 2 gives z₁ = {z1:.3f}, a₁ = {a1:.3f}, "
        f"z₂ = {z2:.3f}, p = {p:.3f} and J = {-np.log(p):.3f}. Backward, right to left, the "
        f"local slopes: ∂J/∂z₂ = {p - 1:.3f}, ∂z₂/∂a₁ = -1.200, ∂a₁/∂z₁ = {1 - a1**2:.3f}, "
        "∂z₁/∂w₁ = 2.000.")


# --- Every explorer says what it shows ------------------------------------------------------


@pytest.mark.parametrize("x, way", [(1.0, "descent steps left"), (-2.0, "descent steps right")])
def test_the_tangent_explorer_says_the_slopes_and_the_way_down(x, way):
    words = figures.tangent_explorer(*WAVY, x=x).snapshot().caption
    assert f"{curves.wavy_slope(x):+.6f} by the formula" in words
    assert words.endswith(way + ".")


def test_the_descent_explorer_follows_the_step_slider():
    whole_walk = figures.descent_1d_explorer(*PARABOLA, lr=0.1, steps=25, start=1.8)
    assert whole_walk.snapshot().caption.startswith(
        "Step 25 of 25 at η = 0.1: w = +0.007, the loss fell from 3.24 to 4.62e-05")
    explorer = figures.descent_1d_explorer(*PARABOLA, lr=0.1, steps=25, start=1.8, step=0)
    assert explorer.snapshot().caption == (
        "Step 0 of 25 at η = 0.1: w = +1.800, the loss is 3.24, and the slope there is +3.600.")
    explorer.controls["step"].value = 1  # one update: w = 1.8 − 0.1 · 3.6 = 1.44
    assert explorer.caption.startswith(
        "Step 1 of 25 at η = 0.1: w = +1.440, the loss fell from 3.24 to 2.07")


@pytest.mark.parametrize("start", [0.5, -2.0])
def test_the_loss_panel_spans_the_walk_it_shows(scene_at, start):
    explorer = figures.descent_1d_explorer(curves.two_valleys, curves.two_valleys_slope, lr=0.05,
                                           steps=60, start=0.5, start_range=(-2.0, 2.0))
    fig, _, _ = scene_at(explorer, start=start)
    walk = descent.gradient_descent(curves.two_valleys, curves.two_valleys_slope, start, 0.05, 60)
    low, high = fig.axes[1].get_ylim()
    fall = walk.losses.max() - walk.losses.min()
    assert low < walk.losses.min() and high > walk.losses.max()
    assert high - low < 1.25 * fall  # the fall fills the panel, whatever the curve's range
    pixels_before = fig.axes[1].transData.transform([[0, walk.losses[0]], [60, walk.losses[-1]]])
    assert pixels_before[0, 1] - pixels_before[1, 1] > 0.7 * fig.axes[1].bbox.height


# --- Bad input is answered with a sentence, before any figure is built ----------------------


# (call, exception type, how the message opens: at least the argument's name)
BAD_INPUTS = {
    "descent_on_line_fit path of 3 columns": (
        lambda: figures.descent_on_line_fit(*LINE, np.zeros((5, 3))), ValueError, "path"),
    "descent_on_line_fit path of one point": (
        lambda: figures.descent_on_line_fit(*LINE, np.zeros((1, 2))), ValueError, "path"),
    "descent_on_line_fit path too long": (
        lambda: figures.descent_on_line_fit(*LINE, np.zeros((5000, 2))), ValueError, "path"),
    "descent_on_line_fit x and y differ": (
        lambda: figures.descent_on_line_fit(LINE[0], LINE[1][:3], PATH), ValueError, "x and y"),
    "descent_on_line_fit slope_range empty": (
        lambda: figures.descent_on_line_fit(*LINE, PATH, slope_range=(1, 1)), ValueError,
        "slope_range"),
    "tangent x off slider": (
        lambda: figures.tangent_explorer(*WAVY, x=10), ValueError, "x"),
    "tangent x_range empty": (
        lambda: figures.tangent_explorer(*WAVY, x_range=(1, 1)), ValueError, "x_range"),
    "tangent f not callable": (
        lambda: figures.tangent_explorer(3.0, curves.wavy_slope), TypeError, "f"),
    "tangent f_slope not callable": (
        lambda: figures.tangent_explorer(curves.wavy, "slope"), TypeError, "f_slope"),
    "tangent f returns one number": (
        lambda: figures.tangent_explorer(lambda x: 1.0, curves.wavy_slope), ValueError, "f"),
    "tangent f infinite": (
        lambda: figures.tangent_explorer(lambda x: 1 / (x - x), curves.wavy_slope),
        ValueError, "f"),
    "descent_1d start off slider": (
        lambda: figures.descent_1d_explorer(*PARABOLA, 0.1, 20, 5, start_range=(-2, 2)),
        ValueError, "start"),
    "descent_1d start_range reversed": (
        lambda: figures.descent_1d_explorer(*PARABOLA, 0.1, 20, 0.5, start_range=(2, -2)),
        ValueError, "start_range"),
    "descent_1d w_range a string": (
        lambda: figures.descent_1d_explorer(*PARABOLA, 0.1, 20, 0.5, w_range="-2..2"),
        TypeError, "w_range"),
    "descent_1d start too large": (
        lambda: figures.descent_1d_explorer(*PARABOLA, 0.1, 20, 1e308), ValueError, "start"),
    "tangent x_range too wide": (
        lambda: figures.tangent_explorer(*WAVY, x=1.0, x_range=(0, 1e308)), ValueError,
        "x_range"),
    "tangent f not defined over x_range": (
        lambda: figures.tangent_explorer(*WAVY, x=1.0, x_range=(0, 1e6)), ValueError,
        "x_range"),
    "descent_1d steps too many": (
        lambda: figures.descent_1d_explorer(*PARABOLA, 0.1, 10**6, 0.5), ValueError, "steps"),
    "descent_1d step past the end": (
        lambda: figures.descent_1d_explorer(*PARABOLA, 0.1, 20, 0.5, step=21), ValueError,
        "step"),
    "descent_1d step a float": (
        lambda: figures.descent_1d_explorer(*PARABOLA, 0.1, 20, 0.5, step=2.0), TypeError,
        "step"),
    "chain_diagram x a string": (
        lambda: figures.chain_diagram("2", 1.0, 0.4, 0.1, -1.2, 0.3), TypeError, "x"),
    "chain_diagram y not a target": (
        lambda: figures.chain_diagram(2.0, 0.5, 0.4, 0.1, -1.2, 0.3), ValueError, "y"),
    "chain_diagram w2 infinite": (
        lambda: figures.chain_diagram(2.0, 1.0, 0.4, 0.1, float("inf"), 0.3), OutOfRange, "w2"),
    "chain_diagram p rounds to 1": (
        lambda: figures.chain_diagram(2.0, 0.0, 0.4, 0.1, -1.2, 60.0), ValueError, "with these"),
    "descent_1d f_slope None": (
        lambda: figures.descent_1d_explorer(curves.parabola, None, 0.1, 20, 0.5), TypeError,
        "f_slope"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_named_before_any_figure(case, refused):
    refused(*BAD_INPUTS[case])


# Each explorer's starting value and its slider (see sliders.py).
SLIDER_CASES = {
    "tangent x": (lambda v: figures.tangent_explorer(*WAVY, x=v), "x", "x", -4, 4, "linear"),
    "descent_1d start": (lambda v: figures.descent_1d_explorer(
        curves.two_valleys, curves.two_valleys_slope, 0.05, 20, v, start_range=(-2, 2)),
        "start", "start", -2, 2, "linear"),
}


(test_a_start_on_the_slider_builds_and_shows_that_value,
 test_a_start_off_the_slider_is_refused_naming_the_argument) = slider_tests(SLIDER_CASES, 6, 10)
