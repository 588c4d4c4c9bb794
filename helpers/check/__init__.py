"""Exercise checks: each says ✓ or gives a hint, never the answer, and works offline.

A check never crashes on a learner's answer: a wrong type, a wrong shape, a number too large
for a float, a function that raises or one that never returns (it is stopped after 5 s) all get
a kind sentence saying what is wrong. Each check prints its verdict (one line that starts with ✓
or ✗) and returns nothing, so a cell shows the sentence and only that. No warning escapes a
check either: an answer that overflows is judged on what it gives, not reported by numpy.

Every name here is one a notebook calls; the machinery behind them is private, one module per
notebook (``_perceptron`` … ``_digits``), ``_answers`` for reading what a learner typed
and ``_time_limit`` for stopping a learner's function that does not return.
"""

from ._digits import confusion_reading, predict_epochs, softmax_function, stopping_rule
from ._gradient_descent import chain_gradient, relu_backward, train_loop, which_valley
from ._layers import (
    bias_prediction,
    dense_forward,
    nand_weights,
    network_forward,
    output_shape,
    parameter_count,
)
from ._learning_rate import (
    largest_stable_lr,
    mystery_descent,
    one_step_lr,
    predict_fastest_lr,
    range_test_function,
)
from ._loss import (
    lower_loss,
    mse_by_hand,
    mse_slope_function,
    neuron_bce_function,
    valley_prediction,
)
from ._perceptron import neuron_output, or_gate_weights, perceptron_update, sign_flip_prediction

__all__ = [
    # 01 The perceptron
    "sign_flip_prediction",
    "neuron_output",
    "or_gate_weights",
    "perceptron_update",
    # 02 Layers
    "bias_prediction",
    "parameter_count",
    "output_shape",
    "nand_weights",
    "dense_forward",
    "network_forward",
    # 03 Loss
    "valley_prediction",
    "mse_by_hand",
    "lower_loss",
    "mse_slope_function",
    "neuron_bce_function",
    # 04 Gradient descent
    "which_valley",
    "chain_gradient",
    "relu_backward",
    "train_loop",
    # 05 The learning rate
    "predict_fastest_lr",
    "one_step_lr",
    "largest_stable_lr",
    "mystery_descent",
    "range_test_function",
    # 06 Handwritten digits
    "predict_epochs",
    "softmax_function",
    "stopping_rule",
    "confusion_reading",
]
