"""Notebook 04's quantitative sentences, each recomputed through helpers (tests/course/claims.py).
Where a run could depend on rounding, the claim is held at nearby starts too (a start nudged by
1e-12, other seeds).
"""

import inspect

import numpy as np
from claims import Claim, claim_tests, load

from helpers import curves, data, descent, losses, network, training
from helpers.check import _gradient_descent as checks
from helpers.figures import catalogue
from helpers.figures import gradient_descent as figures

NOTEBOOK = "04_gradient_descent.ipynb"
NUDGES = (0.0, 1e-12, -1e-12)


def _moons_run(**kwargs):
    X, y = data.two_moons(n=100, noise=0.15)
    net = network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)
    return training.train(net, X, y, lr=1.0, steps=1000, **kwargs), X, y


def _code_cell(words):
    """The one code cell of the notebook whose source holds `words`."""
    (cell,) = [c for c in load(NOTEBOOK).cells if c.cell_type == "code" and words in c.source]
    return cell.source


# --- Slopes and walks -----------------------------------------------------------------------


def the_loop_and_the_picture_walk_the_same_walk():
    w = 1.8
    for _ in range(25):
        w = w - 0.1 * 2 * w
    walk = descent.gradient_descent(curves.parabola, curves.parabola_slope, start=1.8, lr=0.1,
                                    steps=25)
    assert float(walk.final) == w
    caption = catalogue.explorers()["04 parabola descent"]().snapshot().caption
    assert caption.startswith(f"Step 25 of 25 at η = 0.1: w = {w:+.3f}"), caption
    assert "w = 1.8 " in _code_cell("for _ in range(25)")


def parabola_steps_shrink():
    walk = descent.gradient_descent(curves.parabola, curves.parabola_slope, start=1.8, lr=0.1,
                                    steps=25)
    lengths = np.abs(np.diff(np.asarray(walk.path, dtype=float).reshape(-1)))
    assert np.all(np.diff(lengths) < 0)  # every step shorter than the one before
    slopes = np.abs(curves.parabola_slope(np.asarray(walk.path, dtype=float)))
    assert np.all(np.diff(slopes) < 0)


def tangent_slopes_agree_at_every_slider_position():
    slider = catalogue.explorers()["04 tangent"]().controls["x"]  # its frames, made in advance
    positions = [float(option[1] if isinstance(option, tuple) else option)
                 for option in slider.options]
    assert len(positions) > 100 and min(positions) == -4 and max(positions) == 4
    for x in positions:
        exact = curves.wavy_slope(x)
        measured = descent.numerical_slope(curves.wavy, x)
        assert f"{exact:+.6f}" == f"{measured:+.6f}", x
        assert abs(exact - measured) < 1e-10, x


def _valley_end(start):
    return float(descent.gradient_descent(curves.two_valleys, curves.two_valleys_slope,
                                          start=start, lr=0.05, steps=60).final)


def _minima():
    w = np.linspace(-2, 2, 400_001)
    J = curves.two_valleys(w)
    left, right = w[w < 0][np.argmin(J[w < 0])], w[w > 0][np.argmin(J[w > 0])]
    hump = w[(w > left) & (w < right)][np.argmax(J[(w > left) & (w < right)])]
    return left, hump, right


def two_valleys_deep_left_shallow_right():
    left, hump, right = _minima()
    assert left < hump < right
    assert curves.two_valleys(left) < curves.two_valleys(right) < curves.two_valleys(hump)


def the_prediction_is_asked_of_the_walk_the_notebook_shows():
    assert checks.VALLEY_START == 0.05 > 0 and checks.VALLEY_LR == 0.05
    assert checks.VALLEY_STEPS == 60
    source = _code_cell("valleys = figures.descent_1d_explorer")
    assert "lr=0.05, steps=60, start=0.05" in source


def the_hump_divides_the_valleys():
    left, hump, right = _minima()
    assert round(hump, 3) == 0.075
    slider = catalogue.explorers()["04 two valleys"]().controls["start"]
    starts = np.round(np.arange(slider.min, slider.max + slider.step / 2, slider.step), 2)
    assert len(starts) > 50
    for start in starts:
        for nudge in NUDGES:
            end = _valley_end(start + nudge)
            assert abs(end - (left if start < hump else right)) < 1e-3, start


def the_path_rushes_then_crawls():
    x, y = data.noisy_line(n=20)
    walk = descent.gradient_descent(lambda w: losses.line_mse(x, y, w[0], w[1]),
                                    lambda w: losses.line_loss_grad(x, y, w[0], w[1]),
                                    start=[-0.5, 2.5], lr=0.3, steps=60)
    lengths = np.linalg.norm(np.diff(walk.path, axis=0), axis=1)
    assert lengths[:5].mean() > 10 * lengths[-5:].mean()


