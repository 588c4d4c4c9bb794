"""Notebook 04's new checks, dense_backward and train_loop: ✓ for a right answer in any right
form, the right hint for the usual mistakes, one ✗ line (never a crash, never the answer) for
anything else. (To be merged into tests/unit/test_check.py.)"""

import numpy as np
import pytest
from verdicts import said, wrong

from helpers import descent, training
from helpers.check import _gradient_descent as check

# The formulas themselves, as code: no verdict may print any of them.
ANSWER_TEXT = ("X.T @", "@ W.T", ".sum(axis=0)", "grad_A * g_slope", "− lr · grad")


# --- dense_backward ---------------------------------------------------------------------------


def backward(X, W, Z, grad_A, g_slope):
    grad_Z = grad_A * g_slope(Z)
    return X.T @ grad_Z, grad_Z.sum(axis=0), grad_Z @ W.T


def backward_as_lists(X, W, Z, grad_A, g_slope):
    return [np.asarray(g).tolist() for g in backward(X, W, Z, grad_A, g_slope)]


def backward_with_einsum(X, W, Z, grad_A, g_slope):
    grad_Z = np.multiply(grad_A, g_slope(Z))
    return (np.einsum("ni,nu->iu", X, grad_Z), np.add.reduce(grad_Z, axis=0),
            np.einsum("nu,iu->ni", grad_Z, W))


def backward_by_loops(X, W, Z, grad_A, g_slope):
    grad_Z = grad_A * g_slope(Z)
    grad_W = sum(np.outer(x, g) for x, g in zip(X, grad_Z, strict=True))
    grad_b = sum(grad_Z)
    grad_X = np.array([[g @ w for w in W] for g in grad_Z])
    return grad_W, grad_b, grad_X


def backward_in_place(X, W, Z, grad_A, g_slope):  # spoils its inputs after computing
    result = tuple(np.copy(g) for g in backward(X, W, Z, grad_A, g_slope))
    for array in (X, W, Z, grad_A):
        array[...] = 0.0
    return result


@pytest.mark.parametrize("function", [backward, backward_as_lists, backward_with_einsum,
                                      backward_by_loops, backward_in_place])
def test_dense_backward_accepts_every_right_form(function):
    text = said(check.dense_backward, function, forbidden=ANSWER_TEXT)
    assert text.startswith("✓ Your backward pass passes"), text


def _missing_transpose(X, W, Z, grad_A, g_slope):
    grad_Z = grad_A * g_slope(Z)
    return X @ grad_Z, grad_Z.sum(axis=0), grad_Z @ W.T


def _no_sum(X, W, Z, grad_A, g_slope):
    grad_Z = grad_A * g_slope(Z)
    return X.T @ grad_Z, grad_Z, grad_Z @ W.T


def _no_slope(X, W, Z, grad_A, g_slope):
    return X.T @ grad_A, grad_A.sum(axis=0), grad_A @ W.T


def _mean(X, W, Z, grad_A, g_slope):
    grad_Z = grad_A * g_slope(Z)
    return X.T @ grad_Z, grad_Z.mean(axis=0), grad_Z @ W.T


def _grad_W_over_n(X, W, Z, grad_A, g_slope):
    grad_Z = grad_A * g_slope(Z)
    return X.T @ grad_Z / len(X), grad_Z.sum(axis=0), grad_Z @ W.T


def _wrong_grad_X(X, W, Z, grad_A, g_slope):
    grad_W, grad_b, grad_X = backward(X, W, Z, grad_A, g_slope)
    return grad_W, grad_b, 2 * grad_X


def _order_swapped(X, W, Z, grad_A, g_slope):
    grad_W, grad_b, grad_X = backward(X, W, Z, grad_A, g_slope)
    return grad_b, grad_W, grad_X


# (a usual mistake, what the ✗ line says of it)
DENSE_BACKWARD_MISTAKES = [
    (_missing_transpose, "your function raised ValueError: matmul"),
    (_missing_transpose, "a transpose (.T) is missing"),
    (_no_sum, "grad_b of shape (5, 4); it should have one number per neuron: add dJ/dZ up over "
              "the examples"),
    (_no_slope, "multiply grad_A elementwise (⊙) by the slope g'(Z)"),
    (_mean, "grad_b should add dJ/dZ up over the examples, not average it"),
    (_grad_W_over_n, "grad_W is divided by the number of examples once too often"),
    (_wrong_grad_X, "grad_X disagrees with finite differences"),
    (_order_swapped, "returned grad_W of shape (4,); it should have the shape of W"),
]


def _crash(*args):
    raise RuntimeError("my bug")


