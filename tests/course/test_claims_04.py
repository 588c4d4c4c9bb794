"""Notebook 04's quantitative sentences, each recomputed through helpers (tests/course/claims.py).
"""

import inspect
import re

import numpy as np
from claims import Claim, claim_tests, load

from helpers import curves, data, descent, losses, minibatch, network, training
from helpers.figures import catalogue
from helpers.figures import gradient_descent as figures

NOTEBOOK = "04_gradient_descent.ipynb"


def _moons_run(**kwargs):
    X, y = data.two_moons(n=100, noise=0.15)
    net = network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)
    return training.train(net, X, y, lr=1.0, steps=1000, **kwargs), X, y


# --- Slopes and walks -----------------------------------------------------------------------


def tangent_slopes_agree_to_six_digits():
    exact = curves.wavy_slope(1.0)
    measured = descent.numerical_slope(curves.wavy, 1.0)
    assert f"{exact:+.6f}" == f"{measured:+.6f}"
    assert abs(exact - measured) < 1e-6 * abs(exact)


def parabola_explorer_starts_at_the_words():
    caption = catalogue.explorers()["04 parabola descent"]().snapshot().caption
    assert caption.startswith("Step 25 of 25 at η = 0.1: w = +0.007, the loss fell from 3.24"), \
        caption
    walk = descent.gradient_descent(curves.parabola, curves.parabola_slope, start=1.8, lr=0.1,
                                    steps=25)
    assert float(walk.path[0]) == 1.8


def parabola_steps_shrink():
    walk = descent.gradient_descent(curves.parabola, curves.parabola_slope, start=1.8, lr=0.1,
                                    steps=25)
    lengths = np.abs(np.diff(np.asarray(walk.path, dtype=float).reshape(-1)))
    assert np.all(np.diff(lengths) < 0)  # every step shorter than the one before
    slopes = np.abs(curves.parabola_slope(np.asarray(walk.path, dtype=float)))
    assert np.all(np.diff(slopes) < 0)


def the_hump_divides_the_valleys():
    w = np.linspace(-1, 1, 200_001)
    hump = w[np.argmax(curves.two_valleys(w))]
    assert round(hump, 3) == 0.075

    def end(start):
        return float(descent.gradient_descent(curves.two_valleys, curves.two_valleys_slope,
                                              start=start, lr=0.05, steps=60).final)

    left, right = end(hump - 0.002), end(hump + 0.002)
    assert left < 0 < right
    assert curves.two_valleys(left) < curves.two_valleys(right)  # left is the deeper valley


def the_path_rushes_then_crawls():
    x, y = data.noisy_line(n=20)
    walk = descent.gradient_descent(lambda w: losses.line_mse(x, y, w[0], w[1]),
                                    lambda w: losses.line_loss_grad(x, y, w[0], w[1]),
                                    start=[-0.5, 2.5], lr=0.3, steps=60)
    lengths = np.linalg.norm(np.diff(walk.path, axis=0), axis=1)
    assert lengths[:5].mean() > 10 * lengths[-5:].mean()


# --- The gradient check ---------------------------------------------------------------------

X_ONE, Y_ONE, PARAMS = np.array([1.0, 2.0]), 1.0, np.array([0.5, -0.3, 0.1])


def _neuron_p(params):
    return 1 / (1 + np.exp(-(params[:2] @ X_ONE + params[2])))


def _neuron_loss(params):
    return losses.binary_cross_entropy(np.array([Y_ONE]), np.array([_neuron_p(params)]))


def the_neuron_formula_agrees_to_ten_digits():
    check = descent.gradient_check(
        _neuron_loss, lambda q: np.append((_neuron_p(q) - Y_ONE) * X_ONE, _neuron_p(q) - Y_ONE),
        PARAMS)
    assert check.relative_error < 1e-10


def mistakes_give_large_errors():
    flipped = descent.gradient_check(
        _neuron_loss, lambda q: np.append((Y_ONE - _neuron_p(q)) * X_ONE, Y_ONE - _neuron_p(q)),
        PARAMS)
    dropped = descent.gradient_check(
        _neuron_loss, lambda q: np.append((_neuron_p(q) - Y_ONE) * np.ones(2),
                                          _neuron_p(q) - Y_ONE), PARAMS)
    assert round(flipped.relative_error, 2) == 1.0
    assert round(dropped.relative_error, 2) == 0.24


