"""Notebook 05's figures on the elongated bowl: bowl_strip, bowl_explorer, momentum_explorer."""

from unittest import mock

import pytest
from sliders import slider_tests

from helpers import _validate
from helpers.figures import bowl as figures


def test_bowl_strip_shows_one_panel_per_state_and_says_each():
    picture = figures.bowl_strip(lrs=(0.05, 0.21))
    assert "η = 0.05 after 40 steps the loss fell from 7 to" in picture.caption
    assert "η = 0.21 diverged at step 1" in picture.caption
    rolling = figures.bowl_strip(settings=[(0.18, 0.0), (0.05, 0.6)])
    assert ("η = 0.18, β = 0 (per step ×0.82 along the gentle direction, ×0.80 along the steep "
            "one) after 40 steps the loss fell from 7 to") in rolling.caption
    assert "η = 0.05, β = 0.6 (per step ×0.80" in rolling.caption


def test_a_walk_that_leaves_the_map_and_comes_back_is_drawn_whole():
    with mock.patch.object(figures, "_png", side_effect=lambda fig: fig), \
            mock.patch.object(figures, "Picture", side_effect=lambda fig, caption: fig):
        fig = figures.bowl_strip(settings=[(0.23, 0.28), (0.21, 0.0)])
    back, away = fig.axes[:2]
    assert len(back.get_lines()[-1].get_xdata()) == 41  # its first step leaves the map
    # at η = 0.21 the steep direction grows by 1.1 a step: past the map's 1.25 at step 3
    assert not back.texts and [t.get_text() for t in away.texts] == ["↑ leaves the map at step 3"]


def test_the_momentum_explorer_has_two_sliders_and_gives_the_factors(scene_at):
    explorer = figures.momentum_explorer(lr=0.18)
    assert set(explorer.controls) == {"lr", "momentum"}
    assert explorer.controls["momentum"].description == "momentum β"
    _, moving, caption = scene_at(explorer, lr=0.23, momentum=0.28)
    assert moving[1].get_text().startswith("η = 0.23, β = 0.28: per step gentle ×0.53, steep "
                                           "×0.53")
    assert "0.529 along the gentle direction and by 0.529 along the steep one" in caption


# --- Bad input is answered with a sentence, before any figure is built ----------------------


# (call, exception type, how the message opens: at least the argument's name)
BAD_INPUTS = {
    "bowl_strip lrs empty": (
        lambda: figures.bowl_strip(lrs=[]), ValueError, "lrs"),
    "bowl_strip five lrs": (
        lambda: figures.bowl_strip(lrs=[0.1] * 5), ValueError, "lrs"),
    "bowl_strip momentum 1": (
        lambda: figures.bowl_strip(settings=[(0.1, 0.5), (0.1, 1.0)]), ValueError, "settings"),
    "bowl_strip settings text": (
        lambda: figures.bowl_strip(settings="abc"), TypeError, "settings"),
    "bowl_strip curvatures one": (
        lambda: figures.bowl_strip(curvatures=(1.0,)), ValueError, "curvatures"),
    "bowl_strip lr 0": (
        lambda: figures.bowl_strip(settings=[(0.0, 0.5)]), ValueError, "settings"),
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
        lambda: figures.bowl_explorer(start=(1e308, -1e308)), _validate.OutOfRange, "start"),
    "momentum lr off slider": (
        lambda: figures.momentum_explorer(lr=2.0), ValueError, "lr"),
    "momentum off slider": (
        lambda: figures.momentum_explorer(momentum=0.99), ValueError, "momentum"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_named_before_any_figure(case, refused):
    refused(*BAD_INPUTS[case])


# Each explorer's starting value and its slider (see sliders.py).
SLIDER_CASES = {
    "bowl lr": (lambda v: figures.bowl_explorer(lr=v), "lr", "lr", 1e-2, 1, "log"),
    "momentum lr": (lambda v: figures.momentum_explorer(lr=v), "lr", "lr", 1e-2, 1, "log"),
    "momentum β": (lambda v: figures.momentum_explorer(momentum=v), "momentum", "momentum", 0,
                   0.95, "linear"),
}


(test_a_start_on_the_slider_builds_and_shows_that_value,
 test_a_start_off_the_slider_is_refused_naming_the_argument) = slider_tests(SLIDER_CASES, 3, 10)