@pytest.mark.parametrize("answer, words", [
    (None, "Pass your function itself"),
    ("abc", "Pass your function itself"),
    (float("nan"), "Pass your function itself"),
    (10**400, "Pass your function itself, like check.dense_backward(dense_backward); got a whole "
              "number with about 401 digits"),
    (np.zeros((3, 4)), "got an array of shape (3, 4)"),
    (_crash, "your function raised RuntimeError: my bug"),
    (lambda *a: None, "returned None (is the return line missing?)"),
    (lambda *a: "abc", "returned 'abc'; it should return three arrays"),
    (lambda *a: (np.nan, np.nan, np.nan), "returned grad_W of shape ()"),
    (lambda *a: (10**400,) * 3, "not an array of numbers"),
    (lambda *a: ["a", "b", "c"], "returned 'a' as grad_W, not an array of numbers"),
    (lambda *a: tuple(np.full_like(g, np.nan) for g in backward(*a)),
     "returned grad_W with nan or inf in it"),
    (lambda *a: backward(*a)[:2], "it should return three arrays"),
    (lambda *a: tuple(g.T for g in backward(*a)), "returned grad_W of shape (4, 3)"),
])
def test_dense_backward_answers_nonsense_with_one_line(answer, words):
    assert words in wrong(check.dense_backward, answer, forbidden=ANSWER_TEXT)


# --- train_loop -------------------------------------------------------------------------------


def loop_with_step(net, X, y, lr, steps):
    for _ in range(steps):
        training.step(net, X, y, lr)


def loop_by_hand(net, X, y, lr, steps):
    for _ in range(steps):
        training.gradients(net, X, y)
        for parameter, gradient in zip(net.parameters(), net.gradients(), strict=True):
            parameter[...] = descent.update(parameter, gradient, lr)


def loop_in_minibatches(net, X, y, lr, steps):
    rng = np.random.default_rng(0)
    for _ in range(steps):
        rows = rng.permutation(len(y))[:20]
        training.step(net, X[rows], y[rows], lr)


def loop_returning_a_new_net(net, X, y, lr, steps):
    return training.train(net, X, y, lr, steps).net


@pytest.mark.parametrize("function", [loop_with_step, loop_by_hand, loop_in_minibatches,
                                      loop_returning_a_new_net])
def test_train_loop_accepts_every_right_form(function):
    text = said(check.train_loop, function, forbidden=ANSWER_TEXT)
    assert text.startswith("✓ Your loop lowered the loss from"), text


def _uphill(net, X, y, lr, steps):
    for _ in range(steps):
        training.gradients(net, X, y)
        for parameter, gradient in zip(net.parameters(), net.gradients(), strict=True):
            parameter[...] = parameter + lr * gradient


def _no_update(net, X, y, lr, steps):
    for _ in range(steps):
        training.gradients(net, X, y)


def _copies(net, X, y, lr, steps):  # updates copies, not the network's own arrays
    for _ in range(steps):
        training.gradients(net, X, y)
        for parameter, gradient in zip(net.parameters(), net.gradients(), strict=True):
            parameter = parameter - lr * gradient  # noqa: PLW2901


def _few_steps(net, X, y, lr, steps):
    for _ in range(3):
        training.step(net, X, y, lr)


def _exploding(net, X, y, lr, steps):
    for layer in net.layers:
        layer.W[...] = np.nan


TRAIN_LOOP_MISTAKES = [
    (_uphill, "the loss rose from 0.6244 to"),
    (_uphill, "the steps go uphill or far too far"),
    (_no_update, "the loop never changed its weights"),
    (_copies, "the loop never changed its weights"),
    (_few_steps, "does the loop run all the steps, with the learning rate it is given?"),
    (_exploding, "give a loss that is nan"),
]


@pytest.mark.parametrize("check_function, function, hint", [
    *((check.dense_backward, *mistake) for mistake in DENSE_BACKWARD_MISTAKES),
    *((check.train_loop, *mistake) for mistake in TRAIN_LOOP_MISTAKES),
])
def test_dense_backward_and_train_loop_name_the_usual_mistakes(check_function, function, hint):
    assert hint in wrong(check_function, function, forbidden=ANSWER_TEXT)


@pytest.mark.parametrize("answer, words", [
    (None, "Pass your function itself, like check.train_loop(train_loop); got None"),
    ("abc", "got 'abc'"),
    (float("nan"), "got nan"),
    (10**400, "got a whole number with about 401 digits"),
    (np.zeros((2, 2)), "got an array of shape (2, 2)"),
    (_crash, "your function raised RuntimeError: my bug"),
    (lambda net: None, "your function raised TypeError"),
    (lambda *a: "abc", "the loop never changed its weights"),
])
def test_train_loop_answers_nonsense_with_one_line(answer, words):
    assert words in wrong(check.train_loop, answer, forbidden=ANSWER_TEXT)
