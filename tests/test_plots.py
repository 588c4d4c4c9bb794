import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import data, descent, learning_rate, losses, network, plots, training


def test_palette_is_one_place_and_classes_differ_by_shape():
    assert len(set(plots.CLASS_COLORS)) == 2
    assert len(set(plots.CLASS_MARKERS)) == 2
    assert all(color in plots.PALETTE.values() for color in plots.CLASS_COLORS)


def test_new_figure_is_not_left_open_in_pyplot():
    before = plt.get_fignums()
    fig, axes = plots.new_figure(6, 3, ncols=2)
    assert len(axes) == 2 and tuple(fig.get_size_inches()) == (6, 3)
    assert plt.get_fignums() == before


@pytest.mark.parametrize("make, panels", [
    (lambda: plots.activation_gallery(), 4),
    (lambda: plots.points_and_line(*data.xor_gate(), np.ones(2), -0.5), 1),
    (lambda: plots.loss_against_prediction(), 2),
    (lambda: plots.descent_on_line_fit(*data.noisy_line(), np.array([[0.0, 0.0], [1.0, 0.5],
                                                                     [1.4, 0.5]])), 2),
    (lambda: plots.loss_curves_by_learning_rate(
        [training.train(network.Network.random((2, 3, 1)), *data.two_moons(n=20), lr, 10)
         for lr in (0.1, 1e3)]), 1),
    (lambda: plots.range_test_figure(learning_rate.range_test_function(
        *learning_rate.quadratic(1.0), 1.0)), 1),
    (lambda: plots.schedule_comparison({"a": descent.gradient_descent(
        descent.parabola, descent.parabola_slope, 1.0, 0.1, 5)}), 1),
])
def test_static_figures_draw_with_labelled_axes(make, panels):
    fig = make()
    assert len(fig.axes) >= panels
    fig.canvas.draw()
    for ax in fig.axes[:panels]:
        assert ax.get_xlabel() or ax.get_title()


def test_loss_contours_are_spaced_in_log_loss():
    slopes, intercepts = np.linspace(0, 3, 30), np.linspace(-1, 2, 30)
    surface = losses.line_loss_surface(*data.noisy_line(), slopes, intercepts)
    fig, (ax,) = plots.new_figure(4, 3)
    filled = plots.loss_contours(ax, slopes, intercepts, surface)
    ratios = np.diff(np.log(filled.levels))
    np.testing.assert_allclose(ratios, ratios[0])


def test_training_moments_needs_the_snapshots_it_shows():
    X, y = data.two_moons(n=20)
    run = training.train(network.Network.random((2, 3, 1)), X, y, 1.0, 20, snapshot_every=10,
                         resolution=10)
    fig = plots.training_moments(run, X, y, steps=(0, 10, 20))
    assert [ax.get_title() for ax in fig.axes][0].startswith("step 0: loss")
    with pytest.raises(ValueError, match=r"no snapshot at steps \[15\]"):
        plots.training_moments(run, X, y, steps=(0, 15))


# --- Bad input is answered with a sentence, before any figure is built ----------------------

from unittest import mock  # noqa: E402

from helpers import perceptron  # noqa: E402

XOR = data.xor_gate()
LINE = data.noisy_line(n=20)
PATH = np.array([[0.0, 0.0], [1.0, 0.5], [1.4, 0.5]])
MOONS = data.two_moons(n=20)
NET = network.Network.random((2, 3, 1))
RUN = training.train(NET, *MOONS, lr=1.0, steps=20, snapshot_every=10, resolution=10)
WALK = descent.gradient_descent(descent.parabola, descent.parabola_slope, 1.0, 0.1, 5)
RANGE_TEST = learning_rate.range_test_function(*learning_rate.quadratic(1.0), 1.0)
SURFACE_AXES = (np.linspace(0, 3, 5), np.linspace(-1, 2, 4))


def _axes():
    return plots.new_figure(4, 3)[1][0]


