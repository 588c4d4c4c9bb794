"""Frames ready before they are asked for: the frame cache, the positions a drag can reach, and
drawing them ahead in an event loop's idle time (helpers/figures/frames.py).

Structural only: no timing here (see benchmarks/).
"""

import asyncio
import threading

import ipywidgets as widgets
import numpy as np
import pytest

from helpers.figures import catalogue, frames, style
from helpers.figures.frames import DrawAhead, FrameCache, key, positions, reachable
from helpers.figures.live import Explorer, int_slider, log_slider, slider

EXPLORERS = catalogue.explorers()


# --- The frame cache -------------------------------------------------------------------------


def test_the_frame_cache_stays_within_its_bounds_and_counts_its_bytes():
    cache = FrameCache(max_frames=3, max_bytes=100)
    for k in range(5):
        cache.put((k,), bytes(10), f"words {k}")
    assert len(cache) == 3 and cache.nbytes == 30
    assert cache.get((0,)) is None and cache.get((4,)) == (bytes(10), "words 4")
    cache.get((2,))  # shown again: now the most recent, so it outlives 3
    for k in range(5, 12):
        cache.put((k,), bytes(30), None)
        assert cache.nbytes <= 100 and len(cache) <= 3
    assert cache.nbytes == sum(len(cache.get(key)[0]) for key in list(cache._frames))
    cache.put((99,), bytes(101), None)  # larger than the whole cache: not kept
    assert cache.get((99,)) is None and cache.nbytes <= 100
    cache.put(([1],), bytes(1), None)  # an unhashable value: not kept, no error
    assert cache.get(([1],)) is None and ([1],) not in cache


def test_a_value_computed_two_ways_finds_the_same_frame():
    assert key((0.1 + 0.2, 3, "a")) == key((0.3, 3, "a"))
    assert key({"w": 10 ** (-3 + 0.05 * 7)}) == key({"w": 10 ** -2.65})
    assert key((0.3,)) != key((0.31,)) and key((1e-3,)) != key((1.0001e-3,))


# --- The positions a drag can reach ----------------------------------------------------------


def test_a_slider_s_positions_are_the_values_it_can_take():
    steps = positions(slider("w", 0.0, -3, 3, 0.1))
    assert len(steps) == 61 and steps[0] == -3 and steps[-1] == 3
    assert key((steps[37],)) == key((0.7,))
    rates = positions(log_slider("η", 0.1, 0.001, 10))
    assert len(rates) == 81 and rates[0] == pytest.approx(1e-3) and rates[-1] == 10
    assert np.allclose(np.diff(np.log10(rates)), 0.05)
    assert positions(int_slider("step", 2, 0, 5)) == [0, 1, 2, 3, 4, 5]
    choice = widgets.SelectionSlider(options=[1, 10, 140], value=10)
    assert positions(choice) == [1, 10, 140]
    with pytest.raises(TypeError, match="control should be one of the course's sliders, got "
                                        "Checkbox"):
        positions(widgets.Checkbox())


def test_the_reachable_positions_move_one_slider_nearest_first():
    controls = {"a": int_slider("a", 2, 0, 4), "b": int_slider("b", 0, 0, 3)}
    every = reachable(controls, limit=100)
    # One step on either slider first, then two, ...; never where the sliders stand.
    assert every == [{"a": 1, "b": 0}, {"a": 3, "b": 0}, {"a": 2, "b": 1},
                     {"a": 0, "b": 0}, {"a": 4, "b": 0}, {"a": 2, "b": 2},
                     {"a": 2, "b": 3}]
    assert reachable(controls, limit=3) == every[:3]


# --- Drawing ahead ---------------------------------------------------------------------------


def moving_line_explorer(calls=None, fail_at=None):
    def scene():
        fig, (ax,) = style.new_figure(4, 3)
        ax.set(xlim=(0, 1), ylim=(0, 1))
        (moving,) = ax.plot([0, 1], [1, 0], color="red")

        def update(height):
            if calls is not None:
                calls.append(height)
            if fail_at is not None and abs(height - fail_at) < 1e-9:
                raise ValueError("this position cannot be drawn")
            moving.set_ydata([height, 1 - height])
            return f"the line starts at {height:.1f}"

        return fig, [moving], update

    return Explorer(scene, {"height": slider("height", 0.5, 0, 1, 0.1)}, "a moving line")


def in_a_loop(work, seconds=3.0):
    """Run work() inside an event loop, as a cell runs in a kernel, then leave the loop idle
    until every explorer has drawn ahead (at most `seconds`); what work returned."""

    async def main():
        result = work()
        deadline = asyncio.get_running_loop().time() + seconds
        while (not all(e.done for e in DrawAhead._explorers)
               and asyncio.get_running_loop().time() < deadline):
            await asyncio.sleep(0.02)
        return result

    return asyncio.run(main())


@pytest.fixture(autouse=True)
def no_explorers_left_over():
    DrawAhead._explorers.clear()
    yield
    DrawAhead._explorers.clear()


