"""Re-execute the notebooks top to bottom in a fresh kernel and save them with their outputs.

    python tools/regenerate.py                 # every notebook in notebooks/
    python tools/regenerate.py notebooks/01_perceptron.ipynb
    python tools/regenerate.py --check         # fail if a saved notebook is not what a run gives

The result is byte-for-byte the same every time: no timing metadata, widget models given ids
derived from the notebook's name instead of random ones, cells given ids from their position.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KEPT_NOTEBOOK_METADATA = ("kernelspec", "language_info", "widgets")
KEPT_CELL_METADATA = ("jupyter", "tags", "collapsed")
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def execute(path: Path, timeout: int = 300) -> nbformat.NotebookNode:
    """Run the notebook at `path` in a fresh kernel, from its own folder, and return it."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
        record_timing=False,
        # A kernel under load may flush one cell's printing in several pieces; merge them so
        # the saved notebook does not depend on timing.
        coalesce_streams=True,
        allow_errors=False,
    )
    client.execute()
    return notebook


def _model_order(notebook: nbformat.NotebookNode, state: dict) -> list[str]:
    """Widget model ids in an order that does not depend on chance: depth first from each
    displayed widget, in cell order, following references in the order they are stored."""
    order: list[str] = []

    def visit(model_id: str) -> None:
        if model_id in order or model_id not in state:
            return
        order.append(model_id)
        stored = json.dumps(state[model_id].get("state", {}), sort_keys=True)
        for reference in re.findall(r"IPY_MODEL_([0-9a-f]{32})", stored):
            visit(reference)

    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view:
                visit(view["model_id"])

    def content(model_id: str) -> str:
        return re.sub(r"[0-9a-f]{32}", "", json.dumps(state[model_id], sort_keys=True))

    return order + sorted((m for m in state if m not in order), key=content)


def _stable_ids(notebook: nbformat.NotebookNode, name: str) -> str:
    """The notebook as text, with random widget model ids replaced by ones derived from `name`."""
    text = nbformat.writes(notebook)
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for index, model_id in enumerate(_model_order(notebook, state)):
        stable = hashlib.sha256(f"{name}:{index}".encode()).hexdigest()[:32]
        text = text.replace(model_id, stable)
    # Serialise again so the widget state is stored in the order of its new ids.
    return nbformat.writes(nbformat.reads(text, as_version=4))


def tidy(notebook: nbformat.NotebookNode, name: str) -> str:
    """Drop metadata that changes from run to run and return the notebook as saved text."""
    # JupyterLab adds a kernelspec to a notebook that lacks one, and then asks to save it.
    notebook.metadata.kernelspec = KERNELSPEC
    notebook.metadata = nbformat.from_dict(
        {key: notebook.metadata[key] for key in KEPT_NOTEBOOK_METADATA if key in notebook.metadata}
    )
    stem = Path(name).stem.split("_")[0]
    for index, cell in enumerate(notebook.cells):
        cell.id = f"c{stem}-{index:03d}"
        cell.metadata = nbformat.from_dict(
            {key: cell.metadata[key] for key in KEPT_CELL_METADATA if key in cell.metadata}
        )
    text = _stable_ids(notebook, name)
    return text if text.endswith("\n") else text + "\n"


def regenerate(path: Path) -> str:
    """The text the notebook at `path` should be saved as."""
    return tidy(execute(path), path.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a saved notebook differs from a fresh run")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(NOTEBOOKS.glob("*.ipynb"))
    stale = []
    for path in paths:
        text = regenerate(path)
        if args.check:
            if path.read_text(encoding="utf-8") != text:
                stale.append(path)
                print(f"{path.name}: differs from a fresh run")
            else:
                print(f"{path.name}: up to date")
        else:
            path.write_text(text, encoding="utf-8")
            print(f"{path.name}: regenerated")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
