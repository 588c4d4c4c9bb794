"""Notebook 04's figures: descent_on_line_fit, training_moments, tangent_explorer,
descent_1d_explorer, training_explorer."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import curves, data, losses, network, training
from helpers.figures import gradient_descent as figures

LINE = data.noisy_line(n=20)
PATH = np.array([[0.0, 0.0], [1.0, 0.5], [1.4, 0.5]])
MOONS = data.two_moons(n=20)
SMALL_RUN = training.train(network.Network.random((2, 3, 1)), *MOONS, lr=1.0, steps=20,
                           snapshot_every=10, resolution=10)
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


def test_training_moments_needs_the_snapshots_it_shows():
    picture = figures.training_moments(SMALL_RUN, *MOONS, steps=(0, 10, 20))
    L, acc = SMALL_RUN.losses, SMALL_RUN.accuracies
    assert picture.caption == (
        f"After 0, 10 and 20 steps the loss on the training points was {L[0]:.2f} "
        f"({100 * acc[0]:.0f} % right), {L[10]:.2f} ({100 * acc[10]:.0f} % right) and "
        f"{L[20]:.2f} ({100 * acc[20]:.0f} % right).")
    with pytest.raises(ValueError, match=r"no snapshot at steps \[15\]"):
        figures.training_moments(SMALL_RUN, *MOONS, steps=(0, 15))


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
    assert explorer.caption.value.startswith(
        "Step 1 of 25 at η = 0.1: w = +1.440, the loss fell from 3.24 to 2.07")


def test_the_training_explorer_gives_loss_and_accuracy_on_two_axes():
    explorer = figures.training_explorer(SMALL_RUN, *MOONS, step=10)
    assert explorer.snapshot().caption == (
        f"After 10 steps at η = 1 the loss is {SMALL_RUN.losses[10]:.3f} (it started at "
        f"{SMALL_RUN.losses[0]:.3f}) and {100 * SMALL_RUN.accuracies[10]:.0f} % of points are "
        "on the right side.")
    labels = [ax.get_ylabel() for ax in explorer.live.fig.axes]
    assert "loss (cross-entropy)" in labels and "points on the right side (%)" in labels
    assert len(explorer.live.fig.axes) == 3  # the region, the loss and the accuracy's own axis


# --- Training against testing, full batch against mini-batches ------------------------------

TRAIN, TEST = MOONS, data.two_moons(n=20, seed=5)
TESTED = training.train(network.Network.random((2, 3, 1)), *TRAIN, lr=1.0, steps=30,
                        test=TEST)
BATCHED = training.train_sgd(network.Network.random((2, 3, 1)), *TRAIN, lr=1.0, epochs=30,
                             batch_size=5, test=TEST)


def test_train_test_curves_names_the_lowest_test_loss():
    caption = figures.train_test_curves(TESTED).caption
    best = int(np.argmin(TESTED.test_losses))
    assert f"the test loss was lowest, {TESTED.test_losses[best]:.3f}, at step {best} " in caption
    assert caption.startswith(f"Over 30 steps the loss on the training points fell from "
                              f"{TESTED.losses[0]:.3f} to {TESTED.losses[-1]:.3f}")


def test_minibatch_vs_full_counts_the_steps_of_each():
    caption = figures.minibatch_vs_full(TESTED, BATCHED).caption
    assert caption.startswith("In 30 epochs full-batch descent took 30 steps")
    assert "batches of 5 took 120 steps" in caption
    recent = BATCHED.batch_losses[-40:]
    assert f"jumped between {recent.min():.3f} and {recent.max():.3f} over the last 10" in caption


def test_the_batch_and_lr_explorer_gives_the_run_and_the_ladder():
    explorer = figures.batch_lr_explorer(network.Network.random((2, 3, 1)), *TRAIN,
                                         batch_sizes=(2, 20), lrs=(0.5, 1e4), epochs=2,
                                         batch_size=20, lr=0.5)
    runs = training.sgd_grid(network.Network.random((2, 3, 1)), *TRAIN, (2, 20), (0.5, 1e4), 2)
    start, end = runs[20, 0.5].losses[[0, -1]]
    assert explorer.snapshot().caption == (
        f"Batches of 20 at η = 0.5, 2 steps in 2 epochs: the loss on all training points went "
        f"from {start:.3f} to {end:.3f}. The largest η here that lowers the loss is 0.5 with "
        "batches of 2 and 0.5 with batches of 20.")
    explorer.controls["batch"].value = 0
    explorer.controls["lr"].value = 1e3  # between the two rates, nearer 1e4 on a log scale
    assert explorer.caption.value.startswith(
        "Batches of 2 at η = 1e+04, 20 steps in 2 epochs: diverged at step 1")


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
    "descent_1d step past the end": (
        lambda: figures.descent_1d_explorer(*PARABOLA, 0.1, 20, 0.5, step=21), ValueError,
        "step"),
    "descent_1d step a float": (
        lambda: figures.descent_1d_explorer(*PARABOLA, 0.1, 20, 0.5, step=2.0), TypeError,
        "step"),
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
    "train_test_curves without a test set": (
        lambda: figures.train_test_curves(SMALL_RUN), ValueError, "result has no test losses"),
    "train_test_curves a dict": (
        lambda: figures.train_test_curves({}), TypeError, "result"),
    "minibatch_vs_full a full-batch run as minibatch": (
        lambda: figures.minibatch_vs_full(TESTED, TESTED), ValueError, "minibatch"),
    "minibatch_vs_full epochs differ": (
        lambda: figures.minibatch_vs_full(
            training.train(network.Network.random((2, 3, 1)), *TRAIN, 1.0, 5, test=TEST),
            BATCHED), ValueError, "full"),
    "batch_lr net a string": (
        lambda: figures.batch_lr_explorer("net", *TRAIN), TypeError, "net"),
    "batch_lr batch_size not in the list": (
        lambda: figures.batch_lr_explorer(network.Network.random((2, 3, 1)), *TRAIN,
                                          batch_sizes=(5,), lrs=(0.5,), epochs=1,
                                          batch_size=7, lr=0.5), ValueError, "batch_size"),
    "batch_lr lr not in the list": (
        lambda: figures.batch_lr_explorer(network.Network.random((2, 3, 1)), *TRAIN,
                                          batch_sizes=(5,), lrs=(0.5, 1.0), epochs=1,
                                          batch_size=5, lr=3.0), ValueError, "lr"),
    "batch_lr one learning rate": (
        lambda: figures.batch_lr_explorer(network.Network.random((2, 3, 1)), *TRAIN,
                                          batch_sizes=(5,), lrs=(0.5,), epochs=1,
                                          batch_size=5, lr=0.5), ValueError, "lrs"),
    "batch_lr lr a string": (
        lambda: figures.batch_lr_explorer(network.Network.random((2, 3, 1)), *TRAIN,
                                          batch_sizes=(5,), lrs=(0.5, 1.0), epochs=1,
                                          batch_size=5, lr="fast"), TypeError, "lr"),
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
