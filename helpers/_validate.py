"""Checks at the door of every public helper, so a bad input gets a sentence, not a traceback.

Each function takes a value and the argument's name, and either returns a clean value (a float
numpy array, a float, an int) or raises ValueError/TypeError saying which argument was wrong, what
it got and what was expected. The code behind the door trusts what these return. A public
function declares its door with `arguments` (at the end): each argument and its check.

One rule about size keeps the maths modules free of overflow checks: the numbers their formulas
take are "bounded", at most LARGEST in size. Products and squares of such numbers, even summed
over many examples, still fit in a float (which holds up to about 1.8e308). A bounded check
refuses a number beyond LARGEST, an infinity or a NaN with OutOfRange: a ValueError for the
learner, and also a FloatingPointError, the exception numpy raises for an overflow under
``np.errstate(over="raise")``. The loops that run the steps of a descent or a training run catch
FloatingPointError and end the run there: a run whose numbers grow past LARGEST has blown up.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from numbers import Integral, Real

import numpy as np

# The largest size of a number the maths formulas take: a float's range (1.8e308) leaves room
# for a few products and squares of such numbers.
LARGEST = 1e50

# Upper limits, so that a typo (steps=10**9) gets a sentence instead of a frozen notebook or a
# full memory. Each is far beyond anything the course needs, and each runs in seconds at most.
MAX_STEPS = 100_000       # descent steps, training steps, range-test steps
MAX_POINTS = 100_000      # points in a data set
MAX_EPOCHS = 10_000       # passes over the data
MAX_RESOLUTION = 1_000    # grid points along one side of a picture
MAX_UNITS = 1_000         # neurons in one layer, inputs to one layer
MAX_LAYERS = 100          # layers in one network
MAX_VISITS = 200_000      # point visits (rows × passes) of one run of the perceptron rule
MAX_ITERATIONS = 100      # halvings of a bisection: far past a float's precision


class OutOfRange(ValueError, FloatingPointError):
    """A number a bounded check refuses (NaN, an infinity, or beyond LARGEST): a ValueError
    for the learner, and inside a descent or training loop the sign that the run overflowed (a
    FloatingPointError, which ends the run)."""


def _describe(value: object) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def array(value: object, name: str, ndim: int | Sequence[int] | None, columns: int | None = None,
          shape: tuple[int, ...] | None = None, values: str = "finite", empty: bool = True,
          within: tuple[float, float] | None = None) -> np.ndarray:
    """A float array (a copy) with `ndim` dimensions (any if None), `columns` entries along its
    last axis or exactly `shape` if given, at least one value unless `empty`, and every value
    between the two numbers `within` if given. `values` says which numbers may be in it:
    "finite" (no NaN or infinity), "bounded" (finite and at most LARGEST in size, else
    OutOfRange), "real" (infinities too, no NaN) or "any"."""
    if isinstance(value, str | bytes) or value is None:
        raise TypeError(f"{name} should be an array of numbers, got {_describe(value)}")
    try:
        raw = value if isinstance(value, np.ndarray) else np.asarray(value)
        if raw.dtype.kind not in "biuf":  # not bool, int or float: complex, text, objects
            raise TypeError
        result = raw.astype(float)
    except (TypeError, ValueError, OverflowError):
        raise TypeError(f"{name} should be an array of real numbers, got {_describe(value)}"
                        ) from None
    allowed = (result.ndim,) if ndim is None else (ndim,) if isinstance(ndim, int) else ndim
    if result.ndim not in allowed:
        expected = " or ".join(f"{d}-D" for d in allowed)
        raise ValueError(f"{name} should be {expected}, got shape {result.shape}")
    if columns is not None and result.shape[-1:] != (columns,):
        rows = "n" if result.ndim == 2 else "…"
        raise ValueError(f"{name} should have shape ({rows}, {columns}): one row per example "
                         f"and {columns} columns, got shape {result.shape}")
    if shape is not None and result.shape != tuple(shape):
        raise ValueError(f"{name} should have shape {tuple(shape)}, got {result.shape}")
    if not result.size:
        if not empty:
            raise ValueError(f"{name} is empty; it needs at least one value")
        return result
    # The largest size, NaN when a NaN is there (and every comparison with NaN is False).
    top = abs(float(result.flat[0])) if result.size == 1 else float(np.abs(result).max())
    largest = {"finite": np.finfo(float).max, "bounded": LARGEST, "real": np.inf}.get(values)
    if largest is not None and not top <= largest:
        refusal = OutOfRange if values == "bounded" else ValueError
        if values == "real" or not np.isfinite(top):
            what = "NaN" if values == "real" else "NaN or infinity"
            raise refusal(f"{name} contains {what}; every value must be a finite number")
        raise refusal(f"{name} holds a number too large ({top:.3g}); every value should be at "
                      f"most {largest:g} in size")
    if within is not None and not within[0] <= result.min() <= result.max() <= within[1]:
        raise ValueError(f"{name} should hold values from {within[0]:g} to {within[1]:g}, got "
                         f"values from {result.min():.3g} to {result.max():.3g}")
    return result


def points(X: object, name: str = "X", columns: int | None = None, values: str = "finite"
           ) -> np.ndarray:
    """Inputs X: a 2-D array, one row per example (at least one)."""
    result = array(X, name, ndim=2, columns=columns, values=values)
    if result.shape[0] == 0:
        raise ValueError(f"{name} has no rows; it needs at least one example")
    return result


def labels(y: object, n: int, name: str = "y", binary: bool = True, values: str = "finite"
           ) -> np.ndarray:
    """Targets y: a 1-D array of length n (0/1 values when `binary`)."""
    result = array(y, name, ndim=1, values=values)
    if result.shape[0] != n:
        raise ValueError(f"{name} should have one value per example ({n}), got {result.shape[0]}")
    if binary and not np.all((result == 0) | (result == 1)):
        raise ValueError(f"{name} should contain only 0 and 1, got values {np.unique(result)}")
    return result


def number(value: object, name: str, low: float | None = None, below: float | None = None,
           bounded: bool = False) -> float:
    """A finite real number (or a 0-D array of one); with `low`, at least low; with `below`,
    less than below; if `bounded`, at most LARGEST in size (else OutOfRange)."""
    if isinstance(value, np.ndarray) and value.ndim == 0:  # what numpy gives for one number
        value = value[()]
    if isinstance(value, bool | np.bool_) or not isinstance(value, Real):
        raise TypeError(f"{name} should be a number, got {_describe(value)}")
    refusal = OutOfRange if bounded else ValueError
    try:
        result = float(value)
    except OverflowError:  # a Python int beyond the largest float, like 10**400
        raise refusal(f"{name} should be a finite number, got one too large for a float"
                      ) from None
    if not np.isfinite(result):
        raise refusal(f"{name} should be a finite number, got {result}")
    if bounded and abs(result) > LARGEST:
        raise refusal(f"{name} should be at most {LARGEST:g} in size, got {result:g}")
    if (low is not None and result < low) or (below is not None and result >= below):
        wanted = " and ".join(f"{words} {limit:g}" for words, limit in
                              (("at least", low), ("below", below)) if limit is not None)
        raise ValueError(f"{name} should be {wanted}, got {result:g}")
    return result


def positive(value: object, name: str, bounded: bool = False) -> float:
    """A number above zero (a learning rate, a curvature, a size); if `bounded`, from
    1/LARGEST to LARGEST, so that dividing by it is safe too."""
    result = number(value, name, bounded=bounded)
    if result <= 0:
        raise ValueError(f"{name} should be a positive number, got {result:g}")
    if bounded and result < 1 / LARGEST:
        raise ValueError(f"{name} should be at least {1 / LARGEST:g}, got {result:g}")
    return result


def count(value: object, name: str, minimum: int = 1, maximum: int | None = None,
          why: str = "more would take too long or run out of memory") -> int:
    """A whole number at least `minimum` and at most `maximum` (a step count, a number of
    points); `why` says what is wrong with more."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, Integral):
        raise TypeError(f"{name} should be a whole number, got {_describe(value)}")
    if value < minimum:
        raise ValueError(f"{name} should be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} should be at most {maximum:,}, got {value:,}: {why}")
    return int(value)


