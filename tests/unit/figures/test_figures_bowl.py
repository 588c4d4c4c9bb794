"""Notebook 05's figures on the elongated bowl: bowl_strip, bowl_explorer."""

import pytest
from sliders import slider_tests

from helpers import _validate
from helpers.figures import bowl as figures


def test_bowl_strip_shows_one_panel_per_state_and_says_each():
    picture = figures.bowl_strip(lrs=(0.05, 0.21))
    assert "η = 0.05 after 40 steps the loss fell from 7 to" in picture.caption
    assert "η = 0.21 diverged at step 1" in picture.caption
    rolling = figures.bowl_strip(momenta=(0.0, 0.6), lr=0.05)
    assert "at η = 0.05" in rolling.caption and "β = 0.6 after 40 steps" in rolling.caption


# --- Bad input is answered with a sentence, before any figure is built ----------------------


# (call, exception type, how the message opens: at least the argument's name)
BAD_INPUTS = {
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
    "bowl momentum lr 0": (
        lambda: figures.bowl_explorer(lr=0, vary="momentum"), ValueError, "lr"),
    "bowl vary unknown": (
        lambda: figures.bowl_explorer(vary="speed"), ValueError,
        "vary should be one of lr, momentum"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_named_before_any_figure(case, refused):
    refused(*BAD_INPUTS[case])


# Each explorer's starting value and its slider (see sliders.py).
SLIDER_CASES = {
    "bowl lr": (lambda v: figures.bowl_explorer(lr=v), "lr", "lr", 1e-3, 1, "log"),
}


(test_a_start_on_the_slider_builds_and_shows_that_value,
 test_a_start_off_the_slider_is_refused_naming_the_argument) = slider_tests(SLIDER_CASES, 6, 10)
