"""Kernel side of the slider benchmark: every interactive figure of the course, built as its
notebook builds it, driven across its sliders' ranges.

`sliders.py` runs this inside a real Jupyter kernel. Each figure is measured in the same run:

- building it, as its cell does (CPU seconds): for a figure of one slider that is every frame,
  made at once (how many, and their size);
- a drag, each move sent as the browser sends it. A figure of one slider answers in the page
  (the page picks the frame), so the kernel only takes note of the new index; a figure of
  several sliders draws each new position (its moves split into maths, the scene's update;
  drawing, _LiveFigure.draw; encoding, _LiveFigure.encode; and sending, setting the widgets'
  values) or answers from its frames of positions seen;
- the floor: a slider that only swaps pre-rendered frames of the same size and format into an
  `ipywidgets.Image` through the kernel; every figure is reported as a ratio to it, measured in
  the same kernel minutes apart;
- the naive way (a new figure per update, drawn in full and saved with a tight bounding box).
"""

from __future__ import annotations

import gc
import io
import time
from collections.abc import Callable

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from helpers.figures import catalogue
from helpers.figures.live import Explorer

# How many naive renders to time per figure (they are slow; the ratio needs only a few dozen).
NAIVE_UPDATES = 20
# How many different pre-rendered frames the floor slider swaps between.
FLOOR_FRAMES = 12
PARTS = ("maths", "draw", "encode", "send")


def figures() -> dict[str, Callable[[], Explorer]]:
    """Every interactive figure in notebooks 01–05 (helpers.figures.catalogue), by name."""
    return catalogue.explorers()


def positions(control: widgets.ValueWidget) -> list:
    """Every value a slider can take, in order."""
    if isinstance(control, widgets.SelectionSlider):
        return [value for _, value in control.options]
    count = round((control.max - control.min) / control.step)
    values = control.min + control.step * np.arange(count + 1)
    if isinstance(control, widgets.IntSlider):
        return [int(v) for v in values]
    if isinstance(control, widgets.FloatLogSlider):
        values = control.base ** values
    return [float(v) for v in values]


