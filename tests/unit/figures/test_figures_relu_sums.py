"""Notebook 02's figures on sums of ReLU units: relu_sum_network, relu_sum, relu_sum_mse,
relu_sums_strip, relu_sum_explorer."""

import numpy as np
import pytest

from helpers import losses
from helpers.figures import relu_sums as figures

X_WAVE = np.linspace(-3, 3, 25)
Y_WAVE = np.sin(X_WAVE)



def test_relu_sum_network_bends_by_each_units_slope_at_its_kink():
    net = figures.relu_sum_network([2.0, -3.0], [0.0, 1.0], intercept=0.5)
    assert net.sizes == (1, 2, 1)
    assert [layer.activation for layer in net.layers] == ["relu", "identity"]
    x = np.array([-1.0, 0.0, 0.5, 1.0, 2.0])
    # flat 0.5 left of 0; slope 2 from 0; slope 2 − 3 = −1 from 1
    np.testing.assert_allclose(figures.relu_sum(x, [2.0, -3.0], [0.0, 1.0], 0.5),
                               [0.5, 0.5, 1.5, 2.5, 1.5])


def test_relu_sum_mse_is_the_mse_of_the_curve():
    y = np.array([0.0, 1.0, 5.0])
    x = np.array([0.0, 1.0, 2.0])
    expected = losses.mse(y, np.array([0.0, 1.0, 2.0]))
    assert figures.relu_sum_mse(x, y, [1.0], [0.0]) == pytest.approx(expected)


def test_relu_sums_strip_gives_each_fits_error_in_its_caption():
    picture = figures.relu_sums_strip(X_WAVE, Y_WAVE, (-0.65, 1.4, -1.35), (-3.0, -1.5, 1.5),
                                      -0.2)
    errors = [figures.relu_sum_mse(X_WAVE, Y_WAVE, (-0.65, 1.4, -1.35)[:k],
                                   (-3.0, -1.5, 1.5)[:k], -0.2) for k in (1, 2, 3)]
    assert errors[0] > errors[1] > errors[2]
    assert f"{errors[0]:.3f} with 1, {errors[1]:.3f} with 2, {errors[2]:.3f} with 3 units" \
        in picture.caption
    assert picture.png.startswith(b"\x89PNG")


def test_relu_sum_explorer_says_the_mse_and_marks_where_the_curve_leaves_the_chart(scene_at):
    explorer = figures.relu_sum_explorer(X_WAVE, Y_WAVE, slopes=(-0.65, 0.0, 0.0),
                                         kinks=(-3.0, -1.5, 1.5), intercept=-0.2)
    alone = figures.relu_sum_mse(X_WAVE, Y_WAVE, [-0.65], [-3.0], -0.2)
    assert explorer.caption.endswith(f"the mean squared error of the fit is {alone:.3f}.")
    curve, bends, over, under, title = scene_at(explorer)[1]
    # The bottom edge lies half the points' spread below the lowest point; the line
    # −0.2 − 0.65 (x + 3) passes it once: one arrow, pointing down, where it does.
    bottom = Y_WAVE.min() - 0.5 * np.ptp(Y_WAVE)
    assert len(over.get_xdata()) == 0 and len(under.get_xdata()) == 1
    assert under.get_xdata()[0] == pytest.approx(-3 + (-0.2 - bottom) / 0.65, abs=0.02)
    span = 2 * np.ptp(Y_WAVE)  # the chart's height: the spread plus half of it on each side
    assert bottom < under.get_ydata()[0] < bottom + 0.05 * span  # on the edge, just inside
    assert len(bends.get_xdata()) == 2  # at unit 3's kink the curve is off the chart
    explorer.controls["slope1"].value = 0.0
    curve, bends, over, under, title = scene_at(explorer)[1]
    assert len(over.get_xdata()) == len(under.get_xdata()) == 0
    np.testing.assert_array_equal(bends.get_xdata(), [-3.0, -1.5, 1.5])
    flat = np.mean((Y_WAVE - (-0.2)) ** 2)  # every slope 0: the curve is the intercept alone
    assert title.get_text() == f"3 ReLU units added up: MSE {flat:.3f}"
    explorer.controls["slope2"].value = 3.0  # up from −1.5: above the chart, unit 3's kink too
    curve, bends, over, under, title = scene_at(explorer)[1]
    assert len(over.get_xdata()) == 1 and len(bends.get_xdata()) == 2


# --- Bad input is answered with a sentence, before any figure is built ----------------------


# (call, exception type, how the message opens: at least the argument's name)
BAD_INPUTS = {
    "relu slopes too large to add up": (
        lambda: figures.relu_sums_strip(X_WAVE, Y_WAVE, [0.0, 1e308], [0, 1]), ValueError,
        "slopes"),
    "relu intercept too large": (
        lambda: figures.relu_sum_mse(X_WAVE, Y_WAVE, [1.0], [0.0], 1e308), ValueError,
        "intercept"),
    "relu_sum_mse x and y differ": (
        lambda: figures.relu_sum_mse(X_WAVE[:3], Y_WAVE, [1.0], [0.0]), ValueError, "x and y"),
    "relu slopes too many": (
        lambda: figures.relu_sums_strip(X_WAVE, Y_WAVE, [1, 1, 1, 1], [0, 0, 0, 0]),
        ValueError, "slopes should hold 1 to 3"),
    "relu kinks too few": (
        lambda: figures.relu_sum_explorer(X_WAVE, Y_WAVE, [1, 1], [0]), ValueError, "kinks"),
    "relu slopes text": (
        lambda: figures.relu_sum_explorer(X_WAVE, Y_WAVE, "ab", [0]), TypeError, "slopes"),
    "relu slope off slider": (
        lambda: figures.relu_sum_explorer(X_WAVE, Y_WAVE, [5.0], [0.0]), ValueError,
        "slopes should lie between -3 and 3"),
    "relu kink off the data": (
        lambda: figures.relu_sum_explorer(X_WAVE, Y_WAVE, [1.0], [4.0]), ValueError,
        "kinks should lie between -3 and 3"),
    "relu y too short": (
        lambda: figures.relu_sums_strip(X_WAVE, Y_WAVE[:3], [1.0], [0.0]), ValueError,
        "x and y"),
    "relu intercept None": (
        lambda: figures.relu_sums_strip(X_WAVE, Y_WAVE, [1.0], [0.0], None), TypeError,
        "intercept"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_named_before_any_figure(case, refused):
    refused(*BAD_INPUTS[case])
