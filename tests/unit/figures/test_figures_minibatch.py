"""Notebook 04's figures of mini-batch training: minibatch_vs_full, batch_lr_explorer."""

import numpy as np
import pytest

from helpers import data, minibatch, network, training
from helpers.figures import minibatch as figures

TRAIN, TEST = data.two_moons(n=20), data.two_moons(n=20, seed=5)
TESTED = training.train(network.Network.random((2, 3, 1)), *TRAIN, lr=1.0, steps=30,
                        test=TEST)
BATCHED = minibatch.train_sgd(network.Network.random((2, 3, 1)), *TRAIN, lr=1.0, epochs=30,
                              batch_size=5, test=TEST)



def test_minibatch_vs_full_counts_the_steps_of_each():
    caption = figures.minibatch_vs_full(TESTED, BATCHED).caption
    assert caption.startswith("In 30 epochs full-batch descent took 30 steps")
    assert "batches of 5 took 120 steps" in caption
    recent = BATCHED.batch_losses[-40:]
    assert f"jumped between {recent.min():.3f} and {recent.max():.3f} over the last 10" in caption


def test_the_batch_and_lr_explorer_gives_the_run_and_the_ladder():
    explorer = figures.batch_lr_explorer(network.Network.random((2, 3, 1)), *TRAIN,
                                         batch_sizes=(2, 20), lrs=(0.5, 1e4), epochs=2,
                                         batch_size=20, lr=0.5)
    runs = minibatch.sgd_grid(network.Network.random((2, 3, 1)), *TRAIN, (2, 20), (0.5, 1e4), 2)
    start, end = runs[20, 0.5].losses[[0, -1]]
    assert explorer.snapshot().caption == (
        f"Batches of 20 at η = 0.5, 2 steps in 2 epochs: the loss on all training points went "
        f"from {start:.3f} to {end:.3f}. The largest η here that lowers the loss is 0.5 with "
        "batches of 2 and 0.5 with batches of 20.")
    explorer.controls["batch"].value = 2
    explorer.controls["lr"].value = 1e3  # between the two rates, nearer 1e4 on a log scale
    assert explorer.caption.startswith(
        "Batches of 2 at η = 1e+04, 20 steps in 2 epochs: diverged at step 1")


# --- Bad input is answered with a sentence, before any figure is built ----------------------


def _batch_lr(batch_sizes, lrs, batch_size, lr):
    """A call of batch_lr_explorer on a fresh network, for one epoch of these settings."""
    return lambda: figures.batch_lr_explorer(network.Network.random((2, 3, 1)), *TRAIN,
                                             batch_sizes=batch_sizes, lrs=lrs, epochs=1,
                                             batch_size=batch_size, lr=lr)


# (call, exception type, how the message opens: at least the argument's name)
BAD_INPUTS = {
    "minibatch_vs_full a full-batch run as minibatch": (
        lambda: figures.minibatch_vs_full(TESTED, TESTED), ValueError, "minibatch"),
    "minibatch_vs_full epochs differ": (
        lambda: figures.minibatch_vs_full(
            training.train(network.Network.random((2, 3, 1)), *TRAIN, 1.0, 5, test=TEST),
            BATCHED), ValueError, "full"),
    "batch_lr net a string": (
        lambda: figures.batch_lr_explorer("net", *TRAIN), TypeError, "net"),
    "batch_lr batch_size not in the list": (
        _batch_lr((5,), (0.5,), batch_size=7, lr=0.5), ValueError, "batch_size"),
    "batch_lr lr not in the list": (
        _batch_lr((5,), (0.5, 1.0), batch_size=5, lr=3.0), ValueError, "lr"),
    "batch_lr one learning rate": (
        _batch_lr((5,), (0.5,), batch_size=5, lr=0.5), ValueError, "lrs"),
    "batch_lr batch_size an array": (
        _batch_lr((5,), (0.5, 1.0), batch_size=np.zeros((0, 2)), lr=0.5), TypeError,
        "batch_size"),
    "batch_lr lr a string": (
        _batch_lr((5,), (0.5, 1.0), batch_size=5, lr="fast"), TypeError, "lr"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_named_before_any_figure(case, refused):
    refused(*BAD_INPUTS[case])
