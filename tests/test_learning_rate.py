import numpy as np
import pytest

from helpers import data, descent, learning_rate, network


@pytest.mark.parametrize("curvature", [0.25, 0.5, 1.0, 3.0, 10.0, 40.0])
def test_measured_threshold_matches_two_over_curvature(curvature):
    loss, grad = learning_rate.quadratic(curvature)
    measured = learning_rate.stability_threshold(loss, grad, start=1.0)
    assert measured == pytest.approx(2 / curvature, rel=1e-3)
    assert learning_rate.theoretical_threshold(curvature) == 2 / curvature


def test_the_steepest_direction_sets_the_bowl_threshold():
    loss, grad = learning_rate.bowl((1.0, 10.0))
    measured = learning_rate.stability_threshold(loss, grad, start=np.array([-2.0, 1.0]))
    assert measured == pytest.approx(0.2, rel=0.01)


@pytest.mark.parametrize("lr, regime", [
    (0.01, "slow"), (0.1, "fast"), (1.0, "fast"), (1.5, "oscillating"), (1.9, "oscillating"),
    (2.1, "diverging"), (10.0, "diverging"),
])
def test_regimes_on_the_unit_parabola(lr, regime):
    loss, grad = learning_rate.quadratic(1.0)
    walk = descent.gradient_descent(loss, grad, start=1.5, lr=lr, steps=30)
    assert learning_rate.classify_regime(walk) == regime


def test_one_step_at_one_over_curvature():
    loss, grad = learning_rate.quadratic(4.0)
    walk = descent.gradient_descent(loss, grad, start=3.0, lr=0.25, steps=1)
    assert walk.losses[-1] == 0


def test_descent_on_convex_quadratics_is_monotone_below_two_over_curvature():
    loss, grad = learning_rate.quadratic(2.0)
    for lr in np.linspace(0.01, 0.99, 12):  # below 2/L = 1
        walk = descent.gradient_descent(loss, grad, start=2.0, lr=lr, steps=40)
        assert np.all(np.diff(walk.losses) <= 1e-15)


@pytest.mark.parametrize("curvature", [0.5, 4.0, 20.0])
def test_range_test_on_a_known_answer(curvature):
    loss, grad = learning_rate.quadratic(curvature)
    test = learning_rate.range_test_function(loss, grad, 1.0, lr_min=1e-4, lr_max=1e3, steps=120)
    edge = 2 / curvature
    assert edge / 1.2 < test.best_lr <= edge
    assert edge < test.blow_up_lr < 2 * edge
    assert test.suggested_lr == pytest.approx(test.best_lr / 10)
    assert test.suggested_lr < edge


def test_range_test_on_the_course_network_suggests_a_rate_that_trains():
    from helpers import training

    X, y = data.two_moons(n=100)
    net = network.Network.random((2, 8, 1), seed=0)
    test = learning_rate.range_test_network(net, X, y)
    assert test.blow_up_lr is not None and test.suggested_lr < test.blow_up_lr / 5
    run = training.train(net, X, y, test.suggested_lr, 200)
    assert not run.diverged and run.losses[-1] < 0.3 * run.losses[0]
    assert "suggested η" in test.message


@pytest.mark.parametrize("call, message", [
    (lambda: learning_rate.quadratic(0), "curvature should be a positive number"),
    (lambda: learning_rate.quadratic(float("inf")), "curvature should be a finite number"),
    (lambda: learning_rate.bowl((1.0,)), "two numbers"),
    (lambda: learning_rate.stability_threshold(*learning_rate.quadratic(1.0), 1.0, low=5.0),
     "does not converge even at low"),
    (lambda: learning_rate.stability_threshold(*learning_rate.quadratic(1.0), 1.0, high=1.0),
     "still converges at high"),
    (lambda: learning_rate.range_test(lambda lr: 0.0, lr_min=1.0, lr_max=0.1),
     "lr_max should be above lr_min"),
    (lambda: learning_rate.range_test(lambda lr: 0.0, steps=1), "steps should be at least 2"),
])
def test_bad_learning_rate_arguments_are_explained(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()
