"""Notebook 04's checks: descent_step, own_derivative, dense_backward and train_loop. ✓ for a
right answer in any right form, the right hint for the usual mistakes, never the answer.
(Strange answers in every slot, and functions that raise, return nonsense or never return:
test_check_answers.py.)"""

from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from verdicts import right, said, wrong

from helpers import curves, descent, training
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


@pytest.mark.parametrize("answer, words", [
    (10**400, "Pass your function itself, like check.dense_backward(dense_backward); got a whole "
              "number with about 401 digits"),
    (np.zeros((3, 4)), "got an array of shape (3, 4)"),
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
    (10**400, "got a whole number with about 401 digits"),
    (np.zeros((2, 2)), "got an array of shape (2, 2)"),
    (lambda net: None, "your function raised TypeError"),
    (lambda *a: "abc", "the loop never changed its weights"),
])
def test_train_loop_answers_nonsense_with_one_line(answer, words):
    assert words in wrong(check.train_loop, answer, forbidden=ANSWER_TEXT)


# --- descent_step -------------------------------------------------------------------------------

def step_copy(w, grad, lr):
    return w - lr * grad


def step_in_place(w, grad, lr):
    w -= lr * grad
    return w


def step_then_spoil(w, grad, lr):
    """Right, but it scribbles over both of its inputs afterwards."""
    new = w - lr * grad
    if isinstance(w, np.ndarray):
        w[...] = 1e9
        grad[...] = -1e9
    return new


@pytest.mark.parametrize("function", [
    step_copy, step_in_place, step_then_spoil,
    lambda w, grad, lr: np.subtract(w, np.multiply(lr, grad)),
    lambda w, grad, lr: list(np.atleast_1d(w - lr * grad)) if np.ndim(w) else w - lr * grad,
])
def test_descent_step_accepts_every_right_form(function):
    right(check.descent_step, function)


@pytest.mark.parametrize("function, hint", [
    (lambda w, grad, lr: w + lr * grad, "goes uphill"),
    (lambda w, grad, lr: w - grad, "learning rate times the slope"),
    (lambda w, grad, lr: None, "returned None"),
    (lambda w, grad, lr: np.reshape(w - lr * grad, (-1, 1)), "same shape as w"),
    (lambda w, grad, lr: w - lr * grad if np.ndim(w) == 0 else float("nan") * w, "nan or inf"),
    (curves.parabola, "TypeError"),
])
def test_descent_step_names_the_mistake(function, hint):
    assert hint in wrong(check.descent_step, function, forbidden=ANSWER_TEXT)


@st.composite
def descent_cases(draw):
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=2, max_side=5))
    values = st.floats(-1e6, 1e6)
    w = draw(hnp.arrays(np.float64, shape, elements=values))
    grad = draw(hnp.arrays(np.float64, shape, elements=values))
    lr = draw(st.floats(1e-4, 10))
    scalar = (draw(values), draw(values), draw(st.floats(1e-4, 10)))
    return [(w, grad, lr), scalar]


@settings(max_examples=150, deadline=None)
@given(descent_cases())
def test_descent_step_passes_in_place_copying_and_spoiling_functions_for_any_case(cases):
    kept = [(np.copy(w), np.copy(grad), lr) for w, grad, lr in cases]
    with mock.patch.object(check, "DESCENT_CASES", cases):
        for function in (step_in_place, step_copy, step_then_spoil):
            right(check.descent_step, function)
    for (w, grad, _), (w0, grad0, _) in zip(cases, kept, strict=True):
        assert np.array_equal(w, w0) and np.array_equal(grad, grad0), "the learner got originals"
    w, grad, lr = cases[0]
    if np.any(np.abs(lr * grad) > 1e-3 * (1 + np.abs(w))):  # a step big enough to see
        with mock.patch.object(check, "DESCENT_CASES", cases):
            wrong(check.descent_step, lambda w, grad, lr: w + lr * grad)


# --- own_derivative -----------------------------------------------------------------------------

def f_cubic(w):
    return w**3 - 2 * w


def slope_of_f(w):
    return 3 * w**2 - 2


@pytest.mark.parametrize("f, f_slope", [
    (f_cubic, slope_of_f),
    (f_cubic, lambda w: np.array([3 * w**2 - 2])),
    (lambda w: np.float64(w) ** 3 - 2 * w, slope_of_f),
])
def test_own_derivative_passes_a_right_derivative_in_any_form(f, f_slope):
    right(check.own_derivative, f, f_slope)


@pytest.mark.parametrize("f, f_slope, hint", [
    (f_cubic, lambda w: 3 * w**2, "the derivative of wⁿ"),
    (f_cubic, lambda w: None, "not a number"),
    (f_cubic, lambda w: float("inf"), "not a finite number"),
    (f_cubic, lambda w: 10**400, "not a finite number"),
    (lambda w: 1e308 if w > -1.5 else -1e308, slope_of_f, "too large to measure"),
    (lambda w: 1e300 * w**3, slope_of_f, "relative error 1.0e+00"),
    (lambda w: "f", slope_of_f, "f returned 'f'"),
    (lambda w: 1e308, lambda w: 1e308, "the derivative of wⁿ"),
])
def test_own_derivative_names_the_mistake(f, f_slope, hint):
    assert hint in wrong(check.own_derivative, f, f_slope, forbidden=ANSWER_TEXT + ("3w²",))
