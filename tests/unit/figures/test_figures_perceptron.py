"""Notebook 01's figures: activation_gallery, points_and_line, decision_line_explorer,
rule_strip, perceptron_rule_explorer."""

import numpy as np
import pytest
from sliders import slider_tests

from helpers import activations, data, perceptron
from helpers.figures import perceptron as figures

CLOUDS = data.two_clouds(n=40, seed=4)
XOR = data.xor_gate()


def _legend_clear_of(fig, ax, X):
    """No point of X lies under the legend of ax (both in pixels of the drawn figure)."""
    fig.canvas.draw()
    box = ax.get_legend().get_window_extent()
    pixels = ax.transData.transform(X)
    inside = ((pixels[:, 0] >= box.x0) & (pixels[:, 0] <= box.x1)
              & (pixels[:, 1] >= box.y0) & (pixels[:, 1] <= box.y1))
    assert not inside.any(), f"the legend covers the points {X[inside].tolist()}"


def test_activation_gallery_draws_the_four_activations_and_says_their_ranges_and_slopes():
    fig, caption = figures._activation_gallery((-4.0, 4.0))
    assert [ax.get_title() for ax in fig.axes] == ["step", "sigmoid", "tanh", "relu"]
    for ax, name in zip(fig.axes, ("step", "sigmoid", "tanh", "relu"), strict=True):
        (line,) = ax.get_lines()[:1]
        np.testing.assert_allclose(line.get_ydata(), activations.get(name)(line.get_xdata()))
    sigmoid = activations.get("sigmoid")
    assert f"sigmoid rises smoothly from {sigmoid(-4.0):.2f} to {sigmoid(4.0):.2f}" in caption
    assert "(slope at most 0.25)" in caption  # σ'(0) = 1/4
    assert "ReLU is 0 with slope 0 for z < 0 and rises to 4 with slope 1 for z > 0." in caption
    picture = figures.activation_gallery()
    assert picture.png.startswith(b"\x89PNG") and picture.caption == caption


def test_activation_gallery_says_only_the_side_of_relu_it_shows():
    assert figures.activation_gallery((1.0, 3.0)).caption.endswith(
        "ReLU rises to 3 with slope 1 for z > 0.")


def test_points_and_line_shades_the_side_called_one_and_rings_the_wrong_points():
    w, b = np.array([-0.1, 0.0]), 0.0  # x₁ = 0: gets (0, 0) and (1, 0) of XOR wrong
    fig, caption = figures._points_and_line(*XOR, w, b, "XOR", (-0.5, 1.5))
    ax = fig.axes[0]
    line, rings = ax.get_lines()
    np.testing.assert_allclose(line.get_xydata().T, perceptron.decision_line(w, b, (-0.5, 1.5)))
    X, y = XOR
    wrong = perceptron.predict(X, w, b) != y
    np.testing.assert_array_equal(rings.get_xydata(), X[wrong])
    shade = ax.get_images()[0].get_array()
    assert shade[:, :10].min() == 1 and shade[:, -10:].max() == 0  # x₁ < 0 is called 1
    assert caption == ("XOR — w = (−0.1, 0.0), b = 0.0: the line leaves 2 of 4 points on the "
                       "wrong side (ringed); (0, 0) and (0, 1) lie on the line, where z = 0 and "
                       "the step outputs 1.")
    _legend_clear_of(fig, ax, X)


def test_points_and_line_writes_each_of_a_few_points_sum_and_output_under_it():
    w, b = np.array([-0.1, 0.0]), 0.0
    fig, _ = figures._points_and_line(*XOR, w, b, "", (-0.5, 1.5))
    X, _ = XOR
    labels = {tuple(text.xy): text.get_text() for text in fig.axes[0].texts}
    # Points on the line (z = 0) show their side in words: the step outputs 1 there.
    assert labels == {(0.0, 0.0): "z = 0 → 1", (0.0, 1.0): "z = 0 → 1",
                      (1.0, 0.0): "z = −0.1 → 0", (1.0, 1.0): "z = −0.1 → 0"}
    fig, caption = figures._points_and_line(*data.or_gate(), np.array([1.0, 1.0]), -0.5, "",
                                            (-0.5, 1.5))
    assert len(fig.axes[0].texts) == 4 and "on the line" not in caption
    fig, _ = figures._points_and_line(*CLOUDS, np.array([1.0, 1.0]), 0.0, "", (-3.0, 3.0))
    assert not fig.axes[0].texts, "40 points are too many to label"


def test_points_and_line_without_weights_counts_the_classes():
    fig, caption = figures._points_and_line(*XOR, None, 0.0, "", (-0.5, 1.5))
    assert caption == "4 points: 2 of class 0 and 2 of class 1."
    assert not fig.axes[0].get_images()


def test_points_and_line_says_when_every_point_is_right():
    picture = figures.points_and_line(*data.or_gate(), [1.0, 1.0], -0.5)
    assert picture.caption == ("w = (1.0, 1.0), b = −0.5: every one of the 4 points is on the "
                               "right side.")


