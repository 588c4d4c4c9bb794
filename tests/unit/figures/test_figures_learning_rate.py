"""Notebook 05's figures: loss_curves_by_learning_rate, range_test_figure, schedule_comparison,
bowl_strip, parabola_strip, network_strip, quadratic_lr_explorer, bowl_explorer,
network_lr_explorer."""

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


@pytest.mark.parametrize("draw", [
    lambda: figures._loss_curves_figure(
        [training.train(NET, *MOONS, lr, 10) for lr in (0.1, 1e3)]),
    lambda: figures._range_test_figure(RANGE_TEST),
    lambda: figures._schedule_figure({"a": WALK}),
], ids=["loss_curves_by_learning_rate", "range_test_figure", "schedule_comparison"])
def test_static_figures_have_labelled_log_axes_and_legends_off_the_data(draw):
    fig = draw()
    fig.canvas.draw()
    ax = fig.axes[0]
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_yscale() == "log"
    legend = ax.get_legend().get_window_extent()
    assert legend.x0 >= ax.get_window_extent().x1  # beside the axes, never over a curve


def test_every_line_colour_can_be_used_and_each_run_keeps_its_own():
    runs = [training.train(NET, *MOONS, lr=lr, steps=5)
            for lr in np.geomspace(0.01, 1.0, len(style.LINE_COLORS))]
    fig = figures._loss_curves_figure(runs)
    lines = fig.axes[0].get_lines()
    assert len({line.get_color() for line in lines}) == len(runs)
    assert [text.get_text() for text in fig.axes[0].get_legend().get_texts()] == [
        f"η = {run.lr:g}" for run in runs]


def test_loss_curves_keep_a_climbing_run_on_the_chart_and_say_what_each_run_did():
    calm, wild = (training.train(NET, *MOONS, lr, 20) for lr in (0.1, 1e3))
    assert wild.diverged and wild.losses.max() > 1.5  # the old linear axis cut it at 1.5
    fig = figures._loss_curves_figure([calm, wild])
    low, high = fig.axes[0].get_ylim()
    assert low <= wild.losses.min() and wild.losses.max() <= high
    picture = figures.loss_curves_by_learning_rate([calm, wild])
    assert isinstance(picture, live.Picture) and picture.png.startswith(b"\x89PNG")
    assert f"η = 0.1 ended at {calm.losses[-1]:.3g}" in picture.caption
    assert f"η = 1000 diverged at step {wild.diverged_at}" in picture.caption


def test_a_run_that_overflows_is_marked_at_its_end():
    wild = training.train(network.Network.random((2, 8, 1), seed=0), *data.two_moons(n=100),
                          lr=1e4, steps=50)
    assert wild.stopped_early
    fig = figures._loss_curves_figure([wild])
    assert [t.get_text() for t in fig.axes[0].texts] == [f"↑ overflow at step {wild.steps + 1}"]
    assert "overflowed at step" in figures.loss_curves_by_learning_rate([wild]).caption


def test_range_test_caption_gives_the_numbers_the_figure_marks():
    blowing = learning_rate.RangeTest(np.array([0.01, 0.1, 1.0, 10.0]),
                                      np.array([1.0, 0.4, 0.6, 30.0]), 10.0)
    assert figures.range_test_figure(blowing).caption == (
        "Over 4 steps with η raised from 0.01 to 10, the loss went from 1 down to 0.4 at η ≈ "
        "0.1; it blows up from η ≈ 10; the suggested η, a tenth of the lowest-loss rate, is "
        "0.01.")
    assert "it never blew up in the range tried" in figures.range_test_figure(RANGE_TEST).caption


def test_a_walk_that_reaches_zero_ends_there_instead_of_on_a_floor():
    exact = descent.gradient_descent(*learning_rate.quadratic(1.0), 1.5, 1.0, 5)
    assert exact.losses[1] == 0
    fig = figures._schedule_figure({"one step": exact})
    ydata = fig.axes[0].get_lines()[0].get_ydata()
    assert np.isnan(ydata[1:]).all() and ydata[0] == exact.losses[0]
    assert [t.get_text() for t in fig.axes[0].texts] == ["reached 0 at step 1 ↓"]
    assert "one step reached 0 at step 1" in figures.schedule_comparison(
        {"one step": exact}).caption


def test_bowl_strip_shows_one_panel_per_state_and_says_each():
    picture = figures.bowl_strip(lrs=(0.05, 0.21))
    assert "η = 0.05 after 40 steps the loss fell from 7 to" in picture.caption
    assert "η = 0.21 diverged at step 1" in picture.caption
    rolling = figures.bowl_strip(momenta=(0.0, 0.6), lr=0.05)
    assert "at η = 0.05" in rolling.caption and "β = 0.6 after 40 steps" in rolling.caption


