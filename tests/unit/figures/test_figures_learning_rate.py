"""Notebook 05's figures: parabola_strip, quadratic_lr_explorer, and the explorers the notebook
reaches through `learning_rate` (bowl_explorer, momentum_explorer, network_lr_explorer)."""

from unittest import mock

import numpy as np
import pytest
from sliders import slider_tests

from helpers import data, learning_rate, network, training
from helpers.figures import controls, learning_rate_network
from helpers.figures import learning_rate as figures

MOONS = data.two_moons(n=20)
NET = network.Network.random((2, 3, 1))
RUN = training.train(NET, *MOONS, lr=1.0, steps=20, snapshot_every=10, resolution=10)
RANGE_TEST = learning_rate.range_test_function(*learning_rate.quadratic(1.0), 1.0)


@pytest.mark.parametrize("draw", [
    lambda: learning_rate_network._loss_curves_figure(
        [training.train(NET, *MOONS, lr, 10) for lr in (0.1, 1e3)]),
    lambda: learning_rate_network._range_test_figure(RANGE_TEST),
], ids=["loss_curves_by_learning_rate", "range_test_figure"])
def test_static_figures_have_labelled_log_axes_and_legends_off_the_data(draw):
    fig = draw()
    fig.canvas.draw()
    ax = fig.axes[0]
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_yscale() == "log"
    legend = ax.get_legend().get_window_extent()
    assert legend.x0 >= ax.get_window_extent().x1  # beside the axes, never over a curve


def test_parabola_strip_names_the_regime_of_each_walk_and_how_fast_it_closes_in():
    picture = figures.parabola_strip(lrs=(0.01, 1.0, 2.5))
    assert ("η = 0.01 is smooth: the loss went from 1.12 to 0.616 (10× closer to the bottom in "
            "230 steps)") in picture.caption
    assert "η = 1 is one step: the loss went from 1.12 to 0 (at the bottom after 1 step);" \
        in picture.caption
    assert "η = 2.5 is diverging: diverged at step 1" in picture.caption


def test_parabola_strip_draws_the_loss_of_every_walk_on_the_right_and_marks_an_exact_zero():
    with mock.patch.object(figures, "_png", side_effect=lambda fig: fig), \
            mock.patch.object(figures, "Picture", side_effect=lambda fig, caption: fig):
        fig = figures.parabola_strip(lrs=(0.3, 1.0, 2.5))
    loss_ax = fig.axes[-1]
    assert loss_ax.get_yscale() == "log" and loss_ax.get_title() == "the loss at each step"
    lines = loss_ax.get_lines()
    assert [line.get_label() for line in lines] == ["η = 0.3", "η = 1", "η = 2.5"]
    assert len({line.get_color() for line in lines}) == 3
    assert np.isnan(lines[1].get_ydata()[1:]).all()  # the exact zero: no invented floor
    assert [t.get_text() for t in loss_ax.texts] == ["η = 1 reached 0 at step 1 ↓"]


def test_explorers_say_in_words_what_their_picture_shows():
    parabola = figures.quadratic_lr_explorer(curvature=1.0, start=1.5, steps=30, lr=0.1)
    assert parabola.caption.startswith("η = 0.1 is smooth (ηL = 0.1): each step multiplies "
                                             "w by 0.9")
    assert "10× closer to the bottom in 22 steps" in parabola.caption
    bowl = figures.bowl_explorer(lr=0.19)
    assert "the steep direction is oscillating, the gentle one smooth" in bowl.caption
    rolling = figures.momentum_explorer(lr=0.05)
    rolling.controls["momentum"].value = 0.6
    assert rolling.caption.startswith(
        "η = 0.05 and momentum β = 0.60: in the long run each step multiplies the distance to "
        "the bottom by 0.8 along the gentle direction and by 0.775 along the steep one; after "
        "40 steps")
    retrain = figures.network_lr_explorer(NET, *MOONS, steps=10, resolution=10)
    assert retrain.caption.startswith("η = 0.3: after 10 steps the loss fell from")
    assert "% of points are on the right side; a start nudged by 1e-13 ends the same" \
        in retrain.caption


