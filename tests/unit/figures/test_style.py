"""The course's look and drawing primitives: palette, style, new_figure and the axes helpers."""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import data, losses
from helpers.figures import style


def test_the_two_classes_differ_by_colour_and_by_shape():
    assert len(set(style.CLASS_COLORS)) == 2
    assert len(set(style.CLASS_MARKERS)) == 2


def test_every_line_colour_comes_with_a_dash_of_its_own():
    # Figures zip runs with both, so a shorter list of dashes would silently drop runs.
    pairs = set(zip(style.LINE_COLORS, map(str, style.LINE_STYLES), strict=True))
    assert len({colour for colour, _ in pairs}) == len({dash for _, dash in pairs}) == len(pairs)


def test_the_course_style_holds_inside_style_and_everywhere_after_apply_style():
    with mpl.rc_context():
        mpl.rcdefaults()
        with style.style():
            assert mpl.rcParams["axes.spines.top"] is False
        assert mpl.rcParams["axes.spines.top"] is True, "style() leaves the old style behind"
        style.apply_style()
        assert mpl.rcParams["axes.spines.top"] is False


def test_new_figure_is_in_the_course_style_and_not_left_open_in_pyplot():
    before = plt.get_fignums()
    with mpl.rc_context():
        mpl.rcdefaults()
        fig, axes = style.new_figure(6, 3, ncols=2)
    assert len(axes) == 2 and tuple(fig.get_size_inches()) == (6, 3)
    assert not axes[0].spines["top"].get_visible()
    assert plt.get_fignums() == before


def test_loss_contours_are_spaced_in_log_loss():
    slopes, intercepts = np.linspace(0, 3, 30), np.linspace(-1, 2, 30)
    surface = losses.line_loss_surface(*data.noisy_line(), slopes, intercepts)
    fig, (ax,) = style.new_figure(4, 3)
    filled = style.loss_contours(ax, slopes, intercepts, surface)
    ratios = np.diff(np.log(filled.levels))
    np.testing.assert_allclose(ratios, ratios[0])


def test_loss_contours_carry_a_colour_bar_that_says_lower_is_better_in_plain_numbers():
    slopes, intercepts = np.linspace(0, 3, 30), np.linspace(-1, 2, 30)
    surface = losses.line_loss_surface(*data.noisy_line(), slopes, intercepts)
    fig, (ax,) = style.new_figure(4, 3)
    style.loss_contours(ax, slopes, intercepts, surface)
    fig.canvas.draw()
    (bar_ax,) = [other for other in fig.axes if other is not ax]
    assert bar_ax.get_ylabel() == "MSE (lower is better)"
    labels = [t.get_text() for t in bar_ax.get_yticklabels() if t.get_text()]
    assert len(labels) >= 2
    for label in labels:  # "0.5", "2", "10": no powers of ten to decode
        assert float(label) > 0 and "^" not in label and "e" not in label
    assert style.loss_contours(ax, slopes, intercepts, surface, label="loss J").colorbar \
        .ax.get_ylabel() == "loss J"


def test_the_lowest_loss_star_stands_out_from_the_colour_under_it():
    # The colour at the lowest loss: the star must differ from it clearly (and be edged).
    floor = np.array(mpl.colors.to_rgb(style.LOSS_CMAP(0.0)))
    star = np.array(mpl.colors.to_rgb(style.LOWEST_MARKER["color"]))
    assert np.linalg.norm(floor - star) > 0.4
    assert style.LOWEST_MARKER["mec"] == "black"


def test_the_loss_colours_darken_steadily_from_low_to_high_loss():
    # One direction of lightness reads the same with every kind of colour vision.
    rgb = style.LOSS_CMAP(np.linspace(0, 1, 64))[:, :3]
    lightness = rgb @ np.array([0.2126, 0.7152, 0.0722])
    assert np.all(np.diff(lightness) < 0)


# --- Bad input is answered with a sentence, before anything is drawn -------------------------

