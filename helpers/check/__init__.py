"""Exercise checks: each says ✓ or gives a hint, never the answer, and works offline.

A check never crashes on a learner's answer: a wrong type, a wrong shape, a number too large
for a float, or a function that raises all get a kind sentence saying what is wrong. Each
check prints its verdict (one line that starts with ✓ or ✗) and returns nothing, so a cell
shows the sentence and only that. No warning escapes a check either: an answer that overflows
is judged on what it gives, not reported by numpy.

One module per notebook (``perceptron`` … ``learning_rate``), and ``answers`` for reading what
a learner typed; every check is here as ``check.name``.
"""

from .answers import NOT_YET, RIGHT
from .gradient_descent import (
    BACKWARD_SHAPES,
    DESCENT_CASES,
    LOOP_LR,
    LOOP_STEPS,
    OWN_FUNCTION_H,
    OWN_FUNCTION_POINTS,
    dense_backward,
    descent_step,
    own_derivative,
    train_loop,
)
from .layers import (
    DENSE_CASES,
    NETWORK_CASES,
    PARAMETER_SIZES,
    SHAPE_BATCH,
    dense_forward,
    network_forward,
    output_shape,
    parameter_count,
)
from .learning_rate import (
    CHOOSE_CURVATURE,
    MYSTERY_CENTRE,
    MYSTERY_CURVATURE,
    ONE_STEP_RTOL,
    RANGE_PROBLEMS,
    STABLE_RTOL,
    largest_stable_lr,
    mystery_loss,
    mystery_slope,
    one_step_lr,
    range_test_function,
)
from .loss import (
    BCE_FUNCTION_CASES,
    MODEL_A,
    MODEL_B,
    MODEL_TARGETS,
    MSE_FUNCTION_CASES,
    MSE_PREDICTIONS,
    MSE_TARGETS,
    MSE_TOLERANCE,
    bce_function,
    lower_loss,
    mse_by_hand,
    mse_function,
)
from .perceptron import (
    NEURON_B,
    NEURON_TOLERANCE,
    NEURON_W,
    NEURON_X,
    UPDATE_CASES,
    neuron_output,
    or_gate_weights,
    perceptron_update,
)

__all__ = [
    "NOT_YET",
    "RIGHT",
    "NEURON_X",
    "NEURON_W",
    "NEURON_B",
    "NEURON_TOLERANCE",
    "neuron_output",
    "or_gate_weights",
    "PARAMETER_SIZES",
    "SHAPE_BATCH",
    "parameter_count",
    "output_shape",
    "MSE_TARGETS",
    "MSE_PREDICTIONS",
    "MSE_TOLERANCE",
    "MODEL_TARGETS",
    "MODEL_A",
    "MODEL_B",
    "mse_by_hand",
    "lower_loss",
    "DESCENT_CASES",
    "descent_step",
    "OWN_FUNCTION_POINTS",
    "OWN_FUNCTION_H",
    "own_derivative",
    "CHOOSE_CURVATURE",
    "ONE_STEP_RTOL",
    "MYSTERY_CURVATURE",
    "MYSTERY_CENTRE",
    "STABLE_RTOL",
    "one_step_lr",
    "mystery_loss",
    "mystery_slope",
    "largest_stable_lr",
    "UPDATE_CASES",
    "perceptron_update",
    "DENSE_CASES",
    "NETWORK_CASES",
    "dense_forward",
    "network_forward",
    "MSE_FUNCTION_CASES",
    "BCE_FUNCTION_CASES",
    "mse_function",
    "bce_function",
    "RANGE_PROBLEMS",
    "range_test_function",
    "BACKWARD_SHAPES",
    "LOOP_LR",
    "LOOP_STEPS",
    "dense_backward",
    "train_loop",
]