def test_the_parabola_explorer_marks_an_exact_zero_and_values_off_its_chart(scene_at):
    explorer = figures.quadratic_lr_explorer(curvature=1.0)
    _, moving, caption = scene_at(explorer, lr=1.0)
    loss_line, top, bottom = moving[2], *moving[4:]
    assert np.isnan(loss_line.get_ydata()[1:]).all()  # no invented floor under the zero
    assert bottom.get_text() == "↓ reached 0 at step 1" and not top.get_text().strip()
    assert "reached 0 at step 1" in caption
    _, (_, _, _, _, top, _), _ = scene_at(explorer, lr=10.0)
    assert top.get_text().startswith("↑ above the chart from step 4")


@pytest.mark.parametrize("build, per_decade", [
    (lambda: figures.quadratic_lr_explorer(), 20),
    (lambda: figures.bowl_explorer(), 20),
    (lambda: figures.network_lr_explorer(network.Network.random((2, 8, 1)),
                                         *data.two_moons(n=60), steps=50),
     learning_rate_network.STEPS_PER_DECADE),
], ids=["parabola", "bowl", "network"])
def test_learning_rate_sliders_are_logarithmic_and_reach_divergence(scene_at, build, per_decade):
    for explorer in (build(),):
        control = explorer.controls["lr"]
        exponents = np.log10([rate for _, rate in control.options])
        # Evenly many positions a decade (and the start, if it falls between two of them).
        assert np.all(np.diff(exponents) <= 1 / per_decade + 1e-9)
        assert np.isclose(per_decade * exponents,
                          np.round(per_decade * exponents)).sum() >= len(exponents) - 1
        rates = [rate for _, rate in control.options]
        assert control.description == controls.LR_LABEL == "learning rate η"
        control.value = rates[-1]
        _, moving, _ = scene_at(explorer)
        title_texts = " ".join(a.get_text() for a in moving if hasattr(a, "get_text"))
        assert "diverged at step" in title_texts, title_texts
        assert "diverged at step" in explorer.caption


def test_quadratic_explorer_names_each_regime(scene_at):
    explorer = figures.quadratic_lr_explorer(curvature=1.0)
    names = set()
    for value in (0.002, 0.5, 1.0, 1.5, 2.0, 5.0):
        _, moving, _ = scene_at(explorer, lr=value)
        names.add(moving[1].get_text().split(": ")[1])
    assert names == {name.upper() for name in learning_rate.REGIMES}


# --- Bad input is answered with a sentence, before any figure is built ----------------------


# (call, exception type, how the message opens: at least the argument's name)
BAD_INPUTS = {
    "parabola_strip lrs negative": (
        lambda: figures.parabola_strip(lrs=(0.1, -1.0)), ValueError, "lrs"),
    "parabola_strip lrs text": (
        lambda: figures.parabola_strip(lrs="0.1"), TypeError, "lrs"),
    "parabola_strip start 0": (
        lambda: figures.parabola_strip(start=0), ValueError, "start"),
    "parabola_strip curvature 0": (
        lambda: figures.parabola_strip(curvature=0), ValueError, "curvature"),
    "quadratic lr above slider": (
        lambda: figures.quadratic_lr_explorer(lr=100), ValueError,
        "lr should be between 0.01 and 10 (the slider's range), got 100"),
    "quadratic lr_range not positive": (
        lambda: figures.quadratic_lr_explorer(lr_range=(0, 10)), ValueError, "lr_range"),
    "quadratic start 0": (
        lambda: figures.quadratic_lr_explorer(start=0), ValueError, "start"),
    "quadratic curvature too small to name 2/L": (
        lambda: figures.quadratic_lr_explorer(curvature=1e-320), ValueError, "curvature"),
    "parabola_strip curvature too large": (
        lambda: figures.parabola_strip(curvature=1e308), ValueError, "curvature"),
    "parabola_strip start too small": (
        lambda: figures.parabola_strip(start=1e-320), ValueError, "start"),
    "quadratic curvature negative": (
        lambda: figures.quadratic_lr_explorer(curvature=-1), ValueError, "curvature"),
    "quadratic steps 10**9": (
        lambda: figures.quadratic_lr_explorer(steps=10**9), ValueError, "steps"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_named_before_any_figure(case, refused):
    refused(*BAD_INPUTS[case])


# Each explorer's starting value and its slider (see sliders.py).
SLIDER_CASES = {
    "quadratic lr": (lambda v: figures.quadratic_lr_explorer(lr=v), "lr", "lr", 1e-2, 10, "log"),
}


(test_a_start_on_the_slider_builds_and_shows_that_value,
 test_a_start_off_the_slider_is_refused_naming_the_argument) = slider_tests(SLIDER_CASES, 3, 10)
