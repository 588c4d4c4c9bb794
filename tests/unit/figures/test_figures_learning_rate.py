"""Notebook 05's figures: loss_curves_by_learning_rate, range_test_figure, schedule_comparison,
quadratic_lr_explorer, bowl_explorer, network_lr_explorer."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import curves, data, descent, learning_rate, network, training
from helpers.figures import learning_rate as figures
from helpers.figures import live, style

MOONS = data.two_moons(n=20)
NET = network.Network.random((2, 3, 1))
RUN = training.train(NET, *MOONS, lr=1.0, steps=20, snapshot_every=10, resolution=10)
WALK = descent.gradient_descent(curves.parabola, curves.parabola_slope, 1.0, 0.1, 5)
RANGE_TEST = learning_rate.range_test_function(*learning_rate.quadratic(1.0), 1.0)


@pytest.mark.parametrize("make", [
    lambda: figures.loss_curves_by_learning_rate(
        [training.train(NET, *MOONS, lr, 10) for lr in (0.1, 1e3)]),
    lambda: figures.range_test_figure(RANGE_TEST),
    lambda: figures.schedule_comparison({"a": WALK}),
], ids=["loss_curves_by_learning_rate", "range_test_figure", "schedule_comparison"])
def test_static_figures_draw_with_labelled_axes(make):
    fig = make()
    assert fig.axes
    fig.canvas.draw()
    assert fig.axes[0].get_xlabel() or fig.axes[0].get_title()


def test_every_line_colour_can_be_used_and_each_run_keeps_its_own():
    runs = [training.train(NET, *MOONS, lr=lr, steps=5)
            for lr in np.geomspace(0.01, 1.0, len(style.LINE_COLORS))]
    fig = figures.loss_curves_by_learning_rate(runs)
    lines = fig.axes[0].get_lines()
    assert len({line.get_color() for line in lines}) == len(runs)
    assert [text.get_text() for text in fig.axes[0].get_legend().get_texts()] == [
        f"η = {run.lr:g}" for run in runs]


def test_learning_rate_sliders_are_logarithmic_and_reach_divergence():
    for explorer in (figures.quadratic_lr_explorer(), figures.bowl_explorer(),
                     figures.network_lr_explorer(network.Network.random((2, 8, 1)),
                                                 *data.two_moons(n=60), steps=50)):
        control = explorer.controls["lr"]
        assert type(control).__name__ == "FloatLogSlider"
        assert control.description == live.LR_LABEL == "learning rate η"
        control.value = 10 ** control.max
        title_texts = " ".join(a.get_text() for a in explorer.live.moving if hasattr(a, "get_text"))
        assert "diverged at step" in title_texts, title_texts


def test_quadratic_explorer_names_each_regime():
    explorer = figures.quadratic_lr_explorer(curvature=1.0)
    names = set()
    for value in (0.002, 0.5, 1.5, 5.0):
        explorer.controls["lr"].value = value
        names.add(explorer.live.moving[1].get_text().split(": ")[1])
    assert names == {"SLOW", "FAST", "OSCILLATING", "DIVERGING"}


# --- Bad input is answered with a sentence, before any figure is built ----------------------

# (call, exception type, how the message opens: at least the argument's name)
BAD_INPUTS = {
    "loss_curves runs not a list": (
        lambda: figures.loss_curves_by_learning_rate(RUN), TypeError, "runs"),
    "loss_curves runs empty": (
        lambda: figures.loss_curves_by_learning_rate([]), ValueError, "runs"),
    "loss_curves runs of descent results": (
        lambda: figures.loss_curves_by_learning_rate([WALK]), TypeError, "runs[0]"),
    "loss_curves more runs than colours": (
        lambda: figures.loss_curves_by_learning_rate([RUN] * (len(style.LINE_COLORS) + 1)),
        ValueError, "runs"),
    "range_test_figure a dict": (
        lambda: figures.range_test_figure({"lrs": [1], "losses": [1]}), TypeError, "test"),
    "range_test_figure nothing tried": (
        lambda: figures.range_test_figure(
            learning_rate.RangeTest(np.array([]), np.array([]), 1.0)), ValueError, "test"),
    "schedule_comparison a list": (
        lambda: figures.schedule_comparison([WALK]), TypeError, "walks"),
    "schedule_comparison empty": (
        lambda: figures.schedule_comparison({}), ValueError, "walks"),
    "schedule_comparison a training run": (
        lambda: figures.schedule_comparison({"a": RUN}), TypeError, "walks"),
    "schedule_comparison more walks than colours": (
        lambda: figures.schedule_comparison({str(i): WALK for i in range(8)}), ValueError,
        "walks"),
    "quadratic lr above slider": (
        lambda: figures.quadratic_lr_explorer(lr=100), ValueError,
        "lr should be between 0.001 and 10 (the slider's range), got 100"),
    "quadratic lr_range not positive": (
        lambda: figures.quadratic_lr_explorer(lr_range=(0, 10)), ValueError, "lr_range"),
    "quadratic start 0": (
        lambda: figures.quadratic_lr_explorer(start=0), ValueError, "start"),
    "quadratic curvature negative": (
        lambda: figures.quadratic_lr_explorer(curvature=-1), ValueError, "curvature"),
    "quadratic steps 10**9": (
        lambda: figures.quadratic_lr_explorer(steps=10**9), ValueError, "steps"),
    "bowl lr off slider": (
        lambda: figures.bowl_explorer(lr=2.0), ValueError, "lr"),
    "bowl lr_range huge": (
        lambda: figures.bowl_explorer(lr_range=(1e-3, 10**400)), ValueError, "lr_range"),
    "bowl curvatures one number": (
        lambda: figures.bowl_explorer(curvatures=5.0), ValueError, "curvatures"),
    "bowl curvatures negative": (
        lambda: figures.bowl_explorer(curvatures=(1.0, -10.0)), ValueError, "curvatures"),
    "bowl start of 3": (
        lambda: figures.bowl_explorer(start=(1, 2, 3)), ValueError, "start"),
    "bowl start at the minimum": (
        lambda: figures.bowl_explorer(start=(0, 0)), ValueError, "start"),
    "bowl start too far to draw": (
        lambda: figures.bowl_explorer(start=(1e308, -1e308)), ValueError, "start"),
    "bowl momentum lr 0": (
        lambda: figures.bowl_explorer(lr=0, vary="momentum"), ValueError, "lr"),
    "bowl vary unknown": (
        lambda: figures.bowl_explorer(vary="speed"), ValueError,
        "vary should be one of lr, momentum"),
    "network_lr lr below slider": (
        lambda: figures.network_lr_explorer(network.Network.random((2, 3, 1)), *MOONS,
                                            lr=1e-5), ValueError, "lr"),
    "network_lr net a list": (
        lambda: figures.network_lr_explorer([1, 2], *MOONS), TypeError, "net"),
    "network_lr net with 3 inputs": (
        lambda: figures.network_lr_explorer(network.Network.random((3, 3, 1)), *MOONS),
        ValueError, "net"),
    "network_lr resolution 10**5": (
        lambda: figures.network_lr_explorer(network.Network.random((2, 3, 1)), *MOONS,
                                            resolution=10**5), ValueError, "resolution"),
    "network_lr y wrong length": (
        lambda: figures.network_lr_explorer(network.Network.random((2, 3, 1)), MOONS[0],
                                            MOONS[1][:-1]), ValueError, "y"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_named_before_any_figure(case, refused):
    refused(*BAD_INPUTS[case])


# Each explorer's starting value and its slider: (build with value v, argument, control,
# low, high, scale). Inside the range it builds and shows that very value; outside, it is refused.
SLIDER_CASES = {
    "quadratic lr": (lambda v: figures.quadratic_lr_explorer(lr=v), "lr", "lr", 1e-3, 10, "log"),
    "bowl lr": (lambda v: figures.bowl_explorer(lr=v), "lr", "lr", 1e-3, 1, "log"),
    "network lr": (lambda v: figures.network_lr_explorer(NET, *MOONS, steps=10, lr=v,
                                                         resolution=10),
                   "lr", "lr", 1e-3, 100, "log"),
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