# (call, exception type, a word the message must contain: the argument's name)
BAD_FIGURES = {
    "activation_gallery z_range reversed": (
        lambda: plots.activation_gallery((4, -4)), ValueError, "z_range"),
    "activation_gallery z_range infinite": (
        lambda: plots.activation_gallery((-np.inf, 4)), ValueError, "z_range"),
    "points_and_line w of 3": (
        lambda: plots.points_and_line(*XOR, np.ones(3), 0.0), ValueError, "w"),
    "points_and_line X of 3 columns": (
        lambda: plots.points_and_line(np.ones((4, 3)), XOR[1]), ValueError, "X"),
    "points_and_line y not 0/1": (
        lambda: plots.points_and_line(XOR[0], np.array([0, 1, 2, 1])), ValueError, "y"),
    "points_and_line b text": (
        lambda: plots.points_and_line(*XOR, np.ones(2), "b"), TypeError, "b"),
    "points_and_line limits one number": (
        lambda: plots.points_and_line(*XOR, limits=1.5), TypeError, "limits"),
    "descent_on_line_fit path of 3 columns": (
        lambda: plots.descent_on_line_fit(*LINE, np.zeros((5, 3))), ValueError, "path"),
    "descent_on_line_fit path of one point": (
        lambda: plots.descent_on_line_fit(*LINE, np.zeros((1, 2))), ValueError, "path"),
    "descent_on_line_fit path too long": (
        lambda: plots.descent_on_line_fit(*LINE, np.zeros((5000, 2))), ValueError, "path"),
    "descent_on_line_fit x and y differ": (
        lambda: plots.descent_on_line_fit(LINE[0], LINE[1][:3], PATH), ValueError, "x and y"),
    "descent_on_line_fit slope_range empty": (
        lambda: plots.descent_on_line_fit(*LINE, PATH, slope_range=(1, 1)), ValueError,
        "slope_range"),
    "loss_curves runs not a list": (
        lambda: plots.loss_curves_by_learning_rate(RUN), TypeError, "runs"),
    "loss_curves runs empty": (
        lambda: plots.loss_curves_by_learning_rate([]), ValueError, "runs"),
    "loss_curves runs of descent results": (
        lambda: plots.loss_curves_by_learning_rate([WALK]), TypeError, "runs[0]"),
    "loss_curves more runs than colours": (
        lambda: plots.loss_curves_by_learning_rate([RUN] * (len(plots.LINE_COLORS) + 1)),
        ValueError, "runs"),
    "range_test_figure a dict": (
        lambda: plots.range_test_figure({"lrs": [1], "losses": [1]}), TypeError, "test"),
    "range_test_figure nothing tried": (
        lambda: plots.range_test_figure(learning_rate.RangeTest(np.array([]), np.array([]),
                                                                1.0)), ValueError, "test"),
    "schedule_comparison a list": (
        lambda: plots.schedule_comparison([WALK]), TypeError, "walks"),
    "schedule_comparison empty": (
        lambda: plots.schedule_comparison({}), ValueError, "walks"),
    "schedule_comparison a training run": (
        lambda: plots.schedule_comparison({"a": RUN}), TypeError, "walks"),
    "schedule_comparison more walks than colours": (
        lambda: plots.schedule_comparison({str(i): WALK for i in range(8)}), ValueError,
        "walks"),
    "training_moments result a dict": (
        lambda: plots.training_moments(RUN.snapshots, *MOONS, steps=(0, 10)), TypeError,
        "result"),
    "training_moments steps one number": (
        lambda: plots.training_moments(RUN, *MOONS, steps=10), TypeError, "steps"),
    "training_moments steps empty": (
        lambda: plots.training_moments(RUN, *MOONS, steps=()), ValueError, "steps"),
    "training_moments X of 3 columns": (
        lambda: plots.training_moments(RUN, np.ones((20, 3)), MOONS[1], steps=(0,)),
        ValueError, "X"),
    "new_figure ncols 0": (lambda: plots.new_figure(4, 3, ncols=0), ValueError, "ncols"),
    "new_figure width negative": (lambda: plots.new_figure(-4, 3), ValueError, "width"),
    "new_figure height 10**6": (lambda: plots.new_figure(4, 10**6), ValueError, "height"),
    "new_figure width_ratios too few": (
        lambda: plots.new_figure(4, 3, ncols=2, width_ratios=(1,)), ValueError,
        "width_ratios"),
}

