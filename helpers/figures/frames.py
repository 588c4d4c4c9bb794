"""Frames ready before they are asked for: the frames of slider positions seen before, and the
frames a drag can reach, drawn ahead while the kernel has nothing else to do.

A drag moves one slider; the others stay where they are. So from where an explorer's sliders
stand, the pictures one drag can ask for are each slider's positions with the others as they
are. ``DrawAhead`` draws those, nearest first, into the explorer's ``FrameCache``: one frame at
a time, in the kernel's event loop (the loop that also receives slider moves and runs cells), and
only when no slider has moved for ``QUIET`` seconds. A learner who reads the text before dragging
then drags through frames that are already made, and the kernel only swaps bytes, as fast as a
slider can be. A move that arrives while a frame is being drawn waits for that one frame.

Where no event loop runs (a script, a test), nothing is drawn ahead: every frame is drawn when
it is asked for, as before.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping

import ipywidgets as widgets
import numpy as np

from .. import _validate

# --- Frames seen before ----------------------------------------------------------------------
# The cache of frames by slider position (FrameCache): bounded in count and in bytes.
CACHE_FRAMES = 400
CACHE_BYTES = 4 * 1024 * 1024


def key(values: Mapping[str, object] | tuple) -> tuple:
    """The cache key of these slider values: floats to 10 significant digits, so that the value
    the browser sends (computed in JavaScript) and the same position computed here agree."""
    values = values.values() if isinstance(values, Mapping) else values
    return tuple(float(f"{v:.10g}") if isinstance(v, float) else v for v in values)


class FrameCache:
    """The frames (PNG bytes) and words last shown, by slider values: a position seen before
    answers at once. Bounded: at most `max_frames` frames and `max_bytes` bytes of pictures,
    the least recently shown forgotten first; `nbytes` counts what it holds."""

    def __init__(self, max_frames: int = CACHE_FRAMES, max_bytes: int = CACHE_BYTES):
        self.max_frames = _validate.count(max_frames, "max_frames", minimum=0,
                                          maximum=10**6)
        self.max_bytes = _validate.count(max_bytes, "max_bytes", minimum=0, maximum=2**40)
        self._frames: OrderedDict = OrderedDict()
        self.nbytes = 0
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._frames)

    def __contains__(self, key: tuple) -> bool:
        try:
            return key in self._frames
        except TypeError:
            return False

    def touch(self, key: tuple) -> int | None:
        """Mark a kept frame as just used (it is then forgotten last); its size in bytes, or
        None if it is not kept."""
        if key not in self:
            return None
        self._frames.move_to_end(key)
        return len(self._frames[key][0])

    def get(self, key: tuple) -> tuple[bytes, str | None] | None:
        """(picture, words) shown for these slider values, or None if not kept."""
        try:
            frame = self._frames[key]
        except (KeyError, TypeError):  # TypeError: a value that cannot be a key (unhashable)
            self.misses += 1
            return None
        self._frames.move_to_end(key)
        self.hits += 1
        return frame

    def put(self, key: tuple, picture: bytes, words: str | None) -> None:
        """Keep (picture, words) for these slider values, forgetting the oldest beyond the
        bounds."""
        try:
            old = self._frames.pop(key, None)
        except TypeError:
            return
        if old is not None:
            self.nbytes -= len(old[0])
        if len(picture) > self.max_bytes or self.max_frames == 0:
            return
        self._frames[key] = (picture, words)
        self.nbytes += len(picture)
        while len(self._frames) > self.max_frames or self.nbytes > self.max_bytes:
            _, (forgotten, _) = self._frames.popitem(last=False)
            self.nbytes -= len(forgotten)

    def clear(self) -> None:
        self._frames.clear()
        self.nbytes = 0


# --- The positions a drag can reach ----------------------------------------------------------


def positions(control: widgets.ValueWidget) -> list:
    """Every value a slider can take, in order (a float slider moves in steps of `step` from
    `min`, a log slider in steps of its exponent, a selection slider through its options)."""
    if isinstance(control, widgets.SelectionSlider):
        return list(control.options)
    if isinstance(control, widgets.FloatLogSlider):
        count = round((control.max - control.min) / control.step)
        exponents = control.min + control.step * np.arange(count + 1)
        return [float(v) for v in control.base ** np.minimum(exponents, control.max)]
    if isinstance(control, widgets.IntSlider):
        return list(range(control.min, control.max + 1, control.step))
    if isinstance(control, widgets.FloatSlider):
        count = round((control.max - control.min) / control.step)
        values = control.min + control.step * np.arange(count + 1)
        return [float(v) for v in np.minimum(values, control.max)]
    raise TypeError(f"control should be one of the course's sliders, got "
                    f"{type(control).__name__}")


def reachable(controls: Mapping[str, widgets.ValueWidget], limit: int) -> list[dict]:
    """At most `limit` slider positions one drag can reach from where the sliders stand, as
    {name: value}, nearest first: one step either way on every slider, then two, and so on."""
    here = {name: control.value for name, control in controls.items()}
    rings: list[list[dict]] = []
    for name, control in controls.items():
        values = positions(control)
        if isinstance(control, widgets.SelectionSlider):
            at = values.index(here[name])
        else:
            at = int(np.argmin(np.abs(np.asarray(values, dtype=float) - here[name])))
        for distance in range(1, len(values)):
            ring = [values[i] for i in (at - distance, at + distance) if 0 <= i < len(values)]
            if not ring:
                break
            while len(rings) < distance:
                rings.append([])
            rings[distance - 1].extend({**here, name: value} for value in ring)
    return [position for ring in rings for position in ring][:limit]


# --- Drawing ahead, in the kernel's idle time ------------------------------------------------
# Seconds with no slider move (in any explorer) before drawing ahead goes on: a drag is never
# slowed by it, and after a release the learner's next move waits for at most one frame.
QUIET = 1.5
# The explorers that draw ahead at once, most recently built or moved kept: the frames of the
# figures a learner has left are let go, so memory stays bounded over a long session.
ACTIVE = 6


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class DrawAhead:
    """Draws an explorer's reachable frames into its cache in the kernel's idle time.

    draw(values) -> (frame, words) draws the picture at those slider values; cache: where the
    frames go; controls: the sliders, by name; frame_bytes: the size of one frame, to keep the
    plan within the cache; lock: the explorer's lock, held while its figure is drawn or its
    cache changes. (JupyterLab may send slider moves to a kernel subshell, which runs them on
    a thread of its own: the lock keeps them from drawing on the figure at the same time as
    the frames drawn ahead, which are always drawn in the event loop of the thread that built
    the explorer, the one that runs cells.)"""

    _explorers: list[DrawAhead] = []  # the ones drawing ahead (at most ACTIVE)
    _built = 0
    _handle: asyncio.TimerHandle | None = None  # the next turn, in the loop `_loop`
    _loop: asyncio.AbstractEventLoop | None = None
    _last_move = 0.0
    _lock = threading.Lock()  # for the class's own state, shared by every explorer

    def __init__(self, draw: Callable[[dict], tuple[bytes, str | None]], cache: FrameCache,
                 controls: Mapping[str, widgets.ValueWidget], frame_bytes: int,
                 lock: threading.RLock):
        self.draw, self.cache, self.controls, self.lock = draw, cache, dict(controls), lock
        self.frame_bytes = max(1, frame_bytes)  # the mean size of the frames drawn so far
        self.drawn = 0
        self.failed: Exception | None = None
        self._plan: list[dict] | None = None
        self._kept_bytes = 0  # the bytes of the plan's frames in the cache
        self.loop = _running_loop()  # where the frames are drawn ahead; None: nowhere
        with DrawAhead._lock:
            DrawAhead._built += 1
            self.order = DrawAhead._built
        self.moved_at, self.used_at = 0.0, time.monotonic()
        self._keep()

    @property
    def done(self) -> bool:
        """Whether every frame one drag can reach from here is in the cache (or no more will be
        drawn)."""
        with self.lock:
            return (self.failed is not None or self not in DrawAhead._explorers
                    or self._next() is None)

    def moved(self) -> None:
        """A slider moved: wait until the sliders are quiet, then draw ahead from there."""
        # First, without waiting for the lock: a turn that has not begun its frame yields.
        DrawAhead._last_move = self.moved_at = self.used_at = time.monotonic()
        with self.lock:
            self._plan = None
        self._keep()

    def _keep(self) -> None:
        """Draw ahead for this explorer, if an event loop runs; let go of the least recently
        used beyond ACTIVE."""
        if self.loop is None or self.loop.is_closed():
            return
        with DrawAhead._lock:
            explorers = DrawAhead._explorers
            if self not in explorers:
                explorers.append(self)
            # The one moved last first, then the others from the top of the notebook down.
            explorers.sort(key=lambda e: (-e.moved_at, e.order))
            left = []
            while len(explorers) > ACTIVE:
                left.append(min(explorers, key=lambda e: e.used_at))
                explorers.remove(left[-1])
        for explorer in left:
            with explorer.lock:
                explorer.cache.clear()
        self.loop.call_soon_threadsafe(DrawAhead._wake, self.loop, QUIET)

    def _next(self) -> dict | None:
        """The nearest position not yet drawn, or None when every one is, or when the frames of
        the plan fill nine tenths of the cache (so that they never push each other out: the
        plan's frames are the most recently used, and the cache forgets the others first)."""
        if self._plan is None:
            self._plan = reachable(self.controls, int(0.9 * self.cache.max_frames))
            self._kept_bytes = 0
        while self._plan:
            size = self.cache.touch(key(self._plan[0]))
            if size is None:
                break
            self._kept_bytes += size
            self._plan.pop(0)
        if self._plan and self._kept_bytes + self.frame_bytes > 0.9 * self.cache.max_bytes:
            self._plan.clear()
        return self._plan[0] if self._plan else None

    def step(self) -> bool:
        """Draw the nearest frame not yet in the cache; False if there was none."""
        with self.lock:
            values = self._next()
            if values is None:
                return False
            frame, words = self.draw(values)
            self.cache.put(key(values), frame, words)
            self._plan.pop(0)
            self._kept_bytes += len(frame)
            self.drawn += 1
            self.frame_bytes += (len(frame) - self.frame_bytes) // (self.drawn + 1)
            return True

    @classmethod
    def _wake(cls, loop: asyncio.AbstractEventLoop, delay: float) -> None:
        """Run in `loop`: the next turn in `delay` seconds, unless one is already coming."""
        if cls._handle is not None and cls._loop is loop:
            return
        cls._handle, cls._loop = loop.call_later(delay, cls._turn), loop

    @classmethod
    def _turn(cls) -> None:
        """One frame for the first explorer with work left (the one moved last first), then
        yield to the loop: a cell or a slider move waiting to run goes next."""
        loop, cls._handle = cls._loop, None
        quiet_for = time.monotonic() - cls._last_move
        if quiet_for < QUIET:
            cls._wake(loop, QUIET - quiet_for)
            return
        with cls._lock:
            explorers = [e for e in cls._explorers if e.loop is loop and e.failed is None]
        for explorer in explorers:
            try:
                if explorer.step():
                    cls._wake(loop, 0)
                    return
            except Exception as error:  # noqa: BLE001 - a move there draws it again and shows it
                explorer.failed = error


__all__ = ["ACTIVE", "CACHE_BYTES", "CACHE_FRAMES", "QUIET", "DrawAhead", "FrameCache", "key",
           "positions", "reachable"]
