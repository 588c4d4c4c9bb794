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
