"""Structural tests of the interactive figures: no timing here (see benchmarks/)."""

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import data, descent, interactive, losses, network, perceptron, training


def clouds():
    return data.two_clouds(n=40, seed=4)


def explorers():
    X, y = clouds()
    history = perceptron.learn(X, y, lr=0.1)
    x, t = data.noisy_line(n=20)
    moons = data.two_moons(n=60)
    run = training.train(network.Network.random((2, 4, 1)), *moons, lr=1.0, steps=100,
                         snapshot_every=20, resolution=20)
    return {
        "tangent": lambda: interactive.tangent_explorer(descent.wavy, descent.wavy_slope),
        "descent_1d": lambda: interactive.descent_1d_explorer(
            descent.two_valleys, descent.two_valleys_slope, 0.05, 30, 0.5, start_range=(-2, 2)),
        "training": lambda: interactive.training_explorer(run, *moons, step=0),
        "quadratic_lr": lambda: interactive.quadratic_lr_explorer(),
        "bowl_lr": lambda: interactive.bowl_explorer(),
        "bowl_momentum": lambda: interactive.bowl_explorer(vary="momentum"),
        "network_lr": lambda: interactive.network_lr_explorer(
            network.Network.random((2, 8, 1)), *moons, steps=50),
        "hidden_units": lambda: interactive.hidden_units_explorer(network.xor_network(),
                                                                  *data.xor_gate()),
        "line_fit": lambda: interactive.line_fit_explorer(x, t),
        "decision_line": lambda: interactive.decision_line_explorer(X, y, w=(0.5, 1.0), b=0.5),
        "perceptron_rule": lambda: interactive.perceptron_rule_explorer(X, y, history),
    }


EXPLORERS = explorers()


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_moving_a_slider_redraws_in_place(name):
    explorer = EXPLORERS[name]()
    figures_before = plt.get_fignums()
    figure, image = explorer.live.fig, explorer.image
    first = image.value
    for control in explorer.controls.values():
        control.value = control.max
    assert image.value != first, "the picture did not change when the sliders moved"
    assert explorer.live.fig is figure, "an update must not build a new figure"
    assert plt.get_fignums() == figures_before, "an update must not open pyplot figures"
    assert image.layout.width == f"{explorer.live.size[0]}px"


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_snapshot_is_the_starting_picture(name):
    explorer = EXPLORERS[name]()
    start = explorer.image.value
    next(iter(explorer.controls.values())).value = next(iter(explorer.controls.values())).max
    assert explorer.snapshot().data == start
    assert bytes(start).startswith(b"\x89PNG")


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_slider_position_draws_without_warnings(name):
    explorer = EXPLORERS[name]()
    for control in explorer.controls.values():
        for value in np.linspace(control.min, control.max, 13):
            control.value = type(control.value)(value)


def test_decision_line_title_counts_the_misclassified_points():
    X, y = clouds()
    explorer = interactive.decision_line_explorer(X, y, w=(0.5, 1.0), b=0.5)
    expected = perceptron.count_misclassified(X, y, np.array([0.5, 1.0]), 0.5)
    assert explorer.live.moving[-1].get_text() == f"{expected} points misclassified"
    explorer.controls["w1"].value = 1.5
    explorer.controls["w2"].value = 1.5
    explorer.controls["b"].value = 0.5
    assert explorer.live.moving[-1].get_text() == "every point is on the right side ✓"


def test_explorer_text_fallback_says_what_to_do():
    X, y = clouds()
    explorer = interactive.decision_line_explorer(X, y)
    assert "run this cell in JupyterLab" in repr(explorer)


def test_log_slider_spans_the_requested_range():
    control = interactive.log_slider("learning rate η", 0.1, 1e-3, 10)
    assert control.min == pytest.approx(-3) and control.max == pytest.approx(1)
    assert control.value == pytest.approx(0.1)