def test_decision_line_title_and_words_count_the_misclassified_points(scene_at):
    explorer = figures.decision_line_explorer(*CLOUDS, w=(0.5, 1.0), b=0.5)
    expected = perceptron.count_misclassified(*CLOUDS, np.array([0.5, 1.0]), 0.5)
    assert scene_at(explorer)[1][-1].get_text() == f"{expected} points misclassified"
    assert explorer.snapshot().caption == (f"w = (0.5, 1.0), b = 0.5: the line leaves {expected} "
                                           "of 40 points on the wrong side (ringed).")
    explorer.controls["w1"].value = 1.5
    explorer.controls["w2"].value = 1.5
    explorer.controls["b"].value = 0.5
    assert scene_at(explorer)[1][-1].get_text() == "every point is on the right side ✓"
    assert explorer.caption == ("w = (1.5, 1.5), b = 0.5: every one of the 40 points is on "
                                      "the right side.")


def test_decision_line_words_say_there_is_no_line_when_both_weights_are_zero():
    explorer = figures.decision_line_explorer(*CLOUDS, w=(0.0, 0.0), b=-0.5)
    wrong = perceptron.count_misclassified(*CLOUDS, np.zeros(2), -0.5)
    assert explorer.caption == (
        "w = (0.0, 0.0), b = −0.5: there is no line (z = b for every point), so the neuron "
        f"calls every point class 0 and gets {wrong} of 40 wrong.")


def test_decision_line_legend_is_clear_of_the_points(scene_at):
    fig, _, _ = scene_at(figures.decision_line_explorer(*CLOUDS))
    _legend_clear_of(fig, fig.axes[0], CLOUDS[0])


def test_perceptron_rule_words_follow_the_update_slider(scene_at):
    history = perceptron.learn(*CLOUDS, lr=0.1)
    explorer = figures.perceptron_rule_explorer(*CLOUDS, history)
    assert explorer.snapshot().caption == (
        "At the start, w = (0.0, 0.0), b = 0.0: there is no line (z = b for every point), so "
        f"the neuron calls every point class 1 and gets {history.mistakes[0]} of 40 wrong.")
    fig, _, _ = scene_at(explorer)
    assert fig.axes[0].get_images()[0].get_array().min() == 1  # every cell is called class 1
    last = history.updates
    explorer.controls["update"].value = last
    words = explorer.caption
    assert words.startswith(f"Update {last} of {last} (the point in the diamond, at ")
    fig, moving, _ = scene_at(explorer)
    rings, mover = moving[-4], moving[-3]
    np.testing.assert_array_equal(mover.get_xydata(), CLOUDS[0][[history.point[last]]])
    assert rings.get_xydata().size == 0
    assert words.endswith("every one of the 40 points is on the right side.")
    _legend_clear_of(fig, fig.axes[0], CLOUDS[0])


def test_perceptron_rule_rings_the_wrong_points_and_frames_the_one_that_moved_the_line(scene_at):
    history = perceptron.learn(*CLOUDS, lr=0.1)
    explorer = figures.perceptron_rule_explorer(*CLOUDS, history)
    X, y = CLOUDS
    for update in (0, 1, 5):
        fig, moving, caption = scene_at(explorer, update=update)
        rings, mover = moving[-4], moving[-3]
        wrong = perceptron.predict(X, history.weights[update], history.biases[update]) != y
        np.testing.assert_array_equal(rings.get_xydata(), X[wrong])
        assert len(rings.get_xydata()) == history.mistakes[update]
        assert len(mover.get_xydata()) == (update > 0)
        if update:
            assert "(the point in the diamond, at " in caption and caption.endswith("(ringed).")
    # One meaning per mark: the ring of the misclassified points is the decision line's ring,
    # and the point that moved the line has a mark of its own shape and colour.
    assert rings.get_marker() == "o" and mover.get_marker() == "D"
    assert rings.get_markeredgecolor() != mover.get_markeredgecolor()
    decision, _, _ = scene_at(figures.decision_line_explorer(*CLOUDS))
    (ring,) = [line for line in decision.axes[0].get_lines() if line.get_label() == "misclassified"]
    assert (ring.get_marker(), ring.get_markeredgecolor()) == (
        rings.get_marker(), rings.get_markeredgecolor())