def interval(value: object, name: str, positive_ends: bool = False, bounded: bool = False
             ) -> tuple[float, float]:
    """A pair (low, high) of numbers with low < high (axis limits, a slider's range); with
    `positive_ends`, both above zero; if `bounded`, both at most LARGEST in size."""
    if not (isinstance(value, list | tuple | np.ndarray) and len(value) == 2):
        raise TypeError(f"{name} should be a pair of numbers (low, high), got {_describe(value)}")
    if positive_ends:
        low, high = (positive(v, name, bounded=bounded) for v in value)
    else:
        low, high = (number(v, name, bounded=bounded) for v in value)
    if not low < high:
        raise ValueError(f"{name} should have low < high, got ({low:g}, {high:g})")
    return low, high


def function(value: object, name: str) -> Callable:
    """Something that can be called (a loss, a slope)."""
    if not callable(value):
        raise TypeError(f"{name} should be a function, got {_describe(value)}")
    return value


def choice(value: object, name: str, options: Sequence[str]) -> str:
    """One of a few names (an activation, a data set)."""
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} should be one of {', '.join(options)}; got {_describe(value)}")
    return value


# --- Checks by name, for the doors of the maths modules (`arguments`, below) ----------------
# Each is called as check(value, name), or check(value, name, other) with the value of another
# argument; every number they let through is bounded.