def test_without_an_event_loop_nothing_is_drawn_ahead():
    calls = []
    explorer = moving_line_explorer(calls)
    assert explorer.ahead.done and explorer.ahead.drawn == 0 and len(explorer.cache) == 1
    assert calls == [0.5]


def test_an_idle_loop_draws_every_reachable_frame_the_same_as_drawn_anew():
    calls = []
    explorer = in_a_loop(lambda: moving_line_explorer(calls))
    assert explorer.ahead.done and explorer.ahead.drawn == 10 and len(explorer.cache) == 11
    drawn = len(calls)
    fresh = moving_line_explorer()
    for value in positions(explorer.controls["height"]):
        explorer.controls["height"].value = value
        fresh.controls["height"].value = value
        assert (bytes(explorer.image.value), explorer.caption.value) == (
            bytes(fresh.image.value), fresh.caption.value)
    assert len(calls) == drawn, "every position answered from the frames drawn ahead"


def test_a_slider_move_holds_the_drawing_ahead_back_for_a_quiet_moment(monkeypatch):
    monkeypatch.setattr(frames, "QUIET", 0.2)

    async def main():
        explorer = moving_line_explorer()
        loop = asyncio.get_running_loop()
        started = loop.time()
        while loop.time() - started < 0.5:
            explorer.controls["height"].value = 0.1 if explorer.controls[
                "height"].value != 0.1 else 0.2  # a drag, a move every 20 ms
            await asyncio.sleep(0.02)
        during = explorer.ahead.drawn
        await asyncio.sleep(0.6)
        return during, explorer.ahead.drawn

    during, after = asyncio.run(main())
    assert during == 0, "nothing is drawn ahead while a slider moves"
    assert after > 0


def test_a_frame_that_cannot_be_drawn_stops_the_drawing_ahead_without_an_error():
    explorer = in_a_loop(lambda: moving_line_explorer(fail_at=0.6))
    assert explorer.ahead.failed and explorer.ahead.done
    explorer.controls["height"].value = 0.4  # drawn ahead before the failure
    assert explorer.caption.value == "the line starts at 0.4"
    with pytest.raises(ValueError, match="cannot be drawn"):  # on demand, the error shows
        explorer.controls["height"].value = 0.6


def test_only_the_most_recently_used_explorers_keep_their_frames(monkeypatch):
    monkeypatch.setattr(frames, "ACTIVE", 2)

    def build_three():
        first, second = moving_line_explorer(), moving_line_explorer()
        first.controls["height"].value = 0.1  # used again: the second is now the oldest
        return first, second, moving_line_explorer()

    first, second, third = in_a_loop(build_three)
    assert DrawAhead._explorers == [first.ahead, third.ahead]
    assert len(second.cache) == 0 and second.ahead.done
    assert len(first.cache) == len(third.cache) == 11


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_explorer_draws_ahead_the_frames_a_move_would_draw(name):
    explorer = EXPLORERS[name]()
    for _ in range(4):
        assert explorer.ahead.step()
    fresh = EXPLORERS[name]()
    for position in reachable(explorer.controls, limit=4):
        for slider_name, value in position.items():
            fresh.controls[slider_name].value = value
        assert explorer.cache.get(key(position)) == (bytes(fresh.image.value), fresh.words), (
            position)


def test_frames_drawn_ahead_never_push_the_nearer_ones_out_of_a_full_cache():
    explorer = moving_line_explorer()
    frame = len(bytes(explorer.image.value))
    explorer.cache.max_bytes = 6 * frame  # room for about five of the ten positions
    for value in (0.0, 1.0, 0.9):  # seen before, far away: forgotten first
        explorer.controls["height"].value = value
    explorer.controls["height"].value = 0.5
    while explorer.ahead.step():
        pass
    nearest = [key(p) for p in reachable(explorer.controls, limit=4)]
    assert all(k in explorer.cache for k in nearest), "the four nearest positions are kept"
    assert explorer.cache.nbytes <= explorer.cache.max_bytes
    assert explorer.ahead.done


def test_slider_moves_on_another_thread_never_mix_with_the_frames_drawn_ahead(monkeypatch):
    # JupyterLab may send slider moves to a kernel subshell, which runs them on its own thread
    # while the frames are drawn ahead on the thread that runs cells.
    monkeypatch.setattr(frames, "QUIET", 0.0)

    async def main():
        explorer = moving_line_explorer()
        control = explorer.controls["height"]

        def drag():
            for value in [0.1, 0.9, 0.3, 0.7, 0.2, 0.8] * 10:
                control.value = value

        mover = threading.Thread(target=drag)
        mover.start()
        while mover.is_alive() or not explorer.ahead.done:
            await asyncio.sleep(0.001)
        mover.join()
        return explorer

    explorer = asyncio.run(main())
    fresh = moving_line_explorer()
    assert len(explorer.cache) == 11
    for value in positions(fresh.controls["height"]):
        fresh.controls["height"].value = value
        assert explorer.cache.get(key((value,))) == (bytes(fresh.image.value), fresh.words)
