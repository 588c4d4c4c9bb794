"""The sliders of every live figure, and the checks every figure runs on its ranges and starting
values before it draws anything (so a start off its slider gets a sentence, not a silent clamp).

A figure describes its sliders (``_slider``, ``_int_slider``, ``_log_slider``, ``_choice``);
the explorer makes the widgets: an ordinary slider where the kernel draws each move, or a slider
over frames made in advance where the browser picks the frame (see ``frames``).
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from .. import _validate, network

# As wide as 430 px, or as the screen where it is narrower (a phone).
SLIDER_LAYOUT = {"width": "430px", "max_width": "100%"}
SLIDER_STYLE = {"description_width": "110px"}
# Every explorer draws every step of a walk, so its step count is kept to what a picture can
# show and a slider can reach.
MAX_EXPLORER_STEPS = 1_000
# Every learning-rate slider of the course says the same.
LR_LABEL = "learning rate η"
# The largest number (in size) a figure's axis, slider or data may reach: far beyond what the
# course draws (±20 at most), and small enough that what a figure computes from it (a grid of
# points through a network, a loss) stays a finite number.
MAX_MAGNITUDE = 1e6
# A logarithmic slider's range lies within these (learning rates, curvatures).
LOG_RANGE = (1e-12, 1e12)


# How a screen reader should say the symbols of a slider's name: Greek letters by their names
# ("learning rate η" -> "learning rate eta"), subscripts as plain digits ("w₁" -> "w1").
SPOKEN = {
    **{letter: f" {name} " for letter, name in zip(
        "αβγδεζηθικλμνξπρστυφχψωΔΣ∇",
        ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
         "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi",
         "omega", "Delta", "Sigma", "nabla"), strict=True)},
    **{chr(0x2080 + digit): str(digit) for digit in range(10)},
}


def _spoken(description: str) -> str:
    """A slider's accessible name: its description with each symbol spelled out (SPOKEN), as a
    screen reader should announce the slider ("momentum β" -> "momentum beta")."""
    words = " ".join("".join(SPOKEN.get(c, c) for c in description).split())
    return re.sub(r" ([,.;:)])", r"\1", words)


# --- Checks at the edge (ranges and starting values) ----------------------------------------


def _range(value: object, name: str, log: bool = False, step: float | None = None
           ) -> tuple[float, float]:
    """A slider's or an axis's (low, high), within ±MAX_MAGNITUDE; for a logarithmic slider
    both positive and within LOG_RANGE. With `step`, a slider in steps of `step` (of the
    exponent, for a logarithmic one) over it must have at most MAX_POSITIONS positions."""
    low, high = _validate.interval(value, name)
    if log and low <= 0:
        raise ValueError(f"{name} is a logarithmic slider's range, so both ends should be "
                         f"positive, got ({low:g}, {high:g})")
    bounds = LOG_RANGE if log else (-MAX_MAGNITUDE, MAX_MAGNITUDE)
    if not bounds[0] <= low < high <= bounds[1]:
        raise ValueError(f"{name} should lie between {bounds[0]:g} and {bounds[1]:g} (a range a "
                         f"figure can draw), got ({low:g}, {high:g})")
    span = np.log10(high / low) if log else high - low
    if step is not None and span / step >= MAX_POSITIONS:
        raise ValueError(f"{name} is too wide for a slider in steps of {step:g}: it would have "
                         f"{span / step + 1:,.0f} positions, more than {MAX_POSITIONS:,}; "
                         "choose a shorter range")
    return low, high


def _moderate(value: object, name: str) -> float | np.ndarray:
    """A number, or an array of numbers, each within ±MAX_MAGNITUDE (so that what a figure
    computes from it stays a finite number)."""
    values = _validate.array(value, name, ndim=None)
    if np.any(np.abs(values) > MAX_MAGNITUDE):
        raise ValueError(f"{name} should lie between {-MAX_MAGNITUDE:g} and {MAX_MAGNITUDE:g} "
                         f"(what a figure can draw), got {np.max(np.abs(values)):g} in size")
    return float(values) if values.ndim == 0 else values


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


def _curve(f: Callable, xs: np.ndarray, name: str, over: str) -> np.ndarray:
    """f over the points xs (the range `over` of the figure), checked: one finite number per
    point (so the axes can fit it)."""
    try:
        with np.errstate(all="ignore"):
            ys = np.asarray(f(xs))
    except (TypeError, IndexError) as error:
        raise TypeError(f"{name} should take a numpy array of values and return one number per "
                        f"value; calling it on an array raised {type(error).__name__}: {error}"
                        ) from None
    except (ValueError, ArithmeticError) as error:
        raise ValueError(f"{over} ({xs[0]:g}, {xs[-1]:g}) is where {name} is drawn, but {name} "
                         f"cannot be computed there: {error}") from None
    if ys.shape != xs.shape or ys.dtype.kind not in "biuf":
        raise ValueError(f"{name} should return one real number per input value (shape "
                         f"{xs.shape}), got {ys.dtype} values of shape {ys.shape}")
    if not np.all(np.isfinite(ys)):
        raise ValueError(f"{name} gives NaN or infinity between {xs[0]:g} and {xs[-1]:g} "
                         f"({over}); it must be finite over the whole range drawn")
    return ys.astype(float)


def _network(net: object, name: str = "net") -> network.Network:
    if not isinstance(net, network.Network):
        raise TypeError(f"{name} should be a network.Network, got {type(net).__name__}")
    return net


# --- The sliders -----------------------------------------------------------------------------

# The most positions a slider may have (as many as the most steps a run may take).
MAX_POSITIONS = _validate.MAX_STEPS


@dataclass(frozen=True)
class _Slider:
    """A slider as a figure describes it: its name (what a screen reader reads), where it
    starts, every value it can take in order (`values`), how its readout writes a value, and
    the range of the ordinary widget (low, high and step; for a log slider, of the exponent).
    `widget()` makes the ordinary slider; `frames._slider_frames` one over frames made ahead."""

    description: str
    value: float
    values: tuple
    kind: str  # "float", "int", "log" or "choice"
    readout_format: str
    span: tuple = ()  # (low, high, step) of the widget; none for a choice

    def widget(self) -> widgets.ValueWidget:
        """The slider as an ipywidget, starting at `value`."""
        common = {"description": self.description, "continuous_update": True,
                  "layout": SLIDER_LAYOUT, "style": SLIDER_STYLE}
        if self.kind == "choice":
            return widgets.SelectionSlider(options=[(self.label(v), v) for v in self.values],
                                           value=self.value, **common)
        low, high, step = self.span
        if self.kind == "int":
            return widgets.IntSlider(value=self.value, min=low, max=high, step=step, **common)
        if self.kind == "log":
            return widgets.FloatLogSlider(value=self.value, base=10, min=low, max=high,
                                          step=step, readout_format=self.readout_format,
                                          **common)
        return widgets.FloatSlider(value=self.value, min=low, max=high, step=step,
                                   readout_format=self.readout_format, **common)

    def label(self, value: float) -> str:
        """A value as the slider's readout writes it."""
        return format(value, self.readout_format) if self.readout_format else str(value)