def test_line_fit_sliders_can_reach_the_least_squares_line():
    x, y = data.noisy_line(n=20)
    explorer = interactive.line_fit_explorer(x, y)
    slope, intercept = explorer.controls["slope"], explorer.controls["intercept"]
    slopes = np.arange(slope.min, slope.max + 1e-9, slope.step)
    intercepts = np.arange(intercept.min, intercept.max + 1e-9, intercept.step)
    surface = losses.line_loss_surface(x, y, slopes, intercepts)
    row, column = np.unravel_index(np.argmin(surface), surface.shape)
    best = losses.least_squares_line(x, y)
    # The lowest slider position is within one slider step of the exact least-squares line.
    assert abs(slopes[column] - best[0]) <= slope.step
    assert abs(intercepts[row] - best[1]) <= intercept.step
    slope.value, intercept.value = slopes[column], intercepts[row]
    assert explorer.live.moving[2].get_text().endswith(
        f"MSE = {losses.line_mse(x, y, slopes[column], intercepts[row]):.3f}")


def test_hidden_units_explorer_counts_right_answers_and_leaves_the_network_alone():
    X, y = data.xor_gate()
    net = network.xor_network()
    explorer = interactive.hidden_units_explorer(net, X, y)
    assert explorer.live.moving[-1].get_text().endswith("right on 4 of 4 points")
    explorer.controls["b"].value = -20
    assert not explorer.live.moving[-1].get_text().endswith("4 of 4 points")
    np.testing.assert_array_equal(net.layers[0].b, network.xor_network().layers[0].b)


def test_learning_rate_sliders_are_logarithmic_and_reach_divergence():
    moons = data.two_moons(n=60)
    for explorer in (interactive.quadratic_lr_explorer(), interactive.bowl_explorer(),
                     interactive.network_lr_explorer(network.Network.random((2, 8, 1)), *moons,
                                                     steps=50)):
        control = explorer.controls["lr"]
        assert type(control).__name__ == "FloatLogSlider"
        assert control.description == "learning rate η"
        control.value = 10 ** control.max
        title_texts = " ".join(a.get_text() for a in explorer.live.moving if hasattr(a, "get_text"))
        assert "diverged at step" in title_texts, title_texts


def test_quadratic_explorer_names_each_regime():
    explorer = interactive.quadratic_lr_explorer(curvature=1.0)
    names = set()
    for value in (0.002, 0.5, 1.5, 5.0):
        explorer.controls["lr"].value = value
        names.add(explorer.live.moving[1].get_text().split(": ")[1])
    assert names == {"SLOW", "FAST", "OSCILLATING", "DIVERGING"}


# --- Bad input is answered with a sentence, before any figure is built ----------------------

from unittest import mock  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from helpers import plots  # noqa: E402


def no_figure(*args, **kwargs):
    raise AssertionError("a figure was built before the input was checked")


@pytest.fixture
def figures_forbidden():
    with mock.patch.object(plots, "new_figure", no_figure):
        yield


SMALL_RUN = training.train(network.Network.random((2, 3, 1)), *data.two_moons(n=20), lr=1.0,
                           steps=20, snapshot_every=10, resolution=10)
MOONS = data.two_moons(n=20)
CLOUDS = clouds()
HISTORY = perceptron.learn(*CLOUDS, lr=0.1)
LINE = data.noisy_line(n=20)
WAVY = (descent.wavy, descent.wavy_slope)


def _run_with(**changes):
    return training.TrainingResult(**{**SMALL_RUN.__dict__, **changes})


