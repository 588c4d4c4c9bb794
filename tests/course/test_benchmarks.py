"""The slider benchmark covers every interactive figure of the notebooks, and runs.

No timing is asserted here (machines are noisy): the numbers are for `benchmarks/sliders.py`.
"""

import matplotlib.pyplot as plt
import pytest

from benchmarks import figures as FIGURES
from benchmarks import sliders as SLIDERS
from helpers.figures import live

# Which figures the benchmark measures is helpers.figures.catalogue, held to the notebooks by
# tests/unit/figures/test_catalogue.py; here, that the benchmark's own machinery works.


def test_sweeps_cover_the_range_and_always_move():
    for control in (live.slider("x", 0.5, -1, 1, 0.1),
                    live.int_slider("n", 0, 0, 5),
                    live.log_slider("learning rate η", 0.1, 1e-3, 10)):
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
    assert row["floor_median_ms"] > 0 and row["x_floor"] > 0 and row["cold_median_ms"] > 0
    assert set(row["breakdown_ms"]) == {"maths", "draw", "encode", "send", "rest"}
    assert row["breakdown_ms"]["draw"] > 0 and row["breakdown_ms"]["encode"] > 0
    assert plt.get_fignums() == before


def test_the_table_shows_every_figure_against_its_floor(monkeypatch):
    monkeypatch.setattr(FIGURES, "NAIVE_UPDATES", 2)
    row = FIGURES.measure("04 tangent", FIGURES.figures()["04 tangent"], updates=8)
    assert row["cache_hits"] >= 1, "a sweep there and back comes back to positions seen"
    text = SLIDERS.table([row])
    assert "04 tangent" in text and "×floor" in text and "maths" in text
    slow = {**row, "x_floor": SLIDERS.FLOOR_TARGETS["redraws"] + 1}
    assert "floor" in SLIDERS.verdict(slow)
