"""The checks at the door (helpers/_validate.py), each rule once. Every other module's tests
only show that its doors name the argument; the rules themselves are tested here."""

import numpy as np
import pytest

from helpers import _validate as v

LARGE = 1e51  # beyond LARGEST


# --- array: what may come in, in what shape, with which numbers -----------------------------

@pytest.mark.parametrize("value, error, words", [
    (None, TypeError, "should be an array of numbers, got None"),
    ("1.0", TypeError, "should be an array of numbers"),
    (b"1", TypeError, "should be an array of numbers"),
    (1 + 2j, TypeError, "should be an array of real numbers"),
    (np.array(["a"]), TypeError, "should be an array of real numbers"),
    ([[1.0], [2.0, 3.0]], TypeError, "should be an array of real numbers"),
    ([10**400], TypeError, "should be an array of real numbers"),
    (object(), TypeError, "should be an array of real numbers"),
    ([np.nan], ValueError, "contains NaN or infinity"),
    ([1.0, np.inf], ValueError, "contains NaN or infinity"),
])
def test_array_refuses_what_is_not_finite_real_numbers(value, error, words):
    with pytest.raises(error, match=f"^a {words}"):
        v.array(value, "a", ndim=None)


def test_array_gives_a_float_copy_and_takes_bools_and_ints():
    original = np.array([1, 2])
    result = v.array(original, "a", ndim=1)
    assert result.dtype == np.float64 and result.tolist() == [1.0, 2.0]
    result[0] = 9
    assert original[0] == 1
    assert v.array([True, False], "a", ndim=1).tolist() == [1.0, 0.0]


@pytest.mark.parametrize("kwargs, value, words", [
    ({"ndim": 1}, np.ones((2, 2)), r"should be 1-D, got shape \(2, 2\)"),
    ({"ndim": (0, 1)}, np.ones((2, 2)), "should be 0-D or 1-D"),
    ({"ndim": 2, "columns": 3}, np.ones((4, 2)), r"should have shape \(n, 3\)"),
    ({"ndim": None, "columns": 3}, np.ones((1, 4, 2)), r"should have shape \(…, 3\)"),
    ({"ndim": None, "shape": (2,)}, np.ones(3), r"should have shape \(2,\), got \(3,\)"),
    ({"ndim": 1, "empty": False}, [], "is empty"),
    ({"ndim": 1, "within": (0, 1)}, [0.5, 1.5], "should hold values from 0 to 1"),
])
def test_array_checks_the_shape_and_range_asked_for(kwargs, value, words):
    with pytest.raises(ValueError, match=f"^a {words}"):
        v.array(value, "a", **kwargs)


def test_array_allows_an_empty_array_unless_told_not_to():
    assert v.array([], "a", ndim=1).shape == (0,)


@pytest.mark.parametrize("values, allowed, refused, error", [
    ("finite", [1e308], [np.inf, np.nan], ValueError),
    ("bounded", [1e50, -1e50], [LARGE, -np.inf, np.nan], v.OutOfRange),
    ("real", [np.inf, -np.inf, 1e308], [np.nan], ValueError),
    ("any", [np.inf, np.nan, 1e308], [], None),
])
def test_array_values_modes(values, allowed, refused, error):
    for number in allowed:
        v.array([0.0, number], "a", ndim=1, values=values)
    for number in refused:
        with pytest.raises(error, match="^a ") as caught:
            v.array([0.0, number], "a", ndim=1, values=values)
        assert type(caught.value) is error


def test_out_of_range_is_a_value_error_for_the_learner_and_ends_a_run_as_an_overflow():
    with pytest.raises(FloatingPointError):
        v.array([LARGE], "w", ndim=1, values="bounded")
    with pytest.raises(ValueError, match="w holds a number too large"):
        v.array([LARGE], "w", ndim=1, values="bounded")


def test_points_and_labels():
    with pytest.raises(ValueError, match="^X has no rows"):
        v.points(np.empty((0, 2)))
    with pytest.raises(ValueError, match=r"^y should have one value per example \(3\), got 2"):
        v.labels([0, 1], 3)
    with pytest.raises(ValueError, match="^y should contain only 0 and 1"):
        v.labels([0, 2], 2)
    assert v.labels([0.5, 2.0], 2, binary=False).tolist() == [0.5, 2.0]


# --- numbers -------------------------------------------------------------------------------