def _positions(values: np.ndarray, high: float, start: float) -> tuple:
    """The positions of a slider: `values` (evenly spaced from its low end), its high end and
    its start among them, rounded so that they read as typed (0.3, not 0.30000000000000004)."""
    values = [float(f"{v:.12g}") for v in values]
    for extra in (high, start):
        if not any(math.isclose(v, extra, rel_tol=1e-9, abs_tol=1e-12) for v in values):
            values = sorted([*values, extra])
    return tuple(start if math.isclose(v, start, rel_tol=1e-9, abs_tol=1e-12) else v
                 for v in values)


def _slider(description: str, value: float, low: float, high: float, step: float,
            readout_format: str = ".2f") -> _Slider:
    """A labelled slider for a number between `low` and `high`, in steps of `step`."""
    _text(description, "description")
    _text(readout_format, "readout_format")
    try:
        format(1.0, readout_format)
    except ValueError:
        raise ValueError(f"readout_format should be a number format like '.2f', got "
                         f"{readout_format!r}") from None
    low, high = _range((_validate.number(low, "low"), _validate.number(high, "high")),
                       "(low, high)")
    value = _within(value, "value", low, high)
    step = _validate.positive(step, "step")
    count = math.floor((high - low) / step + 1e-9)
    if count < 1:
        raise ValueError(f"step should be at most the slider's range ({high - low:g}), got "
                         f"{step:g}")
    if count >= MAX_POSITIONS:
        raise ValueError(f"step {step:g} gives the slider {count + 1:,} positions, more than "
                         f"{MAX_POSITIONS:,}; choose a larger step or a shorter range")
    values = _positions(low + step * np.arange(count + 1), high, value)
    return _Slider(description, value, values, "float", readout_format, (low, high, step))


def _int_slider(description: str, value: int, low: int, high: int, step: int = 1) -> _Slider:
    """A labelled slider for a whole number between `low` and `high`, in steps of `step`."""
    _text(description, "description")
    low, high = _whole(low, "low"), _whole(high, "high")
    if not low < high:
        raise ValueError(f"(low, high) should have low < high, got ({low}, {high})")
    step = _validate.count(step, "step", maximum=high - low)
    value = int(_within(_whole(value, "value"), "value", low, high))
    if (high - low) // step >= MAX_POSITIONS:
        raise ValueError(f"step {step} gives the slider {(high - low) // step + 1:,} positions, "
                         f"more than {MAX_POSITIONS:,}; choose a larger step")
    values = sorted({*range(low, high + 1, step), high, value})
    return _Slider(description, value, tuple(values), "int", "d", (low, high, step))


def _log_slider(description: str, value: float, low: float, high: float,
                steps_per_decade: int = 20) -> _Slider:
    """A slider that moves in equal ratios between `low` and `high` (a learning rate)."""
    _text(description, "description")
    low, high = _range((_validate.number(low, "low"), _validate.number(high, "high")),
                       "(low, high)", log=True)
    value = _within(value, "value", low, high)
    steps_per_decade = _validate.count(steps_per_decade, "steps_per_decade", maximum=1_000)
    low_exponent, high_exponent = math.log10(low), math.log10(high)
    step = 1 / steps_per_decade
    count = math.floor((high_exponent - low_exponent) / step + 1e-9)
    if count >= MAX_POSITIONS:
        raise ValueError(f"the slider would have {count + 1:,} positions, more than "
                         f"{MAX_POSITIONS:,}; choose fewer steps_per_decade or a shorter range")
    values = _positions(10.0 ** (low_exponent + step * np.arange(count + 1)), high, value)
    return _Slider(description, value, values, "log", ".3g", (low_exponent, high_exponent, step))


def _choice(description: str, value: object, options: tuple) -> _Slider:
    """A slider through a few given values (batch sizes), its readout the value itself."""
    _text(description, "description")
    options = tuple(options)
    if value not in options:
        raise ValueError(f"value should be one of {list(options)}, got {value!r}")
    return _Slider(description, value, options, "choice", "")
