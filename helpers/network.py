"""Layers of neurons and a small network: the forward pass (notebook 02) and the backward pass
(notebook 04), written the way the notebooks explain them.

Shapes, with n examples in a batch:

    X: (n, inputs)   W: (inputs, units)   b: (units,)   Z = X @ W + b: (n, units)   A = g(Z)

Each layer keeps what its forward pass computed (X, Z, A), because the backward pass needs it:
the chain rule multiplies the gradient arriving from the layer above by the local slopes here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import _validate, activations

# xor_network's largest sharpness: sigmoid(1000 · 0.5) is 1 to the last digit already.
MAX_SHARPNESS = 1e6
# The most layers Network.random builds (each up to MAX_UNITS neurons).
MAX_LAYERS = 100


def _finite_output(A: np.ndarray, whose: str) -> None:
    if not np.isfinite(A).all():
        raise ValueError(f"{whose} output is not a finite number: the weights or X are too "
                         "large (or hold NaN); use smaller values")


def _finite_gradients(layer: Dense, grad_X: np.ndarray) -> None:
    if not (np.isfinite(layer.grad_W).all() and np.isfinite(layer.grad_b).all()
            and np.isfinite(grad_X).all()):
        raise ValueError("the gradients are too large for a float (or NaN): the incoming "
                         "gradient, the weights or X are too large; use smaller values")


def _batch(X: object, inputs: int) -> np.ndarray:
    """X as a clean (n, inputs) float array; a float array of the right shape passes at once."""
    if type(X) is np.ndarray and X.dtype == np.float64 and X.ndim == 2 and X.shape[1] == inputs \
            and X.shape[0] and np.isfinite(X).all():
        return X
    return _validate.points(X, columns=inputs)


class Dense:
    """A layer of `units` neurons side by side, each seeing every input. Notebook 02.

    W: (inputs, units), one column of weights per neuron; b: (units,), one bias per neuron;
    activation: "step", "sigmoid", "tanh", "relu" or "identity".
    """

    def __init__(self, W: np.ndarray, b: np.ndarray, activation: str = "sigmoid"):
        self.W = _validate.array(W, "W", ndim=2).copy()
        self.b = _validate.array(b, "b", ndim=1).copy()
        if 0 in self.W.shape:
            raise ValueError(f"W should have at least one row (input) and one column (neuron), "
                             f"got shape {self.W.shape}")
        if max(self.W.shape) > _validate.MAX_UNITS:
            raise ValueError(f"W should have at most {_validate.MAX_UNITS:,} rows and columns "
                             f"(inputs and neurons), got shape {self.W.shape}")
        if self.b.shape[0] != self.W.shape[1]:
            raise ValueError(f"b should have one bias per column of W ({self.W.shape[1]}), "
                             f"got {self.b.shape[0]}")
        self.activation = activation
        self.g = activations.get(activation)
        self.g_slope = activations.slope(activation)
        self.grad_W = np.zeros_like(self.W)
        self.grad_b = np.zeros_like(self.b)
        self.X = self.Z = self.A = None  # filled in by forward, needed by backward

    @classmethod
    def random(cls, inputs: int, units: int, activation: str = "tanh",
               rng: np.random.Generator | None = None) -> Dense:
        """A layer with small random weights (scaled by 1/√inputs) and zero biases."""
        inputs = _validate.count(inputs, "inputs", maximum=_validate.MAX_UNITS)
        units = _validate.count(units, "units", maximum=_validate.MAX_UNITS)
        if rng is not None and not isinstance(rng, np.random.Generator):
            raise TypeError("rng should be a numpy random Generator (np.random.default_rng(0)) "
                            f"or None, got {type(rng).__name__}")
        rng = np.random.default_rng(0) if rng is None else rng
        W = rng.normal(scale=1 / np.sqrt(inputs), size=(inputs, units))
        return cls(W, np.zeros(units), activation)

    @property
    def inputs(self) -> int:
        return self.W.shape[0]

    @property
    def units(self) -> int:
        return self.W.shape[1]

    @property
    def parameter_count(self) -> int:
        """Weights plus biases: inputs × units + units."""
        return self.W.size + self.b.size

    def forward(self, X: np.ndarray) -> np.ndarray:
        """A = g(X @ W + b) for a batch X: (n, inputs) → (n, units). Keeps X and Z for backward."""
        X = _batch(X, self.inputs)
        with np.errstate(over="ignore", invalid="ignore"):
            self.X = X
            self.Z = X @ self.W + self.b
            self.A = self.g(self.Z)
        _finite_output(self.A, "the layer's")
        return self.A

    def backward(self, grad_A: np.ndarray) -> np.ndarray:
        """From dJ/dA (n, units), store dJ/dW and dJ/db and return dJ/dX. Notebook 04.

        The chain rule, one formula a line, exactly as notebook 04 writes it.
        """
        grad_A = self._incoming(grad_A)
        with np.errstate(over="ignore", invalid="ignore"):
            grad_Z = grad_A * self.g_slope(self.Z)  # dJ/dZ = dJ/dA ⊙ g'(Z)
            self.grad_W = self.X.T @ grad_Z         # dJ/dW = Xᵀ · dJ/dZ
            self.grad_b = grad_Z.sum(axis=0)        # dJ/db = dJ/dZ summed over the examples
            grad_X = grad_Z @ self.W.T              # dJ/dX = dJ/dZ · Wᵀ, for the layer below
        _finite_gradients(self, grad_X)
        return grad_X

    def _incoming(self, grad_A: object, name: str = "grad_A") -> np.ndarray:
        if self.Z is None:
            raise ValueError("call forward before backward: the backward pass needs the X and Z "
                             "that the forward pass keeps")
        if not (type(grad_A) is np.ndarray and grad_A.dtype == np.float64 and grad_A.ndim == 2
                and np.isfinite(grad_A).all()):
            grad_A = _validate.array(grad_A, name, ndim=2)
        if grad_A.shape != self.Z.shape:
            raise ValueError(f"{name} should have shape {self.Z.shape} (one row per example of "
                             f"the last forward pass, one column per neuron), got "
                             f"{grad_A.shape}")
        return grad_A

    def __repr__(self) -> str:
        return f"Dense({self.inputs} → {self.units}, {self.activation})"


class Network:
    """Layers applied one after the other. Notebooks 02, 04 and 05."""

    def __init__(self, layers: Sequence[Dense]):
        if not isinstance(layers, list | tuple) or not layers \
                or not all(isinstance(layer, Dense) for layer in layers):
            raise TypeError("layers should be a non-empty list of Dense layers, got "
                            f"{_validate._describe(layers)}")
        for below, above in zip(layers, layers[1:], strict=False):
            if above.inputs != below.units:
                raise ValueError(f"layer {above} cannot follow {below}: it expects "
                                 f"{above.inputs} inputs but receives {below.units}")
        self.layers = list(layers)

    @classmethod
    def random(cls, sizes: Sequence[int], activation: str = "tanh", output: str = "sigmoid",
               seed: int = 0) -> Network:
        """A network with layer sizes like (2, 8, 1): hidden layers use `activation`, the last
        layer `output`. The same seed gives the same starting weights."""
        if isinstance(sizes, str | bytes) or np.ndim(sizes) != 1:
            raise TypeError("sizes should be a list of layer sizes like (2, 8, 1), got "
                            f"{_validate._describe(sizes)}")
        if len(sizes) < 2:
            raise ValueError(f"sizes should list at least inputs and outputs, got {sizes!r}")
        if len(sizes) > MAX_LAYERS + 1:
            raise ValueError(f"sizes should describe at most {MAX_LAYERS} layers, got "
                             f"{len(sizes) - 1}")
        sizes = [_validate.count(size, "sizes", maximum=_validate.MAX_UNITS) for size in sizes]
        rng = np.random.default_rng(_validate.count(seed, "seed", minimum=0))
        kinds = [activation] * (len(sizes) - 2) + [output]
        return cls([Dense.random(m, k, kind, rng)
                    for m, k, kind in zip(sizes[:-1], sizes[1:], kinds, strict=True)])

    @property
    def sizes(self) -> tuple[int, ...]:
        return (self.layers[0].inputs, *(layer.units for layer in self.layers))

    @property
    def parameter_count(self) -> int:
        return sum(layer.parameter_count for layer in self.layers)

    def forward(self, X: np.ndarray) -> np.ndarray:
        """The network's output for a batch X: (n, inputs) → (n, outputs)."""
        A = X
        for layer in self.layers:
            A = layer.forward(A)
        return A

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The single output for each row of X: (n,). For a sigmoid output, a probability."""
        return self.forward(X)[:, 0]

    def backward(self, grad_output: np.ndarray) -> None:
        """Backpropagation: from dJ/d(output) (n, outputs), every layer's backward in turn, from
        the last to the first, fills its grad_W and grad_b. Notebook 04."""
        batch = {layer.X.shape[0] if layer.X is not None else None for layer in self.layers}
        if len(batch) != 1:
            raise ValueError("call forward on the whole network before backward: its layers "
                             "hold different batches")
        grad = self.layers[-1]._incoming(grad_output, "grad_output")
        for layer in reversed(self.layers):
            grad = layer.backward(grad)

    def parameters(self) -> list[np.ndarray]:
        """Every weight matrix and bias vector, in order (the arrays themselves, not copies)."""
        return [p for layer in self.layers for p in (layer.W, layer.b)]

    def gradients(self) -> list[np.ndarray]:
        """The gradients from the last backward pass, in the order of `parameters()`."""
        return [g for layer in self.layers for g in (layer.grad_W, layer.grad_b)]

    def copy(self) -> Network:
        """An independent network with the same weights."""
        return Network([Dense(layer.W, layer.b, layer.activation) for layer in self.layers])

    def __repr__(self) -> str:
        return "Network(" + " → ".join(map(str, self.sizes)) + ")"


def xor_network(sharpness: float = 10.0) -> Network:
    """A 2-2-1 sigmoid network with hand-set weights that computes XOR. Notebook 02.

    Hidden neuron 1 computes OR (x₁ + x₂ − 0.5 > 0), hidden neuron 2 computes AND
    (x₁ + x₂ − 1.5 > 0), and the output fires when OR is on but AND is off (h₁ − h₂ − 0.5 > 0).
    `sharpness` multiplies every weight: larger is closer to a step.
    """
    k = _validate.positive(sharpness, "sharpness")
    if k > MAX_SHARPNESS:
        raise ValueError(f"sharpness should be at most {MAX_SHARPNESS:g}, got {k:g}: beyond "
                         "that the sigmoids are already perfect steps")
    hidden = Dense(k * np.array([[1.0, 1.0], [1.0, 1.0]]), k * np.array([-0.5, -1.5]), "sigmoid")
    output = Dense(k * np.array([[1.0], [-1.0]]), k * np.array([-0.5]), "sigmoid")
    return Network([hidden, output])
