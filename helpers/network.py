"""Layers of neurons and a small network: the forward pass (notebook 02) and the backward pass
(notebook 04), as the notebooks write them. For a batch of n examples, X: (n, inputs),
W: (inputs, units), b: (units,), Z = X @ W + b and A = g(Z): (n, units)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import _validate, activations


class Dense:
    """A layer of neurons side by side, each seeing every input (notebook 02). W: one column of
    weights per neuron; b: one bias per neuron; activation: step, sigmoid, tanh, relu, identity."""

    @_validate.arguments(W=_validate.matrix, b=(_validate.one_per_column, "W"))
    def __init__(self, W: np.ndarray, b: np.ndarray, activation: str = "sigmoid"):
        self.W, self.b = W, b  # copies: the layer owns its weights
        self.g, self.g_slope = activations.get(activation), activations.slope(activation)
        self.activation = activation
        self.grad_W, self.grad_b = np.zeros_like(self.W), np.zeros_like(self.b)
        self.X = self.Z = self.A = None  # kept by forward, because backward needs them

    inputs = property(lambda self: self.W.shape[0], doc="How many inputs: the rows of W.")
    units = property(lambda self: self.W.shape[1], doc="How many neurons: the columns of W.")

    @_validate.arguments(X=(_validate.batch_for, "self"))
    def forward(self, X: np.ndarray) -> np.ndarray:
        """A = g(X @ W + b) for a batch X: (n, inputs) → A: (n, units). Notebook 02."""
        self.X = X
        self.Z = X @ self.W + self.b
        self.A = self.g(self.Z)
        return self.A

    @_validate.arguments(grad_Z=(_validate.like_Z, "self"))
    def backward(self, grad_Z: np.ndarray) -> np.ndarray:
        """From dJ/dZ (n, units), store dJ/dW and dJ/db, and return dJ/dX (n, inputs), which
        the layer below turns into its own dJ/dZ. Notebook 04."""
        self.grad_W = self.X.T @ grad_Z  # dJ/dW = Xᵀ · dJ/dZ
        self.grad_b = grad_Z.sum(axis=0)  # dJ/db = dJ/dZ summed over the examples
        return grad_Z @ self.W.T  # dJ/dX = dJ/dZ · Wᵀ

    def __repr__(self) -> str:
        return f"Dense({self.inputs} → {self.units}, {self.activation})"


class Network:
    """Layers applied one after the other. Notebooks 02, 04 and 05."""

    @_validate.arguments(layers=_validate.layers)
    def __init__(self, layers: Sequence[Dense]):
        self.layers = layers

    @classmethod
    @_validate.arguments(sizes=_validate.layer_sizes)
    def random(cls, sizes: Sequence[int], activation: str = "tanh", output: str = "sigmoid",
               seed: int = 0) -> Network:
        """A network of layer sizes like (2, 8, 1): random weights scaled by 1/√inputs, zero
        biases, `activation` in hidden layers, `output` in the last. One seed, one network."""
        rng = np.random.default_rng(seed)
        kinds = [activation] * (len(sizes) - 2) + [output]
        return cls([Dense(rng.normal(scale=1 / np.sqrt(m), size=(m, k)), np.zeros(k), kind)
                    for m, k, kind in zip(sizes[:-1], sizes[1:], kinds, strict=True)])

    inputs = property(lambda self: self.layers[0].inputs, doc="How many inputs: the rows of W.")
    sizes = property(lambda self: (self.inputs, *(layer.units for layer in self.layers)),
                     doc="The layer sizes, inputs first: (2, 8, 1).")
    parameter_count = property(lambda self: sum(p.size for p in self.parameters()),
                               doc="How many weights and biases, in all the layers.")

    def forward(self, X: np.ndarray) -> np.ndarray:
        """The network's output for a batch X: (n, inputs) → (n, outputs). Notebook 02."""
        A = X
        for layer in self.layers:
            A = layer.forward(A)  # a layer's input is the output of the layer below
        return A

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The single output for each row of X: (n,). For a sigmoid output, a probability."""
        return self.forward(X)[:, 0]

    def backward(self, grad_Z: np.ndarray) -> None:
        """Backpropagation from dJ/dZ of the output layer (n, outputs): each layer, last to first,
        fills its grad_W and grad_b and passes dJ/dX down, to dJ/dZ = dJ/dX ⊙ g'(Z). Notebook 04."""
        if len({None if layer.X is None else len(layer.X) for layer in self.layers}) != 1:
            raise ValueError("call net.forward before backward: its layers saw different batches")
        for k in reversed(range(len(self.layers))):
            grad_X = self.layers[k].backward(grad_Z)
            if k > 0:  # the layer below's dJ/dZ = dJ/dA ⊙ g'(Z)
                grad_Z = grad_X * self.layers[k - 1].g_slope(self.layers[k - 1].Z)

    def parameters(self) -> list[np.ndarray]:
        """Every weight matrix and bias vector, in order (the arrays themselves, not copies)."""
        return [p for layer in self.layers for p in (layer.W, layer.b)]

    def gradients(self) -> list[np.ndarray]:
        """The gradients from the last backward pass, in the order of `parameters()`."""
        return [grad for layer in self.layers for grad in (layer.grad_W, layer.grad_b)]

    def copy(self) -> Network:
        """An independent network with the same weights."""
        return Network([Dense(layer.W, layer.b, layer.activation) for layer in self.layers])

    def __repr__(self) -> str:
        return "Network(" + " → ".join(map(str, self.sizes)) + ")"


@_validate.arguments(sharpness=_validate.bounded_positive)
def xor_network(sharpness: float = 10.0) -> Network:
    """A 2-2-1 sigmoid network with hand-set weights that computes XOR (notebook 02): OR
    (x₁ + x₂ − 0.5 > 0) and AND (x₁ + x₂ − 1.5 > 0) in the hidden layer, then OR but not AND
    (h₁ − h₂ − 0.5 > 0). `sharpness` multiplies every weight: larger is closer to a step."""
    k = sharpness
    hidden = Dense(k * np.array([[1.0, 1.0], [1.0, 1.0]]), k * np.array([-0.5, -1.5]), "sigmoid")
    return Network([hidden, Dense(k * np.array([[1.0], [-1.0]]), k * np.array([-0.5]), "sigmoid")])
