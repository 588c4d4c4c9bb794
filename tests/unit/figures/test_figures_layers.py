"""Notebook 02's figure: hidden_units_explorer."""

import numpy as np
import pytest

from helpers import data, network
from helpers.figures import layers as figures

XOR = data.xor_gate()


def test_hidden_units_explorer_counts_right_answers_and_leaves_the_network_alone():
    net = network.xor_network()
    explorer = figures.hidden_units_explorer(net, *XOR)
    assert explorer.live.moving[-1].get_text().endswith("right on 4 of 4 points")
    explorer.controls["b"].value = -20
    assert not explorer.live.moving[-1].get_text().endswith("4 of 4 points")
    np.testing.assert_array_equal(net.layers[0].b, network.xor_network().layers[0].b)


# --- Bad input is answered with a sentence, before any figure is built ----------------------

# (call, exception type, how the message opens: at least the argument's name)
BAD_INPUTS = {
    "hidden_units net None": (
        lambda: figures.hidden_units_explorer(None, *XOR), TypeError, "net"),
    "hidden_units weights off slider": (
        lambda: figures.hidden_units_explorer(network.xor_network(sharpness=50), *XOR),
        ValueError, "net"),
    "hidden_units net not 2-2-1": (
        lambda: figures.hidden_units_explorer(network.Network.random((2, 3, 1)), *XOR),
        ValueError, "net should be a 2-2-1 network, got (2, 3, 1)"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_named_before_any_figure(case, refused):
    refused(*BAD_INPUTS[case])
