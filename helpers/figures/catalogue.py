"""Every live figure of the course, built as its notebook builds it: the one list that the tests
(every slider, every position) and the slider benchmark both use. A test holds it to the
notebooks: each explorer call in a notebook appears here once, under that notebook's number.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .. import curves, data, digits, multiclass, network, perceptron, training
from . import digits as digits_figures
from . import gradient_descent, layers, learning_rate, loss
from . import perceptron as perceptron_figures
from .live import Explorer


def _notebook_01() -> dict[str, Callable[[], Explorer]]:
    X, y = data.two_clouds(n=40, seed=4)
    history = perceptron.learn(X, y, lr=0.1)
    return {
        "01 decision line": lambda: perceptron_figures.decision_line_explorer(
            X, y, w=(0.5, 1.0), b=0.5),
        "01 perceptron rule": lambda: perceptron_figures.perceptron_rule_explorer(X, y, history),
    }


def _notebook_02() -> dict[str, Callable[[], Explorer]]:
    X, y = data.xor_gate()
    rng = np.random.default_rng(0)
    x_wave = np.linspace(-3, 3, 25)
    y_wave = np.sin(x_wave) + rng.normal(scale=0.05, size=x_wave.size)
    return {
        "02 hidden units": lambda: layers.hidden_units_explorer(network.xor_network(), X, y),
        "02 relu sums": lambda: layers.relu_sum_explorer(
            x_wave, y_wave, slopes=(-0.65, 0.0, 0.0), kinks=(-3.0, -1.5, 1.5), intercept=-0.2),
    }


def _notebook_03() -> dict[str, Callable[[], Explorer]]:
    x, y = data.noisy_line(n=20, slope=1.5, intercept=0.5)
    return {"03 line fit": lambda: loss.line_fit_explorer(x, y, slope=0.5, intercept=0.0)}


def _notebook_04() -> dict[str, Callable[[], Explorer]]:
    X, y = data.two_moons(n=100, noise=0.15)
    net = network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)

    def trainer() -> Explorer:
        run = training.train(net, X, y, lr=1.0, steps=1000, snapshot_every=10,
                             limits=(-1.5, 2.5))
        return gradient_descent.training_explorer(run, X, y, limits=(-1.5, 2.5))

    return {
        "04 tangent": lambda: gradient_descent.tangent_explorer(curves.wavy, curves.wavy_slope,
                                                                x=1.0),
        "04 parabola descent": lambda: gradient_descent.descent_1d_explorer(
            curves.parabola, curves.parabola_slope, lr=0.1, steps=25, start=1.8),
        "04 two valleys": lambda: gradient_descent.descent_1d_explorer(
            curves.two_valleys, curves.two_valleys_slope, lr=0.05, steps=60, start=0.05,
            start_range=(-2.0, 2.0)),
        "04 training": trainer,
    }


def _notebook_05() -> dict[str, Callable[[], Explorer]]:
    X, y = data.two_moons(n=100, noise=0.15)
    net = network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)
    return {
        "05 parabola η": lambda: learning_rate.quadratic_lr_explorer(
            curvature=1.0, start=1.5, steps=30, lr=0.1),
        "05 bowl η": lambda: learning_rate.bowl_explorer(
            curvatures=(1.0, 10.0), start=(-2.0, 1.0), steps=40, lr=0.05),
        "05 network η (retrains)": lambda: learning_rate.network_lr_explorer(
            net, X, y, steps=200, lr=0.3),
        "05 momentum η and β": lambda: learning_rate.momentum_explorer(
            curvatures=(1.0, 10.0), start=(-2.0, 1.0), steps=40, lr=0.18, momentum=0.0),
    }


def _notebook_06() -> dict[str, Callable[[], Explorer]]:
    def learning() -> Explorer:
        X, y = digits.load()
        X_train, y_train, X_val, y_val, _, _ = digits.split(X / 16, y, validation_fraction=0.2,
                                                            test_fraction=0.2, seed=0)
        net = network.Network.random((64, 32, 10), activation="tanh", output="identity",
                                     seed=0)
        scan = multiclass.range_test(net, X_train, y_train, validation=(X_val, y_val),
                                     batch_size=32, lr_min=1e-3, lr_max=100.0, steps=100)
        # The notebook trains three rates, and the validation set chooses the largest: its run.
        run = multiclass.train(net, X_train, y_train, scan.suggested_lr * 10, epochs=40,
                               batch_size=32,
                               validation=(X_val, y_val), patience=5, keep_networks=True)
        return digits_figures.epoch_explorer(run, X_val, y_val, count=24, epoch=0)

    return {"06 epochs": learning}


def explorers() -> dict[str, Callable[[], Explorer]]:
    """Every explorer of notebooks 01–06, by name ("05 bowl η"), as a function that builds it."""
    return {**_notebook_01(), **_notebook_02(), **_notebook_03(), **_notebook_04(),
            **_notebook_05(), **_notebook_06()}
