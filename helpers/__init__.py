"""Helpers for the Neural Network Basics notebooks.

One module per idea. The maths modules use numpy only; matplotlib and ipywidgets live in
``plots``, ``live`` and ``interactive``.

- ``data``: seeded toy data sets (notebooks 01–05)
- ``activations``: step, sigmoid, tanh, ReLU and their slopes (01)
- ``perceptron``: the weighted sum, the step and the perceptron learning rule (01)
- ``network``: dense layers and small networks, forward (02) and backward (04)
- ``losses``: mean squared error and binary cross-entropy with their gradients (03)
- ``descent``: derivatives, the gradient check and gradient descent (04, 05)
- ``training``: training a network by gradient descent (04, 05)
- ``learning_rate``: regimes, the 2/L threshold measured, the range test (05)
- ``plots``: the palette, the style and drawing helpers
- ``live``: fast redraws for interactive figures
- ``interactive``: the sliders and the figures they drive
- ``check``: the exercise checks
"""

from . import (
    activations,
    check,
    data,
    descent,
    interactive,
    learning_rate,
    losses,
    network,
    perceptron,
    plots,
    training,
)

__all__ = [
    "activations", "check", "data", "descent", "interactive", "learning_rate", "losses",
    "network", "perceptron", "plots", "training",
]
