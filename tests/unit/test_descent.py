"""Gradient descent, the divergence rule and finite differences (helpers/descent.py, 04)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import curves, descent


def bowl(curvature, centre=0.0):
    """J(w) = curvature · (w − centre)² / 2, written here independently of the helpers."""
    return (lambda w: 0.5 * curvature * float(np.sum(np.square(np.subtract(w, centre)))),
            lambda w: curvature * np.subtract(w, centre))


# --- The update rule and the walk -----------------------------------------------------------

@settings(max_examples=50, deadline=None)
@given(curvature=st.floats(0.01, 100), rate=st.floats(0.001, 3.0),
       start=st.floats(-10, 10).filter(lambda v: v == 0 or abs(v) > 1e-100),
       steps=st.integers(1, 40))
def test_a_walk_on_a_quadratic_multiplies_w_by_one_minus_lr_l_each_step(curvature, rate, start,
                                                                        steps):
    lr = rate / curvature  # ηL = rate
    walk = descent.gradient_descent(*bowl(curvature), start, lr, steps)
    expected = start * (1 - rate) ** np.arange(steps + 1)  # the theory of notebook 05
    np.testing.assert_allclose(walk.path, expected, rtol=1e-9, atol=1e-12 * abs(start))
    assert walk.losses == pytest.approx([bowl(curvature)[0](w) for w in walk.path])


def test_a_walk_on_a_bowl_reaches_its_bottom_from_any_shape_of_start():
    target = np.array([[1.0, -2.0], [0.5, 3.0]])
    walk = descent.gradient_descent(*bowl(2.0, target), np.zeros((2, 2)), lr=0.25, steps=60)
    np.testing.assert_allclose(walk.final, target, atol=1e-10)
    assert walk.path.shape == (61, 2, 2) and walk.losses.shape == (61,)
    assert not walk.diverged and walk.message.startswith("60 steps: loss 14.25 → ")


def test_momentum_is_the_heavy_ball_and_decay_shrinks_each_step():
    loss, grad = bowl(3.0)
    path = descent.gradient_descent(loss, grad, 2.0, lr=0.1, steps=30, momentum=0.7).path
    # w ← w − η·∇J(w) + β·(w − previous w): the same walk, written the other way round.
    for k in range(1, 30):
        assert path[k + 1] == pytest.approx(path[k] - 0.1 * grad(path[k])
                                            + 0.7 * (path[k] - path[k - 1]))
    path = descent.gradient_descent(loss, grad, 2.0, lr=0.1, steps=30, decay=0.5).path
    for k in range(1, 31):  # step k moves by lr / (1 + decay·(k − 1)) times the gradient
        assert path[k - 1] - path[k] == pytest.approx(0.1 / (1 + 0.5 * (k - 1))
                                                      * grad(path[k - 1]))


@settings(max_examples=50, deadline=None)
@given(curvature=st.floats(0.01, 100), fraction=st.floats(0.01, 0.99),
       start=st.floats(-100, 100).filter(lambda v: abs(v) > 1e-3))
def test_below_two_over_l_the_loss_never_rises(curvature, fraction, start):
    walk = descent.gradient_descent(*bowl(curvature), start, lr=fraction * 2 / curvature, steps=50)
    assert not walk.diverged and np.all(np.diff(walk.losses) <= 1e-12 * walk.losses[0])


@settings(max_examples=40, deadline=None)
@given(curve=st.sampled_from(["parabola", "two_valleys", "wavy"]), start=st.floats(-1e30, 1e30),
       lr=st.floats(1e-6, 1e6), steps=st.integers(1, 300), momentum=st.floats(0, 0.99),
       shape=st.sampled_from([(), (3,)]))
def test_any_walk_ends_converged_or_diverged_without_a_warning(curve, start, lr, steps, momentum,
                                                               shape):
    loss, slope = getattr(curves, curve), getattr(curves, f"{curve}_slope")
    if shape:  # an array start: a loss of one number per point
        loss = (lambda f: lambda w: float(np.sum(f(w))))(loss)
    try:
        walk = descent.gradient_descent(loss, slope, np.full(shape, start), lr, steps,
                                        momentum=momentum)
    except ValueError as refused:  # only a start whose loss is beyond the bound is refused
        assert str(refused).startswith("loss(start) should be at most")
        return
    assert np.all(np.isfinite(walk.losses)) and walk.path.shape[1:] == shape
    assert walk.steps == steps or walk.stopped_early  # only an overflow ends a walk early
    assert walk.diverged_at == descent.diverged_at([*walk.losses, np.inf] if walk.stopped_early
                                                   else walk.losses)
    if walk.diverged:
        assert walk.message.startswith(f"diverged at step {walk.diverged_at}")


def test_a_walk_that_overflows_stops_there_and_says_so():
    walk = descent.gradient_descent(curves.parabola, curves.parabola_slope, 1.0, lr=5.0,
                                    steps=500)
    assert walk.stopped_early and walk.diverged_at == 1 and walk.steps < 500
    assert np.all(np.abs(walk.path) <= 1e50)
    assert walk.message.endswith(f"at step {walk.steps + 1} the numbers overflowed and the run "
                                 "stopped")


def test_a_learner_s_loss_that_returns_infinity_ends_the_walk():
    walk = descent.gradient_descent(lambda w: float(w) * 1e300 if abs(w) > 2 else 0.0,
                                    lambda w: -w, 1.0, lr=1.0, steps=10)
    assert walk.stopped_early and walk.steps == 1


# --- The divergence rule --------------------------------------------------------------------

@pytest.mark.parametrize("losses, step", [
    ([1.0, 0.5, 0.1], None),                    # converging
    ([1.0, 40.0, 30.0, 0.5], None),             # a spike that comes back down: not diverged
    ([1.0, 2.0, 4.0, 8.0, 16.0], 1),            # above the start from step 1, ending above 10×
    ([1.0, 0.5, 3.0, 0.9, 20.0, 50.0], 4),      # last back down at step 3
    ([1.0, 0.5, 2.0, 9.0], None),               # ended above its start, but not 10×
    ([1.0, 0.5, np.inf], 2),                    # overflowed
    ([1.0, np.nan], 1),                         # stopped being a number
    ([np.nan], 0),                              # never a number
    ([1e308, 1e308], None),                     # huge, and level: no overflow in the rule
])
def test_the_divergence_rule(losses, step):
    assert descent.diverged_at(losses) == step


# --- Finite differences and the gradient check ----------------------------------------------

def test_the_gradient_check_tells_right_from_wrong():
    def f(w):
        return float(np.sum(w**3))

    right = descent.gradient_check(f, lambda w: 3 * w**2, np.array([0.5, -1.0, 2.0]))
    wrong = descent.gradient_check(f, lambda w: 2 * w, np.array([0.5, -1.0, 2.0]))
    assert right.passed and right.relative_error < 1e-8 and "✓" in right.message
    assert not wrong.passed and wrong.relative_error > 0.1 and "✗" in wrong.message


def test_numerical_gradient_nudges_a_float_array_in_place_and_puts_it_back():
    w = np.array([1.0, -2.0])
    seen = []
    grad = descent.numerical_gradient(lambda _: float(seen.append(w.copy()) or np.sum(w**2)), w)
    np.testing.assert_allclose(grad, [2.0, -4.0], rtol=1e-6)
    assert any(not np.array_equal(s, [1.0, -2.0]) for s in seen)  # f saw the nudges in w itself
    np.testing.assert_array_equal(w, [1.0, -2.0])
    np.testing.assert_allclose(descent.numerical_gradient(lambda v: float(np.sum(v**2)),
                                                          [1.0, -2.0]), [2.0, -4.0], rtol=1e-6)


def test_a_numerical_slope_is_the_central_difference():
    assert descent.numerical_slope(np.exp, 0.0) == pytest.approx(1.0, rel=1e-9)
    assert descent.numerical_slope(np.abs, 0.0) == 0.0  # symmetric: the kink cancels


def test_gradients_as_large_as_the_bound_are_compared_without_overflow():
    check = descent.compare_gradients([1e50, -1e50], [1e50, -1e50])
    assert check.relative_error == 0 and check.passed


# --- Each door names the argument -----------------------------------------------------------

P, S = curves.parabola, curves.parabola_slope


@pytest.mark.parametrize("call, words", [
    (lambda: descent.update(np.ones(2), np.ones(3), 0.1), r"grad should have shape \(2,\)"),
    (lambda: descent.update(1.0, 2.0, float("nan")), "lr should be a finite number"),
    (lambda: descent.diverged_at([]), "losses is empty"),
    (lambda: descent.numerical_slope("f", 1.0), "f should be a function"),
    (lambda: descent.numerical_slope(lambda x: [x, x], 1.0), r"f\(x \+ h\) should be a number"),
    (lambda: descent.numerical_gradient(np.sum, np.array([1, 2])), "w should be an array of "
     "float64"),
    (lambda: descent.compare_gradients(np.ones(2), np.ones(3)), "numerical should have shape"),
    (lambda: descent.gradient_check(P, lambda w: np.ones(3), 1.0), r"grad\(w\) should have"),
    (lambda: descent.gradient_descent(P, S, 1.0, 0.1, 10, momentum=1.0), "momentum should be "
     "at least 0 and below 1"),
    (lambda: descent.gradient_descent(lambda w: "low", S, 1.0, 0.1, 10), r"loss\(start\) should "
     "be a number"),
    (lambda: descent.gradient_descent(P, lambda w: np.ones(4), 1.0, 0.1, 10), r"grad\(w\) should "
     r"have shape \(\)"),
], ids=["update", "update lr", "diverged_at", "numerical_slope", "numerical_slope f",
        "numerical_gradient", "compare_gradients", "gradient_check", "gradient_descent",
        "gradient_descent loss", "gradient_descent grad"])
def test_each_door_names_the_argument(call, words):
    with pytest.raises((ValueError, TypeError), match=f"^{words}"):
        call()
