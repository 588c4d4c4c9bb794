"""Curves to walk down (helpers/curves.py, notebook 04)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import curves, descent

PAIRS = [(curves.parabola, curves.parabola_slope), (curves.two_valleys, curves.two_valleys_slope),
         (curves.wavy, curves.wavy_slope)]
CURVES = [f for pair in PAIRS for f in pair]


@pytest.mark.parametrize("f, slope", PAIRS, ids=lambda f: f.__name__)
def test_each_slope_is_its_curve_s_derivative(f, slope):
    for x in np.linspace(-2, 2, 9):
        assert descent.numerical_slope(f, x) == pytest.approx(slope(x), abs=1e-7)


@settings(max_examples=30, deadline=None)
@given(w=st.floats(-1e50, 1e50))
def test_any_bounded_w_gives_a_finite_value_without_a_warning(w):
    # filterwarnings = error (pyproject) makes numpy's overflow warning a failure.
    for curve in CURVES:
        assert np.isfinite(curve(w))


@pytest.mark.parametrize("curve", CURVES, ids=lambda f: f.__name__)
def test_each_curve_names_w(curve):
    with pytest.raises(ValueError, match="^w holds a number too large"):
        curve(np.array([0.0, 1e51]))
