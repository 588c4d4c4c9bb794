"""tools/regenerate.py compares notebooks as a person sees them: text exactly, pictures by pixels.

The saved notebooks were made on one CPU; another CPU may round the last bit of a float the
other way, which moves anti-aliased edges by a level or two and changes the PNG bytes. That must
not fail a newcomer's first test run, while a figure that really changed must.
"""

import base64
import io
import json

import numpy as np
import pytest

from helpers import data, descent, losses
from helpers.figures import gradient_descent as figures
from tools import regenerate


def line_fit_descent_png(nudge=lambda a: a, shift=(0.0, 0.0), color=None) -> str:
    """Notebook 04's descent-on-the-loss-surface figure (the one that differed between CPUs),
    as base64 PNG, from inputs optionally nudged."""
    x, y = data.noisy_line(n=20)
    walk = descent.gradient_descent(lambda w: losses.line_mse(x, y, w[0], w[1]),
                                    lambda w: losses.line_loss_grad(x, y, w[0], w[1]),
                                    start=[-0.5, 2.5], lr=0.3, steps=60)
    fig = figures.line_fit_figure(nudge(x), nudge(y), nudge(walk.path) + np.array(shift))
    if color is not None:
        fig.axes[0].lines[0].set_color(color)
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return base64.b64encode(out.getvalue()).decode()


@pytest.fixture(scope="module")
def original():
    return line_fit_descent_png()


def test_inputs_one_unit_in_the_last_place_away_give_the_same_picture(original):
    one_ulp = line_fit_descent_png(nudge=lambda a: np.nextafter(a, np.inf))
    assert regenerate.same_picture(original, one_ulp)


@pytest.mark.parametrize("change", [{"shift": (0.03, 0.0)}, {"color": "#009E73"}],
                         ids=["path moved by 0.03 in slope", "path in green"])
def test_a_figure_that_really_changed_is_a_different_picture(original, change):
    assert not regenerate.same_picture(original, line_fit_descent_png(**change))


def notebook(text: str, picture: str) -> str:
    cell = {"cell_type": "code", "outputs": [
        {"output_type": "stream", "name": "stdout", "text": text},
        {"output_type": "display_data", "data": {"image/png": picture}}]}
    return json.dumps({"cells": [cell], "metadata": {"widgets": {"state": {"m": {
        "buffers": [{"encoding": "base64", "data": picture}]}}}}})


def test_notebooks_differ_by_text_exactly_and_by_pictures_as_seen(original):
    one_ulp = line_fit_descent_png(nudge=lambda a: np.nextafter(a, np.inf))
    moved = line_fit_descent_png(shift=(0.03, 0.0))
    assert regenerate.notebook_differences(notebook("loss 0.112", original),
                                           notebook("loss 0.112", one_ulp)) == []
    found = regenerate.notebook_differences(notebook("loss 0.112", original),
                                            notebook("loss 0.113", original))
    assert found == ["/cells/0/outputs/0/text: 'loss 0.112' != 'loss 0.113'"]
    found = regenerate.notebook_differences(notebook("loss 0.112", original),
                                            notebook("loss 0.112", moved))
    assert found == ["/cells/0/outputs/1/data/image/png: the picture changed",
                     "/metadata/widgets/state/m/buffers/0/data: the picture changed"]


def test_a_gradient_check_s_rounding_noise_is_no_difference_but_its_verdict_is():
    saved = {"text": "relative error 4.2e-11: ✓ the derivatives agree"}
    assert regenerate.differences(saved, {"text": "relative error 3.9e-11: ✓ the derivatives "
                                                  "agree"}) == []
    assert regenerate.differences(saved, {"text": "relative error 4.2e-01: ✗ they disagree: "
                                                  "the exact derivative has a mistake"})



def test_a_saved_notebook_carries_no_tag_of_a_test_tool():
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x", metadata={"tags": ["nbval-ignore-output", "keep"]}),
        nbformat.v4.new_code_cell("y", metadata={"tags": ["nbval-ignore-output"]})])
    saved = nbformat.reads(regenerate.tidy(notebook, "09_example.ipynb"), as_version=4)
    assert [cell.metadata.get("tags") for cell in saved.cells] == [["keep"], None]
