"""The sliders of every live figure and the checks on their ranges and starting values
(helpers/figures/controls.py)."""

import math

import ipywidgets as widgets
import numpy as np
import pytest

from helpers import network
from helpers.figures import controls
from helpers.figures.controls import _choice, _int_slider, _log_slider, _slider


def test_a_slider_moves_in_steps_from_its_low_end_and_reads_as_typed():
    control = _slider("w", 0.0, -3, 3, 0.1)
    assert len(control.values) == 61 and control.values[0] == -3 and control.values[-1] == 3
    assert 0.7 in control.values and 0.30000000000000004 not in control.values
    widget = control.widget()
    assert isinstance(widget, widgets.FloatSlider)
    assert (widget.min, widget.max, widget.step, widget.value) == (-3, 3, 0.1, 0.0)
    assert widget.description == "w" and widget.readout_format == ".2f"


def test_a_log_slider_moves_in_equal_ratios_between_its_ends():
    control = _log_slider("learning rate η", 0.1, 1e-3, 10)
    assert len(control.values) == 81 and control.values[-1] == 10
    assert np.allclose(np.diff(np.log10(control.values)), 0.05)
    widget = control.widget()
    assert isinstance(widget, widgets.FloatLogSlider)
    assert math.isclose(widget.min, -3) and math.isclose(widget.max, 1)
    assert widget.value == pytest.approx(0.1)


def test_a_start_between_two_steps_is_a_position_of_its_own():
    assert 0.3 in _log_slider("η", 0.3, 1e-3, 100).values
    assert _int_slider("step", 5, 0, 20, step=10).values == (0, 5, 10, 20)


def test_whole_number_and_choice_sliders_keep_their_values():
    assert _int_slider("n", 2, 0, 5).values == (0, 1, 2, 3, 4, 5)
    batch = _choice("batch size", 10, (1, 10, 140))
    widget = batch.widget()
    assert isinstance(widget, widgets.SelectionSlider) and widget.value == 10
    assert [label for label, _ in widget.options] == ["1", "10", "140"]


# (call, exception type, how the message opens: at least the argument's name)
BAD_SLIDERS = {
    "slider value off range": (lambda: _slider("s", 5, 0, 1, 0.1), ValueError, "value"),
    "slider readout_format unknown": (
        lambda: _slider("s", 0.5, 0, 1, 0.1, "%%"), ValueError, "readout_format"),
    "slider step 0": (lambda: _slider("s", 0.5, 0, 1, 0), ValueError, "step"),
    "slider step wider than the range": (lambda: _slider("s", 0.5, 0, 1, 2), ValueError, "step"),
    "slider too many positions": (lambda: _slider("s", 0.5, 0, 1, 1e-9), ValueError, "step"),
    "slider low above high": (lambda: _slider("s", 0.5, 1, 0, 0.1), ValueError, "(low, high)"),
    "int_slider value a float": (lambda: _int_slider("n", 0.5, 0, 3), TypeError, "value"),
    "int_slider value off range": (lambda: _int_slider("n", 4, 0, 3), ValueError, "value"),
    "log_slider low not positive": (
        lambda: _log_slider("η", 0.1, -1, 10), ValueError, "(low, high)"),
    "log_slider value off range": (lambda: _log_slider("η", 100, 1e-3, 10), ValueError, "value"),
    "log_slider description a number": (
        lambda: _log_slider(3, 0.1, 1e-3, 10), TypeError, "description"),
    "choice value not among the options": (
        lambda: _choice("batch size", 7, (1, 10)), ValueError, "value"),
}


@pytest.mark.parametrize("case", sorted(BAD_SLIDERS))
def test_a_bad_slider_argument_is_named(case, refused):
    refused(*BAD_SLIDERS[case])


XS = np.linspace(-1.0, 1.0, 5)

# (call, exception type, how the message opens)
BAD_FOR_THE_SHARED_CHECKS = {
    "_range beyond what a figure draws": (
        lambda: controls._range((0, 1e308), "x_range"), ValueError,
        "x_range should lie between -1e+06 and 1e+06"),
    "_range log beyond what a figure draws": (
        lambda: controls._range((1e-320, 1e-319), "lr_range", log=True), ValueError,
        "lr_range should lie between 1e-12 and 1e+12"),
    "_range too many slider steps": (
        lambda: controls._range((-1e5, 1e5), "x_range", step=0.05), ValueError,
        "x_range is too wide for a slider in steps of 0.05"),
    "_moderate a huge number": (
        lambda: controls._moderate([1.0, 1e308], "slopes"), ValueError,
        "slopes should lie between -1e+06 and 1e+06"),
    "_range log from zero": (
        lambda: controls._range((0, 10), "lr_range", log=True), ValueError,
        "lr_range is a logarithmic slider's range, so both ends should be positive"),
    "_within a whole number off range": (
        lambda: controls._within(10**6, "step", 0, 1000), ValueError,
        "step should be between 0 and 1000 (the slider's range), got 1000000"),
    "_whole a bool": (lambda: controls._whole(True, "step"), TypeError, "step"),
    "_text bytes": (lambda: controls._text(b"lr", "description"), TypeError, "description"),
    "_curve of a scalar-only function": (
        lambda: controls._curve(math.exp, XS, "f", "x_range"), TypeError,
        "f should take a numpy array of values"),
    "_curve with complex values": (
        lambda: controls._curve(lambda x: x + 1j, XS, "f", "x_range"), ValueError,
        "f should return one real number per input value"),
    "_curve infinite inside the range": (
        lambda: controls._curve(lambda x: 1 / x, XS, "f_slope", "x_range"), ValueError,
        "f_slope gives NaN or infinity between -1 and 1 (x_range)"),
    "_curve refused by the function there": (
        lambda: controls._curve(lambda x: np.sqrt(x) if np.all(x >= 0) else
                                (_ for _ in ()).throw(ValueError("w < 0")), XS, "f", "w_range"),
        ValueError, "w_range (-1, 1) is where f is drawn"),
    "_network a list": (lambda: controls._network([2, 3, 1]), TypeError, "net"),
}


@pytest.mark.parametrize("case", sorted(BAD_FOR_THE_SHARED_CHECKS))
def test_the_shared_checks_name_what_is_wrong(case, refused):
    refused(*BAD_FOR_THE_SHARED_CHECKS[case])


def test_a_slider_s_ends_are_on_the_slider():
    assert controls._within(10, "lr", 1e-3, 10) == 10.0
    assert controls._within(1e-3, "lr", 1e-3, 10) == 1e-3
    assert controls._network(network.xor_network()).sizes == (2, 2, 1)


def test_a_slider_s_spoken_name_spells_out_its_symbols():
    assert controls._spoken(controls.LR_LABEL) == "learning rate eta"
    assert controls._spoken("momentum β") == "momentum beta"
    assert controls._spoken("neuron 1: w₂") == "neuron 1: w2"
    assert controls._spoken("Δw, per ∇J") == "Delta w, per nabla J"
    assert controls._spoken("batch size") == "batch size"


def test_every_course_slider_has_a_spoken_name_of_plain_letters(course_explorer):
    from helpers.figures import catalogue

    for name in catalogue.explorers():
        for control in course_explorer(name).controls.values():
            spoken = controls._spoken(control.description)
            assert spoken.isascii() and spoken.strip() == spoken and "  " not in spoken, spoken
