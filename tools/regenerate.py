"""Re-execute the notebooks top to bottom in a fresh kernel and save them with their outputs.

    python tools/regenerate.py                 # every notebook in notebooks/
    python tools/regenerate.py notebooks/01_perceptron.ipynb
    python tools/regenerate.py --check         # fail if a saved notebook is not what a run gives

The result is the same every time: no timing metadata, widget models given ids derived from the
notebook's name instead of random ones, cells given ids from their position. Text is compared
exactly; pictures are compared as a person sees them, pixel by pixel (see `same_picture`),
because PNG bytes differ between CPUs that round the last bit of a float differently. A saved
notebook that a fresh run reproduces in that sense is left as it is, byte for byte.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import io
import json
import re
import sys
from pathlib import Path

import nbformat
import numpy as np
from nbclient import NotebookClient
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KEPT_NOTEBOOK_METADATA = ("kernelspec", "language_info", "widgets")
KEPT_CELL_METADATA = ("jupyter", "tags", "collapsed")
# Tags of a test tool the course no longer uses (nbval's): plumbing no learner should see.
DROPPED_TAGS = ("nbval-ignore-output",)
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


# The CSS class of the Stacks of a slider over frames made in advance (helpers/figures/frames.py).
FRAMES_CLASS = "explorer-frames"


def _references(value: object) -> set[str]:
    """The widget models a stored state refers to (as "IPY_MODEL_<id>")."""
    return set(re.findall(r"IPY_MODEL_([0-9a-f]{32})", json.dumps(value)))


def keep_starting_frames(notebook: nbformat.NotebookNode) -> None:
    """Keep in the saved widget state only the widgets that outputs show, and of a slider over
    frames made in advance only the starting picture and text line. The links that switch the
    frames go too (no output shows a link), so a page that reads the saved state without a
    kernel (nbviewer) shows the starting picture; GitHub shows the snapshot printed before it.
    The frames exist while the kernel runs; the file does not grow with them."""
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for model in state.values():
        stored = model.get("state", {})
        if model.get("model_name") == "StackModel" and FRAMES_CLASS in stored.get(
                "_dom_classes", ()):
            stored["children"] = [stored["children"][stored["selected_index"]]]
            stored["selected_index"] = 0
    kept: set[str] = set()
    todo = [output["data"][WIDGET_VIEW]["model_id"] for cell in notebook.cells
            for output in cell.get("outputs", []) if WIDGET_VIEW in output.get("data", {})]
    while todo:
        model_id = todo.pop()
        if model_id in state and model_id not in kept:
            kept.add(model_id)
            todo += _references(state[model_id].get("state", {}))
    for model_id in set(state) - kept:
        del state[model_id]


def tidy(notebook: nbformat.NotebookNode, name: str) -> str:
    """Drop metadata that changes from run to run and return the notebook as saved text."""
    keep_starting_frames(notebook)
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
        tags = [tag for tag in cell.metadata.get("tags", []) if tag not in DROPPED_TAGS]
        if tags:
            cell.metadata.tags = tags
        else:
            cell.metadata.pop("tags", None)
    text = _stable_ids(notebook, name)
    return text if text.endswith("\n") else text + "\n"


# Two pictures look the same when they have the same size and at most this fraction of their
# pixels differ by more than PIXEL_TOLERANCE levels (of 255) in some colour channel. Inputs
# nudged by one unit in the last place move anti-aliased edges by at most 2 levels; a line moved
# by a few pixels or a changed colour alters thousands of pixels by up to 255.
PIXEL_TOLERANCE = 16
DIFFERENT_PIXELS_ALLOWED = 0.001
PNG_BASE64 = "iVBORw0KGgo"  # how every PNG file starts, in base64


def _pixels(encoded: str) -> np.ndarray | None:
    """A base64 PNG as an (height, width, 4) int array, or None if it is not one."""
    try:
        picture = Image.open(io.BytesIO(base64.b64decode(encoded)))
        return np.asarray(picture.convert("RGBA"), dtype=np.int16)
    except (binascii.Error, OSError, ValueError):
        return None


def same_picture(first: str, second: str) -> bool:
    """Do two base64 PNGs look the same to a person? (See PIXEL_TOLERANCE.)"""
    if first == second:
        return True
    a, b = _pixels(first), _pixels(second)
    if a is None or b is None or a.shape != b.shape:
        return False
    different = np.abs(a - b).max(axis=2) > PIXEL_TOLERANCE
    return different.mean() <= DIFFERENT_PIXELS_ALLOWED


# Text that differs from one machine to another and carries no meaning, as (pattern, stand-in):
# both sides are compared with it replaced.
ROUNDING = (
    # A gradient check's relative error: its digits are rounding noise, its verdict is not.
    (re.compile(r"(?<=relative error )\d\.\de[-+]\d\d"), "X.Xe-XX"),
    # A memory address in a repr, "<Foo object at 0x7f3a2c1b9d90>".
    (re.compile(r"(?<= at )0x[0-9a-fA-F]{6,16}\b"), "0xADDRESS"),
)


def _without_rounding(text: str) -> str:
    for pattern, stand_in in ROUNDING:
        text = pattern.sub(stand_in, text)
    return text


def differences(saved: object, fresh: object, where: str = "") -> list[str]:
    """Where two notebooks (as parsed JSON) differ: everything exactly, except that PNG
    pictures (outputs and widget state alike) are compared with `same_picture`, and text
    without its rounding noise (ROUNDING)."""
    if isinstance(saved, dict) and isinstance(fresh, dict):
        if saved.keys() != fresh.keys():
            return [f"{where}: keys {sorted(saved)} != {sorted(fresh)}"]
        return [d for key in saved for d in differences(saved[key], fresh[key], f"{where}/{key}")]
    if isinstance(saved, list) and isinstance(fresh, list):
        if len(saved) != len(fresh):
            return [f"{where}: {len(saved)} items != {len(fresh)}"]
        return [d for i, (a, b) in enumerate(zip(saved, fresh, strict=True))
                for d in differences(a, b, f"{where}/{i}")]
    if isinstance(saved, str) and isinstance(fresh, str) and saved != fresh \
            and saved.startswith(PNG_BASE64) and fresh.startswith(PNG_BASE64):
        return [] if same_picture(saved, fresh) else [f"{where}: the picture changed"]
    if isinstance(saved, str) and isinstance(fresh, str) and saved != fresh \
            and _without_rounding(saved) == _without_rounding(fresh):
        return []
    return [] if saved == fresh else [f"{where}: {str(saved)[:60]!r} != {str(fresh)[:60]!r}"]


def _keep_saved_pictures(saved: object, fresh: object) -> object:
    """`fresh`, with each picture that looks the same as the saved one replaced by the saved
    bytes (so that another CPU's rounding does not rewrite a notebook)."""
    if isinstance(saved, dict) and isinstance(fresh, dict) and saved.keys() == fresh.keys():
        return {key: _keep_saved_pictures(saved[key], fresh[key]) for key in fresh}
    if isinstance(saved, list) and isinstance(fresh, list) and len(saved) == len(fresh):
        return [_keep_saved_pictures(a, b) for a, b in zip(saved, fresh, strict=True)]
    if isinstance(saved, str) and isinstance(fresh, str) and saved.startswith(PNG_BASE64) \
            and fresh.startswith(PNG_BASE64) and same_picture(saved, fresh):
        return saved
    return fresh


def merge(saved_text: str, fresh_text: str) -> str:
    """The text to save: the fresh run, keeping the saved bytes of pictures that look the same."""
    merged = _keep_saved_pictures(json.loads(saved_text), json.loads(fresh_text))
    text = nbformat.writes(nbformat.from_dict(merged))
    return text if text.endswith("\n") else text + "\n"


def notebook_differences(saved_text: str, fresh_text: str) -> list[str]:
    """`differences` between two notebooks given as saved text."""
    if saved_text == fresh_text:
        return []
    return differences(json.loads(saved_text), json.loads(fresh_text))


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
        found = notebook_differences(path.read_text(encoding="utf-8"), text)
        if args.check:
            if found:
                stale.append(path)
                print(f"{path.name}: differs from a fresh run at", *found[:5], sep="\n  ")
            else:
                print(f"{path.name}: up to date")
        else:
            saved = path.read_text(encoding="utf-8")
            merged = merge(saved, text)
            if merged != saved:
                path.write_text(merged, encoding="utf-8")
                print(f"{path.name}: regenerated" + ("" if found else " (format only)"))
            else:
                print(f"{path.name}: unchanged (a fresh run looks the same)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