def steps(value: object, name: str) -> int:
    """A number of steps: a whole number from 1 to MAX_STEPS."""
    return count(value, name, maximum=MAX_STEPS)


def seed(value: object, name: str) -> int:
    """A seed for numpy's random generator: a whole number, 0 or more."""
    return count(value, name, minimum=0)


def resolution(value: object, name: str) -> int:
    """Grid points along one side of a picture: a whole number from 2 to MAX_RESOLUTION."""
    return count(value, name, minimum=2, maximum=MAX_RESOLUTION)


def bounded_number(value: object, name: str) -> float:
    """A number at most LARGEST in size (a bias, a slope, a point on a line)."""
    return number(value, name, bounded=True)


def bounded_positive(value: object, name: str) -> float:
    """A positive number from 1/LARGEST to LARGEST (a learning rate, a curvature, the nudge h
    of a finite difference)."""
    return positive(value, name, bounded=True)


def non_negative(value: object, name: str) -> float:
    """A bounded number, 0 or more (a noise level, a decay)."""
    return number(value, name, low=0, bounded=True)


def fraction(value: object, name: str) -> float:
    """A number from 0 to below 1 (a momentum, a share of the examples)."""
    return number(value, name, low=0, below=1, bounded=True)


def bounded_interval(value: object, name: str) -> tuple[float, float]:
    """A pair (low, high) of bounded numbers, low < high (the limits of a grid)."""
    return interval(value, name, bounded=True)


def rates(value: object, name: str) -> tuple[float, float]:
    """A pair (low, high) of bounded positive numbers, low < high (learning rates)."""
    return interval(value, name, positive_ends=True, bounded=True)


def reals(value: object, name: str) -> np.ndarray:
    """A number or an array of any real numbers, infinities too, but not NaN (the z of an
    activation, which has a limit at ±∞)."""
    return array(value, name, ndim=None, values="real")


def numbers(value: object, name: str) -> np.ndarray:
    """A number or an array of bounded numbers (a point w, a gradient)."""
    return array(value, name, ndim=None, values="bounded")


