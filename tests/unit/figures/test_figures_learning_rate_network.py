"""Notebook 05's figures that train a network: loss_curves_by_learning_rate,
nearby_starts_figure, range_test_figure, schedule_figure, network_strip, network_lr_explorer."""

from unittest import mock

import numpy as np
import pytest
from sliders import slider_tests

from helpers import curves, data, descent, learning_rate, network, training
from helpers.figures import learning_rate_network as figures
from helpers.figures import style
from helpers.figures.live import Picture

MOONS = data.two_moons(n=20)
NET = network.Network.random((2, 3, 1))
RUN = training.train(NET, *MOONS, lr=1.0, steps=20, snapshot_every=10, resolution=10)
WALK = descent.gradient_descent(curves.parabola, curves.parabola_slope, 1.0, 0.1, 5)
RANGE_TEST = learning_rate.range_test_function(*learning_rate.quadratic(1.0), 1.0)



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
    assert isinstance(picture, Picture) and picture.png.startswith(b"\x89PNG")
    assert f"η = 0.1 ended at {calm.losses[-1]:.3g}" in picture.caption
    assert f"η = 1000 diverged at step {wild.diverged_at}" in picture.caption


def test_a_run_that_overflows_is_marked_at_its_end():
    relu = network.Network.random((2, 8, 1), activation="relu", seed=0)
    wild = training.train(relu, *data.two_moons(n=100), lr=1e10, steps=50)
    assert wild.stopped_early
    fig = figures._loss_curves_figure([wild])
    assert [t.get_text() for t in fig.axes[0].texts] == [f"↑ overflow at step {wild.steps + 1}"]
    assert "overflowed at step" in figures.loss_curves_by_learning_rate([wild]).caption


def test_range_test_caption_gives_the_numbers_the_figure_marks():
    blowing = learning_rate.RangeTest(np.array([0.01, 0.1, 1.0, 10.0]),
                                      np.array([1.0, 0.4, 0.6, 30.0]), 10.0)
    assert figures.range_test_figure(blowing).caption == (
        "Over 4 steps with η raised from 0.01 to 10, the loss after each step went from 1 down "
        "to 0.4 at η ≈ 0.1; it blows up from η ≈ 10; suggested η = 0.01.")
    assert "it never blew up in the range tried" in figures.range_test_figure(RANGE_TEST).caption


def test_network_strip_says_the_accuracy_and_fate_of_each_run():
    runs = {lr: training.train(NET, *MOONS, lr, 10) for lr in (0.3, 1e3)}
    picture = figures.network_strip(NET, *MOONS, steps=10, lrs=(0.3, 1e3), resolution=10)
    assert f"η = 0.3 the loss went from {runs[0.3].losses[0]:.3g} to " \
           f"{runs[0.3].losses[-1]:.3g}" in picture.caption
    assert f"η = 1000 diverged at step {runs[1e3].diverged_at}" in picture.caption
    assert picture.caption.count("of points on the right side") == 2


SPREADS = learning_rate.train_at_rates(NET, *MOONS, [0.3, 1e3], 10, starts=3)


def test_nearby_starts_draw_every_run_and_dash_the_ones_that_diverged():
    with mock.patch.object(figures, "_png", side_effect=lambda fig: fig), \
            mock.patch.object(figures, "Picture", side_effect=lambda fig, caption: (fig, caption)):
        fig, caption = figures.nearby_starts_figure(SPREADS)
    calm, wild = fig.axes[:2]
    assert len(calm.get_lines()) >= 3 and {line.get_linestyle() for line in calm.get_lines()[:3]}\
        == {"-"}
    assert {line.get_linestyle() for line in wild.get_lines()[:3]} == {"--"}
    assert wild.get_title() == "η = 1000: all 3 diverged" and calm.get_yscale() == "log"
    assert caption.startswith("The same training from 3 nearby starts (one starting weight "
                              "moved by k × 1e-13, k = 0 to 2), 10 steps: η = 0.3, 3 nearby "
                              "starts: none diverged; final loss")


def test_the_schedule_figure_marks_the_rates_whose_nearby_starts_disagree():
    rates = [0.3, 1.0, 3.0]
    constant = learning_rate.train_at_rates(NET, *MOONS, rates, 10, starts=2)
    scheduled = learning_rate.train_at_rates(
        NET, *MOONS, np.array([learning_rate.warmup_cosine(r, 10, 2) for r in rates]), 10, 2)
    picture = figures.schedule_figure(constant, scheduled)
    best = learning_rate.best_of(constant)
    assert (f"constant rate: lowest at η = {best.lr:.3g}, ending at "
            f"{best.runs[0].losses[-1]:.2g} (0 of 3 rates unpredictable)") in picture.caption
    assert "warm-up, then cosine decay: lowest at" in picture.caption
    parted = learning_rate.Spread((constant[0].runs[0], scheduled[0].runs[0]), constant[0].rates)
    with mock.patch.object(figures, "_png", side_effect=lambda fig: fig), \
            mock.patch.object(figures, "Picture", side_effect=lambda fig, caption: fig):
        fig = figures.schedule_figure([parted, *constant[1:]], scheduled)
    hollow = [line for line in fig.axes[0].get_lines() if line.get_markerfacecolor() == "white"]
    assert [len(line.get_xdata()) for line in hollow] == [1, 0]


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
    "nearby_starts_figure runs": (
        lambda: figures.nearby_starts_figure([RUN]), TypeError, "spreads[0]"),
    "nearby_starts_figure five": (
        lambda: figures.nearby_starts_figure(SPREADS * 3), ValueError, "spreads"),
    "schedule_figure not a list": (
        lambda: figures.schedule_figure(SPREADS[0], SPREADS), TypeError, "constant"),
    "network_strip net a list": (
        lambda: figures.network_strip([1, 2], *MOONS), TypeError, "net"),
    "network_strip y wrong length": (
        lambda: figures.network_strip(NET, MOONS[0], MOONS[1][:-1]), ValueError, "y"),
    "network_strip five lrs": (
        lambda: figures.network_strip(NET, *MOONS, lrs=[0.1] * 5), ValueError, "lrs"),
    "network_lr lr below slider": (
        lambda: figures.network_lr_explorer(network.Network.random((2, 3, 1)), *MOONS,
                                            lr=1e-3), ValueError, "lr"),
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


# Each explorer's starting value and its slider (see sliders.py).
SLIDER_CASES = {
    "network lr": (lambda v: figures.network_lr_explorer(NET, *MOONS, steps=10, lr=v,
                                                         resolution=10),
                   "lr", "lr", 1e-2, 100, "log"),
}


(test_a_start_on_the_slider_builds_and_shows_that_value,
 test_a_start_off_the_slider_is_refused_naming_the_argument) = slider_tests(SLIDER_CASES, 3, 10)
