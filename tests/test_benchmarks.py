"""The slider benchmark covers every interactive figure of the notebooks, and runs.

No timing is asserted here (machines are noisy): the numbers are for `benchmarks/sliders.py`.
"""

import importlib.util
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_figures():
    spec = importlib.util.spec_from_file_location("figures", ROOT / "benchmarks" / "figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIGURES = load_figures()


def explorer_calls(notebook):
    return re.findall(r"interactive\.(\w+_explorer)\(", notebook.read_text(encoding="utf-8"))


def test_every_explorer_of_every_notebook_is_benchmarked():
    names = list(FIGURES.figures())
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        calls = explorer_calls(notebook)
        assert set(calls) <= set(FIGURES.BUILDERS), notebook.name
        number = notebook.name[:2]
        benchmarked = [name for name in names if name.startswith(number + " ")]
        assert len(benchmarked) == len(calls), f"{notebook.name}: {calls} vs {benchmarked}"


def test_sweeps_cover_the_range_and_always_move():
    from helpers import interactive

    for control in (interactive.slider("x", 0.5, -1, 1, 0.1),
                    interactive.int_slider("n", 0, 0, 5),
                    interactive.log_slider("learning rate η", 0.1, 1e-3, 10)):
        values = FIGURES.sweep(control, 40)
        assert len(values) == 40 and values[0] != control.value
        assert all(a != b for a, b in zip(values, values[1:], strict=False))
        low, high = (10**control.min, 10**control.max) if "Log" in type(control).__name__ \
            else (control.min, control.max)
        assert min(values) == pytest.approx(low) and max(values) == pytest.approx(high)


def test_a_measurement_reports_everything_and_leaks_no_figure(monkeypatch):
    monkeypatch.setattr(FIGURES, "NAIVE_UPDATES", 2)
    build = FIGURES.figures()["03 line fit"]
    before = plt.get_fignums()
    row = FIGURES.measure("03 line fit", build, updates=6)
    assert row["updates"] == 6 and row["kind"] == "redraws"
    assert row["open_figures_before"] == row["open_figures_after"]
    assert row["median_ms"] > 0 and row["naive_median_ms"] > 0 and row["speedup"] > 0
    assert plt.get_fignums() == before
