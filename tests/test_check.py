"""Exercise checks: ✓ for right answers, a hint (never a crash) for anything else."""

import numpy as np
import pytest

from helpers import check


def verdict(capsys, function, *args):
    assert function(*args) is None
    out = capsys.readouterr().out
    assert out.count("\n") == 1, "a check prints exactly one line"
    return out


def test_neuron_output_right(capsys):
    assert verdict(capsys, check.neuron_output, -0.25, 0).startswith("✓")
    assert verdict(capsys, check.neuron_output, np.float64(-0.25), np.array(0)).startswith("✓")


@pytest.mark.parametrize("z, a, hint", [
    (0.0, 0.0, "multiply each input by its weight"),
    (-0.25, 1, "z is right"),
    ("-0.25", 0, "z should be a single number"),
    (-0.25, None, "a should be a single number"),
    ([1, 2], 0, "z should be a single number"),
])
def test_neuron_output_hints(capsys, z, a, hint):
    out = verdict(capsys, check.neuron_output, z, a)
    assert out.startswith("✗") and hint in out


@pytest.mark.parametrize("w, b", [([1, 1], -0.5), ((2.0, 3.0), -1.0), (np.array([0.5, 0.5]), -0.4)])
def test_or_gate_right(capsys, w, b):
    assert verdict(capsys, check.or_gate_weights, w, b).startswith("✓")


@pytest.mark.parametrize("w, b, hint", [
    ([0, 0], 0.0, "b needs to be negative"),
    ([1, 1], -1.5, "Each input alone"),
    ([1, 1, 1], -0.5, "w should be two numbers"),
    ("ab", -0.5, "w should be two numbers"),
    ([1, np.nan], -0.5, "w should be two numbers"),
    ([1, 1], "x", "b should be a single number"),
])
def test_or_gate_hints(capsys, w, b, hint):
    out = verdict(capsys, check.or_gate_weights, w, b)
    assert out.startswith("✗") and hint in out
