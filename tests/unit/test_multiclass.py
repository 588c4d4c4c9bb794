"""Ten classes: softmax, cross-entropy and its gradient, training by epochs, early stopping,
the range test on a validation set (helpers/multiclass.py, notebook 06)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import descent, learning_rate, multiclass, network

RNG = np.random.default_rng(6)
# A small problem of three classes: three clouds of points in 4-D.
CENTRES = np.array([[2.0, 0, 0, 0], [0, 2.0, 0, 0], [0, 0, 2.0, 0]])
Y = np.repeat(np.arange(3), 20)
X = CENTRES[Y] + RNG.normal(scale=0.7, size=(60, 4))
Y_VAL = np.repeat(np.arange(3), 8)
X_VAL = CENTRES[Y_VAL] + RNG.normal(scale=0.7, size=(24, 4))


def fresh(seed=0):
    return network.Network.random((4, 6, 3), activation="tanh", output="identity", seed=seed)


def mean_log_loss(y, Z):
    """−mean log softmax(Z)[i, y_i], written here independently (fine for small logits)."""
    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    return float(-np.mean(np.log(P[np.arange(len(y)), y])))


# --- Softmax and cross-entropy --------------------------------------------------------------

@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 6), classes=st.integers(2, 7),
       shift=st.floats(-700, 700))
def test_softmax_is_probabilities_that_only_the_differences_of_logits_decide(seed, n, classes,
                                                                            shift):
    Z = np.random.default_rng(seed).normal(scale=3, size=(n, classes))
    P = multiclass.softmax(Z)
    np.testing.assert_allclose(P, np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True), rtol=1e-12)
    np.testing.assert_allclose(multiclass.softmax(Z + shift), P, rtol=1e-9)
    assert np.all(P > 0) and np.allclose(P.sum(axis=1), 1, rtol=1e-15)


def test_cross_entropy_is_minus_the_log_of_the_right_probability_even_where_it_rounds_to_0():
    Z = RNG.normal(size=(5, 4))
    y = np.array([0, 3, 1, 1, 2])
    assert multiclass.cross_entropy(y, Z) == pytest.approx(mean_log_loss(y, Z), rel=1e-12)
    # p of class 0 is e^−1000, 0 in a float; its −log is 1000, and so is the loss
    assert multiclass.cross_entropy([0], [[0.0, 1000.0]]) == 1000.0
    assert multiclass.cross_entropy([1], [[0.0, 0.0]]) == pytest.approx(np.log(2), rel=1e-15)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 5), classes=st.integers(2, 6))
def test_the_gradient_from_the_logits_is_p_minus_onehot_over_n(seed, n, classes):
    rng = np.random.default_rng(seed)
    Z = rng.normal(scale=2, size=(n, classes))
    y = rng.integers(0, classes, size=n)
    grad = multiclass.cross_entropy_grad(y, Z)
    np.testing.assert_allclose(grad, (multiclass.softmax(Z) - multiclass.one_hot(y, classes)) / n,
                               rtol=1e-12)
    result = descent.gradient_check(lambda Z_: multiclass.cross_entropy(y, Z_),
                                    lambda Z_: multiclass.cross_entropy_grad(y, Z_), Z)
    assert result.passed, result.message


def test_one_hot_puts_a_one_in_each_labels_column():
    assert multiclass.one_hot([2, 0], classes=3).tolist() == [[0, 0, 1], [1, 0, 0]]


# --- The network on a batch ------------------------------------------------------------------

def test_backpropagation_from_p_minus_onehot_matches_finite_differences():
    net = fresh()
    multiclass.gradients(net, X[:7], Y[:7])
    for parameter, grad in zip(net.parameters(), net.gradients(), strict=True):
        def loss(_):
            return multiclass.cross_entropy(Y[:7], net.forward(X[:7]))
        assert descent.compare_gradients(grad.copy(), descent.numerical_gradient(
            loss, parameter)).passed


def test_a_step_is_the_update_against_the_gradient_and_returns_the_loss_before():
    net, twin = fresh(), fresh()
    before = multiclass.cross_entropy(Y, net.forward(X))
    assert multiclass.step(net, X, Y, lr=0.5) == pytest.approx(before, rel=1e-12)
    multiclass.gradients(twin, X, Y)
    for moved, start, grad in zip(net.parameters(), twin.parameters(), twin.gradients(),
                                  strict=True):
        np.testing.assert_allclose(moved, start - 0.5 * grad, rtol=1e-12)


def test_predict_takes_the_largest_logit_and_accuracy_counts_the_right_ones():
    net = fresh()
    Z = net.forward(X)
    assert np.array_equal(multiclass.predict(net, X), Z.argmax(axis=1))
    assert multiclass.accuracy(net, X, Y) == np.mean(Z.argmax(axis=1) == Y)


def test_the_confusion_matrix_counts_each_pair_in_its_row_and_column():
    counts = multiclass.confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], classes=3)
    assert counts.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 2]]
    assert counts.dtype.kind == "i"


# --- Early stopping --------------------------------------------------------------------------

@pytest.mark.parametrize("losses, patience, expected", [
    ([2.0, 1.0, 0.5, 0.6, 0.7, 0.8, 0.1], 3, (5, 2)),   # stops before the later, lower loss
    ([2.0, 1.0, 1.0, 1.0, 0.5], 2, (3, 1)),            # an equal loss is no improvement
    ([2.0, 1.5, 1.2, 1.1], 2, (3, 3)),                 # it never stops: the last epoch
    ([2.0, 2.1], 1, (1, 0)),                           # the start was best
    ([3.0], 4, (0, 0)),
    ([2.0, np.nan, 1.0, 1.5], 2, (3, 2)),              # a NaN is never an improvement
])
def test_early_stopping_stops_patience_epochs_past_the_best_so_far(losses, patience, expected):
    stop = multiclass.early_stopping(losses, patience)
    assert tuple(stop) == expected
    assert stop.patience_ran_out == (expected[0] - expected[1] >= patience)


@settings(max_examples=50, deadline=None)
@given(losses=st.lists(st.floats(0.01, 5), min_size=1, max_size=30),
       later=st.lists(st.floats(0, 5), max_size=5), patience=st.integers(1, 6))
def test_early_stopping_never_looks_past_the_stop(losses, later, patience):
    stop = multiclass.early_stopping(losses, patience)
    if stop.patience_ran_out:  # whatever came after the stop changes nothing
        assert multiclass.early_stopping(losses[:stop.stop + 1] + later, patience) == stop
    seen = losses[:stop.stop + 1]
    assert stop.best == int(np.argmin(seen))


# --- Training by epochs ----------------------------------------------------------------------

def test_one_batch_of_everything_is_one_full_batch_step_an_epoch():
    run = multiclass.train(fresh(), X, Y, lr=0.5, epochs=5, batch_size=len(Y))
    net = fresh()
    for _ in range(5):
        multiclass.step(net, X, Y, 0.5)
    assert run.steps == 5 and run.epochs == 5 and run.validation_losses is None
    for trained, by_hand in zip(run.net.parameters(), net.parameters(), strict=True):
        np.testing.assert_allclose(trained, by_hand, rtol=1e-12)
    np.testing.assert_allclose(run.batch_losses, run.losses[:-1], rtol=1e-12)


def test_mini_batches_take_one_step_per_batch_repeatably_from_a_copy():
    start = fresh()
    kept = [p.copy() for p in start.parameters()]
    run = multiclass.train(start, X, Y, lr=0.5, epochs=4, batch_size=25, seed=2,
                           validation=(X_VAL, Y_VAL), keep_networks=True)
    again = multiclass.train(start, X, Y, lr=0.5, epochs=4, batch_size=25, seed=2)
    other = multiclass.train(start, X, Y, lr=0.5, epochs=4, batch_size=25, seed=3)
    assert run.steps == 12 and run.steps_per_epoch == 3  # batches of 25, 25 and 10
    assert run.losses.shape == run.validation_accuracies.shape == (5,)
    assert len(run.networks) == 5
    assert run.validation_losses[2] == pytest.approx(
        multiclass.cross_entropy(Y_VAL, run.networks[2].forward(X_VAL)), rel=1e-12)
    np.testing.assert_array_equal(run.losses, again.losses)
    assert not np.array_equal(run.losses, other.losses)
    assert all(np.array_equal(p, q) for p, q in zip(start.parameters(), kept, strict=True))
    assert run.losses[-1] < 0.5 * run.losses[0]


def test_early_stopping_ends_the_run_and_keeps_the_best_epochs_weights():
    run = multiclass.train(fresh(), X, Y, lr=3.0, epochs=200, batch_size=10,
                           validation=(X_VAL, Y_VAL), patience=3)
    rule = multiclass.early_stopping(run.validation_losses, 3)
    assert run.early_stopped and run.epochs < 200 and (run.epochs, run.best_epoch) == tuple(rule)
    assert multiclass.cross_entropy(Y_VAL, run.net.forward(X_VAL)) == pytest.approx(
        run.validation_losses[run.best_epoch], rel=1e-12)
    assert "(early stopping)" in run.message


def test_a_large_rate_diverges_by_the_one_rule_and_an_overflow_ends_the_run():
    run = multiclass.train(fresh(), X, Y, lr=300.0, epochs=20, batch_size=10)
    assert run.diverged and run.diverged_at == descent.diverged_at(run.losses)
    assert f"diverged at epoch {run.diverged_at}" in run.message
    blown = multiclass.train(fresh(), X, Y, lr=1e50, epochs=5, batch_size=10)
    assert blown.stopped_early and blown.diverged and blown.epochs < 5


def test_the_range_test_records_the_validation_loss_after_each_mini_batch_step():
    start = fresh()
    scan = multiclass.range_test(start, X, Y, validation=(X_VAL, Y_VAL), batch_size=20,
                                 lr_min=1e-3, lr_max=1e3, steps=40)
    assert isinstance(scan, learning_rate.RangeTest) and scan.blow_up_lr is not None
    net = fresh()  # the first step, by hand: the same batch, the same loss after it
    first = np.random.default_rng(0).permutation(len(Y))[:20]
    multiclass.step(net, X[first], Y[first], 1e-3)
    assert scan.losses[0] == pytest.approx(
        multiclass.cross_entropy(Y_VAL, net.forward(X_VAL)), rel=1e-12)
    assert multiclass.cross_entropy(Y, start.forward(X)) == pytest.approx(
        multiclass.cross_entropy(Y, fresh().forward(X)), rel=0)  # the start kept its weights


def test_the_validation_set_chooses_the_rate_at_the_best_epoch_or_at_a_budget():
    runs = {lr: multiclass.train(fresh(), X, Y, lr, epochs=6, batch_size=60,
                                 validation=(X_VAL, Y_VAL)) for lr in (0.01, 1.0, 500.0)}
    assert multiclass.choose_rate(runs) == 1.0
    assert multiclass.choose_rate(runs, epoch=0) == 0.01  # equal at the start: the first
    assert multiclass.choose_rate(runs, epoch=1) in runs


# --- Doors -----------------------------------------------------------------------------------

SIGMOID_NET = network.Network.random((4, 3, 1))
RUN = multiclass.train(fresh(), X, Y, 0.1, 2, 30, validation=(X_VAL, Y_VAL))


@pytest.mark.parametrize("call, words", [
    (lambda: multiclass.gradients(SIGMOID_NET, X, Y), "net should end in an identity layer"),
    (lambda: multiclass.gradients("net", X, Y), "net should be a Network"),
    (lambda: multiclass.step(fresh(), X, Y + 3, 0.1), "y holds the class 5, but net has 3"),
    (lambda: multiclass.step(fresh(), X, Y - 0.5, 0.1), "y should hold class labels"),
    (lambda: multiclass.predict(fresh(), X[:, :3]), r"X should have shape \(n, 4\)"),
    (lambda: multiclass.softmax([1.0, 2.0]), "Z should be 2-D"),
    (lambda: multiclass.softmax([[1.0], [2.0]]), "Z should have one column per class"),
    (lambda: multiclass.cross_entropy([0, 4], [[1.0, 2.0], [0.0, 1.0]]),
     "y holds the class 4, but Z has 2"),
    (lambda: multiclass.confusion_matrix([0, 1], [1], classes=2),
     r"predicted should have one label per example \(2\)"),
    (lambda: multiclass.one_hot([0, 3], classes=3), "y holds the class 3, but classes has 3"),
    (lambda: multiclass.early_stopping([1.0, 0.5], 0), "patience should be at least 1"),
    (lambda: multiclass.train(fresh(), X, Y, 0.1, 2, 10, patience=2),
     "patience needs a validation set"),
    (lambda: multiclass.train(fresh(), X, Y, 0.1, 2, 61), "batch_size should be at most 60"),
    (lambda: multiclass.train(fresh(), X, Y, 0.1, 2, 10, validation=X_VAL),
     "validation should be a pair"),
    (lambda: multiclass.train(fresh(), X, Y, 0.1, 2, 10, validation=(X_VAL, Y_VAL + 5)),
     r"validation\[1\] holds the class"),
    (lambda: multiclass.train(fresh(), X, Y, -1.0, 2, 10), "lr should be a positive number"),
    (lambda: multiclass.range_test(fresh(), X, Y, validation=None),
     "validation should be a pair"),
    (lambda: multiclass.choose_rate({}), "runs should be a dict"),
    (lambda: multiclass.choose_rate({0.1: multiclass.train(fresh(), X, Y, 0.1, 1, 60)}),
     "runs should hold runs with a validation set"),
    (lambda: multiclass.choose_rate({0.1: RUN}, epoch=3), "epoch should be at most 2"),
], ids=lambda value: value if isinstance(value, str) else "")
def test_each_door_names_the_argument(call, words):
    with pytest.raises((ValueError, TypeError), match=f"^{words}"):
        call()
