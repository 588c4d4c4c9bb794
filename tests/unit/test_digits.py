"""The handwritten digits and their three sets (helpers/digits.py, notebook 06)."""

import hashlib

import numpy as np
import pytest

from helpers import digits


def test_the_file_is_the_one_scikit_learn_ships():
    assert hashlib.sha256(digits.FILE.read_bytes()).hexdigest() == digits.SHA256


def test_the_digits_load_as_images_and_labels():
    X, y = digits.load()
    assert X.shape == (1797, digits.SIDE**2) and y.shape == (1797,)
    assert X.dtype == float and y.dtype.kind == "i"
    assert X.min() == 0 and X.max() == digits.INK and np.all(X == np.round(X))
    assert np.array_equal(np.unique(y), np.arange(digits.CLASSES))
    # every digit between 174 and 183 times: nearly balanced
    assert np.bincount(y).min() >= 174 and np.bincount(y).max() <= 183


def test_the_first_image_is_a_zero_with_a_hole_in_the_middle():
    X, y = digits.load()
    zero = X[0].reshape(digits.SIDE, digits.SIDE)
    assert y[0] == 0 and zero[3:5, 3:5].max() < 4 < zero[2:6, 1].max()


def test_the_three_sets_share_nothing_and_cover_everything():
    X, y = digits.load()
    X_train, y_train, X_val, y_val, X_test, y_test = digits.split(X, y, 0.2, 0.2, seed=3)
    assert (len(y_train), len(y_val), len(y_test)) == (1079, 359, 359)
    rows = [tuple(row) for row in np.vstack([X_train, X_val, X_test])]
    labels = np.concatenate([y_train, y_val, y_test])
    assert sorted(zip(rows, labels, strict=True)) == sorted(
        zip(map(tuple, X), y, strict=True))
    for labels_ in (y_train, y_val, y_test):
        assert labels_.dtype.kind == "i"


def test_the_split_is_seeded():
    X, y = digits.load()
    first, again, other = (digits.split(X, y, seed=seed) for seed in (0, 0, 1))
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert not np.array_equal(first[1], other[1])


@pytest.mark.parametrize("call, words", [
    (lambda X, y: digits.split(X, y + 0.5), "y should hold class labels"),
    (lambda X, y: digits.split(X, y[:-1]), r"y should have one label per example \(1797\)"),
    (lambda X, y: digits.split(X, y, validation_fraction=0.9),
     "validation_fraction = 0.9 of 1797 examples leaves"),
    (lambda X, y: digits.split(X, y, test_fraction=1.5), "test_fraction should be"),
], ids=["labels", "length", "nothing left", "test fraction"])
def test_bad_input_is_named(call, words):
    X, y = digits.load()
    with pytest.raises((ValueError, TypeError), match=f"^{words}"):
        call(X, y)