def matrix(value: object, name: str) -> np.ndarray:
    """A 2-D array of bounded numbers (a layer's weights)."""
    return array(value, name, ndim=2, values="bounded")


def vector(value: object, name: str) -> np.ndarray:
    """A 1-D array of at least one bounded number."""
    return array(value, name, ndim=1, values="bounded", empty=False)


def probabilities(value: object, name: str) -> np.ndarray:
    """A 1-D array of at least one probability, each from 0 to 1."""
    return array(value, name, ndim=1, empty=False, within=(0, 1))


def losses(value: object, name: str) -> np.ndarray:
    """A run's losses: a 1-D array of at least one, any number, infinity and NaN included."""
    return array(value, name, ndim=1, values="any", empty=False)


def optional(check: Callable) -> Callable:
    """A check that lets None through, and otherwise checks with `check`."""
    return lambda value, name, *other: None if value is None else check(value, name, *other)


def like(value: object, name: str, other: object) -> np.ndarray:
    """Bounded numbers in the shape of `other` (a gradient shaped like its point w)."""
    return array(value, name, ndim=None, shape=np.shape(other), values="bounded")


def examples(value: object, name: str) -> np.ndarray:
    """Inputs X: a 2-D array of bounded numbers, one row per example (at least one)."""
    return points(value, name, values="bounded")


def batch_for(value: object, name: str, model: object) -> np.ndarray:
    """Inputs X for a layer or a network `model`: one row per example, one column per input."""
    return points(value, name, columns=model.inputs, values="bounded")


def targets_for(value: object, name: str, X: np.ndarray) -> np.ndarray:
    """0/1 targets y, one per row of X."""
    return labels(value, len(X), name)


def one_per(value: object, name: str, x: np.ndarray) -> np.ndarray:
    """Bounded numbers y, one per entry of x (regression targets, one per prediction)."""
    return labels(value, len(x), name, binary=False, values="bounded")


def one_per_column(value: object, name: str, W: np.ndarray) -> np.ndarray:
    """A 1-D array of bounded numbers, one per column of W (a layer's biases)."""
    return array(value, name, ndim=1, shape=W.shape[1:], values="bounded")


def like_Z(value: object, name: str, layer: object) -> np.ndarray:
    """dJ/dZ for a layer's backward pass: the layer's forward pass came first, and the array
    is shaped like the Z it kept."""
    if layer.Z is None:
        raise ValueError("call forward before backward: backward needs the X that forward keeps")
    return like(value, name, layer.Z)


def layer_sizes(value: object, name: str) -> list[int]:
    """Layer sizes like (2, 8, 1), inputs first: MAX_LAYERS layers of MAX_UNITS at most."""
    count(len(array(value, name, ndim=1)), f"len({name})", minimum=2, maximum=MAX_LAYERS + 1)
    return [count(size, name, maximum=MAX_UNITS) for size in value]


def nudgeable(value: object, name: str, maximum: int = 100_000) -> np.ndarray:
    """A point that a gradient check nudges in place: the array itself if it holds float64
    numbers, a float copy of a number or a list; at most `maximum` entries (two calls of the
    loss each). An array of integers is refused: it cannot hold a nudge."""
    clean = array(value, name, ndim=None, values="bounded")
    if isinstance(value, np.ndarray) and value.dtype != np.float64:
        raise TypeError(f"{name} should be an array of float64 numbers, got one of {value.dtype}: "
                        f"it is nudged in place, which its entries cannot hold; pass "
                        f"{name}.astype(float)")
    count(clean.size, f"the number of entries of {name}", maximum=maximum)
    return value if isinstance(value, np.ndarray) else clean


def whole(minimum: int = 1, maximum: int | None = None,
          why: str = "more would take too long or run out of memory") -> Callable:
    """A check for a whole number from `minimum` to `maximum` (count, with those limits)."""
    return lambda value, name: count(value, name, minimum, maximum, why)