@pytest.mark.parametrize("value, error, words", [
    (None, TypeError, "should be a number, got None"),
    ("1", TypeError, "should be a number, got '1'"),
    (True, TypeError, "should be a number, got True"),
    (np.bool_(True), TypeError, "should be a number"),
    (1 + 0j, TypeError, "should be a number"),
    ([1.0], TypeError, "should be a number"),
    (np.array([1.0]), TypeError, "should be a number"),
    (float("nan"), ValueError, "should be a finite number, got nan"),
    (float("-inf"), ValueError, "should be a finite number, got -inf"),
    (10**400, ValueError, "should be a finite number, got one too large for a float"),
])
def test_number_refuses_what_is_not_one_finite_real_number(value, error, words):
    with pytest.raises(error, match=f"^x {words}"):
        v.number(value, "x")


def test_number_takes_numpy_numbers_and_zero_d_arrays():
    assert v.number(np.float32(0.5), "x") == 0.5
    assert v.number(np.array(2), "x") == 2.0
    assert type(v.number(np.int64(3), "x")) is float


def test_number_limits_and_bounds():
    assert v.number(0.0, "x", low=0) == 0.0
    with pytest.raises(ValueError, match="^x should be at least 0 and below 1, got 1$"):
        v.number(1.0, "x", low=0, below=1)
    with pytest.raises(ValueError, match="^x should be at least 2, got 1$"):
        v.number(1.0, "x", low=2)
    assert v.number(1e300, "x") == 1e300
    with pytest.raises(v.OutOfRange, match="^x should be at most 1e[+]50 in size"):
        v.number(1e300, "x", bounded=True)
    with pytest.raises(v.OutOfRange, match="^x should be a finite number"):
        v.number(10**400, "x", bounded=True)


def test_positive():
    for value in (0, -1.0):
        with pytest.raises(ValueError, match="^lr should be a positive number"):
            v.positive(value, "lr")
    assert v.positive(1e-300, "lr") == 1e-300
    with pytest.raises(ValueError, match="^lr should be at least 1e-50"):
        v.bounded_positive(1e-300, "lr")
    with pytest.raises(v.OutOfRange):
        v.bounded_positive(LARGE, "lr")


@pytest.mark.parametrize("value, error, words", [
    (2.0, TypeError, "should be a whole number, got 2.0"),
    (True, TypeError, "should be a whole number, got True"),
    ("3", TypeError, "should be a whole number"),
    (0, ValueError, "should be at least 1, got 0"),
    (101, ValueError, "should be at most 100, got 101: more would take too long"),
    (10**400, ValueError, "should be at most 100"),
])
def test_count(value, error, words):
    with pytest.raises(error, match=f"^n {words}"):
        v.count(value, "n", maximum=100)


def test_count_says_why_more_is_refused_and_takes_numpy_integers():
    with pytest.raises(ValueError, match="^n should be at most 5, got 6: X has 5 examples$"):
        v.count(6, "n", maximum=5, why="X has 5 examples")
    assert v.count(np.int64(3), "n") == 3


@pytest.mark.parametrize("value, kwargs, error, words", [
    ("ab", {}, TypeError, "should be a pair of numbers"),
    ((1.0, 2.0, 3.0), {}, TypeError, "should be a pair of numbers"),
    (None, {}, TypeError, "should be a pair of numbers"),
    ((2.0, 1.0), {}, ValueError, r"should have low < high, got \(2, 1\)"),
    ((1.0, 1.0), {}, ValueError, "should have low < high"),
    ((0.0, np.nan), {}, ValueError, "should be a finite number"),
    ((0.0, 1.0), {"positive_ends": True}, ValueError, "should be a positive number"),
    ((0.0, 1e300), {"bounded": True}, v.OutOfRange, "should be at most 1e[+]50"),
])
def test_interval(value, kwargs, error, words):
    with pytest.raises(error, match=f"^limits {words}"):
        v.interval(value, "limits", **kwargs)


def test_function_and_choice():
    with pytest.raises(TypeError, match="^f should be a function, got 3"):
        v.function(3, "f")
    with pytest.raises(ValueError, match="^kind should be one of a, b; got 'c'"):
        v.choice("c", "kind", ("a", "b"))
    with pytest.raises(ValueError, match="^kind should be one of a, b; got None"):
        v.choice(None, "kind", ("a", "b"))


# --- The named checks of the doors ---------------------------------------------------------