# --- Backpropagation ------------------------------------------------------------------------


def _quoted_backward_lines():
    cell = next(c for c in load(NOTEBOOK).cells
                if c.cell_type == "markdown" and "That is all of `Dense.backward`" in c.source)
    block = re.search(r"```python\n(.*?)```", cell.source, re.S).group(1)
    return [line.strip() for line in block.strip().splitlines()]


def dense_backward_is_the_three_quoted_lines():
    source = inspect.getsource(network.Dense.backward)
    body = source.split('"""')[-1]  # below the docstring: the formulas
    running = [line.strip() for line in body.strip().splitlines()]
    quoted = _quoted_backward_lines()
    assert len(quoted) == 3
    assert running == quoted
    assert "g_slope(" in inspect.getsource(network.Network.backward)


def the_batch_has_nine_points():
    X, y = data.two_moons(n=100, noise=0.15)
    assert len(X[::12]) == len(y[::12]) == 9


def training_runs_on_a_hundred_points_with_eight_neurons():
    X, _ = data.two_moons(n=100, noise=0.15)
    net = network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)
    assert X.shape[0] == 100 and net.sizes[1] == 8


def the_random_network_is_unsure_everywhere():
    run, _, _ = _moons_run(snapshot_every=10, limits=(-1.5, 2.5))
    assert np.all(np.abs(run.snapshots[0] - 0.5) < 0.25)
    assert run.accuracies[1000] == 1.0


def the_loss_has_a_plateau():
    run, _, _ = _moons_run()
    L = run.losses
    assert (round(L[0], 2), round(L[10], 2), round(L[60], 2)) == (0.70, 0.31, 0.27)
    assert np.all((L[10:61] < 0.315) & (L[10:61] > 0.265))
    # Fast, then slow, then faster again: the mean fall per step in each stretch.
    fast, plateau, again = -np.diff(L[:11]).mean(), -np.diff(L[10:61]).mean(), \
        -np.diff(L[60:201]).mean()
    assert fast > 10 * again > 10 * plateau


# --- Mini-batches, a test set, overfitting --------------------------------------------------


def _split_moons():
    X_all, y_all = data.two_moons(n=200, noise=0.2)
    return data.train_test_split(X_all, y_all, test_fraction=0.3, seed=0)


def minibatches_take_one_step_per_batch_and_go_further():
    X_train, y_train, X_test, y_test = _split_moons()
    net = network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)
    full = training.train(net, X_train, y_train, lr=1.0, steps=100, test=(X_test, y_test))
    batches = minibatch.train_sgd(net, X_train, y_train, lr=1.0, epochs=100, batch_size=10,
                                  seed=0, test=(X_test, y_test))
    assert full.steps == 100 and batches.steps == 100 * int(np.ceil(len(y_train) / 10))
    jumps = np.diff(batches.batch_losses)
    assert np.sum(jumps > 0) > 0.3 * len(jumps)  # the batch loss jumps up and down
    assert batches.losses[-1] < full.losses[-1]
    assert batches.test_accuracies[-1] > full.test_accuracies[-1]


def _together():
    X_train, y_train, _, _ = _split_moons()
    net = network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)
    return minibatch.sgd_grid(net, X_train, y_train, batch_sizes=(1, 10, 140),
                              lrs=figures.HALF_DECADES, epochs=10)


def the_explorer_trains_ten_epochs():
    defaults = inspect.signature(figures.batch_lr_explorer).parameters
    assert defaults["epochs"].default == 10
    assert defaults["batch_sizes"].default == (1, 10, 140)
    assert defaults["lrs"].default == figures.HALF_DECADES


def smaller_batches_need_smaller_steps():
    runs = _together()
    ladder = [minibatch.largest_lowering_lr(runs, size) for size in (140, 10, 1)]
    assert [f"{lr:.3g}" for lr in ladder] == ["10", "3.16", "1"]


def one_example_batches_jump_where_the_full_batch_glides():
    runs = _together()
    rate = figures.HALF_DECADES[3]
    assert f"{rate:.3g}" == "3.16"
    noisy, full = runs[1, rate], runs[140, rate]
    assert np.median(noisy.losses) > 2 * noisy.losses[0]
    assert np.all(np.diff(full.losses) < 0)


