"""Kernel side of the slider benchmark: every interactive figure of the course, built as its
notebook builds it, driven across its sliders' ranges.

`sliders.py` runs `measure_all()` inside a real Jupyter kernel. Each figure is measured three
ways in the same run:

- the course's way (update the moving artists, blit, encode, send), with each update split into
  maths (the scene's update), drawing (LiveFigure.draw), encoding (LiveFigure.encode, or the
  rest of LiveFigure.render) and sending (the rest: setting the widgets' values, which sends
  them);
- the floor: a slider that only swaps pre-rendered frames of the same size and format into an
  `ipywidgets.Image` (the fastest a kernel slider can be); every figure is reported as a ratio
  to its own floor, measured in the same kernel minutes apart;
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
from helpers.figures.frames import positions
from helpers.figures.live import Explorer

# How many naive renders to time per figure (they are slow; the ratio needs only a few dozen).
NAIVE_UPDATES = 20
# How many different pre-rendered frames the floor slider swaps between.
FLOOR_FRAMES = 12
PARTS = ("maths", "draw", "encode", "send")


def figures() -> dict[str, Callable[[], Explorer]]:
    """Every interactive figure in notebooks 01–05 (helpers.figures.catalogue), by name."""
    return catalogue.explorers()


def sweep(control, count: int) -> list:
    """`count` slider positions from its minimum to its maximum and back (again, if needed), as
    a person drags: every one a position the slider can take (frames.positions), each one
    different from the one before, so each one is a real update."""
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
    """Times spent, during one update, in the parts of a redraw (wrapped on the instances):
    maths (the scene's update), draw (LiveFigure.draw), encode (LiveFigure.encode, or the rest
    of LiveFigure.render) and send (the widgets' send_state: serialising and sending)."""

    def __init__(self, explorer: Explorer):
        self.spent = dict.fromkeys(("maths", "draw", "encode", "render", "send"), 0.0)
        explorer._update = self._timed("maths", explorer._update)
        live = explorer.live
        live.draw = self._timed("draw", live.draw)
        if hasattr(live, "encode"):
            live.encode = self._timed("encode", live.encode)
        live.render = self._timed("render", live.render)
        for widget in (explorer.image, getattr(explorer, "caption", None)):
            if widget is not None:
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
        """Seconds of maths, draw, encode and send in the update since start()."""
        spent = self.spent
        # An encode inside render is counted once; a render without encode() is draw + encode.
        encode = spent["encode"] or max(0.0, spent["render"] - spent["draw"])
        return {"maths": spent["maths"], "draw": spent["draw"], "encode": encode,
                "send": spent["send"]}


class Run:
    """One figure measured in this kernel: its sweep (`steps`, as (widget id, value) so that a
    client can send each move as the browser does, a comm message), what each move cost inside
    the kernel, memory and figures over the sweep, then its floor slider and the naive way."""

    def __init__(self, name: str, build: Callable[[], Explorer], updates: int = 200):
        self.name = name
        self.explorer = explorer = build()
        controls = list(explorer.controls.values())
        per_control = max(2, updates // len(controls))
        self.plan = [(control, value) for control in controls
                     for value in sweep(control, per_control)]
        explorer.redraw()  # warm-up: first draws fill font and glyph caches
        self.profile = _Profile(explorer)
        self.cache = getattr(explorer, "cache", None)
        self.parts, self.hits = [], []
        self._hits_before = 0
        for control in controls:  # after the explorer's own observer: the update is done
            control.observe(self._updated, names="value")
        gc.collect()
        self.figures_before, self.memory_before = len(plt.get_fignums()), resident_mb()
        self.floor_control = self.floor_image = None

    def steps(self) -> list[tuple[str, object]]:
        return [(control.model_id, value) for control, value in self.plan]

    def before_update(self) -> None:
        self.profile.start()
        self._hits_before = self.cache.hits if self.cache is not None else 0

    def _updated(self, change: dict) -> None:
        self.parts.append(self.profile.parts())
        self.hits.append(self.cache is not None and self.cache.hits > self._hits_before)
        self.profile.start()
        self._hits_before = self.cache.hits if self.cache is not None else 0

    def move(self, index: int) -> float:
        """Make move `index` here, in the kernel; the seconds it took (no message handling)."""
        control, value = self.plan[index]
        self.before_update()
        started = time.perf_counter()
        control.value = value  # the callback runs now: update, blit, encode, send
        return time.perf_counter() - started

    def end_of_sweep(self) -> list[tuple[str, object]]:
        """Memory and figures after the sweep; then build the floor slider, return its steps."""
        for control in self.explorer.controls.values():
            control.unobserve(self._updated, names="value")
        gc.collect()
        self.figures_after, self.memory_after = len(plt.get_fignums()), resident_mb()
        explorer = self.explorer
        frames = []
        for control, value in self.plan[:: max(1, len(self.plan) // FLOOR_FRAMES)]:
            control.value = value
            if bytes(explorer.image.value) not in frames:
                frames.append(bytes(explorer.image.value))
        frames = frames[:FLOOR_FRAMES]
        if len(frames) < 2:
            frames.append(frames[0])
        self.frames = frames
        self.floor_image = widgets.Image(
            value=frames[0], format=explorer.image.format,
            layout=widgets.Layout(width=explorer.image.layout.width,
                                  height=explorer.image.layout.height))
        self.floor_control = widgets.IntSlider(value=0, min=0, max=len(frames) - 1,
                                               continuous_update=True)
        self.floor_control.observe(self._swap, names="value")
        return [(self.floor_control.model_id, value)
                for value in sweep(self.floor_control, len(self.plan))]

    def begin_settled(self) -> None:
        """Forget every frame, as if the figure had just been built, and let the explorer draw
        ahead from where its sliders stand (in the kernel's idle time, see frames.py)."""
        self.explorer.cache.clear()
        self.explorer.ahead.moved()
        self.settle_started = time.perf_counter()
        self.settle_s = None
        self.settled_memory_before = None

    def ready(self) -> bool:
        """Whether every frame one drag can reach from here is drawn; the first time, the
        seconds it took are kept and memory is measured (the warm-up is over)."""
        done = self.explorer.ahead.done
        if done and self.settle_s is None:
            self.settle_s = time.perf_counter() - self.settle_started
            self.drawn_ahead = len(self.explorer.cache)
            gc.collect()
            self.settled_memory_before = resident_mb()
        return done

    def settled_steps(self, index: int) -> list[tuple[str, object]]:
        """Slider `index`'s sweep, for after the explorer has drawn ahead: a learner drags one
        slider, lets go and looks, then drags the next."""
        control = list(self.explorer.controls.values())[index]
        per_control = max(2, len(self.plan) // len(self.explorer.controls))
        return [(control.model_id, value) for value in sweep(control, per_control)]

    def _swap(self, change: dict) -> None:
        self.floor_image.value = self.frames[change["new"]]

    def move_floor(self, value: int) -> float:
        started = time.perf_counter()
        self.floor_control.value = value
        return time.perf_counter() - started

    def result(self, round_trips_ms: list[float], floor_ms: list[float], how: str,
               settled_ms: list[float] | None = None) -> dict:
        """The figure's row; `how`: what the times are ("round trip": comm message to idle);
        settled_ms: the same sweep made after the explorer drew ahead (begin_settled)."""
        settled = {}
        if settled_ms:
            gc.collect()
            floor_median = float(np.median(floor_ms))
            settled = {
                "settled_median_ms": round(float(np.median(settled_ms)), 2),
                "settled_p95_ms": round(float(np.percentile(settled_ms, 95)), 2),
                "settled_x_floor": round(float(np.median(settled_ms)) / floor_median, 2),
                "settle_s": round(self.settle_s, 2),
                "drawn_ahead": self.drawn_ahead,
                "settled_memory_growth_mb": round(resident_mb() - self.settled_memory_before,
                                                  2),
                "cache_mb": round(self.explorer.cache.nbytes / 2**20, 2),
            }
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
        hits = np.array(self.hits[: len(ms)] + [False] * (len(ms) - len(self.hits)))
        cold = ms[~hits] if (~hits).any() else ms
        naive_ms = np.array(naive) * 1000
        floor_median = float(np.median(floor_ms))
        cold_parts = [p for p, hit in zip(self.parts, hits, strict=False) if not hit]
        breakdown = {part: round(float(np.median([p[part] for p in cold_parts] or [0])) * 1000, 2)
                     for part in PARTS}
        breakdown["rest"] = round(max(0.0, float(np.median(cold)) - sum(breakdown.values())), 2)
        return {
            "figure": self.name,
            "kind": "retrains" if "retrains" in self.name else "redraws",
            "timed": how,
            "updates": len(ms),
            "median_ms": round(float(np.median(ms)), 2),
            "p95_ms": round(float(np.percentile(ms, 95)), 2),
            "cold_median_ms": round(float(np.median(cold)), 2),
            "cache_hits": int(hits.sum()),
            "floor_median_ms": round(floor_median, 2),
            "floor_p95_ms": round(float(np.percentile(floor_ms, 95)), 2),
            "x_floor": round(float(np.median(ms)) / floor_median, 2),
            "cold_x_floor": round(float(np.median(cold)) / floor_median, 2),
            # Medians over the updates drawn anew (cache misses); rest: message handling.
            "breakdown_ms": breakdown,
            "naive_median_ms": round(float(np.median(naive_ms)), 2),
            "speedup": round(float(np.median(naive_ms) / np.median(ms)), 1),
            "memory_growth_mb": round(self.memory_after - self.memory_before, 2),
            "cache_mb": round(getattr(self.cache, "nbytes", 0) / 2**20, 2),
            "open_figures_before": self.figures_before,
            "open_figures_after": self.figures_after,
            "png_kb": round(len(explorer.image.value) / 1024, 1),
            **settled,
        }


_RUNS: dict[str, Run] = {}


def start(name: str, updates: int = 200) -> list[tuple[str, object]]:
    """Build figure `name` for a client to drive; its steps as (widget id, value)."""
    _RUNS[name] = Run(name, figures()[name], updates)
    return _RUNS[name].steps()


def measure(name: str, build: Callable[[], Explorer], updates: int = 200) -> dict:
    """Time `updates` slider moves spread over the figure's sliders, in this process (no
    message handling: the callback's time only), with its floor and the naive way alongside."""
    run = Run(name, build, updates)
    times = [run.move(i) * 1000 for i in range(len(run.plan))]
    floor_ms = [run.move_floor(value) * 1000 for _, value in run.end_of_sweep()]
    return run.result(times, floor_ms, "in the kernel (callback only)")


def measure_all(updates: int = 200, only: tuple[str, ...] = ()) -> list[dict]:
    return [measure(name, build, updates) for name, build in figures().items()
            if not only or any(word in name for word in only)]
