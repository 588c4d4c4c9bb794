"""The catalogue of explorers matches the notebooks: each explorer call in notebook 0N's code
cells is one catalogue entry named "0N ...", calling the same function of the module that the
notebook imports as `figures`."""

import re
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

import nbformat
import pytest

from helpers.figures import (
    catalogue,
    digits,
    gradient_descent,
    layers,
    learning_rate,
    loss,
    perceptron,
)

ROOT = Path(__file__).resolve().parents[3]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0[0-9]_*.ipynb"))
MODULES = (perceptron, layers, loss, gradient_descent, learning_rate, digits)
EXPLORER_CALL = re.compile(r"figures\.(\w+_explorer)\(")
FIGURES_IMPORT = re.compile(r"^from helpers\.figures import (\w+) as figures$", re.MULTILINE)


def code_of(path):
    notebook = nbformat.read(path, as_version=4)
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")


def catalogue_calls():
    """{entry name: [(module, explorer function), ...] that its builder called}, building no
    explorer: every *_explorer function of the notebook modules is replaced by a recorder."""
    calls, current = {}, []

    def recorder(module, function):
        return lambda *args, **kwargs: current.append((module.__name__.rsplit(".", 1)[-1],
                                                       function))

    with ExitStack() as stack:
        for module in MODULES:
            for function in dir(module):
                if function.endswith("_explorer"):
                    stack.enter_context(mock.patch.object(module, function,
                                                          recorder(module, function)))
        for name, build in catalogue.explorers().items():
            current.clear()
            build()
            calls[name] = list(current)
    return calls


CALLS = catalogue_calls()


def test_there_are_notebooks_to_check():
    assert [path.name[:2] for path in NOTEBOOKS] == ["01", "02", "03", "04", "05", "06"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_the_catalogue_builds_exactly_the_explorers_of_each_notebook(path):
    code = code_of(path)
    (module,) = FIGURES_IMPORT.findall(code)
    in_notebook = Counter(EXPLORER_CALL.findall(code))
    assert in_notebook, f"{path.name} builds no explorer"
    entries = {name: calls for name, calls in CALLS.items() if name.startswith(path.name[:2] + " ")}
    for name, calls in entries.items():
        assert len(calls) == 1, f"{name!r} should build one explorer, it called {calls}"
        assert calls[0][0] == module, f"{name!r} calls {calls[0]}, but {path.name} uses {module}"
    in_catalogue = Counter(calls[0][1] for calls in entries.values())
    assert in_catalogue == in_notebook
    assert len(entries) == sum(in_notebook.values())


def test_every_catalogue_entry_belongs_to_a_notebook():
    numbers = {path.name[:2] for path in NOTEBOOKS}
    assert {name[:3] for name in CALLS} <= {f"{number} " for number in numbers}
