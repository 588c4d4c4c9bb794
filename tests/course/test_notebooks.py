"""The stored notebooks are documents: saved from one clean run, tidy, complete, reproducible,
and safe to open (no output needs a trusted notebook)."""

import re
from pathlib import Path

import nbformat
import pytest

from tools import regenerate

ROOT = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
NAMES = [path.name for path in NOTEBOOKS]
MACHINE_PATH = re.compile(r"(/work/|/root/|/home/|/tmp/|site-packages|C:\\\\)")


def load(name):
    return nbformat.read(ROOT / "notebooks" / name, as_version=4)


def outputs_text(cell):
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            yield output.name, output.text
        else:
            for mime, value in output.get("data", {}).items():
                if mime.startswith("text/"):
                    yield mime, value
            if output.output_type == "error":
                yield "error", output.ename


def test_the_course_has_notebooks():
    assert NAMES[0] == "01_perceptron.ipynb"


@pytest.mark.parametrize("name", NAMES)
def test_kernelspec_is_stored_so_opening_does_not_modify_the_notebook(name):
    assert load(name).metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("name", NAMES)
def test_saved_from_one_clean_run(name):
    cells = [cell for cell in load(name).cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in cells] == list(range(1, len(cells) + 1))


@pytest.mark.parametrize("name", NAMES)
def test_outputs_have_no_warnings_errors_or_machine_paths(name):
    for cell in load(name).cells:
        for kind, text in outputs_text(cell):
            assert kind not in ("stderr", "error"), f"{kind} output in {cell.source[:60]!r}"
            assert "Warning" not in text and "Traceback" not in text
            assert not MACHINE_PATH.search(text), f"machine path in output: {text[:80]!r}"


@pytest.mark.parametrize("name", NAMES)
def test_no_unfinished_work_and_no_path_tricks(name):
    for cell in load(name).cells:
        assert "TODO" not in cell.source and "FIXME" not in cell.source
        assert "sys.path" not in cell.source


@pytest.mark.parametrize("name", NAMES)
def test_structure_of_a_course_notebook(name):
    notebook = load(name)
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert markdown.startswith("# "), "a title first"
    assert "**What you will learn**" in markdown
    assert "## Key takeaways" in markdown
    assert "## Exercises" in markdown
    solutions = [c for c in notebook.cells
                 if c.cell_type == "code" and c.metadata.get("jupyter", {}).get("source_hidden")]
    assert 3 <= len(solutions) <= 5, "3 to 5 exercises, each with a collapsed worked solution"
    assert any("\ndef " in cell.source for cell in solutions), (
        "at least one exercise has the learner write a function")
    for cell in solutions:
        # Collapsed in JupyterLab, input and output, with a first line that gives nothing away
        # (JupyterLab shows the first line of a collapsed cell).
        assert cell.metadata["jupyter"].get("outputs_hidden"), "the ✓ would give the answer"
        assert cell.source.startswith("# Worked solution: click the three dots")
        assert "check." in cell.source
        text = "".join(t for _, t in outputs_text(cell))
        assert "✓" in text, "a worked solution must pass its own check"


def shows_a_widget(cell):
    return any(regenerate.WIDGET_VIEW in o.get("data", {}) for o in cell.get("outputs", []))


@pytest.mark.parametrize("name", NAMES)
def test_no_test_plumbing_in_the_learner_s_sight(name):
    for cell in load(name).cells:
        assert "nbval" not in cell.source.lower(), cell.source[:80]
        assert not any("nbval" in tag for tag in cell.metadata.get("tags", [])), cell.source[:80]


@pytest.mark.parametrize("name", NAMES)
def test_widget_cells_follow_a_static_picture(name):
    # Where no kernel runs (GitHub, a printed page) the picture is there all the same.
    cells = [c for c in load(name).cells if c.cell_type == "code"]
    for before, cell in zip(cells, cells[1:], strict=False):
        if shows_a_widget(cell):
            assert any("image/png" in o.get("data", {}) for o in before.outputs), (
                f"no static figure before the widget cell {cell.source[:60]!r}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_fresh_run_gives_the_saved_notebook_and_writes_no_file(path, fresh_run):
    # The suite's one run of the notebook outside JupyterLab (shared with the site's test):
    # every output compared as a person sees it, text exactly, pictures by their pixels (PNG
    # bytes differ between CPUs), widget state included.
    found = regenerate.notebook_differences(path.read_text(encoding="utf-8"),
                                            regenerate.tidy(fresh_run(path), path.name))
    assert not found, f"{path.name} is not what a fresh run gives ({found[:3]}): run " \
                      "tools/regenerate.py"
    assert fresh_run.wrote(path) == [], f"{path.name} wrote a file"


ALLOWED_OUTPUTS = {"text/plain", "image/png", "application/vnd.jupyter.widget-view+json"}


@pytest.mark.parametrize("name", NAMES)
def test_outputs_need_no_trusted_notebook(name):
    for cell in load(name).cells:
        for output in cell.get("outputs", []):
            assert set(output.get("data", {})) <= ALLOWED_OUTPUTS, output.get("data", {}).keys()
        assert "eval(" not in cell.source and "exec(" not in cell.source
