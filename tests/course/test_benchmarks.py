"""The slider benchmark covers every interactive figure of the notebooks, and runs.

No timing is asserted here (machines are noisy): the numbers are for `benchmarks/sliders.py`.
"""

import matplotlib.pyplot as plt
import pytest

from benchmarks import figures as FIGURES
from benchmarks import sliders as SLIDERS
from helpers.figures.controls import _int_slider, _log_slider, _slider

# Which figures the benchmark measures is helpers.figures.catalogue, held to the notebooks by
# tests/unit/figures/test_catalogue.py; here, that the benchmark's own machinery works.


@pytest.mark.parametrize("control", [_slider("x", 0.5, -1, 1, 0.1), _int_slider("n", 0, 0, 5),
                                     _log_slider("learning rate η", 0.1, 1e-3, 10)],
                         ids=["float", "int", "log"])
def test_sweeps_cover_the_range_and_always_move(control):
    widget = control.widget()
    values = FIGURES.sweep(widget, 40)
    assert len(values) == 40 and values[0] != widget.value
    assert all(a != b for a, b in zip(values, values[1:], strict=False))
    assert min(values) == pytest.approx(control.values[0])
    assert max(values) == pytest.approx(control.values[-1])


@pytest.fixture
def few_naive_renders(monkeypatch):
    monkeypatch.setattr(FIGURES, "NAIVE_UPDATES", 2)


def test_a_figure_of_several_sliders_reports_its_moves_drawn_and_where_their_time_goes(
        few_naive_renders):
    before = plt.get_fignums()
    row = FIGURES.measure("03 line fit", FIGURES.figures()["03 line fit"], updates=12)
    assert row["answers"] == "in the kernel" and row["updates"] == 12
    assert 0 < row["drawn"] < row["updates"], "a sweep there and back comes back to frames kept"
    assert row["open_figures_before"] == row["open_figures_after"]
    assert set(row["breakdown_ms"]) == {"maths", "draw", "encode", "send", "rest"}
    assert row["breakdown_ms"]["draw"] > 0 and row["breakdown_ms"]["encode"] > 0
    assert plt.get_fignums() == before
    text = SLIDERS.table([row])
    assert "03 line fit" in text and "×floor" in text and "maths" in text
    assert "naive" in SLIDERS.verdict({**row, "speedup": 2.0})


def test_a_figure_of_one_slider_reports_its_frames_and_moves_that_draw_nothing(
        few_naive_renders):
    row = FIGURES.measure("04 parabola descent", FIGURES.figures()["04 parabola descent"],
                          updates=8)
    assert row["answers"] == "in the page" and row["frames"] == 26
    assert row["frames_mb"] > 0 and row["build_cpu_s"] > 0
    assert "breakdown_ms" not in row and "04 parabola descent" in SLIDERS.table([row])
    assert "floor" in SLIDERS.verdict({**row, "x_floor": SLIDERS.FLOOR_TARGETS["in the page"]
                                       + 1})


def test_a_move_is_sent_as_the_browser_sends_it():
    slider = _slider("x", 0.5, -1, 1, 0.1).widget()
    assert FIGURES.state_of(slider, 0.7) == {"value": 0.7}
    from helpers.figures.frames import _slider_frames

    frames = _slider_frames(_int_slider("n", 2, 0, 4), lambda v: (b"", str(v)), (1, 1))
    assert FIGURES.state_of(frames.slider, 3) == {"index": 3}