def overfitting_opens_a_gap():
    X_few, y_few, X_rest, y_rest = data.train_test_split(*data.two_moons(n=200, noise=0.3),
                                                         test_fraction=0.9, seed=0)
    big = network.Network.random((2, 32, 1), activation="tanh", output="sigmoid", seed=0)
    run = training.train(big, X_few, y_few, lr=0.5, steps=3000, test=(X_rest, y_rest))
    assert len(y_few) == 20
    assert np.all(np.diff(run.losses) < 0) and run.accuracies[-1] == 1.0
    best = int(np.argmin(run.test_losses))
    assert best == 408
    assert np.all(np.diff(run.test_losses[best:]) > 0)  # it climbs from there on
    gap = run.test_losses - run.losses
    assert gap[-1] > 2 * gap[best]
    assert run.test_accuracies[-1] < run.test_accuracies[best]


CLAIMS = [
    Claim("The two slopes in the title agree to about six digits.",
          tangent_slopes_agree_to_six_digits),
    Claim("First, the parabola $J(w) = w^2$ from the five-line loop, with learning rate 0.1, "
          "starting at $w = 1.8$.", parabola_explorer_starts_at_the_words),
    Claim("the first steps are long, the later ones short, because the slope shrinks as $w$ "
          "nears the bottom.", parabola_steps_shrink),
    Claim("Starting right of the hump (at $w \\approx 0.075$) ends in the shallow valley, which is "
          "only a **local minimum**; starting left of it reaches the deeper, **global** one.",
          the_hump_divides_the_valleys),
    Claim("The path first rushes down the steep walls, then turns and follows the long, gently "
          "sloping valley floor to the star", the_path_rushes_then_crawls),
    Claim("means the formula and the measurement agree to ten digits or more",
          the_neuron_formula_agrees_to_ten_digits),
    Claim("A mistake gives a far larger error: with the sign of $p - y$ flipped the relative error "
          "is 1, and with the factor $x$ dropped from $\\partial J / \\partial w$ it is 0.24.",
          mistakes_give_large_errors),
    Claim("That is all of `Dense.backward` in `helpers/network.py`, three lines, one per formula",
          dense_backward_is_the_three_quoted_lines),
    Claim("Let us check every weight and bias of a 2-3-1 network on a batch of nine points",
          the_batch_has_nine_points),
    Claim("A network with 8 tanh neurons in its hidden layer starts from small random weights; "
          "each training step runs the forward pass on all 100 points",
          training_runs_on_a_hundred_points_with_eight_neurons),
    Claim("At step 0 the random network is unsure everywhere; after 1000 steps the region wraps "
          "around the moons.", the_random_network_is_unsure_everywhere),
    Claim("The loss falls fast at first, from 0.70 to 0.31 in the first 10 steps, then lingers "
          "between 0.31 and 0.27 until about step 60, a plateau where the network is "
          "\"deciding\" how to bend, then falls again.", the_loss_has_a_plateau),
    Claim("In the same 100 epochs, full-batch descent took one step per epoch, and batches of 10 "
          "took one step per batch.", minibatches_take_one_step_per_batch_and_go_further),
    Claim("Below, the same network trained for 10 epochs at every pair of batch size and "
          "learning rate", the_explorer_trains_ten_epochs),
    Claim("The largest learning rate that still lowers the loss falls with the batch size: 10 "
          "with batches of 140 (the full batch), 3.16 with batches of 10, 1 with batches of 1.",
          smaller_batches_need_smaller_steps),
    Claim("with batches of 1 at η = 3.16 it jumps around far above the start, while the full "
          "batch at η = 3.16 glides down.", one_example_batches_jump_where_the_full_batch_glides),
    Claim("The loss on the 20 training points keeps falling and every one of them ends on the "
          "right side, but the test loss is lowest at step 408 and then climbs while the gap "
          "between the two curves opens, and fewer test points end on the right side",
          overfitting_opens_a_gap),
]

NOT_QUANTITIES = [
    # A probability's two ends, the definition of "rounds": not a measurement.
    r"rounds to 0 or 1",
]

test_in_one_cell, test_holds, test_every_number = claim_tests(NOTEBOOK, CLAIMS, NOT_QUANTITIES)