@pytest.mark.parametrize("check, good, bad, words", [
    (v.steps, 100_000, 100_001, "should be at most 100,000"),
    (v.seed, 0, -1, "should be at least 0"),
    (v.resolution, 2, 1, "should be at least 2"),
    (v.non_negative, 0.0, -0.1, "should be at least 0"),
    (v.fraction, 0.0, 1.0, "should be at least 0 and below 1"),
    (v.bounded_number, -1e50, LARGE, "should be at most 1e[+]50 in size"),
    (v.bounded_interval, (-1e50, 1e50), (0, LARGE), "should be at most"),
    (v.rates, (1e-3, 10.0), (0.0, 1.0), "should be a positive number"),
    (v.reals, [np.inf], [np.nan], "contains NaN"),
    (v.numbers, 1e50, [LARGE], "holds a number too large"),
    (v.matrix, np.ones((2, 3)), np.ones(3), "should be 2-D"),
    (v.vector, [1.0], [], "is empty"),
    (v.probabilities, [0.0, 1.0], [1.5], "should hold values from 0 to 1"),
    (v.losses, [np.nan, np.inf], [], "is empty"),
    (v.examples, np.ones((1, 2)), np.full((1, 2), LARGE), "holds a number too large"),
    (v.layer_sizes, (2, 8, 1), (2,), r"should be at least 2"),
    (v.layer_sizes, (2, 8, 1), (2, 1001), "should be at most 1,000"),
    (v.layer_sizes, (2, 8, 1), (2, 2.0), "should be a whole number"),
    (v.layer_sizes, (2, 8, 1), "abc", "should be an array of numbers"),
])
def test_named_checks(check, good, bad, words):
    check(good, "arg")
    with pytest.raises((ValueError, TypeError), match=f"^(len\\()?arg\\)? {words}"):
        check(bad, "arg")


def test_checks_against_another_argument():
    X = np.ones((3, 2))
    assert v.like([1.0, 2.0], "grad", np.ones(2)).tolist() == [1.0, 2.0]
    with pytest.raises(ValueError, match=r"^grad should have shape \(2,\), got \(3,\)"):
        v.like(np.ones(3), "grad", np.ones(2))
    with pytest.raises(ValueError, match="^y should contain only 0 and 1"):
        v.targets_for([0, 1, 2], "y", X)
    with pytest.raises(ValueError, match=r"^y should have one value per example \(3\)"):
        v.one_per([1.0], "y", X)
    with pytest.raises(ValueError, match=r"^b should have shape \(2,\)"):
        v.one_per_column(np.ones(3), "b", np.ones((4, 2)))

    class Model:
        inputs = 3

    with pytest.raises(ValueError, match=r"^X should have shape \(n, 3\)"):
        v.batch_for(X, "X", Model())


def test_like_Z_wants_the_forward_pass_first():
    class Layer:
        Z = None

    layer = Layer()
    with pytest.raises(ValueError, match="^call forward before backward"):
        v.like_Z(np.ones((2, 1)), "grad_Z", layer)
    layer.Z = np.ones((2, 1))
    assert v.like_Z(np.zeros((2, 1)), "grad_Z", layer).shape == (2, 1)


def test_optional_lets_none_through():
    assert v.optional(v.count)(None, "n") is None
    with pytest.raises(ValueError, match="^n should be at least 1"):
        v.optional(v.count)(0, "n")


def test_nudgeable_is_the_array_itself_or_a_float_copy():
    w = np.array([1.0, 2.0])
    assert v.nudgeable(w, "w") is w
    assert v.nudgeable([1, 2], "w").dtype == np.float64
    with pytest.raises(TypeError, match="^w should be an array of float64 numbers.*astype"):
        v.nudgeable(np.array([1, 2]), "w")
    with pytest.raises(ValueError, match="^the number of entries of w should be at most 3"):
        v.nudgeable(np.zeros(4), "w", maximum=3)


# --- The door: arguments -------------------------------------------------------------------

@v.arguments(X=v.examples, y=(v.targets_for, "X"), lr=v.bounded_positive)
def door(X, y, lr=0.1, note="left alone"):
    """A function behind a door."""
    return X, y, lr, note


def test_the_door_checks_each_named_argument_in_order_against_the_checked_ones():
    X, y, lr, note = door([[1, 2]], [1], lr=0.5, note=object)
    assert isinstance(X, np.ndarray) and X.dtype == float and y.tolist() == [1.0]
    assert lr == 0.5 and note is object  # an argument without a check is passed as it is
    assert door(np.ones((1, 2)), [0], 0.2, "n")[2] == 0.2  # every argument by position
    with pytest.raises(ValueError, match=r"^y should have one value per example \(1\)"):
        door([[1, 2]], [1, 0])
    with pytest.raises(TypeError, match="^X should be an array"):
        door(None, [1])