def sweep(control: widgets.ValueWidget, count: int) -> list:
    """`count` slider positions from its minimum to its maximum and back (again, if needed), as
    a person drags: each one a position the slider can take, each different from the one
    before, so each one is a real move."""
    every = positions(control)
    stride = max(1, (len(every) - 1) // max(1, count // 2))
    forward = every[::stride]
    if forward[-1] != every[-1]:
        forward.append(every[-1])
    there_and_back = forward + forward[-2:0:-1]
    values = [there_and_back[i % len(there_and_back)] for i in range(count)]
    if values[0] == control.value:
        values = values[1:] + [values[0]]
    return values


def state_of(control: widgets.ValueWidget, value) -> dict:
    """The widget state the browser sends when the slider moves to `value`: its index for a
    slider through given options, its value for the others."""
    if isinstance(control, widgets.SelectionSlider):
        return {"index": positions(control).index(value)}
    return {"value": value}


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


class _Profile:
    """Times spent, during one move of a figure that draws its moves, in the parts of a redraw
    (wrapped on the instances): maths (the scene's update), draw (_LiveFigure.draw), encode
    (_LiveFigure.encode) and send (the widgets' send_state: serialising and sending)."""

    def __init__(self, explorer: Explorer):
        self.spent = dict.fromkeys(PARTS, 0.0)
        explorer._update = self._timed("maths", explorer._update)
        figure = explorer._figure
        figure.draw = self._timed("draw", figure.draw)
        figure.encode = self._timed("encode", figure.encode)
        for widget in explorer.children[-2:]:  # the picture and the line under it
            widget.send_state = self._timed("send", widget.send_state)

    def _timed(self, part: str, function: Callable) -> Callable:
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.spent[part] += time.perf_counter() - started
        return timed

    def start(self) -> None:
        for part in self.spent:
            self.spent[part] = 0.0

    def parts(self) -> dict[str, float]:
        """Seconds of maths, draw, encode and send since start()."""
        return dict(self.spent)


class Run:
    """One figure measured in this kernel: how long it took to build, its sweep (`steps`, as
    (widget id, state) so that a client can send each move as the browser does, a comm
    message), what each move cost inside the kernel, memory and figures over the sweep, then its
    floor slider and the naive way."""

    def __init__(self, name: str, build: Callable[[], Explorer], updates: int = 200):
        self.name = name
        gc.collect()
        started = time.process_time()
        self.explorer = explorer = build()
        self.build_s = time.process_time() - started
        self.frames = explorer._frames
        controls = list(explorer.controls.values())
        per_control = max(2, updates // len(controls))
        self.plan = [(control, value) for control in controls
                     for value in sweep(control, per_control)]
        self.profile = None if self.frames else _Profile(explorer)
        self.parts, self.drawn = [], []
        for control in controls:  # after the explorer's own observer: the move is done
            control.observe(self._moved, names="value")
        gc.collect()
        self.figures_before, self.memory_before = len(plt.get_fignums()), resident_mb()

    def steps(self) -> list[tuple[str, dict]]:
        return [(control.model_id, state_of(control, value)) for control, value in self.plan]

    def before_move(self) -> None:
        if self.profile is not None:
            self.profile.start()

    def _moved(self, change: dict) -> None:
        if self.profile is None:
            self.drawn.append(False)
            return
        self.parts.append(self.profile.parts())
        self.drawn.append(self.parts[-1]["maths"] > 0)  # not answered from the frames kept
        self.profile.start()

    def move(self, index: int) -> float:
        """Make move `index` here, in the kernel; the seconds it took (no message handling)."""
        control, value = self.plan[index]
        self.before_move()
        started = time.perf_counter()
        control.value = value  # the observers run now: update, blit, encode, send
        return time.perf_counter() - started

    def end_of_sweep(self) -> list[tuple[str, dict]]:
        """Memory and figures after the sweep; then build the floor slider, return its steps."""
        for control in self.explorer.controls.values():
            control.unobserve(self._moved, names="value")
        gc.collect()
        self.figures_after, self.memory_after = len(plt.get_fignums()), resident_mb()
        explorer = self.explorer
        frames = []
        for control, value in self.plan[:: max(1, len(self.plan) // FLOOR_FRAMES)]:
            control.value = value
            if explorer.picture().png not in frames:
                frames.append(explorer.picture().png)
        frames = frames[:FLOOR_FRAMES] or [explorer.picture().png]
        if len(frames) < 2:
            frames.append(frames[0])
        self.floor_frames = frames
        width, height = explorer.size
        self.floor_image = widgets.Image(value=frames[0], format="png", layout=widgets.Layout(
            width=f"{width}px", height=f"{height}px"))
        self.floor_control = widgets.IntSlider(value=0, min=0, max=len(frames) - 1,
                                               continuous_update=True)
        self.floor_control.observe(self._swap, names="value")
        return [(self.floor_control.model_id, {"value": value})
                for value in sweep(self.floor_control, len(self.plan))]

    def _swap(self, change: dict) -> None:
        self.floor_image.value = self.floor_frames[change["new"]]

    def move_floor(self, state: dict) -> float:
        started = time.perf_counter()
        self.floor_control.value = state["value"]
        return time.perf_counter() - started

    def result(self, round_trips_ms: list[float], floor_ms: list[float], how: str) -> dict:
        """The figure's row; `how`: what the times are ("comm round trip": the message that
        moves the slider, until the kernel is idle again)."""
        self.floor_control.close()
        self.floor_image.close()
        explorer = self.explorer
        naive = []
        step = max(1, len(self.plan) // NAIVE_UPDATES)
        for control, value in self.plan[::step][:NAIVE_UPDATES]:
            control.value = value
            started = time.perf_counter()
            _naive_render(explorer, explorer.values())
            naive.append(time.perf_counter() - started)
        ms, floor_ms = np.array(round_trips_ms), np.array(floor_ms)
        drawn = np.array(self.drawn[: len(ms)] + [False] * (len(ms) - len(self.drawn)))
        floor_median = float(np.median(floor_ms))
        naive_ms = np.array(naive) * 1000
        row = {
            "figure": self.name,
            "answers": "in the page" if self.frames else "in the kernel",
            "timed": how,
            "build_cpu_s": round(self.build_s, 2),
            "updates": len(ms),
            "median_ms": round(float(np.median(ms)), 2),
            "p95_ms": round(float(np.percentile(ms, 95)), 2),
            "floor_median_ms": round(floor_median, 2),
            "floor_p95_ms": round(float(np.percentile(floor_ms, 95)), 2),
            "x_floor": round(float(np.median(ms)) / floor_median, 2),
            "naive_median_ms": round(float(np.median(naive_ms)), 2),
            "memory_growth_mb": round(self.memory_after - self.memory_before, 2),
            "open_figures_before": self.figures_before,
            "open_figures_after": self.figures_after,
        }
        if self.frames:
            sizes = [len(frame) for frame in self.frames.frames]
            row.update(frames=len(sizes), frame_kb=round(float(np.mean(sizes)) / 1024, 1),
                       frames_mb=round(sum(sizes) / 2**20, 2))
        else:
            cold = ms[drawn] if drawn.any() else ms
            parts = [p for p, was_drawn in zip(self.parts, drawn, strict=False) if was_drawn]
            breakdown = {part: round(float(np.median([p[part] for p in parts] or [0])) * 1000, 2)
                         for part in PARTS}
            breakdown["rest"] = round(max(0.0, float(np.median(cold)) - sum(breakdown.values())),
                                      2)
            row.update(
                drawn=int(drawn.sum()), cold_median_ms=round(float(np.median(cold)), 2),
                cold_x_floor=round(float(np.median(cold)) / floor_median, 2),
                breakdown_ms=breakdown, frame_kb=round(len(explorer.picture().png) / 1024, 1),
                speedup=round(float(np.median(naive_ms) / np.median(cold)), 1),
                cache_mb=round(explorer._cache.nbytes / 2**20, 2))
        return row


_RUNS: dict[str, Run] = {}


def start(name: str, updates: int = 200) -> list[tuple[str, dict]]:
    """Build figure `name` for a client to drive; its steps as (widget id, state)."""
    _RUNS[name] = Run(name, figures()[name], updates)
    return _RUNS[name].steps()


def measure(name: str, build: Callable[[], Explorer], updates: int = 200) -> dict:
    """Time `updates` slider moves spread over the figure's sliders, in this process (no
    message handling: the observers' time only), with its floor and the naive way alongside."""
    run = Run(name, build, updates)
    times = [run.move(i) * 1000 for i in range(len(run.plan))]
    floor_ms = [run.move_floor(state) * 1000 for _, state in run.end_of_sweep()]
    return run.result(times, floor_ms, "in the kernel (observers only)")
