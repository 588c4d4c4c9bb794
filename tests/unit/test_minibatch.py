"""Mini-batch training and the grid over batch sizes and rates (helpers/minibatch.py, 04)."""

import numpy as np
import pytest

from helpers import data, descent, minibatch, network, training

SPLIT = data.train_test_split(*data.two_moons(n=60, noise=0.2), test_fraction=0.25, seed=1)
X_TRAIN, Y_TRAIN, X_TEST, Y_TEST = SPLIT  # 45 training points


def fresh():
    return network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)


def test_one_batch_of_everything_is_full_batch_descent():
    full = training.train(fresh(), X_TRAIN, Y_TRAIN, lr=0.5, steps=25)
    one_batch = minibatch.train_sgd(fresh(), X_TRAIN, Y_TRAIN, lr=0.5, epochs=25,
                                    batch_size=len(Y_TRAIN))
    np.testing.assert_allclose(one_batch.losses, full.losses, rtol=1e-12)
    np.testing.assert_allclose(one_batch.batch_losses, full.losses[:-1], rtol=1e-12)


def test_minibatches_take_one_step_per_batch_repeatably():
    run = minibatch.train_sgd(fresh(), X_TRAIN, Y_TRAIN, lr=1.0, epochs=6, batch_size=10,
                              seed=3, test=(X_TEST, Y_TEST))
    again = minibatch.train_sgd(fresh(), X_TRAIN, Y_TRAIN, lr=1.0, epochs=6, batch_size=10, seed=3)
    other = minibatch.train_sgd(fresh(), X_TRAIN, Y_TRAIN, lr=1.0, epochs=6, batch_size=10, seed=4)
    # batches of 10, 10, 10, 10 and 5: five steps an epoch
    assert run.steps == 30 and run.batch_losses.shape == (30,) and run.losses.shape == (31,)
    assert run.test_losses.shape == run.test_accuracies.shape == (31,)
    np.testing.assert_array_equal(run.losses, again.losses)
    assert not np.array_equal(run.losses, other.losses)
    assert run.losses[-1] < 0.6 * run.losses[0]
    assert run.message.endswith("in 6 epochs (30 steps)")
    assert isinstance(run, training.TrainingResult) and isinstance(run, minibatch.MinibatchResult)


def test_minibatch_divergence_is_the_one_rule():
    run = minibatch.train_sgd(fresh(), X_TRAIN, Y_TRAIN, lr=1e6, epochs=5, batch_size=5)
    assert run.diverged and run.diverged_at == descent.diverged_at(
        [*run.losses, np.inf] if run.stopped_early else run.losses)
    assert f"diverged at step {run.diverged_at}" in run.message


def test_the_grid_trains_every_pair_from_the_same_start():
    runs = minibatch.sgd_grid(fresh(), X_TRAIN, Y_TRAIN, batch_sizes=(45, 5, 5), lrs=(1.0, 0.5),
                              epochs=3)
    assert sorted(runs) == [(5, 0.5), (5, 1.0), (45, 0.5), (45, 1.0)]
    alone = minibatch.train_sgd(fresh(), X_TRAIN, Y_TRAIN, lr=0.5, epochs=3, batch_size=5)
    np.testing.assert_array_equal(runs[5, 0.5].losses, alone.losses)
    assert len({run.losses[0] for run in runs.values()}) == 1


def test_the_largest_lowering_lr_skips_runs_that_ended_higher():
    runs = minibatch.sgd_grid(fresh(), X_TRAIN, Y_TRAIN, batch_sizes=(5,), lrs=(0.5, 1e4),
                              epochs=2)
    assert runs[5, 1e4].losses[-1] >= runs[5, 1e4].losses[0]
    assert minibatch.largest_lowering_lr(runs, 5) == 0.5


RUNS = minibatch.sgd_grid(fresh(), X_TRAIN, Y_TRAIN, batch_sizes=(5,), lrs=(0.1,), epochs=1)


@pytest.mark.parametrize("call, words", [
    (lambda: minibatch.train_sgd(fresh(), X_TRAIN, Y_TRAIN, 0.1, 2, batch_size=46),
     "batch_size should be at most 45, got 46: X has 45 examples"),
    (lambda: minibatch.train_sgd(fresh(), X_TRAIN, Y_TRAIN, 0.1, 10_000, batch_size=1),
     "epochs × batches should be at most"),
    (lambda: minibatch.train_sgd(fresh(), X_TRAIN, Y_TRAIN, 0.1, 2, 5, test=(X_TEST, Y_TEST + 2)),
     "y_test should contain only 0 and 1"),
    (lambda: minibatch.sgd_grid(fresh(), X_TRAIN, Y_TRAIN, "10", (0.1,), 1),
     "batch_sizes should be an array of numbers"),
    (lambda: minibatch.sgd_grid(fresh(), X_TRAIN, Y_TRAIN, (5,), list(np.linspace(0.1, 1, 101)),
                                1), "batch sizes × rates should be at most 100"),
    (lambda: minibatch.largest_lowering_lr("grid", 5), "runs should be what sgd_grid returns"),
    (lambda: minibatch.largest_lowering_lr(RUNS, 7), r"batch_size should be one of the batch "
     r"sizes of the runs, \[5\], got 7"),
], ids=["train_sgd", "train_sgd steps", "train_sgd test", "sgd_grid", "sgd_grid runs",
        "largest_lowering_lr", "largest_lowering_lr size"])
def test_each_door_names_the_argument(call, words):
    with pytest.raises((ValueError, TypeError), match=f"^{words}"):
        call()
