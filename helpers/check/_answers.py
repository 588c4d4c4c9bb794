"""How the checks read a learner's answer and say their verdict: any value a learner can type
is turned into a number, a vector or a shape, or into a kind sentence about what it is; a
learner's function is called safely, with a time limit; every verdict is one line that starts
with ✓ or ✗.
"""

from __future__ import annotations

import functools
import inspect
import numbers
import warnings
from collections.abc import Callable

import numpy as np

from . import _time_limit

RIGHT = "✓ "
NOT_YET = "✗ Not yet. "


def say(ok: bool, text: str) -> None:
    print((RIGHT if ok else NOT_YET) + one_line(text))


def one_line(text: str) -> str:
    return " ".join(text.split())


def guarded(body: Callable[..., None]) -> Callable[..., None]:
    """Run a check with numpy's and Python's warnings silenced (a learner's overflow is judged
    by its result); answer a call with the wrong arguments, a learner's function that does not
    return (see call_learner) and anything unforeseen with a ✗ line rather than a traceback."""
    signature = inspect.signature(body)

    @functools.wraps(body)
    def checked(*args, **kwargs) -> None:
        try:
            signature.bind(*args, **kwargs)
        except TypeError as error:
            return say(False, f"Call it as check.{body.__name__}"
                       f"({', '.join(signature.parameters)}): {error}.")
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                body(*args, **kwargs)
        except _time_limit.OutOfTime:
            say(False, f"Your function did not return within {_time_limit.SECONDS:g} s — is "
                "there a loop that never ends?")
        except Exception as error:  # a last resort: every answer the tests know is handled
            say(False, f"This answer could not be checked ({_error_text(error)}). Compare its "
                 "form with the example in the exercise.")

    return checked


def _error_text(error: BaseException) -> str:
    """An exception as 'Type: message', on one short line."""
    try:
        message = one_line(str(error))
    except Exception:  # a learner's exception class may fail even at this
        message = ""
    if len(message) > 120:
        message = message[:117] + "..."
    name = type(error).__name__
    return f"{name}: {message}" if message else name


def show(value: object) -> str:
    """A learner's answer in a few words, on one line."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) \
            and abs(int(value)) >= 10**15:
        digits = int(abs(int(value)).bit_length() * 0.30103) + 1
        sign = "a negative" if value < 0 else "a"
        return f"{sign} whole number with about {digits} digits"
    if callable(value) and hasattr(value, "__name__"):
        return f"the function {value.__name__}"
    try:
        text = one_line(repr(value))
    except Exception:  # a broken __repr__
        text = " at 0x"
    if " at 0x" in text:  # <object object at 0x7f...>: the type says more than the address
        return f"an object of type {type(value).__name__}"
    return text if len(text) <= 40 else text[:37] + "..."


def scalar(value: object) -> object:
    """A numpy array holding one int or float as that one number; anything else unchanged."""
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
        return value.reshape(-1)[0]
    return value


def read_number(value: object, name: str) -> tuple[float | None, str | None]:
    """(the answer as a finite float, None), or (None, a sentence saying what is wrong)."""
    value = scalar(value)
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        return None, f"{name} should be a single number (like 0.75), but it is {show(value)}."
    try:
        result = float(value)
    except OverflowError:  # a Python int like 10**400
        return None, (f"{name} is {show(value)}, too large for a computer to hold as a "
                      "number. Check for a typo.")
    except Exception:  # a strange subclass of numbers.Real
        return None, f"{name} should be a single number (like 0.75), but it is {show(value)}."
    if np.isnan(result):
        return None, f"{name} is nan (not a number): somewhere a calculation went wrong."
    if np.isinf(result):
        return None, f"{name} is {result}; it should be a finite number."
    return result, None


def read_whole(value: object) -> int | None:
    """The answer as an exact int if it is a whole number (10, 10.0, np.int64(10)), else None."""
    value = scalar(value)
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    number, _ = read_number(value, "")
    return int(number) if number is not None and number.is_integer() else None


def read_vector(value: object, length: int) -> np.ndarray | None:
    """The answer as a finite float array of `length` numbers, or None."""
    if isinstance(value, str | bytes) or value is None:
        return None
    try:
        raw = np.asarray(value)
        if raw.dtype.kind not in "iuf":  # bools, text, objects (10**400 lands here too)
            return None
        result = raw.astype(float).reshape(-1)
    except Exception:  # ragged lists, objects whose __array__ fails
        return None
    if result.shape != (length,) or not np.all(np.isfinite(result)):
        return None
    return result


def fixed(value: float) -> str:
    """A number with four decimals, or in exponent form if it is huge."""
    return f"{value:.4f}" if abs(value) < 1e9 else f"{value:.4g}"


def call_learner(function: Callable, *args) -> tuple[object, str | None]:
    """Call the learner's function; return its result, or a sentence about what went wrong.
    One that has not returned within the time limit raises _time_limit.OutOfTime, which
    `guarded` answers."""
    try:
        return _time_limit.call(function, *args), None
    except Exception as error:  # a learner's function may fail in any way; say how
        return None, f"your function raised {_error_text(error)}"


def read_array(value: object) -> np.ndarray | None:
    """What a learner's function returned, as a numpy array of numbers, or None if it is not
    one (text, a ragged list, an object that is no array)."""
    if isinstance(value, str | bytes):
        return None
    try:
        raw = np.asarray(value)
    except Exception:  # a ragged list, an object that is no array
        return None
    return raw if raw.dtype.kind in "iuf" else None
