"""Structural tests of the interactive figures: no timing here (see benchmarks/)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import data, interactive, perceptron


def clouds():
    return data.two_clouds(n=40, seed=4)


def explorers():
    X, y = clouds()
    history = perceptron.learn(X, y, lr=0.1)
    return {
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
    assert "run the notebook in JupyterLab" in repr(explorer)


def test_log_slider_spans_the_requested_range():
    control = interactive.log_slider("learning rate η", 0.1, 1e-3, 10)
    assert control.min == pytest.approx(-3) and control.max == pytest.approx(1)
    assert control.value == pytest.approx(0.1)
