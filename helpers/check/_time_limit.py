"""A time limit on a learner's function: one that never returns is stopped, so that the check can
say so and the kernel is free for the next cell. Nothing is left behind: no thread, no process,
and once the call is over, no timer and no trace function of ours.

In the kernel's main thread (Linux, macOS) a POSIX interval timer (SIGALRM) interrupts the
function wherever Python code or an interruptible wait (time.sleep) is running. Where there is no
such timer (Windows) or it cannot be used (a thread other than the main one, such as a kernel
subshell's), a trace function reads the clock at every line of Python the call runs (and at every
instruction of a loop written on one line): that stops any loop written in Python, but a single
long call into C (time.sleep(60)) runs to its end first, and Python code runs a few times slower
while it is traced. Neither stops a loop inside one call into C (sum(range(10**12))) before that
call ends, just as ⏹ does not.
"""

from __future__ import annotations

import dis
import signal
import sys
import time
from collections.abc import Callable
from types import CodeType

SECONDS = 5.0


class OutOfTime(BaseException):
    """The learner's function ran for SECONDS without returning. A BaseException, so that the
    learner's own `except Exception:` does not swallow it."""


def call(function: Callable, *args: object) -> object:
    """function(*args), or OutOfTime once it has run for SECONDS without returning."""
    running, stopped = True, False

    def stop(*_: object) -> None:  # the timer's signal handler, and the trace function's verdict
        nonlocal stopped
        if running:  # a signal that lands just after the call returned changes nothing
            stopped = True
            raise OutOfTime

    def run() -> object:
        nonlocal running
        try:
            return function(*args)
        finally:
            running = False

    previous = _take_the_alarm(stop)
    result = _with_timer(run, previous) if previous is not None else _with_trace(run, stop)
    if stopped:  # the function caught OutOfTime (a bare except) and went on
        raise OutOfTime
    return result


def _take_the_alarm(handler: Callable) -> object:
    """Put `handler` on SIGALRM and return the handler it replaces, or None where that cannot be
    done: no interval timer (Windows), not the main thread, or a handler set outside Python."""
    if not hasattr(signal, "setitimer") or signal.getsignal(signal.SIGALRM) is None:
        return None
    try:
        return signal.signal(signal.SIGALRM, handler)
    except ValueError:  # signals belong to the main thread
        return None


def _with_timer(run: Callable[[], object], previous: object) -> object:
    outer = signal.setitimer(signal.ITIMER_REAL, SECONDS)
    started = time.monotonic()
    try:
        return run()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer[0]:  # someone else's timer was set: it gets back what was left of it
            left = outer[0] - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6), outer[1])


def _with_trace(run: Callable[[], object], stop: Callable[[], None]) -> object:
    deadline = time.monotonic() + SECONDS
    instruction_by_instruction: dict[CodeType, bool] = {}

    def trace(frame, event, arg):
        if event == "call":
            code = frame.f_code
            if code not in instruction_by_instruction:
                instruction_by_instruction[code] = _loops_within_a_line(code)
            frame.f_trace_opcodes = instruction_by_instruction[code]
        if time.monotonic() > deadline:
            stop()
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        return run()
    finally:
        sys.settrace(previous)


def _loops_within_a_line(code: CodeType) -> bool:
    """Does `code` jump back to an instruction of the same line, as `while True: pass` does? Such
    a loop starts no new line, so a tracer sees it only instruction by instruction (which is
    several times slower than line by line, so only such code is traced that way)."""
    instructions = list(dis.get_instructions(code))
    line_at = {instruction.offset: instruction.positions.lineno for instruction in instructions}
    return any(instruction.opname.startswith("JUMP_BACKWARD")
               and line_at.get(instruction.argval) == instruction.positions.lineno
               for instruction in instructions)
