"""The 8×8 handwritten digits, read from the file beside this module, and the three sets
(training, validation, test) notebook 06 trains, chooses and reports on.

The data: 1,797 images of handwritten digits, 0 to 9, each 8 × 8 pixels; a pixel is a whole
number from 0 (no ink) to 16, how many of the 16 pixels of a 4 × 4 block of the original
32 × 32 scan were inked. It is the test part of the UCI "Optical Recognition of Handwritten
Digits" data set, as scikit-learn ships it: forms filled in by 13 people (43 wrote for the whole
UCI set, 30 of them for its training part), so a random split of these images puts the same
people's handwriting in every set.

- The file ``digits.csv.gz`` is scikit-learn's ``sklearn/datasets/data/digits.csv.gz``, copied
  unchanged from the scikit-learn 1.9.1 wheel on PyPI (SHA-256 below): one row per image, 64
  pixels row by row, then the digit. It is 57 kB, so the course ships it rather than depend on
  scikit-learn (a 9 MB wheel, with SciPy) for one small file.
- Source: E. Alpaydin and C. Kaynak (1998), Optical Recognition of Handwritten Digits, UCI
  Machine Learning Repository, https://doi.org/10.24432/C50P49.
- Licence: Creative Commons Attribution 4.0 International (CC BY 4.0), as the UCI Machine
  Learning Repository publishes it. Share and adapt it with that credit.

Nothing is downloaded: the file is read where it lies, in a few milliseconds.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

from . import _validate, data, multiclass

FILE = Path(__file__).with_name("digits.csv.gz")
# The file as it is in the scikit-learn 1.9.1 wheel: a changed byte changes this.
SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"
SIDE = 8  # an image is SIDE × SIDE pixels
CLASSES = 10  # the digits 0 to 9
INK = 16  # the largest pixel value: a block fully inked


def load() -> tuple[np.ndarray, np.ndarray]:
    """All 1,797 digits: X (1797, 64), each row an image's 64 pixels (0 to 16) row by row, and
    y (1797,), the digit it shows (whole numbers 0 to 9), in the file's order. Notebook 06.

    ``X[i].reshape(8, 8)`` is the picture of image i."""
    with gzip.open(FILE, "rt", encoding="ascii") as file:
        table = np.loadtxt(file, delimiter=",", dtype=np.int64)
    return table[:, :-1].astype(float), table[:, -1]


@_validate.arguments(X=_validate.examples, y=(multiclass._labels_for, "X"),
                     validation_fraction=_validate.fraction)
def split(X: np.ndarray, y: np.ndarray, validation_fraction: float = 0.2,
          test_fraction: float = 0.2, seed: int = 0
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Three sets from one seeded shuffle, by data.train_test_split twice: first a test set of
    round(test_fraction · n) examples is held back, then from the rest a validation set of
    round(validation_fraction · n). The training set moves the weights, the validation set
    chooses (a learning rate, when to stop), the test set reports once, at the end.
    Notebook 06.

    X: (n, inputs); y: (n,) class labels. Returns X_train, y_train, X_val, y_val, X_test,
    y_test (copies, in shuffled order), the labels as whole numbers again.
    """
    n = len(X)
    X_rest, y_rest, X_test, y_test = data.train_test_split(X, y, test_fraction, seed)
    share = round(validation_fraction * n) / len(X_rest)
    if not 0 < share < 1:
        raise ValueError(f"validation_fraction = {validation_fraction:g} of {n} examples leaves "
                         f"{len(X_rest) - round(validation_fraction * n)} for training; it "
                         "needs at least one on each side")
    X_train, y_train, X_val, y_val = data.train_test_split(X_rest, y_rest, share, seed + 1)
    return (X_train, y_train.astype(int), X_val, y_val.astype(int), X_test,
            y_test.astype(int))
