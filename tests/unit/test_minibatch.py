import numpy as np
import pytest

from helpers import data, descent, minibatch, network, training

SPLIT = data.train_test_split(*data.two_moons(n=60, noise=0.2), test_fraction=0.25, seed=1)


def fresh():
    return network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)


def test_one_batch_of_everything_is_full_batch_descent():
    X_train, y_train, _, _ = SPLIT
    full = training.train(fresh(), X_train, y_train, lr=0.5, steps=25)
    one_batch = minibatch.train_sgd(fresh(), X_train, y_train, lr=0.5, epochs=25,
                                    batch_size=len(y_train))
    np.testing.assert_allclose(one_batch.losses, full.losses, rtol=1e-12)
    np.testing.assert_allclose(one_batch.batch_losses, full.losses[:-1], rtol=1e-12)


def test_minibatches_take_one_step_per_batch_repeatably():
    X_train, y_train, X_test, y_test = SPLIT  # 45 training points: batches of 10, 10, 10, 10, 5
    run = minibatch.train_sgd(fresh(), X_train, y_train, lr=1.0, epochs=6, batch_size=10,
                              seed=3, test=(X_test, y_test))
    again = minibatch.train_sgd(fresh(), X_train, y_train, lr=1.0, epochs=6, batch_size=10,
                                seed=3)
    other = minibatch.train_sgd(fresh(), X_train, y_train, lr=1.0, epochs=6, batch_size=10,
                                seed=4)
    assert run.steps == 30 and run.batch_losses.shape == (30,) and run.losses.shape == (31,)
    assert run.test_losses.shape == (31,)
    np.testing.assert_array_equal(run.losses, again.losses)
    assert not np.array_equal(run.losses, other.losses)
    assert run.losses[-1] < 0.6 * run.losses[0]
    assert run.message.endswith("in 6 epochs (30 steps)")


def test_minibatch_divergence_is_the_one_rule():
    X_train, y_train, _, _ = SPLIT
    run = minibatch.train_sgd(fresh(), X_train, y_train, lr=1e6, epochs=5, batch_size=5)
    assert run.diverged and run.diverged_at == descent.diverged_at(
        [*run.losses, np.inf] if run.stopped_early else run.losses)
    assert f"diverged at step {run.diverged_at}" in run.message


@pytest.mark.parametrize("kwargs, error, words", [
    ({"batch_size": 0}, ValueError, "batch_size should be at least 1"),
    ({"batch_size": 46}, ValueError, r"batch_size should be at most the number of examples \(45\)"),
    ({"batch_size": 2.5}, TypeError, "batch_size should be a whole number"),
    ({"epochs": 0}, ValueError, "epochs should be at least 1"),
    ({"epochs": 10_000, "batch_size": 1}, ValueError, "10000 epochs of 45 batches"),
    ({"lr": -1.0}, ValueError, "lr should be a positive number"),
    ({"seed": -1}, ValueError, "seed should be at least 0"),
    ({"test": "X_test"}, TypeError, "test should be a pair"),
    ({"test": (np.zeros((4, 3)), np.zeros(4))}, ValueError, r"X_test should have shape \(n, 2\)"),
    ({"test": (np.zeros((4, 2)), np.full(4, 2.0))}, ValueError, "y_test should contain only"),
])
def test_bad_minibatch_arguments_are_explained(kwargs, error, words):
    X_train, y_train, _, _ = SPLIT
    arguments = {"lr": 0.1, "epochs": 2, "batch_size": 5, **kwargs}
    with pytest.raises(error, match=words):
        minibatch.train_sgd(fresh(), X_train, y_train, **arguments)


def test_sgd_grid_trains_every_pair_from_the_same_start():
    X_train, y_train, _, _ = SPLIT
    runs = minibatch.sgd_grid(fresh(), X_train, y_train, batch_sizes=(45, 5), lrs=(1.0, 0.5),
                              epochs=3)
    assert sorted(runs) == [(5, 0.5), (5, 1.0), (45, 0.5), (45, 1.0)]
    alone = minibatch.train_sgd(fresh(), X_train, y_train, lr=0.5, epochs=3, batch_size=5)
    np.testing.assert_array_equal(runs[5, 0.5].losses, alone.losses)
    assert len({run.losses[0] for run in runs.values()}) == 1


def test_the_largest_lowering_lr_skips_runs_that_ended_higher():
    X_train, y_train, _, _ = SPLIT
    runs = minibatch.sgd_grid(fresh(), X_train, y_train, batch_sizes=(5,), lrs=(0.5, 1e4),
                              epochs=2)
    assert runs[5, 1e4].losses[-1] >= runs[5, 1e4].losses[0]
    assert minibatch.largest_lowering_lr(runs, 5) == 0.5
    assert minibatch.largest_lowering_lr(runs, 7) is None


@pytest.mark.parametrize("kwargs, error, words", [
    ({"batch_sizes": "10"}, TypeError, "batch_sizes should be a non-empty list"),
    ({"batch_sizes": ()}, TypeError, "batch_sizes should be a non-empty list"),
    ({"batch_sizes": (0,)}, ValueError, "batch_sizes should be at least 1"),
    ({"lrs": (0.1, -1.0)}, ValueError, "lrs should be a positive number"),
    ({"lrs": list(np.linspace(0.1, 1, 30)), "batch_sizes": (1, 2, 3, 4)}, ValueError,
     "4 batch sizes × 30 learning rates is 120 runs"),
])
def test_sgd_grid_explains_bad_lists(kwargs, error, words):
    X_train, y_train, _, _ = SPLIT
    arguments = {"batch_sizes": (5,), "lrs": (0.1,), "epochs": 1, **kwargs}
    with pytest.raises(error, match=words):
        minibatch.sgd_grid(fresh(), X_train, y_train, **arguments)