# (call, exception type, a word the message must contain: the argument's name)
BAD_INPUTS = {
    # starting values off their slider
    "decision_line w off slider": (
        lambda: interactive.decision_line_explorer(*CLOUDS, w=(5, 0)), ValueError, "w"),
    "decision_line b off slider": (
        lambda: interactive.decision_line_explorer(*CLOUDS, b=-4.5), ValueError, "b"),
    "decision_line w of 3 weights": (
        lambda: interactive.decision_line_explorer(*CLOUDS, w=(1, 1, 1)), ValueError, "w"),
    "decision_line w a number": (
        lambda: interactive.decision_line_explorer(*CLOUDS, w=1.0), ValueError, "w"),
    "decision_line limits reversed": (
        lambda: interactive.decision_line_explorer(*CLOUDS, limits=(3, -3)), ValueError,
        "limits"),
    "line_fit slope off slider": (
        lambda: interactive.line_fit_explorer(*LINE, slope=9), ValueError, "slope"),
    "line_fit intercept off slider": (
        lambda: interactive.line_fit_explorer(*LINE, intercept=-2.01), ValueError, "intercept"),
    "line_fit slope_range not a pair": (
        lambda: interactive.line_fit_explorer(*LINE, slope_range=(1,)), TypeError,
        "slope_range"),
    "line_fit intercept_range NaN": (
        lambda: interactive.line_fit_explorer(*LINE, intercept_range=(0, np.nan)), ValueError,
        "intercept_range"),
    "line_fit x and y differ": (
        lambda: interactive.line_fit_explorer(LINE[0], LINE[1][:5]), ValueError, "x and y"),
    "tangent x off slider": (
        lambda: interactive.tangent_explorer(*WAVY, x=10), ValueError, "x"),
    "tangent x_range empty": (
        lambda: interactive.tangent_explorer(*WAVY, x_range=(1, 1)), ValueError, "x_range"),
    "tangent f not callable": (
        lambda: interactive.tangent_explorer(3.0, descent.wavy_slope), TypeError, "f"),
    "tangent f_slope not callable": (
        lambda: interactive.tangent_explorer(descent.wavy, "slope"), TypeError, "f_slope"),
    "tangent f returns one number": (
        lambda: interactive.tangent_explorer(lambda x: 1.0, descent.wavy_slope), ValueError,
        "f"),
    "tangent f infinite": (
        lambda: interactive.tangent_explorer(lambda x: 1 / (x - x), descent.wavy_slope),
        ValueError, "f"),
    "descent_1d start off slider": (
        lambda: interactive.descent_1d_explorer(descent.parabola, descent.parabola_slope, 0.1,
                                                20, 5, start_range=(-2, 2)), ValueError, "start"),
    "descent_1d start_range reversed": (
        lambda: interactive.descent_1d_explorer(descent.parabola, descent.parabola_slope, 0.1,
                                                20, 0.5, start_range=(2, -2)), ValueError,
        "start_range"),
    "descent_1d w_range a string": (
        lambda: interactive.descent_1d_explorer(descent.parabola, descent.parabola_slope, 0.1,
                                                20, 0.5, w_range="-2..2"), TypeError, "w_range"),
    "descent_1d steps too many": (
        lambda: interactive.descent_1d_explorer(descent.parabola, descent.parabola_slope, 0.1,
                                                10**6, 0.5), ValueError, "steps"),
    "descent_1d f_slope None": (
        lambda: interactive.descent_1d_explorer(descent.parabola, None, 0.1, 20, 0.5),
        TypeError, "f_slope"),
    "training step off slider": (
        lambda: interactive.training_explorer(SMALL_RUN, *MOONS, step=10**6), ValueError,
        "step"),
    "training step negative": (
        lambda: interactive.training_explorer(SMALL_RUN, *MOONS, step=-1), ValueError, "step"),
    "training step a float": (
        lambda: interactive.training_explorer(SMALL_RUN, *MOONS, step=2.5), TypeError, "step"),
    "training result a dict": (
        lambda: interactive.training_explorer({0: np.zeros((5, 5))}, *MOONS), TypeError,
        "result"),
    "training snapshot key past the end": (
        lambda: interactive.training_explorer(_run_with(snapshots={99: np.zeros((5, 5))}),
                                              *MOONS), ValueError, "result"),
    "training snapshot not a picture": (
        lambda: interactive.training_explorer(_run_with(snapshots={0: np.zeros(5)}), *MOONS),
        ValueError, "result"),
    "training limits a number": (
        lambda: interactive.training_explorer(SMALL_RUN, *MOONS, limits=2), TypeError, "limits"),
    "quadratic lr above slider": (
        lambda: interactive.quadratic_lr_explorer(lr=100), ValueError, "lr"),
    "quadratic lr_range not positive": (
        lambda: interactive.quadratic_lr_explorer(lr_range=(0, 10)), ValueError, "lr_range"),
    "quadratic start 0": (
        lambda: interactive.quadratic_lr_explorer(start=0), ValueError, "start"),
    "quadratic curvature negative": (
        lambda: interactive.quadratic_lr_explorer(curvature=-1), ValueError, "curvature"),
    "quadratic steps 10**9": (
        lambda: interactive.quadratic_lr_explorer(steps=10**9), ValueError, "steps"),
    "bowl lr off slider": (
        lambda: interactive.bowl_explorer(lr=2.0), ValueError, "lr"),
    "bowl lr_range huge": (
        lambda: interactive.bowl_explorer(lr_range=(1e-3, 10**400)), ValueError, "lr_range"),
    "bowl curvatures one number": (
        lambda: interactive.bowl_explorer(curvatures=5.0), ValueError, "curvatures"),
    "bowl curvatures negative": (
        lambda: interactive.bowl_explorer(curvatures=(1.0, -10.0)), ValueError, "curvatures"),
    "bowl start of 3": (
        lambda: interactive.bowl_explorer(start=(1, 2, 3)), ValueError, "start"),
    "bowl start at the minimum": (
        lambda: interactive.bowl_explorer(start=(0, 0)), ValueError, "start"),
    "bowl momentum lr 0": (
        lambda: interactive.bowl_explorer(lr=0, vary="momentum"), ValueError, "lr"),
    "network_lr lr below slider": (
        lambda: interactive.network_lr_explorer(network.Network.random((2, 3, 1)), *MOONS,
                                                lr=1e-5), ValueError, "lr"),
    "network_lr net a list": (
        lambda: interactive.network_lr_explorer([1, 2], *MOONS), TypeError, "net"),
    "network_lr net with 3 inputs": (
        lambda: interactive.network_lr_explorer(network.Network.random((3, 3, 1)), *MOONS),
        ValueError, "net"),
    "network_lr resolution 10**5": (
        lambda: interactive.network_lr_explorer(network.Network.random((2, 3, 1)), *MOONS,
                                                resolution=10**5), ValueError, "resolution"),
    "network_lr y wrong length": (
        lambda: interactive.network_lr_explorer(network.Network.random((2, 3, 1)), MOONS[0],
                                                MOONS[1][:-1]), ValueError, "y"),
    "hidden_units net None": (
        lambda: interactive.hidden_units_explorer(None, *data.xor_gate()), TypeError, "net"),
    "hidden_units weights off slider": (
        lambda: interactive.hidden_units_explorer(network.xor_network(sharpness=50),
                                                  *data.xor_gate()), ValueError, "net"),
    "perceptron_rule history a tuple": (
        lambda: interactive.perceptron_rule_explorer(*CLOUDS, (1, 2)), TypeError, "history"),
    "perceptron_rule history from other data": (
        lambda: interactive.perceptron_rule_explorer(*data.xor_gate(),
                                                     perceptron.learn(*CLOUDS)),
        ValueError, "history"),
    "slider value off range": (
        lambda: interactive.slider("s", 5, 0, 1, 0.1), ValueError, "value"),
    "slider readout_format unknown": (
        lambda: interactive.slider("s", 0.5, 0, 1, 0.1, "%%"), ValueError, "readout_format"),
    "bowl start too far to draw": (
        lambda: interactive.bowl_explorer(start=(1e308, -1e308)), ValueError, "start"),
    "slider step 0": (lambda: interactive.slider("s", 0.5, 0, 1, 0), ValueError, "step"),
    "slider low above high": (
        lambda: interactive.slider("s", 0.5, 1, 0, 0.1), ValueError, "(low, high)"),
    "int_slider value a float": (
        lambda: interactive.int_slider("n", 0.5, 0, 3), TypeError, "value"),
    "int_slider value off range": (
        lambda: interactive.int_slider("n", 4, 0, 3), ValueError, "value"),
    "log_slider low not positive": (
        lambda: interactive.log_slider("η", 0.1, -1, 10), ValueError, "(low, high)"),
    "log_slider value off range": (
        lambda: interactive.log_slider("η", 100, 1e-3, 10), ValueError, "value"),
    "log_slider description a number": (
        lambda: interactive.log_slider(3, 0.1, 1e-3, 10), TypeError, "description"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_named_before_any_figure(case, figures_forbidden):
    call, kind, name = BAD_INPUTS[case]
    with pytest.raises(kind) as caught:
        call()
    assert type(caught.value) is kind
    # The message opens with the argument's name: "lr should be ...".
    assert re.match(re.escape(name) + r"(?!\w)", str(caught.value)), str(caught.value)


def test_an_off_slider_start_names_the_slider_range():
    with pytest.raises(ValueError, match=r"lr should be between 0\.001 and 10 \(the slider's "
                                         r"range\), got 100"):
        interactive.quadratic_lr_explorer(lr=100)


# Each explorer's starting value and its slider: (build with value v, argument, control,
# low, high, scale). Inside the range it builds and shows that very value; outside, it is refused.
def _slider_cases():
    net = network.Network.random((2, 3, 1))
    return {
        "decision_line w": (lambda v: interactive.decision_line_explorer(*CLOUDS, w=(v, 0.5)),
                            "w", "w1", -3, 3, "linear"),
        "decision_line b": (lambda v: interactive.decision_line_explorer(*CLOUDS, b=v),
                            "b", "b", -4, 4, "linear"),
        "line_fit slope": (lambda v: interactive.line_fit_explorer(*LINE, slope=v),
                           "slope", "slope", -1, 4, "linear"),
        "line_fit intercept": (lambda v: interactive.line_fit_explorer(*LINE, intercept=v),
                               "intercept", "intercept", -2, 3, "linear"),
        "tangent x": (lambda v: interactive.tangent_explorer(*WAVY, x=v), "x", "x", -4, 4,
                      "linear"),
        "descent_1d start": (lambda v: interactive.descent_1d_explorer(
            descent.two_valleys, descent.two_valleys_slope, 0.05, 20, v, start_range=(-2, 2)),
            "start", "start", -2, 2, "linear"),
        "training step": (lambda v: interactive.training_explorer(SMALL_RUN, *MOONS, step=v),
                          "step", "step", 0, 20, "int"),
        "quadratic lr": (lambda v: interactive.quadratic_lr_explorer(lr=v), "lr", "lr", 1e-3, 10,
                         "log"),
        "bowl lr": (lambda v: interactive.bowl_explorer(lr=v), "lr", "lr", 1e-3, 1, "log"),
        "network lr": (lambda v: interactive.network_lr_explorer(net, *MOONS, steps=10, lr=v,
                                                                 resolution=10),
                       "lr", "lr", 1e-3, 100, "log"),
    }


SLIDER_CASES = _slider_cases()


def _inside(draw, low, high, scale):
    if scale == "int":
        return draw(st.integers(low, high))
    if scale == "log":  # across the decades, not crowded at the top
        exponent = draw(st.floats(np.log10(low), np.log10(high)))
        return float(np.clip(10.0**exponent, low, high))
    return draw(st.floats(low, high))


def _outside(draw, low, high, scale):
    if scale == "int":
        return draw(st.one_of(st.integers(max_value=low - 1), st.integers(min_value=high + 1)))
    if scale == "log":
        factor = 10.0 ** draw(st.floats(0.01, 6))
        return draw(st.sampled_from([low / factor, high * factor, 0.0, -low]))
    gap = draw(st.floats(1e-6, 1e6))
    return draw(st.sampled_from([low - gap, high + gap]))


@settings(max_examples=12, deadline=None)
@given(case=st.sampled_from(sorted(SLIDER_CASES)), data_=st.data())
def test_a_start_on_the_slider_builds_and_shows_that_value(case, data_):
    build, _, control, low, high, scale = SLIDER_CASES[case]
    value = _inside(data_.draw, low, high, scale)
    explorer = build(value)
    assert explorer.controls[control].value == pytest.approx(value, rel=1e-9, abs=1e-12)
    assert explorer.snapshot().data.startswith(b"\x89PNG")


@settings(max_examples=25, deadline=None)
@given(case=st.sampled_from(sorted(SLIDER_CASES)), data_=st.data())
def test_a_start_off_the_slider_is_refused_naming_the_argument(case, data_):
    build, argument, _, low, high, scale = SLIDER_CASES[case]
    value = _outside(data_.draw, low, high, scale)
    with mock.patch.object(plots, "new_figure", no_figure), \
            pytest.raises(ValueError, match=rf"^{argument} should be .*the slider's range"):
        build(value)
