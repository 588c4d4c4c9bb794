"""Notebook 04's figures: descent_on_line_fit, training_moments, tangent_explorer,
descent_1d_explorer, training_explorer."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import curves, data, network, training
from helpers.figures import gradient_descent as figures

LINE = data.noisy_line(n=20)
PATH = np.array([[0.0, 0.0], [1.0, 0.5], [1.4, 0.5]])
MOONS = data.two_moons(n=20)
SMALL_RUN = training.train(network.Network.random((2, 3, 1)), *MOONS, lr=1.0, steps=20,
                           snapshot_every=10, resolution=10)
WAVY = (curves.wavy, curves.wavy_slope)
PARABOLA = (curves.parabola, curves.parabola_slope)


def test_descent_on_line_fit_draws_with_labelled_axes():
    fig = figures.descent_on_line_fit(*data.noisy_line(), PATH)
    assert len(fig.axes) >= 2
    fig.canvas.draw()
    for ax in fig.axes[:2]:
        assert ax.get_xlabel() or ax.get_title()


def test_training_moments_needs_the_snapshots_it_shows():
    fig = figures.training_moments(SMALL_RUN, *MOONS, steps=(0, 10, 20))
    assert [ax.get_title() for ax in fig.axes][0].startswith("step 0: loss")
    with pytest.raises(ValueError, match=r"no snapshot at steps \[15\]"):
        figures.training_moments(SMALL_RUN, *MOONS, steps=(0, 15))


# --- Bad input is answered with a sentence, before any figure is built ----------------------


def _run_with(**changes):
    return dataclasses.replace(SMALL_RUN, **changes)


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
    "training_moments result a dict": (
        lambda: figures.training_moments(SMALL_RUN.snapshots, *MOONS, steps=(0, 10)), TypeError,
        "result"),
    "training_moments steps one number": (
        lambda: figures.training_moments(SMALL_RUN, *MOONS, steps=10), TypeError, "steps"),
    "training_moments steps empty": (
        lambda: figures.training_moments(SMALL_RUN, *MOONS, steps=()), ValueError, "steps"),
    "training_moments X of 3 columns": (
        lambda: figures.training_moments(SMALL_RUN, np.ones((20, 3)), MOONS[1], steps=(0,)),
        ValueError, "X"),
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
    "descent_1d steps too many": (
        lambda: figures.descent_1d_explorer(*PARABOLA, 0.1, 10**6, 0.5), ValueError, "steps"),
    "descent_1d f_slope None": (
        lambda: figures.descent_1d_explorer(curves.parabola, None, 0.1, 20, 0.5), TypeError,
        "f_slope"),
    "training step off slider": (
        lambda: figures.training_explorer(SMALL_RUN, *MOONS, step=10**6), ValueError, "step"),
    "training step negative": (
        lambda: figures.training_explorer(SMALL_RUN, *MOONS, step=-1), ValueError, "step"),
    "training step a float": (
        lambda: figures.training_explorer(SMALL_RUN, *MOONS, step=2.5), TypeError, "step"),
    "training result a dict": (
        lambda: figures.training_explorer({0: np.zeros((5, 5))}, *MOONS), TypeError, "result"),
    "training snapshot key past the end": (
        lambda: figures.training_explorer(_run_with(snapshots={99: np.zeros((5, 5))}), *MOONS),
        ValueError, "result"),
    "training snapshot not a picture": (
        lambda: figures.training_explorer(_run_with(snapshots={0: np.zeros(5)}), *MOONS),
        ValueError, "result"),
    "training limits a number": (
        lambda: figures.training_explorer(SMALL_RUN, *MOONS, limits=2), TypeError, "limits"),
    "training result without snapshots": (
        lambda: figures.training_explorer(
            training.train(network.Network.random((2, 3, 1)), *MOONS, 0.1, 5), *MOONS),
        ValueError, "result has no snapshots"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_named_before_any_figure(case, refused):
    refused(*BAD_INPUTS[case])


# Each explorer's starting value and its slider: (build with value v, argument, control,
# low, high, scale). Inside the range it builds and shows that very value; outside, it is refused.
SLIDER_CASES = {
    "tangent x": (lambda v: figures.tangent_explorer(*WAVY, x=v), "x", "x", -4, 4, "linear"),
    "descent_1d start": (lambda v: figures.descent_1d_explorer(
        curves.two_valleys, curves.two_valleys_slope, 0.05, 20, v, start_range=(-2, 2)),
        "start", "start", -2, 2, "linear"),
    "training step": (lambda v: figures.training_explorer(SMALL_RUN, *MOONS, step=v),
                      "step", "step", 0, 20, "int"),
}


@settings(max_examples=6, deadline=None)
@given(case=st.sampled_from(sorted(SLIDER_CASES)), data_=st.data())
def test_a_start_on_the_slider_builds_and_shows_that_value(case, data_, on_slider):
    build, _, control, low, high, scale = SLIDER_CASES[case]
    value = on_slider(data_.draw, low, high, scale)
    explorer = build(value)
    assert explorer.controls[control].value == pytest.approx(value, rel=1e-9, abs=1e-12)
    assert explorer.snapshot().png.startswith(b"\x89PNG")


@settings(max_examples=10, deadline=None)
@given(case=st.sampled_from(sorted(SLIDER_CASES)), data_=st.data())
def test_a_start_off_the_slider_is_refused_naming_the_argument(case, data_, off_slider,
                                                                refused):
    build, argument, _, low, high, scale = SLIDER_CASES[case]
    value = off_slider(data_.draw, low, high, scale)
    message = refused(lambda: build(value), ValueError, argument)
    assert "the slider's range" in message
