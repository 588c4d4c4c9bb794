"""Pictures compared as a person sees them, for the figure tests (not a test module: imported
as `from pictures import pixels, looks_the_same`, the test file's folder being on sys.path)."""

import io

import numpy as np
from PIL import Image


def pixels(png: bytes) -> np.ndarray:
    """A PNG as a (height, width, 3) int array of what a person sees."""
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


def looks_the_same(a: np.ndarray, b: np.ndarray) -> bool:
    """Two pictures a person cannot tell apart: the same size, and at most 0.1 % of the pixels
    more than 16 levels off (as tools/regenerate.py compares pictures)."""
    return a.shape == b.shape and (np.abs(a - b).max(axis=2) > 16).mean() <= 0.001
