"""Robustness: bad input gets a sentence, learners' answers never crash a check, sliders survive
their extremes, the maths holds for any input (hypothesis), and the notebooks are reproducible
and safe to open.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from helpers import (
    activations,
    check,
    data,
    descent,
    interactive,
    learning_rate,
    losses,
    network,
    perceptron,
    training,
)

ROOT = Path(__file__).resolve().parent.parent
X4, Y4 = data.and_gate()
MOONS = data.two_moons(n=20)


def small_net():
    return network.Network.random((2, 3, 1), seed=0)


# --- 1. Every public helper explains bad input ----------------------------------------------

# (id, call, exception, the words the message must contain)
BAD_INPUTS = [
    ("data n zero", lambda: data.two_clouds(n=0), ValueError, "n should be at least 2, got 0"),
    ("data n float", lambda: data.two_moons(n=10.5), TypeError, "n should be a whole number"),
    ("data negative noise", lambda: data.two_moons(noise=-1), ValueError,
     "noise should be zero or more"),
    ("data seed text", lambda: data.noisy_line(seed="abc"), TypeError,
     "seed should be a whole number"),
    ("activation NaN", lambda: activations.sigmoid([0.0, np.nan]), ValueError,
     "z contains NaN or infinity"),
    ("activation text", lambda: activations.relu("3"), TypeError,
     "z should be an array of numbers"),
    ("activation name", lambda: activations.get("softmax"), ValueError,
     "activation should be one of step, sigmoid, tanh, relu, identity"),
    ("perceptron X with 3 columns", lambda: perceptron.weighted_sum(np.ones((4, 3)),
                                                                   np.ones(2), 0.0),
     ValueError, "X has 3 columns but w has 2 weights"),
    ("perceptron y wrong length", lambda: perceptron.count_misclassified(X4, Y4[:3],
                                                                        np.ones(2), 0),
     ValueError, "y should have one value per row of X (4), got 3"),
    ("perceptron y not 0/1", lambda: perceptron.learn(X4, Y4 * 2), ValueError,
     "y should contain only 0 and 1"),
    ("perceptron lr zero", lambda: perceptron.learn(X4, Y4, lr=0), ValueError,
     "lr should be a positive number, got 0.0"),
    ("perceptron epochs float", lambda: perceptron.learn(X4, Y4, max_epochs=2.5), TypeError,
     "max_epochs should be a whole number"),
    ("perceptron bias NaN", lambda: perceptron.predict(X4, np.ones(2), float("nan")),
     ValueError, "b should be a finite number"),
    ("perceptron line 3 weights", lambda: perceptron.decision_line(np.ones(3), 0.0), ValueError,
     "w should hold two weights (w1, w2)"),
    ("Dense bias count", lambda: network.Dense(np.ones((2, 3)), np.ones(2)), ValueError,
     "b should have one bias per column of W (3), got 2"),
    ("Network mismatched layers",
     lambda: network.Network([network.Dense.random(2, 3), network.Dense.random(4, 1)]),
     ValueError, "expects 4 inputs but receives 3"),
    ("Network forward wrong columns", lambda: small_net().forward(np.ones((5, 3))), ValueError,
     "X should have shape (n, 2)"),
    ("Network unknown activation", lambda: network.Network.random((2, 3, 1), activation="elu"),
     ValueError, "activation should be one of"),
    ("loss shape mismatch", lambda: losses.mse([1.0, 2.0], [1.0, 2.0, 3.0]), ValueError,
     "y and y_pred should have the same shape"),
    ("loss probability above 1", lambda: losses.binary_cross_entropy([0, 1], [0.5, 1.5]),
     ValueError, "p should hold probabilities between 0 and 1"),
    ("loss unknown name", lambda: losses.get("hinge"), ValueError,
     "loss should be one of mse, binary_cross_entropy"),
    ("least squares constant x", lambda: losses.least_squares_line([1, 1], [1, 2]), ValueError,
     "x should not be all the same value"),
    ("descent lr negative", lambda: descent.gradient_descent(descent.parabola,
                                                             descent.parabola_slope, 1.0, -0.1,
                                                             10),
     ValueError, "lr should be a positive number, got -0.1"),
    ("descent lr infinite", lambda: descent.gradient_descent(descent.parabola,
                                                             descent.parabola_slope, 1.0,
                                                             float("inf"), 10),
     ValueError, "lr should be a finite number"),
    ("descent steps zero", lambda: descent.gradient_descent(descent.parabola,
                                                            descent.parabola_slope, 1.0, 0.1, 0),
     ValueError, "steps should be at least 1, got 0"),
    ("descent start NaN", lambda: descent.gradient_descent(descent.parabola,
                                                           descent.parabola_slope, np.nan, 0.1,
                                                           5),
     ValueError, "start contains NaN or infinity"),
    ("descent momentum 1", lambda: descent.gradient_descent(descent.parabola,
                                                            descent.parabola_slope, 1.0, 0.1, 5,
                                                            momentum=1.0),
     ValueError, "momentum should be at least 0 and below 1"),
    ("derivative h zero", lambda: descent.numerical_derivative(descent.parabola, 1.0, h=0),
     ValueError, "h should be a positive number"),
    ("train not a network", lambda: training.train("net", *MOONS, 0.1, 10), TypeError,
     "net should be a Network, got str"),
    ("train lr text", lambda: training.train(small_net(), *MOONS, "fast", 10), TypeError,
     "lr should be a number, got 'fast'"),
    ("train steps bool", lambda: training.train(small_net(), *MOONS, 0.1, True), TypeError,
     "steps should be a whole number, got True"),
    ("train X NaN", lambda: training.train(small_net(), np.full((20, 2), np.nan), MOONS[1],
                                           0.1, 5),
     ValueError, "X contains NaN or infinity"),
    ("curvature zero", lambda: learning_rate.quadratic(0), ValueError,
     "curvature should be a positive number, got 0.0"),
    ("range test reversed", lambda: learning_rate.range_test(lambda lr: 0.0, 1.0, 0.1),
     ValueError, "lr_max should be above lr_min"),
    ("grid resolution", lambda: data.grid((0, 1), (0, 1), resolution=1), ValueError,
     "resolution should be at least 2, got 1"),
    ("explorer X with 3 columns", lambda: interactive.decision_line_explorer(np.ones((4, 3)), Y4),
     ValueError, "X should have shape (n, 2)"),
    ("explorer net not 2-2-1", lambda: interactive.hidden_units_explorer(small_net(), X4, Y4),
     ValueError, "net should be a 2-2-1 network, got (2, 3, 1)"),
    ("explorer no snapshots", lambda: interactive.training_explorer(
        training.train(small_net(), *MOONS, 0.1, 5), *MOONS), ValueError,
     "result has no snapshots"),
    ("bowl vary unknown", lambda: interactive.bowl_explorer(vary="speed"), ValueError,
     "vary should be one of lr, momentum"),
]


def test_there_are_enough_bad_input_cases():
    assert len(BAD_INPUTS) >= 30


@pytest.mark.parametrize("call, error, words", [case[1:] for case in BAD_INPUTS],
                         ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_is_explained(call, error, words):
    with pytest.raises(error) as raised:
        call()
    assert words in str(raised.value)


# --- 2. Exercise checks never crash on a learner's answer -----------------------------------

def _raises(*args):
    raise RuntimeError("oops")


STRANGE_ANSWERS = [None, "0.5", [], {}, [1, 2, 3], np.array([np.nan]), float("nan"),
                   float("inf"), True, object(), _raises, np.ones((3, 3)), (1,), -1e308]
CHECKS = [
    lambda a: check.neuron_output(a, a),
    lambda a: check.or_gate_weights(a, a),
    lambda a: check.parameter_count(a),
    lambda a: check.output_shape(a),
    lambda a: check.mse_by_hand(a),
    lambda a: check.lower_loss(a),
    lambda a: check.descent_step(a),
    lambda a: check.own_derivative(lambda w: w**3 - 2 * w, a),
    lambda a: check.one_step_lr(a),
    lambda a: check.largest_stable_lr(a),
]


@pytest.mark.parametrize("index", range(len(CHECKS)))
def test_checks_answer_any_answer_kindly(index, capsys):
    for answer in STRANGE_ANSWERS:
        CHECKS[index](answer)
        said = capsys.readouterr().out
        assert said.startswith("✗ Not yet."), (answer, said)
        assert said.count("\n") == 1 and "Traceback" not in said


# --- 3. Every slider of every figure, across its whole range --------------------------------

def _benchmark_figures():
    spec = importlib.util.spec_from_file_location("figures", ROOT / "benchmarks" / "figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.figures()


FIGURES = _benchmark_figures()


@pytest.mark.parametrize("name", list(FIGURES))
def test_every_slider_across_its_full_range_raises_nothing(name):
    explorer = FIGURES[name]()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for control in explorer.controls.values():
            low, high = control.min, control.max
            for value in np.linspace(low, high, 9):
                value = 10**value if "Log" in type(control).__name__ else value
                control.value = type(control.value)(value)
            control.value = 10**high if "Log" in type(control).__name__ else high
    texts = [a.get_text() for a in explorer.live.moving if hasattr(a, "get_text")]
    assert not any("nan" in text.lower().split() for text in texts), texts


# --- 4. The maths holds for any input (hypothesis) ------------------------------------------

# Values that are zero or not vanishingly small, so a squared difference cannot underflow to 0.
finite = st.floats(-5, 5, allow_nan=False, allow_infinity=False).filter(
    lambda v: v == 0 or abs(v) > 1e-6)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), hidden=st.integers(1, 5),
       activation=st.sampled_from(["tanh", "sigmoid"]), n=st.integers(1, 8))
def test_backprop_matches_finite_differences_for_any_small_network(seed, hidden, activation, n):
    rng = np.random.default_rng(seed)
    net = network.Network.random((2, hidden, 1), activation=activation, seed=seed)
    X = rng.normal(size=(n, 2))
    y = (rng.random(n) > 0.5).astype(float)
    for _, result in training.gradient_check(net, X, y):
        assert result.relative_error < 1e-6


@settings(max_examples=60, deadline=None)
@given(y=hnp.arrays(float, st.integers(1, 10), elements=finite), data_=st.data())
def test_mse_is_non_negative_and_zero_only_at_the_target(y, data_):
    y_pred = data_.draw(hnp.arrays(float, y.shape, elements=finite))
    value = losses.mse(y, y_pred)
    assert value >= 0
    assert (value == 0) == bool(np.all(y_pred == y))


@settings(max_examples=60, deadline=None)
@given(y=hnp.arrays(float, st.integers(1, 10), elements=st.sampled_from([0.0, 1.0])),
       data_=st.data())
def test_cross_entropy_is_non_negative_and_lowest_at_the_target(y, data_):
    p = data_.draw(hnp.arrays(float, y.shape, elements=st.floats(0, 1)))
    at_target = losses.binary_cross_entropy(y, y)
    value = losses.binary_cross_entropy(y, p)
    assert value >= 0 and at_target < 1e-9
    if np.any(np.abs(p - y) > 1e-6):
        assert value > at_target


@settings(max_examples=60, deadline=None)
@given(curvature=st.floats(0.01, 100), fraction=st.floats(0.01, 0.99),
       start=st.floats(-100, 100).filter(lambda v: abs(v) > 1e-3))
def test_descent_on_a_convex_quadratic_is_monotone_below_two_over_curvature(curvature, fraction,
                                                                            start):
    loss, grad = learning_rate.quadratic(curvature)
    walk = descent.gradient_descent(loss, grad, start, lr=fraction * 2 / curvature, steps=50)
    assert not walk.diverged
    assert np.all(np.diff(walk.losses) <= 1e-12 * walk.losses[0])


@settings(max_examples=40, deadline=None)
@given(curvature=st.floats(0.01, 100), factor=st.floats(1.05, 1e6))
def test_descent_above_two_over_curvature_is_reported_not_warned(curvature, factor):
    loss, grad = learning_rate.quadratic(curvature)
    walk = descent.gradient_descent(loss, grad, 1.0, lr=factor * 2 / curvature, steps=2000)
    assert learning_rate.classify_regime(walk) == "diverging"
    assert np.all(np.isfinite(walk.losses))


@settings(max_examples=30, deadline=None)
@given(lr=st.floats(1e-6, 1e300))
def test_the_perceptron_rule_survives_any_learning_rate(lr):
    history = perceptron.learn(*data.xor_gate(), lr=lr, max_epochs=5)
    assert np.all(np.isfinite(history.weights))
    assert history.message


# --- 5. Reproducible, independent notebooks -------------------------------------------------

def test_notebooks_regenerate_identically_in_any_order():
    spec = importlib.util.spec_from_file_location("regenerate",
                                                  ROOT / "tools" / "regenerate.py")
    regenerate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(regenerate)
    folder = ROOT / "notebooks"
    before = sorted(p.name for p in folder.iterdir())
    paths = sorted(folder.glob("*.ipynb"))
    first = {p.name: regenerate.regenerate(p) for p in paths}
    second = {p.name: regenerate.regenerate(p) for p in reversed(paths)}
    for path in paths:
        # Text exactly, pictures as a person sees them: PNG bytes differ between CPUs.
        assert not regenerate.notebook_differences(first[path.name], second[path.name]), (
            f"{path.name} differs between two runs")
        found = regenerate.notebook_differences(path.read_text(encoding="utf-8"),
                                                first[path.name])
        assert not found, f"{path.name} is not what a fresh run gives ({found[:3]}): run " \
                          "tools/regenerate.py"
    assert sorted(p.name for p in folder.iterdir()) == before, "a notebook wrote a file"


# --- 6. Safe to open: no network, no eval, no outputs that need trust -----------------------

MATHS_MODULES = ("data", "activations", "perceptron", "network", "losses", "descent",
                 "training", "learning_rate", "check", "_validate")


@pytest.mark.parametrize("module", MATHS_MODULES)
def test_maths_modules_use_numpy_only(module):
    tree = ast.parse((ROOT / "helpers" / f"{module}.py").read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module and node.level == 0}
    local = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
             and node.level == 1 for alias in node.names}
    assert not imported & {"matplotlib", "ipywidgets", "IPython", "PIL"}, imported
    assert not local & {"plots", "live", "interactive"}, local


def test_helpers_use_no_network_and_no_eval():
    for path in sorted((ROOT / "helpers").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", "") or ""]
                for name in names:
                    assert not re.match(r"(socket|urllib|http|requests|subprocess)\b", name), (
                        f"{path.name} imports {name}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("eval", "exec", "compile", "__import__"), path.name


ALLOWED_OUTPUTS = {"text/plain", "image/png", "application/vnd.jupyter.widget-view+json"}


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")),
                         ids=lambda p: p.stem)
def test_outputs_need_no_trusted_notebook(path):
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert set(output.get("data", {})) <= ALLOWED_OUTPUTS, output.get("data", {}).keys()
        assert "eval(" not in cell.source and "exec(" not in cell.source
