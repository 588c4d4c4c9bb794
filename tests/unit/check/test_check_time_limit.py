"""The time limit on a learner's function: a function that does not return is stopped, with the
interval timer in the main thread and with the trace function where there is no timer (Windows,
another thread); a function that returns or raises is left alone; nothing of ours stays set."""

import signal
import sys
import threading
import time

import pytest

from helpers.check import _time_limit
from helpers.check._time_limit import OutOfTime


@pytest.fixture(autouse=True)
def short_limit(monkeypatch):
    monkeypatch.setattr(_time_limit, "SECONDS", 0.1)


@pytest.fixture(autouse=True)
def _watch(watchdog):
    """Every test here may meet a function that never returns (see conftest.py)."""


TIMER = hasattr(signal, "setitimer")  # not on Windows
needs_the_timer = pytest.mark.skipif(not TIMER, reason="no interval timer here")


@pytest.fixture(params=["timer", "trace"] if TIMER else ["trace"])
def mode(request, monkeypatch):
    """Each test runs twice: with the interval timer, and as on Windows, where there is none."""
    if request.param == "trace":
        monkeypatch.delattr(signal, "setitimer")
    return request.param


def endless():
    while True:
        pass


def endless_on_one_line():
    while True: pass  # noqa: E701 (a jump back within one line is no new line for a tracer)


def doubling_recursion(n=64):
    """2⁶⁴ calls: a recursion that ends, but not in anyone's lifetime."""
    return doubling_recursion(n - 1) + doubling_recursion(n - 1) if n else 1


def swallows_the_stop():
    try:
        endless()
    except BaseException:  # a learner's bare except
        return "done"


ENDLESS = [endless, endless_on_one_line, doubling_recursion, swallows_the_stop]


@pytest.mark.parametrize("function", ENDLESS, ids=lambda f: f.__name__)
def test_a_function_that_does_not_return_is_stopped(mode, function):
    with pytest.raises(OutOfTime):
        _time_limit.call(function)


@needs_the_timer
def test_the_timer_stops_a_sleep_too():
    with pytest.raises(OutOfTime):
        _time_limit.call(time.sleep, 60)


def test_a_function_that_returns_or_raises_is_left_alone(mode):
    assert _time_limit.call(divmod, 7, 2) == (3, 1)
    with pytest.raises(ZeroDivisionError):
        _time_limit.call(divmod, 7, 0)


def busy(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return seconds


def test_the_limit_is_for_each_call_not_for_all_of_them(mode, monkeypatch):
    monkeypatch.setattr(_time_limit, "SECONDS", 0.5)
    assert [_time_limit.call(busy, 0.2) for _ in range(3)] == [0.2] * 3


def untouched():
    timer = (signal.getitimer(signal.ITIMER_REAL), signal.getsignal(signal.SIGALRM)) if TIMER \
        else ()
    return timer, sys.gettrace()


def returns():
    return 1


def raises():
    raise ZeroDivisionError


@pytest.mark.parametrize("function", [returns, raises, endless], ids=lambda f: f.__name__)
def test_no_timer_handler_or_trace_function_of_ours_is_left_set(mode, function):
    before = untouched()
    try:
        _time_limit.call(function)
    except (ZeroDivisionError, OutOfTime):
        pass
    assert untouched() == before


@needs_the_timer
def test_a_timer_set_before_gets_back_what_was_left_of_it():
    def alarm(*_):
        raise AssertionError("the outer timer fired during the call")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, 100.0)
    try:
        _time_limit.call(busy, 0.05)
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert signal.getsignal(signal.SIGALRM) is alarm
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert 99.0 < left < 100.0


def test_outside_the_main_thread_the_trace_function_stops_the_loop():
    outcome = []

    def run():
        try:
            _time_limit.call(endless_on_one_line)
        except OutOfTime:
            outcome.append("stopped")

    before = untouched()
    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert outcome == ["stopped"]
    assert untouched() == before
