"""Shared by the figure tests: how a refused input is checked, where a slider's values lie, the
course's explorers built once, and a figure's scene drawn anew at given slider values.

They are session fixtures (functions handed to the tests), so the hypothesis tests can use them.
"""

import re
from unittest import mock

import numpy as np
import pytest
from hypothesis import strategies as st
from pictures import pixels

from helpers.figures import catalogue, live, style


def _no_figure(*args, **kwargs):
    raise AssertionError("a figure was built before the input was checked")


@pytest.fixture(scope="session")
def refused():
    """refused(call, kind, opening, forbid="new_figure") -> the message.

    call() must raise exactly `kind`, with a message that opens with `opening` (at least the
    argument's name: "lr should be ..."), while style.<forbid> raises if called: the input is
    checked before any figure is built. The notebook modules call it as style.new_figure.
    """

    def check(call, kind, opening, forbid="new_figure"):
        with mock.patch.object(style, forbid, side_effect=_no_figure), \
                pytest.raises(kind) as caught:
            call()
        message = str(caught.value)
        assert type(caught.value) is kind, message
        assert re.match(re.escape(opening) + r"(?!\w)", message), message
        return message

    return check


@pytest.fixture(scope="session")
def on_slider():
    """on_slider(draw, low, high, scale): a value on a slider ("linear", "int" or "log")."""

    def value(draw, low, high, scale):
        if scale == "int":
            return draw(st.integers(low, high))
        if scale == "log":  # across the decades, not crowded at the top
            exponent = draw(st.floats(np.log10(low), np.log10(high)))
            return float(np.clip(10.0**exponent, low, high))
        return draw(st.floats(low, high))

    return value


@pytest.fixture(scope="session")
def off_slider():
    """off_slider(draw, low, high, scale): a value below or above a slider, near or far."""

    def value(draw, low, high, scale):
        if scale == "int":
            return draw(st.one_of(st.integers(max_value=low - 1),
                                  st.integers(min_value=high + 1)))
        if scale == "log":
            factor = 10.0 ** draw(st.floats(0.01, 6))
            return draw(st.sampled_from([low / factor, high * factor, 0.0, -low]))
        gap = draw(st.floats(1e-6, 1e6))
        return draw(st.sampled_from([low - gap, high + gap]))

    return value


@pytest.fixture(scope="session")
def course_explorer():
    """course_explorer(name): the catalogue's explorer `name` ("05 bowl η"), built once per
    test session (an explorer of one slider draws all its frames when built), its sliders put
    back where they started."""
    built = {}

    def get(name):
        if name not in built:
            explorer = catalogue.explorers()[name]()
            built[name] = explorer, explorer.values()
        explorer, starts = built[name]
        for key, value in starts.items():
            explorer.controls[key].value = value
        return explorer

    return get


@pytest.fixture(scope="session")
def scene_at():
    """scene_at(explorer, **values) -> (figure, moving artists, caption): the explorer's scene
    drawn anew, laid out as the explorer lays it out, and moved to these slider values (the
    others where they are now)."""

    def draw(explorer, **values):
        fig, moving, update = explorer.scene()
        live._LiveFigure(fig, moving)
        caption = update(**{**explorer.values(), **values})
        return fig, moving, caption

    return draw


@pytest.fixture(scope="session")
def drawn_anew():
    """drawn_anew(explorer, **values) -> (pixels, caption): the picture a fresh scene gives at
    these values (the others where they are now), in every colour: laid out first, as an
    explorer lays out its figure, then moved, then rendered; decoded."""

    def draw(explorer, **values):
        fig, moving, update = explorer.scene()
        figure = live._LiveFigure(fig, moving)
        caption = update(**{**explorer.values(), **values})
        return pixels(figure.render(exact=True)), caption

    return draw
