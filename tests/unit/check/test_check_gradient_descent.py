"""Notebook 04's checks: which_valley (the prediction), chain_gradient, relu_backward and
train_loop. ✓ for a right answer in any right form, the right hint for the usual mistakes,
never the answer. (Strange answers in every slot, and functions that raise, return nonsense or
never return: test_check_answers.py.)"""

from unittest import mock

import numpy as np
import pytest
from verdicts import right, said, wrong

from helpers import activations, descent, training
from helpers.check import _gradient_descent as check

# The formulas themselves, as code: no verdict may print any of them.
ANSWER_TEXT = ("X.T @", "@ W.T", ".sum(axis=0)", "(Z > 0)", "− lr · grad")


# --- which_valley: the prediction before the two-valleys slider -----------------------------


@pytest.mark.parametrize("prediction", ["left", "Left ", "deep", " LEFT"])
def test_which_valley_confirms_the_valley_descent_reaches(prediction):
    assert right(check.which_valley, prediction).startswith("✓ Right: J′(w)")


@pytest.mark.parametrize("prediction, words", [
    ("right", "the hump between the valleys is not at w = 0"),
    ("shallow", "its sign says which way the first step goes"),
    ("hump", "Descent stops only where the slope is 0"),
])
def test_which_valley_explains_a_wrong_prediction_without_the_answer(prediction, words):
    text = wrong(check.which_valley, prediction, forbidden=("left", "deep valley", "+0.1"))
    assert words in text


@pytest.mark.parametrize("start, answer", [(0.5, "right"), (-0.5, "left"), (0.1, "right")])
def test_which_valley_follows_the_walk_not_a_stored_answer(start, answer):
    """Moved to another start, the check confirms what descent from there does."""
    with mock.patch.object(check, "VALLEY_START", start):
        assert f"the first step goes {answer}" in right(check.which_valley, answer)
        for other in {"left", "right", "hump"} - {answer}:
            wrong(check.which_valley, other)


@pytest.mark.parametrize("prediction", ["", "up", 1, None, ["left"]])
def test_which_valley_names_the_three_words(prediction):
    assert '"left" (the deep valley), "right" (the shallow one) or "hump"' in wrong(
        check.which_valley, prediction)


# --- chain_gradient: a gradient by hand -----------------------------------------------------

C = check.CHAIN
NODES = check.chain_nodes(**C)
ERROR, TANH_SLOPE = NODES["p"] - C["y"], 1 - NODES["a1"] ** 2
EXACT = ERROR * C["w2"] * TANH_SLOPE * C["x"]


def test_the_chain_is_the_one_central_differences_measure():
    measured = descent.numerical_slope(
        lambda w1: check.chain_nodes(C["x"], C["y"], w1, C["b1"], C["w2"], C["b2"])["J"],
        C["w1"])
    assert abs(EXACT - measured) < 1e-8


@pytest.mark.parametrize("answer", [
    EXACT, np.float64(EXACT), np.array([EXACT]),
    # from the printed numbers, rounded to three decimals
    round(ERROR, 3) * C["w2"] * round(TANH_SLOPE, 3) * C["x"],
])
def test_chain_gradient_accepts_the_product_in_any_form(answer):
    right(check.chain_gradient, answer)


@pytest.mark.parametrize("answer, hint", [
    (ERROR * C["w2"] * C["x"], "the link through neuron 1's tanh is missing"),
    (ERROR * C["w2"] * NODES["a1"] * C["x"], "tanh's slope, 1 − a₁², not a₁ itself"),
    (ERROR * C["w2"] * TANH_SLOPE, "that is ∂J/∂b₁"),
    (ERROR * NODES["a1"], "that is ∂J/∂w₂"),
    (ERROR * C["w1"] * TANH_SLOPE * C["x"], "the weight that multiplies a₁"),
    (-EXACT, "the sign is flipped"),
    (0.0, "multiply the four local slopes"),
    (2 * EXACT, "multiply the four local slopes"),
    (0.7 * EXACT, "multiply the four local slopes"),
])
def test_chain_gradient_names_the_mistake_never_the_answer(answer, hint):
    shown = (f"{EXACT:.2f}", f"{EXACT:.3f}", f"{EXACT:.4f}")
    assert hint in wrong(check.chain_gradient, answer, forbidden=shown)


def test_the_chain_slips_are_told_apart():
    values = [EXACT] + [slip for slip, _ in check._chain_slips()]
    for i, a in enumerate(values):
        for b in values[i + 1:]:
            assert abs(a - b) > 5 * check.CHAIN_TOLERANCE * max(abs(a), abs(b))


def test_a_wrong_chain_gradient_gets_the_same_words_on_either_side():
    """Nothing in a ✗ line says higher or lower: the answer cannot be bisected."""
    below, above = (said(check.chain_gradient, EXACT * f) for f in (0.8, 1.2))
    assert below == above


# --- relu_backward ----------------------------------------------------------------------------


def backward(X, W, Z, grad_A):
    grad_Z = grad_A * (Z > 0)
    return X.T @ grad_Z, grad_Z.sum(axis=0), grad_Z @ W.T


def backward_as_lists(X, W, Z, grad_A):
    return [np.asarray(g).tolist() for g in backward(X, W, Z, grad_A)]


