"""Kernel side of the slider benchmark: every interactive figure of the course, built as its
notebook builds it, driven across its sliders' ranges.

`sliders.py` runs `measure_all()` inside a real Jupyter kernel. Each figure is measured two ways
in the same run: the course's way (update the moving artists, blit, encode) and the naive way
(a new figure per update, drawn in full and saved with a tight bounding box).
"""

from __future__ import annotations

import gc
import io
import time
from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np

from helpers import data, descent, interactive, network, perceptron, training

# How many naive renders to time per figure (they are slow; the ratio needs only a few dozen).
NAIVE_UPDATES = 20


def _notebook_01():
    X, y = data.two_clouds(n=40, seed=4)
    history = perceptron.learn(X, y, lr=0.1)
    return {
        "01 decision line": lambda: interactive.decision_line_explorer(X, y, w=(0.5, 1.0), b=0.5),
        "01 perceptron rule": lambda: interactive.perceptron_rule_explorer(X, y, history),
    }


def _notebook_02():
    X, y = data.xor_gate()
    return {"02 hidden units": lambda: interactive.hidden_units_explorer(network.xor_network(),
                                                                         X, y)}


def _notebook_03():
    x, y = data.noisy_line(n=20)
    return {"03 line fit": lambda: interactive.line_fit_explorer(x, y, slope=0.5, intercept=0.0)}


def _notebook_04():
    X, y = data.two_moons(n=100, noise=0.15)
    net = network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)
    run = training.train(net, X, y, lr=1.0, steps=1000, snapshot_every=10, limits=(-1.5, 2.5))
    return {
        "04 tangent": lambda: interactive.tangent_explorer(descent.wavy, descent.wavy_slope,
                                                           x=1.0),
        "04 parabola descent": lambda: interactive.descent_1d_explorer(
            descent.parabola, descent.parabola_slope, lr=0.1, steps=25, start=1.8),
        "04 two valleys": lambda: interactive.descent_1d_explorer(
            descent.two_valleys, descent.two_valleys_slope, lr=0.05, steps=60, start=0.5,
            start_range=(-2.0, 2.0)),
        "04 training": lambda: interactive.training_explorer(run, X, y, limits=(-1.5, 2.5)),
    }


def _notebook_05():
    X, y = data.two_moons(n=100, noise=0.15)
    net = network.Network.random((2, 8, 1), activation="tanh", output="sigmoid", seed=0)
    return {
        "05 parabola η": lambda: interactive.quadratic_lr_explorer(curvature=1.0, start=1.5,
                                                                   steps=30, lr=0.1),
        "05 bowl η": lambda: interactive.bowl_explorer(curvatures=(1.0, 10.0), start=(-2.0, 1.0),
                                                       steps=40, lr=0.05),
        "05 network η (retrains)": lambda: interactive.network_lr_explorer(net, X, y, steps=200,
                                                                         lr=0.3),
        "05 momentum": lambda: interactive.bowl_explorer(curvatures=(1.0, 10.0),
                                                         start=(-2.0, 1.0), steps=40, lr=0.05,
                                                         vary="momentum"),
    }


def figures() -> dict[str, Callable[[], interactive.Explorer]]:
    """Every interactive figure in notebooks 01–05, by name, as a function that builds it."""
    return {**_notebook_01(), **_notebook_02(), **_notebook_03(), **_notebook_04(),
            **_notebook_05()}


# Which builder functions the notebooks call, so a test can check nothing is left out.
BUILDERS = ("decision_line_explorer", "perceptron_rule_explorer", "hidden_units_explorer",
            "line_fit_explorer", "tangent_explorer", "descent_1d_explorer", "training_explorer",
            "quadratic_lr_explorer", "bowl_explorer", "network_lr_explorer")


def sweep(control, count: int) -> list:
    """`count` slider values from its minimum to its maximum and back (again, if needed), as a
    person drags: each one differs from the one before, so each one is a real update."""
    if type(control).__name__ == "FloatLogSlider":
        forward = list(10 ** np.linspace(control.min, control.max, count // 2 + 1))
    elif isinstance(control.value, int):
        forward = list(range(control.min, control.max + 1, control.step))
    else:
        forward = list(np.linspace(control.min, control.max, count // 2 + 1))
    there_and_back = forward + forward[-2:0:-1]
    values = [there_and_back[i % len(there_and_back)] for i in range(count)]
    if values[0] == control.value:
        values = values[1:] + [values[0]]
    return [type(control.value)(v) for v in values]


def resident_mb() -> float:
    """This process's resident memory in MB (Linux)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _naive_render(explorer: interactive.Explorer, values: dict) -> None:
    fig, _, update = explorer.scene()
    update(**values)
    fig.savefig(io.BytesIO(), format="png", bbox_inches="tight")


def measure(name: str, build: Callable[[], interactive.Explorer], updates: int = 200) -> dict:
    """Time `updates` slider moves spread over the figure's sliders, the naive way alongside."""
    explorer = build()
    controls = list(explorer.controls.items())
    per_control = max(2, updates // len(controls))
    plan = [(key, control, value) for key, control in controls
            for value in sweep(control, per_control)]
    explorer.redraw()  # warm-up: first draws fill font and glyph caches
    gc.collect()
    figures_before, memory_before = len(plt.get_fignums()), resident_mb()
    times = []
    for _, control, value in plan:
        started = time.perf_counter()
        control.value = value  # the callback runs now: update, blit, encode, send
        times.append(time.perf_counter() - started)
    gc.collect()
    figures_after, memory_after = len(plt.get_fignums()), resident_mb()
    naive = []
    step = max(1, len(plan) // NAIVE_UPDATES)
    for _, control, value in plan[::step][:NAIVE_UPDATES]:
        control.value = value
        started = time.perf_counter()
        _naive_render(explorer, explorer.values())
        naive.append(time.perf_counter() - started)
    ms = np.array(times) * 1000
    naive_ms = np.array(naive) * 1000
    return {
        "figure": name,
        "kind": "retrains" if "retrains" in name else "redraws",
        "updates": len(ms),
        "median_ms": round(float(np.median(ms)), 2),
        "p95_ms": round(float(np.percentile(ms, 95)), 2),
        "naive_median_ms": round(float(np.median(naive_ms)), 2),
        "speedup": round(float(np.median(naive_ms) / np.median(ms)), 1),
        "memory_growth_mb": round(memory_after - memory_before, 2),
        "open_figures_before": figures_before,
        "open_figures_after": figures_after,
        "png_kb": round(len(explorer.image.value) / 1024, 1),
    }


def measure_all(updates: int = 200, only: tuple[str, ...] = ()) -> list[dict]:
    return [measure(name, build, updates) for name, build in figures().items()
            if not only or any(word in name for word in only)]