def batch_size(value: object, name: str, X: np.ndarray) -> int:
    """Examples in a batch: from 1 to all the rows of X."""
    return count(value, name, maximum=len(X), why=f"X has {len(X)} examples")


def passes_over(value: object, name: str, X: np.ndarray) -> int:
    """Passes over the rows of X (epochs), as many as take seconds at most (MAX_VISITS)."""
    return count(value, name, maximum=min(MAX_EPOCHS, MAX_VISITS // len(X)))


def whole_numbers(value: object, name: str) -> list[int]:
    """A list of at least one whole number, 1 or more (batch sizes): sorted, no repeats."""
    vector(value, name)  # a flat list of numbers
    return sorted({count(item, name) for item in value})


def positive_numbers(value: object, name: str) -> list[float]:
    """A list of at least one bounded positive number (learning rates): sorted, no repeats."""
    return sorted({bounded_positive(item, name) for item in vector(value, name)})


def weights_for(value: object, name: str, X: np.ndarray) -> np.ndarray:
    """Bounded weights, one per column of X (the perceptron's w)."""
    return array(value, name, ndim=1, shape=X.shape[1:], values="bounded")


def line_weights(value: object, name: str) -> np.ndarray:
    """Two bounded weights (w1, w2): a line in the plane."""
    return array(value, name, ndim=1, shape=(2,), values="bounded")


def target(value: object, name: str) -> float:
    """One target, 0 or 1."""
    return labels([value], 1, name)[0]


def point_of(value: object, name: str, bowl: object) -> np.ndarray:
    """A point w of a quadratic bowl: one number per curvature (any shape for one curvature,
    the parabola along each of its entries)."""
    if np.ndim(bowl.curvatures) == 0:
        return numbers(value, name)
    return like(value, name, bowl.curvatures)


def curvatures(value: object, name: str) -> np.ndarray:
    """One curvature L > 0, or several (L₁, L₂, …) for an elongated bowl."""
    result = array(value, name, ndim=(0, 1), values="bounded", empty=False)
    for L in result.ravel():
        bounded_positive(float(L), name)
    return result


def centre_for(value: object, name: str, curvatures: np.ndarray) -> np.ndarray:
    """A bowl's lowest point: one number, or one per curvature."""
    result = array(value, name, ndim=(0, curvatures.ndim), values="bounded")
    if result.shape not in ((), curvatures.shape):
        raise ValueError(f"{name} should be one number or {curvatures.size}, got shape "
                         f"{result.shape}")
    return result


def points_of(value: object, name: str, bowl: object) -> np.ndarray:
    """Many points of a quadratic bowl, (..., k) for k curvatures."""
    return array(value, name, ndim=None, columns=np.size(bowl.curvatures), values="bounded")


def layers(value: object, name: str) -> list:
    """Dense layers, each taking as many inputs as the layer below has neurons."""
    from .network import Dense  # here, not at the top: network itself stands on this module

    if not (isinstance(value, list | tuple) and value
            and all(isinstance(layer, Dense) for layer in value)):
        raise TypeError(f"{name} should be a non-empty list of Dense layers, got "
                        f"{_describe(value)}")
    if any(a.inputs != b.units for b, a in zip(value[:-1], value[1:], strict=True)):
        raise ValueError(f"{name} should each take as many inputs as the layer below has "
                         f"neurons, got {' then '.join(map(repr, value))}")
    return list(value)


def classifier(value: object, name: str) -> object:
    """A Network ending in one sigmoid neuron: the probability of class 1."""
    from .network import Network

    if not isinstance(value, Network):
        raise TypeError(f"{name} should be a Network, got {type(value).__name__}")
    if value.sizes[-1] != 1 or value.layers[-1].activation != "sigmoid":
        raise ValueError(f"{name} should end in one sigmoid neuron (a probability of class 1), "
                         f"got {value}")
    return value


def held_out(value: object, name: str, net: object) -> tuple[np.ndarray, np.ndarray]:
    """A held-out pair (X_test, y_test) for the network net."""
    if not (isinstance(value, tuple | list) and len(value) == 2):
        raise TypeError(f"{name} should be a pair (X_test, y_test), got {_describe(value)}")
    X_test = batch_for(value[0], "X_test", net)
    return X_test, targets_for(value[1], "y_test", X_test)


# The door of every function that takes a classifier and a batch of its examples: net, X, y.
CLASSIFIER_BATCH = {"net": classifier, "X": (batch_for, "net"), "y": (targets_for, "X")}


def sgd_runs(value: object, name: str) -> dict:
    """What minibatch.sgd_grid returns: {(batch_size, lr): MinibatchResult}."""
    from .minibatch import MinibatchResult

    if not (isinstance(value, dict)
            and all(isinstance(run, MinibatchResult) for run in value.values())):
        raise TypeError(f"{name} should be what sgd_grid returns, got {_describe(value)}")
    return value


def batch_size_in(value: object, name: str, runs: dict) -> int:
    """One of the batch sizes of the runs of an sgd_grid."""
    sizes = sorted({size for size, _ in runs})
    if count(value, name) not in sizes:
        raise ValueError(f"{name} should be one of the batch sizes of the runs, {sizes}, got "
                         f"{value}")
    return value


# Words with one meaning in every maths module (the glossary in helpers/__init__.py), so one
# check each: a public function's argument of this name goes through it unless its door names
# another.
BY_NAME: dict[str, Callable] = {
    "lr": bounded_positive, "curvature": bounded_positive, "h": bounded_positive,
    "steps": steps, "seed": seed, "resolution": resolution,
    "momentum": fraction, "test_fraction": fraction, "decay": non_negative, "noise": non_negative,
    "slope": bounded_number, "intercept": bounded_number,
    "limits": bounded_interval, "xlim": bounded_interval, "ylim": bounded_interval,
    "f": function, "loss": function, "step": function, "start": numbers,
}


def arguments(**checks: Callable | tuple[Callable, str]) -> Callable[[Callable], Callable]:
    """The door of a public function, as a decorator: before the function runs, each argument
    named here goes through its check, in the order given, then every other argument whose
    name is in BY_NAME through that one, and the function receives what the checks return. A
    check is called as check(value, name); a pair (check, "other") as check(value, name,
    other), with the value of the argument `other` (checked already when it comes earlier):
    y=(targets_for, "X") checks y against the rows of X. An argument left out keeps its
    default, which is trusted."""

    def decorate(function: Callable) -> Callable:
        parameters = inspect.signature(function).parameters
        names = list(parameters)
        defaults = {name: p.default for name, p in parameters.items() if p.default is not p.empty}
        required = set(names) - set(defaults)
        position = {name: i for i, name in enumerate(names)}
        plan = [(name, check, None) if callable(check) else (name, *check)
                for name, check in checks.items()]
        plan += [(name, BY_NAME[name], None) for name in names
                 if name in BY_NAME and name not in checks]

        @functools.wraps(function)
        def checked(*args, **kwargs):
            if not kwargs and len(args) == len(names):  # every argument given, in order
                args = list(args)
                for name, check, other in plan:
                    value = args[position[name]]
                    args[position[name]] = (check(value, name) if other is None
                                            else check(value, name, args[position[other]]))
                return function(*args)
            given = dict(zip(names, args, strict=False))
            if len(args) > len(names) or not given.keys().isdisjoint(kwargs) \
                    or not required <= given.keys() | kwargs.keys():
                return function(*args, **kwargs)  # a call Python itself refuses, in its words
            given.update(kwargs)
            for name, check, other in plan:
                if name in given and other is None:
                    given[name] = check(given[name], name)
                elif name in given:
                    given[name] = check(given[name], name, given.get(other, defaults.get(other)))
            return function(**given)

        return checked

    return decorate