# Helpers that draw into an axes they are given: the axes is made first, outside the check.
BAD_AXES_INPUTS = {
    "scatter_classes ax None": (
        lambda ax: plots.scatter_classes(None, *XOR), TypeError, "ax should be a matplotlib Axes"),
    "scatter_classes size negative": (
        lambda ax: plots.scatter_classes(ax, *XOR, size=-1), ValueError, "size"),
    "scatter_classes y too short": (
        lambda ax: plots.scatter_classes(ax, XOR[0], XOR[1][:2]), ValueError, "y"),
    "region_image ax None": (
        lambda ax: plots.region_image(None, np.zeros((3, 3)), (0, 1), (0, 1)), TypeError,
        "ax should be a matplotlib Axes"),
    "region_image values 1-D": (
        lambda ax: plots.region_image(ax, np.zeros(9), (0, 1), (0, 1)), ValueError, "values"),
    "region_image xlim reversed": (
        lambda ax: plots.region_image(ax, np.zeros((3, 3)), (1, 0), (0, 1)), ValueError, "xlim"),
    "region_image ylim text": (
        lambda ax: plots.region_image(ax, np.zeros((3, 3)), (0, 1), "0 to 1"), TypeError,
        "ylim"),
    "loss_contours ax None": (
        lambda ax: plots.loss_contours(None, *SURFACE_AXES, np.ones((4, 5))), TypeError,
        "ax should be a matplotlib Axes"),
    "loss_contours surface transposed": (
        lambda ax: plots.loss_contours(ax, *SURFACE_AXES, np.ones((5, 4))), ValueError,
        "surface"),
    "loss_contours surface flat": (
        lambda ax: plots.loss_contours(ax, *SURFACE_AXES, np.ones((4, 5))), ValueError,
        "surface"),
    "loss_contours slopes decreasing": (
        lambda ax: plots.loss_contours(ax, SURFACE_AXES[0][::-1], SURFACE_AXES[1],
                                       np.arange(20.0).reshape(4, 5)), ValueError, "slopes"),
    "loss_contours levels 10**6": (
        lambda ax: plots.loss_contours(ax, *SURFACE_AXES, np.arange(20.0).reshape(4, 5),
                                       levels=10**6), ValueError, "levels"),
}


def no_figure(*args, **kwargs):
    raise AssertionError("a figure was built before the input was checked")


@pytest.mark.parametrize("case", sorted(BAD_FIGURES))
def test_bad_figure_input_is_named_before_any_figure(case):
    call, kind, name = BAD_FIGURES[case]
    # new_figure itself is the thing checked in its own cases, so it runs unpatched there.
    patch = (mock.patch.object(plots, "Figure", side_effect=no_figure) if "new_figure" in case
             else mock.patch.object(plots, "new_figure", no_figure))
    with patch, pytest.raises(kind) as caught:
        call()
    assert type(caught.value) is kind
    # The message opens with the argument's name: "lr should be ...".
    assert re.match(re.escape(name) + r"(?!\w)", str(caught.value)), str(caught.value)


@pytest.mark.parametrize("case", sorted(BAD_AXES_INPUTS))
def test_bad_input_to_an_axes_helper_is_named_and_draws_nothing(case):
    call, kind, name = BAD_AXES_INPUTS[case]
    ax = _axes()
    with pytest.raises(kind) as caught:
        call(ax)
    assert type(caught.value) is kind
    # The message opens with the argument's name: "lr should be ...".
    assert re.match(re.escape(name) + r"(?!\w)", str(caught.value)), str(caught.value)
    assert not ax.collections and not ax.images, "something was drawn before the check"


def test_every_line_colour_can_be_used_and_each_run_keeps_its_own():
    runs = [training.train(NET, *MOONS, lr=lr, steps=5)
            for lr in np.geomspace(0.01, 1.0, len(plots.LINE_COLORS))]
    fig = plots.loss_curves_by_learning_rate(runs)
    lines = fig.axes[0].get_lines()
    assert len({line.get_color() for line in lines}) == len(runs)
    assert [text.get_text() for text in fig.axes[0].get_legend().get_texts()] == [
        f"η = {run.lr:g}" for run in runs]


def test_points_and_line_draws_the_line_for_a_good_w():
    fig = plots.points_and_line(*XOR, np.array([1.0, 1.0]), -0.5)
    xs, ys = perceptron.decision_line(np.array([1.0, 1.0]), -0.5, (-0.5, 1.5))
    np.testing.assert_allclose(fig.axes[0].get_lines()[0].get_ydata(), ys)
