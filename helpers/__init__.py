"""Helpers for the Neural Network Basics notebooks.

One module per idea. The maths modules use numpy only, so ``import helpers`` works where numpy
is all there is; the figures (matplotlib, ipywidgets) load when asked for,
``from helpers.figures import learning_rate as figures``.

- ``data``: seeded toy data sets (notebooks 01–05)
- ``activations``: step, sigmoid, tanh, ReLU and their slopes (01)
- ``perceptron``: the weighted sum, the step function and the perceptron learning rule (01)
- ``network``: dense layers and small networks, forward (02) and backward (04)
- ``losses``: mean squared error and binary cross-entropy with their gradients (03)
- ``curves``: curves to walk down and draw tangents on, with their slopes (04)
- ``descent``: the update rule, the divergence rule, slopes, the gradient check, descent (04, 05)
- ``training``: training a network by full-batch gradient descent, its gradients, accuracy (04, 05)
- ``minibatch``: training by mini-batch gradient descent, a grid over batch sizes and rates (04)
- ``learning_rate``: the quadratic family, regimes, momentum's factors, the 2/L threshold,
  training from nearby starts, schedules, the range test (05)
- ``digits``: the 8×8 handwritten digits, read from the file beside it, and the three sets (06)
- ``multiclass``: ten classes (softmax, cross-entropy and its gradient), training by mini-batches
  and epochs with a validation set and early stopping, the confusion matrix (06)
- ``check``: the exercise checks
- ``figures``: one module of figures and live explorers per notebook

Words, one meaning each, in the code and in the notebooks:

- **loss** J: one number for how wrong the predictions are (J(w) in formulas, ``loss`` in code).
- **slope**: the derivative of a function of one number, f'(x) (``parabola_slope``).
- **gradient** ∇J: one slope per parameter, together. A value holding one is ``grad`` in code
  (``grad``, ``layer.grad_W``, ``grad_Z`` for dJ/dZ); "gradient" names the functions and types
  that make or use them (``gradient_descent``, ``numerical_gradient``, ``gradient_check``,
  ``net.gradients()``).
- **update**: one change of the parameters, w ← w − η·∇J(w) (``descent.update``; the perceptron
  has its own rule, ``perceptron.update``).
- **step**: one iteration of a descent or training loop, which makes one update, counted by
  ``steps`` ("diverged at step k"). The perceptron's activation is always called the *step
  function*.
- **run**: what a loop of steps went through: its losses, its learning rate and where it
  diverged (``descent.Run``; a walk adds its path, ``DescentResult``; training adds the network
  and its accuracies, ``training.TrainingResult``; mini-batches add their batch losses,
  ``minibatch.MinibatchResult``; training by epochs keeps its losses after each epoch,
  ``multiclass.EpochRun``).
- **learning rate** η (``lr`` in code); **curvature** L of a quadratic (never the loss).
- **X**: the data, one row per example; **y**: the targets; **W**, **b**: a layer's weights and
  biases; **Z** = XW + b and **A** = g(Z): its weighted sums and outputs.
- **diverged**: what ``descent.diverged_at`` says of a run's losses, the one place that rule is
  written. The range test's **blow-up** is the same rule, said of the rate it happened at.
- **nearby starts**: copies of a network's starting weights, one weight nudged by k × 1e-13
  (``learning_rate.nearby_starts``); their runs' **spread** (``learning_rate.Spread``) is the
  result where rounding decides the outcome.
- **batch**: the examples one step uses; **epoch**: one pass over the training set, one step per
  batch (full batch: one batch of every example, one step an epoch).
- **logits** Z: the last layer's outputs, one score per class; **softmax** turns a row of them
  into probabilities P; **onehot**(y): a row of zeros with a 1 at class y.
- **training set** moves the weights, **validation set** chooses (a learning rate, when to
  stop), **test set** reports, once. **early stopping**: the rule ``multiclass.early_stopping``
  (stop once ``patience`` epochs bring no lower validation loss; keep the best epoch).
- **overflow**: a run's numbers grew too large to go on (past 1e50, or beyond a float): the
  loop ends the run there (``stopped_early``), and the run has diverged.
"""

from . import (
    activations,
    check,
    curves,
    data,
    descent,
    digits,
    learning_rate,
    losses,
    minibatch,
    multiclass,
    network,
    perceptron,
    training,
)

__all__ = [
    "activations", "check", "curves", "data", "descent", "digits", "figures", "learning_rate",
    "losses", "minibatch", "multiclass", "network", "perceptron", "training",
]


def __getattr__(name: str):
    # helpers.figures needs matplotlib and ipywidgets: load it only when it is asked for.
    if name == "figures":
        import importlib

        return importlib.import_module(".figures", __name__)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")
