"""Layers of neurons and a small network: the forward pass (notebook 02) and the backward pass
(notebook 04), written the way the notebooks explain them.

Shapes, with n examples in a batch:

    X: (n, inputs)   W: (inputs, units)   b: (units,)   Z = X @ W + b: (n, units)   A = g(Z)

Each layer keeps what its forward pass computed (X, Z, A), because the backward pass needs it:
the chain rule multiplies the slope arriving from the layer above by the local slopes here.
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
    if not np.all(np.isfinite(A)):
        raise ValueError(f"{whose} output is not a finite number: the weights or X are too "
                         "large (or hold NaN); use smaller values")


def _finite_gradients(layers: Sequence[Dense], *more: np.ndarray) -> None:
    arrays = [g for layer in layers for g in (layer.grad_W, layer.grad_b)] + list(more)
    if not all(np.all(np.isfinite(g)) for g in arrays):
        raise ValueError("the gradients are too large for a float (or NaN): the incoming "
                         "gradient, the weights or X are too large; use smaller values")


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
        self.g_slope = activations.derivative(activation)
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
        """A = g(X @ W + b) for a batch X: (n, inputs) → (n, units)."""
        X = _validate.points(X, columns=self.inputs)
        with np.errstate(over="ignore", invalid="ignore"):
            A = self._forward(X)
        _finite_output(A, "the layer's")
        return A

    def _forward(self, X: np.ndarray) -> np.ndarray:
        # The unchecked forward pass, for a network's training loop.
        self.X = X
        self.Z = X @ self.W + self.b
        self.A = self.g(self.Z)
        return self.A

    def _ready(self) -> None:
        if self.Z is None:
            raise ValueError("call forward before backward: the backward pass needs the X and Z "
                             "that the forward pass keeps")

    def _incoming(self, grad: object, name: str) -> np.ndarray:
        grad = _validate.array(grad, name, ndim=2)
        if grad.shape != self.Z.shape:
            raise ValueError(f"{name} should have shape {self.Z.shape} (one row per example of "
                             f"the last forward pass, one column per neuron), got {grad.shape}")
        return grad

    def backward(self, grad_A: np.ndarray) -> np.ndarray:
        """From dLoss/dA (n, units), store dLoss/dW and dLoss/db and return dLoss/dX.

        Chain rule, one factor at a time:
            dL/dZ = dL/dA · g'(Z)       (element by element)
            dL/dW = Xᵀ @ dL/dZ          (every example's contribution, added up)
            dL/db = dL/dZ summed over the examples
            dL/dX = dL/dZ @ Wᵀ          (handed down to the layer below)
        """
        self._ready()
        grad_A = self._incoming(grad_A, "grad_A")
        with np.errstate(over="ignore", invalid="ignore"):
            grad_X = self._backward(grad_A)
        _finite_gradients([self], grad_X)
        return grad_X

    def _backward(self, grad_A: np.ndarray) -> np.ndarray:
        return self._backward_from_Z(grad_A * self.g_slope(self.Z))

    def backward_from_Z(self, grad_Z: np.ndarray) -> np.ndarray:
        """The same as `backward`, starting from dLoss/dZ when it is already known."""
        self._ready()
        grad_Z = self._incoming(grad_Z, "grad_Z")
        with np.errstate(over="ignore", invalid="ignore"):
            grad_X = self._backward_from_Z(grad_Z)
        _finite_gradients([self], grad_X)
        return grad_X

    def _backward_from_Z(self, grad_Z: np.ndarray) -> np.ndarray:
        self.grad_W = self.X.T @ grad_Z
        self.grad_b = grad_Z.sum(axis=0)
        return grad_Z @ self.W.T

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
        X = _validate.points(X, columns=self.sizes[0])
        with np.errstate(over="ignore", invalid="ignore"):
            A = self._forward(X)
        _finite_output(A, "the network's")
        return A

    def _forward(self, X: np.ndarray) -> np.ndarray:
        # The unchecked path, for training loops that validated X once.
        A = X
        for layer in self.layers:
            A = layer._forward(A)
        return A

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The single output for each row of X: (n,). For a sigmoid output, a probability."""
        return self.forward(X)[:, 0]

    def backward(self, grad_output: np.ndarray, from_Z: bool = False) -> None:
        """Backpropagation: from dLoss/d(output) (n, outputs), fill every layer's grad_W, grad_b.

        With `from_Z`, the gradient given is already dLoss/dZ of the last layer (the sigmoid and
        cross-entropy slopes combine into the simple (A − y) / n; notebook 04).
        """
        if not isinstance(from_Z, bool | np.bool_):
            raise TypeError(f"from_Z should be True or False, got {_validate._describe(from_Z)}")
        for layer in self.layers:
            layer._ready()
        last = self.layers[-1]
        grad_output = last._incoming(grad_output, "grad_output")
        if any(layer.X.shape[0] != grad_output.shape[0] for layer in self.layers):
            raise ValueError("call forward on the whole network before backward: its layers "
                             "hold different batches")
        with np.errstate(over="ignore", invalid="ignore"):
            self._backward(grad_output, bool(from_Z))
        _finite_gradients(self.layers)

    def _backward(self, grad_output: np.ndarray, from_Z: bool = False) -> None:
        # The unchecked backward pass, for training loops.
        last = self.layers[-1]
        grad = last._backward_from_Z(grad_output) if from_Z else last._backward(grad_output)
        for layer in reversed(self.layers[:-1]):
            grad = layer._backward(grad)

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
