"""Structural tests of the interactive figures: no timing here (see benchmarks/)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import data, descent, interactive, losses, network, perceptron, training


def clouds():
    return data.two_clouds(n=40, seed=4)


def explorers():
    X, y = clouds()
    history = perceptron.learn(X, y, lr=0.1)
    x, t = data.noisy_line(n=20)
    moons = data.two_moons(n=60)
    run = training.train(network.Network.random((2, 4, 1)), *moons, lr=1.0, steps=100,
                         snapshot_every=20, resolution=20)
    return {
        "tangent": lambda: interactive.tangent_explorer(descent.wavy, descent.wavy_slope),
        "descent_1d": lambda: interactive.descent_1d_explorer(
            descent.two_valleys, descent.two_valleys_slope, 0.05, 30, 0.5, start_range=(-2, 2)),
        "training": lambda: interactive.training_explorer(run, *moons, step=0),
        "quadratic_lr": lambda: interactive.quadratic_lr_explorer(),
        "bowl_lr": lambda: interactive.bowl_explorer(),
        "bowl_momentum": lambda: interactive.bowl_explorer(vary="momentum"),
        "network_lr": lambda: interactive.network_lr_explorer(
            network.Network.random((2, 8, 1)), *moons, steps=50),
        "hidden_units": lambda: interactive.hidden_units_explorer(network.xor_network(),
                                                                  *data.xor_gate()),
        "line_fit": lambda: interactive.line_fit_explorer(x, t),
        "decision_line": lambda: interactive.decision_line_explorer(X, y, w=(0.5, 1.0), b=0.5),
        "perceptron_rule": lambda: interactive.perceptron_rule_explorer(X, y, history),
    }


EXPLORERS = explorers()


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_moving_a_slider_redraws_in_place(name):
    explorer = EXPLORERS[name]()
    figures_before = plt.get_fignums()
    figure, image = explorer.live.fig, explorer.image
    first = image.value
    for control in explorer.controls.values():
        control.value = control.max
    assert image.value != first, "the picture did not change when the sliders moved"
    assert explorer.live.fig is figure, "an update must not build a new figure"
    assert plt.get_fignums() == figures_before, "an update must not open pyplot figures"
    assert image.layout.width == f"{explorer.live.size[0]}px"


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_snapshot_is_the_starting_picture(name):
    explorer = EXPLORERS[name]()
    start = explorer.image.value
    next(iter(explorer.controls.values())).value = next(iter(explorer.controls.values())).max
    assert explorer.snapshot().data == start
    assert bytes(start).startswith(b"\x89PNG")


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_slider_position_draws_without_warnings(name):
    explorer = EXPLORERS[name]()
    for control in explorer.controls.values():
        for value in np.linspace(control.min, control.max, 13):
            control.value = type(control.value)(value)


def test_decision_line_title_counts_the_misclassified_points():
    X, y = clouds()
    explorer = interactive.decision_line_explorer(X, y, w=(0.5, 1.0), b=0.5)
    expected = perceptron.count_misclassified(X, y, np.array([0.5, 1.0]), 0.5)
    assert explorer.live.moving[-1].get_text() == f"{expected} points misclassified"
    explorer.controls["w1"].value = 1.5
    explorer.controls["w2"].value = 1.5
    explorer.controls["b"].value = 0.5
    assert explorer.live.moving[-1].get_text() == "every point is on the right side ✓"


def test_explorer_text_fallback_says_what_to_do():
    X, y = clouds()
    explorer = interactive.decision_line_explorer(X, y)
    assert "run this cell in JupyterLab" in repr(explorer)


def test_log_slider_spans_the_requested_range():
    control = interactive.log_slider("learning rate η", 0.1, 1e-3, 10)
    assert control.min == pytest.approx(-3) and control.max == pytest.approx(1)
    assert control.value == pytest.approx(0.1)


def test_line_fit_sliders_can_reach_the_least_squares_line():
    x, y = data.noisy_line(n=20)
    explorer = interactive.line_fit_explorer(x, y)
    slope, intercept = explorer.controls["slope"], explorer.controls["intercept"]
    slopes = np.arange(slope.min, slope.max + 1e-9, slope.step)
    intercepts = np.arange(intercept.min, intercept.max + 1e-9, intercept.step)
    surface = losses.line_loss_surface(x, y, slopes, intercepts)
    row, column = np.unravel_index(np.argmin(surface), surface.shape)
    best = losses.least_squares_line(x, y)
    # The lowest slider position is within one slider step of the exact least-squares line.
    assert abs(slopes[column] - best[0]) <= slope.step
    assert abs(intercepts[row] - best[1]) <= intercept.step
    slope.value, intercept.value = slopes[column], intercepts[row]
    assert explorer.live.moving[2].get_text().endswith(
        f"MSE = {losses.line_mse(x, y, slopes[column], intercepts[row]):.3f}")


def test_hidden_units_explorer_counts_right_answers_and_leaves_the_network_alone():
    X, y = data.xor_gate()
    net = network.xor_network()
    explorer = interactive.hidden_units_explorer(net, X, y)
    assert explorer.live.moving[-1].get_text().endswith("right on 4 of 4 points")
    explorer.controls["b"].value = -20
    assert not explorer.live.moving[-1].get_text().endswith("4 of 4 points")
    np.testing.assert_array_equal(net.layers[0].b, network.xor_network().layers[0].b)


def test_learning_rate_sliders_are_logarithmic_and_reach_divergence():
    moons = data.two_moons(n=60)
    for explorer in (interactive.quadratic_lr_explorer(), interactive.bowl_explorer(),
                     interactive.network_lr_explorer(network.Network.random((2, 8, 1)), *moons,
                                                     steps=50)):
        control = explorer.controls["lr"]
        assert type(control).__name__ == "FloatLogSlider"
        assert control.description == "learning rate η"
        control.value = 10 ** control.max
        title_texts = " ".join(a.get_text() for a in explorer.live.moving if hasattr(a, "get_text"))
        assert "diverged at step" in title_texts, title_texts


def test_quadratic_explorer_names_each_regime():
    explorer = interactive.quadratic_lr_explorer(curvature=1.0)
    names = set()
    for value in (0.002, 0.5, 1.5, 5.0):
        explorer.controls["lr"].value = value
        names.add(explorer.live.moving[1].get_text().split(": ")[1])
    assert names == {"SLOW", "FAST", "OSCILLATING", "DIVERGING"}