def descent_nears_least_squares_but_only_more_steps_reach_it():
    x, y = data.noisy_line(n=20)
    exact = np.array(losses.least_squares_line(x, y))

    def walk(steps, nudge):
        return np.asarray(descent.gradient_descent(
            lambda w: losses.line_mse(x, y, w[0], w[1]),
            lambda w: losses.line_loss_grad(x, y, w[0], w[1]),
            start=[-0.5 + nudge, 2.5], lr=0.3, steps=steps).final)

    for nudge in NUDGES:
        after_60, after_300 = walk(60, nudge), walk(300, nudge)
        assert np.all(np.abs(after_60 - exact) < 0.01)  # close
        assert np.all(np.round(after_60, 3) != np.round(exact, 3))  # the third decimals differ
        assert np.array_equal(np.round(after_300, 6), np.round(exact, 6))


# --- Backpropagation by hand ------------------------------------------------------------------


def _notebook_chain():
    """The chain cell's numbers, run as the notebook runs them."""
    names = {"np": np, "descent": descent}
    source = _code_cell("def chain(")
    exec(compile(source.split("z1, a1, z2, p, J = chain")[0], NOTEBOOK, "exec"), names)  # noqa: S102
    return names


def the_local_slopes_are_the_links_slopes():
    names = _notebook_chain()
    c = {k: names[k] for k in ("x", "y", "w1", "b1", "w2", "b2")}
    assert c == checks.CHAIN  # the check asks about the chain the notebook shows
    n = checks.chain_nodes(**c)
    h = 1e-6
    links = [  # (a link's slope by central differences, the notebook's formula)
        ((c["w1"] + h) * c["x"] - (c["w1"] - h) * c["x"], 2 * h * c["x"]),
        (np.tanh(n["z1"] + h) - np.tanh(n["z1"] - h), 2 * h * (1 - n["a1"] ** 2)),
        (((c["w2"] + h) - (c["w2"] - h)) * n["a1"], 2 * h * n["a1"]),
    ]
    for measured, formula in links:
        assert abs(measured - formula) < 1e-9

    def J(z2):  # the last two links, z₂ → p = σ(z₂) → J
        p = 1 / (1 + np.exp(-z2))
        return -(c["y"] * np.log(p) + (1 - c["y"]) * np.log(1 - p))

    assert abs(J(n["z2"]) - n["J"]) < 1e-12
    assert abs(descent.numerical_slope(J, n["z2"]) - (n["p"] - c["y"])) < 1e-8
    # The chain's own function, the check and the picture give the same nodes.
    z1, a1, z2, p, J_value = names["chain"](**c)
    assert np.allclose([z1, a1, z2, p, J_value], [n[k] for k in ("z1", "a1", "z2", "p", "J")])
    caption = figures.chain_diagram(**c).caption
    assert f"z₁ = {z1:.3f}, a₁ = {a1:.3f}, z₂ = {z2:.3f}, p = {p:.3f} and J = {J_value:.3f}" \
        in caption


def the_two_examples_pull_the_bias_both_ways():
    names = _notebook_chain()
    c = checks.CHAIN
    xs, ys = np.array([2.0, -1.0]), np.array([1.0, 0.0])
    assert "np.array([2.0, -1.0]), np.array([1.0, 0.0])" in _code_cell("xs, ys =")
    z1, a1, z2, p, J = names["chain"](xs, ys, c["w1"], c["b1"], c["w2"], c["b2"])
    slopes = (p - ys) / 2
    assert slopes[0] < 0 < slopes[1]  # the first pulls b₂ up, the second down
    measured = descent.numerical_slope(
        lambda b: names["chain"](xs, ys, c["w1"], c["b1"], c["w2"], b)[-1], c["b2"])
    assert abs(slopes.sum() - measured) < 1e-8


# --- The matrix form and the gradient check -----------------------------------------------


def the_helpers_are_the_three_formulas():
    body = inspect.getsource(network.Dense.backward).split('"""')[-1]
    lines = [line.split("#")[0].strip() for line in body.strip().splitlines()]
    assert lines == ["self.grad_W = self.X.T @ grad_Z", "self.grad_b = grad_Z.sum(axis=0)",
                     "return grad_Z @ self.W.T"]
    assert "g_slope(self.layers[k - 1].Z)" in inspect.getsource(network.Network.backward)
    assert "net.backward(((p - y) / len(y))[:, None])" in inspect.getsource(training.gradients)


