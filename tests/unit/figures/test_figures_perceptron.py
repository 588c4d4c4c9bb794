"""Notebook 01's figures: activation_gallery, points_and_line, decision_line_explorer,
perceptron_rule_explorer."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import data, perceptron
from helpers.figures import perceptron as figures

CLOUDS = data.two_clouds(n=40, seed=4)
XOR = data.xor_gate()


@pytest.mark.parametrize("make, panels", [
    (lambda: figures.activation_gallery(), 4),
    (lambda: figures.points_and_line(*XOR, np.ones(2), -0.5), 1),
], ids=["activation_gallery", "points_and_line"])
def test_static_figures_draw_with_labelled_axes(make, panels):
    fig = make()
    assert len(fig.axes) >= panels
    fig.canvas.draw()
    for ax in fig.axes[:panels]:
        assert ax.get_xlabel() or ax.get_title()


def test_points_and_line_draws_the_line_for_a_good_w():
    fig = figures.points_and_line(*XOR, np.array([1.0, 1.0]), -0.5)
    xs, ys = perceptron.decision_line(np.array([1.0, 1.0]), -0.5, (-0.5, 1.5))
    np.testing.assert_allclose(fig.axes[0].get_lines()[0].get_ydata(), ys)


def test_decision_line_title_counts_the_misclassified_points():
    explorer = figures.decision_line_explorer(*CLOUDS, w=(0.5, 1.0), b=0.5)
    expected = perceptron.count_misclassified(*CLOUDS, np.array([0.5, 1.0]), 0.5)
    assert explorer.live.moving[-1].get_text() == f"{expected} points misclassified"
    explorer.controls["w1"].value = 1.5
    explorer.controls["w2"].value = 1.5
    explorer.controls["b"].value = 0.5
    assert explorer.live.moving[-1].get_text() == "every point is on the right side ✓"


# --- Bad input is answered with a sentence, before any figure is built ----------------------

# (call, exception type, how the message opens: at least the argument's name)
BAD_INPUTS = {
    "activation_gallery z_range reversed": (
        lambda: figures.activation_gallery((4, -4)), ValueError, "z_range"),
    "activation_gallery z_range infinite": (
        lambda: figures.activation_gallery((-np.inf, 4)), ValueError, "z_range"),
    "points_and_line w of 3": (
        lambda: figures.points_and_line(*XOR, np.ones(3), 0.0), ValueError, "w"),
    "points_and_line X of 3 columns": (
        lambda: figures.points_and_line(np.ones((4, 3)), XOR[1]), ValueError, "X"),
    "points_and_line y not 0/1": (
        lambda: figures.points_and_line(XOR[0], np.array([0, 1, 2, 1])), ValueError, "y"),
    "points_and_line b text": (
        lambda: figures.points_and_line(*XOR, np.ones(2), "b"), TypeError, "b"),
    "points_and_line limits one number": (
        lambda: figures.points_and_line(*XOR, limits=1.5), TypeError, "limits"),
    "decision_line w off slider": (
        lambda: figures.decision_line_explorer(*CLOUDS, w=(5, 0)), ValueError, "w"),
    "decision_line b off slider": (
        lambda: figures.decision_line_explorer(*CLOUDS, b=-4.5), ValueError, "b"),
    "decision_line w of 3 weights": (
        lambda: figures.decision_line_explorer(*CLOUDS, w=(1, 1, 1)), ValueError, "w"),
    "decision_line w a number": (
        lambda: figures.decision_line_explorer(*CLOUDS, w=1.0), ValueError, "w"),
    "decision_line limits reversed": (
        lambda: figures.decision_line_explorer(*CLOUDS, limits=(3, -3)), ValueError, "limits"),
    "decision_line X with 3 columns": (
        lambda: figures.decision_line_explorer(np.ones((4, 3)), CLOUDS[1][:4]), ValueError,
        "X should have shape (n, 2)"),
    "perceptron_rule history a tuple": (
        lambda: figures.perceptron_rule_explorer(*CLOUDS, (1, 2)), TypeError, "history"),
    "perceptron_rule history from other data": (
        lambda: figures.perceptron_rule_explorer(*XOR, perceptron.learn(*CLOUDS)), ValueError,
        "history"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_named_before_any_figure(case, refused):
    refused(*BAD_INPUTS[case])


# Each explorer's starting value and its slider: (build with value v, argument, control,
# low, high, scale). Inside the range it builds and shows that very value; outside, it is refused.
SLIDER_CASES = {
    "decision_line w": (lambda v: figures.decision_line_explorer(*CLOUDS, w=(v, 0.5)),
                        "w", "w1", -3, 3, "linear"),
    "decision_line b": (lambda v: figures.decision_line_explorer(*CLOUDS, b=v),
                        "b", "b", -4, 4, "linear"),
}


@settings(max_examples=4, deadline=None)
@given(case=st.sampled_from(sorted(SLIDER_CASES)), data_=st.data())
def test_a_start_on_the_slider_builds_and_shows_that_value(case, data_, on_slider):
    build, _, control, low, high, scale = SLIDER_CASES[case]
    value = on_slider(data_.draw, low, high, scale)
    explorer = build(value)
    assert explorer.controls[control].value == pytest.approx(value, rel=1e-9, abs=1e-12)
    assert explorer.snapshot().png.startswith(b"\x89PNG")


@settings(max_examples=8, deadline=None)
@given(case=st.sampled_from(sorted(SLIDER_CASES)), data_=st.data())
def test_a_start_off_the_slider_is_refused_naming_the_argument(case, data_, off_slider,
                                                                refused):
    build, argument, _, low, high, scale = SLIDER_CASES[case]
    value = off_slider(data_.draw, low, high, scale)
    message = refused(lambda: build(value), ValueError, argument)
    assert "the slider's range" in message