def test_parabola_strip_names_the_regime_of_each_walk():
    picture = figures.parabola_strip(lrs=(0.01, 1.0, 2.5))
    assert "η = 0.01 is slow: the loss went from 1.12 to" in picture.caption
    assert "η = 1 is one step: the loss went from 1.12 to 0;" in picture.caption
    assert "η = 2.5 is diverging: diverged at step 1" in picture.caption


def test_network_strip_says_the_accuracy_and_fate_of_each_run():
    runs = {lr: training.train(NET, *MOONS, lr, 10) for lr in (0.3, 1e3)}
    picture = figures.network_strip(NET, *MOONS, steps=10, lrs=(0.3, 1e3), resolution=10)
    assert f"η = 0.3 the loss went from {runs[0.3].losses[0]:.3g} to " \
           f"{runs[0.3].losses[-1]:.3g}" in picture.caption
    assert f"η = 1000 diverged at step {runs[1e3].diverged_at}" in picture.caption
    assert picture.caption.count("of points on the right side") == 2


def test_explorers_say_in_words_what_their_picture_shows():
    parabola = figures.quadratic_lr_explorer(curvature=1.0, start=1.5, steps=30, lr=0.1)
    assert parabola.caption.value.startswith("η = 0.1 is fast (ηL = 0.1): each step multiplies "
                                             "w by 0.9")
    bowl = figures.bowl_explorer(lr=0.19)
    assert "the steep direction is oscillating, the gentle one fast" in bowl.caption.value
    rolling = figures.bowl_explorer(vary="momentum")
    rolling.controls["momentum"].value = 0.6
    assert rolling.caption.value.startswith("momentum β = 0.60 at η = 0.05: after 40 steps")
    retrain = figures.network_lr_explorer(NET, *MOONS, steps=10, resolution=10)
    assert retrain.caption.value.startswith("η = 0.3: after 10 steps the loss fell from")
    assert "% of points are on the right side" in retrain.caption.value


def test_the_parabola_explorer_marks_an_exact_zero_and_values_off_its_chart():
    explorer = figures.quadratic_lr_explorer(curvature=1.0)
    explorer.controls["lr"].value = 1.0
    loss_line, top, bottom = explorer.live.moving[2], *explorer.live.moving[4:]
    assert np.isnan(loss_line.get_ydata()[1:]).all()  # no invented floor under the zero
    assert bottom.get_text() == "↓ reached 0 at step 1" and not top.get_text().strip()
    assert "reached 0 at step 1" in explorer.caption.value
    explorer.controls["lr"].value = 10.0
    assert top.get_text().startswith("↑ above the chart from step 4")


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
        assert "diverged at step" in explorer.caption.value


def test_quadratic_explorer_names_each_regime():
    explorer = figures.quadratic_lr_explorer(curvature=1.0)
    names = set()
    for value in (0.002, 0.5, 1.0, 1.5, 2.0, 5.0):
        explorer.controls["lr"].value = value
        names.add(explorer.live.moving[1].get_text().split(": ")[1])
    assert names == {name.upper() for name in learning_rate.REGIMES}


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
    "bowl_strip lrs empty": (
        lambda: figures.bowl_strip(lrs=[]), ValueError, "lrs"),
    "bowl_strip five lrs": (
        lambda: figures.bowl_strip(lrs=[0.1] * 5), ValueError, "lrs"),
    "bowl_strip momentum 1": (
        lambda: figures.bowl_strip(momenta=(0.5, 1.0)), ValueError, "momenta"),
    "bowl_strip momenta text": (
        lambda: figures.bowl_strip(momenta="abc"), TypeError, "momenta"),
    "bowl_strip curvatures one": (
        lambda: figures.bowl_strip(curvatures=(1.0,)), ValueError, "curvatures"),
    "bowl_strip lr 0": (
        lambda: figures.bowl_strip(momenta=(0.5,), lr=0), ValueError, "lr"),
    "parabola_strip lrs negative": (
        lambda: figures.parabola_strip(lrs=(0.1, -1.0)), ValueError, "lrs"),
    "parabola_strip lrs text": (
        lambda: figures.parabola_strip(lrs="0.1"), TypeError, "lrs"),
    "parabola_strip start 0": (
        lambda: figures.parabola_strip(start=0), ValueError, "start"),
    "parabola_strip curvature 0": (
        lambda: figures.parabola_strip(curvature=0), ValueError, "curvature"),
    "network_strip net a list": (
        lambda: figures.network_strip([1, 2], *MOONS), TypeError, "net"),
    "network_strip y wrong length": (
        lambda: figures.network_strip(NET, MOONS[0], MOONS[1][:-1]), ValueError, "y"),
    "network_strip five lrs": (
        lambda: figures.network_strip(NET, *MOONS, lrs=[0.1] * 5), ValueError, "lrs"),
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