def test_the_door_trusts_defaults_and_leaves_odd_calls_to_python():
    assert door([[1.0, 2.0]], [0])[2] == 0.1
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'y'"):
        door([[1.0, 2.0]])
    with pytest.raises(TypeError, match="multiple values for argument 'X'"):
        door([[1.0, 2.0]], [0], X=1)
    with pytest.raises(TypeError, match="unexpected keyword argument 'z'"):
        door([[1.0, 2.0]], [0], z=1)
    with pytest.raises(TypeError, match="takes from 2 to 4 positional arguments"):
        door(1, 2, 3, 4, 5)


@v.arguments(steps=v.whole(minimum=2))
def by_name(lr, steps, seed=0, size=-1):
    return lr, steps, seed, size


def test_the_door_checks_a_glossary_word_by_its_name_unless_it_names_another_check():
    assert by_name(0.5, 3, 7, size="anything") == (0.5, 3, 7, "anything")
    with pytest.raises(ValueError, match="^lr should be a positive number"):
        by_name(-0.5, 3)
    with pytest.raises(TypeError, match="^seed should be a whole number"):
        by_name(0.5, 3, seed=1.5)
    with pytest.raises(ValueError, match="^steps should be at least 2"):  # its own check
        by_name(0.5, 1)


def test_the_door_keeps_the_function_s_name_and_words():
    assert door.__name__ == "door" and door.__doc__ == "A function behind a door."


# --- The doors that know a course object ----------------------------------------------------

def test_the_doors_of_networks_runs_and_bowls():
    from helpers import data, learning_rate, minibatch, network

    net = network.Network.random((2, 3, 1), seed=0)
    X, y = data.two_moons(n=10)
    assert v.classifier(net, "net") is net
    with pytest.raises(TypeError, match="^net should be a Network, got str"):
        v.classifier("net", "net")
    with pytest.raises(ValueError, match="^net should end in one sigmoid neuron"):
        v.classifier(network.Network.random((2, 3, 2)), "net")
    assert set(v.CLASSIFIER_BATCH) == {"net", "X", "y"}
    with pytest.raises(TypeError, match="^test should be a pair"):
        v.held_out(X, "test", net)
    with pytest.raises(ValueError, match=r"^X_test should have shape \(n, 2\)"):
        v.held_out((np.ones((3, 3)), np.ones(3)), "test", net)
    with pytest.raises(TypeError, match="^layers should be a non-empty list of Dense layers"):
        v.layers([net], "layers")
    runs = minibatch.sgd_grid(net, X, y, (5,), (0.1,), 1)
    assert v.sgd_runs(runs, "runs") is runs and v.batch_size_in(5, "size", runs) == 5
    with pytest.raises(ValueError, match=r"^size should be one of the batch sizes of the runs, "
                                         r"\[5\], got 4"):
        v.batch_size_in(4, "size", runs)
    with pytest.raises(TypeError, match="^runs should be what sgd_grid returns"):
        v.sgd_runs({(5, 0.1): 1.0}, "runs")
    parabola, bowl = learning_rate.quadratic(1.0), learning_rate.quadratic((1.0, 2.0))
    assert v.point_of(np.ones((2, 3)), "w", parabola).shape == (2, 3)  # any shape, one L
    with pytest.raises(ValueError, match=r"^w should have shape \(2,\)"):
        v.point_of(np.ones(3), "w", bowl)
    with pytest.raises(ValueError, match=r"^points should have shape \(…, 2\)"):
        v.points_of(np.ones((4, 5, 3)), "points", bowl)


@pytest.mark.parametrize("check, good, bad, words", [
    (v.whole(2, 10), 2, 11, "should be at most 10"),
    (v.whole_numbers, [5, 1, 5], [1, 0], "should be at least 1"),
    (v.positive_numbers, [0.1], [0.1, -1.0], "should be a positive number"),
    (v.line_weights, [1.0, 2.0], [1.0], r"should have shape \(2,\)"),
    (v.target, 1.0, 0.5, "should contain only 0 and 1"),
])
def test_more_named_checks(check, good, bad, words):
    check(good, "arg")
    with pytest.raises((ValueError, TypeError), match=f"^arg {words}"):
        check(bad, "arg")
    if check is v.whole_numbers:
        assert check(good, "arg") == [1, 5]  # sorted, without repeats


def test_the_checks_against_the_rows_and_columns_of_x():
    X = np.ones((4, 2))
    assert v.batch_size(4, "batch_size", X) == 4
    with pytest.raises(ValueError, match="^batch_size should be at most 4, got 5: X has 4"):
        v.batch_size(5, "batch_size", X)
    with pytest.raises(ValueError, match="^max_epochs should be at most 10,000"):
        v.passes_over(10**5, "max_epochs", X)
    with pytest.raises(ValueError, match=r"^w should have shape \(2,\)"):
        v.weights_for(np.ones(3), "w", X)
