"""Curves to walk down (notebook 04): slopes that are their derivatives, input that is checked."""

import warnings

import numpy as np
import pytest

from helpers import curves, descent


@pytest.mark.parametrize("f, slope", [
    (curves.parabola, curves.parabola_slope),
    (curves.two_valleys, curves.two_valleys_slope),
    (curves.wavy, curves.wavy_slope),
])
def test_curve_slopes_are_their_derivatives(f, slope):
    for x in np.linspace(-2, 2, 9):
        assert descent.numerical_slope(f, x) == pytest.approx(slope(x), abs=1e-7)


CURVES = [curves.parabola, curves.parabola_slope, curves.two_valleys,
          curves.two_valleys_slope, curves.wavy, curves.wavy_slope]


@pytest.mark.parametrize("curve", CURVES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("w, error", [
    ("abc", TypeError), (None, TypeError), (1 + 2j, TypeError), (np.array([1 + 1j]), TypeError),
    (object(), TypeError), (True, TypeError), (float("nan"), ValueError),
    (float("inf"), ValueError), (np.array([0.0, -np.inf]), ValueError), (10**400, ValueError),
    (["1", "2"], TypeError), ([[1.0], [2.0, 3.0]], TypeError),
], ids=repr)
def test_curves_refuse_anything_but_finite_numbers(curve, w, error):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(error, match="^w "):
            curve(w)


@pytest.mark.parametrize("curve", CURVES[:5], ids=lambda f: f.__name__)
@pytest.mark.parametrize("w", [1e308, -1e308, np.array([0.0, 1e308])], ids=repr)
def test_curve_values_beyond_a_float_are_explained_not_returned_as_inf(curve, w):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="w is too far from 0"):
            curve(w)


@pytest.mark.parametrize("curve", CURVES, ids=lambda f: f.__name__)
def test_curves_give_the_same_numbers_on_numbers_lists_and_arrays(curve):
    w = np.linspace(-2, 2, 9)
    values = curve(w)
    assert [curve(float(v)) for v in w] == pytest.approx(values, abs=0, rel=0)
    np.testing.assert_array_equal(curve(list(w)), values)
    assert curve(2) == curve(2.0)