def the_batch_has_nine_points():
    X, y = data.two_moons(n=100, noise=0.15)
    assert len(X[::12]) == len(y[::12]) == 9
    assert "(2, 3, 1)" in _code_cell("check_backpropagation")


def backpropagation_agrees_to_nine_digits_at_nearby_starts():
    X, y = data.two_moons(n=100, noise=0.15)
    for seed in range(5):
        for nudge in NUDGES:
            net = network.Network.random((2, 3, 1), activation="tanh", output="sigmoid",
                                         seed=seed)
            net.layers[0].W[0, 0] += nudge
            results = training.check_backpropagation(net, X[::12], y[::12])
            assert all(result.relative_error < 1e-9 for _, result in results), seed


# --- Training -------------------------------------------------------------------------------


def training_runs_on_a_hundred_points_with_eight_neurons():
    X, _ = data.two_moons(n=100, noise=0.15)
    net = network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)
    assert X.shape[0] == 100 and net.sizes[1] == 8


def the_random_network_is_unsure_everywhere():
    run, _, _ = _moons_run(snapshot_every=10, limits=(-1.5, 2.5))
    assert np.all(np.abs(run.snapshots[0] - 0.5) < 0.25)
    assert run.accuracies[1000] == 1.0


def the_loss_has_a_plateau():
    run, _, _ = _moons_run()
    L = run.losses
    assert (round(L[0], 2), round(L[10], 2), round(L[60], 2)) == (0.70, 0.31, 0.27)
    assert np.all((L[10:61] < 0.315) & (L[10:61] > 0.265))
    # Fast, then slow, then faster again: the mean fall per step in each stretch.
    fast, plateau, again = -np.diff(L[:11]).mean(), -np.diff(L[10:61]).mean(), \
        -np.diff(L[60:201]).mean()
    assert fast > 10 * again > 10 * plateau


CLAIMS = [
    Claim("the algorithm is five lines; the picture follows the same walk",
          the_loop_and_the_picture_walk_the_same_walk),
    Claim("the first steps are long, the later ones short, because the slope shrinks as $w$ "
          "nears the bottom.", parabola_steps_shrink),
    Claim("The title's two slopes agree in all six printed decimals; at every slider position "
          "they differ by less than $10^{-10}$.", tangent_slopes_agree_at_every_slider_position),
    Claim("a deep one on the left, a shallow one on the right, a hump between.",
          two_valleys_deep_left_shallow_right),
    Claim("Descent starts at $w = 0.05$, just right of the middle, with learning rate 0.05.",
          the_prediction_is_asked_of_the_walk_the_notebook_shows),
    Claim("The hump's top is at $w \\approx 0.075$, not at 0: the $0.3\\,w$ tilts the curve. "
          "Every start on the slider left of it reaches the deep, **global** minimum; every "
          "start right of it, the shallow valley, only a **local minimum**.",
          the_hump_divides_the_valleys),
    Claim("The path first rushes down the steep walls, then turns and follows the long, gently "
          "sloping valley floor towards the star", the_path_rushes_then_crawls),
    Claim("close to the exact answer after 60 steps, not on it (the third decimals differ); "
          "after 300 steps they agree to six decimals.",
          descent_nears_least_squares_but_only_more_steps_reach_it),
    Claim("Each link has a **local slope**", the_local_slopes_are_the_links_slopes),
    Claim("The first example pulls $b_2$ up (its slope is negative; descent steps against it), "
          "the second pulls it down", the_two_examples_pull_the_bias_both_ways),
    Claim("`Dense.backward` is the three formulas, a line each; `Network.backward` applies",
          the_helpers_are_the_three_formulas),
    Claim("For a 2-3-1 network on a batch of nine points", the_batch_has_nine_points),
    Claim("Every relative error is below $10^{-9}$: formulas and measurement agree to nine "
          "digits or more", backpropagation_agrees_to_nine_digits_at_nearby_starts),
    Claim("A network with 8 tanh neurons in its hidden layer starts from small random weights; "
          "each training step runs the forward pass on all 100 points",
          training_runs_on_a_hundred_points_with_eight_neurons),
    Claim("At step 0 the random network is unsure everywhere; after 1000 steps the region wraps "
          "around the moons.", the_random_network_is_unsure_everywhere),
    Claim("The loss falls fast at first, from 0.70 to 0.31 in the first 10 steps, then lingers "
          "between 0.31 and 0.27 until about step 60, a plateau where the network is "
          "\"deciding\" how to bend, then falls again.", the_loss_has_a_plateau),
]

test_in_one_cell, test_holds, test_every_number = claim_tests(NOTEBOOK, CLAIMS)