XOR = data.xor_gate()
SURFACE_AXES = (np.linspace(0, 3, 5), np.linspace(-1, 2, 4))

# new_figure itself: the matplotlib Figure must not be built before the check.
BAD_NEW_FIGURE = {
    "ncols 0": (lambda: style.new_figure(4, 3, ncols=0), ValueError, "ncols"),
    "ncols above MAX_PANELS": (
        lambda: style.new_figure(4, 3, ncols=style.MAX_PANELS + 1), ValueError, "ncols"),
    "width negative": (lambda: style.new_figure(-4, 3), ValueError, "width"),
    "height 10**6": (lambda: style.new_figure(4, 10**6), ValueError, "height"),
    "width_ratios too few": (
        lambda: style.new_figure(4, 3, ncols=2, width_ratios=(1,)), ValueError, "width_ratios"),
}


@pytest.mark.parametrize("case", sorted(BAD_NEW_FIGURE))
def test_bad_new_figure_input_is_named_before_the_figure_is_built(case, refused):
    refused(*BAD_NEW_FIGURE[case], forbid="Figure")


# Helpers that draw into an axes they are given: the axes is made first, outside the check.
BAD_AXES_INPUTS = {
    "scatter_classes ax None": (
        lambda ax: style.scatter_classes(None, *XOR), TypeError, "ax should be a matplotlib Axes"),
    "scatter_classes size negative": (
        lambda ax: style.scatter_classes(ax, *XOR, size=-1), ValueError, "size"),
    "scatter_classes y too short": (
        lambda ax: style.scatter_classes(ax, XOR[0], XOR[1][:2]), ValueError, "y"),
    "region_image ax None": (
        lambda ax: style.region_image(None, np.zeros((3, 3)), (0, 1), (0, 1)), TypeError,
        "ax should be a matplotlib Axes"),
    "region_image values 1-D": (
        lambda ax: style.region_image(ax, np.zeros(9), (0, 1), (0, 1)), ValueError, "values"),
    "region_image xlim reversed": (
        lambda ax: style.region_image(ax, np.zeros((3, 3)), (1, 0), (0, 1)), ValueError, "xlim"),
    "region_image ylim text": (
        lambda ax: style.region_image(ax, np.zeros((3, 3)), (0, 1), "0 to 1"), TypeError,
        "ylim"),
    "loss_contours ax None": (
        lambda ax: style.loss_contours(None, *SURFACE_AXES, np.ones((4, 5))), TypeError,
        "ax should be a matplotlib Axes"),
    "loss_contours surface transposed": (
        lambda ax: style.loss_contours(ax, *SURFACE_AXES, np.ones((5, 4))), ValueError,
        "surface"),
    "loss_contours surface flat": (
        lambda ax: style.loss_contours(ax, *SURFACE_AXES, np.ones((4, 5))), ValueError,
        "surface"),
    "loss_contours slopes decreasing": (
        lambda ax: style.loss_contours(ax, SURFACE_AXES[0][::-1], SURFACE_AXES[1],
                                       np.arange(20.0).reshape(4, 5)), ValueError, "slopes"),
    "loss_contours label None": (
        lambda ax: style.loss_contours(ax, *SURFACE_AXES, np.arange(20.0).reshape(4, 5),
                                       label=None), TypeError, "label"),
    "loss_contours levels 10**6": (
        lambda ax: style.loss_contours(ax, *SURFACE_AXES, np.arange(20.0).reshape(4, 5),
                                       levels=10**6), ValueError, "levels"),
}


@pytest.mark.parametrize("case", sorted(BAD_AXES_INPUTS))
def test_bad_input_to_an_axes_helper_is_named_and_draws_nothing(case, refused):
    call, kind, name = BAD_AXES_INPUTS[case]
    fig, (ax,) = style.new_figure(4, 3)
    refused(lambda: call(ax), kind, name)
    assert not ax.collections and not ax.images and not ax.lines, \
        "something was drawn before the check"
