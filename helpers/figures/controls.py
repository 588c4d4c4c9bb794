"""The controls of every live figure: the course's sliders, and the checks every explorer runs
on its ranges and starting values before it draws anything (so a start off its slider gets a
sentence, not a silent clamp)."""

from __future__ import annotations

import numbers
from collections.abc import Callable

import ipywidgets as widgets
import numpy as np
from traitlets import TraitError

from .. import _validate, network

SLIDER_LAYOUT = {"width": "430px"}
SLIDER_STYLE = {"description_width": "110px"}
# Every explorer redraws on each slider move and draws every step, so its step count is kept
# to what a picture can show and a slider can reach.
MAX_EXPLORER_STEPS = 1_000
# Every learning-rate slider of the course says the same.
LR_LABEL = "learning rate η"


# --- Checks at the edge (ranges and starting values) ----------------------------------------


def _range(value: object, name: str, log: bool = False) -> tuple[float, float]:
    """A slider's or an axis's (low, high); for a logarithmic slider both must be positive."""
    low, high = _validate.interval(value, name)
    if not np.isfinite(high - low):
        raise ValueError(f"{name} is too wide to draw: ({low:g}, {high:g})")
    if log and low <= 0:
        raise ValueError(f"{name} is a logarithmic slider's range, so both ends should be "
                         f"positive, got ({low:g}, {high:g})")
    return low, high


def _within(value: object, name: str, low: float, high: float) -> float:
    """A starting value that lies on its slider: the slider would silently clamp it."""
    result = _validate.number(value, name)
    if not low <= result <= high:
        shown = f"{value}" if isinstance(value, numbers.Integral) else f"{result:g}"
        raise ValueError(f"{name} should be between {low:g} and {high:g} (the slider's range), "
                         f"got {shown}")
    return result


def _whole(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} should be a whole number, got {value!r}")
    return int(value)


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} should be a string, got {type(value).__name__}")
    return value


def _curve(f: Callable, xs: np.ndarray, name: str) -> np.ndarray:
    """f over the points xs, checked: one finite number per point (so the axes can fit it)."""
    try:
        with np.errstate(all="ignore"):
            ys = np.asarray(f(xs))
    except (TypeError, ValueError, ArithmeticError, IndexError) as error:
        raise TypeError(f"{name} should take a numpy array of values and return one number per "
                        f"value; calling it on an array raised {type(error).__name__}: {error}"
                        ) from None
    if ys.shape != xs.shape or ys.dtype.kind not in "biuf":
        raise ValueError(f"{name} should return one real number per input value (shape "
                         f"{xs.shape}), got {ys.dtype} values of shape {ys.shape}")
    if not np.all(np.isfinite(ys)):
        raise ValueError(f"{name} gives NaN or infinity between {xs[0]:g} and {xs[-1]:g}; "
                         "it must be finite over the whole range drawn")
    return ys.astype(float)


def _network(net: object, name: str = "net") -> network.Network:
    if not isinstance(net, network.Network):
        raise TypeError(f"{name} should be a network.Network, got {type(net).__name__}")
    return net


def slider(description: str, value: float, low: float, high: float, step: float,
           readout_format: str = ".2f") -> widgets.FloatSlider:
    """A labelled slider for a number between `low` and `high`."""
    _text(description, "description")
    _text(readout_format, "readout_format")
    low, high = _range((_validate.number(low, "low"), _validate.number(high, "high")),
                       "(low, high)")
    value = _within(value, "value", low, high)
    step = _validate.positive(step, "step")
    try:
        return widgets.FloatSlider(
            value=value, min=low, max=high, step=step, description=description,
            readout_format=readout_format, continuous_update=True,
            layout=SLIDER_LAYOUT, style=SLIDER_STYLE,
        )
    except TraitError:  # every other argument is checked above
        raise ValueError(f"readout_format should be a number format like '.2f', got "
                         f"{readout_format!r}") from None


def int_slider(description: str, value: int, low: int, high: int) -> widgets.IntSlider:
    """A labelled slider for a whole number between `low` and `high`."""
    _text(description, "description")
    low, high = _whole(low, "low"), _whole(high, "high")
    if not low < high:
        raise ValueError(f"(low, high) should have low < high, got ({low}, {high})")
    value = int(_within(_whole(value, "value"), "value", low, high))
    return widgets.IntSlider(
        value=value, min=low, max=high, step=1, description=description,
        continuous_update=True, layout=SLIDER_LAYOUT, style=SLIDER_STYLE,
    )


def log_slider(description: str, value: float, low: float, high: float,
               steps_per_decade: int = 20) -> widgets.FloatLogSlider:
    """A slider that moves in equal ratios between `low` and `high` (a learning rate)."""
    _text(description, "description")
    low, high = _range((_validate.number(low, "low"), _validate.number(high, "high")),
                       "(low, high)", log=True)
    value = _within(value, "value", low, high)
    steps_per_decade = _validate.count(steps_per_decade, "steps_per_decade", maximum=1_000)
    return widgets.FloatLogSlider(
        value=value, base=10, min=np.log10(low), max=np.log10(high),
        step=1 / steps_per_decade, description=description, readout_format=".3g",
        continuous_update=True, layout=SLIDER_LAYOUT, style=SLIDER_STYLE,
    )