def test_rule_strip_shows_the_start_the_first_update_halfway_and_the_end():
    history = perceptron.learn(*CLOUDS, lr=0.1)
    last = history.updates
    fig, caption = figures._rule_strip(*CLOUDS, history, (-3.0, 3.0))
    shown = [0, 1, last // 2, last]
    assert [ax.get_title() for ax in fig.axes] == [
        f"{'start' if k == 0 else f'update {k}'}: {history.mistakes[k]} wrong" for k in shown]
    X, y = CLOUDS
    for ax, k in zip(fig.axes, shown, strict=True):
        line, rings, mover = ax.get_lines()
        np.testing.assert_allclose(line.get_xydata().T[:, :2], perceptron.decision_line(
            history.weights[k], history.biases[k], (-3.0, 3.0)))
        assert len(rings.get_xydata()) == history.mistakes[k]  # every wrong point ringed
        assert len(mover.get_xydata()) == (k > 0)  # and the one that moved the line framed
        assert (rings.get_label(), mover.get_label()) == ("misclassified",
                                                          "the point that moved the line")
    assert fig.axes[0].get_images()[0].get_array().min() == 1  # all called class 1 at the start
    assert caption == (f"The learning rule, update by update: {history.mistakes[0]} of 40 points "
                       f"wrong at the start, {history.mistakes[1]} after update 1, "
                       f"{history.mistakes[last // 2]} after update {last // 2} and 0 after "
                       f"update {last} — every point on its side.")


def test_rule_strip_of_a_run_that_never_converges_ends_with_a_full_stop():
    history = perceptron.learn(*XOR, lr=0.1, max_epochs=3)
    caption = figures.rule_strip(*XOR, history, limits=(-0.5, 1.5)).caption
    assert caption.endswith(f"{history.mistakes[-1]} after update {history.updates}.")


# --- Bad input is answered with a sentence, before any figure is built ----------------------

# (call, exception type, how the message opens: at least the argument's name)
BAD_INPUTS = {
    "activation_gallery z_range beyond what can be drawn": (
        lambda: figures.activation_gallery((0, 1e308)), ValueError, "z_range"),
    "decision_line limits beyond what can be drawn": (
        lambda: figures.decision_line_explorer(*CLOUDS, limits=(0, 1e308)), ValueError,
        "limits"),
    "activation_gallery z_range reversed": (
        lambda: figures.activation_gallery((4, -4)), ValueError, "z_range"),
    "activation_gallery z_range infinite": (
        lambda: figures.activation_gallery((-np.inf, 4)), ValueError, "z_range"),
    "points_and_line w of 3": (
        lambda: figures.points_and_line(*XOR, np.ones(3), 0.0), ValueError, "w"),
    "points_and_line X of 3 columns": (
        lambda: figures.points_and_line(np.ones((4, 3)), XOR[1]), ValueError, "X"),
    "points_and_line y not 0/1": (
        lambda: figures.points_and_line(XOR[0], np.array([0, 1, 2, 1])), ValueError, "y"),
    "points_and_line b text": (
        lambda: figures.points_and_line(*XOR, np.ones(2), "b"), TypeError, "b"),
    "points_and_line limits one number": (
        lambda: figures.points_and_line(*XOR, limits=1.5), TypeError, "limits"),
    "decision_line w off slider": (
        lambda: figures.decision_line_explorer(*CLOUDS, w=(5, 0)), ValueError, "w"),
    "decision_line b off slider": (
        lambda: figures.decision_line_explorer(*CLOUDS, b=-4.5), ValueError, "b"),
    "decision_line w of 3 weights": (
        lambda: figures.decision_line_explorer(*CLOUDS, w=(1, 1, 1)), ValueError, "w"),
    "decision_line w a number": (
        lambda: figures.decision_line_explorer(*CLOUDS, w=1.0), ValueError, "w"),
    "decision_line limits reversed": (
        lambda: figures.decision_line_explorer(*CLOUDS, limits=(3, -3)), ValueError, "limits"),
    "decision_line X with 3 columns": (
        lambda: figures.decision_line_explorer(np.ones((4, 3)), CLOUDS[1][:4]), ValueError,
        "X should have shape (n, 2)"),
    "rule_strip history a tuple": (
        lambda: figures.rule_strip(*CLOUDS, (1, 2)), TypeError, "history"),
    "rule_strip limits reversed": (
        lambda: figures.rule_strip(*CLOUDS, perceptron.learn(*CLOUDS), limits=(3, -3)),
        ValueError, "limits"),
    "perceptron_rule history a tuple": (
        lambda: figures.perceptron_rule_explorer(*CLOUDS, (1, 2)), TypeError, "history"),
    "perceptron_rule history from other data": (
        lambda: figures.perceptron_rule_explorer(*XOR, perceptron.learn(*CLOUDS)), ValueError,
        "history"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_named_before_any_figure(case, refused):
    refused(*BAD_INPUTS[case])


# Each explorer's starting value and its slider (see sliders.py).
SLIDER_CASES = {
    "decision_line w": (lambda v: figures.decision_line_explorer(*CLOUDS, w=(v, 0.5)),
                        "w", "w1", -3, 3, "linear"),
    "decision_line b": (lambda v: figures.decision_line_explorer(*CLOUDS, b=v),
                        "b", "b", -4, 4, "linear"),
}


(test_a_start_on_the_slider_builds_and_shows_that_value,
 test_a_start_off_the_slider_is_refused_naming_the_argument) = slider_tests(SLIDER_CASES, 4, 8)
