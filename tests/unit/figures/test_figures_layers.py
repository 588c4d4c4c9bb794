"""Notebook 02's figures: hidden_units_explorer, state_picture and the words of its line."""

import numpy as np
import pytest

from helpers import data, network
from helpers.figures import layers as figures
from helpers.figures.live import Picture

XOR = data.xor_gate()
X_WAVE = np.linspace(-3, 3, 25)
Y_WAVE = np.sin(X_WAVE)


def test_hidden_units_explorer_says_where_the_line_is_and_which_points_go_wrong(scene_at):
    net = network.xor_network()
    explorer = figures.hidden_units_explorer(net, *XOR)
    _, moving, _ = scene_at(explorer)
    assert moving[-1].get_text().endswith("right on 4 of 4 points")
    assert explorer.caption == (
        "Hidden neuron 1 (w₁ = 10.0, w₂ = 10.0, b = −5.0) draws a line crossing the x₁ axis at "
        "0.50 and the x₂ axis at 0.50; the network gets 4 of 4 points right.")
    explorer.controls["b"].value = -20
    assert explorer.caption.endswith("crossing the x₁ axis at 2.00 and the x₂ axis at "
                                           "2.00; the network gets 2 of 4 points right, wrong "
                                           "on (0, 1) and (1, 0).")
    explorer.controls["w1"].value = 0
    assert "draws a level line at x₂ = 2.00" in explorer.caption
    np.testing.assert_array_equal(net.layers[0].b, network.xor_network().layers[0].b)


@pytest.mark.parametrize("w1, w2, b, words", [
    (0, 0, 1, "has no line (both weights are 0)"),
    (4, 0, 2, "draws an upright line at x₁ = −0.50"),
    (0, 2, 0, "draws a level line at x₂ = 0.00"),
    (1, -2, 1, "crossing the x₁ axis at −1.00 and the x₂ axis at 0.50"),
])
def test_line_words_say_where_the_line_lies(w1, w2, b, words):
    assert words in figures._line_words(w1, w2, b)


def test_state_picture_shows_the_state_and_moves_the_slider_back():
    explorer = figures.hidden_units_explorer(network.xor_network(), *XOR)
    first = explorer.caption
    picture = figures.state_picture(explorer, b=-12)
    assert isinstance(picture, Picture) and picture.png.startswith(b"\x89PNG")
    assert "b = −12.0" in picture.caption and "2 of 4 points right" in picture.caption
    assert explorer.controls["b"].value == -5 and explorer.caption == first


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


def test_state_picture_refuses_an_unknown_slider_or_a_value_off_it():
    explorer = figures.hidden_units_explorer(network.xor_network(), *XOR)
    with pytest.raises(ValueError, match="^lr is not one of the explorer's sliders"):
        figures.state_picture(explorer, lr=1)
    with pytest.raises(ValueError, match="^b should be between -20 and 20"):
        figures.state_picture(explorer, b=-30)
    with pytest.raises(TypeError, match="^explorer should be an Explorer"):
        figures.state_picture(None, b=1)


def test_the_hidden_space_is_shaded_by_the_output_neurons_answer(scene_at):
    net = network.xor_network()
    fig, moving, _ = scene_at(figures.hidden_units_explorer(net, *XOR))
    _, hidden_ax = fig.axes[:2]
    (shade,) = hidden_ax.get_images()
    values = np.asarray(shade.get_array())
    low, high = hidden_ax.get_xlim()
    cells = np.linspace(low, high, values.shape[0])
    output = net.layers[1]
    # Row i is h₂ = cells[i], column j is h₁ = cells[j], as the input panel is laid out.
    for i, j in ((0, -1), (-1, 0), (values.shape[0] // 2, values.shape[1] // 3)):
        expected = output.forward(np.array([[cells[j], cells[i]]]))[0, 0]
        assert values[i, j] == pytest.approx(expected)
    assert values[0, -1] > 0.99 and values[-1, 0] < 0.01  # (1, 0) says 1, (0, 1) says 0
    assert shade not in moving  # the output neuron does not move with the sliders
