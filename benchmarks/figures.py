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

from helpers.figures import catalogue
from helpers.figures.live import Explorer

# How many naive renders to time per figure (they are slow; the ratio needs only a few dozen).
NAIVE_UPDATES = 20


def figures() -> dict[str, Callable[[], Explorer]]:
    """Every interactive figure in notebooks 01–05 (helpers.figures.catalogue), by name."""
    return catalogue.explorers()


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


def _naive_render(explorer: Explorer, values: dict) -> None:
    fig, _, update = explorer.scene()
    update(**values)
    fig.savefig(io.BytesIO(), format="png", bbox_inches="tight")


def measure(name: str, build: Callable[[], Explorer], updates: int = 200) -> dict:
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
