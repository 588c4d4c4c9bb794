"""Notebook 04's figures of training a network: training_moments, training_explorer,
train_test_curves."""

import dataclasses

import numpy as np
import pytest
from sliders import slider_tests

from helpers import data, network, training
from helpers.figures import training as figures

MOONS = data.two_moons(n=20)
SMALL_RUN = training.train(network.Network.random((2, 3, 1)), *MOONS, lr=1.0, steps=20,
                           snapshot_every=10, resolution=10)
TRAIN, TEST = MOONS, data.two_moons(n=20, seed=5)
TESTED = training.train(network.Network.random((2, 3, 1)), *TRAIN, lr=1.0, steps=30,
                        test=TEST)



def test_training_moments_needs_the_snapshots_it_shows():
    picture = figures.training_moments(SMALL_RUN, *MOONS, steps=(0, 10, 20))
    L, acc = SMALL_RUN.losses, SMALL_RUN.accuracies
    assert picture.caption == (
        f"After 0, 10 and 20 steps the loss on the training points was {L[0]:.2f} "
        f"({100 * acc[0]:.0f} % right), {L[10]:.2f} ({100 * acc[10]:.0f} % right) and "
        f"{L[20]:.2f} ({100 * acc[20]:.0f} % right).")
    with pytest.raises(ValueError, match=r"no snapshot at steps \[15\]"):
        figures.training_moments(SMALL_RUN, *MOONS, steps=(0, 15))


def test_training_moments_draws_each_moment_on_labelled_axes(monkeypatch):
    drawn = []
    monkeypatch.setattr(figures, "_png", lambda fig: drawn.append(fig) or b"\x89PNG")
    figures.training_moments(SMALL_RUN, *MOONS, steps=(0, 10, 20), limits=(-1.5, 2.5))
    (fig,) = drawn
    assert len(fig.axes) == 3 and fig.axes[0].get_ylabel() == "input x₂"
    for ax in fig.axes:
        assert ax.get_xlabel() == "input x₁" and len(ax.get_xticklabels()) > 1
        assert len(ax.get_yticklabels()) > 1


def test_the_training_explorer_gives_loss_and_accuracy_on_two_axes(scene_at):
    explorer = figures.training_explorer(SMALL_RUN, *MOONS, step=10)
    assert explorer.snapshot().caption == (
        f"After 10 steps at η = 1 the loss is {SMALL_RUN.losses[10]:.3f} (it started at "
        f"{SMALL_RUN.losses[0]:.3f}) and {100 * SMALL_RUN.accuracies[10]:.0f} % of points are "
        "on the right side.")
    fig, _, _ = scene_at(explorer)
    labels = [ax.get_ylabel() for ax in fig.axes]
    assert "loss (cross-entropy)" in labels and "points on the right side (%)" in labels
    assert len(fig.axes) == 3  # the region, the loss and the accuracy's own axis


def test_train_test_curves_names_the_lowest_test_loss():
    caption = figures.train_test_curves(TESTED).caption
    best = int(np.argmin(TESTED.test_losses))
    assert f"the test loss was lowest, {TESTED.test_losses[best]:.3f}, at step {best} " in caption
    assert caption.startswith(f"Over 30 steps the loss on the training points fell from "
                              f"{TESTED.losses[0]:.3f} to {TESTED.losses[-1]:.3f}")


# --- Bad input is answered with a sentence, before any figure is built ----------------------


def _run_with(**changes):
    return dataclasses.replace(SMALL_RUN, **changes)


# (call, exception type, how the message opens: at least the argument's name)
BAD_INPUTS = {
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
    "training result without snapshots": (
        lambda: figures.training_explorer(
            training.train(network.Network.random((2, 3, 1)), *MOONS, 0.1, 5), *MOONS),
        ValueError, "result should hold snapshots"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_named_before_any_figure(case, refused):
    refused(*BAD_INPUTS[case])


# Each explorer's starting value and its slider (see sliders.py).
SLIDER_CASES = {
    "training step": (lambda v: figures.training_explorer(SMALL_RUN, *MOONS, step=v),
                      "step", "step", 0, 20, "int"),
}


(test_a_start_on_the_slider_builds_and_shows_that_value,
 test_a_start_off_the_slider_is_refused_naming_the_argument) = slider_tests(SLIDER_CASES, 6, 10)