def backward_with_einsum(X, W, Z, grad_A):
    grad_Z = np.where(Z > 0, grad_A, 0.0)
    return (np.einsum("ni,nu->iu", X, grad_Z), np.add.reduce(grad_Z, axis=0),
            np.einsum("nu,iu->ni", grad_Z, W))


def backward_by_loops(X, W, Z, grad_A):
    grad_Z = grad_A * activations.relu_slope(Z)
    grad_W = sum(np.outer(x, g) for x, g in zip(X, grad_Z, strict=True))
    grad_b = sum(grad_Z)
    grad_X = np.array([[g @ w for w in W] for g in grad_Z])
    return grad_W, grad_b, grad_X


def backward_in_place(X, W, Z, grad_A):  # spoils its inputs after computing
    result = tuple(np.copy(g) for g in backward(X, W, Z, grad_A))
    for array in (X, W, Z, grad_A):
        array[...] = 0.0
    return result


@pytest.mark.parametrize("function", [backward, backward_as_lists, backward_with_einsum,
                                      backward_by_loops, backward_in_place])
def test_relu_backward_accepts_every_right_form(function):
    text = said(check.relu_backward, function, forbidden=ANSWER_TEXT)
    assert text.startswith("✓ Your backward pass passes"), text


def test_the_fresh_layers_have_both_sides_of_the_kink():
    """So that a layer without ReLU's slope, or with the wrong one, cannot pass."""
    for number, shape in enumerate(check.BACKWARD_SHAPES):
        Z = check._backward_case(*shape, check.BACKWARD_SEED + number)["Z"]
        assert np.any(Z < 0) and np.any(Z > 0) and np.all(np.abs(Z) > 1e-3)


def _missing_transpose(X, W, Z, grad_A):
    grad_Z = grad_A * (Z > 0)
    return X @ grad_Z, grad_Z.sum(axis=0), grad_Z @ W.T


def _no_sum(X, W, Z, grad_A):
    grad_Z = grad_A * (Z > 0)
    return X.T @ grad_Z, grad_Z, grad_Z @ W.T


def _no_slope(X, W, Z, grad_A):
    return X.T @ grad_A, grad_A.sum(axis=0), grad_A @ W.T


def _through(X, W, grad_Z):
    return X.T @ grad_Z, grad_Z.sum(axis=0), grad_Z @ W.T


def _tanh_slope(X, W, Z, grad_A):
    return _through(X, W, grad_A * (1 - np.tanh(Z) ** 2))


def _output_not_slope(X, W, Z, grad_A):
    return _through(X, W, grad_A * np.maximum(Z, 0))


def _mean(X, W, Z, grad_A):
    grad_Z = grad_A * (Z > 0)
    return X.T @ grad_Z, grad_Z.mean(axis=0), grad_Z @ W.T


def _grad_W_over_n(X, W, Z, grad_A):
    grad_Z = grad_A * (Z > 0)
    return X.T @ grad_Z / len(X), grad_Z.sum(axis=0), grad_Z @ W.T


def _wrong_grad_X(X, W, Z, grad_A):
    grad_W, grad_b, grad_X = backward(X, W, Z, grad_A)
    return grad_W, grad_b, 2 * grad_X


def _order_swapped(X, W, Z, grad_A):
    grad_W, grad_b, grad_X = backward(X, W, Z, grad_A)
    return grad_b, grad_W, grad_X


# (a usual mistake, what the ✗ line says of it)
RELU_BACKWARD_MISTAKES = [
    (_missing_transpose, "your function raised ValueError: matmul"),
    (_missing_transpose, "a transpose (.T) is missing"),
    (_no_sum, "grad_b of shape (5, 4); it should have one number per neuron: add dJ/dZ up over "
              "the examples"),
    (_no_slope, "multiply grad_A, entry by entry (⊙), by ReLU's slope at Z"),
    (_tanh_slope, "that is tanh's slope"),
    (_output_not_slope, "you multiplied by ReLU's output, not by its slope"),
    (_mean, "grad_b should add dJ/dZ up over the examples, not average it"),
    (_grad_W_over_n, "grad_W is divided by the number of examples once too often"),
    (_wrong_grad_X, "grad_X disagrees with finite differences"),
    (_order_swapped, "returned grad_W of shape (4,); it should have the shape of W"),
]


@pytest.mark.parametrize("answer, words", [
    (10**400, "Pass your function itself, like check.relu_backward(relu_backward); got a whole "
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
def test_relu_backward_answers_nonsense_with_one_line(answer, words):
    assert words in wrong(check.relu_backward, answer, forbidden=ANSWER_TEXT)


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
    *((check.relu_backward, *mistake) for mistake in RELU_BACKWARD_MISTAKES),
    *((check.train_loop, *mistake) for mistake in TRAIN_LOOP_MISTAKES),
])
def test_relu_backward_and_train_loop_name_the_usual_mistakes(check_function, function, hint):
    assert hint in wrong(check_function, function, forbidden=ANSWER_TEXT)


@pytest.mark.parametrize("answer, words", [
    (10**400, "got a whole number with about 401 digits"),
    (np.zeros((2, 2)), "got an array of shape (2, 2)"),
    (lambda net: None, "your function raised TypeError"),
    (lambda *a: "abc", "the loop never changed its weights"),
])
def test_train_loop_answers_nonsense_with_one_line(answer, words):
    assert words in wrong(check.train_loop, answer, forbidden=ANSWER_TEXT)
