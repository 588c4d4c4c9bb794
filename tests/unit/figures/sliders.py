"""The two tests every explorer's sliders get, written once for the figure test modules.

Not a test module: a figure test module imports it (`from sliders import slider_tests`; pytest
puts the test file's folder on sys.path, as tests/ has no __init__.py files) and takes its tests:

    (test_a_start_on_the_slider_builds_and_shows_that_value,
     test_a_start_off_the_slider_is_refused_naming_the_argument) = slider_tests(SLIDER_CASES, 6, 10)

SLIDER_CASES holds each explorer's starting value and its slider: name -> (build with value v,
argument, control, low, high, scale). Inside the range it builds and shows that very value;
outside, it is refused. The fixtures on_slider, off_slider and refused are in conftest.py.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


def slider_tests(cases, on_examples, off_examples):
    """(the test of starts on the slider, the test of starts off it), each over `cases`."""

    @settings(max_examples=on_examples, deadline=None)
    @given(case=st.sampled_from(sorted(cases)), data_=st.data())
    def test_a_start_on_the_slider_builds_and_shows_that_value(case, data_, on_slider):
        build, _, control, low, high, scale = cases[case]
        value = on_slider(data_.draw, low, high, scale)
        explorer = build(value)
        assert explorer.controls[control].value == pytest.approx(value, rel=1e-9, abs=1e-12)
        assert explorer.snapshot().png.startswith(b"\x89PNG")

    @settings(max_examples=off_examples, deadline=None)
    @given(case=st.sampled_from(sorted(cases)), data_=st.data())
    def test_a_start_off_the_slider_is_refused_naming_the_argument(case, data_, off_slider,
                                                                    refused):
        build, argument, _, low, high, scale = cases[case]
        value = off_slider(data_.draw, low, high, scale)
        message = refused(lambda: build(value), ValueError, argument)
        assert "the slider's range" in message

    return (test_a_start_on_the_slider_builds_and_shows_that_value,
            test_a_start_off_the_slider_is_refused_naming_the_argument)
